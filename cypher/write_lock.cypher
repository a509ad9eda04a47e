// First write step of every upsert, one round trip. $batch.rows (sorted by id by the caller, so that
// concurrent writers lock in the same order):
// * a row with props (an entity of the batch, its label from the ontology allow-list, checked by
//   the caller): MERGE it; a new entity is created whole (row.props: every property of the node,
//   graph/store/neo4j_model.py) and linked to its match keys (row.keys) at once, so that
//   apply_entities need not touch it; an existing one is write-locked (ON MATCH SET of the label it
//   has: a lock, no write). A new entity carries a _created marker until the end of this query,
//   which is how the row tells the two apart;
// * a row without props (an endpoint the batch does not carry, or an entity a merge reads):
//   write-lock it (the same label set), never create it; its stored state is read when row.read.
// Last, the _created markers are removed: nothing of them is committed.
// One row: per locked node (a missing node is left out) {id, created: true} for an entity created
// now, {id} for an endpoint, else {id, label, name, aliases, props}: its stored state, to merge
// into. Which relations exist is read next, under these locks (relations_lookup.cypher), leaving
// out those with an endpoint created here.
CALL () {
  UNWIND $batch.rows AS row
  CALL (row) {
    UNWIND CASE WHEN row.props IS NULL THEN [] ELSE [row] END AS new
    MERGE (n:Entity {id: new.id})
      ON CREATE SET n = new.props, n:$(new.props.label), n._created = true
      ON MATCH SET n:Entity
    WITH n, new, n._created IS NOT NULL AS created
    CALL (n, new, created) {
      UNWIND CASE WHEN created THEN new.keys ELSE [] END AS key
      MERGE (k:_Key {label: new.props.label, key: key})
      CREATE (k)-[:_KEY_OF]->(n)
    }
    RETURN CASE WHEN created THEN {id: n.id, created: true}
                ELSE {id: n.id, label: n.label, name: n.name, aliases: n.aliases, props: properties(n)} END AS state,
           CASE WHEN created THEN n END AS fresh
    UNION ALL
    UNWIND CASE WHEN row.props IS NULL THEN [row] ELSE [] END AS old
    MATCH (n:Entity {id: old.id})
    SET n:Entity
    RETURN CASE WHEN old.read THEN {id: n.id, label: n.label, name: n.name, aliases: n.aliases, props: properties(n)}
                ELSE {id: n.id} END AS state,
           null AS fresh
  }
  RETURN collect(state) AS nodes, collect(fresh) AS fresh
}
CALL (fresh) {
  UNWIND fresh AS n
  REMOVE n._created
}
RETURN nodes

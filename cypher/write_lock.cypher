// First write step of every upsert, one round trip, that writes everything needing no merge with
// what is stored (write_apply writes the rest). $batch.rows (sorted by id by the caller):
// * a row with props (an entity of the batch, its label from the ontology allow-list, checked by
//   the caller): MERGE it, a new entity created whole (every property, its label); an existing
//   one is write-locked (ON MATCH SET). An entity the caller knows to be new (row.fresh: entity
//   resolution, under the locks of its match keys, found no node of that id) that now holds
//   exactly row.props was created here, and is linked to its match keys (row.keys) at once;
// * a row without props (an endpoint the batch does not carry, or an entity a merge reads):
//   write-lock it, never create it; its stored state is read when row.read.
// Rows come in id order, so that concurrent writers lock in the same order. Then, under those
// locks, each relation of $batch.rels ({key: [source, type, target], kj: the key as JSON, props})
// that exists is read (its properties without the weight and evidence lists, which the caller
// merges, and its distinct evidence documents), and one that does not is created with row.props
// (every property, type from the ontology allow-list) when given. $batch.sources ({doc, keys}:
// for each evidence document the keys of the relations of $batch.rels having evidence of it)
// become the evidence index of the created relations (one (:_EvSource {id, rels}) per document),
// unless more than 500 relations existed (then the caller sends them to write_apply: the check
// below is linear in that number); sourced says which.
// One row: per locked node (a missing node is left out) {id} for an endpoint; {id, same: true,
// linked} for an entity whose stored properties are exactly the row's (created now, or
// unchanged); else {id, label, name, aliases, props}: its stored state, to merge into. Then the
// relations found, and sourced. The lists come in one map so that one cached plan serves every
// batch (the plan cache keys on the type and size of each parameter). A relation's endpoints are
// seeked by the id index (the SEEK hints) and the relationship expanded between them
// (Expand(Into), from the endpoint of smaller degree): without the hints a plan made on an empty
// store scans every relationship.
CALL () {
  UNWIND $batch.rows AS row
  CALL (row) {
    UNWIND CASE WHEN row.props IS NULL THEN [] ELSE [row] END AS new
    MERGE (n:Entity {id: new.id})
      ON CREATE SET n = new.props, n:$(new.props.label)
      ON MATCH SET n._lock = true, n._lock = null
    WITH n, new, properties(n) = new.props AS same
    CALL (n, new, same) {
      WITH * WHERE same AND new.fresh
      UNWIND new.keys AS key
      MERGE (k:_Key {label: new.props.label, key: key})
      CREATE (k)-[:_KEY_OF]->(n)
    }
    RETURN CASE WHEN same THEN {id: n.id, same: true, linked: new.fresh}
                ELSE {id: n.id, label: n.label, name: n.name, aliases: n.aliases, props: properties(n)} END AS state
    UNION ALL
    UNWIND CASE WHEN row.props IS NULL THEN [row] ELSE [] END AS old
    MATCH (n:Entity {id: old.id})
    SET n._lock = true, n._lock = null
    RETURN CASE WHEN old.read THEN {id: n.id, label: n.label, name: n.name, aliases: n.aliases, props: properties(n)}
                ELSE {id: n.id} END AS state
  }
  RETURN collect(state) AS nodes
}
CALL (nodes) {
  UNWIND $batch.rels AS row
  MATCH (a:Entity {id: row.key[0]}), (b:Entity {id: row.key[2]})
  USING INDEX SEEK a:Entity(id)
  USING INDEX SEEK b:Entity(id)
  OPTIONAL MATCH (a)-[r]->(b)
  WHERE type(r) = row.key[1]
  CALL (row, a, b, r) {
    WITH * WHERE r IS NULL AND row.props IS NOT NULL
    CREATE (a)-[c:$(row.key[1])]->(b)
    SET c = row.props
  }
  WITH row, r
  WHERE r IS NOT NULL
  RETURN collect({key: row.key, kj: row.kj, docs: COLLECT { UNWIND r.ev_docs AS doc RETURN DISTINCT doc },
                  props: r {.*, weight: null, ev_docs: null, ev_sentences: null, ev_starts: null, ev_ends: null,
                            ev_extractors: null, ev_confidences: null, ev_dates: null}}) AS relations
}
CALL (relations) {
  WITH [x IN relations | x.kj] AS found
  WHERE size(found) <= 500
  UNWIND $batch.sources AS s
  WITH s, [k IN s.keys WHERE NOT k IN found] AS keys
  WHERE size(keys) > 0
  CREATE (:_EvSource {id: s.doc, rels: keys})
}
RETURN nodes, relations, size(relations) <= 500 AS sourced

// First write step of every upsert, one round trip. $batch.rows (sorted by id by the caller, so
// that concurrent writers lock in the same order):
// * a row with props (an entity of the batch, its label from the ontology allow-list, checked by
//   the caller): MERGE it; a new entity is created whole (row.props: every property of the node,
//   graph/store/neo4j_model.py) and linked to its match keys (row.keys) at once, so that
//   write_apply need not touch it; an existing one is write-locked (ON MATCH SET of the label it
//   has: a lock, no write). A new entity carries a _created marker until the end of this query,
//   which is how the row tells the two apart and how the relation read below skips it;
// * a row without props (an endpoint the batch does not carry, or an entity a merge reads):
//   write-lock it (the same label set), never create it; its stored state is read when row.read.
// Then, under those locks, read which of the relations $batch.keys ([source, type, target])
// exist, with their properties, ev_docs and element id (_eid; the other evidence lists and the
// weight left out: the caller merges properties, indexes only the evidence documents new to a
// relation, and write_apply seeks the relation by its element id); write_apply creates the
// others. A relation with an endpoint created by this query cannot exist and is not looked for.
// (Creating them here would need an OPTIONAL MATCH or a MERGE of the relationship, which a plan
// made on an empty store solves by scanning every relationship per row: quadratic in the
// relationships this transaction creates, and in the deleted ones a cleared store still scans.)
// Last, the _created markers are removed: nothing of them is committed.
// One row: per locked node (a missing node is left out) {id, created: true} for an entity created
// now, {id} for an endpoint, else {id, label, name, aliases, props}: its stored state, to merge
// into; and the relations found. The lists come in one map so that one cached plan serves every
// batch (the plan cache keys on the type and size of each parameter). A relation's endpoints are
// seeked by the id index (the SEEK hints) and the relationship expanded from its source to its
// target as a path of length 1..1 (VarLengthExpand(Into)), a pattern no plan can solve by a scan:
// a single-hop pattern, planned on an empty store (or before this transaction's _KEY_OF links
// exist), is solved by scanning every relationship per key (60 million db hits for the first
// 5,000 keys of a load), or by expanding every relationship of the target (a supernode) and
// hash-joining the source, which exhausts the transaction memory.
// The aggregation before the expansion (one b per key) makes b a value, not a node the planner can
// seek again: without it, a plan made while the store holds a hundred entities or more and few or
// no relationships (entities seeded first, or a store between the two statements of clear.cypher)
// seeks b on its own and hash-joins it with every path of length 1 from a (NodeHashJoin over
// VarLengthExpand(All)); cached and reused on a growing store, its hash tables grew with the
// supernodes' degree (227 MB of query memory for the 5,000 keys of one batch of the 20k bench),
// the way to the 512 MiB transaction memory limit (MemoryPoolOutOfMemoryError on every retry until
// Neo4j replans). tests/test_neo4j_plans.py pins the plan on four store states.
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
CALL (nodes) {
  UNWIND $batch.keys AS key
  MATCH (a:Entity {id: key[0]}), (b:Entity {id: key[2]})
  USING INDEX SEEK a:Entity(id)
  USING INDEX SEEK b:Entity(id)
  WITH key, a, b
  WHERE a._created IS NULL AND b._created IS NULL
  WITH key, a, head(collect(b)) AS b
  MATCH (a)-[rs*1..1]->(b)
  WITH key, rs[0] AS r
  WHERE type(r) = key[1]
  RETURN collect({key: key, props: r {.*, _eid: elementId(r), weight: null, ev_sentences: null, ev_starts: null, ev_ends: null,
                                      ev_extractors: null, ev_confidences: null, ev_dates: null}}) AS relations
}
CALL (fresh) {
  UNWIND fresh AS n
  REMOVE n._created
}
RETURN nodes, relations

// First step of every write, one round trip. $batch.rows (sorted by id by the caller): create the
// entities that have a label (from the ontology allow-list, checked by the caller; a row with a
// null label is only locked, never created) and take the write lock of every node the batch
// touches, in id order, so that concurrent writers serialise per node (in one pass: MERGE locks a
// node it creates, ON MATCH SET one that exists). Then, under those locks,
// read which of the relations $batch.keys ([source, type, target]) exist, with their properties
// (the evidence lists and weight left out: the caller merges properties only).
// One row: the stored state of each locked node (a missing node is left out), the relations found.
// Both lists come in one map so that one cached plan serves every batch (the plan cache keys on
// the type and size of each parameter). A relation's endpoints are seeked by the id index (the
// SEEK hints) and the relationship expanded between them (Expand(Into), from the endpoint of
// smaller degree): without the hints a plan made on an empty store scans every relationship.
CALL () {
  UNWIND $batch.rows AS row
  CALL (row) {
    UNWIND CASE WHEN row.label IS NULL THEN [] ELSE [row] END AS new
    MERGE (n:Entity {id: new.id})
      ON CREATE SET n.label = new.label, n.name = new.name, n.aliases = [], n:$(new.label)
      ON MATCH SET n._lock = true, n._lock = null
    RETURN n
    UNION ALL
    UNWIND CASE WHEN row.label IS NULL THEN [row.id] ELSE [] END AS id
    MATCH (n:Entity {id: id})
    SET n._lock = true, n._lock = null
    RETURN n
  }
  RETURN collect({id: n.id, label: n.label, name: n.name, aliases: n.aliases, props: properties(n)}) AS nodes
}
CALL (nodes) {
  UNWIND $batch.keys AS key
  MATCH (a:Entity {id: key[0]}), (b:Entity {id: key[2]})
  USING INDEX SEEK a:Entity(id)
  USING INDEX SEEK b:Entity(id)
  WITH key, a, b
  MATCH (a)-[r]->(b)
  WHERE type(r) = key[1]
  RETURN collect({key: key, props: r {.*, weight: null, ev_docs: null, ev_sentences: null, ev_starts: null,
                                      ev_ends: null, ev_extractors: null, ev_confidences: null, ev_dates: null,
                                      _ev_keys: null}}) AS relations
}
RETURN nodes, relations

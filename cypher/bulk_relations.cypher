// Bulk load, step 2: create the relations of $rows (source, type, target, props JSON, the three
// parallel evidence lists and the weight) between entities created by step 1, in $concurrency
// concurrent transactions of $size rows. The caller retries the batches a deadlock between two
// of them rolled back (ON ERROR CONTINUE: the row reports its batch's status). Types come from
// the ontology allow-list, checked by the caller.
UNWIND range(0, size($rows) - 1) AS i
CALL (i) {
  WITH $rows[i] AS row
  MATCH (a:Entity {id: row.source})
  MATCH (b:Entity {id: row.target})
  CREATE (a)-[r:$(row.type)]->(b)
  SET r.props = row.props, r.ev = row.ev, r.ev_keys = row.ev_keys, r.ev_docs = row.ev_docs, r.weight = row.weight
} IN $concurrency CONCURRENT TRANSACTIONS OF $size ROWS ON ERROR CONTINUE REPORT STATUS AS s
WITH i, s WHERE NOT s.committed
RETURN i, s.errorMessage AS error

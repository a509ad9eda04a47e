// Bulk load, step 2: create the relations of $rows (source, type, target and props: every
// property of the relationship, its own, the weight and the parallel evidence lists,
// graph/store/neo4j_model.py) between entities created by step 1, in $concurrency concurrent
// transactions of $size rows. The caller retries the batches a deadlock between two of them
// rolled back (ON ERROR CONTINUE: the row reports its batch's status). Types come from the
// ontology allow-list, checked by the caller.
UNWIND range(0, size($rows) - 1) AS i
CALL (i) {
  WITH $rows[i] AS row
  MATCH (a:Entity {id: row.source})
  MATCH (b:Entity {id: row.target})
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props
} IN $concurrency CONCURRENT TRANSACTIONS OF $size ROWS ON ERROR CONTINUE REPORT STATUS AS s
WITH i, s WHERE NOT s.committed
RETURN i, s.errorMessage AS error

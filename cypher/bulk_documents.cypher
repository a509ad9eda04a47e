// Bulk load, step 3: create the documents of $rows and their MENTIONS of entities created by step
// 1, in $concurrency concurrent transactions of $size rows; the caller retries the batches a
// deadlock rolled back (see bulk_relations).
UNWIND range(0, size($rows) - 1) AS i
CALL (i) {
  WITH $rows[i] AS row
  CREATE (d:Document {id: row.id})
  SET d.kind = row.kind, d.title = row.title, d.url = row.url, d.published = row.published, d.sha256 = row.sha256,
      d._stated = row.stated
  WITH d, row
  UNWIND row.mentions AS mid
  MATCH (n:Entity {id: mid})
  CREATE (d)-[:MENTIONS]->(n)
} IN $concurrency CONCURRENT TRANSACTIONS OF $size ROWS ON ERROR CONTINUE REPORT STATUS AS s
WITH i, s WHERE NOT s.committed
RETURN i, s.errorMessage AS error

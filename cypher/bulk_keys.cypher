// Bulk load, step 1b: the match keys that several entities share ($rows: label, key, ids), in one
// transaction per batch of $size rows (not concurrent: rows may touch the same entities).
UNWIND $rows AS row
CALL (row) {
  MERGE (k:_Key {label: row.label, key: row.key})
  WITH k, row
  UNWIND row.ids AS id
  MATCH (n:Entity {id: id})
  CREATE (k)-[:_KEY_OF]->(n)
} IN TRANSACTIONS OF $size ROWS

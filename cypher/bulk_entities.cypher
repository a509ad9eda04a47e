// Bulk load into an EMPTY store (graph/store/neo4j_bulk.py), step 1: create the entities of $rows
// with their labels and every property ($row.props: id, label, name, aliases and their own,
// graph/store/neo4j_model.py), and the _Key nodes of their match keys linked to them (each key of
// one entity only; keys shared by several entities go through bulk_keys). Rows are independent
// of each other, so batches of $size rows commit in $concurrency concurrent transactions. The
// labels come from the ontology allow-list, checked by the caller.
UNWIND $rows AS row
CALL (row) {
  CREATE (n:Entity {id: row.id})
  SET n = row.props, n:$(row.label)
  WITH n, row
  UNWIND row.keys AS key
  CREATE (k:_Key {label: row.label, key: key})
  CREATE (k)-[:_KEY_OF]->(n)
} IN $concurrency CONCURRENT TRANSACTIONS OF $size ROWS

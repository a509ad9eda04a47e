// First step of every write: create the batch's entities (label from the ontology allow-list,
// checked by the caller) and take the write lock of every node the batch touches, in id order, so
// that concurrent writers serialise per node. Returns each node's stored state under the lock.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.label IS NOT NULL
  MERGE (n:Entity {id: row.id})
    ON CREATE SET n.label = row.label, n.name = row.name, n.aliases = [], n.props = '{}'
  SET n:$(row.label)
  RETURN n
UNION
  WITH row WHERE row.label IS NULL
  MATCH (n:Entity {id: row.id})
  RETURN n
}
SET n._lock = true
REMOVE n._lock
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, n.props AS props

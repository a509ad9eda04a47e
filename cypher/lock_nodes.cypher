// Take the write lock of the entities $ids (sorted by the caller) for the rest of the transaction:
// setting a label a node already has takes its write lock and changes nothing (no property is
// written, so the node is not rewritten at commit).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n:Entity
RETURN count(n) AS locked

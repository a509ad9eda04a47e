// Take the write lock of the entities $ids (sorted by the caller) for the rest of the transaction.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._lock = true
REMOVE n._lock
RETURN count(n) AS locked

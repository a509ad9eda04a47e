// Delete everything of the store, one statement at a time, each in auto-commit batches (CALL ...
// IN TRANSACTIONS needs an implicit transaction): relationships first, so that deleting a
// supernode never has to hold its 100,000 relationships in one transaction, then the nodes.
// The (:_Meta) node, which says which layout the store has, stays. Blocks separated by a line
// holding only ";".
MATCH (n)-[r]->()
WHERE n:Entity OR n:Document OR n:_Key OR n:_EvSource OR n:_Watch
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 10000 ROWS
;
MATCH (n)
WHERE n:Entity OR n:Document OR n:_Key OR n:_EvSource OR n:_Note OR n:_Watch
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS

// Delete every node of the store (auto-commit, in batches).
MATCH (n)
WHERE n:Entity OR n:Document OR n:Key OR n:EvSource
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS

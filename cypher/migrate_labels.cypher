// Migration of a first-layout store (graph/store/neo4j_migrate.py), the parts Cypher does alone,
// one statement at a time in auto-commit batches: the bookkeeping nodes get their "_" labels,
// KEY_OF links become _KEY_OF, Document.stated becomes _stated. Blocks separated by ";" lines.
MATCH (k:Key)
CALL (k) {
  REMOVE k:Key
  SET k:_Key
} IN TRANSACTIONS OF 10000 ROWS
;
MATCH (k:_Key)-[r:KEY_OF]->(n:Entity)
CALL (k, r, n) {
  CREATE (k)-[:_KEY_OF]->(n)
  DELETE r
} IN TRANSACTIONS OF 10000 ROWS
;
MATCH (s:EvSource)
CALL (s) {
  REMOVE s:EvSource
  SET s:_EvSource
} IN TRANSACTIONS OF 10000 ROWS
;
MATCH (n:Note)
CALL (n) {
  REMOVE n:Note
  SET n:_Note
} IN TRANSACTIONS OF 10000 ROWS
;
MATCH (w:Watch)
CALL (w) {
  REMOVE w:Watch
  SET w:_Watch
} IN TRANSACTIONS OF 10000 ROWS
;
MATCH (d:Document)
WHERE d.stated IS NOT NULL
CALL (d) {
  SET d._stated = CASE WHEN d.stated = '{}' THEN null ELSE d.stated END
  REMOVE d.stated
} IN TRANSACTIONS OF 10000 ROWS

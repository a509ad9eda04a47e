// Migration of a model-2 store to model 3 (graph/store/neo4j_migrate.py), one statement at a time:
// the evidence index becomes append-only (several _EvSource nodes per document), so its
// uniqueness constraint gives way to a plain index, and the relationships lose the evidence keys
// model 3 no longer keeps (_ev_keys: the write path compares the evidence lists themselves), in
// auto-commit batches. Every step is idempotent. Blocks separated by ";" lines.
DROP CONSTRAINT innograph_v2_evsource_id IF EXISTS
;
CREATE INDEX innograph_v3_evsource_id IF NOT EXISTS FOR (s:_EvSource) ON (s.id)
;
MATCH (:Entity)-[r]->(:Entity)
WHERE r._ev_keys IS NOT NULL
CALL (r) {
  REMOVE r._ev_keys
} IN TRANSACTIONS OF 10000 ROWS

// Migration from model 2 to model 3 (graph/store/neo4j_migrate.py), every statement idempotent,
// blocks separated by ";" lines. The evidence index gets one _EvSource node per document and
// write, so its uniqueness constraint becomes a plain index; the evidence dedupe keys are read
// off the evidence lists, so the copy model 2 kept (r._ev_keys) goes, in auto-commit batches.
DROP CONSTRAINT innograph_v2_evsource_id IF EXISTS
;
CREATE INDEX innograph_v3_evsource_id IF NOT EXISTS FOR (s:_EvSource) ON (s.id)
;
MATCH (:Entity)-[r]->(:Entity)
WHERE r._ev_keys IS NOT NULL
CALL (r) {
  REMOVE r._ev_keys
} IN TRANSACTIONS OF 10000 ROWS

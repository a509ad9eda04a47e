// Constraints and indexes of the Neo4j store, created at start (IF NOT EXISTS). One statement a
// block, blocks separated by a line holding only ";". The store's own bookkeeping nodes have
// labels starting with "_" (_Key, _EvSource, _Note, _Watch, _Meta); their constraints are named
// innograph_v2_* (the old layout's innograph_key, ... are dropped by migrate_drop_old.cypher).
// _EvSource is append-only since model 3 (several nodes per document: an index, not a
// constraint; migrate_v3.cypher drops model 2's innograph_v2_evsource_id).
// The fulltext index of match keys (fuzzy search candidates on large stores) is updated after
// commit (eventually consistent), so that a write does not wait for Lucene.
CREATE CONSTRAINT innograph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT innograph_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE
;
CREATE CONSTRAINT innograph_v2_key IF NOT EXISTS FOR (k:_Key) REQUIRE (k.label, k.key) IS UNIQUE
;
CREATE INDEX innograph_v3_evsource_id IF NOT EXISTS FOR (s:_EvSource) ON (s.id)
;
CREATE INDEX innograph_v2_key_key IF NOT EXISTS FOR (k:_Key) ON (k.key)
;
CREATE INDEX innograph_entity_label IF NOT EXISTS FOR (n:Entity) ON (n.label)
;
CREATE INDEX innograph_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)
;
CREATE FULLTEXT INDEX innograph_v2_key_text IF NOT EXISTS FOR (k:_Key) ON EACH [k.key]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}}
;
CREATE CONSTRAINT innograph_v2_note IF NOT EXISTS FOR (n:_Note) REQUIRE (n.kind, n.key) IS UNIQUE
;
CREATE CONSTRAINT innograph_v2_watch IF NOT EXISTS FOR (w:_Watch) REQUIRE w.id IS UNIQUE
;
CREATE CONSTRAINT innograph_v2_meta IF NOT EXISTS FOR (m:_Meta) REQUIRE m.id IS UNIQUE

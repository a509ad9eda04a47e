// Constraints and indexes of the Neo4j store, created at start (IF NOT EXISTS). One statement a
// block, blocks separated by a line holding only ";".
CREATE CONSTRAINT innograph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT innograph_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE
;
CREATE CONSTRAINT innograph_key IF NOT EXISTS FOR (k:Key) REQUIRE (k.label, k.key) IS UNIQUE
;
CREATE CONSTRAINT innograph_evsource_id IF NOT EXISTS FOR (s:EvSource) REQUIRE s.id IS UNIQUE
;
CREATE INDEX innograph_key_key IF NOT EXISTS FOR (k:Key) ON (k.key)
;
CREATE INDEX innograph_entity_label IF NOT EXISTS FOR (n:Entity) ON (n.label)
;
CREATE FULLTEXT INDEX innograph_key_fulltext IF NOT EXISTS FOR (k:Key) ON EACH [k.key]
;
CREATE CONSTRAINT innograph_note IF NOT EXISTS FOR (n:Note) REQUIRE (n.kind, n.key) IS UNIQUE

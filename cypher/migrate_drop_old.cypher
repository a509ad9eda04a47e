// Migration, last step: drop the constraints and indexes of the first layout (on :Key, :EvSource
// and :Note). Blocks separated by ";" lines.
DROP CONSTRAINT innograph_key IF EXISTS
;
DROP CONSTRAINT innograph_evsource_id IF EXISTS
;
DROP CONSTRAINT innograph_note IF EXISTS
;
DROP INDEX innograph_key_key IF EXISTS
;
DROP INDEX innograph_key_fulltext IF EXISTS

;
DROP INDEX innograph_v2_key_fulltext IF EXISTS

// Bulk load, step 4: the evidence index that retract_document reads (_EvSource: for each evidence
// document, the keys of the relations it backs), in concurrent transactions (rows independent).
UNWIND $rows AS row
CALL (row) {
  CREATE (s:_EvSource {id: row.doc})
  SET s.rels = row.keys
} IN $concurrency CONCURRENT TRANSACTIONS OF $size ROWS

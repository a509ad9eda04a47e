// Write step, the evidence index (run only when there are rows): remember which relations hold
// evidence of each document (the _EvSource index that retract_document uses), append-only: one new
// (:_EvSource {id: document, rels}) per document and write, holding the relations whose evidence of
// that document is new (no lock, no list rewritten; a document's index is the union of its nodes).
UNWIND $batch.rows AS row
CREATE (:_EvSource {id: row.doc, rels: row.keys})

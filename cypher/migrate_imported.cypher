// First open of a store made by neo4j-admin database import from graph/store/neo4j_import.py
// files: the import tool cannot carry a list whose every item is "" (its cell is empty), so the
// evidence lists of strings left out are restored, one "" per evidence item. Auto-commit batches.
MATCH (:Entity)-[r]->(:Entity)
WHERE r.ev_docs IS NOT NULL AND (r.ev_sentences IS NULL OR r.ev_extractors IS NULL OR r.ev_dates IS NULL)
CALL (r) {
  SET r.ev_sentences = coalesce(r.ev_sentences, [d IN r.ev_docs | '']),
      r.ev_extractors = coalesce(r.ev_extractors, [d IN r.ev_docs | '']),
      r.ev_dates = coalesce(r.ev_dates, [d IN r.ev_docs | ''])
} IN TRANSACTIONS OF 10000 ROWS
;
MATCH (m:_Meta {id: 'innograph'})
REMOVE m.imported

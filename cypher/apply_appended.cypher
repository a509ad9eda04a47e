// Write step, existing relations (run only when there are some): merged properties, the evidence
// items that are new (no stored item has the same document, offsets and sentence: Evidence.key)
// appended in order to each evidence list, the weight recounted as the number of distinct evidence
// documents. A relation is seeked by the element id relations_lookup read under its endpoints'
// locks (row.eid), so no plan expands or scans relationships (a plan made on an empty store seeks
// it by a DirectedAllRelationshipsScan and a filter until Neo4j replans).
UNWIND $batch.rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.eid
WITH r, row, row.ev AS ev, r {.ev_docs, .ev_sentences, .ev_starts, .ev_ends, .ev_extractors, .ev_confidences,
                              .ev_dates} AS old
WITH r, row, ev, old, range(0, size(old.ev_docs) - 1) AS stored
WITH r, row, ev, old, [i IN range(0, size(ev.ev_docs) - 1)
                       WHERE NONE(j IN stored WHERE old.ev_docs[j] = ev.ev_docs[i] AND old.ev_starts[j] = ev.ev_starts[i]
                                  AND old.ev_ends[j] = ev.ev_ends[i] AND old.ev_sentences[j] = ev.ev_sentences[i])] AS fresh
SET r = row.props
SET r.ev_docs = old.ev_docs + [i IN fresh | ev.ev_docs[i]],
    r.ev_sentences = old.ev_sentences + [i IN fresh | ev.ev_sentences[i]],
    r.ev_starts = old.ev_starts + [i IN fresh | ev.ev_starts[i]],
    r.ev_ends = old.ev_ends + [i IN fresh | ev.ev_ends[i]],
    r.ev_extractors = old.ev_extractors + [i IN fresh | ev.ev_extractors[i]],
    r.ev_confidences = old.ev_confidences + [i IN fresh | ev.ev_confidences[i]],
    r.ev_dates = old.ev_dates + [i IN fresh | ev.ev_dates[i]]
WITH r
CALL (r) {
  UNWIND r.ev_docs AS doc
  RETURN count(DISTINCT doc) AS weight
}
SET r.weight = weight

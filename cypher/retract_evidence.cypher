// Remove the evidence of document $doc from the relations $keys (endpoints locked by the caller;
// each expanded between its two endpoints seeked by the id index, Expand(Into)); a relation left
// without evidence is deleted. Returns how many evidence items and relations went.
UNWIND $keys AS key
MATCH (a:Entity {id: key[0]}), (b:Entity {id: key[2]})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
WITH key, a, b
MATCH (a)-[r]->(b)
WHERE type(r) = key[1] AND $doc IN r.ev_docs
WITH r, [i IN range(0, size(r.ev_docs) - 1) WHERE r.ev_docs[i] <> $doc] AS keep
WITH r, keep, size(r.ev_docs) - size(keep) AS removed
SET r.ev_dates = [i IN keep | r.ev_dates[i]],
    r.ev_sentences = [i IN keep | r.ev_sentences[i]],
    r.ev_starts = [i IN keep | r.ev_starts[i]],
    r.ev_ends = [i IN keep | r.ev_ends[i]],
    r.ev_extractors = [i IN keep | r.ev_extractors[i]],
    r.ev_confidences = [i IN keep | r.ev_confidences[i]],
    r.ev_docs = [i IN keep | r.ev_docs[i]]
WITH r, removed
CALL (r) {
  UNWIND r.ev_docs AS doc
  RETURN count(DISTINCT doc) AS weight
}
SET r.weight = weight
FOREACH (_ IN CASE WHEN weight = 0 THEN [1] ELSE [] END | DELETE r)
RETURN sum(removed) AS evidence_removed, sum(CASE WHEN weight = 0 THEN 1 ELSE 0 END) AS relations_removed

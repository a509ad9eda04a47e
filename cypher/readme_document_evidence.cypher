// README "Using the graph from Cypher": what the document $document says, relation by relation,
// with the sentence and its character offsets (-1 when unknown) from the parallel evidence lists.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $document IN r.ev_docs
UNWIND [i IN range(0, size(r.ev_docs) - 1) WHERE r.ev_docs[i] = $document] AS i
RETURN a.name AS source, type(r) AS type, b.name AS target, r.ev_sentences[i] AS sentence,
       r.ev_starts[i] AS start, r.ev_ends[i] AS end
ORDER BY start, source, type, target

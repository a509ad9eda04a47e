// The relation keys (JSON [source, type, target]) that held evidence of document $doc: those of
// every (:_EvSource {id: $doc}) node (one per write that gave evidence of it), each key once.
OPTIONAL MATCH (s:_EvSource {id: $doc})
UNWIND coalesce(s.rels, []) AS key
WITH DISTINCT key
ORDER BY key
RETURN collect(key) AS keys

// The relation keys (JSON [source, type, target]) that held evidence of document $doc.
OPTIONAL MATCH (s:_EvSource {id: $doc})
RETURN coalesce(s.rels, []) AS keys

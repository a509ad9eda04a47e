// The relation keys (JSON [source, type, target]) that held evidence of document $doc: the union
// of its _EvSource nodes (the write path adds one per document and write).
MATCH (s:_EvSource {id: $doc})
UNWIND s.rels AS key
RETURN collect(DISTINCT key) AS keys

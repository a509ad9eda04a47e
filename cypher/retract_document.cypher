// Delete document $doc with its MENTIONS links and evidence index (every _EvSource of it), then every entity of $ids
// (those it mentioned) left with neither a mention nor a typed relation. Returns how many went.
MATCH (d:Document {id: $doc})
DETACH DELETE d
WITH count(*) AS documents
OPTIONAL MATCH (s:_EvSource {id: $doc})
DELETE s
WITH count(*) AS sources
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(n) } AND COUNT { (n)--() } = COUNT { (n)<-[:_KEY_OF]-() }
DETACH DELETE n
RETURN count(*) AS removed

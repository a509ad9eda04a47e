// The entities that document $doc alone mentions: those that may be left orphaned by its retraction.
MATCH (:Document {id: $doc})-[:MENTIONS]->(n:Entity)
WHERE COUNT { (n)<-[:MENTIONS]-() } = 1
RETURN n.id AS id
ORDER BY id

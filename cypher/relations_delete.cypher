// Delete the relations $keys ([source, type, target]; endpoints locked by the caller), each
// expanded between its two endpoints seeked by the id index (Expand(Into)).
UNWIND $keys AS key
MATCH (a:Entity {id: key[0]}), (b:Entity {id: key[2]})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
WITH key, a, b
MATCH (a)-[r]->(b)
WHERE type(r) = key[1]
DELETE r

// Relations by key [source, type, target]. Both endpoints are seeked by the id index (the hints),
// then the relationship is expanded between them (Expand(Into), from the endpoint of smaller
// degree), so a key on a supernode costs no more than one on its other end.
UNWIND $keys AS key
MATCH (a:Entity {id: key[0]}), (b:Entity {id: key[2]})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
WITH key, a, b
MATCH (a)-[r]->(b)
WHERE type(r) = key[1]
RETURN key[0] AS source, type(r) AS type, key[2] AS target, properties(r) AS props

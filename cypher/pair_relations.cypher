// Every relation of $types between the node pairs $pairs ([id, id], each pair once, either
// direction), expanded between the two endpoints seeked by the id index (Expand(Into)).
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]}), (b:Entity {id: pair[1]})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
WITH a, b
MATCH (a)-[r]-(b)
WHERE type(r) IN $types
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, r.weight AS weight,
       elementId(r) AS eid

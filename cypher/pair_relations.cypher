// Every relation of $types between the node pairs $pairs ([id, id], each pair once, either
// direction), found from the endpoint of smaller degree.
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]})
MATCH (b:Entity {id: pair[1]})
WITH a, COUNT { (a)--() } <= COUNT { (b)--() } AS fromA, b
WITH CASE WHEN fromA THEN a ELSE b END AS s, CASE WHEN fromA THEN b ELSE a END AS t
MATCH (s)-[r]-(x)
WHERE x = t AND type(r) IN $types
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, r.weight AS weight,
       elementId(r) AS eid

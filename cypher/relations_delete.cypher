// Delete the relations $keys ([source, type, target]), each found from its endpoint of smaller
// degree.
UNWIND $keys AS key
MATCH (a:Entity {id: key[0]})
MATCH (b:Entity {id: key[2]})
WITH key, a, COUNT { (a)--() } <= COUNT { (b)--() } AS fromA, b
WITH key, a, CASE WHEN fromA THEN a ELSE b END AS s, CASE WHEN fromA THEN b ELSE a END AS t
MATCH (s)-[r]-(x)
WHERE x = t AND type(r) = key[1] AND startNode(r) = a
DELETE r

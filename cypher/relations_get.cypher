// Relations by key [source, type, target]. Each is looked for from its endpoint of smaller degree
// (an O(1) count), so a key on a supernode costs no more than one on its other end.
UNWIND $keys AS key
MATCH (a:Entity {id: key[0]})
MATCH (b:Entity {id: key[2]})
WITH key, a, COUNT { (a)--() } <= COUNT { (b)--() } AS fromA, b
WITH key, a, CASE WHEN fromA THEN a ELSE b END AS s, CASE WHEN fromA THEN b ELSE a END AS t
MATCH (s)-[r]-(x)
WHERE x = t AND type(r) = key[1] AND startNode(r) = a
RETURN key[0] AS source, type(r) AS type, key[2] AS target, r.props AS props, r.ev AS ev

// Give the entity $id the aliases $aliases and unlink the match keys not in $keys (a split
// takes aliases away; the keys it keeps are linked already).
MATCH (n:Entity {id: $id})
SET n.aliases = $aliases
WITH n
OPTIONAL MATCH (k:_Key)-[r:_KEY_OF]->(n)
WHERE NOT k.key IN $keys
DELETE r

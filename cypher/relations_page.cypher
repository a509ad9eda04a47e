// The relations of $types leaving the next $page entities in id order after $after, ordered by
// (source, type, target); a source without relations gives one row with a null type.
MATCH (a:Entity)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $page
OPTIONAL MATCH (a)-[r]->(b:Entity)
WHERE type(r) IN $types
RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props
ORDER BY source, type, target

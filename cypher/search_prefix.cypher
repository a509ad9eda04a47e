// Entities of $labels with a match key starting with $prefix, shortest key first.
MATCH (k:Key)-[:KEY_OF]->(n:Entity)
WHERE k.label IN $labels AND k.key STARTS WITH $prefix
WITH n.id AS id, min(size(k.key)) AS length
RETURN id
ORDER BY length, id
LIMIT $limit

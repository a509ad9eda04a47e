// Every (match key, entity id) of $labels, at most $limit rows (the fuzzy scan of small graphs).
MATCH (k:Key)-[:KEY_OF]->(n:Entity)
WHERE k.label IN $labels
RETURN k.key AS key, n.id AS id
ORDER BY key, id
LIMIT $limit

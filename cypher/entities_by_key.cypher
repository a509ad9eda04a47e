// Entities of $labels having the normalised match key $key.
MATCH (k:Key {key: $key})-[:KEY_OF]->(n:Entity)
WHERE k.label IN $labels
WITH DISTINCT n
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, n.props AS props
ORDER BY id

// One page of entities of $labels in id order, after the id $after (keyset pagination).
MATCH (n:Entity)
WHERE n.id > $after AND n.label IN $labels
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, n.props AS props
ORDER BY id
LIMIT $page

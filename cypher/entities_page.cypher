// One page of entities of $labels in id order, after the id $after (keyset pagination): a range
// seek of the id index read in index order (the hint), so a page costs the same wherever it starts.
MATCH (n:Entity)
USING INDEX SEEK n:Entity(id)
WHERE n.id > $after AND n.label IN $labels
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props
ORDER BY id
LIMIT $page

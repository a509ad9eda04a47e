// Entities by id (missing ids give no row).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props

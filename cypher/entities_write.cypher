// Store merged aliases and properties of locked entities and link their new match keys. (The
// caller sends only keys the entity is not linked to yet: creating the link, rather than merging
// it, keeps the planner from ever scanning relationships between two bound nodes.)
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.aliases = row.aliases, n.props = row.props
WITH n, row
UNWIND row.keys AS key
MERGE (k:Key {label: n.label, key: key})
CREATE (k)-[:KEY_OF]->(n)

// Every relation of $types touching the entity $id, with properties and evidence.
MATCH (:Entity {id: $id})-[r]-(:Entity)
WHERE type(r) IN $types
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, properties(r) AS props

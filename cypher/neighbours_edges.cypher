// The relations of $types among the entities $ids (bounded by $limit).
MATCH (u:Entity)
WHERE u.id IN $ids
MATCH (u)-[r]->(v:Entity)
WHERE type(r) IN $types AND v.id IN $ids
RETURN u.id AS source, type(r) AS type, v.id AS target, r.weight AS weight
LIMIT $limit

// The relations of $types among the entities $ids (the part of the graph that can hold a path
// within the hop limit), each once, with the number of documents behind it.
UNWIND $ids AS id
MATCH (u:Entity {id: id})-[r]->(v:Entity)
WHERE type(r) IN $types AND v.id IN $ids
RETURN u.id AS source, type(r) AS type, v.id AS target, r.weight AS weight

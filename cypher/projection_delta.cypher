// Every relation of $types with an end among the entities $ids (both directions), with its weight and
// time (as projection_edges.cypher and projection_times.cypher read them): what the projection of
// graph/store/neo4j_paths.py re-reads of the nodes this process's writes touched since its point.
UNWIND $ids AS id
MATCH (u:Entity {id: id})-[r]-(:Entity)
WHERE type(r) IN $types
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, r.weight AS weight,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.ev_dates AS dates

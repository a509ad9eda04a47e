// Every relation of $types (the path types) as (source, type, target, weight): the compact
// projection of the graph that matching searches in memory (graph/store/neo4j_paths.py
// Projection), read once and re-read after Neo4j commits a write.
MATCH (u:Entity)-[r]->(v:Entity)
WHERE type(r) IN $types
RETURN u.id AS source, type(r) AS type, v.id AS target, r.weight AS weight

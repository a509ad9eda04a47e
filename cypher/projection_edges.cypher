// Every relation of $types (the path types), one row per source node with its relations as parallel
// lists (types, targets, weights; a third of the records of one row per relation, so about half the
// time to read): the compact projection of the graph that matching searches in memory
// (graph/store/neo4j_paths.py Projection), read once and re-read after Neo4j commits a write.
MATCH (u:Entity)-[r]->(v:Entity)
WHERE type(r) IN $types
WITH u, collect(type(r)) AS types, collect(v.id) AS targets, collect(r.weight) AS weights
RETURN u.id AS source, types, targets, weights

// The time of every relation of $types (its stated validity and its evidence dates, as
// paths_edges_in_window.cypher reads them), for the projection's queries in a time window
// (graph/store/neo4j_paths.py Projection; graph/window.py Window.admits).
MATCH (u:Entity)-[r]->(v:Entity)
WHERE type(r) IN $types
RETURN u.id AS source, type(r) AS type, v.id AS target, r.valid_from AS valid_from,
       r.valid_to AS valid_to, r.ev_dates AS dates

// README "Using the graph from Cypher": the cities taking part in the programme named $project,
// with their role and year (relation properties).
MATCH (c:City)-[p:PARTICIPATES_IN]->(:Project {name: $project})
RETURN c.name AS city, p.role AS role, p.year AS year
ORDER BY year, city

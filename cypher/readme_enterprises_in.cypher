// README "Using the graph from Cypher": the enterprises located in the city named $city.
MATCH (o:Organisation)-[:LOCATED_IN]->(c:City {name: $city})
WHERE o.kind = 'enterprise'
RETURN o.name AS enterprise
ORDER BY enterprise

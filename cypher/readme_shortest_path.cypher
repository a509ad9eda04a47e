// README "Using the graph from Cypher": the shortest path between two entities named $from and $to
// over typed relations only (never through documents or the store's _Key bookkeeping).
MATCH (a:Entity {name: $from}), (b:Entity {name: $to})
MATCH p = shortestPath((a)-[:LOCATED_IN|PART_OF|HOLDS_POSITION|PARTICIPATES_IN|ORGANISES|COOPERATES_WITH|FOCUSES_ON|NEEDS*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types
ORDER BY length(p)
LIMIT 1

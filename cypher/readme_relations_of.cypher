// README "Using the graph from Cypher": every relation of the entity named $name, with the
// sentences and documents behind it, best supported first.
MATCH (n:Entity {name: $name})-[r]-(m:Entity)
RETURN type(r) AS type, startNode(r) = n AS outgoing, m.name AS other, r.weight AS documents,
       r.ev_sentences AS sentences, r.ev_docs AS sources
ORDER BY documents DESC, type, other

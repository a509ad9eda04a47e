// The first $limit documents (by id) mentioning the entity $id.
MATCH (:Entity {id: $id})<-[:MENTIONS]-(d:Document)
WITH d ORDER BY d.id LIMIT $limit
RETURN d.id AS id, d.kind AS kind, d.title AS title, d.url AS url, d.published AS published,
       d.sha256 AS sha256, d._stated AS stated, COLLECT { MATCH (d)-[:MENTIONS]->(n:Entity) RETURN n.id } AS mentions
ORDER BY id

// One page of documents in id order after $after, with the ids of the entities they mention.
MATCH (d:Document)
WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $page
RETURN d.id AS id, d.kind AS kind, d.title AS title, d.url AS url, d.published AS published,
       d.sha256 AS sha256, d._stated AS stated, COLLECT { MATCH (d)-[:MENTIONS]->(n:Entity) RETURN n.id } AS mentions
ORDER BY id

// One document with the ids of the entities it mentions.
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.kind AS kind, d.title AS title, d.url AS url, d.published AS published,
       d.sha256 AS sha256, d._stated AS stated, COLLECT { MATCH (d)-[:MENTIONS]->(n:Entity) RETURN n.id } AS mentions

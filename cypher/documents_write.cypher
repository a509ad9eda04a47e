// Overwrite the properties of locked documents and link the entities they newly mention.
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.kind = row.kind, d.title = row.title, d.url = row.url, d.published = row.published,
    d.sha256 = row.sha256
WITH d, row
UNWIND row.mentions AS mid
MATCH (n:Entity {id: mid})
CREATE (d)-[:MENTIONS]->(n)

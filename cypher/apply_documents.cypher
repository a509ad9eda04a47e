// Write step, documents (run only when there are some): create or overwrite documents and link the
// entities they mention.
UNWIND $batch.rows AS row
MERGE (d:Document {id: row.id})
SET d.kind = row.kind, d.title = row.title, d.url = row.url, d.published = row.published,
    d.sha256 = row.sha256, d._stated = row.stated
WITH d, row
UNWIND row.mentions AS mid
MATCH (n:Entity {id: mid})
MERGE (d)-[:MENTIONS]->(n)

// Create or lock documents; returns the entities each already mentions.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d._lock = true
REMOVE d._lock
RETURN d.id AS id, COLLECT { MATCH (d)-[:MENTIONS]->(n:Entity) RETURN n.id } AS mentions

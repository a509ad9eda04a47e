// The documents $docs mention $b instead of $a (a split gives the split-off entity its documents).
MATCH (b:Entity {id: $b})
UNWIND $docs AS doc
MATCH (d:Document {id: doc})-[m:MENTIONS]->(:Entity {id: $a})
DELETE m
MERGE (d)-[:MENTIONS]->(b)

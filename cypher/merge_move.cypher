// Last step of a merge: give $survivor the MENTIONS links of $other it lacks, then delete $other
// with its links (the survivor has been given every match key already).
MATCH (a:Entity {id: $survivor})
MATCH (b:Entity {id: $other})
WITH a, b, COLLECT { MATCH (d:Document)-[:MENTIONS]->(a) RETURN d.id } AS known
CALL (a, b, known) {
  MATCH (d:Document)-[:MENTIONS]->(b)
  WHERE NOT d.id IN known
  CREATE (d)-[:MENTIONS]->(a)
}
DETACH DELETE b

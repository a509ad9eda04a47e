// Write step, new relations (run only when there are some): create the relations that do not exist
// yet (type from the ontology allow-list, checked by the caller) with every property: their own,
// the weight and the parallel evidence lists. The endpoints are seeked by the id index (the SEEK
// hints: without them a plan made on an empty store scans every node).
UNWIND $batch.rows AS row
MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props

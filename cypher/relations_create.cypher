// Create relations that do not exist yet between locked endpoints (the type comes from the
// ontology allow-list, checked by the caller), with their properties, evidence and weight.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:$(row.type)]->(b)
SET r.props = row.props, r.ev = row.ev, r.ev_keys = row.ev_keys, r.ev_docs = row.ev_docs,
    r.weight = row.weight

// Second and last step of every write, one round trip, the entities involved locked by
// write_lock. The row lists come in one map, $batch, so that one cached plan serves every mix of
// empty and non-empty lists (the plan cache keys on the type and size of each parameter, and this
// query is slow to plan):
// * entities: store merged aliases and properties and link the new match keys (the caller sends
//   only keys the entity is not linked to yet);
// * created: create relations that do not exist yet (type from the ontology allow-list, checked
//   by the caller) with their properties, evidence and weight;
// * created and appended carry valid_from / valid_to (from the properties) and ev_dates (each
//   evidence item's date, "" if none), what the time window predicate of the path and
//   neighbour queries reads (graph/window.py);
// * appended: update existing relations: merged properties, the evidence whose key is new
//   appended in order, the weight recounted as the number of distinct evidence documents;
// * sources: remember which relations hold evidence of each document (the index that
//   retract_document uses);
// * documents: create or overwrite documents and link the entities they mention.
// A relation's endpoints are seeked by the id index (the SEEK hints) and the relationship expanded
// between them (Expand(Into), from the endpoint of smaller degree): without the hints a plan made
// on an empty store scans every relationship.
CALL () {
  UNWIND $batch.entities AS row
  MATCH (n:Entity {id: row.id})
  SET n.aliases = row.aliases, n.props = row.props
  WITH n, row
  UNWIND row.keys AS key
  MERGE (k:Key {label: n.label, key: key})
  CREATE (k)-[:KEY_OF]->(n)
}
CALL () {
  UNWIND $batch.created AS row
  MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
  USING INDEX SEEK a:Entity(id)
  USING INDEX SEEK b:Entity(id)
  CREATE (a)-[r:$(row.type)]->(b)
  SET r.props = row.props, r.ev = row.ev, r.ev_keys = row.ev_keys, r.ev_docs = row.ev_docs,
      r.ev_dates = row.ev_dates, r.valid_from = row.valid_from, r.valid_to = row.valid_to,
      r.weight = row.weight
}
CALL () {
  UNWIND $batch.appended AS row
  MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
  USING INDEX SEEK a:Entity(id)
  USING INDEX SEEK b:Entity(id)
  WITH row, a, b
  MATCH (a)-[r]->(b)
  WHERE type(r) = row.type
  WITH r, row, [i IN range(0, size(row.ev_keys) - 1) WHERE NOT row.ev_keys[i] IN r.ev_keys] AS fresh
  SET r.props = row.props, r.valid_from = row.valid_from, r.valid_to = row.valid_to,
      r.ev_dates = coalesce(r.ev_dates, [x IN r.ev_docs | '']) + [i IN fresh | row.ev_dates[i]],
      r.ev = r.ev + [i IN fresh | row.ev[i]],
      r.ev_keys = r.ev_keys + [i IN fresh | row.ev_keys[i]],
      r.ev_docs = r.ev_docs + [i IN fresh | row.ev_docs[i]]
  WITH r
  CALL (r) {
    UNWIND r.ev_docs AS doc
    RETURN count(DISTINCT doc) AS weight
  }
  SET r.weight = weight
}
CALL () {
  UNWIND $batch.sources AS row
  MERGE (s:EvSource {id: row.doc})
    ON CREATE SET s.rels = []
    ON MATCH SET s._lock = true, s._lock = null
  SET s.rels = s.rels + [k IN row.keys WHERE NOT k IN s.rels]
}
CALL () {
  UNWIND $batch.documents AS row
  MERGE (d:Document {id: row.id})
  SET d.kind = row.kind, d.title = row.title, d.url = row.url, d.published = row.published,
      d.sha256 = row.sha256, d.stated = row.stated
  WITH d, row
  UNWIND row.mentions AS mid
  MATCH (n:Entity {id: mid})
  MERGE (d)-[:MENTIONS]->(n)
}
RETURN true AS done

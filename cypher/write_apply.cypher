// Second and last step of every write, one round trip, the entities involved locked by
// write_lock. The row lists come in one map, $batch, so that one cached plan serves every mix of
// empty and non-empty lists (the plan cache keys on the type and size of each parameter, and this
// query is slow to plan):
// * entities: store each entity's merged aliases and properties ($props: every property of the
//   node, graph/store/neo4j_model.py) and link the new match keys (the caller sends only keys the
//   entity is not linked to yet);
// * created: create relations that do not exist yet (type from the ontology allow-list, checked
//   by the caller) with every property: their own, the weight and the parallel evidence lists;
// * appended: update existing relations: merged properties, the evidence whose key (_ev_keys) is
//   new appended in order to each evidence list, the weight recounted as the number of distinct
//   evidence documents;
// * sources: remember which relations hold evidence of each document (the _EvSource index that
//   retract_document uses);
// * documents: create or overwrite documents and link the entities they mention.
// A relation's endpoints are seeked by the id index (the SEEK hints) and the relationship expanded
// between them (Expand(Into), from the endpoint of smaller degree): without the hints a plan made
// on an empty store scans every relationship.
CALL () {
  UNWIND $batch.entities AS row
  MATCH (n:Entity {id: row.id})
  SET n = row.props
  WITH n, row
  UNWIND row.keys AS key
  MERGE (k:_Key {label: n.label, key: key})
  CREATE (k)-[:_KEY_OF]->(n)
}
CALL () {
  UNWIND $batch.created AS row
  MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
  USING INDEX SEEK a:Entity(id)
  USING INDEX SEEK b:Entity(id)
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props
}
CALL () {
  UNWIND $batch.appended AS row
  MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
  USING INDEX SEEK a:Entity(id)
  USING INDEX SEEK b:Entity(id)
  WITH row, a, b
  MATCH (a)-[r]->(b)
  WHERE type(r) = row.type
  WITH r, row, row.ev AS ev, r {.ev_docs, .ev_sentences, .ev_starts, .ev_ends, .ev_extractors, .ev_confidences,
                                .ev_dates, ._ev_keys} AS old
  WITH r, row, ev, old, [i IN range(0, size(ev._ev_keys) - 1) WHERE NOT ev._ev_keys[i] IN old._ev_keys] AS fresh
  SET r = row.props
  SET r.ev_docs = old.ev_docs + [i IN fresh | ev.ev_docs[i]],
      r.ev_sentences = old.ev_sentences + [i IN fresh | ev.ev_sentences[i]],
      r.ev_starts = old.ev_starts + [i IN fresh | ev.ev_starts[i]],
      r.ev_ends = old.ev_ends + [i IN fresh | ev.ev_ends[i]],
      r.ev_extractors = old.ev_extractors + [i IN fresh | ev.ev_extractors[i]],
      r.ev_confidences = old.ev_confidences + [i IN fresh | ev.ev_confidences[i]],
      r.ev_dates = old.ev_dates + [i IN fresh | ev.ev_dates[i]],
      r._ev_keys = old._ev_keys + [i IN fresh | ev._ev_keys[i]]
  WITH r
  CALL (r) {
    UNWIND r.ev_docs AS doc
    RETURN count(DISTINCT doc) AS weight
  }
  SET r.weight = weight
}
CALL () {
  UNWIND $batch.sources AS row
  MERGE (s:_EvSource {id: row.doc})
    ON CREATE SET s.rels = []
    ON MATCH SET s._lock = true, s._lock = null
  SET s.rels = s.rels + [k IN row.keys WHERE NOT k IN s.rels]
}
CALL () {
  UNWIND $batch.documents AS row
  MERGE (d:Document {id: row.id})
  SET d.kind = row.kind, d.title = row.title, d.url = row.url, d.published = row.published,
      d.sha256 = row.sha256, d._stated = row.stated
  WITH d, row
  UNWIND row.mentions AS mid
  MATCH (n:Entity {id: mid})
  MERGE (d)-[:MENTIONS]->(n)
}
RETURN true AS done

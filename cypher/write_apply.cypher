// Last write step of every upsert, one round trip, the entities involved locked by write_lock
// (which created the new ones whole). The row lists come in one map, $batch, so that one cached
// plan serves every mix of empty and non-empty lists (the plan cache keys on the type and size of
// each parameter, and this query is slow to plan):
// * entities: store the merged aliases and properties of existing entities that change ($props:
//   every property of the node, graph/store/neo4j_model.py);
// * links: link entities to their match keys, creating the _Key nodes resolve_lock has not made
//   (an upsert without resolution); MERGE, so that a key already linked is not linked twice (an
//   entity just created has no link yet, so the check is one empty expand);
// * created: create relations that do not exist yet (type from the ontology allow-list, checked
//   by the caller) with every property: their own, the weight and the parallel evidence lists;
// * appended: update existing relations: merged properties, the evidence items whose key
//   [document, start, end, sentence] is new appended in order to each evidence list, the weight
//   recounted as the number of distinct evidence documents;
// * sources: the evidence index retract_document reads: one (:_EvSource {id: document, rels})
//   node per document and write, holding the keys of the relations this write gave evidence of
//   that document (created, never updated: no lock, no list growing with every write);
// * documents: create or overwrite documents and link the entities they mention.
// A relation's endpoints are seeked by the id index (the SEEK hints) and the relationship expanded
// between them (Expand(Into), from the endpoint of smaller degree): without the hints a plan made
// on an empty store scans every relationship.
CALL () {
  UNWIND $batch.entities AS row
  MATCH (n:Entity {id: row.id})
  SET n = row.props
}
CALL () {
  UNWIND $batch.links AS row
  MATCH (n:Entity {id: row.id})
  WITH n, row
  UNWIND row.keys AS key
  MERGE (k:_Key {label: row.label, key: key})
  MERGE (k)-[:_KEY_OF]->(n)
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
  WITH r, row, row.ev AS ev,
       [i IN range(0, size(r.ev_docs) - 1) | [r.ev_docs[i], r.ev_starts[i], r.ev_ends[i], r.ev_sentences[i]]] AS known
  WITH r, row, ev, [i IN range(0, size(ev.ev_docs) - 1)
                    WHERE NOT [ev.ev_docs[i], ev.ev_starts[i], ev.ev_ends[i], ev.ev_sentences[i]] IN known] AS fresh
  WITH r, row, ev, fresh, r {.ev_docs, .ev_sentences, .ev_starts, .ev_ends, .ev_extractors, .ev_confidences,
                             .ev_dates} AS old
  SET r = row.props
  SET r.ev_docs = old.ev_docs + [i IN fresh | ev.ev_docs[i]],
      r.ev_sentences = old.ev_sentences + [i IN fresh | ev.ev_sentences[i]],
      r.ev_starts = old.ev_starts + [i IN fresh | ev.ev_starts[i]],
      r.ev_ends = old.ev_ends + [i IN fresh | ev.ev_ends[i]],
      r.ev_extractors = old.ev_extractors + [i IN fresh | ev.ev_extractors[i]],
      r.ev_confidences = old.ev_confidences + [i IN fresh | ev.ev_confidences[i]],
      r.ev_dates = old.ev_dates + [i IN fresh | ev.ev_dates[i]]
  WITH r
  CALL (r) {
    UNWIND r.ev_docs AS doc
    RETURN count(DISTINCT doc) AS weight
  }
  SET r.weight = weight
}
CALL () {
  UNWIND $batch.sources AS row
  CREATE (:_EvSource {id: row.doc, rels: row.keys})
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

// Second and last step of every write, one round trip, the entities involved locked by
// write_lock. The row lists come in one map, $batch, so that one cached plan serves every mix of
// empty and non-empty lists (the plan cache keys on the type and size of each parameter, and this
// query is slow to plan):
// * entities: store each entity's merged aliases and properties ($props: every property of the
//   node, graph/store/neo4j_model.py) and link the new match keys (the caller sends only keys the
//   entity is not linked to yet);
// * created: create relations that do not exist yet (type from the ontology allow-list, checked
//   by the caller) with every property: their own, the weight and the parallel evidence lists;
// * appended: update existing relations: merged properties, the evidence items that are new
//   (no stored item has the same document, offsets and sentence: Evidence.key) appended in order
//   to each evidence list, the weight recounted as the number of distinct evidence documents;
// * sources: remember which relations hold evidence of each document (the _EvSource index that
//   retract_document uses), append-only: one new (:_EvSource {id: document, rels}) per document
//   and write, holding the relations whose evidence of that document is new (no lock, no list
//   rewritten; a document's index is the union of its nodes);
// * documents: create or overwrite documents and link the entities they mention.
// A new relation's endpoints are seeked by the id index (the SEEK hints: without them a plan made on
// an empty store scans every node); an existing one is seeked by the element id write_lock read
// under the endpoints' locks (row.eid), so no plan expands or scans relationships.
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
  MATCH ()-[r]->()
  WHERE elementId(r) = row.eid
  WITH r, row, row.ev AS ev, r {.ev_docs, .ev_sentences, .ev_starts, .ev_ends, .ev_extractors, .ev_confidences,
                                .ev_dates} AS old
  WITH r, row, ev, old, range(0, size(old.ev_docs) - 1) AS stored
  WITH r, row, ev, old, [i IN range(0, size(ev.ev_docs) - 1)
                         WHERE NONE(j IN stored WHERE old.ev_docs[j] = ev.ev_docs[i] AND old.ev_starts[j] = ev.ev_starts[i]
                                    AND old.ev_ends[j] = ev.ev_ends[i] AND old.ev_sentences[j] = ev.ev_sentences[i])] AS fresh
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

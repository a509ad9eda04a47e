// Everything entity resolution reads for one batch, in one round trip, without locking (the
// upsert itself uses resolve_lock): the labels of those of $batch.ids that exist, and for each
// [label, key] of $batch.keys every id of an entity of that label having that match key. (Both
// lists come in one map so that one cached plan serves every batch size.)
CALL () {
  UNWIND $batch.ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect([n.id, n.label]) AS existing
}
CALL () {
  UNWIND $batch.keys AS lk
  MATCH (:_Key {label: lk[0], key: lk[1]})-[:_KEY_OF]->(n:Entity)
  WITH lk, collect(n.id) AS ids
  RETURN collect([lk[0], lk[1], ids]) AS found
}
RETURN existing, found

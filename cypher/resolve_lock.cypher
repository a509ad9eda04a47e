// Entity resolution inside the write transaction of an upsert, one round trip. First take the
// write lock of every [label, key] of $batch.keys (sorted by the caller, so that concurrent
// writers lock in the same order), creating the Key nodes that do not exist yet (Key is unique on
// (label, key), so two writers creating one key serialise on it; the upsert links every one of
// these keys to its entity before it commits). Then, under those locks, read the labels of those
// of $batch.ids that exist and, for each [label, key], every id of an entity of that label having
// that match key: a concurrent writer of the same entity by another name has committed by now.
// (Both lists come in one map so that one cached plan serves every batch size.)
CALL () {
  UNWIND $batch.keys AS lk
  MERGE (k:Key {label: lk[0], key: lk[1]})
  SET k._lock = true
  REMOVE k._lock
  RETURN count(k) AS locked
}
CALL () {
  UNWIND $batch.ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect([n.id, n.label]) AS existing
}
CALL () {
  UNWIND $batch.keys AS lk
  MATCH (:Key {label: lk[0], key: lk[1]})-[:KEY_OF]->(n:Entity)
  WITH lk, collect(n.id) AS ids
  RETURN collect([lk[0], lk[1], ids]) AS found
}
RETURN existing, found

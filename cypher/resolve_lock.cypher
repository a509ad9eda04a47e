// Entity resolution inside the write transaction of an upsert, one round trip. First take the
// write lock of every [label, key] of $batch.keys (sorted by the caller, so that concurrent
// writers lock in the same order), creating the _Key nodes that do not exist yet (_Key is unique on
// (label, key), so two writers creating one key serialise on it; the upsert links every one of
// these keys to its entity before it commits). Then, under those locks, read the labels of those
// of $batch.ids that exist and, for each [label, key], every id of an entity of that label having
// that match key: a concurrent writer of the same entity by another name has committed by now.
// One pass over the keys: MERGE locks a key it creates (its unique index entry) and the ON MATCH
// write locks one that exists (setting the label it has: a lock, no write); the ids behind a key
// are read right after its lock is taken (whoever links a key holds its lock). (Both lists come in one map so that one cached plan serves every
// batch size.)
CALL () {
  UNWIND $batch.keys AS lk
  MERGE (k:_Key {label: lk[0], key: lk[1]})
    ON MATCH SET k:_Key
  WITH lk, k
  OPTIONAL MATCH (k)-[:_KEY_OF]->(n:Entity)
  WITH lk, collect(n.id) AS ids
  WHERE size(ids) > 0
  RETURN collect([lk[0], lk[1], ids]) AS found
}
CALL () {
  UNWIND $batch.ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect([n.id, n.label]) AS existing
}
RETURN existing, found

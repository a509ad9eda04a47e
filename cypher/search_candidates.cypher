// Search candidates in one round trip:
// * prefixed: up to $limit entities of $labels with a match key starting with $prefix, shortest
//   key first;
// * when those are fewer than $limit, the (key, entity id) pairs to score fuzzily: every key of
//   $labels (ordered by key, id) while the store holds at most $scan_limit keys (from the counts
//   store), else the keys the fulltext index proposes for the Lucene query $lucene (at most
//   $fuzzy_limit, best first; none when $lucene is empty).
CALL () {
  MATCH (k:_Key)-[:_KEY_OF]->(n:Entity)
  WHERE k.label IN $labels AND k.key STARTS WITH $prefix
  WITH n.id AS id, min(size(k.key)) AS length
  ORDER BY length, id
  LIMIT $limit
  RETURN collect(id) AS prefixed
}
CALL () {
  MATCH (k:_Key)
  RETURN count(k) AS total
}
CALL (prefixed, total) {
  UNWIND CASE WHEN size(prefixed) < $limit AND total <= $scan_limit THEN [1] ELSE [] END AS go
  MATCH (k:_Key)-[:_KEY_OF]->(n:Entity)
  WHERE k.label IN $labels
  WITH k.key AS key, n.id AS id
  ORDER BY key, id
  LIMIT $scan_limit
  RETURN collect(key) AS scan_keys, collect(id) AS scan_ids
}
CALL (prefixed, total) {
  UNWIND CASE WHEN size(prefixed) < $limit AND total > $scan_limit AND $lucene <> ''
              THEN [1] ELSE [] END AS go
  CALL db.index.fulltext.queryNodes('innograph_v2_key_text', $lucene, {limit: $fuzzy_limit})
  YIELD node, score
  WHERE node.label IN $labels
  MATCH (node)-[:_KEY_OF]->(n:Entity)
  WITH node.key AS key, n.id AS id, score
  ORDER BY score DESC, key, id
  RETURN collect(key) AS text_keys, collect(id) AS text_ids
}
RETURN prefixed, scan_keys + text_keys AS keys, scan_ids + text_ids AS ids

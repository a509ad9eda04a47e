// Fuzzy candidates from the fulltext index on match keys ($lucene is a Lucene query string).
CALL db.index.fulltext.queryNodes('innograph_key_fulltext', $lucene, {limit: $limit})
YIELD node, score
WHERE node.label IN $labels
MATCH (node)-[:KEY_OF]->(n:Entity)
RETURN node.key AS key, n.id AS id
ORDER BY score DESC, key, id

// One BFS layer of the path search: the neighbours (through $types, direction ignored) of the
// $frontier ids, each once, with its number of typed relations when $degrees (for max_degree).
// The caller drops the ids it has seen and decides which of them are walked through.
UNWIND $frontier AS fid
MATCH (u:Entity {id: fid})-[r]-(v:Entity)
WHERE type(r) IN $types
WITH DISTINCT v
RETURN v.id AS id,
       CASE WHEN $degrees THEN COUNT { (v)--() } - COUNT { (v)<-[:MENTIONS]-() } - COUNT { (v)<-[:_KEY_OF]-() }
            ELSE 0 END AS degree

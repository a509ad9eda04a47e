// One BFS layer: the unseen neighbours (through $types, labels in $labels unless empty) of the
// $frontier ids; the $limit smallest ids only, so a supernode never floods memory.
UNWIND $frontier AS fid
MATCH (u:Entity {id: fid})-[r]-(v:Entity)
WHERE type(r) IN $types AND NOT v.id IN $seen AND (size($labels) = 0 OR v.label IN $labels)
WITH DISTINCT v.id AS id
RETURN id
ORDER BY id
LIMIT $limit

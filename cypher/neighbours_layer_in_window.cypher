// neighbours_layer.cypher in a time window, used only when a query runs in one: the same query, each relation
// r also admitted by the window ($as_of, $as_of_hi, $windowed, $since_lo, $until_hi of
// graph/window.py, whose Window.admits this predicate mirrors).
// One BFS layer: the unseen neighbours (through $types, labels in $labels unless empty) of the
// $frontier ids; the $limit smallest ids only, so a supernode never floods memory.
UNWIND $frontier AS fid
MATCH (u:Entity {id: fid})-[r]-(v:Entity)
WHERE type(r) IN $types AND NOT v.id IN $seen AND (size($labels) = 0 OR v.label IN $labels)
  AND ($as_of IS NULL OR CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL
      THEN all(d IN coalesce(r.ev_dates, []) WHERE d = '') OR any(d IN r.ev_dates WHERE d <> '' AND d <= $as_of_hi)
      ELSE coalesce(r.valid_from, '') <= $as_of_hi AND coalesce(r.valid_to + '~', '~') >= $as_of END)
    AND (NOT $windowed OR all(d IN coalesce(r.ev_dates, []) WHERE d = '')
      OR any(d IN r.ev_dates WHERE d <> '' AND d <= $until_hi AND d + '~' >= $since_lo))
WITH DISTINCT v.id AS id
RETURN id
ORDER BY id
LIMIT $limit

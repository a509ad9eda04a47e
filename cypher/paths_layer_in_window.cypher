// paths_layer.cypher in a time window, used only when a query runs in one: the same query, each relation
// r also admitted by the window ($as_of, $as_of_hi, $windowed, $since_lo, $until_hi of
// graph/window.py, whose Window.admits this predicate mirrors).
// One BFS layer of the path search: the neighbours (through $types, direction ignored) of the
// $frontier ids, each once, with its number of typed relations when $degrees (for max_degree).
// The caller drops the ids it has seen and decides which of them are walked through.
UNWIND $frontier AS fid
MATCH (u:Entity {id: fid})-[r]-(v:Entity)
WHERE type(r) IN $types
  AND ($as_of IS NULL OR CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL
      THEN all(d IN coalesce(r.ev_dates, []) WHERE d = '') OR any(d IN r.ev_dates WHERE d <> '' AND d <= $as_of_hi)
      ELSE coalesce(r.valid_from, '') <= $as_of_hi AND coalesce(r.valid_to + '~', '~') >= $as_of END)
    AND (NOT $windowed OR all(d IN coalesce(r.ev_dates, []) WHERE d = '')
      OR any(d IN r.ev_dates WHERE d <> '' AND d <= $until_hi AND d + '~' >= $since_lo))
WITH DISTINCT v
RETURN v.id AS id,
       CASE WHEN $degrees THEN COUNT { (v)--() } - COUNT { (v)<-[:MENTIONS]-() } - COUNT { (v)<-[:_KEY_OF]-() }
            ELSE 0 END AS degree

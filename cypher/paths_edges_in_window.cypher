// paths_edges.cypher in a time window, used only when a query runs in one: the same query, each relation
// r also admitted by the window ($as_of, $as_of_hi, $windowed, $since_lo, $until_hi of
// graph/window.py, whose Window.admits this predicate mirrors).
// The relations of $types among the entities $ids (the part of the graph that can hold a path
// within the hop limit), each once, with the number of documents behind it.
UNWIND $ids AS id
MATCH (u:Entity {id: id})-[r]->(v:Entity)
WHERE type(r) IN $types AND v.id IN $ids
  AND ($as_of IS NULL OR CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL
      THEN all(d IN coalesce(r.ev_dates, []) WHERE d = '') OR any(d IN r.ev_dates WHERE d <> '' AND d <= $as_of_hi)
      ELSE coalesce(r.valid_from, '') <= $as_of_hi AND coalesce(r.valid_to + '~', '~') >= $as_of END)
    AND (NOT $windowed OR all(d IN coalesce(r.ev_dates, []) WHERE d = '')
      OR any(d IN r.ev_dates WHERE d <> '' AND d <= $until_hi AND d + '~' >= $since_lo))
RETURN u.id AS source, type(r) AS type, v.id AS target, r.weight AS weight

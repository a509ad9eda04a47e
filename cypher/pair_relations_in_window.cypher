// pair_relations.cypher in a time window, used only when a query runs in one: the same query, each relation
// r also admitted by the window ($as_of, $as_of_hi, $windowed, $since_lo, $until_hi of
// graph/window.py, whose Window.admits this predicate mirrors).
// Every relation of $types between the node pairs $pairs ([id, id], each pair once, either
// direction), expanded between the two endpoints seeked by the id index (Expand(Into)).
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]}), (b:Entity {id: pair[1]})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
WITH a, b
MATCH (a)-[r]-(b)
WHERE type(r) IN $types
  AND ($as_of IS NULL OR CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL
      THEN all(d IN coalesce(r.ev_dates, []) WHERE d = '') OR any(d IN r.ev_dates WHERE d <> '' AND d <= $as_of_hi)
      ELSE coalesce(r.valid_from, '') <= $as_of_hi AND coalesce(r.valid_to + '~', '~') >= $as_of END)
    AND (NOT $windowed OR all(d IN coalesce(r.ev_dates, []) WHERE d = '')
      OR any(d IN r.ev_dates WHERE d <> '' AND d <= $until_hi AND d + '~' >= $since_lo))
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, r.weight AS weight,
       elementId(r) AS eid

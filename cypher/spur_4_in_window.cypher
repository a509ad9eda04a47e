// spur_4.cypher in a time window, used only when a query runs in one: the same query, each relation
// r also admitted by the window ($as_of, $as_of_hi, $windowed, $since_lo, $until_hi of
// graph/window.py, whose Window.admits this predicate mirrors).
// One shortest path of 1 to 4 hops from $src to $dst through relations of $types, direction
// ignored, avoiding the entities $banned and the relationships $rels (element ids): the spur
// search of Yen's k-shortest-paths. Every predicate is inlined in the search, and a shortest walk
// never repeats a node, so this stays cheap even around supernodes. (The hop bound of a quantified
// pattern must be a literal: one file per bound.)
MATCH p = SHORTEST 1 (a:Entity {id: $src})
  ((x)-[r WHERE type(r) IN $types AND NOT elementId(r) IN $rels
    AND ($as_of IS NULL OR CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL
        THEN all(d IN coalesce(r.ev_dates, []) WHERE d = '') OR any(d IN r.ev_dates WHERE d <> '' AND d <= $as_of_hi)
        ELSE coalesce(r.valid_from, '') <= $as_of_hi AND coalesce(r.valid_to + '~', '~') >= $as_of END)
      AND (NOT $windowed OR all(d IN coalesce(r.ev_dates, []) WHERE d = '')
        OR any(d IN r.ev_dates WHERE d <> '' AND d <= $until_hi AND d + '~' >= $since_lo))]-(y WHERE NOT y.id IN $banned)){1,4}
  (b:Entity {id: $dst})
RETURN [n IN nodes(p) | n.id] AS ids

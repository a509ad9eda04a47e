// paths_4.cypher in a time window, used only when a query runs in one: the same query, each relation
// r also admitted by the window ($as_of, $as_of_hi, $windowed, $since_lo, $until_hi of
// graph/window.py, whose Window.admits this predicate mirrors).
// Candidates of weighted paths: up to 50 shortest walks of 1 to 4 hops from $src to $dst through
// relations of $types, direction ignored, as id sequences. (The hop bound of a quantified pattern
// must be a literal: one file per bound. Walks with a repeated node and variants through parallel
// relations are removed by the caller, which also bounds the time this may take.)
MATCH p = SHORTEST 50 (a:Entity {id: $src})-[r WHERE type(r) IN $types
    AND ($as_of IS NULL OR CASE WHEN r.valid_from IS NULL AND r.valid_to IS NULL
        THEN all(d IN coalesce(r.ev_dates, []) WHERE d = '') OR any(d IN r.ev_dates WHERE d <> '' AND d <= $as_of_hi)
        ELSE coalesce(r.valid_from, '') <= $as_of_hi AND coalesce(r.valid_to + '~', '~') >= $as_of END)
      AND (NOT $windowed OR all(d IN coalesce(r.ev_dates, []) WHERE d = '')
        OR any(d IN r.ev_dates WHERE d <> '' AND d <= $until_hi AND d + '~' >= $since_lo))]-{1,4}(b:Entity {id: $dst})
RETURN [n IN nodes(p) | n.id] AS ids

// Migration of a first-layout store: the next $page entities in id order after $after whose
// properties or relations still hold JSON (n.props, r.props, r.ev), with that JSON. One row:
// the last id of the page (null when there is none) and the entities and relations to convert.
MATCH (n:Entity)
USING INDEX SEEK n:Entity(id)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $page
WITH collect(n) AS page
CALL (page) {
  UNWIND page AS n
  WITH n WHERE n.props IS NOT NULL
  RETURN collect({id: n.id, props: n.props}) AS entities
}
CALL (page) {
  UNWIND page AS a
  MATCH (a)-[r]->(:Entity)
  WHERE r.ev IS NOT NULL OR r.props IS NOT NULL
  RETURN collect({eid: elementId(r), props: r.props, ev: r.ev, ev_keys: r.ev_keys}) AS relations
}
RETURN CASE WHEN size(page) = 0 THEN null ELSE page[-1].id END AS last, entities, relations

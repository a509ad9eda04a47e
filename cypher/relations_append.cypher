// Update existing relations between locked endpoints (each looked for from its endpoint of smaller
// degree): set the merged properties and append the evidence whose key is new, in order; the
// weight is the number of distinct evidence documents.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
WITH row, a, COUNT { (a)--() } <= COUNT { (b)--() } AS fromA, b
WITH row, a, CASE WHEN fromA THEN a ELSE b END AS s, CASE WHEN fromA THEN b ELSE a END AS t
MATCH (s)-[r]-(x)
WHERE x = t AND type(r) = row.type AND startNode(r) = a
WITH r, row, [i IN range(0, size(row.ev_keys) - 1) WHERE NOT row.ev_keys[i] IN r.ev_keys] AS fresh
SET r.props = row.props,
    r.ev = r.ev + [i IN fresh | row.ev[i]],
    r.ev_keys = r.ev_keys + [i IN fresh | row.ev_keys[i]],
    r.ev_docs = r.ev_docs + [i IN fresh | row.ev_docs[i]]
WITH r
CALL (r) {
  UNWIND r.ev_docs AS doc
  RETURN count(DISTINCT doc) AS weight
}
SET r.weight = weight

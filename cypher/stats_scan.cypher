// Fallback of stats_counts when db.stats.retrieve is not allowed: the same counts by scanning.
CALL () {
  MATCH (n:Entity)
  WITH n.label AS label, count(*) AS c
  RETURN collect([label, c]) AS nodes
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WITH type(r) AS type, count(*) AS c
  RETURN collect([type, c]) AS relations
}
CALL () {
  MATCH (:Document)-[m:MENTIONS]->(:Entity)
  RETURN count(m) AS mentions
}
CALL () {
  MATCH (d:Document)
  RETURN count(d) AS documents
}
RETURN nodes + [['Document', documents]] AS nodes, relations + [['MENTIONS', mentions]] AS relations

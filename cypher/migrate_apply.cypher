// Migration of a first-layout store: write the native properties of $batch.entities ({id, props})
// and $batch.relations ({eid, props}: their own, the weight and the parallel evidence lists)
// computed by graph/store/neo4j_migrate.py, and remove the JSON properties they replace.
CALL () {
  UNWIND $batch.entities AS row
  MATCH (n:Entity {id: row.id})
  REMOVE n.props
  SET n += row.props
}
CALL () {
  UNWIND $batch.relations AS row
  MATCH ()-[r]->()
  WHERE elementId(r) = row.eid
  REMOVE r.props, r.ev, r.ev_keys
  SET r += row.props
}
RETURN true AS done

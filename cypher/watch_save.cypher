// Create or overwrite the watch $id (graph/changes.py): its JSON $body (from, to, max_hops,
// created) on a (:Watch) node, apart from the graph of entities.
MERGE (w:_Watch {id: $id})
SET w.body = $body

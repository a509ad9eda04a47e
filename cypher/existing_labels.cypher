// [id, label] of the entities among $ids that exist, in one row (one record, not one a node).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect([n.id, n.label]) AS existing

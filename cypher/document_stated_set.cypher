// Replace what document $id stated (JSON, or null for nothing): a merge re-points it at the survivor.
MATCH (d:Document {id: $id})
SET d._stated = $stated

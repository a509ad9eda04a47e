// Replace the properties (JSON) of entity $id: what a retracted document alone stated is gone.
MATCH (n:Entity {id: $id})
SET n.props = $props

// Replace the properties (JSON) of the relation $source -[$type]-> $target (endpoints seeked by the id
// index): what a retracted document alone stated is gone.
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
MATCH (a)-[r]->(b)
WHERE type(r) = $type
SET r.props = $props

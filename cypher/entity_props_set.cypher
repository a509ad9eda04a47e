// Replace the properties of entity $id by $props (graph/store/neo4j_model.py; id, label, name
// and aliases kept): what a retracted document alone stated is gone.
MATCH (n:Entity {id: $id})
WITH n, n {.id, .label, .name, .aliases} AS own
SET n = $props
SET n += own

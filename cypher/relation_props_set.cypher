// Replace the properties of the relation $source -[$type]-> $target by $props
// (graph/store/neo4j_model.py; weight and evidence lists kept; endpoints seeked by the id index):
// what a retracted document alone stated is gone.
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
MATCH (a)-[r]->(b)
WHERE type(r) = $type
WITH r, r {.weight, .ev_docs, .ev_sentences, .ev_starts, .ev_ends, .ev_extractors, .ev_confidences,
           .ev_dates} AS own
SET r = $props
SET r += own

// Candidates of weighted paths: up to 50 shortest walks of 1 to 4 hops from $src to $dst through
// relations of $types, direction ignored, as id sequences. (The hop bound of a quantified pattern
// must be a literal: one file per bound. Walks with a repeated node and variants through parallel
// relations are removed by the caller, which also bounds the time this may take.)
MATCH p = SHORTEST 50 (a:Entity {id: $src})-[r WHERE type(r) IN $types]-{1,4}(b:Entity {id: $dst})
RETURN [n IN nodes(p) | n.id] AS ids

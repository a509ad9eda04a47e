// One shortest path of 1 to 5 hops from $src to $dst through relations of $types, direction
// ignored, avoiding the entities $banned and the relationships $rels (element ids): the spur
// search of Yen's k-shortest-paths. Every predicate is inlined in the search, and a shortest walk
// never repeats a node, so this stays cheap even around supernodes. (The hop bound of a quantified
// pattern must be a literal: one file per bound.)
MATCH p = SHORTEST 1 (a:Entity {id: $src})
  ((x)-[r WHERE type(r) IN $types AND NOT elementId(r) IN $rels]-(y WHERE NOT y.id IN $banned)){1,5}
  (b:Entity {id: $dst})
RETURN [n IN nodes(p) | n.id] AS ids

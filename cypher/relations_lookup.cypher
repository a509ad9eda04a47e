// Second step of every upsert (after write_lock, under its locks), one round trip, run only when
// the batch has relations to look for: which of the relations $batch.keys ([source, type, target]) exist,
// with their properties, ev_docs and element id (_eid; the other evidence lists and the weight left
// out: the caller merges properties, indexes only the evidence documents new to a relation, and
// apply_appended seeks the relation by its element id); apply_created creates the others. The
// caller leaves out the relations with an endpoint write_lock just created: they cannot exist.
// A relation's endpoints are seeked by the id index (the SEEK hints) and the relationship expanded
// from its source to its target as a path of length 1..1 (VarLengthExpand(Into)), a pattern no
// plan can solve by a scan: a single-hop pattern, planned on an empty store (or before this
// transaction's _KEY_OF links exist), is solved by scanning every relationship per key (60 million
// db hits for the first 5,000 keys of a load), or by expanding every relationship of the target (a
// supernode) and hash-joining the source, which exhausts the transaction memory.
// The aggregation before the expansion (one b per key) makes b a value, not a node the planner can
// seek again: without it, a plan made while the store holds a hundred entities or more and few or
// no relationships (entities seeded first, or a store between the two statements of clear.cypher)
// seeks b on its own and hash-joins it with every path of length 1 from a (NodeHashJoin over
// VarLengthExpand(All)); cached and reused on a growing store, its hash tables grew with the
// supernodes' degree (227 MB of query memory for the 5,000 keys of one batch of the 20k bench),
// the way to the 512 MiB transaction memory limit (MemoryPoolOutOfMemoryError on every retry until
// Neo4j replans). tests/test_neo4j_plans.py pins the plan on four store states.
UNWIND $batch.keys AS key
MATCH (a:Entity {id: key[0]}), (b:Entity {id: key[2]})
USING INDEX SEEK a:Entity(id)
USING INDEX SEEK b:Entity(id)
WITH key, a, head(collect(b)) AS b
MATCH (a)-[rs*1..1]->(b)
WITH key, rs[0] AS r
WHERE type(r) = key[1]
RETURN collect({key: key, props: r {.*, _eid: elementId(r), weight: null, ev_sentences: null, ev_starts: null, ev_ends: null,
                                    ev_extractors: null, ev_confidences: null, ev_dates: null}}) AS relations

// Write step, entities (run only when there are some; the entities locked by write_lock): store
// each entity's merged aliases and properties (row.props: every property of the node,
// graph/store/neo4j_model.py) and link the new match keys (the caller sends only keys the entity is
// not linked to yet). Each list of a write goes in a query of its own, run only when non-empty: a
// small query plans in tens of milliseconds where the five lists in one query took 0.3-0.8 s of
// server CPU to plan, again on every replan as the store grows, and needed Eager between its parts.
UNWIND $batch.rows AS row
MATCH (n:Entity {id: row.id})
SET n = row.props
WITH n, row
UNWIND row.keys AS key
MERGE (k:_Key {label: n.label, key: key})
CREATE (k)-[:_KEY_OF]->(n)

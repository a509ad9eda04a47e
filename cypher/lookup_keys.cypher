// For each match key of $label, every id of an entity having it.
UNWIND $keys AS key
MATCH (:Key {label: $label, key: key})-[:KEY_OF]->(n:Entity)
RETURN key, collect(n.id) AS ids

// For each match key of $label, the smallest id of an entity having it.
UNWIND $keys AS key
MATCH (:Key {label: $label, key: key})-[:KEY_OF]->(n:Entity)
RETURN key, min(n.id) AS id

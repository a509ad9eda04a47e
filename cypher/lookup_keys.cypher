// For each match key of $label, every id of an entity having it.
UNWIND $keys AS key
MATCH (:_Key {label: $label, key: key})-[:_KEY_OF]->(n:Entity)
RETURN key, collect(n.id) AS ids

// Every Note of $kind, by key.
MATCH (n:Note {kind: $kind})
RETURN n.key AS key, n.value AS value
ORDER BY key

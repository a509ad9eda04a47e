// Every Note of $kind, by key.
MATCH (n:_Note {kind: $kind})
RETURN n.key AS key, n.value AS value
ORDER BY key

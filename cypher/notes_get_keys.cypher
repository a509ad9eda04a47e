// The Notes of $kind with one of $keys.
UNWIND $keys AS k
MATCH (n:_Note {kind: $kind, key: k})
RETURN n.key AS key, n.value AS value

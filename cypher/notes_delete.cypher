// Delete the Notes of $kind with one of $keys.
UNWIND $keys AS k
MATCH (n:Note {kind: $kind, key: k})
DELETE n

// The Notes of $kind whose key begins with $prefix ("id\t": the records about one node), by the
// (kind, key) index.
MATCH (n:_Note {kind: $kind})
WHERE n.key STARTS WITH $prefix
RETURN n.key AS key, n.value AS value

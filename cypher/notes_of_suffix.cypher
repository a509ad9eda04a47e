// The Notes of $kind whose key ends with $suffix ("\tid": verdicts on pairs naming one node last).
MATCH (n:_Note {kind: $kind})
WHERE n.key ENDS WITH $suffix
RETURN n.key AS key, n.value AS value

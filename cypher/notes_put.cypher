// Store review verdicts and resolution records ($rows: {kind, key, value}), one Note each.
UNWIND $rows AS row
MERGE (n:_Note {kind: row.kind, key: row.key})
SET n.value = row.value

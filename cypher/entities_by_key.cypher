// Entities of $labels having the normalised match key $key, with their degree (typed relations:
// every relationship but MENTIONS and the _KEY_OF index links, O(1) from the degree store), which
// ranks several candidates.
MATCH (k:_Key {key: $key})-[:_KEY_OF]->(n:Entity)
WHERE k.label IN $labels
WITH DISTINCT n
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, properties(n) AS props,
       COUNT { (n)--() } - COUNT { (n)<-[:MENTIONS]-() } - COUNT { (n)<-[:_KEY_OF]-() } AS degree
ORDER BY id

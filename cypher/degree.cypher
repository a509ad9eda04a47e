// Number of typed relations of an entity: every relationship but MENTIONS and the _KEY_OF index
// links (O(1) from the degree store).
MATCH (n:Entity {id: $id})
RETURN COUNT { (n)--() } - COUNT { (n)<-[:MENTIONS]-() } - COUNT { (n)<-[:_KEY_OF]-() } AS degree

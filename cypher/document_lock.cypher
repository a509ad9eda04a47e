// Lock one stored document for the rest of the transaction; no row if it does not exist. Setting a
// label the node already has takes its write lock and writes nothing (as cypher/lock_nodes.cypher).
MATCH (d:Document {id: $doc})
SET d:Document
RETURN d.id AS id

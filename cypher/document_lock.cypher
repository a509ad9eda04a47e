// Lock one stored document for the rest of the transaction; no row if it does not exist.
MATCH (d:Document {id: $doc})
SET d._lock = true
REMOVE d._lock
RETURN d.id AS id

// Remember which relations hold evidence of each document (the index retract_document uses).
UNWIND $rows AS row
MERGE (s:EvSource {id: row.doc})
  ON CREATE SET s.rels = []
SET s._lock = true
REMOVE s._lock
SET s.rels = s.rels + [k IN row.keys WHERE NOT k IN s.rels]

// Node counts by label and relationship counts by type, from the counts store (O(1)).
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN [x IN data.nodes WHERE x.label IS NOT NULL | [x.label, x.count]] AS nodes,
       [x IN data.relationships WHERE x.relationshipType IS NOT NULL AND x.startLabel IS NULL
          AND x.endLabel IS NULL | [x.relationshipType, x.count]] AS relations

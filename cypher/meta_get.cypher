// Which layout the store has: the model of its (:_Meta) node (null when it has none), whether it
// was just made by the import tool (neo4j_import.py sets imported), and, for a
// store without one, whether it holds anything of the first layout (model 1: :Key, :EvSource,
// :Note and :Watch nodes, properties as JSON in n.props / r.props, evidence as JSON in r.ev).
OPTIONAL MATCH (m:_Meta {id: 'innograph'})
WITH m.model AS model, coalesce(m.imported, false) AS imported
RETURN model, imported,
       model IS NULL AND (EXISTS { MATCH (:Key) } OR EXISTS { MATCH (:EvSource) } OR EXISTS { MATCH (:Note) }
         OR EXISTS { MATCH (:Watch) } OR EXISTS { MATCH (n:Entity) WHERE n.props IS NOT NULL }
         OR EXISTS { MATCH (d:Document) WHERE d.stated IS NOT NULL }) AS old

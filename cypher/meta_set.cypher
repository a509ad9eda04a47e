// Record the layout of the store (graph/store/neo4j_model.py MODEL) on its (:_Meta) node.
MERGE (m:_Meta {id: 'innograph'})
SET m.model = $model

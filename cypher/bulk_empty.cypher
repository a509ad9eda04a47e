// Is the store empty (no entity, document or evidence index node)? A bulk load writes only there.
OPTIONAL MATCH (n) WHERE n:Entity OR n:Document OR n:_EvSource OR n:_Key
WITH n LIMIT 1
RETURN n IS NULL AS empty

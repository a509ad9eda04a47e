// Every watch (graph/changes.py), as its JSON body, in id order.
MATCH (w:_Watch)
RETURN w.body AS body
ORDER BY w.id

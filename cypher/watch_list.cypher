// Every watch (graph/changes.py), as its JSON body, in id order.
MATCH (w:Watch)
RETURN w.body AS body
ORDER BY w.id

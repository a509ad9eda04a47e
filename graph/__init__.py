"""InnoGraph's graph core: the ontology as data, the model, and the stores.

>>> from graph import open_store
>>> store = open_store("sqlite://:memory:")
>>> store.stats()["documents"]
0
>>> store.close()
"""
from graph.errors import InnoGraphError
from graph.store import open_store
from graph.store.base import GraphStore

__all__ = ["GraphStore", "InnoGraphError", "open_store"]

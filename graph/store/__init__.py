"""The stores: ``open_store(uri)`` chooses the backend by URI; ``GraphStore`` (graph/store/base.py)
is the one interface both implement.

The backends import ``graph.store.base``, never this module, so that choosing a backend here
imports nothing back.

>>> store = open_store("sqlite://:memory:")
>>> type(store).__name__
'SQLiteStore'
>>> store.close()
"""
from __future__ import annotations

import os

from graph.errors import BadInput
from graph.store.base import GraphStore

DEFAULT_URI = "sqlite:///innograph.db"
SQLITE_SCHEMES = ("sqlite",)
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

__all__ = ["DEFAULT_URI", "GraphStore", "open_store"]


def open_store(uri: str | None = None, **options) -> GraphStore:
    """Open the store named by ``uri``, else $INNOGRAPH_STORE, else the embedded default.

    ``sqlite:///path`` and ``sqlite://:memory:`` select the embedded store; ``bolt://``,
    ``neo4j://`` and ``neo4j+s://`` select Neo4j.

    >>> open_store("mysql://x")
    Traceback (most recent call last):
    ...
    graph.errors.BadInput: store: unsupported store URI 'mysql://x' (use sqlite:///PATH, sqlite://:memory:, bolt://, neo4j:// or neo4j+s://)
    """
    uri = uri or os.environ.get("INNOGRAPH_STORE") or DEFAULT_URI
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme in SQLITE_SCHEMES:
        from graph.store.sqlite import SQLiteStore

        return SQLiteStore(uri, **options)
    if scheme in NEO4J_SCHEMES:
        from graph.store.neo4j import Neo4jStore

        return Neo4jStore(uri, **options)
    raise BadInput(f"unsupported store URI {uri!r} (use sqlite:///PATH, sqlite://:memory:, bolt://, "
                   "neo4j:// or neo4j+s://)", where="store")

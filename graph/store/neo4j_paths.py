"""Neo4j's path helpers: the strongest relation of each node pair, as the embedded store's view
chooses it (highest weight, then type name, then key), which a Neo4j path search walks; and the
``Projection`` of the graph that matching searches in memory.

>>> rels = [("a", "LOCATED_IN", "b", 1), ("b", "PART_OF", "c", 1), ("c", "COOPERATES_WITH", "b", 2),
...         ("a", "COOPERATES_WITH", "c", 1)]
>>> best = strongest(rels)
>>> best[("b", "c")]
(('c', 'COOPERATES_WITH', 'b'), 2)
"""
from __future__ import annotations

import threading
from collections.abc import Iterable

from neo4j import unit_of_work

from graph.schema import ontology
from graph.store.cypher import query, translated

Key = tuple[str, str, str]


def strongest(rels: Iterable[tuple[str, str, str, int]]) -> dict[tuple[str, str], tuple[Key, int]]:
    """{(u, v) sorted pair: (key, weight)} of the strongest relation of each pair."""
    best: dict[tuple[str, str], tuple[Key, int]] = {}
    for s, t, o, w in rels:
        pair = (s, o) if s < o else (o, s)
        key, w = (s, t, o), int(w or 0)
        old = best.get(pair)
        if old is None or (-w, t, key) < (-old[1], old[0][1], old[0]):
            best[pair] = (key, w)
    return best


class Projection:
    """The path relations of a Neo4j store as an in-memory NxView (graph/store/nxview.py), for
    matching's one search per request (graph/explain.py): read once (``projection_edges``), then
    re-read whenever Neo4j has committed any transaction since (a read transaction's bookmark
    names the last one committed; checked per request, one round trip), so an answer never comes
    from a graph older than the request. The time of each relation is read on the first query in
    a time window (``projection_times``)."""

    def __init__(self):
        self.view = None
        self.stamp = None
        self.lock = threading.RLock()

    @staticmethod
    def _bookmark(store) -> frozenset:
        with store._driver.session(database=store.database) as s:
            s.execute_read(lambda tx: list(tx.run(query("ping"))))
            return frozenset(s.last_bookmarks().raw_values)

    def current(self, store):
        """The view as of now (re-read if Neo4j has committed a write since it was read)."""
        from graph.window import current

        with self.lock:
            stamp = self._bookmark(store)
            if self.view is None or stamp != self.stamp:
                self.view, self.stamp = self._load(store), stamp
            if current() is not None and self.view.when is None:
                self.view.when = self._times(store)
                self.view._changed()
            return self.view

    @staticmethod
    def _rows(store, name: str):
        types = list(ontology().path_relation_types)
        with translated(name, store.write_timeout), store._driver.session(database=store.database) as s:
            return s.execute_read(unit_of_work(timeout=store.write_timeout)(
                lambda tx: [r.values() for r in tx.run(query(name), types=types)]))

    def _load(self, store):
        from graph.store.nxview import NxView

        # one row per source node with its relations as parallel lists (a third of the records)
        return NxView.of_rows((s, t, o, w) for s, ts, os, ws in self._rows(store, "projection_edges")
                              for t, o, w in zip(ts, os, ws))

    def _times(self, store) -> dict:
        when = {}
        for s, t, o, vf, vt, dates in self._rows(store, "projection_times"):
            when[(s, t, o)] = (None if vf is None else str(vf), None if vt is None else str(vt),
                               tuple(sorted({d for d in dates or () if d})))
        return when


_PROJECTIONS_LOCK = threading.Lock()


def projection(store):
    """(view, lock): the store's Projection as of now; search the view under the lock."""
    with _PROJECTIONS_LOCK:
        proj = store.__dict__.get("_innograph_projection")
        if proj is None:
            proj = store.__dict__["_innograph_projection"] = Projection()
    return proj.current(store), proj.lock


def entities(store, ids) -> dict:
    """{id: Entity} of those ``ids`` that exist, in one read (``entities_get``, the query and
    record accessor Neo4jStore.get_entity uses)."""
    from graph.store.neo4j_write import _entity

    ids = sorted(set(ids))
    if not ids:
        return {}
    return {r["id"]: _entity(r) for r in store._read("entities_get", ids=ids)}

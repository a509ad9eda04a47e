"""The in-memory networkx view used by the embedded store for paths and neighbours.

An undirected ``nx.Graph`` whose edge attribute ``rels`` maps each relation key
``(source, type, target)`` between the pair to its weight (number of documents).

>>> g = NxView()
>>> g.add_node("city:a", "City"); g.add_node("region:b", "Region"); g.add_node("org:c", "Organisation")
>>> g.set_edge(("city:a", "LOCATED_IN", "region:b"), 1)
>>> g.set_edge(("org:c", "LOCATED_IN", "city:a"), 2)
>>> g.paths("org:c", "region:b", k=2, max_hops=3, types=("LOCATED_IN",), weighted=False)
[[('org:c', 'LOCATED_IN', 'city:a'), ('city:a', 'LOCATED_IN', 'region:b')]]
"""
from __future__ import annotations

import heapq

import networkx as nx

from graph.pathsearch import Csr, Layers, _never, edge, edge_keys, k_paths
from graph.schema import ontology

_PATH_TYPES = frozenset(ontology().path_relation_types)


_CACHED_TYPE_SETS = 4  # materialised weighted subgraphs kept per view (least recently used dropped)


class NxView:
    def __init__(self):
        self.g = nx.Graph()
        self.deg: dict[str, int] = {}  # node -> number of relations (for max_degree)
        self._weighted: dict[tuple, nx.Graph] = {}  # (types, window) -> materialised subgraph (see weighted)
        # relation key -> (valid_from, valid_to, evidence dates): filled by the store on the first
        # query in a time window (graph/window.py), then kept in step with its writes
        self.when: dict[tuple, tuple] | None = None

    @classmethod
    def load(cls, conn) -> NxView:
        """The view of the store behind the SQLite connection ``conn``."""
        view = cls()
        for node_id, label in conn.execute("SELECT id, label FROM nodes WHERE label != 'Document'"):
            view.add_node(node_id, label)
        for s, t, o, w in conn.execute("SELECT source, type, target, weight FROM edges"):
            view.set_edge((s, t, o), w)
        return view

    def _changed(self) -> None:
        self._weighted.clear()

    def add_node(self, node_id: str, label: str) -> None:
        self._changed()
        if node_id in self.g:
            self.g.nodes[node_id]["label"] = label
        else:
            self.g.add_node(node_id, label=label)

    def remove_node(self, node_id: str) -> None:
        self._changed()
        if node_id in self.g:
            for v in self.g[node_id]:
                self.deg[v] -= len(self.g[node_id][v]["rels"])
            self.g.remove_node(node_id)
            self.deg.pop(node_id, None)

    def set_edge(self, key: tuple[str, str, str], weight: int) -> None:
        self._changed()
        s, _, t = key
        if self.g.has_edge(s, t):
            rels = self.g[s][t]["rels"]
            if key not in rels:
                self.deg[s] = self.deg.get(s, 0) + 1
                self.deg[t] = self.deg.get(t, 0) + 1
            rels[key] = weight
        else:
            self.g.add_edge(s, t, rels={key: weight})
            self.deg[s] = self.deg.get(s, 0) + 1
            self.deg[t] = self.deg.get(t, 0) + 1

    def set_when(self, key: tuple[str, str, str], valid_from, valid_to, dates) -> None:
        """The time of a relation (see ``when``); a no-op until ``when`` is filled."""
        if self.when is not None:
            self._changed()
            self.when[key] = (valid_from, valid_to, tuple(dates))

    def admitted(self, window):
        """The filter of relation keys in ``window`` (a graph.window.Window), or None without one."""
        if window is None:
            return None
        when = self.when or {}
        return lambda key: window.admits(*when.get(key, (None, None, ())))

    def remove_edge(self, key: tuple[str, str, str]) -> None:
        self._changed()
        s, _, t = key
        if self.g.has_edge(s, t):
            rels = self.g[s][t]["rels"]
            if rels.pop(key, None) is not None:
                self.deg[s] -= 1
                self.deg[t] -= 1
            if not rels:
                self.g.remove_edge(s, t)

    # ---- queries ------------------------------------------------------------------------
    @staticmethod
    def _best(rels: dict, types: frozenset, ok=None) -> tuple | None:
        """The strongest relation of a pair among the allowed types (and keys ``ok`` admits; ties:
        by type, then key)."""
        best = None
        for key, w in rels.items():
            if key[1] in types and (ok is None or ok(key)) and (best is None or (-w, key[1], key) < (-best[1], best[0][1], best[0])):
                best = (key, w)
        return best

    def _view(self, types: frozenset, ok=None, window=None):
        """The graph restricted to ``types`` (and the relation keys ``ok`` admits); the graph itself
        when nothing is left out (a filtered view runs a Python callback on every edge a search
        touches); in a time window, a materialised copy (see ``windowed``)."""
        if types >= _PATH_TYPES and ok is None:
            return self.g
        if window is not None:
            return self.windowed(types, window, ok)

        def keep(u, v):
            return any(k[1] in types and (ok is None or ok(k)) for k in self.g[u][v]["rels"])
        return nx.subgraph_view(self.g, filter_edge=keep)

    def windowed(self, types: frozenset, window, ok) -> nx.Graph:
        """The graph restricted to ``types`` and to the relations in ``window`` (``ok`` admits
        them) as a plain ``nx.Graph`` whose edges carry ``rels`` like ``self.g`` (only those kept),
        in ``self.g``'s order; built once per (types, window) and kept like ``weighted``."""
        sub = self._weighted.pop(("plain", types, window), None)
        if sub is None:
            sub = nx.Graph()
            sub.add_nodes_from(self.g)
            adj = sub._adj
            for u, nbrs in self.g._adj.items():
                mine = adj[u]
                for v, d in nbrs.items():
                    if u in adj[v]:
                        mine[v] = adj[v][u]
                        continue
                    kept = {k: w for k, w in d["rels"].items() if k[1] in types and ok(k)}
                    if kept:
                        mine[v] = {"rels": kept}
            while len(self._weighted) >= _CACHED_TYPE_SETS:
                self._weighted.pop(next(iter(self._weighted)))
        self._weighted[("plain", types, window)] = sub
        return sub

    def weighted(self, types, window=None) -> nx.Graph:
        """The graph restricted to ``types`` as a plain ``nx.Graph`` whose edges carry ``cost``
        (``1 / documents`` of the pair's strongest allowed relation) and ``key`` (that relation).

        Built once per type set and kept until the data changes. Nodes and adjacency keep the
        order of ``self.g``, so a search over it visits (and breaks ties) exactly as one over the
        filtered view with a cost callback, without running Python callbacks per edge.

        >>> g = NxView(); g.set_edge(("a:1", "X", "b:2"), 4); g.set_edge(("a:1", "Y", "b:2"), 1)
        >>> dict(g.weighted(("X", "Y"))["a:1"]["b:2"])
        {'cost': 0.25, 'icost': 250000000, 'key': ('a:1', 'X', 'b:2')}
        >>> g.weighted(("Y",)) is g.weighted(frozenset({"Y"}))
        True
        """
        types = frozenset(types)
        ok = self.admitted(window)
        sub = self._weighted.pop((types, window), None)
        if sub is None:
            sub = nx.Graph()
            sub.add_nodes_from(self.g)
            adj = sub._adj  # filled directly, in self.g's adjacency order; one attribute dict per pair
            for u, nbrs in self.g._adj.items():
                mine = adj[u]
                for v, d in nbrs.items():
                    if u in adj[v]:  # the pair was met from v's side already
                        mine[v] = adj[v][u]
                        continue
                    best = self._best(d["rels"], types, ok)
                    if best is not None:
                        mine[v] = edge(best[0], best[1])
            while len(self._weighted) >= _CACHED_TYPE_SETS:
                self._weighted.pop(next(iter(self._weighted)))
        self._weighted[(types, window)] = sub
        return sub

    def paths(self, src: str, dst: str, k: int, max_hops: int, types, weighted: bool,
              skip=None, deadline: float | None = None, window=None) -> list[list[tuple]]:
        """Up to k paths as relation keys, in the order of graph/pathsearch.py (both stores');
        QueryTimeout once ``deadline`` (time.monotonic) has passed, so that a search the caller
        stopped waiting for stops too; through the relations in ``window`` (graph/window.py)."""
        if src not in self.g or dst not in self.g:
            return []
        adj = self.weighted(types, window)._adj
        seqs = k_paths(adj, src, dst, k, max_hops, weighted=weighted, skip=skip or _never, deadline=deadline)
        return [edge_keys(adj, seq) for seq in seqs]

    def skipper(self, avoid=(), max_degree: int | None = None):
        """``skip(v)`` for the path searches: v is avoided, or has more than ``max_degree`` relations."""
        avoid, deg = frozenset(avoid), self.deg
        if max_degree is None:
            return (lambda v: v in avoid) if avoid else None
        return lambda v: v in avoid or deg.get(v, 0) > max_degree

    def nearest(self, src: str, max_hops: int, types, window=None) -> Layers:
        """The best weighted paths from ``src`` to any node, from one search (graph/pathsearch.py
        ``Layers``; the CSR matrix is built once per type set, time window and data version)."""
        sub = self.weighted(types, window)
        if "csr" not in sub.graph:
            sub.graph["csr"] = Csr(sub._adj)
        return Layers(sub._adj, sub.graph["csr"], src, max_hops)

    def neighbourhood(self, center: str, depth: int, types, labels, limit: int, window=None):
        """BFS to ``depth``: [(node, depth)] ordered by depth then id, and the edges among them."""
        types, labels = frozenset(types), frozenset(labels)
        ok = self.admitted(window)
        if center not in self.g:
            return [], []
        view = self._view(types, ok, window)
        dist = {center: 0}
        frontier = [center]
        for d in range(1, depth + 1):
            nxt = []
            for u in frontier:
                for v in view.adj[u]:
                    if v not in dist and (not labels or self.g.nodes[v]["label"] in labels):
                        dist[v] = d
                        nxt.append(v)
            frontier = sorted(nxt)
            if len(dist) > limit + 1:
                break
        ordered = heapq.nsmallest(limit, (n for n in dist if n != center), key=lambda n: (dist[n], n))
        keep = set(ordered) | {center}
        edges = []
        for u in sorted(keep):
            adj = view.adj[u]
            # only the kept neighbours, in id order (a supernode's whole adjacency is not sorted)
            small = view is self.g and len(adj) <= len(keep)  # (len of a filtered view is a scan)
            near = [v for v in adj if v > u and v in keep] if small else [v for v in keep if v > u and v in adj]
            for v in sorted(near):
                rels = adj[v]["rels"]
                edges.extend((key, w) for key, w in sorted(rels.items())
                             if key[1] in types and (ok is None or ok(key)))
        return [(n, dist[n]) for n in ordered], edges

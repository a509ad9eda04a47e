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
import itertools
from collections import deque

import networkx as nx

from graph.schema import ontology

_PATH_TYPES = frozenset(ontology().path_relation_types)


_CACHED_TYPE_SETS = 4  # materialised weighted subgraphs kept per view (least recently used dropped)


class NxView:
    def __init__(self):
        self.g = nx.Graph()
        self._weighted: dict[tuple, nx.Graph] = {}  # (types, window) -> materialised subgraph (see weighted)
        # relation key -> (valid_from, valid_to, evidence dates): filled by the store on the first
        # query in a time window (graph/window.py), then kept in step with its writes
        self.when: dict[tuple, tuple] | None = None

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
            self.g.remove_node(node_id)

    def set_edge(self, key: tuple[str, str, str], weight: int) -> None:
        self._changed()
        s, _, t = key
        if self.g.has_edge(s, t):
            self.g[s][t]["rels"][key] = weight
        else:
            self.g.add_edge(s, t, rels={key: weight})

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
            rels.pop(key, None)
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
        {'cost': 0.25, 'key': ('a:1', 'X', 'b:2')}
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
                        mine[v] = {"cost": 1.0 / max(1, best[1]), "key": best[0]}
            while len(self._weighted) >= _CACHED_TYPE_SETS:
                self._weighted.pop(next(iter(self._weighted)))
        self._weighted[(types, window)] = sub
        return sub

    def paths(self, src: str, dst: str, k: int, max_hops: int, types, weighted: bool,
              window=None) -> list[list[tuple]]:
        """Up to k loopless paths through relations of ``types`` (in ``window`` when given)."""
        types = frozenset(types)
        ok = self.admitted(window)
        if src not in self.g or dst not in self.g:
            return []
        view = self.weighted(types, window) if weighted else self._view(types, ok, window)
        # A bounded bidirectional check first: nothing within max_hops means no path at all.
        if self._hops(view, src, dst, max_hops) is None:
            return []
        gen = nx.shortest_simple_paths(view, src, dst, weight="cost" if weighted else None)
        out = []
        # weighted paths may exceed max_hops; look a bounded number of candidates further.
        for seq in itertools.islice(gen, k * 20 if weighted else k * 50):
            if len(seq) - 1 > max_hops:
                if not weighted:
                    break
                continue
            out.append([self._best(self.g[u][v]["rels"], types, ok)[0] for u, v in zip(seq, seq[1:])])
            if len(out) == k:
                break
        if weighted and not out:
            # every cheap path checked was too long: the cheapest one within max_hops, exactly
            seq = _bounded_cheapest(view, src, dst, max_hops)
            if seq is not None:
                out.append([self._best(self.g[u][v]["rels"], types, ok)[0] for u, v in zip(seq, seq[1:])])
        return out

    @staticmethod
    def _hops(view, src: str, dst: str, limit: int) -> int | None:
        """Hop distance if at most ``limit``, by BFS from both ends (bounded), else None."""
        if src == dst:
            return 0
        front = {src: 0}, {dst: 0}
        queues = deque([src]), deque([dst])
        for depth in range(1, limit + 1):
            side = 0 if len(queues[0]) <= len(queues[1]) else 1
            seen, other, q = front[side], front[1 - side], queues[side]
            for _ in range(len(q)):
                u = q.popleft()
                for v in view.adj[u]:
                    if v in other:
                        return depth
                    if v not in seen:
                        seen[v] = seen[u] + 1
                        q.append(v)
            if not q:
                return None
        return None

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


def _bounded_cheapest(view: nx.Graph, src: str, dst: str, max_hops: int) -> list[str] | None:
    """The cheapest simple path of at most ``max_hops`` edges by edge ``cost`` (positive), or None.

    Dijkstra over (node, hops) labels: a label is dropped when another at the same node has no more
    hops and no more cost, and a node is entered only if ``dst`` is still within the hops left
    (hop distances from ``dst``, by a bounded BFS).

    >>> g = nx.Graph()
    >>> g.add_edge("s", "t", cost=5.0)
    >>> nx.add_path(g, ["s", "a", "b", "c", "t"], cost=0.1)
    >>> _bounded_cheapest(g, "s", "t", 4), _bounded_cheapest(g, "s", "t", 3)
    (['s', 'a', 'b', 'c', 't'], ['s', 't'])
    """
    to_dst, frontier = {dst: 0}, [dst]
    for d in range(1, max_hops + 1):
        nxt = []
        for u in frontier:
            for v in view.adj[u]:
                if v not in to_dst:
                    to_dst[v] = d
                    nxt.append(v)
        frontier = nxt
    if src not in to_dst:
        return None
    labels: dict[str, list[tuple[int, float]]] = {}
    heap = [(0.0, 0, src, (src,))]
    while heap:
        cost, hops, u, path = heapq.heappop(heap)
        if u == dst:
            return list(path)
        for v, data in view.adj[u].items():
            if v in path or hops + 1 + to_dst.get(v, max_hops + 1) > max_hops:
                continue
            c = cost + data["cost"]
            seen = labels.setdefault(v, [])
            if any(h <= hops + 1 and sc <= c for h, sc in seen):
                continue
            seen.append((hops + 1, c))
            heapq.heappush(heap, (c, hops + 1, v, path + (v,)))
    return None

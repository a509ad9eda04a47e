"""Exact, deterministic path searches shared by both stores (CONTRACT.md "Paths: order and options").

Both stores hand these functions an adjacency ``adj[u][v] -> {"cost": c, "key": (s, type, t)}``
(each node pair once, with the cost ``1 / documents`` of its strongest allowed relation and that
relation's key): the embedded store its in-memory subgraph, Neo4j the part of its graph that can
hold a path within the hop limit. So both give the same paths in the same order.

Order of paths: unweighted, by (hops, node ids along the path); weighted, by (cost, node ids along
the path), the cost summed exactly as integers: ``icost = round(10**9 / documents)`` per edge. Node id sequences compare as tuples of strings. Every path is
loopless and has at most ``max_hops`` edges, weighted ones included (the cheapest path within the
limit, even when a cheaper longer one exists).

``skip(v)`` says that ``v`` may not be an intermediate node (``avoid`` and ``max_degree``); the ends
of a path are never skipped.

>>> adj = {}
>>> def link(u, v, w=1):
...     d = edge((u, "COOPERATES_WITH", v), w)
...     adj.setdefault(u, {})[v] = d; adj.setdefault(v, {})[u] = d
>>> link("a", "c"); link("c", "d"); link("a", "b"); link("b", "d"); link("a", "e", 4); link("e", "f", 4)
>>> link("f", "d", 4)
>>> k_paths(adj, "a", "d", 3, 4, weighted=False)
[('a', 'b', 'd'), ('a', 'c', 'd'), ('a', 'e', 'f', 'd')]
>>> k_paths(adj, "a", "d", 2, 4, weighted=True)
[('a', 'e', 'f', 'd'), ('a', 'b', 'd')]
>>> k_paths(adj, "a", "d", 2, 4, weighted=False, skip=lambda v: v == "b")
[('a', 'c', 'd'), ('a', 'e', 'f', 'd')]
>>> near = Nearest(adj, "a", 2)
>>> near.path("d"), near.path("f"), near.path("zz")
(('a', 'b', 'd'), ('a', 'e', 'f'), None)
>>> csr = Csr(adj)
>>> fast = Layers(adj, csr, "a", 2)
>>> fast.path("d"), fast.path("f"), fast.path("zz")
(('a', 'b', 'd'), ('a', 'e', 'f'), None)
"""
from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Mapping

from graph.errors import QueryTimeout

Adj = Mapping[str, Mapping[str, dict]]
Skip = Callable[[str], bool]


NANO = 10 ** 9


def _never(_v: str) -> bool:
    return False


def edge(key: tuple[str, str, str], weight: int) -> dict:
    """The attributes of an adjacency entry for the relation ``key`` backed by ``weight`` documents.

    >>> edge(("a:1", "X", "b:2"), 3)
    {'cost': 0.3333333333333333, 'icost': 333333333, 'key': ('a:1', 'X', 'b:2')}
    """
    w = max(1, int(weight or 0))
    return {"cost": 1.0 / w, "icost": round(NANO / w), "key": key}


def path_key(adj: Adj, seq: tuple[str, ...], weighted: bool) -> tuple:
    """The sort key of a path: (hops or rounded cost, node ids)."""
    if not weighted:
        return (len(seq) - 1, seq)
    return (sum(adj[u][v]["icost"] for u, v in zip(seq, seq[1:])), seq)


def hops_to(adj: Adj, dst: str, limit: int, skip: Skip = _never) -> dict[str, int]:
    """Hop distances to ``dst`` up to ``limit`` through nodes that are not skipped (a node that is
    skipped gets its distance but is not walked through)."""
    dist, frontier = {dst: 0}, [dst]
    for d in range(1, limit + 1):
        nxt = []
        for u in frontier:
            if u != dst and skip(u):
                continue
            for v in adj.get(u, ()):
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        frontier = nxt
        if not frontier:
            break
    return dist


def best_path(adj: Adj, src: str, dst: str, max_hops: int, *, weighted: bool, skip: Skip = _never,
              banned: frozenset | set = frozenset(), banned_pairs: frozenset | set = frozenset(),
              to_dst: dict[str, int] | None = None) -> tuple[str, ...] | None:
    """The first path from ``src`` to ``dst`` in path order (see the module), or None.

    A label-setting search over (node, hops): labels pop in (cost, node ids) order, a label is
    dropped when one popped earlier at its node had no more hops. ``to_dst`` (hop distances to
    ``dst``, see ``hops_to``) prunes nodes from which ``dst`` is out of reach and, unweighted, is
    the A* heuristic. ``banned`` nodes and ``banned_pairs`` (u, v) are left out.
    """
    if to_dst is None:
        to_dst = hops_to(adj, dst, max_hops, skip)
    h0 = to_dst.get(src)
    if h0 is None or h0 > max_hops:
        return None
    heap = [(0 if weighted else h0, (src,), 0)]
    settled: dict[str, int] = {}
    while heap:
        _, path, g = heapq.heappop(heap)
        u = path[-1]
        if u == dst:
            return path
        hops = len(path) - 1
        if settled.get(u, max_hops + 1) <= hops:
            continue
        settled[u] = hops
        for v, d in adj[u].items():
            h = to_dst.get(v)
            if h is None or hops + 1 + h > max_hops or v in path or v in banned:
                continue
            if v != dst and skip(v):
                continue
            if banned_pairs and (u, v) in banned_pairs:
                continue
            g2 = g + (d["icost"] if weighted else 1)
            heapq.heappush(heap, (g2 if weighted else g2 + h, path + (v,), g2))
    return None


def k_paths(adj: Adj, src: str, dst: str, k: int, max_hops: int, *, weighted: bool,
            skip: Skip = _never, deadline: float | None = None) -> list[tuple[str, ...]]:
    """Up to ``k`` loopless paths of at most ``max_hops`` hops in path order (Yen's algorithm with
    ``best_path`` as the spur search). Past ``deadline`` (``time.monotonic()``) between two spur
    searches it raises QueryTimeout."""
    if src not in adj or dst not in adj or src == dst:
        return []
    to_dst = hops_to(adj, dst, max_hops, skip)
    first = best_path(adj, src, dst, max_hops, weighted=weighted, skip=skip, to_dst=to_dst)
    if first is None:
        return []
    accepted, heap, seen = [first], [], {first}
    while len(accepted) < k:
        prev = accepted[-1]
        for j in range(len(prev) - 1):
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeout("the path search took longer than the query timeout")
            root = prev[:j + 1]
            pairs = set()
            for p in accepted:
                if p[:j + 1] == root and len(p) > j + 1:
                    pairs.add((p[j], p[j + 1]))
                    pairs.add((p[j + 1], p[j]))
            tail = best_path(adj, prev[j], dst, max_hops - j, weighted=weighted, skip=skip,
                             banned=frozenset(root[:-1]), banned_pairs=pairs, to_dst=to_dst)
            if tail is not None:
                cand = root[:-1] + tail
                if cand not in seen:
                    seen.add(cand)
                    heapq.heappush(heap, (path_key(adj, cand, weighted), cand))
        if not heap:
            break
        accepted.append(heapq.heappop(heap)[1])
    return accepted


def edge_keys(adj: Adj, seq: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The relation keys along a node sequence."""
    return [adj[u][v]["key"] for u, v in zip(seq, seq[1:])]


class Nearest:
    """The best weighted path (as ``best_path``, weighted) of at most ``max_hops`` hops from ``src``
    to every node, found by ONE label-setting search that runs only as far as the nodes asked for
    need: ``path(node)`` resumes it. Used by matching (one search per request)."""

    def __init__(self, adj: Adj, src: str, max_hops: int, skip: Skip = _never):
        self.adj, self.max_hops, self.skip = adj, max_hops, skip
        self.best: dict[str, tuple[str, ...]] = {}
        self._heap = [(0, (src,), 0)] if src in adj else []
        self._settled: dict[str, int] = {}

    def path(self, node: str) -> tuple[str, ...] | None:
        """The best path to ``node``, or None when there is none within ``max_hops``."""
        heap, settled, best, adj, max_hops = self._heap, self._settled, self.best, self.adj, self.max_hops
        while node not in best and heap:
            _, path, g = heapq.heappop(heap)
            u = path[-1]
            hops = len(path) - 1
            if u not in best:
                best[u] = path
            if settled.get(u, max_hops + 1) <= hops:
                continue
            settled[u] = hops
            if hops == max_hops or (hops and self.skip(u)):
                continue
            for v, d in adj[u].items():
                if v in path:
                    continue
                g2 = g + d["icost"]
                heapq.heappush(heap, (g2, path + (v,), g2))
        return best.get(node) if node in best and len(best[node]) > 1 else None


class Csr:
    """The adjacency as compressed sparse rows of integer costs (numpy arrays ``indptr``,
    ``indices``, ``data``: row ``v`` lists v's neighbours), for vectorised single-source searches."""

    def __init__(self, adj: Adj):
        import numpy as np

        self.nodes = list(adj)
        self.index = index = {n: i for i, n in enumerate(self.nodes)}
        cols, data, ptr = [], [], [0]
        for nbrs in adj.values():
            for v, d in nbrs.items():
                cols.append(index[v])
                data.append(d["icost"])
            ptr.append(len(cols))
        self.indptr = np.asarray(ptr, dtype=np.int64)
        self.indices = np.asarray(cols, dtype=np.int64)
        self.data = np.asarray(data, dtype=np.float64)


class Layers:
    """``Nearest``'s answers from one vectorised search from ``src`` (numpy over the CSR matrix).

    ``E[h][v]`` is the least cost of a walk of exactly ``h`` hops from ``src`` to ``v`` (h ≤
    ``max_hops``; a row-wise minimum over the matrix per hop). The best cost to ``v`` within the
    limit is ``min_h E[h][v]``, and a cheapest walk is a loopless path (costs are positive). The
    states (node, position) of every cheapest path to ``v`` are found backwards over *tight* edges
    (``E[i-1][u] + cost(u, v) == E[i][v]``); the smallest node-id sequence among them is chosen
    forwards, node by node. Costs are exact integers (``icost``), so ties are exact.
    """

    def __init__(self, adj: Adj, csr: Csr, src: str, max_hops: int):
        import numpy as np

        self.adj, self.csr, self.src, self.max_hops, self.np = adj, csr, src, max_hops, np
        i = csr.index.get(src)
        if i is None:
            self.best = None
            return
        m = csr
        n, inf = len(csr.nodes), np.inf
        full = m.indptr[:-1] < m.indptr[1:]
        starts = m.indptr[:-1][full]
        layer = np.full(n, inf)
        layer[i] = 0.0
        self.E = [layer]
        for _ in range(max_hops):
            nxt = np.full(n, inf)
            if len(m.data):
                nxt[full] = np.minimum.reduceat(layer[m.indices] + m.data, starts)
            layer = nxt
            self.E.append(layer)
        self.best = np.minimum.reduce(self.E[1:]) if max_hops else layer

    def _preds(self, j: int, i: int) -> list[int]:
        """Nodes u with a tight edge into (node j, position i)."""
        m, np = self.csr, self.np
        lo, hi = m.indptr[j], m.indptr[j + 1]
        cols = m.indices[lo:hi]
        return cols[np.equal(self.E[i - 1][cols] + m.data[lo:hi], self.E[i][j])].tolist()

    def path(self, node: str) -> tuple[str, ...] | None:
        """The best path to ``node`` within ``max_hops`` (as ``Nearest.path``), or None."""
        index, nodes = self.csr.index, self.csr.nodes
        j = index.get(node)
        if self.best is None or j is None or node == self.src:
            return None
        cost = self.best[j]
        if cost == self.np.inf:
            return None
        states = {(j, h) for h in range(1, self.max_hops + 1) if self.E[h][j] == cost}
        todo = list(states)
        while todo:
            v, h = todo.pop()
            if h <= 1:
                continue
            for u in self._preds(v, h):
                if (u, h - 1) not in states:
                    states.add((u, h - 1))
                    todo.append((u, h - 1))
        by_pos: dict[int, list[str]] = {}
        for v, h in states:
            by_pos.setdefault(h, []).append(nodes[v])
        seq, u, E, i = [self.src], self.src, self.E, 0
        while u != node:
            nbrs, gu = self.adj[u], E[i][index[u]]
            u = min(v for v in by_pos[i + 1] if v in nbrs and gu + nbrs[v]["icost"] == E[i + 1][index[v]])
            seq.append(u)
            i += 1
        return tuple(seq)

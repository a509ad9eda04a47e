"""The part of a Neo4j graph that can hold a path of at most L hops between two nodes (the "ball"
that ``Neo4jStore._paths`` reads and graph/pathsearch.py searches in memory), grown L by L.

BFS layers grow from both ends, the smaller frontier first, until their radii add up to L; a node v
with hop distances ds, dt is on such a path only if ds < rs, or dt < rt, or (ds, dt) = (rs, rt).
Skipped nodes are found, not walked through. The layers read for L are the first layers of those
for L + 1 (the growth depends only on what was read), so an unweighted search that tries
L = 1, 2, … reads each layer once, not once per L (the answer is the same).
"""
from __future__ import annotations

from graph.pathsearch import edge
from graph.store.neo4j_paths import strongest


class Ball:
    """BFS state between ``src`` and ``dst`` inside one read transaction ``tx`` of ``store``.

    ``when, suffix`` are the time window's parameters and query-name suffix (``_window()``).
    """

    def __init__(self, store, tx, src, dst, types, avoid, max_degree, when, suffix):
        self.store, self.tx, self.src, self.dst = store, tx, src, dst
        self.types, self.avoid, self.max_degree = types, avoid, max_degree
        self.when, self.suffix = when, suffix
        self.dist = ({src: 0}, {dst: 0})
        self.front = ([src], [dst])
        self.radius = [0, 0]
        self.deg: dict[str, int] = {}

    def _walkable(self, v, end) -> bool:
        return v == end or (v not in self.avoid and (self.max_degree is None
                                                     or self.deg.get(v, 0) <= self.max_degree))

    def grow(self, max_hops: int) -> None:
        """Read BFS layers until the radii add up to ``max_hops`` (or a frontier runs dry)."""
        front, radius = self.front, self.radius
        while radius[0] + radius[1] < max_hops:
            side = 0 if (len(front[0]) <= len(front[1]) or not front[1]) else 1
            if not front[side]:
                break
            seen, end = self.dist[side], (self.src, self.dst)[side]
            walk = [v for v in front[side] if self._walkable(v, end)]
            radius[side] += 1
            nxt = []
            for r in self.store._run(self.tx, "paths_layer" + self.suffix, frontier=walk, types=self.types,
                                     degrees=self.max_degree is not None, **self.when) if walk else ():
                self.deg[r["id"]] = int(r["degree"])
                if r["id"] not in seen:
                    seen[r["id"]] = radius[side]
                    nxt.append(r["id"])
            front[side][:] = nxt

    def adjacency(self) -> dict[str, dict[str, dict]]:
        """The adjacency (graph/pathsearch.py ``edge`` entries, strongest relation per pair) of every
        node of the ball as grown so far."""
        (ds, dt), (rs, rt) = self.dist, self.radius
        keep = sorted({v for v, d in ds.items() if d < rs} | {v for v, d in dt.items() if d < rt}
                      | {v for v, d in ds.items() if d == rs and dt.get(v) == rt} | {self.src, self.dst})
        rels = [(r["source"], r["type"], r["target"], r["weight"])
                for r in self.store._run(self.tx, "paths_edges" + self.suffix, ids=keep, types=self.types, **self.when)]
        adj: dict[str, dict[str, dict]] = {v: {} for v in keep}
        for (u, v), (key, w) in sorted(strongest(rels).items()):
            adj[u][v] = adj[v][u] = edge(key, w)
        return adj

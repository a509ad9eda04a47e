"""Explanation paths that name the specific link, not the hub (used by graph/match.py).

A match is explained by the path between the two that is cheapest when every intermediate node
costs its degree: ``cost = sum(1 / documents(edge)) + HUB_COST * sum(degree(intermediate node))``,
at most ``max_hops`` hops, never through Topics. So "Gu Shiqiang leads the Hengtai Academician
Workstation, which is at Hengtai" (one small intermediate node) beats "via Jiaxing, Innovation
China" (two hubs with hundreds of relations) even when the hub edges are better documented.
The degree of a node counts its relations of every path type (MENTIONS is provenance, not counted).

The search runs in Python over the relations the store gives (``iter_relations``), so both stores
give the same explanation for the same graph; ties are broken by the node ids along the path.
One search from the centre (the enterprise or the expert) serves all its candidates.

>>> from graph.model import Evidence, Relation
>>> docs = [Evidence(f"document:{i}") for i in range(9)]
>>> rels = [Relation("a:x", "R", "hub:h", evidence=docs), Relation("hub:h", "R", "b:y", evidence=docs),
...         Relation("a:x", "R", "w:s"), Relation("w:s", "R", "b:y")]
>>> rels += [Relation("hub:h", "R", f"c:{i}") for i in range(30)]
>>> g = ExplainGraph.from_relations(rels, rels)
>>> g.search("a:x", {"b:y"}, max_hops=4)["b:y"]
['a:x', 'w:s', 'b:y']
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable

from graph.model import Relation

HUB_COST = 0.1  # per relation of each intermediate node


class ExplainGraph:
    """The proximity relations as an adjacency (each pair's best-documented relation) and degrees."""

    def __init__(self) -> None:
        self.adj: dict[str, dict[str, Relation]] = {}
        self.degree: dict[str, int] = {}

    @classmethod
    def from_relations(cls, walkable: Iterable[Relation], counted: Iterable[Relation]) -> ExplainGraph:
        g = cls()
        for r in counted:
            g.degree[r.source] = g.degree.get(r.source, 0) + 1
            g.degree[r.target] = g.degree.get(r.target, 0) + 1
        for r in walkable:
            if r.source == r.target:
                continue
            for u, v in ((r.source, r.target), (r.target, r.source)):
                best = g.adj.setdefault(u, {}).get(v)
                if best is None or (r.weight, best.key) > (best.weight, r.key):
                    g.adj[u][v] = r
        return g

    @classmethod
    def build(cls, store, walkable_types: tuple[str, ...], counted_types: tuple[str, ...]) -> ExplainGraph:
        walk = set(walkable_types)
        rels = list(store.iter_relations(counted_types))
        return cls.from_relations((r for r in rels if r.type in walk), rels)

    def search(self, src: str, targets: set[str], max_hops: int) -> dict[str, list[str]]:
        """The cheapest node sequence from ``src`` to each reachable target within ``max_hops``."""
        todo = set(targets) - {src}
        found: dict[str, list[str]] = {}
        settled: dict[str, int] = {}  # node -> fewest hops it was settled with
        heap: list[tuple[float, tuple[str, ...]]] = [(0.0, (src,))]
        while heap and todo:
            cost, seq = heapq.heappop(heap)
            node, hops = seq[-1], len(seq) - 1
            if node in settled and settled[node] <= hops:
                continue
            if node in todo and node not in found:
                found[node] = list(seq)
                todo.discard(node)
            settled[node] = hops
            if hops == max_hops:
                continue
            enter = 0.0 if node == src else HUB_COST * self.degree.get(node, 0)
            for nxt, rel in self.adj.get(node, {}).items():
                if nxt in seq:
                    continue
                heapq.heappush(heap, (cost + enter + 1.0 / max(1, rel.weight), seq + (nxt,)))
        return found

    def relations(self, seq: list[str]) -> list[Relation]:
        return [self.adj[u][v] for u, v in zip(seq, seq[1:])]

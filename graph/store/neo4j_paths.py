"""The strongest relation of each node pair, as the embedded store's view chooses it (highest
weight, then type name, then key): what a Neo4j path search walks.

>>> rels = [("a", "LOCATED_IN", "b", 1), ("b", "PART_OF", "c", 1), ("c", "COOPERATES_WITH", "b", 2),
...         ("a", "COOPERATES_WITH", "c", 1)]
>>> best = strongest(rels)
>>> best[("b", "c")]
(('c', 'COOPERATES_WITH', 'b'), 2)
"""
from __future__ import annotations

from collections.abc import Iterable

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

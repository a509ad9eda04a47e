"""k shortest loopless paths on Neo4j, answered like the networkx view of the embedded store.

``yen`` is Yen's algorithm (what networkx's ``shortest_simple_paths`` runs) over node sequences,
driven by a spur-search callable that runs Neo4j ``SHORTEST 1`` queries. Neo4j's own ``SHORTEST k``
for k > 1 enumerates walks that repeat nodes and filters them afterwards, which explodes around
supernodes; ``SHORTEST 1`` with inlined exclusions does not. The other helpers keep loopless,
distinct node sequences, choose per hop the strongest relation (as ``NxView._best``: highest
weight, then type name, then key) and order the result.

>>> seqs = [["a", "b", "c"], ["a", "b", "c"], ["a", "x", "a", "c"], ["a", "c"]]
>>> loopless_distinct(seqs)
[['a', 'b', 'c'], ['a', 'c']]
>>> rels = [("a", "LOCATED_IN", "b", 1), ("b", "PART_OF", "c", 1), ("c", "COOPERATES_WITH", "b", 2),
...         ("a", "COOPERATES_WITH", "c", 1)]
>>> best = strongest(rels)
>>> best[("b", "c")]
(('c', 'COOPERATES_WITH', 'b'), 2)
>>> rank_paths([["a", "b", "c"], ["a", "c"]], best, k=5, weighted=False)
[[('a', 'COOPERATES_WITH', 'c')], [('a', 'LOCATED_IN', 'b'), ('c', 'COOPERATES_WITH', 'b')]]
>>> rank_paths([["a", "b", "c"], ["a", "c"]], best, k=1, weighted=True)
[[('a', 'COOPERATES_WITH', 'c')]]
"""
from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable

Key = tuple[str, str, str]


def loopless_distinct(seqs: Iterable[list[str]]) -> list[list[str]]:
    """Node sequences without a repeated node, each once, in their first order."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for seq in seqs:
        t = tuple(seq)
        if len(set(t)) == len(t) and t not in seen:
            seen.add(t)
            out.append(list(seq))
    return out


def pairs_of(seqs: Iterable[list[str]]) -> list[list[str]]:
    """Every consecutive node pair of the sequences, each once, as a sorted [u, v]."""
    pairs = {(u, v) if u < v else (v, u) for seq in seqs for u, v in zip(seq, seq[1:])}
    return [list(p) for p in sorted(pairs)]


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


def rank_paths(seqs: list[list[str]], best: dict, k: int, weighted: bool) -> list[list[Key]]:
    """The first ``k`` paths as edge keys: fewest hops first, then cheapest (the cost of an edge
    being 1 / weight), then by node id sequence; cheapest first when ``weighted``."""
    scored = []
    for seq in seqs:
        edges = [best.get((u, v) if u < v else (v, u)) for u, v in zip(seq, seq[1:])]
        if not edges or any(e is None for e in edges):
            continue
        cost = round(sum(1.0 / max(1, w) for _, w in edges), 9)
        order = (cost, len(edges), seq) if weighted else (len(edges), cost, seq)
        scored.append((order, [key for key, _ in edges]))
    scored.sort(key=lambda x: x[0])
    return [keys for _, keys in scored[:k]]


Spur = Callable[[str, str, int, list[str], list[str]], "list[str] | None"]


def yen(src: str, dst: str, k: int, max_hops: int, spur: Spur, pair_rels: Callable[[list[list[str]]], dict]) -> list[list[str]]:
    """Up to ``k`` loopless node sequences from ``src`` to ``dst`` of at most ``max_hops`` hops,
    fewest hops first (Yen's algorithm on node sequences; parallel relations count once).

    ``spur(src, dst, hops, banned_nodes, banned_rels)`` returns one shortest sequence avoiding
    those nodes and relations (ids), or None. ``pair_rels(pairs)`` returns {(u, v): [relation id,
    ...]} for the given (sorted) node pairs, keyed in both orientations; it is asked once per
    accepted path.

    >>> adj = {"a": "bc", "b": "ad", "c": "ad", "d": "bc"}
    >>> def spur(s, t, hops, banned, rels):  # breadth-first search on the toy graph
    ...     prev, layer = {s: None}, [s]
    ...     for _ in range(hops):
    ...         nxt = []
    ...         for u in layer:
    ...             for v in adj[u]:
    ...                 if v not in prev and v not in banned and "".join(sorted(u + v)) not in rels:
    ...                     prev[v] = u
    ...                     nxt.append(v)
    ...         layer = nxt
    ...     if t not in prev:
    ...         return None
    ...     seq = [t]
    ...     while prev[seq[-1]] is not None:
    ...         seq.append(prev[seq[-1]])
    ...     return seq[::-1]
    >>> pair_rels = lambda pairs: {k: ["".join(p)] for p in pairs for k in (tuple(p), tuple(p[::-1]))}
    >>> yen("a", "d", 5, 3, spur, pair_rels)
    [['a', 'b', 'd'], ['a', 'c', 'd']]
    """
    first = spur(src, dst, max_hops, [], [])
    if not first:
        return []
    accepted, rels = [first], {}
    rels.update(pair_rels(pairs_of([first])))
    heap: list[tuple[int, list[str]]] = []
    seen = {tuple(first)}
    while len(accepted) < k:
        prev = accepted[-1]
        for j in range(len(prev) - 1):
            root = prev[:j + 1]
            banned_rels = sorted({r for p in accepted if p[:j + 1] == root for r in rels.get((p[j], p[j + 1]), ())})
            tail = spur(prev[j], dst, max_hops - j, root[:-1], banned_rels)
            if tail:
                cand = root[:-1] + tail
                if tuple(cand) not in seen and len(set(cand)) == len(cand):
                    seen.add(tuple(cand))
                    heapq.heappush(heap, (len(cand), cand))
        if not heap:
            break
        accepted.append(heapq.heappop(heap)[1])
        rels.update(pair_rels([p for p in pairs_of([accepted[-1]]) if tuple(p) not in rels]))
    return accepted

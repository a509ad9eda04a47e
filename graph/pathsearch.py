"""Exact, deterministic path searches shared by both stores (CONTRACT.md "Paths: order and options").

The searches walk a *cost adjacency*: ``adj[u]`` is a mapping ``{v: icost}`` of the node pairs an
allowed relation joins (each pair once, with the integer cost ``round(10**9 / documents)`` of its
strongest allowed relation), ``adj.get(u, ())`` and ``u in adj`` work, and ``adj.key(u, v)`` names
that relation. The embedded store hands its compact in-memory view (graph/store/nxview.py, which
decodes a node's neighbours when the search reaches it, through the allowed types and the time
window); Neo4j the part of its graph that can hold a path within the hop limit, as a plain dict of
``edge`` entries (``DictCosts`` turns it into a cost adjacency). So both give the same paths in the
same order.

Order of paths: unweighted, by (hops, node ids along the path); weighted, by (cost, node ids along
the path), the cost summed exactly as integers. Node id sequences compare as tuples of strings.
Every path is loopless and has at most ``max_hops`` edges, weighted ones included (the cheapest path
within the limit, even when a cheaper longer one exists).

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
>>> edge_keys(adj, ('a', 'b', 'd'))
[('a', 'COOPERATES_WITH', 'b'), ('b', 'COOPERATES_WITH', 'd')]
"""
from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Mapping

from graph.errors import QueryTimeout

Skip = Callable[[str], bool]


NANO = 10 ** 9


def _never(_v: str) -> bool:
    return False


def icost(weight: int) -> int:
    """The integer cost of an edge backed by ``weight`` documents: ``round(10**9 / max(1, weight))``."""
    return round(NANO / max(1, int(weight or 0)))


def edge(key: tuple[str, str, str], weight: int) -> dict:
    """The attributes of an adjacency entry for the relation ``key`` backed by ``weight`` documents.

    >>> edge(("a:1", "X", "b:2"), 3)
    {'cost': 0.3333333333333333, 'icost': 333333333, 'key': ('a:1', 'X', 'b:2')}
    """
    w = max(1, int(weight or 0))
    return {"cost": 1.0 / w, "icost": icost(w), "key": key}


class DictCosts(dict):
    """A cost adjacency ``{u: {v: icost}}`` of a plain adjacency of ``edge`` entries (what Neo4j's
    path search reads), remembering the relation key of each pair."""

    def __init__(self, adj: Mapping[str, Mapping[str, dict]]):
        super().__init__((u, {v: d["icost"] for v, d in nbrs.items()}) for u, nbrs in adj.items())
        self._adj = adj

    def key(self, u: str, v: str) -> tuple[str, str, str]:
        return self._adj[u][v]["key"]

    def raw(self, u: str):
        """``u``'s neighbours with a value for ``cost``."""
        return self[u]

    @staticmethod
    def cost(_u: str, _v: str, value) -> int:
        """The cost of the pair from its ``raw`` value (-1: no allowed relation)."""
        return value


def costs(adj):
    """``adj`` as a cost adjacency (a plain dict of ``edge`` entries is wrapped in ``DictCosts``)."""
    return adj if hasattr(adj, "key") else DictCosts(adj)


def path_key(adj, seq: tuple[str, ...], weighted: bool) -> tuple:
    """The sort key of a path: (hops or integer cost, node ids)."""
    if not weighted:
        return (len(seq) - 1, seq)
    return (sum(adj[u][v] for u, v in zip(seq, seq[1:])), seq)


def hops_to(adj, dst: str, limit: int, skip: Skip = _never) -> dict[str, int]:
    """Hop distances to ``dst`` up to ``limit`` through nodes that are not skipped (a node that is
    skipped gets its distance but is not walked through)."""
    near = getattr(adj, "near", None) or adj.get
    dist, frontier = {dst: 0}, [dst]
    for d in range(1, limit + 1):
        nxt = []
        for u in frontier:
            if u != dst and skip(u):
                continue
            for v in near(u, ()):
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        frontier = nxt
        if not frontier:
            break
    return dist


def reach(adj, src: str, dst: str, limit: int, skip: Skip = _never,
          shortest: bool = False) -> tuple[dict[str, int], int | None] | None:
    """Lower bounds of the hop distances to ``dst`` for the searches from ``src`` within ``limit``
    hops, from a bidirectional BFS that stops early: ``(to_dst, far)``, where ``to_dst`` holds the
    exact distance of the nodes within ``a`` hops of ``dst`` and every other node is at least
    ``far = a + 1`` away (None: it cannot reach ``dst`` at all); or None when no path of at most
    ``limit`` hops joins ``src`` and ``dst``. Each round grows the side whose next layer is cheaper
    (a ball of ``a`` hops around ``dst`` and one of ``b`` around ``src``, ``a + b <= limit``), so a
    pair with one end in a small component or two ends near each other never walks the ``limit``-hop
    ball around ``dst`` (which, at 1M relations, is most of the graph). Skipped nodes get their
    distance but are not walked through (nor met in), as in ``hops_to``. With ``shortest`` (one
    path of fewest hops is asked) the balls stop growing once they meet: ``a + b`` is then the
    length of the shortest path, and the A* search needs no tighter bound.

    >>> adj = {"a": {"b": 1}, "b": {"a": 1, "c": 1}, "c": {"b": 1, "d": 1}, "d": {"c": 1}, "x": {}}
    >>> reach(adj, "a", "d", 3)[0]["b"], reach(adj, "a", "d", 2), reach(adj, "x", "d", 6)
    (2, None, None)
    """
    near = getattr(adj, "near", None) or adj.get
    raw = getattr(adj, "raw_map", None) or adj

    def grow(front: list[str], dist: dict[str, int], d: int, end: str) -> list[str]:
        nxt = []
        for u in front:
            if u != end and skip(u):
                continue
            for v in near(u, ()):
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        return nxt

    def work(front: list[str]) -> int:
        return sum(len(raw.get(u, ())) for u in front)

    to_dst, front_t, a = {dst: 0}, [dst], 0
    to_src, front_s, b = {src: 0}, [src], 0
    def met() -> bool:
        small, big = (to_src, to_dst) if len(to_src) <= len(to_dst) else (to_dst, to_src)
        return any(w in big and (w == src or w == dst or not skip(w)) for w in small)

    while a + b < limit and front_t and front_s:
        if shortest and met():
            return to_dst, a + 1
        if work(front_t) <= work(front_s):
            a += 1
            front_t = grow(front_t, to_dst, a, dst)
        else:
            b += 1
            front_s = grow(front_s, to_src, b, src)
    if not front_t:  # every node that can reach dst is in to_dst
        return (to_dst, None) if to_dst.get(src, limit + 1) <= limit else None
    if not met():
        return None  # a path of at most a + b hops would pass through both balls
    return to_dst, a + 1


def best_path(adj, src: str, dst: str, max_hops: int, *, weighted: bool, skip: Skip = _never,
              banned: frozenset | set = frozenset(), banned_pairs: frozenset | set = frozenset(),
              to_dst: dict[str, int] | None = None, far: int | None = None) -> tuple[str, ...] | None:
    """The first path from ``src`` to ``dst`` in path order (see the module), or None.

    A label-setting search over (node, hops): labels pop in (cost, node ids) order, a label is
    dropped when one popped earlier at its node had no more hops. ``to_dst`` (hop distances to
    ``dst``, see ``hops_to``; nodes it lacks are ``far`` hops away at least, None: out of reach, see
    ``reach``) prunes nodes from which ``dst`` is out of reach and, unweighted, is the A* heuristic
    (a lower bound: consistent, so the order of the labels at each node, and the answer, are those
    of the exact distances). ``banned`` nodes and ``banned_pairs`` (u, v) are left out.
    """
    if to_dst is None:
        to_dst, far = hops_to(adj, dst, max_hops, skip), None
    h0 = to_dst.get(src, far)
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
        room = max_hops - hops - 1
        for v, c in adj[u].items():
            h = to_dst.get(v, far)
            if h is None or h > room or v in path or v in banned:
                continue
            if v != dst and skip(v):
                continue
            if banned_pairs and (u, v) in banned_pairs:
                continue
            g2 = g + (c if weighted else 1)
            heapq.heappush(heap, (g2 if weighted else g2 + h, path + (v,), g2))
    return None


def k_paths(adj, src: str, dst: str, k: int, max_hops: int, *, weighted: bool,
            skip: Skip = _never, deadline: float | None = None) -> list[tuple[str, ...]]:
    """Up to ``k`` loopless paths of at most ``max_hops`` hops in path order (Yen's algorithm with
    ``best_path`` as the spur search). Past ``deadline`` (``time.monotonic()``) between two spur
    searches it raises QueryTimeout. ``adj``: a cost adjacency, or a plain dict of ``edge`` entries."""
    adj = costs(adj)
    if src not in adj or dst not in adj or src == dst:
        return []
    bounds = reach(adj, src, dst, max_hops, skip, shortest=k == 1 and not weighted)
    if bounds is None:
        return []
    to_dst, far = bounds
    first = best_path(adj, src, dst, max_hops, weighted=weighted, skip=skip, to_dst=to_dst, far=far)
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
                             banned=frozenset(root[:-1]), banned_pairs=pairs, to_dst=to_dst, far=far)
            if tail is not None:
                cand = root[:-1] + tail
                if cand not in seen:
                    seen.add(cand)
                    heapq.heappush(heap, (path_key(adj, cand, weighted), cand))
        if not heap:
            break
        accepted.append(heapq.heappop(heap)[1])
    return accepted


def edge_keys(adj, seq: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """The relation keys along a node sequence."""
    adj = costs(adj)
    return [adj.key(u, v) for u, v in zip(seq, seq[1:])]


def cheapest_routes(adj, src: str, targets, max_hops: int, node_cost: Callable[[str], int],
                    deadline: float | None = None) -> tuple[dict[str, tuple[str, ...]], bool]:
    """The cheapest loopless path of at most ``max_hops`` hops from ``src`` to each of ``targets``
    that ``adj`` joins to it, from ONE label-setting search (matching's explanations, graph/explain.py).

    A path costs the integer costs of its edges plus ``node_cost(v)`` of each intermediate node;
    paths are ordered by (cost, node ids along the path), so ties are exact and broken by ids. A label
    (node, hops) is dropped when one popped earlier at its node had no more hops; the search stops once
    every target is settled or the hop-bounded ball is exhausted (True: complete), or past ``deadline``
    (False: what it found by then).

    >>> adj = DictCosts({})
    >>> adj.update({"a": {"h": 1, "s": 5}, "h": {"a": 1, "b": 1}, "s": {"a": 5, "b": 5}, "b": {"h": 1, "s": 5}})
    >>> cheapest_routes(adj, "a", {"b"}, 3, lambda v: 100 if v == "h" else 0)
    ({'b': ('a', 's', 'b')}, True)
    """
    todo = set(targets) - {src}
    found: dict[str, tuple[str, ...]] = {}
    if src not in adj or not todo:
        return found, True
    # a label (v, h) can lead to a target not yet settled within max_hops only if v is within
    # max_hops - h hops of one (exact pruning, for the last three hops, kept up to date as targets
    # settle: labels that only lead to settled targets are not pushed): ``close[v]`` counts the
    # targets left that are v or next to v, ``two_away(v)`` says whether v is next to such a node
    near = getattr(adj, "near", None) or adj.get
    close: dict[str, int] = dict.fromkeys(todo, 1)
    nbrs_of: dict[str, list[str]] = {}
    for t in todo:
        nbrs_of[t] = mine = [v for v in near(t, ()) if v != t]
        for v in mine:
            close[v] = close.get(v, 0) + 1
    memo: dict[str, str | None] = {}  # node -> a neighbour in close when last looked (None: never)
    raw = getattr(adj, "raw_map", None)  # {node: {neighbour: anything}} through any relation
    raw = raw.__getitem__ if raw is not None else adj.raw

    def two_away(v: str) -> bool:
        if close.get(v, 0):
            return True
        if v in memo:
            seen = memo[v]
            if seen is None:
                return False  # targets only ever leave: once none is within reach, none will be
            if close.get(seen, 0):
                return True
        nbrs = raw(v)  # through any relation (a superset of the allowed ones: the pruning stays exact)
        seen = None
        if len(nbrs) > len(close):
            for x, n in close.items():
                if n and x in nbrs:
                    seen = x
                    break
        else:
            get = close.get
            for x in nbrs:
                if get(x, 0):
                    seen = x
                    break
        memo[v] = seen
        return seen is not None

    def reached(t: str) -> None:
        todo.discard(t)
        for v in (t, *nbrs_of[t]):
            left = close[v] - 1
            if left:
                close[v] = left
            else:
                del close[v]

    limit = max_hops + 1
    settled: dict[str, int] = {}
    # node -> the cheapest cost pushed with at most h hops, for h = 0..max_hops (a label is not
    # pushed when one strictly cheaper with no more hops was: that one pops first and settles it)
    pushed: dict[str, list[float]] = {}
    inf = float("inf")
    entry: dict[str, int] = {}
    heap: list[tuple[int, tuple[str, ...]]] = [(0, (src,))]
    pops = 0
    while heap and todo:
        cost, seq = heapq.heappop(heap)
        node, hops = seq[-1], len(seq) - 1
        if settled.get(node, limit) <= hops:
            continue
        settled[node] = hops
        if node in todo:
            found[node] = seq
            reached(node)
            if not todo:
                break
        left = max_hops - hops
        if left < 3 and (not left or not (close.get(node) if left == 1 else two_away(node))):
            continue  # no target left within reach (the targets it was pushed for are settled)
        pops += 1
        if deadline is not None and not pops % 256 and time.monotonic() > deadline:
            return found, False
        if hops:
            enter = entry.get(node)
            if enter is None:
                enter = entry[node] = node_cost(node)
            cost += enter
        h = hops + 1
        room = max_hops - h  # hops left after the next node
        nbrs = adj[node]  # {neighbour: cost} through the allowed relations
        if room == 0:  # the next node must be a target left
            ahead = [x for x in todo if x in nbrs] if len(todo) < len(nbrs) else [x for x in nbrs if x in todo]
        elif room == 1:
            ahead = [x for x in close if x in nbrs] if len(close) < len(nbrs) else [x for x in nbrs if x in close]
        elif room == 2:
            ahead = [x for x in nbrs if x in close or two_away(x)]
        else:
            ahead = nbrs
        for nxt in ahead:
            if settled.get(nxt, limit) <= h or nxt in seq:
                continue
            g = cost + nbrs[nxt]
            best = pushed.get(nxt)
            if best is None:
                best = pushed[nxt] = [inf] * limit
            elif best[h] < g:
                continue  # a cheaper label with no more hops pops first and settles nxt
            for j in range(h, limit):
                if best[j] <= g:
                    break
                best[j] = g
            heapq.heappush(heap, (g, seq + (nxt,)))
    return found, True


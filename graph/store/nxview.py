"""The embedded store's in-memory graph: what the path, neighbour and match searches need, compactly.

SQLite holds everything; this view keeps only the graph's shape: for each node its label and its
neighbours, and for each node pair its relations packed into one int each (weight, type, direction):
``code = weight << 6 | type << 1 | forward`` (``type`` indexes the sorted relation types; ``forward``
says the relation's source is the smaller id of the pair). A pair with several relations holds a
tuple of codes. No per-edge dicts, no key tuples: about 200 bytes per edge at 1M relations against
~940 for the networkx graph with a dict of relations per pair it replaces (BENCHMARKS.md). Node ids
are the store's strings, one object per id shared by every mention, so ties compare as the contract
says (node ids as strings).

A search asks ``costs(types, window)``: a cost adjacency (graph/pathsearch.py) that decodes a
node's neighbours when the search reaches it, through the allowed types and the time window (a
predicate, like ``skip`` for avoid/max_degree: no filtered copy of the graph is made). The
decoded neighbours of large nodes (in a time window: of every node reached) are kept until the
next change.

>>> g = NxView()
>>> g.add_node("city:a", "City"); g.add_node("region:b", "Region"); g.add_node("org:c", "Organisation")
>>> g.set_edge(("city:a", "LOCATED_IN", "region:b"), 1)
>>> g.set_edge(("org:c", "LOCATED_IN", "city:a"), 2)
>>> g.paths("org:c", "region:b", k=2, max_hops=3, types=("LOCATED_IN",), weighted=False)
[[('org:c', 'LOCATED_IN', 'city:a'), ('city:a', 'LOCATED_IN', 'region:b')]]
>>> g.relations("city:a")
[(('city:a', 'LOCATED_IN', 'region:b'), 1), (('org:c', 'LOCATED_IN', 'city:a'), 2)]
"""
from __future__ import annotations

import heapq

from graph.pathsearch import _never, icost, k_paths
from graph.schema import ontology

TYPES = tuple(sorted(ontology().relations))  # type code -> name (sorted: codes compare as names)
CODE = {t: i for i, t in enumerate(TYPES)}
_PATH_MASK = sum(1 << CODE[t] for t in ontology().path_relation_types)
_IC = [icost(w) for w in range(4096)]  # integer cost by weight
_BIG = 64  # decoded neighbours of nodes with more are kept (per type set and window) until a change
_KEPT = 8  # type sets / windows whose decoded neighbours are kept


def mask_of(types) -> int:
    """The bit mask of relation type names."""
    return sum(1 << CODE[t] for t in set(types))


def _key(u: str, v: str, code: int) -> tuple[str, str, str]:
    a, b = (u, v) if u < v else (v, u)
    t = TYPES[(code >> 1) & 31]
    return (a, t, b) if code & 1 else (b, t, a)


def _pack(key: tuple[str, str, str], weight: int) -> int:
    s, t, o = key
    return max(0, int(weight or 0)) << 6 | CODE[t] << 1 | (s < o)


def _order(code: int) -> tuple:
    """The strongest relation of a pair sorts first: most documents, then type name, then key
    (of one pair's keys with one type, the forward one is the smaller)."""
    return (-(code >> 6), (code >> 1) & 31, -(code & 1))


class Costs:
    """The cost adjacency of a view through a type mask and a time window (see the module)."""

    def __init__(self, view: NxView, mask: int, ok):
        self.view, self.mask, self.ok = view, mask, ok
        self.adj = self.raw_map = view.adj  # raw_map: what ``raw`` reads (graph/pathsearch.py)
        self.plain = ok is None and mask & view.present == view.present
        self._kept = view._decoded.setdefault((mask, ok and ok.window), {})
        self._mine: dict[str, dict[str, int]] = {}

    def __contains__(self, u) -> bool:
        return u in self.adj

    def pick(self, u: str, v: str, c) -> int:
        """The code of the strongest allowed relation of the pair (u, v) holding ``c``, or -1."""
        mask, ok = self.mask, self.ok
        best = -1
        for code in ((c,) if c.__class__ is int else c):
            if mask >> ((code >> 1) & 31) & 1 and (ok is None or ok(_key(u, v, code))):
                if best < 0 or _order(code) < _order(best):
                    best = code
        return best

    def __getitem__(self, u: str) -> dict[str, int]:
        got = self._mine.get(u)
        if got is not None:
            return got
        got = self._kept.get(u)
        if got is None:
            got = {}
            mask, ic, pick = self.mask, _IC, self.pick
            simple = self.ok is None
            for v, c in self.adj[u].items():
                if simple and c.__class__ is int:
                    if not mask >> ((c >> 1) & 31) & 1:
                        continue
                else:
                    c = pick(u, v, c)
                    if c < 0:
                        continue
                w = c >> 6
                got[v] = ic[w] if w < 4096 else icost(w)
            if len(got) > _BIG or self.ok is not None:  # in a window: every node, for the next queries
                self._kept[u] = got
        self._mine[u] = got
        return got

    def get(self, u: str, default=()):
        return self[u] if u in self.adj else default

    def near(self, u: str, default=()):
        """The neighbours of ``u`` through allowed relations (without decoding costs)."""
        nbrs = self.adj.get(u)
        if nbrs is None:
            return default
        if self.plain:
            return nbrs
        got = self._mine.get(u) or self._kept.get(u)
        if got is not None:
            return got
        if len(nbrs) > _BIG:
            return self[u]  # decoded once and kept
        mask, pick = self.mask, self.pick
        if self.ok is None:
            return [v for v, c in nbrs.items() if (mask >> ((c >> 1) & 31) & 1 if c.__class__ is int
                                                   else pick(u, v, c) >= 0)]
        return [v for v, c in nbrs.items() if pick(u, v, c) >= 0]

    def raw(self, u: str):
        """``u``'s neighbours with their packed codes (see ``cost``)."""
        return self.adj[u]

    def cost(self, u: str, v: str, c) -> int:
        """The cost of the pair (u, v) from its packed code(s), -1 when no relation is allowed."""
        if c.__class__ is not int or self.ok is not None:
            c = self.pick(u, v, c)
            if c < 0:
                return -1
        elif not self.mask >> ((c >> 1) & 31) & 1:
            return -1
        w = c >> 6
        return _IC[w] if w < 4096 else icost(w)

    def key(self, u: str, v: str) -> tuple[str, str, str]:
        return _key(u, v, self.pick(u, v, self.adj[u][v]))

    def degree(self, u: str) -> int:
        """Number of relations of ``u`` that the time window admits (every path type counted)."""
        if self.ok is None:
            return self.view.degree(u)
        ok = self.ok
        return sum(1 for v, c in self.adj.get(u, {}).items() for code in ((c,) if c.__class__ is int else c)
                   if _PATH_MASK >> ((code >> 1) & 31) & 1 and ok(_key(u, v, code)))


class _Admits:
    """The time-window predicate on relation keys (graph/window.py ``Window.admits``)."""

    def __init__(self, window, when: dict):
        self.window, self.when = window, when
        self._seen: dict = {}

    def __call__(self, key) -> bool:
        got = self._seen.get(key)
        if got is None:
            got = self._seen[key] = self.window.admits(*self.when.get(key, (None, None, ())))
        return got


class NxView:
    def __init__(self):
        self.adj: dict[str, dict[str, int | tuple]] = {}  # node -> neighbour -> code(s)
        self.label: dict[str, str] = {}
        self.extra: dict[str, int] = {}  # node -> relations beyond one per neighbour (pairs of several)
        self.present = 0  # mask of the relation types the view holds
        self._decoded: dict = {}  # (mask, window) -> node -> decoded neighbours (large nodes only)
        self._admits: dict = {}  # window -> its predicate (see admitted)
        self.changes = 0  # counts the changes (caches key on it)
        # relation key -> (valid_from, valid_to, evidence dates): filled by the store on the first
        # query in a time window (graph/window.py), then kept in step with its writes
        self.when: dict[tuple, tuple] | None = None

    @classmethod
    def load(cls, conn) -> NxView:
        """The view of the store behind the SQLite connection ``conn``."""
        view = cls()
        labels: dict[str, str] = {}
        adj, label = view.adj, view.label
        for node_id, lab in conn.execute("SELECT id, label FROM nodes WHERE label != 'Document'"):
            adj[node_id] = {}
            label[node_id] = labels.setdefault(lab, lab)
        view.add_rows(conn.execute("SELECT source, type, target, weight FROM edges"), {n: n for n in adj})
        return view

    @classmethod
    def of_rows(cls, rows) -> NxView:
        """The view of the relations ``rows`` (source, type, target, weight) of path types, their
        ends included (what Neo4j's projection reads, graph/store/neo4j_paths.py)."""
        view = cls()
        view.add_rows(rows, None)
        return view

    def add_rows(self, rows, ids: dict[str, str] | None) -> None:
        """Add the relations ``rows`` (source, type, target, weight) in one pass (no change count per
        row). With ``ids`` (one string object per node id, shared by every adjacency entry) only
        relations between those nodes; without, their ends are added as nodes."""
        adj, small = self.adj, {}
        shared = ids if ids is not None else {}
        for s, t, o, w in rows:
            if s == o:
                continue
            if ids is None:
                s, o = shared.setdefault(s, s), shared.setdefault(o, o)
                for n in (s, o):
                    if n not in adj:
                        adj[n] = {}
            else:
                s, o = ids.get(s), ids.get(o)
                if s is None or o is None:
                    continue
            code = max(0, int(w or 0)) << 6 | CODE[t] << 1 | (s < o)
            code = small.setdefault(code, code) if code < 1 << 16 else code  # one int object per code
            self.present |= 1 << CODE[t]
            old = adj[s].get(o)
            if old is None:
                adj[s][o] = adj[o][s] = code
            else:
                self._put(s, o, old, code)
        self._changed()

    # ---- changes ------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._decoded.clear()
        self._admits.clear()
        self.changes += 1

    def _put(self, s: str, o: str, old, code: int) -> None:
        """Set ``code`` on the pair (s, o) holding ``old``: replaces the relation of the same type and
        direction, else joins it."""
        same = code & 63
        olds = (old,) if old.__class__ is int else old
        kept = tuple(c for c in olds if c & 63 != same)
        if len(kept) == len(olds):
            self.extra[s] = self.extra.get(s, 0) + 1
            self.extra[o] = self.extra.get(o, 0) + 1
        new = kept + (code,)
        self.adj[s][o] = self.adj[o][s] = new[0] if len(new) == 1 else new

    def replace(self, nodes, rows) -> set[str]:
        """Make the relations of ``nodes`` exactly ``rows`` (source, type, target, weight: every
        relation with an end among them, as read now; a relation read from both ends counted once):
        their pairs are dropped, then ``rows`` added; a node left without relations is dropped, as a
        view read afresh by ``of_rows`` has none (graph/store/neo4j_paths.py). Returns the nodes
        whose relations may have changed."""
        adj = self.adj
        touched: set[str] = set()
        for u in nodes:
            nbrs = adj.get(u)
            if nbrs is None:
                continue
            for x, c in nbrs.items():
                del adj[x][u]
                if c.__class__ is not int:
                    self._less(x, len(c) - 1)
                touched.add(x)
            nbrs.clear()
            self.extra.pop(u, None)
            touched.add(u)
        seen: set[tuple] = set()
        fresh = []
        for s, t, o, w in rows:
            if (s, t, o) not in seen:
                seen.add((s, t, o))
                fresh.append((s, t, o, w))
                touched.update((s, o))
        self.add_rows(fresh, None)
        for n in touched:
            if not adj.get(n, True):
                del adj[n]
                self.label.pop(n, None)
                self.extra.pop(n, None)
        return touched

    def add_node(self, node_id: str, label: str) -> None:
        self._changed()
        if node_id not in self.adj:
            self.adj[node_id] = {}
        self.label[node_id] = label

    def remove_node(self, node_id: str) -> None:
        self._changed()
        for v, c in self.adj.pop(node_id, {}).items():
            del self.adj[v][node_id]
            if c.__class__ is not int:
                self._less(v, len(c) - 1)
        self.label.pop(node_id, None)
        self.extra.pop(node_id, None)

    def _less(self, node: str, n: int) -> None:
        left = self.extra.get(node, 0) - n
        if left > 0:
            self.extra[node] = left
        else:
            self.extra.pop(node, None)

    def set_edge(self, key: tuple[str, str, str], weight: int) -> None:
        self._changed()
        s, t, o = key
        if s == o:
            return
        for n in (s, o):
            if n not in self.adj:
                self.adj[n] = {}
        self.present |= 1 << CODE[t]
        code = _pack(key, weight)
        old = self.adj[s].get(o)
        if old is None:
            self.adj[s][o] = self.adj[o][s] = code
        else:
            self._put(s, o, old, code)

    def remove_edge(self, key: tuple[str, str, str]) -> None:
        self._changed()
        s, _, o = key
        old = self.adj.get(s, {}).get(o)
        if old is None:
            return
        same = _pack(key, 0) & 63
        olds = (old,) if old.__class__ is int else old
        kept = tuple(c for c in olds if c & 63 != same)
        if len(kept) == len(olds):
            return
        if not kept:
            del self.adj[s][o], self.adj[o][s]
            return
        self._less(s, 1)
        self._less(o, 1)
        self.adj[s][o] = self.adj[o][s] = kept[0] if len(kept) == 1 else kept

    def set_when(self, key: tuple[str, str, str], valid_from, valid_to, dates) -> None:
        """The time of a relation (see ``when``); a no-op until ``when`` is filled."""
        if self.when is not None:
            self._changed()
            self.when[key] = (valid_from, valid_to, tuple(dates))

    # ---- reading --------------------------------------------------------------------------------
    def __contains__(self, node_id) -> bool:
        return node_id in self.adj

    def nodes(self):
        return iter(self.adj)

    def number_of_edges(self) -> int:
        """Distinct node pairs joined by a relation."""
        return sum(len(n) for n in self.adj.values()) // 2

    def degree(self, node_id: str) -> int:
        """Number of relations of the node."""
        return len(self.adj.get(node_id, ())) + self.extra.get(node_id, 0)

    @property
    def deg(self):
        """``deg.get(node, 0)``: the number of relations of a node (for max_degree)."""
        view = self

        class _Deg:
            def get(self, node, default=0):
                return view.degree(node) if node in view.adj else default

            def __getitem__(self, node):
                return view.degree(node)
        return _Deg()

    def relations(self, node_id: str):
        """[(key, weight)] of the relations of a node, sorted by key."""
        out = []
        for v, c in self.adj.get(node_id, {}).items():
            for code in ((c,) if c.__class__ is int else c):
                out.append((_key(node_id, v, code), code >> 6))
        return sorted(out)

    def admitted(self, window):
        """The predicate on relation keys of ``window`` (a graph.window.Window), or None without one
        (kept per window until the next change, with what it has decided)."""
        if window is None:
            return None
        got = self._admits.get(window)
        if got is None:
            while len(self._admits) >= _KEPT:
                self._admits.pop(next(iter(self._admits)))
            got = self._admits[window] = _Admits(window, self.when or {})
        return got

    def costs(self, types, window=None) -> Costs:
        """The cost adjacency through ``types`` in ``window`` (see the module)."""
        while len(self._decoded) >= _KEPT:
            self._decoded.pop(next(iter(self._decoded)))
        return Costs(self, mask_of(types), self.admitted(window))

    def weighted(self, types, window=None):
        """The graph through ``types`` as a plain ``networkx.Graph`` whose edges carry ``cost``,
        ``icost`` and ``key`` of the pair's strongest allowed relation (for brute-force checks and
        networkx algorithms; the searches use ``costs``, which copies nothing).

        >>> g = NxView()
        >>> g.set_edge(("a:1", "LOCATED_IN", "b:2"), 4); g.set_edge(("a:1", "PART_OF", "b:2"), 1)
        >>> dict(g.weighted(("LOCATED_IN", "PART_OF"))["a:1"]["b:2"])
        {'cost': 0.25, 'icost': 250000000, 'key': ('a:1', 'LOCATED_IN', 'b:2')}
        """
        import networkx as nx

        from graph.pathsearch import edge

        cost = self.costs(types, window)
        g = nx.Graph()
        g.add_nodes_from(self.adj)
        for u in self.adj:
            for v in cost[u]:
                if u < v:
                    key = cost.key(u, v)
                    code = cost.pick(u, v, self.adj[u][v])
                    g.add_edge(u, v, **edge(key, code >> 6))
        return g

    def paths(self, src: str, dst: str, k: int, max_hops: int, types, weighted: bool,
              skip=None, deadline: float | None = None, window=None) -> list[list[tuple]]:
        """Up to k paths as relation keys, in the order of graph/pathsearch.py (both stores');
        QueryTimeout once ``deadline`` (time.monotonic) has passed, so that a search the caller
        stopped waiting for stops too; through the relations in ``window`` (graph/window.py)."""
        if src not in self.adj or dst not in self.adj:
            return []
        adj = self.costs(types, window)
        seqs = k_paths(adj, src, dst, k, max_hops, weighted=weighted, skip=skip or _never, deadline=deadline)
        return [[adj.key(u, v) for u, v in zip(seq, seq[1:])] for seq in seqs]

    def skipper(self, avoid=(), max_degree: int | None = None):
        """``skip(v)`` for the path searches: v is avoided, or has more than ``max_degree`` relations."""
        avoid = frozenset(avoid)
        if max_degree is None:
            return (lambda v: v in avoid) if avoid else None
        degree = self.degree
        return lambda v: v in avoid or degree(v) > max_degree

    def neighbourhood(self, center: str, depth: int, types, labels, limit: int, window=None):
        """BFS to ``depth``: [(node, depth)] ordered by depth then id, and the edges among them."""
        labels = frozenset(labels)
        if center not in self.adj:
            return [], []
        cost = self.costs(types, window)
        near, label = cost.near, self.label
        dist = {center: 0}
        frontier = [center]
        for d in range(1, depth + 1):
            nxt = []
            for u in frontier:
                for v in near(u):
                    if v not in dist and (not labels or label.get(v) in labels):
                        dist[v] = d
                        nxt.append(v)
            frontier = sorted(nxt)
            if len(dist) > limit + 1:
                break
        ordered = heapq.nsmallest(limit, (n for n in dist if n != center), key=lambda n: (dist[n], n))
        keep = set(ordered) | {center}
        edges = []
        mask, ok = cost.mask, cost.ok
        for u in sorted(keep):
            adj = self.adj[u]
            # only the kept neighbours, in id order (a supernode's whole adjacency is not sorted)
            near_ids = [v for v in adj if v > u and v in keep] if len(adj) <= len(keep) else \
                [v for v in keep if v > u and v in adj]
            for v in sorted(near_ids):
                c = adj[v]
                rels = sorted((_key(u, v, code), code >> 6) for code in ((c,) if c.__class__ is int else c)
                              if mask >> ((code >> 1) & 31) & 1)
                edges.extend((key, w) for key, w in rels if ok is None or ok(key))
        return [(n, dist[n]) for n in ordered], edges

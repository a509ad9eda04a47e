"""Explanation paths that name the specific link, not the hub (used by graph/match.py).

A match is explained by the path between the two that is cheapest when every intermediate node
costs its degree: ``cost = sum(1 / documents(edge)) + HUB_COST * sum(degree(intermediate node))``,
at most ``max_hops`` hops, never through Topics. So "Gu Shiqiang leads the Hengtai Academician
Workstation, which is at Hengtai" (one small intermediate node) beats "via Jiaxing, Innovation
China" (two hubs with hundreds of relations) even when the hub edges are better documented.
The degree of a node counts its relations of every path type (MENTIONS is provenance, not counted).

Costs are exact integers: an edge ``round(10**9 / documents)`` (its strongest proximity relation,
as in paths), an intermediate node ``10**8`` per relation. Ties are broken by the node ids along
the path (as tuples of strings). ONE search from the centre (the enterprise or the expert) serves
all its candidates (``pathsearch.cheapest_routes``), over the store's compact in-memory graph
(graph/store/nxview.py): the embedded store's own view, kept in step with its writes; for Neo4j a
projection of the same relations read from Neo4j and brought up to date when Neo4j has committed a
write since (graph/store/neo4j_paths.py: a delta of what this process's writes touched). So both stores give the same explanation for the same graph.

>>> from graph.store.nxview import NxView
>>> g = NxView()
>>> for u, v, w in [("a:x", "hub:h", 9), ("hub:h", "b:y", 9), ("a:x", "w:s", 1), ("w:s", "b:y", 1)]:
...     g.set_edge((u, "COOPERATES_WITH", v), w)
>>> for i in range(30):
...     g.set_edge(("hub:h", "COOPERATES_WITH", f"c:{i}"), 1)
>>> search(g, "a:x", {"b:y"}, 4, ("COOPERATES_WITH",))[0]["b:y"]
{'keys': [('a:x', 'COOPERATES_WITH', 'w:s'), ('w:s', 'COOPERATES_WITH', 'b:y')], 'hub_degrees': 2}
"""
from __future__ import annotations

from graph.pathsearch import NANO, cheapest_routes

HUB_COST = 0.1  # per relation of each intermediate node
HUB_UNITS = round(HUB_COST * NANO)  # the same in the edges' integer cost units


def search(view, src: str, targets, max_hops: int, types, window=None,
           deadline: float | None = None) -> tuple[dict[str, dict], bool]:
    """({target: {"keys": relation keys of its explaining path, "hub_degrees": the degrees of its
    intermediate nodes, summed}} for the targets reachable from ``src`` within ``max_hops`` hops
    through ``types`` (in ``window``), whether the search completed (False: stopped at
    ``deadline``)), from one search over ``view`` (an NxView)."""
    adj = view.costs(types, window)
    degree = adj.degree if window is not None else view.degree
    seqs, done = cheapest_routes(adj, src, targets, max_hops, lambda v: HUB_UNITS * degree(v), deadline)
    return {t: {"keys": [adj.key(u, v) for u, v in zip(seq, seq[1:])],
                "hub_degrees": sum(degree(n) for n in seq[1:-1])} for t, seq in seqs.items()}, done


def routes(store, src: str, targets, max_hops: int, types, deadline: float | None = None):
    """``search`` over the store's in-memory graph (in the current time window, graph/window.py)."""
    from graph.window import current

    if hasattr(store, "_timed_view"):  # the embedded store
        view = store._timed_view()
        with store._view_lock:
            return search(view, src, targets, max_hops, types, current(), deadline)
    from graph.store.neo4j_paths import projection

    view, lock = projection(store)
    with lock:
        return search(view, src, targets, max_hops, types, current(), deadline)


def warm(store) -> None:
    """Read what ``routes`` searches ahead of the first request (Neo4j's projection; the embedded
    store's view is built by ``store.warm``)."""
    if not hasattr(store, "_timed_view"):
        from graph.store.neo4j_paths import projection

        projection(store)

"""Weighted paths keep to ``max_hops``: when the cheapest paths of any length are all too long
(more than the 20·k the search enumerates), the cheapest path within ``max_hops`` is still found,
so a match's proximity is not lost (README: "the cheapest weighted path of at most 4 hops")."""
from __future__ import annotations

from graph.store.nxview import NxView


def _world(detours: int) -> NxView:
    """s–m–t costs 1 + 1 (one document each); ``detours`` 5-hop paths s–…–t cost 0.01 per edge."""
    g = NxView()
    for n in ("org:s", "org:m", "org:t"):
        g.add_node(n, "Organisation")
    g.set_edge(("org:s", "COOPERATES_WITH", "org:m"), 1)
    g.set_edge(("org:m", "COOPERATES_WITH", "org:t"), 1)
    for i in range(detours):
        chain = ["org:s", *[f"org:d{i}-{j}" for j in range(4)], "org:t"]
        for n in chain[1:-1]:
            g.add_node(n, "Organisation")
        for a, b in zip(chain, chain[1:]):
            g.set_edge((a, "COOPERATES_WITH", b), 100)
    return g


def test_the_cheapest_path_within_max_hops_is_found_behind_many_cheaper_long_ones():
    g = _world(detours=30)
    found = g.paths("org:s", "org:t", k=1, max_hops=4, types=("COOPERATES_WITH",), weighted=True)
    assert found == [[("org:s", "COOPERATES_WITH", "org:m"), ("org:m", "COOPERATES_WITH", "org:t")]]
    # with room for the detours, the cheap 5-hop path wins
    long = g.paths("org:s", "org:t", k=1, max_hops=5, types=("COOPERATES_WITH",), weighted=True)
    assert len(long[0]) == 5


def test_no_path_within_max_hops_stays_empty():
    g = _world(detours=30)
    assert g.paths("org:s", "org:t", k=1, max_hops=1, types=("COOPERATES_WITH",), weighted=True) == []

"""The embedded store's fast weighted search (a cached, materialised subgraph per relation-type set,
``NxView.weighted``) gives exactly the answers of the reference search (a filtered subgraph view
with a Python cost callback, as before): same paths, ties included, so the same match scores,
rankings and explanation paths. Equivalence only; nothing here is timed.
"""
from __future__ import annotations

import itertools
import json
import random

import networkx as nx
import pytest
from support.apiworld import api_world

from bench.synth import generate
from graph import match
from graph.model import Batch, Evidence, Relation
from graph.store import open_store
from graph.store.nxview import NxView


def reference_paths(self, src, dst, k, max_hops, types, weighted, window=None):
    """NxView.paths as it was: a filtered view and a cost callback on every edge (no time window)."""
    assert window is None
    types = frozenset(types)
    if src not in self.g or dst not in self.g:
        return []
    view = self._view(types)
    if self._hops(view, src, dst, max_hops) is None:
        return []

    def cost(u, v, d):
        best = self._best(d["rels"], types)
        return 1.0 / max(1, best[1]) if best else None

    gen = nx.shortest_simple_paths(view, src, dst, weight=cost if weighted else None)
    out = []
    for seq in itertools.islice(gen, k * 20 if weighted else k * 50):
        if len(seq) - 1 > max_hops:
            if not weighted:
                break
            continue
        out.append([self._best(self.g[u][v]["rels"], types)[0] for u, v in zip(seq, seq[1:])])
        if len(out) == k:
            break
    return out


def both(monkeypatch, fn):
    """(reference answer, fast answer) of ``fn()``, as canonical JSON."""
    with monkeypatch.context() as m:
        m.setattr(NxView, "paths", reference_paths)
        ref = json.dumps(fn(), sort_keys=True)
    return ref, json.dumps(fn(), sort_keys=True)


@pytest.fixture(scope="module")
def world_store():
    s = open_store("sqlite://:memory:")
    s.upsert(api_world().batch())
    yield s
    s.close()


@pytest.fixture(scope="module")
def synth_store():
    s = open_store("sqlite://:memory:")
    for b in generate(3000, seed=7).batches(1000):
        s.upsert(b)
    yield s
    s.close()


def _ids(store, label, kind=None):
    return sorted(e.id for e in store.iter_entities([label])
                  if kind is None or e.properties.get("kind") == kind)


@pytest.mark.parametrize("which", ["world", "synth"])
def test_match_experts_same_as_reference(which, world_store, synth_store, monkeypatch):
    store = world_store if which == "world" else synth_store
    idx = match.MatchIndex.build(store)
    orgs = _ids(store, "Organisation")
    orgs = [o for o in orgs if idx.demand(o)[0]]
    if which == "synth":
        orgs = random.Random(3).sample(orgs, 10)
    assert orgs
    explained = 0
    for org in orgs:
        ref, fast = both(monkeypatch, lambda org=org: match.match_experts(store, org, k=5, index=idx))
        assert ref == fast, org
        explained += sum(p["explains"] == "proximity" for m in json.loads(fast)["matches"] for p in m["paths"])
    assert explained  # the proximity search was exercised, not only topic paths


@pytest.mark.parametrize("which", ["world", "synth"])
def test_match_enterprises_same_as_reference(which, world_store, synth_store, monkeypatch):
    store = world_store if which == "world" else synth_store
    idx = match.MatchIndex.build(store)
    people = sorted(idx.expert_focus)
    if which == "synth":
        people = random.Random(4).sample(people, 10)
    assert people
    for person in people:
        ref, fast = both(monkeypatch, lambda person=person: match.match_enterprises(store, person, k=5, index=idx))
        assert ref == fast, person


def test_weighted_paths_same_as_reference(synth_store, monkeypatch):
    nodes = sorted(n for n in synth_store._view().g if not n.startswith("topic:"))
    rnd = random.Random(5)
    type_sets = [match.proximity_types(), ("LOCATED_IN", "HOLDS_POSITION", "COOPERATES_WITH"), ()]
    for a, b in (rnd.sample(nodes, 2) for _ in range(15)):
        for types in type_sets:
            ref, fast = both(monkeypatch, lambda a=a, b=b, types=types: synth_store.paths(
                a, b, k=3, max_hops=4, rel_types=types, weighted=True))
            assert ref == fast, (a, b, types)


def test_cache_follows_writes():
    """The materialised subgraph is rebuilt after a write: a new, better-backed link is used."""
    s = open_store("sqlite://:memory:")
    try:
        from support.builders import GraphBuilder

        b = GraphBuilder()
        x, y, z = (b.add("Organisation", n) for n in ("Org X", "Org Y", "Org Z"))
        b.link(x, "COOPERATES_WITH", y)
        b.link(y, "COOPERATES_WITH", z)
        s.upsert(b.batch())
        assert [p["hops"] for p in s.paths(x, z, weighted=True, rel_types=match.proximity_types())] == [2]
        sub = s._view().weighted(match.proximity_types())
        ev = [Evidence(f"document:d{i}", "x cooperates with z") for i in range(3)]
        s.upsert(Batch([], [Relation(x, "COOPERATES_WITH", z, evidence=ev)]))
        assert s._view().weighted(match.proximity_types()) is not sub
        found = s.paths(x, z, weighted=True, rel_types=match.proximity_types())
        assert [(p["hops"], p["cost"]) for p in found] == [(1, round(1 / 3, 6))]
    finally:
        s.close()

"""Fast answers equal the defined ones (README "Paths: order and ties"; graph/pathsearch.py).

- Paths: the stores' search (Yen over a label-setting search with node-id tie-breaks) gives exactly
  the first k of ALL loopless paths within max_hops sorted by (hops or cost, node ids), enumerated
  by brute force (networkx ``all_simple_paths``): ties, ``avoid`` and ``max_degree`` included.
- Match: one search per request (``store.proximity``, a resumable single-source search) gives the
  same matches, scores and explanation paths as one ``paths(k=1, weighted=True)`` per candidate.
Equivalence only; nothing here is timed.
"""
from __future__ import annotations

import json
import random

import networkx as nx
import pytest
from support.apiworld import api_world

from bench.synth import generate
from graph import match
from graph.schema import ontology
from graph.store import open_store
from graph.store.base import GraphStore
from graph.store.sqlite import SQLiteStore


def brute_paths(store, a, b, k, max_hops, types, weighted, avoid=(), max_degree=None):
    """Every loopless path within max_hops, sorted by the contract's order, as (cost, node ids)."""
    view = store._view()
    sub = view.weighted(types)
    avoid = set(avoid)

    def ok(v):
        return v not in avoid and (max_degree is None or view.deg.get(v, 0) <= max_degree)
    keep = nx.subgraph_view(sub, filter_node=lambda v: v in (a, b) or ok(v))
    found = []
    for seq in nx.all_simple_paths(keep, a, b, cutoff=max_hops):
        cost = sum(sub[u][v]["icost"] for u, v in zip(seq, seq[1:]))
        found.append((cost if weighted else len(seq) - 1, tuple(seq)))
    found.sort()
    return [list(seq) for _, seq in found[:k]]


def test_one_search_equals_label_search(synth_store):
    """``Layers`` (one vectorised search + tight edges) gives ``Nearest``'s (label-setting) path to every node."""
    from graph.pathsearch import Nearest

    view = synth_store._view()
    adj = view.weighted(match.proximity_types())._adj
    rnd = random.Random(2)
    for src in rnd.sample(sorted(adj), 8):
        fast, ref = view.nearest(src, 4, match.proximity_types()), Nearest(adj, src, 4)
        for node in rnd.sample(sorted(adj), 150):
            assert fast.path(node) == ref.path(node), (src, node)


def answer_seqs(answer):
    return [[n["id"] for n in p["nodes"]] for p in answer]


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


def test_paths_equal_brute_force_world(world_store):
    nodes = sorted(world_store._view().g)
    rnd = random.Random(11)
    checked = ties = 0
    for _ in range(120):
        a, b = rnd.sample(nodes, 2)
        weighted = rnd.random() < 0.5
        k, hops = rnd.choice([1, 3, 10]), rnd.choice([2, 3, 4])
        avoid = rnd.sample([n for n in nodes if n not in (a, b)], rnd.choice([0, 0, 1, 2]))
        max_degree = rnd.choice([None, None, 3, 6])
        types = match.proximity_types() if rnd.random() < 0.3 else ()
        full = types or ontology().path_relation_types
        want = brute_paths(world_store, a, b, k, hops, full, weighted, avoid, max_degree)
        got = answer_seqs(world_store.paths(a, b, k=k, max_hops=hops, rel_types=types, weighted=weighted,
                                            avoid=avoid, max_degree=max_degree))
        assert got == want, (a, b, k, hops, weighted, avoid, max_degree)
        checked += bool(want)
        ties += len(want) > 1 and len({len(p) for p in want}) < len(want)
    assert checked > 30 and ties > 5  # real paths, and equal-length ones among them


def test_paths_equal_brute_force_synth(synth_store):
    nodes = sorted(n for n in synth_store._view().g if not n.startswith("topic:"))
    full = tuple(match.proximity_types())
    rnd = random.Random(5)
    checked = 0
    for _ in range(40):
        a, b = rnd.sample(nodes, 2)
        weighted = rnd.random() < 0.5
        max_degree = rnd.choice([None, 40])
        want = brute_paths(synth_store, a, b, 3, 3, full, weighted, max_degree=max_degree)
        got = answer_seqs(synth_store.paths(a, b, k=3, max_hops=3, rel_types=full, weighted=weighted,
                                            max_degree=max_degree))
        assert got == want, (a, b, weighted)
        checked += bool(want)
    assert checked > 10


def both(monkeypatch, fn):
    """(per-candidate answer, one-search answer) of ``fn()``, as canonical JSON."""
    with monkeypatch.context() as m:
        m.setattr(SQLiteStore, "proximity", GraphStore.proximity)
        ref = json.dumps(fn(), sort_keys=True)
    return ref, json.dumps(fn(), sort_keys=True)


@pytest.mark.parametrize("which", ["world", "synth"])
def test_match_experts_same_as_reference(which, world_store, synth_store, monkeypatch):
    store = world_store if which == "world" else synth_store
    idx = match.MatchIndex.build(store)
    orgs = [o for o in _ids(store, "Organisation") if idx.demand(o)[0]]
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


def test_avoid_and_max_degree_over_http_and_cli(tmp_path, world_store):
    """``avoid=`` / ``max_degree=`` reach the search; an avoided end or a bad value is a 422 / exit 2."""
    import subprocess
    import sys

    from api.app import create_app

    db = tmp_path / "w.db"
    s = open_store(f"sqlite:///{db}")
    s.upsert(api_world().batch())
    a, b = "city:jiaxing", "organisation:jilin-university"
    [first] = s.paths(a, b)
    hub = first["nodes"][1]["id"] if first["hops"] > 1 else None
    assert hub
    s.close()
    c = create_app({"STORE_URI": f"sqlite:///{db}", "TESTING": True}).test_client()
    r = c.get(f"/api/v1/paths?from={a}&to={b}&avoid={a}")
    assert r.status_code == 422 and r.get_json()["where"] == "avoid"
    assert c.get(f"/api/v1/paths?from={a}&to={b}&max_degree=0").get_json()["where"] == "max_degree"
    if hub:
        got = c.get(f"/api/v1/paths?from={a}&to={b}&k=5&avoid={hub}").get_json()["paths"]
        assert all(hub not in [n["id"] for n in p["nodes"]] for p in got)
    run = subprocess.run([sys.executable, "-m", "api.cli", "path", a, b, "--avoid", b, "--store", f"sqlite:///{db}"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "avoid" in run.stderr

"""Fast answers equal the defined ones (README "Paths: order and ties"; graph/pathsearch.py).

- Paths: the stores' search (Yen over a label-setting search with node-id tie-breaks) gives exactly
  the first k of ALL loopless paths within max_hops sorted by (hops or cost, node ids), enumerated
  by brute force (networkx ``all_simple_paths``): ties, ``avoid`` and ``max_degree`` included.
- Match: the one search per request (graph/explain.py over the compact view) gives, for every
  candidate, the first of ALL loopless paths within 4 hops sorted by (edge costs + hub costs, node
  ids), enumerated by brute force; and a match answer uses exactly those paths.
Equivalence only; nothing here is timed.
"""
from __future__ import annotations

import json
import random

import networkx as nx
import pytest
from support.apiworld import api_world

from bench.synth import generate
from graph import explain, match
from graph.schema import ontology
from graph.store import open_store


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


def brute_route(view, a, targets, max_hops, types):
    """{target: node ids} of the first of every loopless path from ``a`` by (integer edge costs +
    HUB_UNITS * degree of each intermediate node, node ids)."""
    sub = view.weighted(types)
    best = {}
    if a not in sub:
        return best
    for b in targets:
        if b == a or b not in sub:
            continue
        found = [(sum(sub[u][v]["icost"] for u, v in zip(seq, seq[1:]))
                  + explain.HUB_UNITS * sum(view.degree(n) for n in seq[1:-1]), tuple(seq))
                 for seq in nx.all_simple_paths(sub, a, b, cutoff=max_hops)]
        if found:
            best[b] = list(min(found)[1])
    return best


def _seqs(start, routes):
    out = {}
    for t, r in routes.items():
        seq = [start]
        for key in r["keys"]:
            seq.append(key[2] if key[0] == seq[-1] else key[0])
        out[t] = seq
    return out


@pytest.mark.parametrize("which", ["world", "small_synth"])
def test_explanation_search_equals_brute_force(which, world_store, small_synth_store):
    store = world_store if which == "world" else small_synth_store
    view, types = store._view(), match.proximity_types()
    idx = match.MatchIndex.build(store)
    nodes = sorted(view.nodes())
    rnd = random.Random(8)
    n = 6 if which == "world" else 3
    centres = sorted(idx.enterprises)[:n] + rnd.sample(nodes, n)
    found = 0
    for c in centres:
        experts = sorted(idx.expert_focus)
        targets = set(rnd.sample(nodes, min(4 * n, len(nodes)))) | set(rnd.sample(experts, min(4 * n, len(experts))))
        got, done = explain.search(view, c, targets, 4, types)
        assert done
        want = brute_route(view, c, targets, 4, types)
        assert _seqs(c, got) == want, c
        found += len(want)
    assert found > 20


def answer_seqs(answer):
    return [[n["id"] for n in p["nodes"]] for p in answer]


@pytest.fixture(scope="module")
def world_store():
    s = open_store("sqlite://:memory:")
    s.upsert(api_world().batch())
    yield s
    s.close()


def _synth(relations: int, seed: int):
    s = open_store("sqlite://:memory:")
    for b in generate(relations, seed=seed).batches(1000):
        s.upsert(b)
    return s


@pytest.fixture(scope="module")
def small_synth_store():
    with _synth(1000, 5) as s:
        yield s


@pytest.fixture(scope="module")
def synth_store():
    with _synth(3000, 7) as s:
        yield s


def _ids(store, label, kind=None):
    return sorted(e.id for e in store.iter_entities([label])
                  if kind is None or e.properties.get("kind") == kind)


def test_paths_equal_brute_force_world(world_store):
    nodes = sorted(world_store._view().nodes())
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
    nodes = sorted(n for n in synth_store._view().nodes() if not n.startswith("topic:"))
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


@pytest.mark.parametrize("which", ["world", "synth"])
def test_match_answers_use_the_explanation_search(which, world_store, synth_store):
    """Each proximity path of a match (both ways) is the one search's route to that candidate."""
    store = world_store if which == "world" else synth_store
    idx = match.MatchIndex.build(store)
    orgs = [o for o in _ids(store, "Organisation") if idx.demand(o)[0]]
    people = sorted(idx.expert_focus)
    if which == "synth":
        orgs, people = random.Random(3).sample(orgs, 10), random.Random(4).sample(people, 10)
    assert orgs and people
    explained = 0
    for centre, fn, role in [(o, match.match_experts, "expert") for o in orgs] + \
            [(p, match.match_enterprises, "enterprise") for p in people]:
        answer = fn(store, centre, k=5, index=idx)
        cands = {m[role]["id"] for m in answer["matches"]}
        routes = _seqs(centre, explain.search(store._view(), centre, cands, 4, match.proximity_types())[0])
        for m in answer["matches"]:
            prox = [p for p in m["paths"] if p["explains"] == "proximity"]
            want = routes.get(m[role]["id"])
            assert [[n["id"] for n in p["nodes"]] for p in prox] == ([want] if want else []), centre
            explained += len(prox)
        assert json.dumps(answer, sort_keys=True) == json.dumps(fn(store, centre, k=5, index=idx), sort_keys=True)
    assert explained  # the proximity search was exercised, not only topic paths


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

"""Both stores give identical answers for the same graph (CONTRACT.md "Paths: order and options").

One embedded store and one Neo4j store are loaded with the same graph (the sample world of the API
tests, and a seeded synthetic graph of bench/synth.py with its supernodes); then at least 200 random
queries per graph — paths (k, weighted, types, ``avoid``, ``max_degree``), neighbours, match both
ways and the cooperation network — must give the same JSON on both, ties included.
"""
from __future__ import annotations

import json
import random

import pytest
from support import open_neo4j, require_store
from support.apiworld import api_world

from bench.synth import generate
from graph import cooperation, match
from graph.errors import InnoGraphError
from graph.schema import ontology
from graph.store import open_store

pytestmark = pytest.mark.neo4j


def _canon(fn):
    try:
        return json.dumps(fn(), sort_keys=True)
    except InnoGraphError as exc:  # the same error on both is the same answer
        return f"{type(exc).__name__}: {exc}"


def _queries(store, rnd: random.Random, n: int):
    """``n`` random (name, callable(store)) queries over the ids of ``store``."""
    ids = sorted(e.id for e in store.iter_entities())
    onto = ontology()
    types = list(onto.path_relation_types)
    idx = match.MatchIndex.build(store)
    orgs = sorted(o for o in idx.enterprises if idx.demand(o)[0])
    people = sorted(idx.expert_focus)
    out = []
    for i in range(n):
        kind = ("neighbours", "match", "enterprises")[i // 5 % 3] if i % 5 == 3 else "paths"
        if kind == "paths":
            a, b = rnd.sample(ids, 2)
            kw = {"k": rnd.choice([1, 2, 3, 5]), "max_hops": rnd.choice([2, 3, 4]),
                  "weighted": rnd.random() < 0.5}
            if rnd.random() < 0.3:
                kw["rel_types"] = rnd.sample(types, rnd.randint(2, len(types)))
            if rnd.random() < 0.3:
                kw["avoid"] = rnd.sample([x for x in ids if x not in (a, b)], rnd.randint(1, 3))
            if rnd.random() < 0.3:
                kw["max_degree"] = rnd.choice([2, 5, 20, 100])
            out.append((f"paths {a} {b} {kw}", lambda s, a=a, b=b, kw=kw: s.paths(a, b, **kw)))
        elif kind == "neighbours":
            c, depth = rnd.choice(ids), rnd.choice([1, 2])
            out.append((f"neighbours {c} {depth}", lambda s, c=c, d=depth: s.neighbours(c, depth=d, limit=50)))
        elif kind == "match" and orgs:
            org = rnd.choice(orgs)
            out.append((f"match {org}", lambda s, org=org: match.match_experts(s, org, k=5)))
        elif people:
            p = rnd.choice(people)
            out.append((f"enterprises {p}", lambda s, p=p: match.match_enterprises(s, p, k=5)))
    out.append(("cooperation", lambda s: cooperation.network(s)))
    return out


@pytest.fixture
def pair(request, monkeypatch, tmp_path):
    require_store(request, "neo4j")
    emb = open_store("sqlite:///" + str(tmp_path / "g.db"))
    neo = open_neo4j(request, monkeypatch)
    neo.clear()
    yield emb, neo
    emb.close()
    neo.clear()
    neo.close()


def _compare(emb, neo, queries):
    differ, ties = [], 0
    for name, q in queries:
        mine = _canon(lambda q=q: q(emb))
        if mine != _canon(lambda q=q: q(neo)):
            differ.append(name)
        if name.startswith("paths") and mine.startswith("["):
            hops = [(p["hops"], p["cost"]) for p in json.loads(mine)]
            ties += len(set(hops)) < len(hops)  # equal paths ordered by their node ids
    assert not differ, f"{len(differ)} of {len(queries)} differ, e.g. {differ[:3]}"
    return ties


def test_same_answers_sample_world(pair):
    emb, neo = pair
    batch = api_world().batch()
    emb.upsert(batch)
    neo.upsert(api_world().batch())
    assert _compare(emb, neo, _queries(emb, random.Random(1), 100)) >= 3


def test_same_answers_synthetic(pair):
    emb, neo = pair
    g = generate(1000, seed=3)
    for b in g.batches(1000):
        emb.upsert(b, resolve=False)
    for b in g.batches(1000):
        neo.upsert(b, resolve=False)
    assert _compare(emb, neo, _queries(emb, random.Random(2), 200)) > 5

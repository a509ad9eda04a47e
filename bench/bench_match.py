"""Match latency: ``match_experts`` per request on the synthetic graph, side by side in one run.

- ``one search``: what the stores do now (``store.proximity``: one resumable single-source search
  per request on the embedded store);
- ``per candidate``: the same answers with one ``paths(k=1, weighted=True)`` per candidate (the
  generic ``GraphStore.proximity``), as before;
- with ``--neo4j URI``: the same requests on a Neo4j holding the same graph (loaded by
  ``Neo4jStore.upsert`` unless it already holds it).

Every request's answers are compared across the engines (``same_answers``).

    python -m bench.bench_match --size 100000 [--requests 30] [--neo4j bolt://...]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from bench.common import SEED, build_sqlite, environment, log, write_json


def _stats(ms: list[float]) -> dict:
    s = sorted(ms)
    return {"n": len(s), "p50_ms": round(statistics.median(s), 2), "p95_ms": round(s[int(0.95 * (len(s) - 1))], 2),
            "max_ms": round(s[-1], 2), "mean_ms": round(statistics.fmean(s), 2)}


def _time_all(store, picks, idx) -> tuple[list[float], list[str]]:
    from graph.match import match_experts

    ms, answers = [], []
    for org in picks:
        t = time.perf_counter()
        a = match_experts(store, org, k=5, index=idx)
        ms.append((time.perf_counter() - t) * 1000)
        answers.append(json.dumps(a, sort_keys=True))
    return ms, answers


def run(size: int, requests: int = 30, neo4j: str | None = None, per_candidate: bool = True) -> dict:
    from graph.match import MatchIndex, proximity_types
    from graph.store.base import GraphStore
    from graph.store.sqlite import SQLiteStore

    path, load = build_sqlite(size)
    store = SQLiteStore(f"sqlite:///{path}")
    t = time.perf_counter()
    store.warm()
    idx = MatchIndex.build(store)
    store._view().nearest("", 4, proximity_types())  # builds the proximity subgraph and its CSR matrix
    warm_s = time.perf_counter() - t
    orgs = sorted(o for o in idx.enterprises if idx.demand(o)[0])
    picks = random.Random(SEED).sample(orgs, min(requests, len(orgs)))
    out = {"size": size, "requests": len(picks), "warm_s": round(warm_s, 2), "engines": {}}
    ms, fast = _time_all(store, picks, idx)
    out["engines"]["embedded one search"] = _stats(ms)
    log("embedded one search", out["engines"]["embedded one search"])
    if per_candidate:
        SQLiteStore.proximity, saved = GraphStore.proximity, SQLiteStore.proximity
        try:
            ms, slow = _time_all(store, picks, idx)
        finally:
            SQLiteStore.proximity = saved
        out["engines"]["embedded per candidate"] = _stats(ms)
        out["same_answers_per_candidate"] = slow == fast
        log("embedded per candidate", out["engines"]["embedded per candidate"])
    if neo4j:
        from bench.synth import generate
        from graph.store.neo4j import Neo4jStore

        neo = Neo4jStore(neo4j)
        if neo.stats()["relations"] != size:
            neo.clear()
            for b in generate(size, SEED).batches(5000):
                neo.upsert(b, resolve=False)
        nidx = MatchIndex.build(neo)
        ms, nans = _time_all(neo, picks, nidx)
        out["engines"]["neo4j"] = _stats(ms)
        out["same_answers_neo4j"] = nans == fast
        out["neo4j_over_embedded_p50"] = round(out["engines"]["neo4j"]["p50_ms"]
                                               / out["engines"]["embedded one search"]["p50_ms"], 2)
        log("neo4j", out["engines"]["neo4j"], "same", nans == fast)
        neo.close()
    store.close()
    return out


def section_match(res: dict[int, dict]) -> str:
    """The BENCHMARKS.md section of ``match_<size>.json`` results (bench/report.py)."""
    if not res:
        return ""
    rows = []
    for size, r in sorted(res.items()):
        for name, st in r["engines"].items():
            rows.append(f"| {size:,} | {name} | {r['requests']} | {st['p50_ms']} | {st['p95_ms']} | {st['max_ms']} |")
    notes = []
    for size, r in sorted(res.items()):
        if "same_answers_per_candidate" in r:
            notes.append(f"- {size:,}: one search vs per candidate, same answers: {r['same_answers_per_candidate']}")
        if "neo4j_over_embedded_p50" in r:
            notes.append(f"- {size:,}: Neo4j p50 / embedded p50 = {r['neo4j_over_embedded_p50']} "
                         f"(same answers: {r['same_answers_neo4j']})")
        notes.append(f"- {size:,}: `{' '.join(r.get('environment', {}).get('argv', [])) or 'python -m bench.bench_match'}`"
                     f" (warm-up: graph view, match index, proximity matrix {r['warm_s']} s, not counted)")
    return ("## Match experts per request\n\n`match_experts(k=5)` for seeded enterprises with topic demand, on the "
            "embedded store of the synthetic graph, engines side by side in one run "
            "(`python -m bench.bench_match --size N`).\n\n"
            "| relations | engine | requests | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n\n" + "\n".join(notes) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, action="append")
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--neo4j")
    ap.add_argument("--no-per-candidate", action="store_true")
    args = ap.parse_args(argv)
    for size in args.size or [10_000]:
        res = run(size, args.requests, args.neo4j, not args.no_per_candidate)
        write_json(f"match_{size}.json", {"environment": environment(), **res})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Match latency: ``match_experts`` per request on the synthetic graph, side by side in one run.

- ``embedded``: the embedded store (one explanation search per request over its compact view,
  graph/explain.py); wall and process CPU time per request;
- with ``--neo4j URI``: the same requests on a Neo4j holding the same graph (loaded by
  ``Neo4jStore.upsert`` unless it already holds it), answered from its projection
  (graph/store/neo4j_paths.py); also the first request after a small write, with the projection
  brought up to date by a delta against read afresh (``after_writes``);
- with ``--baseline DIR``: the same requests by the code of another checkout (e.g. a git worktree
  of the previous commit), run in a subprocess on the same store, for the ratio new / old.

Warm-up (not in the request figures, reported apart): the store's in-memory view, the match index,
and on Neo4j the projection. Every request's answers are compared across the engines (``same_answers``).

    python -m bench.bench_match --size 100000 [--requests 30] [--neo4j bolt://...] [--baseline DIR]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from bench.common import SEED, build_sqlite, environment, log, write_json


def _stats(ms: list[float], cpu: list[float] | None = None) -> dict:
    s = sorted(ms)
    out = {"n": len(s), "p50_ms": round(statistics.median(s), 2), "p95_ms": round(s[int(0.95 * (len(s) - 1))], 2),
           "max_ms": round(s[-1], 2), "mean_ms": round(statistics.fmean(s), 2)}
    if cpu:
        out["cpu_p50_ms"] = round(statistics.median(cpu), 2)
    return out


def _time_all(store, picks, idx) -> tuple[list[float], list[float], list[str]]:
    from graph.match import match_experts

    ms, cpu, answers = [], [], []
    for org in picks:
        t, c = time.perf_counter(), time.process_time()
        a = match_experts(store, org, k=5, index=idx)
        ms.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        answers.append(json.dumps(a, sort_keys=True))
    return ms, cpu, answers


_BASELINE = r"""
import json, random, sys, time, statistics
from graph.store.sqlite import SQLiteStore
from graph.match import MatchIndex, match_experts
db, picks = sys.argv[1], json.loads(sys.argv[2])
store = SQLiteStore(f"sqlite:///{db}")
t = time.perf_counter(); store.warm(); idx = MatchIndex.build(store); warm = time.perf_counter() - t
ms, cpu = [], []
for org in picks:
    t, c = time.perf_counter(), time.process_time()
    match_experts(store, org, k=5, index=idx)
    ms.append((time.perf_counter() - t) * 1000); cpu.append((time.process_time() - c) * 1000)
print(json.dumps({"warm_s": round(warm, 2), "ms": ms, "cpu": cpu}))
"""


def baseline(checkout: str, db, picks: list[str]) -> dict:
    """The same requests by another checkout's code, in a fresh process (its cwd first on sys.path)."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", _BASELINE, str(db), json.dumps(picks)], cwd=checkout,
                       capture_output=True, text=True, timeout=7200, env={"PYTHONPATH": checkout, "PATH": "/usr/bin:/bin"})
    if r.returncode:
        return {"error": r.stderr[-500:]}
    got = json.loads(r.stdout.strip().splitlines()[-1])
    return {"warm_s": got["warm_s"], **_stats(got["ms"], got["cpu"])}


def after_writes(neo, picks: list[str], idx, fast: list[str], n: int = 3) -> dict:
    """The first request after a small write on Neo4j, side by side: the projection brought up to
    date by a delta (what this process's writes touched, graph/store/neo4j_paths.py) against read
    afresh (what every write cost before). Each write adds one evidence document to an existing
    relation of the request's enterprise; the documents are retracted at the end (a delta each too),
    which gives the graph back as loaded: the answers are then compared with the embedded store's."""
    from graph.match import match_experts
    from graph.model import Batch, Document, Evidence, Relation
    from graph.store.neo4j_paths import _projection, projection

    proj = _projection(neo)
    rels = {}
    for org in picks:
        mine = sorted(neo._relations_of(org), key=lambda r: r.key)
        if mine:
            rels[org] = mine[0]
    orgs = sorted(rels)
    docs = []

    def write(i: int) -> str:
        org = orgs[i % len(orgs)]
        r, doc = rels[org], Document.new(f"bench-match-write-{i}", "news")
        neo.upsert(Batch([], [Relation(r.source, r.type, r.target, {}, [Evidence(doc.id, "bench write")])], [doc]),
                   resolve=False)
        docs.append(doc.id)
        return org

    def timed(org: str, fresh: bool) -> tuple[float, float]:
        t = time.perf_counter()
        if fresh:
            with proj.lock:
                proj.view = None  # read afresh, as after any write before
        projection(neo)
        caught = time.perf_counter() - t
        match_experts(neo, org, k=5, index=idx)
        return caught * 1000, (time.perf_counter() - t) * 1000

    write(0)
    projection(neo)  # a first write may make names (tokens) of Neo4j's own: not timed
    before = dict(proj.reads)
    got = {"delta": [timed(write(i), False) for i in range(1, n + 1)],
           "full": [timed(write(i), True) for i in range(n + 1, 2 * n + 1)]}
    reads = {k: proj.reads[k] - before[k] for k in before}
    for d in docs:
        neo.retract_document(d)
        projection(neo)
    out = {f"neo4j_after_write_{kind}": {"catch_up_ms": round(statistics.median(c for c, _ in v), 1),
                                         "request_ms": round(statistics.median(r for _, r in v), 1), "writes": n}
           for kind, v in got.items()}
    out["neo4j_after_write_reads"] = reads  # expected: n deltas, n full reads
    out["neo4j_after_write_retract_reads"] = {k: proj.reads[k] - before[k] - reads[k] for k in before}
    out["neo4j_reread_s"] = round(out["neo4j_after_write_full"]["catch_up_ms"] / 1000, 2)
    out["neo4j_delta_s"] = round(out["neo4j_after_write_delta"]["catch_up_ms"] / 1000, 3)
    out["same_answers_neo4j_after_writes"] = _time_all(neo, picks, idx)[2] == fast
    return out


def run(size: int, requests: int = 30, neo4j: str | None = None, base: str | None = None) -> dict:
    from graph.match import MatchIndex
    from graph.store.sqlite import SQLiteStore

    path, load = build_sqlite(size)
    store = SQLiteStore(f"sqlite:///{path}")
    t = time.perf_counter()
    store.warm()
    view_s = time.perf_counter() - t
    idx = MatchIndex.build(store)
    warm_s = time.perf_counter() - t
    orgs = sorted(o for o in idx.enterprises if idx.demand(o)[0])
    picks = random.Random(SEED).sample(orgs, min(requests, len(orgs)))
    out = {"size": size, "requests": len(picks), "warm_s": round(warm_s, 2), "view_s": round(view_s, 2),
           "engines": {}}
    ms, cpu, fast = _time_all(store, picks, idx)
    out["engines"]["embedded"] = _stats(ms, cpu)
    log("embedded", out["engines"]["embedded"])
    if base:
        store.close()
        out["engines"]["embedded, previous code"] = old = baseline(base, path, picks)
        store = SQLiteStore(f"sqlite:///{path}")
        store.warm()
        log("previous code", old)
        if "cpu_p50_ms" in old:
            out["previous_over_new_cpu_p50"] = round(old["cpu_p50_ms"] / out["engines"]["embedded"]["cpu_p50_ms"], 1)
    if neo4j:
        from bench.synth import generate
        from graph.store.neo4j import Neo4jStore
        from graph.store.neo4j_paths import projection

        neo = Neo4jStore(neo4j, timeout=120.0)
        if sum(neo.stats()["relations"].values()) - neo.stats()["relations"].get("MENTIONS", 0) != \
                sum(store.stats()["relations"].values()) - store.stats()["relations"].get("MENTIONS", 0):
            neo.clear()
            for b in generate(size, SEED).batches(5000):
                neo.upsert(b, resolve=False)
        t = time.perf_counter()
        projection(neo)
        out["neo4j_projection_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        nidx = MatchIndex.build(neo)  # what a write changing the store's counts makes the API rebuild
        out["neo4j_index_s"] = round(time.perf_counter() - t, 2)
        ms, cpu, nans = _time_all(neo, picks, nidx)
        out["engines"]["neo4j"] = _stats(ms, cpu)
        out["same_answers_neo4j"] = nans == fast
        out["neo4j_over_embedded_p50"] = round(out["engines"]["neo4j"]["p50_ms"]
                                               / out["engines"]["embedded"]["p50_ms"], 2)
        log("neo4j", out["engines"]["neo4j"], "same", nans == fast)
        out.update(after_writes(neo, picks, nidx, fast))
        log("neo4j after a write", {k: v for k, v in out.items() if k.startswith("neo4j_after")})
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
            if "p50_ms" in st:
                rows.append(f"| {size:,} | {name} | {r['requests']} | {st['p50_ms']} | {st.get('cpu_p50_ms', '–')} | "
                            f"{st['p95_ms']} | {st['max_ms']} |")
    notes = []
    for size, r in sorted(res.items()):
        if "previous_over_new_cpu_p50" in r:
            notes.append(f"- {size:,}: previous code CPU p50 / this code CPU p50 = {r['previous_over_new_cpu_p50']} "
                         f"(previous warm-up {r['engines']['embedded, previous code'].get('warm_s')} s)")
        if "neo4j_over_embedded_p50" in r:
            notes.append(f"- {size:,}: Neo4j p50 / embedded p50 = {r['neo4j_over_embedded_p50']} "
                         f"(same answers: {r['same_answers_neo4j']}; projection read {r.get('neo4j_projection_s')} s, "
                         f"re-read after a write {r.get('neo4j_reread_s')} s, match index built in "
                         f"{r.get('neo4j_index_s', '–')} s)")
        if "neo4j_after_write_delta" in r:
            d, f = r["neo4j_after_write_delta"], r["neo4j_after_write_full"]
            notes.append(f"- {size:,}: first request after a small write on Neo4j (median of {d['writes']}): "
                         f"projection brought up to date by a delta in {d['catch_up_ms']} ms (request "
                         f"{d['request_ms']} ms) against read afresh in {f['catch_up_ms']} ms (request "
                         f"{f['request_ms']} ms); same answers after the writes were retracted: "
                         f"{r.get('same_answers_neo4j_after_writes')}")
        notes.append(f"- {size:,}: `{' '.join(r.get('environment', {}).get('argv', [])) or 'python -m bench.bench_match'}`"
                     f" (warm-up: graph view {r.get('view_s')} s, with the match index {r['warm_s']} s, not counted)")
    return ("## Match experts per request\n\n`match_experts(k=5)` for seeded enterprises with topic demand, on the "
            "embedded store of the synthetic graph, engines side by side in one run "
            "(`python -m bench.bench_match --size N`).\n\n"
            "| relations | engine | requests | p50 ms | CPU p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n\n" + "\n".join(notes) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, action="append")
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--neo4j")
    ap.add_argument("--baseline", help="a checkout of the code to compare with (its own process, same store)")
    args = ap.parse_args(argv)
    for size in args.size or [10_000]:
        res = run(size, args.requests, args.neo4j, args.baseline)
        write_json(f"match_{size}.json", {"environment": environment(), **res})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

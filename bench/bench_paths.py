"""Path queries: the embedded store (SQLite + networkx) against compiled references, side by side.

On the seeded synthetic graph of N relations: fixed pairs stratified by hop count 1..6 plus
unreachable pairs (one end on a detached island), each asked for the shortest path (k=1) and the
5 shortest loopless paths (k=5) with max_hops=6; depth-2 neighbourhoods of fixed centres; memory
of the in-memory graph per edge. Engines:

- ``embedded``: ``SQLiteStore.paths`` -- what the CLI and API call: resolve both ends, the networkx
  search, then evidence and nodes from SQLite.
- ``embedded_algo``: only the graph search of the same store (``NxView.paths``).
- ``rustworkx``: ``graph_dijkstra_shortest_paths`` with unit weights (k=1 only: rustworkx has no
  k loopless paths).
- ``igraph``: ``get_shortest_path`` (BFS) and ``get_k_shortest_paths`` (Yen), both in C.
- ``embedded_filtered``: ``embedded`` as it was before the fix of commit 1d678fd (filtered view).
- ``neo4j``: ``Neo4jStore.paths`` on the same graph, when ``--neo4j URI`` is given and loaded.

    python -m bench.bench_paths --size 10000 [--pairs 10] [--neo4j bolt://...] [--profile]
"""
from __future__ import annotations

import argparse
import random
import time
import warnings
from collections import deque

from bench.common import SEED, build_sqlite, environment, log, ratio, rss_bytes, summarise, write_json
from bench.synth import generate

MAX_HOPS = 6
BUCKETS = [str(h) for h in range(1, MAX_HOPS + 1)] + ["unreachable"]


def _bfs(adj: list[list[int]], src: int, limit: int) -> dict[int, int]:
    dist = {src: 0}
    q = deque([src])
    while q:
        u = q.popleft()
        d = dist[u] + 1
        if d > limit:
            continue
        for v in adj[u]:
            if v not in dist:
                dist[v] = d
                q.append(v)
    return dist


def choose_pairs(graph, per_bucket: int, seed: int = SEED) -> dict[str, list[tuple[str, str]]]:
    """Fixed pairs by hop distance (1..6) and unreachable pairs, from a seeded BFS."""
    rnd = random.Random(seed * 1000 + per_bucket)
    names = sorted(graph.entities)
    index = {n: i for i, n in enumerate(names)}
    adj: list[set[int]] = [set() for _ in names]
    for r in graph.relations:
        a, b = index[r.source], index[r.target]
        adj[a].add(b)
        adj[b].add(a)
    adjl = [sorted(s) for s in adj]
    pairs: dict[str, list[tuple[str, str]]] = {b: [] for b in BUCKETS}
    main = [n for n in names if n not in graph.islands]
    # sources: chain ends (far from everything) and uniformly random main-graph nodes
    sources = list(graph.chain_ends) + rnd.sample(main, min(len(main), 400))
    rnd.shuffle(sources)
    seen_src: set[str] = set()
    for s in sources:
        need = [str(h) for h in range(1, MAX_HOPS + 1) if len(pairs[str(h)]) < per_bucket]
        if not need:
            break
        if s in seen_src:
            continue
        seen_src.add(s)
        dist = _bfs(adjl, index[s], MAX_HOPS)
        by_hop: dict[int, list[int]] = {}
        for v, d in dist.items():
            by_hop.setdefault(d, []).append(v)
        for h in need:
            cands = by_hop.get(int(h), [])
            if cands:
                # at most two targets per source and bucket, so that many sources are represented
                for v in rnd.sample(cands, min(2, len(cands), per_bucket - len(pairs[h]))):
                    pairs[h].append((s, names[v]))
    islands = sorted(graph.islands)
    for _ in range(per_bucket):
        pairs["unreachable"].append((rnd.choice(islands), rnd.choice(main)))
    return pairs


_CPU: list[float] = []  # CPU seconds of the calls timed by _time since the last reset


def _time(fn, *args, **kw):
    c = time.process_time()
    t = time.perf_counter()
    out = fn(*args, **kw)
    secs = time.perf_counter() - t
    _CPU.append(time.process_time() - c)
    return secs, out


BUDGET_S = 180.0  # per engine and query; beyond it the remaining pairs are not asked


def run_engine(name: str, queries: dict, pairs: dict, repeat: int, budget_s: float | None = None) -> dict:
    """queries: {query name: fn(a, b) -> number of hops of the first path or None}.

    Pairs are asked round-robin over the buckets, so that a time budget, when it runs out, leaves
    every bucket about equally sampled (reported as ``complete: false``)."""
    budget_s = BUDGET_S if budget_s is None else budget_s
    order = []
    for i in range(max(len(v) for v in pairs.values())):
        order += [(b, ps[i]) for b, ps in pairs.items() if i < len(ps)]
    out: dict = {}
    for q, fn in queries.items():
        per_bucket: dict[str, list[float]] = {b: [] for b in pairs}
        _CPU.clear()
        hops_seen: dict[str, list] = {b: [] for b in pairs}
        spent, complete = 0.0, True
        for _ in range(repeat):
            for b, (a, c) in order:
                if spent > budget_s:
                    complete = False
                    break
                secs, hops = _time(fn, a, c)
                spent += secs
                per_bucket[b].append(secs)
                hops_seen[b].append(hops)
        allsecs = [x for v in per_bucket.values() for x in v]
        out[q] = {"all": summarise(allsecs), "cpu": summarise(list(_CPU)), "complete": complete,
                  "buckets": {b: summarise(v) for b, v in per_bucket.items()},
                  "hops": {b: sorted({h for h in v if h is not None}) for b, v in hops_seen.items()},
                  "unanswered": {b: sum(h is None for h in v) for b, v in hops_seen.items()}}
        log(f"  {name} {q}: p50 {out[q]['all']['p50_ms']} ms, p95 {out[q]['all']['p95_ms']} ms"
            + ("" if complete else f" (budget of {budget_s:.0f}s ran out after {len(allsecs)} queries)"))
    return out


def embedded_engines(store, pairs, centres, repeat: int) -> tuple[dict, dict]:
    from graph.schema import ontology

    types = ontology().path_relation_types
    view = store._view()

    def full(k):
        def fn(a, b):
            res = store.paths(a, b, k=k, max_hops=MAX_HOPS)
            return res[0]["hops"] if res else None
        return fn

    def algo(k):
        def fn(a, b):
            res = view.paths(a, b, k, MAX_HOPS, types, False)
            return len(res[0]) if res else None
        return fn

    res = {"embedded": run_engine("embedded", {"shortest": full(1), "k5": full(5)}, pairs, repeat),
           "embedded_algo": run_engine("embedded_algo", {"shortest": algo(1), "k5": algo(5)}, pairs, repeat)}
    nb, nb_algo = [], []
    for _ in range(repeat):
        for c in centres:
            nb.append(_time(store.neighbours, c, depth=2, limit=100)[0])
            nb_algo.append(_time(view.neighbourhood, c, 2, types, (), 100)[0])
    return res, {"embedded": summarise(nb), "embedded_algo": summarise(nb_algo)}


def reference_engines(graph, pairs, centres, repeat: int) -> tuple[dict, dict, dict]:
    import igraph as ig
    import rustworkx as rx

    warnings.filterwarnings("ignore", message="Couldn't reach some vertices", category=RuntimeWarning)

    names = sorted(graph.entities)
    index = {n: i for i, n in enumerate(names)}
    edges = sorted({tuple(sorted((index[r.source], index[r.target]))) for r in graph.relations})
    mem = {}
    before = rss_bytes()
    t = time.perf_counter()
    g = rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(len(names)))
    g.extend_from_edge_list(edges)
    mem["rustworkx"] = {"build_s": round(time.perf_counter() - t, 3), "rss_bytes": rss_bytes() - before}
    before = rss_bytes()
    t = time.perf_counter()
    ig_g = ig.Graph(n=len(names), edges=edges, directed=False)
    mem["igraph"] = {"build_s": round(time.perf_counter() - t, 3), "rss_bytes": rss_bytes() - before}
    for v in mem.values():
        v["bytes_per_edge"] = round(v["rss_bytes"] / len(edges), 1)

    def rx_short(a, b):
        p = rx.graph_dijkstra_shortest_paths(g, index[a], target=index[b], default_weight=1.0)
        path = p[index[b]] if index[b] in p else None
        return len(path) - 1 if path else None

    def ig_short(a, b):
        p = ig_g.get_shortest_path(index[a], index[b])
        return len(p) - 1 if p else None

    def ig_k5(a, b):
        ps = ig_g.get_k_shortest_paths(index[a], index[b], k=5)
        ps = [p for p in ps if len(p) - 1 <= MAX_HOPS]
        return len(ps[0]) - 1 if ps else None

    res = {"rustworkx": run_engine("rustworkx", {"shortest": rx_short}, pairs, repeat),
           "igraph": run_engine("igraph", {"shortest": ig_short, "k5": ig_k5}, pairs, repeat)}
    nb = []
    for _ in range(repeat):
        for c in centres:
            nb.append(_time(ig_g.neighborhood, index[c], order=2)[0])
    return res, {"igraph": summarise(nb)}, mem


def profile_slowest(store, pairs, out_html) -> dict:
    """pyinstrument over the slowest bucket's k=5 queries of the embedded store."""
    from pyinstrument import Profiler

    prof = Profiler(interval=0.0005)
    worst = max((b for b in pairs if b != "unreachable"), key=int)
    prof.start()
    for a, b in pairs[worst]:
        store.paths(a, b, k=5, max_hops=MAX_HOPS)
    prof.stop()
    out_html.write_text(prof.output_html(), encoding="utf-8")
    text = prof.output_text(unicode=False, color=False, show_all=False)
    out_html.with_suffix(".txt").write_text(text, encoding="utf-8")
    return {"bucket": worst, "query": "k5", "html": str(out_html.name), "text": str(out_html.with_suffix(".txt").name)}


def run(size: int, per_bucket: int = 10, repeat: int = 1, n_centres: int = 30, neo4j: str | None = None,
        profile: bool = False, experiment: bool = False, budget_s: float | None = None, graph=None) -> dict:
    from bench.common import RESULTS
    from graph.store.sqlite import SQLiteStore

    global BUDGET_S
    if budget_s is not None:
        BUDGET_S = budget_s

    if graph is None:
        log(f"paths: generating {size} relations")
        graph = generate(size, SEED)
    path, built = build_sqlite(size, graph=graph)
    pairs = choose_pairs(graph, per_bucket)
    rnd = random.Random(SEED)
    centres = rnd.sample(sorted(set(graph.entities) - graph.islands), n_centres)
    result = {"size": size, "seed": SEED, "max_hops": MAX_HOPS, "per_bucket": per_bucket, "repeat": repeat,
              "graph": graph.summary(), "store_build": built, "env": environment(),
              "pairs": {b: len(v) for b, v in pairs.items()}}
    store = SQLiteStore(f"sqlite:///{path}")
    before = rss_bytes()
    t = time.perf_counter()
    view = store._view()
    build_s = time.perf_counter() - t
    rss = rss_bytes() - before
    n_pairs = view.number_of_edges()
    result["memory"] = {"embedded": {"build_s": round(build_s, 3), "rss_bytes": rss, "graph_edges": n_pairs,
                                     "relations": size, "bytes_per_edge": round(rss / n_pairs, 1),
                                     "bytes_per_relation": round(rss / size, 1)}}
    log(f"paths: embedded view built in {build_s:.2f}s, {rss / n_pairs:.0f} B/edge")
    engines, nbrs = embedded_engines(store, pairs, centres, repeat)
    ref, ref_nb, ref_mem = reference_engines(graph, pairs, centres, repeat)
    engines.update(ref)
    nbrs.update(ref_nb)
    result["memory"].update(ref_mem)
    fresh = memory(path)
    for k, v in fresh.items():
        result["memory"][k] = {**result["memory"].get(k, {}), **v, "measured": "fresh process"}
    result["search"] = search_latency(store, graph)
    if neo4j:
        try:
            from graph.store import open_store

            with open_store(neo4j) as nstore:
                def neo(k):
                    def fn(a, b):
                        res = nstore.paths(a, b, k=k, max_hops=MAX_HOPS)
                        return res[0]["hops"] if res else None
                    return fn
                for a, b in pairs["1"][:3]:  # warm-up
                    nstore.paths(a, b, k=1, max_hops=MAX_HOPS)
                engines["neo4j"] = run_engine("neo4j", {"shortest": neo(1), "k5": neo(5)}, pairs, repeat)
                nb = [_time(nstore.neighbours, c, depth=2, limit=100)[0] for _ in range(repeat) for c in centres]
                nbrs["neo4j"] = summarise(nb)
        except Exception as exc:  # noqa: BLE001 - reported, the rest of the benchmark stands
            result["neo4j_error"] = f"{type(exc).__name__}: {exc}"
            log(f"paths: neo4j skipped: {exc}")
    result["engines"] = engines
    result["neighbours_depth2"] = nbrs
    e, rxs = engines["embedded"]["shortest"]["all"], engines["rustworkx"]["shortest"]["all"]
    result["ratios"] = {
        "embedded_vs_rustworkx_shortest_p50": ratio(e["p50_ms"], rxs["p50_ms"]),
        "embedded_algo_vs_rustworkx_shortest_p50": ratio(engines["embedded_algo"]["shortest"]["all"]["p50_ms"], rxs["p50_ms"]),
        "embedded_vs_igraph_k5_p50": ratio(engines["embedded"]["k5"]["all"]["p50_ms"], engines["igraph"]["k5"]["all"]["p50_ms"]),
    }
    if "neo4j" in engines:
        result["ratios"]["neo4j_vs_embedded_shortest_p50"] = ratio(engines["neo4j"]["shortest"]["all"]["p50_ms"], e["p50_ms"])
    if profile:
        result["profile"] = profile_slowest(store, pairs, RESULTS / f"profile_paths_{size}.html")
    store.close()
    return result


def search_latency(store, graph, n: int = 30) -> dict:
    """``GraphStore.search`` (what /api/v1/entities calls) on fixed seeded queries: exact names,
    prefixes and misspellings (the last two fall back to the rapidfuzz scan over every key)."""
    rnd = random.Random(SEED + 1)
    ents = sorted(graph.entities.values(), key=lambda e: e.id)
    forms = {"exact": lambda s: s, "prefix": lambda s: s[: max(4, len(s) * 2 // 3)],
             "misspelt": lambda s: s[:-2] + s[-1:] + s[-2]}
    out = {}
    for form, f in forms.items():
        _CPU.clear()
        secs = [_time(store.search, f(e.name), limit=20)[0] for e in rnd.sample(ents, n)]
        out[form] = {**summarise(secs), "cpu_p50_ms": round(sorted(_CPU)[len(_CPU) // 2] * 1e3, 3)}
    keys = store._q("SELECT count(*) FROM keys")[0][0]
    out["keys"] = keys
    log(f"paths: search p50 exact {out['exact']['p50_ms']} ms, misspelt {out['misspelt']['p50_ms']} ms over {keys} keys")
    return out


_MEMORY = r"""
import gc, json, sqlite3, sys, time
def rss():
    gc.collect()
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096
engine, db = sys.argv[1], sys.argv[2]
if engine == "embedded":
    from graph.store.sqlite import SQLiteStore
    store = SQLiteStore(f"sqlite:///{db}")
    before = rss(); t = time.perf_counter()
    view = store._view()
    secs, grown = time.perf_counter() - t, rss() - before
    edges = view.number_of_edges()
else:
    import igraph as ig, rustworkx as rx
    con = sqlite3.connect(db)
    ids = {}
    pairs = {tuple(sorted((ids.setdefault(a, len(ids)), ids.setdefault(b, len(ids)))))
             for a, b in con.execute("SELECT source, target FROM edges WHERE type != 'MENTIONS'")}
    pairs = sorted(pairs)
    before = rss(); t = time.perf_counter()
    if engine == "rustworkx":
        g = rx.PyGraph(multigraph=False); g.add_nodes_from(range(len(ids))); g.extend_from_edge_list(pairs)
    else:
        g = ig.Graph(n=len(ids), edges=pairs, directed=False)
    secs, grown = time.perf_counter() - t, rss() - before
    edges = len(pairs)
print(json.dumps({"build_s": round(secs, 3), "rss_bytes": grown, "graph_edges": edges,
                  "bytes_per_edge": round(grown / edges, 1)}))
"""


def memory(db) -> dict:
    """RSS growth of building each in-memory graph, each in a fresh process (in this process freed
    memory of earlier steps is reused and hides the growth)."""
    import json
    import subprocess
    import sys

    from bench.common import ROOT

    out = {}
    for engine in ("embedded", "rustworkx", "igraph"):
        r = subprocess.run([sys.executable, "-c", _MEMORY, engine, str(db)], cwd=ROOT, capture_output=True, text=True,
                           timeout=1800)
        out[engine] = json.loads(r.stdout.strip().splitlines()[-1]) if r.returncode == 0 else {"error": r.stderr[-300:]}
    log("paths: memory per edge " + ", ".join(f"{k} {v.get('bytes_per_edge')}" for k, v in out.items()))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--pairs", type=int, default=10, help="pairs per hop bucket")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--neo4j", help="bolt URI of a Neo4j already loaded with the same graph")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--memory-only", action="store_true",
                    help="only re-measure memory per edge (fresh processes) into an existing paths_<size>.json")
    args = ap.parse_args(argv)
    if args.memory_only:
        import json

        from bench.common import RESULTS

        out = RESULTS / f"paths_{args.size}.json"
        res = json.loads(out.read_text())
        for k, v in memory(build_sqlite(args.size)[0]).items():
            res["memory"][k] = {**res["memory"].get(k, {}), **v, "measured": "fresh process (--memory-only)"}
        print(write_json(out.name, res))
        return 0
    res = run(args.size, args.pairs, args.repeat, neo4j=args.neo4j, profile=args.profile)
    print(write_json(f"paths_{args.size}.json", res))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

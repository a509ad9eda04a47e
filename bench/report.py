"""Build BENCHMARKS.md and bench/results/growth.png from bench/results/*.json.

Every table starts with the command that produced its numbers; nothing here measures anything.
"""
from __future__ import annotations

import json
from pathlib import Path

from bench.common import RESULTS, ROOT

OUT = ROOT / "BENCHMARKS.md"
ENGINES = ("embedded", "embedded_algo", "embedded_filtered", "rustworkx", "igraph", "neo4j")


def _load(prefix: str) -> dict[int, dict]:
    out = {}
    for p in sorted(RESULTS.glob(f"{prefix}_*.json")):
        try:
            out[int(p.stem.split("_")[-1])] = json.loads(p.read_text())
        except (ValueError, json.JSONDecodeError):
            continue
    return dict(sorted(out.items()))


def _n(x, digits=1) -> str:
    if x is None or x == "":
        return "–"
    if isinstance(x, float):
        if abs(x) >= 1000:
            return f"{x:,.0f}"
        return f"{x:.{digits}f}" if abs(x) >= 1 or x == 0 else f"{x:.3g}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k" if n >= 1000 else str(n)


def _cmd(results: dict) -> str:
    cmds = sorted({r.get("command", "?") for r in results.values()})
    return "Command: " + ", ".join(f"`{c}`" for c in cmds)


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_n(c) if not isinstance(c, str) else c for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _g(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def section_env(all_results: list[dict]) -> str:
    envs = [r["env"] for r in all_results if "env" in r]
    if not envs:
        return ""
    env = max(envs, key=lambda e: e.get("started", ""))
    m, v = env["machine"], env["versions"]
    loads = sorted({f"{(_size(r['size']) + ' ') if r['size'] else ''}{r.get('_kind', '')}: "
                    f"{r['env']['machine'].get('loadavg_1_5_15', ['not recorded'])[0]} "
                    f"(commit {r['env']['machine'].get('git_commit', '?')})"
                    for r in all_results if "env" in r and "size" in r})
    return (f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, {m['os']}; latest commit {m['git_commit']}. "
            f"The machine is shared and noisy: compare the ratios, measured side by side "
            f"in one run, more than absolute figures across runs. Load average (1 min) when each result "
            f"started, and the commit it measured: {'; '.join(loads)} — the other sessions' test suites "
            f"shared the 2 cores.\n\n"
            f"Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".\n")


def section_extract() -> str:
    p = RESULTS / "extract.json"
    out = ["## 1. Extraction\n"]
    if not p.exists():
        out.append("_not measured yet_ (bench/bench_extract.py has not run).\n")
        return "\n".join(out)
    d = json.loads(p.read_text())
    if d.get("status") and d.get("status") != "ok":
        out.append(f"_not measured yet_: {d['status']}" + (f" — {d['reason']}" if d.get("reason") else "") + "\n")
        return "\n".join(out)
    out.append(f"Command: `{d.get('command', 'python -m bench.bench_extract')}` — {d['documents']} documents, "
               f"{d['words']:,} words ({d['texts']}, repeated {d.get('repeat', '?')}×), best of "
               f"{d.get('rounds', '?')} alternating rounds; load average at start "
               f"{_g(d, 'env', 'machine', 'loadavg_1_5_15') or 'not recorded'}. Target ratio ≥ 0.7.\n")
    wps = d["words_per_second"]
    rows = [["`nlp.pipe` (our pipeline on cleaned text)", 1, wps.get("bare"), wps.get("ours"), f"**{d['ratio']:.2f}**", "–", "–"]]
    for n, r in (d.get("processes") or {}).items():
        rows.append([f"`extract_batch(processes={n})` = `innograph extract --processes {n}`", int(n),
                     r["words_per_second_bare"], r["words_per_second_ours"], f"**{r['ratio']:.2f}**",
                     r.get("speedup_bare_vs_1p", "–"), r.get("speedup_ours_vs_1p", "–")])
    out.append(_table(["ours", "processes", "bare `en_core_web_sm` words/s (`nlp.pipe(n_process=N)`)",
                       "ours words/s", "ours ÷ bare", "bare speed-up vs 1 process", "ours speed-up vs 1 process"], rows))
    out.append("\n*extract_batch* is the whole CLI path (cleaning, our pipeline, assembly of entities and "
               "relations; chunks of 32 documents per worker); the bare side is `nlp.pipe` alone, batch size 64. "
               f"The machine has {d.get('cpus', 2)} cores shared with other sessions, so a second process "
               "helps only as far as the other load leaves a core free.")
    return "\n".join(out) + "\n"


def section_ingest(res: dict[int, dict]) -> str:
    if not res:
        return "## 2. Ingest\n\n_not measured yet_\n"
    out = ["## 2. Ingest\n", _cmd(res) + "\n",
           "Relations (rows) per second through `GraphStore.upsert` (validation, entity resolution, merge, "
           "evidence). *Per row* is one transaction per relation with both endpoints; it loads the first rows "
           "only (row and time cap), and *batched, same rows* loads those same rows in batches of 5000, so the "
           "ratio is like for like. *Batched, full* loads the whole graph.\n",
           "### SQLite (embedded)\n"]
    rows = []
    for n, r in res.items():
        s = r["sqlite"]
        rows.append([_size(n), s["per_row"]["rows"], s["per_row"]["rows_per_s"], s["batched_same_rows"]["rows_per_s"],
                     f"**{_n(s['ratio_batched_vs_per_row'])}×**", s["batched_full"]["rows_per_s"],
                     s["db_bytes_per_relation"]])
    out.append(_table(["relations", "per-row rows", "per-row rows/s", "batched rows/s (same rows)", "batched ÷ per-row",
                       "batched rows/s (full)", "DB bytes/relation"], rows))
    neo_rows, errs = [], []
    for n, r in res.items():
        if "neo4j" in r:
            for mode in ("with_constraints", "without_constraints"):
                m = r["neo4j"][mode]
                neo_rows.append([_size(n), mode.replace("_", " "), m["per_row"]["rows"], m["per_row"]["rows_per_s"],
                                 m["batched_same_rows"]["rows_per_s"], f"**{_n(m['ratio_batched_vs_per_row'])}×**",
                                 _g(m, "batched_full", "rows_per_s"), _g(m, "batched_full", "rows")])
        elif r.get("neo4j_error"):
            errs.append(f"{_size(n)}: {r['neo4j_error']}")
        elif r.get("neo4j_skipped"):
            errs.append(f"{_size(n)}: not loaded into Neo4j ({r['neo4j_skipped']})")
    out.append("\n### Neo4j (target: batched ≥ 20× per-row)\n")
    if neo_rows:
        out.append(_table(["relations", "uniqueness constraints", "per-row rows", "per-row rows/s",
                           "batched rows/s (same rows)", "batched ÷ per-row", "batched rows/s (full)", "full rows loaded"],
                          neo_rows))
        ratios = [f"{_size(n)}: {_n(r.get('neo4j_vs_sqlite_batched'))}" for n, r in res.items() if "neo4j" in r]
        out.append("\nNeo4j batched ÷ SQLite batched (same rows, with constraints): " + ", ".join(ratios) + ". "
                   "With ÷ without constraints (batched, same rows): "
                   + ", ".join(f"{_size(n)}: {_n(r['neo4j'].get('ratio_constraints_batched'))}"
                               for n, r in res.items() if "neo4j" in r) + ".")
        if errs:
            out.append("\n" + "; ".join(errs) + ". See §6 for why.")
        qb = [(n, r["neo4j"]["query_breakdown"]) for n, r in res.items() if r.get("neo4j", {}).get("query_breakdown")]
        if qb:
            out.append("\nWhere a per-row Neo4j write spends its time (client-side wall time per named query):\n")
            out.append(_table(["query", "calls", "seconds"], [[k, v[0], v[1]] for k, v in qb[-1][1].items()]))
            out.append(f"\n(10 per-row upserts of relations already loaded, into the {_size(qb[-1][0])} store.)")
    else:
        out.append("_not measured yet_" + (": " + "; ".join(errs) if errs else
                                            " (graph/store/neo4j.py was not available when these ran)") + "\n")
    return "\n".join(out) + "\n"


def section_paths(res: dict[int, dict]) -> str:
    if not res:
        return "## 3. Paths\n\n_not measured yet_\n"
    out = ["## 3. Paths\n", _cmd(res) + "\n",
           "Fixed seeded pairs stratified by hop distance 1..6 plus unreachable pairs (one end on a detached "
           "island), `max_hops=6`; each engine answers the same pairs in one run. *embedded* is "
           "`SQLiteStore.paths` as the CLI/API call it (resolve ends, search, evidence and nodes from SQLite); "
           "*embedded_algo* only its networkx search; *embedded_filtered* the full call as it was before the fix "
           "of commit 1d678fd (every search through a filtered `nx.subgraph_view`), applied in-process so the "
           "fix is measured side by side (see §6); *neo4j* `Neo4jStore.paths` on the same graph; *rustworkx* is `graph_dijkstra_shortest_paths` (unit weights; it has no "
           "k-loopless-paths), *igraph* `get_shortest_path` (BFS) and `get_k_shortest_paths` (Yen). "
           "Targets: embedded shortest path p50 ≤ 5 ms at 1M relations and within 3× of the compiled reference.\n"]
    rows = []
    for n, r in res.items():
        for e in ENGINES:
            if e not in r["engines"]:
                continue
            q = r["engines"][e]
            partial = [x for x in ("shortest", "k5") if _g(q, x, "complete") is False]
            rows.append([_size(n), e + (f" ({', '.join(partial)}: time budget ran out; n = "
                                        + ", ".join(str(_g(q, x, "all", "n")) for x in partial) + ")" if partial else ""), _g(q, "shortest", "all", "p50_ms"), _g(q, "shortest", "all", "p95_ms"),
                         _g(q, "shortest", "cpu", "p50_ms"), _g(q, "k5", "all", "p50_ms"), _g(q, "k5", "all", "p95_ms"),
                         _g(q, "k5", "cpu", "p50_ms")])
    out.append(_table(["relations", "engine", "shortest p50 ms", "shortest p95 ms", "shortest CPU p50 ms",
                       "5 shortest p50 ms", "5 shortest p95 ms", "5 shortest CPU p50 ms"], rows))
    out.append("\nLatencies are wall-clock; *CPU* is the process CPU time of the same calls, which other load on "
               "the machine disturbs less.")
    out.append("\n**Ratios (p50, same pairs, same run; of CPU time where recorded, as wall-clock time on a loaded "
               "machine mostly measures waiting for a core)**\n")
    rrows = []
    for n, r in res.items():
        e = r["engines"]
        basis = "cpu" if _g(e, "embedded", "shortest", "cpu", "p50_ms") else "all"
        def p50(engine, q, e=e, basis=basis):
            return _g(e, engine, q, basis, "p50_ms")
        def rt(a, b):
            x, y = a, b
            if not (x and y):
                return "–"
            v = x / y
            return f"{v:.0f}×" if v >= 10 else f"{v:.1f}×" if v >= 1 else f"{v:.2g}×"
        rrows.append([_size(n), "CPU" if basis == "cpu" else "wall", rt(p50("embedded", "shortest"), p50("rustworkx", "shortest")),
                      rt(p50("embedded", "shortest"), p50("igraph", "shortest")),
                      rt(p50("embedded_algo", "shortest"), p50("igraph", "shortest")),
                      rt(p50("embedded", "k5"), p50("igraph", "k5")),
                      rt(p50("embedded_filtered", "shortest"), p50("embedded", "shortest")),
                      rt(p50("embedded_filtered", "k5"), p50("embedded", "k5")),
                      rt(p50("neo4j", "shortest"), p50("embedded", "shortest")),
                      rt(p50("neo4j", "k5"), p50("embedded", "k5"))])
    out.append(_table(["relations", "p50 of", "embedded ÷ rustworkx (shortest)", "embedded ÷ igraph (shortest)",
                       "embedded search only ÷ igraph", "embedded ÷ igraph (5 shortest)", "speed-up of fix (shortest)",
                       "speed-up of fix (5 shortest)", "neo4j ÷ embedded (shortest)", "neo4j ÷ embedded (5 shortest)"],
                      rrows))
    n, r = list(res.items())[-1]
    out.append(f"\n**p50 ms by hop distance at {_size(n)} relations**\n")
    buckets = list(r["pairs"])
    brows = []
    for e in ENGINES:
        for q in ("shortest", "k5"):
            b = _g(r, "engines", e, q, "buckets")
            if b:
                brows.append([e, q] + [_g(b, x, "p50_ms") for x in buckets])
    out.append(_table(["engine", "query"] + [f"{x} hops" if x.isdigit() else x for x in buckets], brows))
    out.append("\n**Depth-2 neighbours** (30 fixed random centres; embedded: `neighbours(depth=2, limit=100)`, "
               "*embedded_algo* its networkx BFS only; igraph: `neighborhood(order=2)`, unlimited) **and memory**\n")
    mrows = []
    for n, r in res.items():
        nb = r["neighbours_depth2"]
        mem = r["memory"]
        mrows.append([_size(n), _g(nb, "embedded", "p50_ms"), _g(nb, "embedded", "p95_ms"),
                      _g(nb, "embedded_algo", "p50_ms"), _g(nb, "embedded_filtered", "p50_ms"), _g(nb, "igraph", "p50_ms"), _g(nb, "neo4j", "p50_ms"),
                      _g(mem, "embedded", "bytes_per_edge"), _g(mem, "embedded", "build_s"),
                      _g(mem, "rustworkx", "bytes_per_edge"), _g(mem, "igraph", "bytes_per_edge")])
    out.append(_table(["relations", "embedded p50 ms", "embedded p95 ms", "embedded BFS only p50 ms",
                       "before the fix p50 ms", "igraph p50 ms", "neo4j p50 ms", "embedded RSS bytes/edge", "embedded graph build s",
                       "rustworkx bytes/edge", "igraph bytes/edge"], mrows))
    out.append("\nMemory is the RSS growth of building each in-memory graph (edges = distinct node pairs); "
               "the compiled graphs carry no attributes, the embedded one carries the relation keys and weights.")
    for n, r in res.items():
        if r.get("neo4j_error"):
            out.append(f"\nNeo4j at {_size(n)}: {r['neo4j_error']}")
    missing = [_size(n) for n, r in res.items() if "neo4j" not in r["engines"]]
    if missing:
        out.append(f"\nNeo4j paths not measured at {', '.join(missing)}: the store was not loaded into Neo4j at "
                   "that size in the run (see §2 and §6).")
    srows = [[_size(n), _g(r, "search", "keys")] + [x for f in ("exact", "prefix", "misspelt")
                                                     for x in (_g(r, "search", f, "p50_ms"), _g(r, "search", f, "cpu_p50_ms"),
                                                               _g(r, "search", f, "p95_ms"))]
             for n, r in res.items() if r.get("search")]
    if srows:
        out.append("\n**Search** (`GraphStore.search(q, limit=20)`, what `/api/v1/entities` calls; 30 fixed names per "
                   "form; misspelt = last two letters swapped)\n")
        out.append(_table(["relations", "keys"] + [f"{f} {m}" for f in ("exact", "prefix", "misspelt")
                                                   for m in ("p50 ms", "CPU p50 ms", "p95 ms")], srows))
    return "\n".join(out) + "\n"


def section_api(res: dict[int, dict]) -> str:
    if not res:
        return "## 4. API\n\n_not measured yet_\n"
    out = ["## 4. API\n", _cmd(res) + "\n"]
    rows, errs = [], []
    for n, r in res.items():
        if "error" in r:
            errs.append(f"{_size(n)}: {r['error'][:300]}")
            continue
        for name, m in r["endpoints"].items():
            if "rps" not in m:
                rows.append([_size(n), name, "–", "–", "–", "–", "–", m.get("skipped", "")])
                continue
            rows.append([_size(n), name, m["rps"], m.get("rps_fraction_of_healthz"), m["p50_ms"], m["p99_ms"],
                         m.get("p99_x_healthz"), f"{m['non_2xx']} non-2xx, {m['errors']} errors"])
    if rows:
        first = next(r for r in res.values() if "error" not in r)
        out.append(f"`innograph serve` (waitress, {first['server_threads']} threads) over the embedded store, loaded "
                   f"by wrk with {first['connections']} connections for "
                   + "/".join(sorted({f"{r['duration_s']:.0f}" for r in res.values() if "duration_s" in r}))
                   + " s (quick/full) per endpoint, "
                   "cycling through fixed seeded requests (search: exact, prefix and misspelt names; paths: k=1, "
                   "max_hops=6 over pairs of 1..6 hops; match: experts for enterprises, k=5). Client and server "
                   "share the 2 cores.\n")
        out.append(_table(["relations", "endpoint", "req/s", "÷ /healthz req/s", "p50 ms", "p99 ms", "p99 ÷ /healthz p99",
                           "failures"], rows))
    if errs:
        out.append("\n_not measured yet_: " + "; ".join(errs))
    return "\n".join(out) + "\n"


def plot(paths: dict, ingest: dict, api: dict) -> Path | None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    fig, axes = plt.subplots(2, 3, figsize=(17, 9))
    ax = axes[0][0]
    for e in ENGINES:
        xs = [n for n, r in paths.items() if _g(r, "engines", e, "shortest", "all", "p50_ms")]
        if xs:
            ax.plot(xs, [paths[n]["engines"][e]["shortest"]["all"]["p50_ms"] for n in xs], "o-", label=e)
    ax.axhline(5, color="grey", ls=":", label="target 5 ms")
    ax.set(xscale="log", yscale="log", xlabel="relations", ylabel="ms", title="shortest path p50 (wall; load differs per size)")
    ax.legend(fontsize=8)
    ax = axes[0][1]
    for e in ENGINES:
        xs = [n for n, r in paths.items() if _g(r, "engines", e, "k5", "all", "p50_ms")]
        if xs:
            ax.plot(xs, [paths[n]["engines"][e]["k5"]["all"]["p50_ms"] for n in xs], "o-", label=e)
    ax.set(xscale="log", yscale="log", xlabel="relations", ylabel="ms", title="5 shortest paths p50")
    ax.legend(fontsize=8)
    ax = axes[1][0]
    series = {"sqlite batched": ("sqlite", "batched_full"), "sqlite per-row": ("sqlite", "per_row"),
              "neo4j batched": ("neo4j", "with_constraints", "batched_same_rows"),
              "neo4j per-row": ("neo4j", "with_constraints", "per_row"),
              "neo4j batched, no constraints": ("neo4j", "without_constraints", "batched_same_rows")}
    for label, keys in series.items():
        xs = [n for n, r in ingest.items() if _g(r, *keys, "rows_per_s")]
        if xs:
            ax.plot(xs, [_g(ingest[n], *keys, "rows_per_s") for n in xs], "o-", label=label)
    ax.set(xscale="log", yscale="log", xlabel="relations", ylabel="rows/s", title="ingest")
    ax.legend(fontsize=8)
    ax = axes[1][1]
    for name in ("healthz", "search", "paths", "match"):
        xs = [n for n, r in api.items() if _g(r, "endpoints", name, "rps")]
        if xs:
            ax.plot(xs, [api[n]["endpoints"][name]["rps"] for n in xs], "o-", label=f"{name} req/s")
    xs = [n for n, r in paths.items() if _g(r, "memory", "embedded", "bytes_per_edge")]
    if xs:
        ax.plot(xs, [paths[n]["memory"]["embedded"]["bytes_per_edge"] for n in xs], "s--", label="embedded bytes/edge")
    ax.set(xscale="log", yscale="log", xlabel="relations", title="API throughput, memory per edge")
    ax.legend(fontsize=8)
    ax = axes[0][2]
    for form in ("exact", "prefix", "misspelt"):
        xs = [n for n, r in paths.items() if _g(r, "search", form, "p50_ms")]
        if xs:
            ax.plot(xs, [paths[n]["search"][form]["p50_ms"] for n in xs], "o-", label=f"search {form} p50")
    ax.set(xscale="log", yscale="log", xlabel="relations", ylabel="ms", title="search (linear rapidfuzz scan)")
    ax.legend(fontsize=8)
    ax = axes[1][2]
    for label, keys in {"sqlite": ("sqlite", "ratio_batched_vs_per_row"),
                        "neo4j, constraints": ("neo4j", "with_constraints", "ratio_batched_vs_per_row"),
                        "neo4j, no constraints": ("neo4j", "without_constraints", "ratio_batched_vs_per_row")}.items():
        xs = [n for n, r in ingest.items() if _g(r, *keys)]
        if xs:
            ax.plot(xs, [_g(ingest[n], *keys) for n in xs], "o-", label=label)
    ax.axhline(20, color="grey", ls=":", label="Neo4j target 20×")
    ax.set(xscale="log", yscale="log", xlabel="relations", ylabel="×", title="ingest: batched ÷ per-row")
    ax.legend(fontsize=8)
    fig.suptitle("InnoGraph: how cost grows with the graph (bench/run.py)")
    fig.tight_layout()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "growth.png"
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def section_findings(paths: dict) -> str:
    f = ROOT / "bench" / "FINDINGS.md"
    out = ["## 6. What dominates each cost\n"]
    profs = [(n, r["profile"]) for n, r in paths.items() if r.get("profile")]
    if profs:
        n, p = profs[-1]
        out.append(f"Profile of the slowest path query (5 shortest paths, {p['bucket']}-hop pairs, {_size(n)} relations, "
                   f"pyinstrument): `bench/results/{p['text']}` (and `{p['html']}`).\n")
    if f.exists():
        out.append(f.read_text())
    return "\n".join(out) + "\n"


def section_summary(extract: dict, ingest: dict, paths: dict, api: dict) -> str:
    """The targets of the issue against the latest figures (all from the tables below)."""
    rows = []
    if extract.get("ratio"):
        procs = extract.get("processes") or {}
        rows.append(["extraction: ours ÷ bare words/s", "≥ 0.7", ", ".join(
            [f"nlp.pipe {extract['ratio']:.2f}"] + [f"{n} process{'es' if n != '1' else ''} {r['ratio']:.2f}"
                                                    for n, r in procs.items()])])
    for mode in ("with_constraints", "without_constraints"):
        vals = [f"{_size(n)} {_n(_g(r, 'neo4j', mode, 'ratio_batched_vs_per_row'))}×" for n, r in ingest.items()
                if _g(r, "neo4j", mode)]
        if vals:
            rows.append([f"Neo4j ingest batched ÷ per-row, {mode.replace('_', ' ')}",
                         "≥ 20×" if mode == "with_constraints" else "–", ", ".join(vals)])
    vals = [f"{_size(n)} {_n(_g(r, 'sqlite', 'ratio_batched_vs_per_row'))}×" for n, r in ingest.items()]
    if vals:
        rows.append(["SQLite ingest batched ÷ per-row", "–", ", ".join(vals)])
    big = max(paths) if paths else None
    if big:
        e = paths[big]["engines"]
        rows.append([f"embedded shortest path p50 at {_size(big)}", "≤ 5 ms",
                     f"{_n(_g(e, 'embedded', 'shortest', 'all', 'p50_ms'))} ms wall, "
                     f"{_n(_g(e, 'embedded', 'shortest', 'cpu', 'p50_ms'))} ms CPU"])
        ig, em = _g(e, "igraph", "shortest", "cpu", "p50_ms"), _g(e, "embedded", "shortest", "cpu", "p50_ms")
        if ig and em:
            rows.append([f"embedded ÷ igraph, shortest path p50 CPU at {_size(big)}", "≤ 3×", f"{em / ig:.2f}×"])
    for name in ("search", "paths", "match"):
        vals = [f"{_size(n)} {_n(_g(r, 'endpoints', name, 'rps_fraction_of_healthz'))}" for n, r in api.items()
                if _g(r, "endpoints", name, "rps_fraction_of_healthz")]
        if vals:
            rows.append([f"API {name} req/s ÷ /healthz", "–", ", ".join(vals)])
    if not rows:
        return ""
    return "## Summary against the targets\n\n" + _table(["figure", "target", "measured"], rows) + "\n"


def section_time() -> str:
    """Time-window paths beside the same queries without a window (bench/bench_time.py)."""
    rows = []
    for p in sorted(RESULTS.glob("time_*.json")):
        r = json.loads(p.read_text())
        for q, m in r["summary"].items():
            rows.append([_size(r["relations"]), q, m.get("n"), m.get("p50_ms"), m.get("p95_ms"),
                         m.get("p50_ratio_to_none", "–"), m.get("p95_ratio_to_none", "–")])
        first = ", ".join(f"{k} {v:g} s" for k, v in r.get("first_query_s", {}).items())
        rows.append([_size(r["relations"]), f"first query per window (builds its copy): {first}", "", "", "", "", ""])
    if not rows:
        return ""
    return ("## 7. Time windows\n\n`python -m bench.bench_time --size N --per-bucket 5`: the seeded pairs of §3 "
            "(hop distances 1..6 and unreachable, max_hops 6) on the embedded store, every evidence item given a "
            "seeded date 2015-2024 and a tenth of the relations a validity 2017-2021; each pair asked without a "
            "window, `as_of=2019-06` and `since=2018&until=2020` in turn (ratios side by side in one run).\n\n"
            + _table(["relations", "query", "n", "p50 ms", "p95 ms", "p50 ÷ no window", "p95 ÷ no window"], rows)
            + "\n")


def write() -> Path:
    ingest, paths, api = _load("ingest"), _load("paths"), _load("api")
    extract = {}
    if (RESULTS / "extract.json").exists():
        extract = json.loads((RESULTS / "extract.json").read_text())
        extract.update(_kind="extract", size=0)
    for kind, group in (("ingest", ingest), ("paths", paths), ("api", api)):
        for r in group.values():
            r["_kind"] = kind
    png = plot(paths, ingest, api)
    parts = ["# Benchmarks\n",
             "Regenerate with `make bench` (`python -m bench.run --full`: 10k, 100k and 1M relations) or "
             "`make bench-quick` (`python -m bench.run --quick`: 10k, under 5 minutes); "
             "`python -m bench.run --report-only` rebuilds this file from `bench/results/*.json`. Graphs come from "
             "`bench/synth.py` (seeded; cities, regions, organisations, people, projects, topics; Zipf-skewed "
             "degrees with supernodes; peripheral chains and detached islands).\n",
             section_env([*ingest.values(), *paths.values(), *api.values(), *([extract] if "env" in extract else [])])]
    runs = []
    for rp in sorted(RESULTS.glob("run_*.json")):
        m = json.loads(rp.read_text())
        steps = ", ".join(f"{x['step']} {x['seconds']:.0f} s" for x in m.get("steps", []))
        runs.append(f"- `{m['command']}`: **{m['seconds']:.0f} s** wall ({steps})" + (f"; {m['note']}" if m.get("note") else ""))
    quick = sorted(RESULTS.glob("quick/run_quick_*.json"))
    if quick:
        m = json.loads(quick[-1].read_text())
        if "loadavg" not in m and (RESULTS / "quick" / "extract.json").exists():  # runs before the manifest kept it
            m["loadavg"] = _g(json.loads((RESULTS / "quick" / "extract.json").read_text()), "env", "machine",
                              "loadavg_1_5_15")
        steps = ", ".join(f"{x['step']} {x['seconds']:.0f} s" for x in m.get("steps", []))
        runs.append(f"- `make bench-quick` (`{m['command']}`): **{m['seconds']:.0f} s** wall ("
                    f"{'under' if m['seconds'] < 300 else 'OVER'} the 5-minute budget), load average {m.get('loadavg', '?')} at start ({steps}); it produces every table at "
                    "10k, but the 10k rows shown here come from the full profile (longer per-row caps, more pairs); "
                    "its own JSON is kept in bench/results/quick/")
    if runs:
        parts.append("Runs behind these tables (wall time as timed by bench/run.py; `make bench-quick` is "
                     "`python -m bench.run --quick`):\n\n" + "\n".join(runs) + "\n")
    graphs = [[_size(n), r["graph"]["nodes"], r["graph"]["max_degree"], r["graph"]["median_degree"],
               ", ".join(map(str, r["graph"]["top5_degrees"])), r["graph"]["island_nodes"]] for n, r in paths.items()]
    if graphs:
        parts.append(_table(["relations", "nodes", "max degree", "median degree", "top-5 degrees", "island nodes"], graphs) + "\n")
    from bench.bench_match import section_match
    from bench.bench_neo4j_ingest import section as section_neo4j_ingest

    parts += [section_summary(extract, ingest, paths, api), section_extract(), section_ingest(ingest), section_paths(paths), section_api(api),
              section_match(_load("match")), section_neo4j_ingest(_load("neo4j_ingest")),
              "## 5. Growth\n\n" + ("![growth](bench/results/growth.png)\n" if png else "_matplotlib missing_\n"),
              section_findings(paths), section_time()]
    OUT.write_text("\n".join(parts), encoding="utf-8")
    return OUT

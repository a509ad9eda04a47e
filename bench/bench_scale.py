"""Extraction at scale and bulk loading, measured (SCALING.md).

    python -m bench.bench_scale workers [--corpus /work/shared/corpus/dev] [--repeat 3]
        words/s of `extract --engine dask` with 1 and with 2 local workers, side by side in one run
        (the cluster start and pipeline load are timed apart from the extraction)
    python -m bench.bench_scale bulk --relations 1000000 [--method import|cypher] [--latency]
                                     [--store bolt://127.0.0.1:PORT --ingest-relations 20000]
        synthetic extraction output of N relations (bench/synth.py, as *.extract.jsonl) loaded by
        `ingest --bulk --import-files` + `scripts/neo4j-local import` + start (method import: the
        Neo4j import tool, offline) or by `ingest --bulk --store` (method cypher: concurrent
        transactions into the running --store, which is CLEARED); then `ingest` (not bulk) of a
        prefix of the same files into --store; relations/s of each, store size and memory per
        relation, and (--latency) path and match latency on the bulk-loaded Neo4j; method files: only
        the Python part (read, resolve, write the import files), wall and CPU seconds

Results go to bench/results/scale_*.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import generate

RESULTS = Path(__file__).resolve().parent / "results"


def _env() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=False).stdout.strip()
    except OSError:
        commit = ""
    return {"nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)), "git_commit": commit,
            "python": sys.version.split()[0], "argv": sys.argv, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


# ---- synthetic extraction output ---------------------------------------------------------------
def synth_parts(n_relations: int, out_dir: Path, docs_per_part: int = 2000, seed: int = 7) -> dict:
    """*.extract.jsonl files holding the synthetic graph of ``n_relations``: one record per
    evidence document, with the relations it gives evidence of and their endpoints."""
    g = generate(n_relations, seed)
    by_doc: dict[str, list] = {}
    for r in g.relations:
        for e in r.evidence:
            by_doc.setdefault(e.document, []).append((r, e))
    out_dir.mkdir(parents=True, exist_ok=True)
    names = sorted(by_doc, key=lambda d: int(d.rsplit("-", 1)[1]))
    random.Random(seed).shuffle(names)  # every partition a mix of heavy (Zipf) and light documents
    evidence = 0
    for p in range(0, len(names), docs_per_part):
        with open(out_dir / f"part-{p // docs_per_part:05d}.extract.jsonl", "w", encoding="utf-8") as fh:
            for d in names[p:p + docs_per_part]:
                name = f"synth/{d.rsplit(':', 1)[1]}.txt"
                ents, rels = {}, []
                for r, e in by_doc[d]:
                    for x in (r.source, r.target):
                        if x not in ents:
                            ent = g.entities[x]
                            ents[x] = {"id": ent.id, "name": ent.name, "type": ent.label, "mentions": [ent.name],
                                       **({"properties": ent.properties} if ent.properties else {})}
                    rels.append({"source": g.entities[r.source].name, "source_id": r.source, "type": r.type,
                                 "target": g.entities[r.target].name, "target_id": r.target,
                                 "properties": r.properties, "evidence": e.sentence, "confidence": e.confidence,
                                 "extractor": e.extractor})
                evidence += len(rels)
                fh.write(json.dumps({"document": name, "title": name, "entities": list(ents.values()),
                                     "relations": rels, "name": name,
                                     "sha256": hashlib.sha256(name.encode()).hexdigest()},
                                    ensure_ascii=False) + "\n")
    return {"relations": len(g.relations), "entities": len(g.entities), "documents": len(names),
            "evidence": evidence, "files": -(-len(names) // docs_per_part)}


def _cpu(proc) -> float:
    """User + system CPU seconds of a psutil process so far."""
    t = proc.cpu_times()
    return t.user + t.system


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _sh(cmd: list[str], env=None) -> tuple[float, str]:
    t = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr[-2000:]}")
    return time.monotonic() - t, proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""


def _latency(store, graph, pairs_per_bucket: int = 5, n_match: int = 2) -> dict:
    """p50/p95 of store.paths (k=1 and k=5, max_hops 6) over pairs by hop count, and match experts."""
    from bench.bench_paths import choose_pairs
    from bench.common import summarise
    from graph.match import match_experts

    pairs = [p for ps in choose_pairs(graph, pairs_per_bucket).values() for p in ps]
    out = {}
    for k in (1, 5):
        times = []
        for a, b in pairs:
            t = time.perf_counter()
            store.paths(a, b, k=k, max_hops=6)
            times.append(time.perf_counter() - t)
        out[f"paths_k{k}"] = summarise(times)
    ents = [e for e in graph.entities.values() if e.label == "Organisation" and e.properties.get("kind") == "enterprise"]
    times = []
    for e in ents[1:1 + n_match]:
        t = time.perf_counter()
        match_experts(store, e.id, k=5)
        times.append(time.perf_counter() - t)
    out["match_experts"] = summarise(times)
    out["pairs"] = len(pairs)
    return out


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _prefix(parts: Path, dest: Path, relations: int) -> int:
    """The first documents of ``parts`` (in file and line order) holding at least ``relations``
    evidence rows, copied into ``dest`` (the last file cut after that document); how many rows."""
    dest.mkdir()
    rels = 0
    for p in sorted(parts.glob("*.extract.jsonl")):
        if rels >= relations:
            break
        with p.open(encoding="utf-8") as src, open(dest / p.name, "w", encoding="utf-8") as out:
            for line in src:
                if rels >= relations:
                    break
                out.write(line)
                rels += len(json.loads(line)["relations"])
    return rels


def _import_load(parts: Path, tmp: Path, args, latency_graph=None) -> dict:
    """`ingest --bulk --import-files` + `scripts/neo4j-local import` + start of ``parts``: timings (wall
    and CPU seconds of each step), counts, sizes, and (``latency_graph``) path and match latency."""
    from graph.store import open_store
    from ingest.bulk import bulk_ingest

    repo = Path(__file__).resolve().parent.parent
    files, data, state = tmp / "import", tmp / "db", tmp / "state"
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, c = time.monotonic(), time.process_time()
    s = bulk_ingest(None, [str(parts)], import_files=files, rejects_path=os.devnull)
    prepare, prepare_cpu = time.monotonic() - t, time.process_time() - c
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    heap = {"NEO4J_LOCAL_HEAP": args.heap, "NEO4J_LOCAL_PAGECACHE_MB": str(args.pagecache_mb)}
    c = _children_cpu()
    load0 = os.getloadavg()[0]
    imp, _ = _sh([str(repo / "scripts" / "neo4j-local"), "import", "--data-dir", str(data), str(files)], heap)
    imp_cpu = _children_cpu() - c
    started, uri = _sh([str(repo / "scripts" / "neo4j-local"), "start", "--state-dir", str(state),
                        "--data-dir", str(data)], heap)
    n = s["bulk"]["relations"]
    out = {}
    try:
        t = time.monotonic()
        with open_store(uri, timeout=600) as store:
            schema = time.monotonic() - t  # constraints and indexes built over the imported data
            stats = store.stats()
            total = prepare + imp + schema
            b = s["bulk"]
            out = {"relations": n, "resolve_s": b["resolve_seconds"], "resolve_cpu_s": b["resolve_cpu_seconds"],
                   "write_files_s": b["seconds"], "write_files_cpu_s": b["cpu_seconds"],
                   "prepare_s": round(prepare, 1), "prepare_cpu_s": round(prepare_cpu, 1),
                   "import_tool_s": round(imp, 1), "import_tool_cpu_s": round(imp_cpu, 1),
                   "import_tool_loadavg_before": round(load0, 1),
                   "neo4j_start_s": round(started, 1), "schema_s": round(schema, 1), "total_s": round(total, 1),
                   "relations_per_s": round(n / total, 1),
                   "python_relations_per_s": round(n / prepare, 1),
                   "python_relations_per_cpu_s": round(n / max(prepare_cpu, 1e-9), 1),
                   "write_phase_relations_per_s": round(n / (b["seconds"] + imp + schema), 1),
                   "import_tool_relations_per_s": round(n / imp, 1),
                   "stats_relations": sum(v for k, v in stats["relations"].items() if k != "MENTIONS"),
                   "stats_documents": stats["documents"], "counts": {k: v for k, v in b.items() if k != "files"},
                   "driver_bytes_per_relation": round((rss1 - rss0) * 1024 / n, 1),
                   "store_bytes": _du(data / "data"),
                   "store_bytes_without_tx_logs": _du(data / "data" / "databases"),
                   "import_files_bytes": _du(files), "loadavg_end": round(os.getloadavg()[0], 1)}
            out["store_bytes_per_relation"] = round(out["store_bytes_without_tx_logs"] / n, 1)
            print(json.dumps(out, indent=1), file=sys.stderr)
            if latency_graph is not None:
                out["latency_neo4j"] = _latency(store, latency_graph, n_match=args.match)
                print(json.dumps(out["latency_neo4j"], indent=1), file=sys.stderr)
    finally:
        _sh([str(repo / "scripts" / "neo4j-local"), "stop", "--state-dir", str(state)])
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(files, ignore_errors=True)
    return out


def cmd_bulk(args) -> dict:
    from graph.store import open_store
    from ingest import ingest_paths
    from ingest.bulk import bulk_ingest

    tmp = Path(tempfile.mkdtemp(prefix="innograph-bulk-"))
    try:
        t0 = time.monotonic()
        synth = synth_parts(args.relations, tmp / "parts")
        synth["generate_s"] = round(time.monotonic() - t0, 1)
        synth["bytes"] = _du(tmp / "parts")
        out = {"size": args.relations, "method": args.method, "synth": synth, "env": _env(),
               "loadavg_start": os.getloadavg()}
        print(synth, file=sys.stderr)
        if args.method == "files":  # the Python part alone: read, resolve, write the import files
            files = tmp / "import"
            t, c = time.monotonic(), time.process_time()
            s = bulk_ingest(None, [str(tmp / "parts")], import_files=files, rejects_path=os.devnull)
            secs, cpu = time.monotonic() - t, time.process_time() - c
            b = s["bulk"]
            out["bulk"] = {"relations": b["relations"], "resolve_s": b["resolve_seconds"],
                           "resolve_cpu_s": b["resolve_cpu_seconds"], "write_files_s": b["seconds"],
                           "write_files_cpu_s": b["cpu_seconds"], "prepare_s": round(secs, 1),
                           "prepare_cpu_s": round(cpu, 1), "python_relations_per_s": round(b["relations"] / secs, 1),
                           "python_relations_per_cpu_s": round(b["relations"] / max(cpu, 1e-9), 1),
                           "import_files_bytes": _du(files), "loadavg_end": round(os.getloadavg()[0], 1)}
            print(json.dumps(out["bulk"], indent=1), file=sys.stderr)
        if args.method == "import":
            out["bulk"] = _import_load(tmp / "parts", tmp / "full", args,
                                       generate(args.relations, 7) if args.latency else None)
        if args.method == "cypher" or args.ingest_relations:
            if not args.store:
                raise SystemExit("--store bolt://... is needed for --method cypher and --ingest-relations")
            with open_store(args.store) as store:
                if args.method == "cypher":
                    store.clear()
                    s = bulk_ingest(store, [str(tmp / "parts")], rejects_path=os.devnull)
                    out["bulk"] = {"summary": {k: s[k] for k in ("read", "ingested", "relations_added", "seconds")},
                                   "write": s["bulk"], "relations_per_s": round(synth["relations"] / s["seconds"], 1)}
                    print(json.dumps(out["bulk"], indent=1), file=sys.stderr)
                if args.ingest_relations:
                    # the same first files both ways, one after the other: innograph ingest (one write
                    # transaction per document into the running --store) and the bulk load of them
                    store.clear()
                    sub = tmp / "subset"
                    rels = _prefix(tmp / "parts", sub, args.ingest_relations)
                    t, c = time.monotonic(), time.process_time()
                    s2 = ingest_paths(store, [str(sub)], rejects_path=os.devnull)
                    secs, cpu = time.monotonic() - t, time.process_time() - c
                    n = s2["relations_added"]
                    out["ingest"] = {"relations_stored": n, "evidence_rows": rels, "seconds": round(secs, 1),
                                     "cpu_s": round(cpu, 1), "relations_per_s": round(n / secs, 1),
                                     "documents": s2["ingested"], "loadavg_end": round(os.getloadavg()[0], 1),
                                     "note": "the first partition files, into the running --store (Neo4j)"}
                    print(json.dumps(out["ingest"], indent=1), file=sys.stderr)
                    store.clear()
            if args.method == "import":
                same = _import_load(tmp / "subset", tmp / "same", args)
                out["bulk_same_relations"] = same
                out["ratio_bulk_vs_ingest_same_relations"] = round(
                    same["relations_per_s"] / out["ingest"]["relations_per_s"], 1)
                out["ratio_bulk_full_vs_ingest"] = round(
                    out["bulk"]["relations_per_s"] / out["ingest"]["relations_per_s"], 1)
        out["command"] = "python -m bench.bench_scale " + " ".join(sys.argv[1:])
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cmd_workers(args) -> dict:
    """words/s with 1 and 2 local Dask workers, same corpus, alternating, in one run."""
    import logging

    import psutil
    from distributed import Client, LocalCluster

    from extract.engines import run_extract
    from extract.engines.dask_engine import PLUGIN, PipelinePlugin

    out = {"corpus": args.corpus, "env": _env(), "runs": [], "loadavg_before": os.getloadavg()}
    clusters = {}
    try:
        for n in (1, 2):
            t = time.monotonic()
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
            client.register_plugin(PipelinePlugin(), name=PLUGIN)  # the pipeline loads now, not in the timing
            procs = {w: psutil.Process(pid) for w, pid in client.run(os.getpid).items()}  # the worker processes
            clusters[n] = (cluster, client, round(time.monotonic() - t, 1), procs)
        me = psutil.Process()
        for rep in range(args.repeat):  # 1 and 2 workers alternate, so that both see the same noise
            for n in (1, 2):
                cluster, client, start_s, procs = clusters[n]
                cpu0 = {w: _cpu(p) for w, p in procs.items()}
                drv0 = _cpu(me)
                with tempfile.TemporaryDirectory() as d, open(os.devnull, "w") as null:
                    s = run_extract([args.corpus], d, engine="dask", address=cluster.scheduler_address,
                                    partition_docs=args.partition_size, progress=False, err=null)
                # CPU seconds each worker process used per second of the run: 1.0 is a core of its own
                busy = [round((_cpu(p) - cpu0[w]) / s["seconds"], 2) for w, p in procs.items()]
                cpu_s = sum((_cpu(p) - cpu0[w]) for w, p in procs.items())
                out["runs"].append({"workers": n, "repeat": rep, "documents": s["documents"], "words": s["words"],
                                    "seconds": s["seconds"], "words_per_s": s["words_per_s"],
                                    "worker_cpu_per_wall_s": busy, "driver_cpu_per_wall_s":
                                    round((_cpu(me) - drv0) / s["seconds"], 2),
                                    "words_per_worker_cpu_s": round(s["words"] / max(cpu_s, 1e-9), 1),
                                    "cluster_start_s": start_s, "loadavg": os.getloadavg()[0]})
                print(out["runs"][-1], file=sys.stderr)
    finally:
        for cluster, client, *_ in clusters.values():
            client.close()
            cluster.close()
    best = {n: max(r["words_per_s"] for r in out["runs"] if r["workers"] == n) for n in (1, 2)}
    out["best_words_per_s"] = best
    out["words_per_s_per_worker"] = {n: round(best[n] / n, 1) for n in (1, 2)}
    out["speedup_2_vs_1"] = round(best[2] / best[1], 2)
    # per repeat (the 1- and 2-worker runs of one repeat are seconds apart): the ratio and how much
    # CPU the workers got; words per CPU second say what the engine costs apart from the machine's load
    out["speedup_per_repeat"] = [round(b["words_per_s"] / a["words_per_s"], 2) for a, b in
                                 zip(out["runs"][0::2], out["runs"][1::2])]
    out["words_per_worker_cpu_s"] = {n: max(r["words_per_worker_cpu_s"] for r in out["runs"] if r["workers"] == n)
                                     for n in (1, 2)}
    out["command"] = "python -m bench.bench_scale " + " ".join(sys.argv[1:])
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="bench.bench_scale")
    sub = p.add_subparsers(dest="what", required=True)
    w = sub.add_parser("workers")
    w.add_argument("--corpus", default="/work/shared/corpus/dev")
    w.add_argument("--repeat", type=int, default=3)
    w.add_argument("--partition-size", type=int, default=4)
    b = sub.add_parser("bulk")
    b.add_argument("--relations", type=int, default=1_000_000)
    b.add_argument("--store", help="a running Neo4j for --method cypher and --ingest-relations (cleared!)")
    b.add_argument("--method", choices=["import", "cypher", "files"], default="import",
                   help="files: only the Python part (read, resolve, write the import files)")
    b.add_argument("--heap", default="3g")
    b.add_argument("--pagecache-mb", type=int, default=1024)
    b.add_argument("--latency", action="store_true", help="path and match latency on the loaded Neo4j")
    b.add_argument("--match", type=int, default=2, help="match experts queries timed with --latency")
    b.add_argument("--ingest-relations", type=int, default=0)
    args = p.parse_args(argv)
    res = cmd_workers(args) if args.what == "workers" else cmd_bulk(args)
    RESULTS.mkdir(exist_ok=True)
    name = f"scale_{args.what}" + (f"_{args.method}_{args.relations}" if args.what == "bulk" else "") + ".json"
    (RESULTS / name).write_text(json.dumps(res, indent=1) + "\n")
    print(f"wrote {RESULTS / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

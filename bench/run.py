"""Run the benchmarks and regenerate BENCHMARKS.md, the raw JSON and the growth plot.

    python -m bench.run --quick                  # 10k relations, short runs (under 5 minutes)
    python -m bench.run --full                   # 10k, 100k and 1M relations
    python -m bench.run --full --sizes 10000,100000 --skip api,extract
    python -m bench.run --report-only            # rebuild BENCHMARKS.md and the PNG from bench/results/*.json

Neo4j: ``--neo4j URI`` uses a running server (it is CLEARED), else, when graph/store/neo4j.py
exists and ``--no-neo4j`` is not given, a local Neo4j is started with scripts/neo4j-local in a
temporary state directory and stopped at the end. Neo4j is loaded up to ``--neo4j-max-size``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import RESULTS, ROOT, log, write_json

# quick: every table at 10k in under 5 minutes (measured: see BENCHMARKS.md); no before-the-fix paths experiment
QUICK = {"sizes": [10_000], "pairs": 4, "repeat": 1, "api_duration": 4.0, "budget_s": 10.0, "row_cap": 300, "time_cap": 5.0,
         "neo4j_full_without": False, "experiment": False,
         "extract_args": ["--rounds", "1", "--repeat", "1", "--processes", "2"]}
FULL = {"sizes": [10_000, 100_000, 1_000_000], "pairs": 10, "repeat": 1, "api_duration": 15.0, "budget_s": 180.0, "row_cap": 2000,
        "time_cap": 30.0, "neo4j_full_without": True, "experiment": True, "extract_args": ["--rounds", "2", "--repeat", "3"]}
STEPS = ("extract", "ingest", "paths", "api")


def start_neo4j(state_dir: Path) -> str:
    out = subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "start", "--state-dir", str(state_dir)],
                         capture_output=True, text=True, timeout=600)
    lines = [x.strip() for x in out.stdout.splitlines() if x.strip()]
    if out.returncode != 0 or not lines or "://" not in lines[-1]:
        raise RuntimeError(f"neo4j-local start failed ({out.returncode}): {out.stderr[-800:]}")
    return lines[-1]


def stop_neo4j(state_dir: Path) -> None:
    subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "stop", "--state-dir", str(state_dir)],
                   capture_output=True, text=True, timeout=120)


def run_extract(extra_args: list[str], command: str) -> dict:
    """Run the extraction engineer's bench/bench_extract.py; its JSON is kept as it is."""
    if importlib.util.find_spec("bench.bench_extract") is None:
        return {"status": "not measured yet", "reason": "bench/bench_extract.py does not exist yet"}
    out_path = RESULTS / "extract.json"
    # bench_extract.py's own flags (--rounds, --repeat); fall back to none if it changes them
    attempts = [extra_args, []]
    last = None
    for extra in attempts:
        t = time.perf_counter()
        last = subprocess.run([sys.executable, "-m", "bench.bench_extract", *extra], cwd=ROOT, capture_output=True,
                              text=True, timeout=3600)
        if last.returncode == 0:
            data = None
            if out_path.exists() and out_path.stat().st_mtime >= time.time() - (time.perf_counter() - t) - 5:
                data = json.loads(out_path.read_text())
            else:
                for line in reversed(last.stdout.strip().splitlines()):
                    line = line.strip()
                    if line.startswith("{"):
                        data = json.loads(line)
                        break
                    if line.endswith(".json") and Path(line).exists():
                        data = json.loads(Path(line).read_text())
                        break
            if data is None:
                return {"status": "ran, but no JSON found", "stdout_tail": last.stdout[-800:]}
            data.setdefault("command", f"{command}  →  python bench/bench_extract.py {' '.join(extra)}".rstrip())
            return data
        if last.returncode != 2:  # 2: argparse rejected our flags; try plainer
            break
    return {"status": "failed", "returncode": last.returncode, "stderr_tail": last.stderr[-1200:]}


def _loaded(res: dict | None) -> bool:
    full = (res or {}).get("neo4j", {}).get("with_constraints", {}).get("batched_full", {})
    return bool(full.get("complete"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="InnoGraph benchmarks")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="10k relations, short runs (< 5 min)")
    mode.add_argument("--full", action="store_true", help="10k, 100k and 1M relations")
    mode.add_argument("--report-only", action="store_true", help="only rebuild BENCHMARKS.md and the plot")
    ap.add_argument("--sizes", help="comma-separated relation counts, e.g. 10000,100000")
    ap.add_argument("--skip", default="", help=f"comma-separated steps to skip: {','.join(STEPS)}")
    ap.add_argument("--neo4j", help="bolt URI of a running Neo4j (it is cleared)")
    ap.add_argument("--no-neo4j", action="store_true")
    ap.add_argument("--neo4j-max-size", type=int, default=100_000)
    ap.add_argument("--api-max-size", type=int, default=1_000_000)
    ap.add_argument("--pairs", type=int, help="pairs per hop bucket")
    ap.add_argument("--no-profile", action="store_true")
    args = ap.parse_args(argv)

    from bench import report

    if args.report_only:
        print(report.write())
        return 0
    cfg = dict(QUICK if args.quick or not args.full else FULL)
    if args.sizes:
        cfg["sizes"] = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    if args.pairs:
        cfg["pairs"] = args.pairs
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    command = "python -m bench.run " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    t0 = time.perf_counter()
    manifest = {"command": command, "config": cfg, "skip": sorted(skip), "steps": [],
                "loadavg": [round(x, 2) for x in __import__("os").getloadavg()]}

    from bench import bench_api, bench_ingest, bench_paths
    from bench.synth import generate

    if "extract" not in skip:
        log("extract: running bench/bench_extract.py")
        t = time.perf_counter()
        res = run_extract(cfg["extract_args"], command)
        write_json("extract.json", res)
        manifest["steps"].append({"step": "extract", "seconds": round(time.perf_counter() - t, 1),
                                  "status": res.get("status", "ok")})

    neo_uri, neo_state = args.neo4j, None
    want_neo = not args.no_neo4j and ("ingest" not in skip or "paths" not in skip)
    if want_neo and not neo_uri and importlib.util.find_spec("graph.store.neo4j") is not None \
            and any(s <= args.neo4j_max_size for s in cfg["sizes"]):
        neo_state = Path(tempfile.mkdtemp(prefix="innograph-bench-neo4j-"))
        try:
            t = time.perf_counter()
            neo_uri = start_neo4j(neo_state)
            log(f"neo4j: started at {neo_uri} in {time.perf_counter() - t:.0f}s")
        except Exception as exc:  # noqa: BLE001
            log(f"neo4j: not started: {exc}")
            manifest["neo4j_error"] = str(exc)
            neo_state, neo_uri = None, None
    elif want_neo and not neo_uri:
        manifest["neo4j_error"] = "graph/store/neo4j.py does not exist yet"
    try:
        for size in cfg["sizes"]:
            graph = generate(size)
            neo = neo_uri if neo_uri and size <= args.neo4j_max_size else None
            res_ingest = None
            if "ingest" not in skip:
                t = time.perf_counter()
                res = res_ingest = bench_ingest.run(size, neo, cfg["row_cap"], cfg["time_cap"], graph=graph,
                                       neo4j_full_without=cfg["neo4j_full_without"])
                res["command"] = command
                if not neo:
                    res["neo4j_skipped"] = (f"above --neo4j-max-size {args.neo4j_max_size}" if neo_uri else
                                            "no Neo4j in this run" + (f" ({manifest['neo4j_error']})"
                                                                      if manifest.get("neo4j_error") else ""))
                write_json(f"ingest_{size}.json", res)
                manifest["steps"].append({"step": f"ingest {size}", "seconds": round(time.perf_counter() - t, 1)})
                write_json("run.partial.json", manifest)
            if "paths" not in skip:
                t = time.perf_counter()
                # Neo4j paths only on a store this run loaded completely with the same graph
                loaded = "ingest" not in skip and _loaded(res_ingest)
                res = bench_paths.run(size, cfg["pairs"], cfg["repeat"], neo4j=neo if loaded else None,
                                      profile=not args.no_profile and size == max(cfg["sizes"]),
                                      budget_s=cfg["budget_s"], graph=graph,
                                      experiment=cfg["experiment"])
                res["command"] = command
                write_json(f"paths_{size}.json", res)
                manifest["steps"].append({"step": f"paths {size}", "seconds": round(time.perf_counter() - t, 1)})
                write_json("run.partial.json", manifest)
            if "api" not in skip and size <= args.api_max_size:
                t = time.perf_counter()
                try:
                    res = bench_api.run(size, duration=cfg["api_duration"], graph=graph)
                except Exception as exc:  # noqa: BLE001 - the API may not be servable yet
                    res = {"size": size, "error": f"{type(exc).__name__}: {exc}"}
                    log(f"api: {res['error'][:300]}")
                res["command"] = command
                write_json(f"api_{size}.json", res)
                manifest["steps"].append({"step": f"api {size}", "seconds": round(time.perf_counter() - t, 1)})
            del graph
    finally:
        if neo_state:
            stop_neo4j(neo_state)
    manifest["seconds"] = round(time.perf_counter() - t0, 1)
    manifest["mode"] = "quick" if args.quick or not args.full else "full"
    manifest["sizes"] = cfg["sizes"]
    write_json("run.json", manifest)
    (RESULTS / "run.partial.json").unlink(missing_ok=True)
    write_json(f"run_{manifest['mode']}_{'_'.join(map(str, cfg['sizes']))}_{'-'.join(sorted(skip)) or 'all'}.json",
               manifest)
    print(report.write())
    log(f"done in {manifest['seconds']:.0f}s")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

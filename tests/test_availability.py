"""Reads that stay available (ISSUE 19, deliverable 2, on both stores; the hostile case: one
weighted ``paths`` and a CLI ingest stalled ``/healthz`` and every plain read of an embedded store).
A real waitress server over a 30k-relation SQLite store, and over a 10k-relation Neo4j, answers
expensive path searches (stopped at their deadline) from two clients while an ingest runs in
another process and ``/healthz`` is polled (always 200 within 1 s), and a cheap read too. (On Neo4j
one entity read in one full run of 2026-12-02 answered 500 during the ingest; not seen again in 70
runs and a stress run. A failure prints the server's traceback.)"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from support.bulkload import bulk_load
from support.waitress_server import Waitress

from api.app import create_app
from api.settings import server_options
from bench.synth import generate
from graph.errors import QueryTimeout
from graph.store import open_store

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 1.5


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("avail") / "g.db"
    with open_store(f"sqlite:///{path}") as s:
        for b in generate(30_000, seed=7).batches(5000):
            s.upsert(b)
    return path


def test_a_path_search_stops_at_its_deadline(big_store):
    with open_store(f"sqlite:///{big_store}", timeout=0.3) as s:
        s.warm()
        t, cpu = time.monotonic(), time.thread_time()
        with pytest.raises(QueryTimeout):
            s.path_answer("person:zhang-wei", "person:person-999", k=10, max_hops=6, weighted=True)
        # the search itself stopped (it takes ~2 s of CPU to the end), not only the wait for it
        assert time.thread_time() - cpu < 1.2 and time.monotonic() - t < 10


def test_health_and_cheap_reads_never_wait_behind_expensive_queries_or_an_ingest(big_store, tmp_path):
    uri = f"sqlite:///{big_store}"
    health, cheap, expensive = under_load(uri, tmp_path, {**os.environ, "PYTHONPATH": str(REPO)})
    assert_available("health", health)
    assert_available("cheap read", cheap)
    assert_bounded(expensive)
    with open_store(uri) as s:
        assert s.get("Availability Firm 2999 Co.") is not None


@pytest.fixture(scope="module")
def big_neo4j(request):
    """The session's Neo4j holding a 10k-relation synthetic graph; (uri, environment for a child)."""
    uri, user, password = request.getfixturevalue("neo4j_server_info")
    env = {**os.environ, "PYTHONPATH": str(REPO), "NEO4J_USER": user or "neo4j"}
    env.pop("NEO4J_PASSWORD", None)
    if password:
        env["NEO4J_PASSWORD"] = password
    with pytest.MonkeyPatch.context() as mp:
        for name in ("NEO4J_USER", "NEO4J_PASSWORD"):
            mp.delenv(name, raising=False)
            if env.get(name):
                mp.setenv(name, env[name])
        with open_store(uri) as s:
            s.clear()
            bulk_load(s, generate(10_000, seed=7).batches(5000))
        yield uri, env
        with open_store(uri) as s:
            s.clear()


@pytest.fixture(scope="module")
def neo4j_under_load(big_neo4j, tmp_path_factory):
    """One run of ``under_load`` on Neo4j: (health, cheap, expensive) timings."""
    uri, env = big_neo4j
    with pytest.MonkeyPatch.context() as mp:
        for name in ("NEO4J_USER", "NEO4J_PASSWORD"):
            mp.delenv(name, raising=False)
            if env.get(name):
                mp.setenv(name, env[name])
        errors = _ErrorLog()  # what the server logged with a traceback: shown when a read failed
        loggers = [logging.getLogger(name) for name in ("innograph.api", "waitress")]
        for logger in loggers:
            logger.addHandler(errors)
        try:
            got = under_load(uri, tmp_path_factory.mktemp("avail-neo4j"), env, failed=errors.lines)
        finally:
            for logger in loggers:
                logger.removeHandler(errors)
        with open_store(uri) as s:
            assert s.get("Availability Firm 2999 Co.") is not None  # the ingest went through
    return (*got, errors.lines)


class _ErrorLog(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(logging.Formatter().format(record))


@pytest.mark.neo4j
def test_health_never_waits_on_neo4j_either(neo4j_under_load):
    health, _cheap, expensive, _errors = neo4j_under_load
    assert_available("health", health)
    assert_bounded(expensive)


@pytest.mark.neo4j
def test_cheap_reads_never_wait_on_neo4j_either(neo4j_under_load):
    _health, cheap, _expensive, errors = neo4j_under_load
    assert [x for x in cheap if x[0] != 200] == [], "\n".join(errors)  # a 500's traceback, a 503's detail
    assert_available("cheap read", cheap)


def assert_available(name: str, got: list[tuple[int, float]]) -> None:
    assert len(got) >= 20, (name, got)
    assert [x for x in got if x[0] != 200] == [], (name, got)  # never a 503, never a timeout
    times = sorted(t for _, t in got)
    # within 1 s: every one on a quiet machine; the shared CI machine (2 cores, load ~20 from
    # other suites) stalls any thread now and then, so 95% within 1 s and none past 3 s
    assert times[int(0.95 * (len(times) - 1))] < 1.0 and times[-1] < 3.0, (name, times[-5:])


def assert_bounded(expensive: list[tuple[int, float]]) -> None:
    assert expensive and {s for s, _ in expensive} <= {200, 503}
    assert max(t for _, t in expensive) < 2 * TIMEOUT + 2, expensive  # answered near its timeout, never hung


def under_load(uri: str, tmp_path: Path, env: dict, failed: list | None = None) -> tuple[list, list, list]:
    """Serve ``uri`` with waitress; two clients run expensive path searches and another process
    ingests 3000 records while ``/healthz`` and one entity are polled: the (status, seconds) of
    each health check, each cheap read and each expensive query (and, in ``failed``, the URL,
    status and body of every poll that was not a 200)."""
    app = create_app({"STORE_URI": uri, "QUERY_TIMEOUT": TIMEOUT, "API_KEYS": "k"})
    server = Waitress(app, threads=8, **server_options(app.config))
    base = f"http://127.0.0.1:{server.port}"
    stop = threading.Event()
    expensive: list[tuple[int, float]] = []

    def hammer(a, b):
        while not stop.is_set():
            t = time.monotonic()
            r = requests.get(f"{base}/api/v1/paths", params={"from": a, "to": b, "k": 10, "max_hops": 6,
                                                             "weighted": "true"}, timeout=30)
            expensive.append((r.status_code, time.monotonic() - t))

    csv = tmp_path / "firms.csv"
    csv.write_text("record_type,name,city,industry\n" + "".join(
        f"enterprise,Availability Firm {i} Co.,Chengshi {i % 400},Topic {i % 50}\n" for i in range(3000)))
    clients: list[threading.Thread] = []
    try:
        assert requests.get(f"{base}/healthz", timeout=5).status_code == 200
        clients += [threading.Thread(target=hammer, args=pair, daemon=True)
                   for pair in (("person:zhang-wei", "person:person-999"), ("person:person-996", "person:person-955"))]
        for c in clients:
            c.start()
        ingest = subprocess.Popen([sys.executable, "-m", "api.cli", "ingest", str(csv), "--store", uri],
                                  cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        health, cheap = [], []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (ingest.poll() is None or len(health) < 40):
            for url, out in ((f"{base}/healthz", health), (f"{base}/api/v1/entities/person:person-1", cheap)):
                t = time.monotonic()
                try:
                    r = requests.get(url, timeout=5.0)
                    status = r.status_code
                except requests.Timeout:
                    status, r = 0, None
                out.append((status, time.monotonic() - t))
                if status != 200 and failed is not None:
                    failed.append(f"{url} answered {status} in {out[-1][1]:.2f} s: {r.text[:300] if r else ''}")
            time.sleep(0.1)
        assert ingest.wait(timeout=120) == 0, ingest.stderr.read().decode()[-2000:]
    finally:
        stop.set()
        for c in clients:  # their last search ends before the server goes (no error on a closed port)
            c.join(timeout=4 * TIMEOUT + 10)
        server.close()
        app.extensions["innograph"].close()
    return health, cheap, expensive

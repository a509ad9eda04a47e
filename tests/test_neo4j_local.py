"""scripts/neo4j-local: a --data-dir survives stop/start and a SIGKILL; stale state is cleaned up.

The Java tests start a real embedded Neo4j (needs `java` 17+ and `mvn`; jars cached in ~/.m2), each
with its own --state-dir under tmp_path so they never touch another instance. Without java/mvn they
skip, except in CI (``CI=true``) where they fail. ``--store sqlite`` (no Neo4j wanted) skips them.
The state-file tests below them need no Java.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from support import require_store, unavailable
from support.neo4j_server import LOCAL_START_TIMEOUT_S as START_TIMEOUT_S  # a cold start fetches jars first
from support.neo4j_server import run_local

# A small instance that starts fast (C1-only JIT roughly halves start-up on a busy machine);
# settings already in the environment win.
SMALL = {"NEO4J_LOCAL_HEAP": "512m", "NEO4J_LOCAL_PAGECACHE_MB": "64", "NEO4J_LOCAL_JVM_OPTS": "-XX:TieredStopAtLevel=1"}


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return run_local(list(args), timeout, env={**SMALL, **os.environ})


def start(state: Path, data: Path) -> str:
    proc = run("start", "--state-dir", str(state), "--data-dir", str(data), timeout=START_TIMEOUT_S)
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0 and lines and lines[-1].startswith("bolt://127.0.0.1:"), (
        f"start failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}\n{proc.stdout[-2000:]}"
    )
    return lines[-1]


def stop(state: Path) -> subprocess.CompletedProcess:
    proc = run("stop", "--state-dir", str(state))
    assert proc.returncode == 0, proc.stderr
    return proc


def query(uri: str, cypher: str, **params):
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None, connection_timeout=10.0) as driver:
        records, _, _ = driver.execute_query(cypher, params)
        return [r.data() for r in records]


def probes(uri: str) -> list[str]:
    return [r["k"] for r in query(uri, "MATCH (p:NeoLocalProbe) RETURN p.k AS k ORDER BY k")]


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()  # reaped: the pid names no process now
    return proc.pid


def write_state(state: Path, **fields) -> Path:
    state.mkdir(parents=True, exist_ok=True)
    f = state / "neo4j.json"
    f.write_text(json.dumps({"pid": dead_pid(), "uri": "bolt://127.0.0.1:1", "port": 1, **fields}))
    return f


@pytest.fixture
def java_and_maven(request):
    require_store(request, "neo4j")
    missing = [tool for tool in ("java", "mvn") if not shutil.which(tool)]
    if missing:
        unavailable(f"scripts/neo4j-local needs {' and '.join(missing)} on PATH")


@pytest.fixture
def state_dir(tmp_path):
    state = tmp_path / "state"
    yield state
    run("stop", "--state-dir", str(state))  # whatever the test left running


@pytest.mark.neo4j
def test_data_dir_survives_stop_start_and_sigkill(java_and_maven, state_dir, tmp_path):
    data = tmp_path / "data"

    uri = start(state_dir, data)
    query(uri, "CREATE (:NeoLocalProbe {k: $k})", k="before-stop")
    assert "data kept in" in stop(state_dir).stderr
    assert not (state_dir / "neo4j.json").exists()
    assert (data / "data" / "databases" / "neo4j").is_dir(), "stop must keep a --data-dir"

    uri = start(state_dir, data)
    assert probes(uri) == ["before-stop"]
    query(uri, "CREATE (:NeoLocalProbe {k: $k})", k="before-kill")
    assert start(state_dir, data) == uri  # same data dir: "already running", same URI
    other = run("start", "--state-dir", str(state_dir), "--data-dir", str(tmp_path / "other"))
    assert other.returncode != 0 and "stop it first" in other.stderr

    # A crash: the committed write is only in the transaction log; the pid file goes stale.
    pid = json.loads((state_dir / "neo4j.json").read_text())["pid"]
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert run("status", "--state-dir", str(state_dir)).returncode == 1

    uri = start(state_dir, data)  # cleans the stale state up, Neo4j recovers the store
    assert probes(uri) == ["before-kill", "before-stop"]
    assert json.loads((state_dir / "neo4j.json").read_text())["pid"] != pid
    stop(state_dir)
    assert (data / "data" / "databases" / "neo4j").is_dir()


# ---- stale state files (no Java needed) ------------------------------------------------------


def test_stale_state_never_deletes_a_user_data_dir(tmp_path):
    # named like a temp dir, but a --data-dir (temp_data false): kept
    data = tmp_path / "innograph-neo4j-mine"
    (data / "data").mkdir(parents=True)
    state_file = write_state(tmp_path / "state", data_dir=str(data), temp_data=False)
    proc = run("stop", "--state-dir", str(tmp_path / "state"))
    assert proc.returncode == 0, proc.stderr
    assert "was not running" in proc.stderr
    assert not state_file.exists()
    assert (data / "data").is_dir()


def test_stale_state_from_an_older_script_keeps_dirs_outside_the_temp_root(tmp_path):
    # no temp_data key (written before --data-dir existed): only <tmp>/innograph-neo4j-* is deleted
    data = tmp_path / "innograph-neo4j-old"
    data.mkdir()
    write_state(tmp_path / "state", data_dir=str(data))
    assert run("stop", "--state-dir", str(tmp_path / "state")).returncode == 0
    assert data.is_dir()


def test_stale_state_deletes_its_own_temp_data_dir(tmp_path):
    import tempfile

    data = Path(tempfile.mkdtemp(prefix="innograph-neo4j-"))
    try:
        write_state(tmp_path / "state", data_dir=str(data), temp_data=True)
        assert run("stop", "--state-dir", str(tmp_path / "state")).returncode == 0
        assert not data.exists()
    finally:
        shutil.rmtree(data, ignore_errors=True)


def test_status_ignores_a_pid_that_is_not_our_launcher(tmp_path):
    # a live pid (this test process) that is not a Neo4jLauncher: not running
    state = tmp_path / "state"
    state.mkdir()
    (state / "neo4j.json").write_text(json.dumps({"pid": os.getpid(), "uri": "bolt://127.0.0.1:1"}))
    proc = run("status", "--state-dir", str(state))
    assert proc.returncode == 1 and proc.stdout == ""

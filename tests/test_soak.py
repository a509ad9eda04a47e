"""Killing Neo4j itself mid-ingest (ISSUE 8, item 1; ``make soak``): a dedicated local Neo4j, on a data
directory that survives SIGKILL (tests/support/neo4j_proc.py), is killed with SIGKILL at 5 random
(seeded) points of an ``innograph ingest``; the ingest must stop with a one-line error (exit 3, no
traceback); Neo4j is started again on the same data (recovery); the ingest is run again; the export
equals a clean run's, with no duplicate node.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time

import pytest
from support import regfile, require_store, unavailable
from support.graphcheck import diff, duplicates, export_dict, fingerprint, neo4j_duplicate_ids
from support.ingestproc import child_env, doc_count, ingest_cmd, run_ingest
from support.neo4j_proc import KillableNeo4j

from graph.store import open_store

POINTS = int(os.environ.get("NEO4J_KILL_POINTS", "5"))
RECORDS = int(os.environ.get("NEO4J_KILL_RECORDS", "600"))
FIGURES: list[dict] = []


@pytest.fixture(scope="module")
def killable(request, tmp_path_factory):
    require_store(request, "neo4j")
    if not shutil.which(os.environ.get("NEO4J_LOCAL_JAVA", "java")) or not shutil.which("mvn"):
        unavailable("killing Neo4j needs java and mvn (scripts/neo4j-local)")
    home = tmp_path_factory.mktemp("killable-neo4j")
    n = KillableNeo4j(home)
    n.start()
    yield n
    n.stop()
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("neo4j-kill")
    files = regfile.write_corpus(cwd / "regs", RECORDS, seed=11)
    return cwd, [f.relative_to(cwd) for f in files]


@pytest.fixture(scope="module")
def no_auth():
    """The dedicated Neo4j runs without auth: no credentials from the environment, here or in the
    ingest processes (restored after the module)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NEO4J_PASSWORD", raising=False)
        mp.delenv("NEO4J_USER", raising=False)
        yield


@pytest.fixture(scope="module")
def clean(no_auth, killable, corpus):
    cwd, files = corpus
    with open_store(killable.uri) as s:
        s.clear()
    t0 = time.monotonic()
    run_ingest(cwd, files, killable.uri)
    seconds = time.monotonic() - t0
    with open_store(killable.uri) as s:
        data = export_dict(s)
    assert duplicates(data) == {"by_id": [], "by_name": [], "by_key": []}
    return data, seconds


@pytest.mark.slow
@pytest.mark.neo4j
@pytest.mark.parametrize("point", range(POINTS))
def test_sigkill_neo4j_mid_ingest_then_ingest_again(killable, corpus, clean, point):
    want, clean_seconds = clean
    cwd, files = corpus
    rng = random.Random(f"neo4j-kill-{point}")
    total = len(want["documents"])
    with open_store(killable.uri) as s:
        s.clear()
        target = max(1, int(total * rng.uniform(0.05, 0.9)))
        proc = subprocess.Popen(ingest_cmd(files, killable.uri), cwd=cwd, env=child_env(cwd),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        t0 = time.monotonic()
        while proc.poll() is None and doc_count("neo4j", s, killable.uri) < target and time.monotonic() - t0 < 900:
            time.sleep(0.1)
        time.sleep(rng.uniform(0, 0.5))
        at_kill = doc_count("neo4j", s, killable.uri) if proc.poll() is None else None
    finished_first = proc.poll() is not None
    killable.kill9()
    killed_at = time.monotonic() - t0
    try:
        _, err = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        pytest.fail(f"ingest hung for 180 s after Neo4j died (point {point}, {at_kill} documents at the kill)")
    t1 = time.monotonic()
    uri = killable.start()
    restart_s = time.monotonic() - t1
    FIGURES.append({"point": point, "target": target, "documents_at_kill": at_kill, "total": total,
                    "killed_after_s": round(killed_at, 1), "ingest_exit": proc.returncode,
                    "restart_s": round(restart_s, 1), "finished_first": finished_first})
    if not finished_first:
        assert proc.returncode == 3, (proc.returncode, err[-1500:])  # CONTRACT: 3 when the store failed
    run_ingest(cwd, files, uri)
    with open_store(uri) as s:
        got = export_dict(s)
        assert neo4j_duplicate_ids(s) == []
    assert duplicates(got) == {"by_id": [], "by_name": [], "by_key": []}, duplicates(got)
    assert fingerprint(got) == fingerprint(want), f"{FIGURES[-1]}\n" + diff(want, got)
    if not finished_first:
        # CONTRACT.md: "errors go to stderr in one line that says what was wrong and where"
        lines = [x for x in err.strip().splitlines() if x.strip()]
        assert "Traceback" not in err, err[-1500:]
        noise = [x for x in lines if not x.startswith("innograph ")]
        assert noise == [], f"{len(noise)} driver log lines on stderr besides the error: {noise[:3]}"


def teardown_module(module):
    if FIGURES:
        print("\nNeo4j SIGKILL points:")
        for f in FIGURES:
            print(f"  #{f['point']}: killed after {f['killed_after_s']} s with {f['documents_at_kill']}/{f['total']} "
                  f"documents (target {f['target']}); ingest exit {f['ingest_exit']}; restart {f['restart_s']} s")

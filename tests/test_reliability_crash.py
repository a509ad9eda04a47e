"""Crashes mid-ingest (ISSUE 8, item 1): ``innograph ingest`` killed with SIGKILL at random (seeded)
points, on both stores, then run again: the export equals a clean run's, no node is duplicated (by
id, by label and normalised name, by shared match key), and SQLite's integrity check is ok.

``make test`` kills at 3 points on SQLite and 2 on Neo4j; ``make soak`` (``-m slow``) at 10 on each.
Killing Neo4j itself mid-ingest is in tests/test_soak.py.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from support import open_neo4j, regfile, require_store
from support.graphcheck import diff, duplicates, export_dict, fingerprint, neo4j_duplicate_ids
from support.ingestproc import child_env, doc_count, ingest_cmd, run_ingest

from graph.store import open_store

RECORDS = {"sqlite": int(os.environ.get("CRASH_RECORDS_SQLITE", "1500")),
           "neo4j": int(os.environ.get("CRASH_RECORDS_NEO4J", "600"))}
QUICK_POINTS = {"sqlite": 3, "neo4j": 2}
SOAK_POINTS = 10
FIGURES: list[dict] = []


def kill_mid_ingest(kind, store, cwd: Path, files, uri: str, rng: random.Random, total: int) -> dict:
    """Start an ingest and SIGKILL it at a random point: once a random share (5-90%) of the clean
    run's documents is stored, after a further random 0-200 ms (so that some kills land inside a
    transaction, some between two)."""
    target = max(1, int(total * rng.uniform(0.05, 0.9)))
    jitter = rng.uniform(0.0, 0.2)
    proc = subprocess.Popen(ingest_cmd(files, uri), cwd=cwd, env=child_env(cwd), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        while proc.poll() is None and doc_count(kind, store, uri) < target and time.monotonic() - started < 600:
            time.sleep(0.03)
        deadline = time.monotonic() + jitter
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        finished_first = proc.poll() is not None
        if not finished_first:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return {"target": target, "killed_after_s": round(time.monotonic() - started, 2),
            "finished_before_kill": finished_first, "returncode": proc.returncode,
            "documents_at_kill": doc_count(kind, store, uri)}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """One registrations corpus per store kind (sizes: RECORDS), in its own working directory."""
    out = {}
    for kind, n in RECORDS.items():
        cwd = tmp_path_factory.mktemp(f"crash-{kind}")
        out[kind] = (cwd, regfile.write_corpus(cwd / "regs", n, seed=8))
    return out


_CLEAN: dict[str, tuple[dict, float, int]] = {}


def fresh_uri(kind, store, tmp_path, point) -> str:
    if kind == "sqlite":
        return "sqlite:///" + str(tmp_path / f"point-{point}.db")
    store.clear()
    return store.uri


def clean_run(kind, store, corpora, tmp_path) -> tuple[dict, float, int]:
    """The export, duration and document count of an uninterrupted ingest (once per module and store)."""
    if kind not in _CLEAN:
        cwd, files = corpora[kind]
        uri = fresh_uri(kind, store, tmp_path, "clean")
        t0 = time.monotonic()
        run_ingest(cwd, [f.relative_to(cwd) for f in files], uri)
        seconds = time.monotonic() - t0
        with open_store(uri) as s:
            data = export_dict(s)
        assert data["nodes"] and data["edges"] and data["documents"]
        assert duplicates(data) == {"by_id": [], "by_name": [], "by_key": []}, duplicates(data)
        _CLEAN[kind] = (data, seconds, len(data["documents"]))
    return _CLEAN[kind]


def check_point(kind, store, corpora, tmp_path, point: int, seed: int) -> None:
    clean, _seconds, total = clean_run(kind, store, corpora, tmp_path)
    cwd, files = corpora[kind]
    rel = [f.relative_to(cwd) for f in files]
    uri = fresh_uri(kind, store, tmp_path, point)
    rng = random.Random(f"{seed}-{kind}-{point}")
    info = kill_mid_ingest(kind, store, cwd, rel, uri, rng, total)
    again = run_ingest(cwd, rel, uri)
    with open_store(uri) as s:
        data = export_dict(s)
        if kind == "sqlite":
            assert s.integrity_check() == "ok"
            assert s._q("PRAGMA foreign_key_check") == []
        else:
            assert neo4j_duplicate_ids(s) == []
    FIGURES.append({"store": kind, "point": point, **info, "total_documents": total,
                    "rerun_summary_tail": again.stdout.strip()[-200:]})
    assert duplicates(data) == {"by_id": [], "by_name": [], "by_key": []}, duplicates(data)
    assert fingerprint(data) == fingerprint(clean), f"kill point {info}:\n" + diff(clean, data)


def _points(kind_points: dict):
    return [pytest.param(kind, p, id=f"{kind}-{p}", marks=[pytest.mark.neo4j] if kind == "neo4j" else [])
            for kind, n in kind_points.items() for p in range(n)]


@pytest.fixture
def kind_store(request, tmp_path, monkeypatch):
    """(kind, store): like conftest's ``store`` but chosen by the test's own parameter."""
    kind = request.node.callspec.params["kind"]
    require_store(request, kind)
    s = open_store("sqlite:///" + str(tmp_path / "probe.db")) if kind == "sqlite" else open_neo4j(request, monkeypatch)
    yield kind, s
    s.close()


@pytest.mark.parametrize("kind, point", _points(QUICK_POINTS))
def test_sigkill_mid_ingest_then_ingest_again_equals_a_clean_run(kind_store, corpora, tmp_path, kind, point):
    check_point(kind, kind_store[1], corpora, tmp_path, point, seed=20241)


@pytest.mark.slow
@pytest.mark.parametrize("kind, point", _points({"sqlite": SOAK_POINTS, "neo4j": SOAK_POINTS}))
def test_sigkill_mid_ingest_soak(kind_store, corpora, tmp_path, kind, point):
    check_point(kind, kind_store[1], corpora, tmp_path, point, seed=77)


def teardown_module(module):
    if FIGURES:
        print("\ncrash points:")
        for f in FIGURES:
            print(f"  {f['store']:6} #{f['point']}: killed after {f['killed_after_s']} s "
                  f"(exit {f['returncode']}, finished first: {f['finished_before_kill']}), "
                  f"{f['documents_at_kill']}/{f['total_documents']} documents stored at the kill (target {f['target']})")


LABELS = [{"record_type": "membership", "member": "Jilin", "member_type": "Region", "programme": "Innovation China",
           "role": "member"},
          {"record_type": "membership", "member": "Jilin", "member_type": "City", "programme": "Innovation China",
           "role": "pilot"},
          {"record_type": "project", "title": "Photonics Platform", "participants": ["Jilin", "Zhejiang University"]}]


def test_resuming_an_interrupted_ingest_gives_the_clean_runs_graph(store, tmp_path):
    """The case the kill points above exposed on Neo4j (tests/test_soak.py), without a kill: an ingest
    interrupted after records 1-2 of a file were committed, then run again, gives the graph of an
    uninterrupted run. Record 3 names a bare participant "Jilin": an uninterrupted run labels it from
    this run's earlier records (Region, record 1 came first); the resumed run skips records 1-2 as
    unchanged yet still learns their labels, so it labels "Jilin" a Region too (asking the store
    instead would give the City, and another edge)."""
    import json

    from ingest import ingest_paths

    lines = [json.dumps(r) for r in LABELS]
    work = tmp_path / "work"
    work.mkdir()
    regs = work / "regs.jsonl"
    with open_store("sqlite:///" + str(tmp_path / "clean.db")) as clean:
        regs.write_text("\n".join(lines) + "\n")
        ingest_paths(clean, [regs], rejects_path=os.devnull, root=work)
        want = export_dict(clean)
    regs.write_text("\n".join(lines[:2]) + "\n")  # the state an interruption after record 2 leaves
    ingest_paths(store, [regs], rejects_path=os.devnull, root=work)
    regs.write_text("\n".join(lines) + "\n")
    again = ingest_paths(store, [regs], rejects_path=os.devnull, root=work)
    assert again["unchanged"] == 2 and again["ingested"] == 1
    got = export_dict(store)
    assert fingerprint(got) == fingerprint(want), diff(want, got)

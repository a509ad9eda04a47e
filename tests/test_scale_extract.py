"""Extraction at scale on a real Dask cluster (CONTRACT.md "Extraction at scale"): a LocalCluster of
2 worker processes started here, on our own sample articles (data/sample/news); the partition
files equal those of ``--engine local``; the pipeline is loaded once per worker; ``ingest DIR`` of
the output gives the graph that ingest of the articles gives; a worker killed mid-run does not stop
the job, and a rerun completes a partial output without duplicates."""
from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from api.cli import main  # noqa: E402
from extract.engines import run_extract  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "news"


@pytest.fixture(scope="module")
def cluster():
    """A real local Dask cluster: 2 worker processes, one thread each."""
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as c, distributed.Client(c) as client:
        yield c.scheduler_address, client


def _write_corpus(base: Path) -> Path:
    """base/news: the sample articles plus two bad documents."""
    news = base / "news"
    shutil.copytree(SAMPLE, news)
    (news / "05b_empty.txt").write_text("  \n")
    (news / "07b_binary.txt").write_bytes(b"\x00\x01\x02binary")
    return news


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """The sample articles plus two bad documents, under the working directory (names relative)."""
    monkeypatch.chdir(tmp_path)
    return _write_corpus(tmp_path)


def _parts(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("part-*.extract.jsonl"))}


def _export(store_uri: str, tmp_path: Path, name: str) -> str:
    out = tmp_path / f"{name}.json"
    assert main(["export", "--store", store_uri, "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def local_out(tmp_path_factory):
    """``--engine local``'s output (and summary) of the corpus, extracted once for the module from a
    corpus of its own, under the same relative names as each test's ``corpus``; the tests only read
    it (or copy it)."""
    base = tmp_path_factory.mktemp("local")
    _write_corpus(base)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        s = run_extract(["news"], base / "local", engine="local", partition_docs=3)
    return base / "local", s


def test_dask_output_equals_local_and_pipeline_loads_once_per_worker(cluster, corpus, local_out, tmp_path, capsys):
    address, client = cluster
    out = tmp_path / "dask"
    with distributed.get_task_stream(client) as stream:
        s = run_extract(["news"], out, engine="dask", address=address, partition_docs=3)
    # the partitions ran in both worker processes (not in this one, not all in one worker)
    ran = {t["worker"] for t in stream.data if str(t["key"]).startswith("innograph-extract")}
    assert ran == set(client.scheduler_info()["workers"]), ran
    assert (s["documents"], s["good"], s["bad"], s["partitions"]) == (14, 12, 2, 5)
    assert _parts(out) == _parts(local_out[0])
    assert {k: local_out[1][k] for k in ("good", "bad", "words")} == {k: s[k] for k in ("good", "bad", "words")}
    err = capsys.readouterr().err
    assert "extract: news/05b_empty.txt: empty document" in err and "news/07b_binary.txt" in err
    # one pipeline per worker process, not one per document or partition
    from extract.pipeline import load_pipeline

    loads = client.run(lambda: load_pipeline.cache_info().misses)
    assert sorted(loads.values()) == [1, 1], loads
    first = json.loads(next(iter(_parts(out).values())).splitlines()[0])
    assert {"document", "entities", "relations", "name", "id", "sha256"} <= set(first)


def test_ingest_of_the_output_equals_ingest_of_the_articles(corpus, local_out, tmp_path):
    a, b = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert main(["ingest", "news", "--store", a, "--quiet"]) == 0
    assert main(["ingest", str(local_out[0]), "--store", b, "--quiet", "--json"]) == 0
    assert _export(a, tmp_path, "a") == _export(b, tmp_path, "b")
    # again: nothing changes (idempotent), and the rejects are the same documents
    assert main(["ingest", str(local_out[0]), "--store", b, "--quiet"]) == 0
    assert _export(a, tmp_path, "a") == _export(b, tmp_path, "b2")


def test_ingest_dir_resumes_after_an_interruption(corpus, local_out, tmp_path):
    b = f"sqlite:///{tmp_path / 'b.db'}"
    half = tmp_path / "half"
    half.mkdir()
    for p in sorted(local_out[0].glob("part-*"))[:2]:
        shutil.copy(p, half)
    main(["ingest", str(half), "--store", b, "--quiet"])
    from graph.store import open_store
    from ingest import ingest_paths

    with open_store(b) as store:
        s = ingest_paths(store, [str(local_out[0])], rejects_path=os.devnull)
    done = sum(1 for p in half.glob("part-*") for line in p.read_text().splitlines() if '"error"' not in line)
    assert (s["unchanged"], s["ingested"], s["unreadable"]) == (done, 12 - done, 2), s
    a = f"sqlite:///{tmp_path / 'a.db'}"
    main(["ingest", "news", "--store", a, "--quiet"])
    assert _export(a, tmp_path, "a") == _export(b, tmp_path, "b")


def test_a_rerun_completes_a_partial_output_without_duplicates(corpus, local_out, tmp_path, capsys):
    out = tmp_path / "partial"
    shutil.copytree(local_out[0], out)
    names = sorted(p.name for p in out.glob("part-*"))
    for n in names[1:3]:
        (out / n).unlink()
    (out / ".part-00004.extract.jsonl.123.tmp").write_text("half a file")  # a write cut short
    assert main(["extract", "news", "--engine", "local", "--out", str(out), "--partition-size", "3"]) == 0
    assert "(2 written, 3 already done)" in capsys.readouterr().err
    assert _parts(out) == _parts(local_out[0])


def test_a_worker_killed_mid_run_does_not_stop_the_job(cluster, corpus, local_out, tmp_path):
    address, client = cluster
    # more partitions than workers, so that the kill lands while work is in flight (one document a
    # partition: 26 partitions of 26 documents)
    for p in SAMPLE.glob("*.txt"):
        shutil.copy(p, corpus / f"{p.stem}_copy0.txt")
    expected = tmp_path / "expected"
    want = run_extract(["news"], expected, engine="local", partition_docs=1)
    out = tmp_path / "killed"
    result, failure = {}, []

    def job():
        try:
            result.update(run_extract(["news"], out, engine="dask", address=address, partition_docs=1))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            failure.append(exc)

    t = threading.Thread(target=job)
    t.start()
    deadline = time.monotonic() + 60
    while not list(out.glob("part-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    t.join(120)
    assert not t.is_alive()
    if failure:  # allowed: one clear line; then a rerun completes the output
        assert "rerun" in str(failure[0]) and "\n" not in str(failure[0])
        result.update(run_extract(["news"], out, engine="dask", address=address, partition_docs=1))
    assert want["partitions"] > 20 and (result["partitions"], result["good"]) == (want["partitions"], want["good"])
    assert _parts(out) == _parts(expected)
    client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker


def test_engine_errors_are_one_line(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("INNOGRAPH_DASK_TIMEOUT", "2")
    assert main(["extract", "news", "--engine", "dask", "--address", "tcp://127.0.0.1:9", "--out",
                 str(tmp_path / "x")]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot reach the Dask scheduler" in err[0], err
    assert main(["extract", "news", "--engine", "local"]) == 2
    assert "--out DIR is required" in capsys.readouterr().err

"""Bulk first loads (``innograph ingest DIR --bulk``) end in the graph ``innograph ingest DIR`` makes:
export equal, and the same internal index (match keys, evidence sources, mentions), so that later
ingests, retractions and queries behave alike. Neo4j both ways: concurrent batched transactions
into the running server, and the files of ``neo4j-admin database import`` imported by the Neo4j
import tool (from the Maven jars of scripts/neo4j) into a database that is then started."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import open_neo4j, require_store, unavailable

from api.cli import main
from extract.engines import run_extract
from graph.ids import make_id
from graph.store import open_store
from ingest import ingest_paths
from ingest.bulk import bulk_ingest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample" / "news"
LOCAL = REPO / "scripts" / "neo4j-local"
# the import tool and the server that serves its database are short-lived and hold a few hundred nodes:
# a small instance with C1-only JIT starts in about a third of the time (settings in the environment win)
SMALL = {"NEO4J_LOCAL_HEAP": "512m", "NEO4J_LOCAL_PAGECACHE_MB": "64", "NEO4J_LOCAL_JVM_OPTS": "-XX:TieredStopAtLevel=1"}


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    """The sample articles' extraction output, named relative to a working directory ``base``."""
    base = tmp_path_factory.mktemp("bulk")
    (base / "news").mkdir()
    for p in sorted(SAMPLE.iterdir())[:7]:  # enough for entities shared across documents; keeps Neo4j fast
        shutil.copy(p, base / "news" / p.name)
    (base / "news" / "zz_empty.txt").write_text(" ")
    cwd = os.getcwd()
    os.chdir(base)
    try:
        run_extract(["news"], base / "parts", engine="local", partition_docs=5)
    finally:
        os.chdir(cwd)
    _merging_records(base / "parts" / "merges.extract.jsonl")
    return base / "parts"


def _merging_records(path: Path) -> None:
    """Two extraction records whose entities resolution's second pass merges ("Tsinghua" is
    "Tsinghua University"): a merge and its explanation (a note) that the bulk paths must keep."""
    def record(name, ents, rels):
        ids = [make_id(t, n) for n, t in ents]
        return {"document": name, "name": name, "title": name, "sha256": hashlib.sha256(name.encode()).hexdigest(),
                "entities": [{"id": i, "name": n, "type": t, "mentions": [n]} for i, (n, t) in zip(ids, ents)],
                "relations": [{"source_id": ids[a], "target_id": ids[b], "type": ty, "evidence": s, "confidence": 0.9,
                               "extractor": "test", "properties": props} for a, ty, b, s, props in rels]}
    jinlun = ("Jiaxing Jinlun Textile Co., Ltd.", "Organisation")
    recs = [record("merges/a.txt", [("Tsinghua University", "Organisation"), jinlun],
                   [(0, "COOPERATES_WITH", 1, "Tsinghua University works with Jiaxing Jinlun Textile.",
                     {"valid_from": "2021-03-01"})]),
            record("merges/b.txt", [("Tsinghua", "Organisation"), jinlun, ("Jiaxing", "City")],
                   [(0, "COOPERATES_WITH", 1, "Tsinghua signed with Jiaxing Jinlun Textile.", {}),
                    (1, "LOCATED_IN", 2, "Jinlun Textile is in Jiaxing.", {})])]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")


def _export(store) -> str:
    import io

    buf = io.StringIO()
    store.export("json", buf)
    return buf.getvalue()


def _index(store) -> dict:
    """What the Neo4j store keeps beside the exported graph: keys, evidence sources, mentions."""
    with store._session() as s:
        def rows(q):
            return sorted(tuple(json.dumps(v, sort_keys=True) for v in r.values()) for r in s.run(q))
        return {
            "keys": rows("MATCH (k:_Key)-[:_KEY_OF]->(n:Entity) RETURN k.label, k.key, n.id"),
            "orphan_keys": rows("MATCH (k:_Key) WHERE NOT (k)-[:_KEY_OF]->() RETURN k.key"),
            "sources": rows("MATCH (s:_EvSource) RETURN s.id, s.rels"),
            "mentions": rows("MATCH (d:Document)-[:MENTIONS]->(n) RETURN d.id, n.id"),
            "labels": rows("MATCH (n:Entity) RETURN n.id, labels(n), properties(n)"),
            "rels": rows("MATCH (a)-[r]->(b) WHERE a:Entity AND b:Entity RETURN a.id, type(r), b.id, properties(r)"),
            "documents": rows("MATCH (d:Document) RETURN properties(d)"),
            "meta": rows("MATCH (m:_Meta) RETURN properties(m)"),
        }


def _normalised(index: dict) -> dict:
    # A document's evidence index is the set of relation keys of its _EvSource nodes (the write path
    # appends one node per document and write, the bulk paths write one per document); only keys of
    # relations that exist count: the incremental write path's merge leaves the key a relation had
    # before its endpoint was merged away (it points nowhere; the bulk path writes the index of the
    # final graph)
    out = dict(index)
    live = {json.dumps([json.loads(a), json.loads(t), json.loads(b)], ensure_ascii=False)
            for a, t, b, *_ in index["rels"]}
    by_doc: dict[str, set] = {}
    for d, keys in index["sources"]:
        by_doc.setdefault(d, set()).update(k for k in json.loads(keys) if k in live)
    out["sources"] = sorted((d, json.dumps(sorted(keys))) for d, keys in by_doc.items())
    return out


def test_bulk_into_the_embedded_store_equals_ingest(parts, tmp_path):
    a, b = open_store(f"sqlite:///{tmp_path / 'a.db'}"), open_store(f"sqlite:///{tmp_path / 'b.db'}")
    with a, b:
        s1 = ingest_paths(a, [str(parts)], rejects_path=os.devnull)
        s2 = bulk_ingest(b, [str(parts)], rejects_path=os.devnull)
        assert _export(a) == _export(b)
        assert json.loads(_export(b))["reviews"]["merge"]  # the merge's explanation came along
        assert s2["resolution_merges"] == s1["resolution_merges"]
        assert {k: s1[k] for k in ("read", "ingested", "unreadable", "relations_added")} == \
               {k: s2[k] for k in ("read", "ingested", "unreadable", "relations_added")}
        with pytest.raises(Exception, match="empty store only"):
            bulk_ingest(b, [str(parts)], rejects_path=os.devnull)


@pytest.mark.neo4j
def test_bulk_into_neo4j_equals_ingest(parts, request, monkeypatch):
    require_store(request, "neo4j")
    store = open_neo4j(request, monkeypatch)
    with store:
        store.clear()
        ingest_paths(store, [str(parts)], rejects_path=os.devnull)
        want, want_index = _export(store), _normalised(_index(store))
        store.clear()
        s = bulk_ingest(store, [str(parts)], rejects_path=os.devnull)
        assert s["bulk"]["relations"] == s["relations_added"] > 30
        assert _export(store) == want
        assert _normalised(_index(store)) == want_index
        # it behaves as an ingested store afterwards: a re-ingest changes nothing, a retraction works
        again = ingest_paths(store, [str(parts)], rejects_path=os.devnull)
        assert again["ingested"] == 0 and again["unchanged"] == s["ingested"]
        store.clear()


def _retracted(store, parts, load, doc) -> str:
    load(store, [str(parts)], rejects_path=os.devnull)
    store.retract_document(doc)
    return _export(store)


# a document that stated a property (valid_from) of a relation another document backs too: what
# its retraction recomputes from the documents' records, which the bulk load keeps as ingest does
RETRACTED = "document:merges/a.txt"


def test_a_retraction_after_a_bulk_load_into_the_embedded_store_equals_one_after_ingest(parts, tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as a, open_store(f"sqlite:///{tmp_path / 'b.db'}") as b:
        want = _retracted(a, parts, ingest_paths, RETRACTED)
        assert RETRACTED not in {d["id"] for d in json.loads(want)["documents"]}
        assert _retracted(b, parts, bulk_ingest, RETRACTED) == want


@pytest.mark.neo4j
def test_a_retraction_after_a_bulk_load_equals_one_after_ingest(parts, request, monkeypatch):
    require_store(request, "neo4j")
    store = open_neo4j(request, monkeypatch)
    with store:
        store.clear()
        after_bulk = _retracted(store, parts, bulk_ingest, RETRACTED)
        store.clear()
        try:
            assert _retracted(store, parts, ingest_paths, RETRACTED) == after_bulk
        finally:
            store.clear()


@pytest.mark.neo4j
@pytest.mark.parametrize("trim", [True, False], ids=["trimmed", "untrimmed"])
def test_neo4j_admin_import_of_the_bulk_files_equals_ingest(parts, tmp_path, request, monkeypatch, trim):
    """Both forms of the import files (graph/store/neo4j_import.py): for ``--trim-strings`` (one-item
    lists of "" as a blank cell, nothing restored at first open) and without it (restored then)."""
    require_store(request, "neo4j")
    from graph.store import neo4j_import

    monkeypatch.setattr(neo4j_import, "write_import_files",
                        functools.partial(neo4j_import.write_import_files, trim=trim))
    if not shutil.which("java") or not shutil.which("mvn"):
        unavailable("the Neo4j import tool needs java and mvn (scripts/neo4j-local)")
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as a:
        ingest_paths(a, [str(parts)], rejects_path=os.devnull)
        want = _export(a)
    files, data, state = tmp_path / "import", tmp_path / "db", tmp_path / "state"
    assert main(["ingest", str(parts), "--import-files", str(files), "--quiet"]) == 0
    assert (files / "import.args").is_file()
    assert json.loads((files / "counts.json").read_text())["trimmed"] is trim
    blanks = sum(p.read_text(encoding="utf-8").count('," "') for p in files.glob("relations-*.csv"))
    assert (blanks > 0) is trim  # the merging records' evidence has no date: lists of one ""
    env = {**SMALL, **os.environ}
    subprocess.run([str(LOCAL), "import", "--data-dir", str(data), str(files)], check=True, timeout=300, env=env)
    uri = subprocess.run([str(LOCAL), "start", "--state-dir", str(state), "--data-dir", str(data)], check=True,
                         capture_output=True, text=True, timeout=300, env=env).stdout.strip().splitlines()[-1]
    try:
        with open_store(uri) as store:
            assert _export(store) == want
            got = _normalised(_index(store))
            store.clear()
            ingest_paths(store, [str(parts)], rejects_path=os.devnull)
            assert got == _normalised(_index(store))
    finally:
        subprocess.run([str(LOCAL), "stop", "--state-dir", str(state)], check=False, timeout=120, env=env)

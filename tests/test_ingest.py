"""``innograph ingest`` on both stores: registrations and news into one graph, validation with a
rejects file, idempotent and incremental re-ingest, and the command line end to end (ISSUE 4)."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import BadInput
from graph.model import Batch, Entity
from ingest import ingest_paths, ingest_upload
from ingest.report import exit_status, rejects_path_for

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "ingest"
SAMPLE = REPO / "data" / "sample"

EXPERTS = ("record_type,id,name,affiliation,title,city,region,fields\n"
           "expert,X1,Shen Mingyu,Zhejiang University,professor,Hangzhou,Zhejiang province,robotics;big data\n"
           "expert,X2,Fang Zhiyuan,\"Yangtze Delta Region Institute of Tsinghua University, Zhejiang\",deputy dean,"
           "Jiaxing,Zhejiang province,photonics\n"
           "expert,X3,Lu Qingyun,Tianjin University,researcher,Tianjin,Tianjin,robotics\n")

NEWS = ("Jiaxing institute signs pact\n\n"
        "The Jiaxing Association for Science and Technology signed a cooperation agreement on Friday with the "
        "Yangtze Delta Region Institute of Tsinghua University. Fang Zhiyuan, deputy dean of the Yangtze Delta "
        "Region Institute of Tsinghua University, attended the ceremony in Jiaxing.\n")


def run(store, tmp_path, *paths, **kw):
    kw.setdefault("rejects_path", tmp_path / "rejects.jsonl")
    kw.setdefault("root", tmp_path)
    return ingest_paths(store, [str(p) for p in paths], **kw)


def export(store) -> str:
    buf = io.StringIO()
    store.export("json", buf)
    return buf.getvalue()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def evidence_of(store, doc_id: str) -> list[tuple]:
    return sorted((r.key, e.sentence) for r in store.iter_relations() for e in r.evidence if e.document == doc_id)


# ---- validation: good and bad rows of one file -----------------------------------------------------
def test_mixed_file_ingests_the_good_rows_and_rejects_the_bad(store, tmp_path):
    s = run(store, tmp_path, DATA / "mixed.csv", DATA / "mixed.jsonl")
    assert (s["files"], s["read"], s["ingested"], s["rejected"]) == (2, 12, 4, 8)
    assert exit_status(s) == 0
    rejects = [json.loads(x) for x in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    where = [(Path(r["file"]).name, r["line"]) for r in rejects]
    assert where == [("mixed.csv", 3), ("mixed.csv", 4), ("mixed.csv", 5), ("mixed.jsonl", 2), ("mixed.jsonl", 3),
                     ("mixed.jsonl", 4), ("mixed.jsonl", 5), ("mixed.jsonl", 6)]
    assert rejects[0]["reason"] == "missing required field 'name'" and rejects[0]["record"]["id"] == "M2"
    assert "unknown record_type 'patent'" in rejects[1]["reason"]
    assert "unknown member_type 'Planet'" in rejects[3]["reason"]
    assert all(set(r) >= {"file", "line", "reason", "record"} for r in rejects)
    assert {e.name for e in store.iter_entities(["Person"])} == {"Shen Mingyu", "Ma Lihua"}
    coop = store.get_relations([("city:changchun", "COOPERATES_WITH", "city:hangzhou")])
    assert list(coop.values())[0].properties["date"] == "2021-08-26"  # 长春 is Changchun


def test_unreadable_files_and_missing_paths(store, tmp_path):
    s = run(store, tmp_path, DATA / "binary.csv", DATA / "not_json.json", DATA / "semicolon_delimited.csv",
            tmp_path / "nope.csv")
    assert (s["unreadable"], s["ingested"], exit_status(s)) == (4, 0, 2)
    assert any(r["reason"] == "no such file or directory" for r in s["rejects"])
    empty = tmp_path / "empty"
    empty.mkdir()
    assert exit_status(run(store, tmp_path, empty)) == 1


def test_json_file_broken_half_way_keeps_the_records_before(store, tmp_path):
    s = run(store, tmp_path, DATA / "broken.json")
    assert (s["ingested"], s["rejected"], s["rejects"][0]["line"]) == (2, 1, 6)
    parts = {r.source for r in store.iter_relations(["PARTICIPATES_IN"])}
    assert parts == {"organisation:zhejiang-university", "person:gu-shiqiang", "city:jiaxing"}


# ---- each CSV habit ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name, records, persons", [
    ("bom.csv", 1, {"Shen Mingyu"}),
    ("crlf.csv", 2, {"Shen Mingyu", "Lu Qingyun"}),
    ("quoted.csv", 3, {"Fang Zhiyuan", 'Wang "Bill" Wei', "Ke Jun"}),
    ("blank_lines.csv", 2, {"Shen Mingyu", "Lu Qingyun"}),
    ("repeated.csv", 2, {"Shen Mingyu", "Lu Qingyun"}),
    ("chinese.csv", 2, {"林晓峰", "钱慧敏"}),
    ("gb18030.csv", 1, {"邵建平"}),
    ("all_habits.csv", 3, {"Fang Zhiyuan", "林晓峰", "Shen Mingyu"}),
])
def test_csv_habits(store, tmp_path, name, records, persons):
    s = run(store, tmp_path, DATA / name)
    assert (s["ingested"], s["rejected"], s["unreadable"]) == (records, 0, 0)
    assert {e.name for e in store.iter_entities(["Person"])} == persons
    names = [e.name for e in store.iter_entities()]
    assert not any("\r" in n or "\ufeff" in n or n != n.strip() for n in names)
    if name in ("repeated.csv", "all_habits.csv"):
        assert s["duplicates"] == (2 if name == "repeated.csv" else 1)
        assert store.stats()["documents"] == records  # a repeated row is no document of its own ...
        for rel in store.iter_relations():  # ... and no second piece of evidence
            assert len(rel.evidence) == len({e.document for e in rel.evidence}) == rel.weight
        shen = store.get_relations([("person:shen-mingyu", "FOCUSES_ON", "topic:robotics")])
        assert [len(r.evidence) for r in shen.values()] == [1]
    if name == "quoted.csv":
        org = store.get("Yangtze Delta Region Institute of Tsinghua University, Zhejiang", "Organisation")
        assert org is not None and org.id == store.get("Yangtze Delta Region Institute of Tsinghua University").id
    if name == "chinese.csv":
        assert store.get("嘉兴").id == "city:jiaxing"
        assert store.get("浙江大学").id == "organisation:zhejiang-university"


def test_semicolon_lists_become_one_edge_each(store, tmp_path):
    run(store, tmp_path, DATA / "lists.csv")
    needs = sorted((r.source, r.target) for r in store.iter_relations(["NEEDS"]))
    assert needs == [("organisation:huzhou-lvyuan-environmental-technology-co", "topic:environmental-protection"),
                     ("organisation:huzhou-lvyuan-environmental-technology-co", "topic:new-energy"),
                     ("organisation:jiaxing-hengtai-new-materials-co-ltd", "topic:integrated-circuits"),
                     ("organisation:jiaxing-hengtai-new-materials-co-ltd", "topic:new-materials"),
                     ("organisation:jiaxing-hengtai-new-materials-co-ltd", "topic:photonics")]


# ---- idempotent and incremental ---------------------------------------------------------------------
def test_second_ingest_changes_nothing(store, tmp_path):
    news = write(tmp_path / "news" / "a.txt", "A pact\n\nAlpha Institute cooperates with Beta University.\n")
    paths = (SAMPLE / "registrations", DATA / "all_habits.csv", DATA / "mixed.csv", news)
    first = run(store, tmp_path, *paths)
    assert first["ingested"] == 169 + 3 + 2 + 1 and first["unchanged"] == 0
    assert evidence_of(store, "document:news/a.txt") == [
        (("organisation:alpha-institute", "COOPERATES_WITH", "organisation:beta-university"),
         "Alpha Institute cooperates with Beta University.")]
    before = export(store)
    changes = getattr(getattr(store, "db", None), "total_changes", None)
    second = run(store, tmp_path, *paths)
    assert (second["ingested"], second["unchanged"], second["replaced"], second["retracted"]) == (0, 175, 0, 0)
    assert (second["duplicates"], second["rejected"]) == (first["duplicates"], first["rejected"])
    assert (second["entities_added"], second["relations_added"], second["documents_added"]) == (0, 0, 0)
    assert export(store) == before
    if changes is not None:
        assert store.db.total_changes == changes  # not a single row written


def test_changed_article_replaces_its_evidence(store, tmp_path):
    a = write(tmp_path / "a.txt", "Pact\n\nAlpha Institute cooperates with Beta University.\n"
                                  "Gamma Lab cooperates with Beta University.\n")
    write(tmp_path / "b.txt", "Other\n\nGamma Lab cooperates with Beta University.\n")
    s = run(store, tmp_path, tmp_path)
    assert s["ingested"] == 2
    doc = store.get_document("document:a.txt")
    old_sha = doc.sha256
    write(a, "Pact, revised\n\nAlpha Institute cooperates with Beta University.\n"
             "Delta Co. cooperates with Beta University.\n")
    s = run(store, tmp_path, tmp_path)
    assert (s["ingested"], s["replaced"], s["unchanged"]) == (1, 1, 1)
    doc = store.get_document("document:a.txt")
    assert doc.sha256 != old_sha and doc.title == "Pact, revised"
    ev = evidence_of(store, "document:a.txt")
    assert [k for k, _ in ev] == [
        ("organisation:alpha-institute", "COOPERATES_WITH", "organisation:beta-university"),
        ("organisation:beta-university", "COOPERATES_WITH", "organisation:delta-co")]
    alpha = store.get_relations([ev[0][0]])[ev[0][0]]
    assert [(e.document, e.start) for e in alpha.evidence] == [("document:a.txt", 15)]  # one item, new span
    gamma = store.get_relations([("organisation:beta-university", "COOPERATES_WITH", "organisation:gamma-lab")])
    [rel] = gamma.values()  # still backed by b.txt, no longer by a.txt
    assert [e.document for e in rel.evidence] == ["document:b.txt"]


def test_changed_and_removed_rows_replace_and_retract_their_records(store, tmp_path):
    f = write(tmp_path / "experts.csv", EXPERTS)
    assert run(store, tmp_path, f)["ingested"] == 3
    write(f, EXPERTS.replace("professor", "dean").rsplit("expert,X3", 1)[0])
    s = run(store, tmp_path, f)
    assert (s["read"], s["unchanged"], s["ingested"], s["replaced"], s["retracted"]) == (2, 1, 1, 1, 1)
    hold = store.get_relations([("person:shen-mingyu", "HOLDS_POSITION", "organisation:zhejiang-university")])
    assert list(hold.values())[0].properties == {"title": "dean"}
    assert store.get("Lu Qingyun") is None and store.get_document("document:experts.csv:4") is None
    assert store.get("Tianjin University") is None  # nothing else named it


def test_rows_moved_to_other_lines_are_re_recorded_at_their_new_lines(store, tmp_path):
    f = write(tmp_path / "experts.csv", EXPERTS)
    run(store, tmp_path, f)
    head, rest = EXPERTS.split("\n", 1)
    write(f, head + "\nexpert,X0,Ma Lihua,Hefei University of Technology,professor,Hefei,Anhui province,robotics\n" + rest)
    s = run(store, tmp_path, f)
    assert (s["read"], s["ingested"], s["replaced"], s["unchanged"], s["retracted"]) == (4, 4, 3, 0, 0)
    [doc] = store.documents_mentioning("person:lu-qingyun")
    assert doc.title == "experts.csv:5"


def test_the_same_content_under_another_name_is_unchanged(store, tmp_path):
    """Run from another directory, the names differ; the stored content is recognised all the same."""
    write(tmp_path / "corpus" / "news" / "a.txt", "Pact\n\nAlpha Institute cooperates with Beta University.\n")
    write(tmp_path / "corpus" / "registrations" / "experts.csv", EXPERTS)
    assert run(store, tmp_path, tmp_path / "corpus")["ingested"] == 4
    before = export(store)
    s = run(store, tmp_path, tmp_path / "corpus", root=tmp_path / "corpus")
    assert (s["ingested"], s["unchanged"]) == (0, 4)
    assert export(store) == before


def test_a_record_the_store_refuses_costs_only_itself(store, tmp_path):
    store.upsert(Batch([Entity.new("Organisation", "Jiaxing Science Association", aliases=["JSA"])]))
    f = write(tmp_path / "coops.csv", "record_type,party_a,party_a_type,party_b,party_b_type\n"
                                      "cooperation,Hangzhou,City,Changchun,City\n"
                                      "cooperation,Jiaxing Science Association,Organisation,JSA,Organisation\n"
                                      "cooperation,Huzhou,City,Jilin city,City\n")
    s = run(store, tmp_path, f)
    assert (s["ingested"], s["rejected"]) == (2, 1)
    assert s["rejects"][0]["line"] == 3 and "refused by the store" in s["rejects"][0]["reason"]
    assert len(list(store.iter_relations(["COOPERATES_WITH"]))) == 2


# ---- one graph: registrations meet the news ------------------------------------------------------
@pytest.mark.parametrize("order", ["news first", "registrations first"])
def test_registration_and_news_resolve_to_the_same_nodes(store, tmp_path, order):
    news = write(tmp_path / "news" / "pact.txt", NEWS)
    reg = write(tmp_path / "registrations" / "experts.csv", EXPERTS)
    s = run(store, tmp_path, *((news, reg) if order == "news first" else (reg, news)))
    assert (s["ingested"], s["rejected"]) == (4, 0)
    orgs = [e for e in store.iter_entities(["Organisation"]) if "Yangtze" in e.name]
    assert len(orgs) == 1, orgs
    org = orgs[0]
    kinds = {d.kind for d in store.documents_mentioning(org.id)}
    assert kinds == {"news", "registration"}
    [person] = [e for e in store.iter_entities(["Person"]) if e.name == "Fang Zhiyuan"]
    hold = store.get_relations([(person.id, "HOLDS_POSITION", org.id)])[(person.id, "HOLDS_POSITION", org.id)]
    assert {e.extractor for e in hold.evidence} >= {"registration"}
    assert hold.weight == 2  # the article and the record back the same edge
    paths = store.paths("Fang Zhiyuan", "Jiaxing Association for Science and Technology", max_hops=2)
    assert paths and paths[0]["hops"] == 2


# ---- the upload API -----------------------------------------------------------------------------
def test_ingest_upload(store, tmp_path):
    rej = tmp_path / "r.jsonl"
    s = ingest_upload(store, "C:\\exports\\experts.csv", EXPERTS.encode("utf-8-sig"), rejects_path=rej)
    assert (s["ingested"], s["files"]) == (3, 1)
    assert store.get_document("document:experts.csv:2") is not None
    assert ingest_upload(store, "experts.csv", EXPERTS.encode(), rejects_path=rej)["unchanged"] == 3
    s = ingest_upload(store, "a.txt", b"Pact\n\nAlpha Institute cooperates with Beta University.\n", rejects_path=rej)
    assert s["ingested"] == 1 and store.get_document("document:a.txt").kind == "news"
    with pytest.raises(BadInput, match="unsupported file type '.xlsx'"):
        ingest_upload(store, "notes.xlsx", b"PK", rejects_path=rej)
    with pytest.raises(BadInput, match="binary"):
        ingest_upload(store, "x.csv", (DATA / "binary.csv").read_bytes(), rejects_path=rej)
    with pytest.raises(BadInput, match="array of records"):
        ingest_upload(store, "x.json", b"hello", rejects_path=rej)


def test_rejects_file_sits_beside_a_sqlite_store(tmp_path, monkeypatch):
    from graph.store import open_store

    monkeypatch.delenv("INNOGRAPH_REJECTS", raising=False)
    with open_store("sqlite:///" + str(tmp_path / "d" / "x.db")) as s:
        assert rejects_path_for(s) == tmp_path / "d" / "x.rejects.jsonl"
    monkeypatch.setenv("INNOGRAPH_REJECTS", str(tmp_path / "elsewhere.jsonl"))
    with open_store("sqlite://:memory:") as s:
        assert rejects_path_for(s) == tmp_path / "elsewhere.jsonl"


# ---- the command line end to end (sqlite) -------------------------------------------------------
def cli(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("INNOGRAPH_REJECTS", None)
    code = "import sys; from api.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def test_cli_ingest_sample_then_again_then_a_bad_file(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "sample")
    uri = "sqlite:///" + str(tmp_path / "store" / "g.db")
    p = cli("ingest", "sample", "--store", uri, "--json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    assert (s["files"], s["read"], s["ingested"], s["rejected"], s["skipped"]) == (17, 181, 181, 0, 1)
    assert s["skipped_files"] == ["sample/README.md"]
    assert s["entities_added"] > 150 and s["relations_added"] > 400 and s["documents_added"] == 181
    p = cli("ingest", "sample", "--store", uri, cwd=tmp_path)
    assert p.returncode == 0
    assert re.search(r"unchanged\s+181", p.stderr) and re.search(r"ingested\s+0", p.stderr)
    stats = json.loads(cli("stats", "--store", uri, "--json", cwd=tmp_path).stdout)
    assert stats["documents"] == 181
    org = json.loads(cli("search", "Yangtze Delta Region Institute of Tsinghua University", "--store", uri,
                         "--json", cwd=tmp_path).stdout)["results"]
    assert len([r for r in org if r["type"] == "Organisation" and "Yangtze Delta" in r["name"]]) == 1

    shutil.copy(DATA / "mixed.csv", tmp_path / "mixed.csv")
    p = cli("ingest", "mixed.csv", "--store", uri, cwd=tmp_path)
    assert p.returncode == 0
    assert "rejected mixed.csv:3: missing required field 'name'" in p.stderr
    lines = (tmp_path / "store" / "g.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["line"] for x in lines] == [3, 4, 5]
    assert json.loads(lines[0])["record"]["id"] == "M2" and json.loads(lines[0])["file"] == "mixed.csv"

    p = cli("ingest", "mixed.csv", "--store", uri, "--quiet", cwd=tmp_path)
    assert p.returncode == 0 and p.stdout == "" and p.stderr.count("\n") == 1  # one line: where rejects went
    p = cli("ingest", "nowhere", "--store", uri, cwd=tmp_path)
    assert p.returncode == 2 and "nowhere: no such file or directory" in p.stderr
    shutil.copy(DATA / "binary.csv", tmp_path / "binary.csv")
    assert cli("ingest", "binary.csv", "--store", uri, "--quiet", cwd=tmp_path).returncode == 2


# ---- records sharing a line, a resumed run, the command line's one-line errors (ISSUE 8) -----------------
def test_records_of_a_minified_json_file_are_one_document_each(store, tmp_path):
    recs = [{"record_type": "enterprise", "name": f"Firm {i} Co., Ltd.", "city": "Jiaxing", "needs": ["photonics"]}
            for i in range(3)]
    f = write(tmp_path / "firms.json", json.dumps(recs))
    assert run(store, tmp_path, f)["ingested"] == 3
    assert [store.get_document(i).title for i in ("document:firms.json:1", "document:firms.json:1.2",
                                                  "document:firms.json:1.3")] == [
        "firms.json:1", "firms.json:1.2", "firms.json:1.3"]
    write(f, json.dumps([recs[0], dict(recs[1], needs=["textiles"])]))
    s = run(store, tmp_path, f)
    assert (s["unchanged"], s["ingested"], s["replaced"], s["retracted"]) == (1, 1, 1, 1)
    assert store.get_document("document:firms.json:1.3") is None and store.get("Firm 2 Co., Ltd.") is None
    assert [d.id for d in store.documents_mentioning("topic:textiles")] == ["document:firms.json:1.2"]


def test_a_resumed_ingest_labels_participants_as_a_whole_run_does(store, tmp_path):
    """Records found unchanged still teach the labels of bare names to the records after them."""
    recs = [{"record_type": "membership", "member": "Jilin", "member_type": "Region", "programme": "Innovation China"},
            {"record_type": "membership", "member": "Jilin", "member_type": "City", "programme": "Innovation China"},
            {"record_type": "project", "title": "Photonics Platform", "participants": ["Jilin"]}]
    f = write(tmp_path / "m.jsonl", "".join(json.dumps(r) + "\n" for r in recs[:2]))
    run(store, tmp_path, f)
    write(f, "".join(json.dumps(r) + "\n" for r in recs))
    s = run(store, tmp_path, f)
    assert (s["unchanged"], s["ingested"]) == (2, 1)
    part = [r.key for r in store.iter_relations() if r.type == "PARTICIPATES_IN" and r.target.startswith("project:photo")]
    assert part == [("region:jilin", "PARTICIPATES_IN", "project:photonics-platform")]


def test_cli_unexpected_error_is_one_line_and_driver_logs_are_silenced(tmp_path):
    p = cli("export", "--store", "sqlite://:memory:", "--out", str(tmp_path / "no" / "such" / "dir.json"),
            cwd=tmp_path)
    assert p.returncode == 3 and "Traceback" not in p.stderr, p.stderr
    assert p.stderr.count("\n") == 1 and p.stderr.startswith("innograph export: error: unexpected FileNotFoundError")
    p = cli("--verbose", "export", "--store", "sqlite://:memory:", "--out", str(tmp_path / "no" / "x.json"),
            cwd=tmp_path)
    assert p.returncode == 3 and "Traceback" in p.stderr
    code = ("import logging, sys; from api.cli import main; main(sys.argv[1:]); "
            "logging.getLogger('neo4j.io').error('Failed to read from defunct connection')")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for args, shown in ((["stats", "--store", "sqlite://:memory:"], False),
                        (["stats", "--store", "sqlite://:memory:", "--verbose"], True)):
        p = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=120)
        assert ("defunct connection" in p.stderr) is shown, (args, p.stderr)


def test_news_batch_keeps_the_published_date():
    from ingest.news import news_batch
    res = {"document": "a.txt", "title": "Jiaxing joins Innovation China", "published": "2021-07-06",
           "entities": [{"id": "city:jiaxing", "name": "Jiaxing", "type": "City", "mentions": ["Jiaxing"]}], "relations": []}
    b = news_batch(res, "document:a", "0" * 64)
    assert b.documents[0].published == "2021-07-06" and b.documents[0].title == "Jiaxing joins Innovation China"
    b = news_batch(dict(res, published=None), "document:a", "0" * 64)
    assert b.documents[0].published == ""

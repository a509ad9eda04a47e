"""The review queue on both stores: each verdict, that it sticks (re-ingest, new ingest, retraction,
export/import), the API (key, problem+json) and the CLI (exit 2 on bad input)."""
from __future__ import annotations

import json

import pytest
from support.apiworld import KEY, make_app
from support.builders import GraphBuilder, doc_id, export_json

from api.cli import main
from graph.errors import BadInput, Conflict, NotFound

COOP = ("organisation:hengtai", "COOPERATES_WITH", "organisation:zhejiang-university")


def _world():
    b = GraphBuilder()
    ht, zju, jx = b.add("Organisation", "Hengtai"), b.add("Organisation", "Zhejiang University"), b.add("City", "Jiaxing")
    b.link(ht, "COOPERATES_WITH", zju, "r-1", "Hengtai signed an agreement with Zhejiang University.", confidence=0.55)
    b.link(ht, "LOCATED_IN", jx, "r-1", "Hengtai, a Jiaxing company.", confidence=0.8)
    return b


def _second():
    b = GraphBuilder()
    ht2, zju, hz = b.add("Organisation", "Hengtai Co., Ltd"), b.add("Organisation", "Zhejiang University"), \
        b.add("City", "Hangzhou")
    b.link(ht2, "COOPERATES_WITH", zju, "r-2", "Hengtai Co., Ltd and Zhejiang University renewed the agreement.")
    b.link(zju, "LOCATED_IN", hz, "r-2", "Zhejiang University in Hangzhou.", confidence=0.95)
    return b


@pytest.fixture
def judged(store):
    store.upsert(_world().batch())
    return store


def _keys(store):
    return {r.key for r in store.iter_relations()}


def test_the_queue_lists_relations_lowest_confidence_first(judged):
    q = judged.review_relations()
    assert q["total"] == 2
    first = q["items"][0]
    assert (first["source"]["id"], first["type"], first["target"]["id"]) == COOP and first["confidence"] == 0.55
    assert first["evidence"][0]["sentence"].startswith("Hengtai signed")


def test_a_rejected_relation_stays_gone(judged, reopen):
    judged.judge_relation("Hengtai", "COOPERATES_WITH", "Zhejiang University", "reject", "a rumour")
    assert COOP not in _keys(judged)
    assert not any((e["source"], e["type"], e["target"]) == COOP for e in export_json(judged)["edges"])
    judged.upsert(_world().batch())  # the same file again
    judged.upsert(_second().batch())  # a new one naming it too
    assert COOP not in _keys(judged)
    assert judged.review_relations()["total"] == 2  # LOCATED_IN twice, not the rejected one
    judged.retract_document(doc_id("r-1"))
    judged.upsert(_world().batch())
    assert COOP not in _keys(reopen())


def test_an_accepted_relation_gets_confidence_one_and_leaves_the_queue(judged):
    out = judged.judge_relation(COOP[0], COOP[1], COOP[2], "accept")
    assert out == {"source": COOP[0], "type": COOP[1], "target": COOP[2], "verdict": "accept"}
    rel = judged.get_relations([COOP])[COOP]
    assert rel.properties["confidence"] == 1.0
    judged.upsert(_second().batch())
    assert judged.get_relations([COOP])[COOP].properties["confidence"] == 1.0
    assert COOP not in {(i["source"]["id"], i["type"], i["target"]["id"]) for i in judged.review_relations()["items"]}


def test_same_merges_b_into_a_and_stays_merged(judged):
    b = GraphBuilder()
    b.mention("r-3", b.add("Organisation", "Zhejiang Lab"), b.add("Organisation", "之江实验室"))
    judged.upsert(b.batch())
    assert judged.judge_entities("Zhejiang Lab", "之江实验室", "same")["verdict"] == "same"
    assert judged.get_entity("organisation:之江实验室") is None
    judged.upsert(b.batch())
    assert judged.get("之江实验室").id == "organisation:zhejiang-lab"
    assert judged.get_entity("organisation:之江实验室") is None
    why = judged.explanation("organisation:zhejiang-lab")
    assert why["merges"][0]["rule"] == "reviewer: same" and why["verdicts"][0]["verdict"] == "same"


def test_different_splits_a_merge_and_keeps_it_split(judged):
    judged.upsert(_second().batch())
    assert judged.get("Hengtai Co., Ltd").id == "organisation:hengtai"
    merged = [i for i in judged.review_entities()["items"] if i["merged"]]
    assert {(i["a"]["id"], i["b"]["id"]) for i in merged} == {("organisation:hengtai", "organisation:hengtai-co-ltd")}
    judged.judge_entities("organisation:hengtai", "organisation:hengtai-co-ltd", "different")
    b = judged.get_entity("organisation:hengtai-co-ltd")
    assert b is not None and "Hengtai Co., Ltd" in b.aliases
    assert "Hengtai Co., Ltd" not in judged.get_entity("organisation:hengtai").aliases
    keys = _keys(judged)
    assert ("organisation:hengtai-co-ltd", "COOPERATES_WITH", "organisation:zhejiang-university") in keys
    assert COOP in keys and judged.get_relations([COOP])[COOP].weight == 1
    assert {d.id for d in judged.documents_mentioning("organisation:hengtai-co-ltd")} == {doc_id("r-2")}
    judged.upsert(_world().batch())
    judged.upsert(_second().batch())
    assert judged.get_entity("organisation:hengtai-co-ltd") is not None
    assert len(list(judged.iter_entities(("Organisation",)))) == 3
    assert not [i for i in judged.review_entities()["items"] if i["merged"]]


def test_verdicts_survive_export_and_import(judged):
    judged.judge_relation(*COOP, "reject")
    b = GraphBuilder()
    b.mention("r-3", b.add("Organisation", "Zhejiang Lab"), b.add("Organisation", "之江实验室"))
    judged.upsert(b.batch())
    judged.judge_entities("Zhejiang Lab", "之江实验室", "same")
    data = export_json(judged)
    assert set(data["reviews"]) >= {"relation", "entity", "merge"}
    judged.clear()
    judged.import_json(json.loads(json.dumps(data)))
    assert export_json(judged) == data
    judged.upsert(_world().batch())
    judged.upsert(b.batch())
    assert COOP not in _keys(judged) and judged.get_entity("organisation:之江实验室") is None


@pytest.mark.parametrize("call,error", [
    (lambda s: s.judge_relation("organisation:nowhere", "COOPERATES_WITH", "Zhejiang University", "reject"), NotFound),
    (lambda s: s.judge_relation("Hengtai", "PART_OF", "Zhejiang University", "reject"), NotFound),
    (lambda s: s.judge_relation("Hengtai", "LIKES", "Zhejiang University", "reject"), BadInput),
    (lambda s: s.judge_relation("Hengtai", "COOPERATES_WITH", "Zhejiang University", "maybe"), BadInput),
    (lambda s: s.judge_entities("Hengtai", "Jiaxing", "same"), Conflict),
    (lambda s: s.judge_entities("Hengtai", "organisation:nowhere", "same"), NotFound),
    (lambda s: s.judge_entities("Hengtai", "organisation:nowhere", "different"), NotFound),
    (lambda s: s.judge_entities("Hengtai", "Hengtai", "same"), Conflict),
])
def test_bad_verdicts_change_nothing(judged, call, error):
    before = export_json(judged)
    with pytest.raises(error):
        call(judged)
    assert export_json(judged) == before


def test_the_review_api(judged, tmp_path):
    app = make_app(judged, tmp_path)
    c = app.test_client()
    try:
        q = c.get("/api/v1/review/relations?limit=1").get_json()
        assert q["total"] == 2 and len(q["items"]) == 1 and q["items"][0]["confidence"] == 0.55
        body = {"source": COOP[0], "type": COOP[1], "target": COOP[2], "verdict": "reject"}
        assert c.post("/api/v1/review/relations", json=body).status_code == 401
        r = c.post("/api/v1/review/relations", json=body, headers={"X-API-Key": KEY})
        assert r.status_code == 200 and r.get_json()["verdict"] == "reject"
        again = c.post("/api/v1/review/relations", json=body, headers={"X-API-Key": KEY})
        assert again.status_code == 404 and again.mimetype == "application/problem+json"
        assert "no relation" in again.get_json()["detail"]
        bad = c.post("/api/v1/review/entities", json={"a": "Hengtai", "b": "Jiaxing", "verdict": "same"},
                     headers={"X-API-Key": KEY})
        assert bad.status_code == 409 and "across labels" in bad.get_json()["detail"]
        worse = c.post("/api/v1/review/entities", json={"a": "Hengtai", "b": "x", "verdict": "merge"},
                       headers={"X-API-Key": KEY})
        assert worse.status_code == 422 and worse.mimetype == "application/problem+json"
        assert c.get("/api/v1/review/entities").get_json() == {"items": [], "total": 0}
        detail = c.get("/api/v1/entities/organisation:hengtai").get_json()
        assert detail["resolution"] == {"merges": [], "aliases": [], "verdicts": []}
    finally:
        app.extensions["innograph"].close()


def test_the_review_cli(judged, capsys):
    uri = judged.uri
    assert main(["review", "relations", "--json", "--store", uri]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2
    assert main(["review", "reject", *COOP, "--store", uri]) == 0
    capsys.readouterr()
    assert main(["review", "reject", *COOP, "--store", uri]) == 2
    err = capsys.readouterr().err
    assert "no relation" in err and err.count("\n") == 1
    assert main(["review", "same", "Hengtai", "Jiaxing", "--store", uri]) == 2
    assert "across labels" in capsys.readouterr().err
    assert main(["review", "same", "Hengtai", "--store", uri]) == 2
    assert main(["show", "Hengtai", "--store", uri]) == 0
    assert "organisation:hengtai" in capsys.readouterr().out


def test_same_on_two_registered_people_holds_for_their_later_records(store, tmp_path):
    from ingest import ingest_paths

    def records(name, *recs):
        p = tmp_path / name
        p.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
        return p

    one = {"record_type": "expert", "id": "E1", "name": "Zhang Wei", "affiliation": "Zhejiang University"}
    two = {"record_type": "expert", "id": "E2", "name": "Zhang Wei", "affiliation": "Jilin University"}
    ingest_paths(store, [records("a.jsonl", one, two)], rejects_path=tmp_path / "r.jsonl")
    ids = {p.properties["ref"]: p.id for p in store.iter_entities(("Person",))}
    store.judge_entities(ids["E1"], ids["E2"], "same")
    ingest_paths(store, [records("b.jsonl", {**two, "title": "Professor"})], rejects_path=tmp_path / "r.jsonl")
    people = list(store.iter_entities(("Person",)))
    assert [p.id for p in people] == [ids["E1"]] and people[0].properties["titles"] == ["Professor"]

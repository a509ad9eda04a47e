"""Every endpoint of the HTTP API on both stores (the ``store`` fixture runs each test per backend).

The test world (``api_world``, tests/support/apiworld.py) is small enough to work the expected
answers out by hand: the match scores and cooperation weights asserted here follow from the formulas
in graph/match.py and graph/cooperation.py.
"""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from support.apiworld import KEY, api_world, make_app
from support.builders import doc_id


@pytest.fixture
def world(store):
    store.upsert(api_world().batch())
    return store


@pytest.fixture
def client(world, tmp_path):
    app = make_app(world, tmp_path)
    yield app.test_client()
    app.extensions["innograph"].close()


def ok(resp, status=200):
    assert resp.status_code == status, resp.get_data(as_text=True)
    return resp.get_json()


# ---- entities ----------------------------------------------------------------------------------
def test_search_ranks_exact_alias_prefix_fuzzy(client):
    hits = ok(client.get("/api/v1/entities?q=Jiaxing"))["results"]
    assert hits[0] == {"id": "city:jiaxing", "name": "Jiaxing", "type": "City", "match": "exact",
                       "matched": "Jiaxing", "score": 1.0}
    assert ok(client.get("/api/v1/entities?q=嘉兴"))["results"][0]["match"] == "alias"
    assert ok(client.get("/api/v1/entities?q=hengtai"))["results"][0]["id"].startswith("organisation:hengtai")
    prefix = ok(client.get("/api/v1/entities?q=Zhejiang%20Univ"))["results"][0]
    assert (prefix["id"], prefix["match"]) == ("organisation:zhejiang-university", "prefix")
    fuzzy = ok(client.get("/api/v1/entities?q=Zhejaing%20Universty"))["results"]
    assert fuzzy and fuzzy[0]["match"] == "fuzzy" and fuzzy[0]["id"] == "organisation:zhejiang-university"
    scores = [h["score"] for h in ok(client.get("/api/v1/entities?q=Jiaxing&limit=50"))["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_filters_and_pages(client):
    only = ok(client.get("/api/v1/entities?q=Zhejiang&type=Organisation"))["results"]
    assert only and {h["type"] for h in only} == {"Organisation"}
    listed = ok(client.get("/api/v1/entities?type=City,Region"))
    assert [h["id"] for h in listed["results"]] == sorted(h["id"] for h in listed["results"])
    assert len(listed["results"]) == 6 and listed["q"] is None and listed["type"] == ["City", "Region"]
    page = ok(client.get("/api/v1/entities?type=City&limit=2&offset=1"))["results"]
    assert [h["id"] for h in page] == [h["id"] for h in listed["results"] if h["type"] == "City"][1:3]


def test_entity_detail_with_documents(client):
    body = ok(client.get("/api/v1/entities/city:jiaxing"))
    assert body["id"] == "city:jiaxing" and body["type"] == "City"
    assert body["aliases"] == ["Jiaxing", "嘉兴"]
    assert body["properties"] == {"level": "city"}
    assert body["degree"] == 6
    assert {d["id"] for d in body["documents"]} >= {doc_id("reg-cities"), doc_id("news-ic"), doc_id("news-coop-1")}
    # a name or an alias works as well as the id; colons and Chinese characters route
    assert ok(client.get("/api/v1/entities/嘉兴"))["id"] == "city:jiaxing"
    assert ok(client.get("/api/v1/entities/" + quote("city:嘉善")))["name"] == "嘉善"
    assert ok(client.get("/api/v1/entities/city:嘉善"))["properties"] == {"level": "county"}
    assert client.get("/api/v1/entities/city:nowhere").status_code == 404


def test_neighbours(client):
    body = ok(client.get("/api/v1/entities/city:jiaxing/neighbours"))
    assert body["center"]["id"] == "city:jiaxing"
    ids = {n["id"] for n in body["nodes"]}
    assert {"region:zhejiang", "city:changchun", "project:innovation-china"} <= ids
    assert {n["depth"] for n in body["nodes"]} == {1}
    assert all({"source", "target", "type", "weight"} <= set(e) for e in body["edges"])
    located = ok(client.get("/api/v1/entities/city:jiaxing/neighbours?types=LOCATED_IN&depth=2&limit=500"))
    assert {e["type"] for e in located["edges"]} == {"LOCATED_IN"}
    assert "city:hangzhou" in {n["id"] for n in located["nodes"]}
    assert len(ok(client.get("/api/v1/entities/city:jiaxing/neighbours?limit=2"))["nodes"]) == 2
    orgs = ok(client.get("/api/v1/entities/city:jiaxing/neighbours?labels=Organisation"))["nodes"]
    assert orgs and {n["type"] for n in orgs} == {"Organisation"}


def test_relations_with_evidence_paged(client):
    body = ok(client.get("/api/v1/entities/嘉兴/relations"))
    assert body["entity"] == {"id": "city:jiaxing", "name": "Jiaxing", "type": "City"}
    assert (body["total"], body["truncated"], body["limit"], body["offset"]) == (6, False, 50, 0)
    rels = body["relations"]
    # best evidenced first, then by type and the other end's id
    assert [(r["type"], r["other"]["id"], r["direction"]) for r in rels] == [
        ("COOPERATES_WITH", "city:changchun", "in"),
        ("LOCATED_IN", "organisation:hengtai-new-materials-co-ltd", "in"),
        ("LOCATED_IN", "organisation:ruiguang-photoelectric-co-ltd", "in"),
        ("LOCATED_IN", "organisation:yangtze-delta-institute-of-tsinghua", "in"),
        ("LOCATED_IN", "region:zhejiang", "out"),
        ("PARTICIPATES_IN", "project:innovation-china", "out")]
    coop = rels[0]
    assert coop["weight"] == 2 and coop["other"] == {"id": "city:changchun", "name": "Changchun", "type": "City"}
    assert sorted((e["document"], e["sentence"]) for e in coop["evidence"]) == [
        (doc_id("news-coop-1"), "Jiaxing and Changchun signed an agreement."),
        (doc_id("news-coop-2"), "Jiaxing and Changchun renewed their agreement.")]
    assert rels[-1]["properties"] == {"role": "hub city"} and rels[-1]["evidence"][0]["document"] == doc_id("news-ic")
    page = ok(client.get("/api/v1/entities/city:jiaxing/relations?limit=2&offset=3"))
    assert [r["other"]["id"] for r in page["relations"]] == [r["other"]["id"] for r in rels[3:5]]
    assert page["total"] == 6
    only = ok(client.get("/api/v1/entities/city:jiaxing/relations?types=PARTICIPATES_IN,COOPERATES_WITH"))
    assert [r["type"] for r in only["relations"]] == ["COOPERATES_WITH", "PARTICIPATES_IN"] and only["total"] == 2
    assert ok(client.get("/api/v1/entities/city:jiaxing/relations?offset=6"))["relations"] == []
    assert client.get("/api/v1/entities/city:nowhere/relations").status_code == 404
    for bad in ("types=MENTIONS", "types=BORDERS", "limit=501", "limit=0", "offset=-1"):
        r = client.get("/api/v1/entities/city:jiaxing/relations?" + bad)
        assert r.status_code == 422 and r.get_json()["where"] == bad.split("=")[0], bad


# ---- paths -------------------------------------------------------------------------------------
def test_paths_contract_shape_with_evidence(client):
    body = ok(client.get("/api/v1/paths?from=Hengtai&to=Changchun&k=3"))
    assert body["from"] == {"id": "organisation:hengtai-new-materials-co-ltd",
                            "name": "Hengtai New Materials Co., Ltd", "type": "Organisation"}
    assert body["to"]["id"] == "city:changchun"
    paths = body["paths"]
    assert paths[0]["hops"] == 2 and [n["id"] for n in paths[0]["nodes"]][1] == "city:jiaxing"
    assert [p["hops"] for p in paths] == sorted(p["hops"] for p in paths) and len(paths) == 3
    for p in paths:
        assert len(p["edges"]) == p["hops"] == len(p["nodes"]) - 1
        for i, e in enumerate(p["edges"]):
            assert {e["source"], e["target"]} == {p["nodes"][i]["id"], p["nodes"][i + 1]["id"]}
            assert e["evidence"] and all(ev["document"] and "sentence" in ev for ev in e["evidence"])


def test_paths_options(client):
    only = ok(client.get("/api/v1/paths?from=Hengtai&to=Changchun&k=5&types=LOCATED_IN,PARTICIPATES_IN"))
    assert only["paths"] and all(e["type"] in ("LOCATED_IN", "PARTICIPATES_IN")
                                 for p in only["paths"] for e in p["edges"])
    assert ok(client.get("/api/v1/paths?from=Hengtai&to=Changchun&max_hops=1"))["paths"] == []
    weighted = ok(client.get("/api/v1/paths?from=Hengtai&to=Changchun&weighted=true"))["paths"][0]
    assert weighted["cost"] == pytest.approx(1.5)  # Hengtai -(1 doc)- Jiaxing -(2 docs)- Changchun
    assert client.get("/api/v1/paths?from=Nobody&to=Changchun").status_code == 404
    assert client.get("/api/v1/paths?from=Jiaxing&to=嘉兴").status_code == 422  # the same entity


# ---- matching ----------------------------------------------------------------------------------
def test_match_experts_ranked_scored_explained(client):
    body = ok(client.get("/api/v1/match/experts?enterprise=Hengtai&k=10"))
    assert body["enterprise"]["id"] == "organisation:hengtai-new-materials-co-ltd"
    assert [t["name"] for t in body["topics"]] == ["new materials", "photonics"]
    ranked = [(m["expert"]["name"], m["score"]) for m in body["matches"]]
    assert ranked == [("Fang Zhiyuan", 0.735), ("Li Wei", 0.4467), ("Gu Shiqiang", 0.42)]
    best = body["matches"][0]
    assert (best["topic_fit"], best["proximity"], best["evidence"]) == (1.0, 0.25, 0.6)
    assert best["reasons"] == ["shares 2 of 2 needed topics: new materials, photonics",
                               "3 hops via Jiaxing, Yangtze Delta Institute of Tsinghua",
                               "3 documents back these links"]
    kinds = [p["explains"] for p in best["paths"]]
    assert kinds == ["topic", "topic", "proximity"]
    topic = best["paths"][0]
    assert [n["type"] for n in topic["nodes"]] == ["Organisation", "Topic", "Person"]
    assert [e["type"] for e in topic["edges"]] == ["NEEDS", "FOCUSES_ON"]
    for m in body["matches"]:
        assert m["score"] == round(0.6 * m["topic_fit"] + 0.3 * m["proximity"] + 0.1 * m["evidence"], 4)
        assert all(e["evidence"] for p in m["paths"] for e in p["edges"])
        prox = [p for p in m["paths"] if p["explains"] == "proximity"]
        assert all(e["type"] not in ("NEEDS", "FOCUSES_ON") for p in prox for e in p["edges"])
    assert len(ok(client.get("/api/v1/match/experts?enterprise=Hengtai&k=1"))["matches"]) == 1


def test_match_enterprises(client):
    body = ok(client.get("/api/v1/match/enterprises?expert=Fang%20Zhiyuan"))
    assert body["expert"]["id"] == "person:fang-zhiyuan"
    names = [(m["enterprise"]["name"], m["topic_fit"]) for m in body["matches"]]
    assert names == [("Hengtai New Materials Co., Ltd", 1.0), ("Ruiguang Photoelectric Co., Ltd", 0.5)]
    assert body["matches"][0]["reasons"][0] == "covers 2 of its 2 needed topics: new materials, photonics"
    assert ok(client.get("/api/v1/match/enterprises?expert=Wang%20Fang"))["matches"] == []
    assert client.get("/api/v1/match/enterprises?expert=Jiaxing").status_code == 422
    assert client.get("/api/v1/match/experts?enterprise=Nobody").status_code == 404


# ---- cooperation -------------------------------------------------------------------------------
def edge_map(body):
    return {(e["source"], e["target"]): e for e in body["edges"]}


def test_cooperation_network(client):
    # by default direct cooperation only: the programme they share is a layer of its own
    direct = ok(client.get("/api/v1/cooperation"))
    assert direct["shared"] is False
    assert {k: (e["weight"], e["layer"]) for k, e in edge_map(direct).items()} == {
        ("city:changchun", "city:jiaxing"): (2.0, "direct"), ("city:hangzhou", "city:jiaxing"): (1.0, "direct")}
    assert all(ev["layer"] == "direct" for e in direct["edges"] for ev in e["evidence"])
    body = ok(client.get("/api/v1/cooperation?shared=true"))
    edges = edge_map(body)
    assert {k: e["weight"] for k, e in edges.items()} == {
        ("city:changchun", "city:jiaxing"): 2.25, ("city:hangzhou", "city:jiaxing"): 1.25,
        ("city:changchun", "city:hangzhou"): 0.25}
    jc = edges[("city:changchun", "city:jiaxing")]
    assert jc["kinds"] == {"cooperation": 2.0, "project": 0.25}
    coop = [ev for ev in jc["evidence"] if ev["kind"] == "cooperation"][0]
    assert coop["documents"] == [doc_id("news-coop-1"), doc_id("news-coop-2")]
    assert coop["sentences"][0].startswith("Jiaxing and Changchun")
    proj = [ev for ev in jc["evidence"] if ev["kind"] == "project"][0]
    assert proj["via"]["id"] == "project:innovation-china"
    hj = edges[("city:hangzhou", "city:jiaxing")]
    assert hj["kinds"]["cooperation"] == 1.0  # through the institute and the university located there
    assert [n["id"] for n in body["nodes"]] == ["city:jiaxing", "city:changchun", "city:hangzhou"]
    assert body["nodes"][0]["weight"] == 3.5 and body["nodes"][0]["degree"] == 2
    assert edges[("city:changchun", "city:hangzhou")]["layer"] == "shared"
    assert edges[("city:changchun", "city:jiaxing")]["direct_weight"] == 2.0
    heavy = ok(client.get("/api/v1/cooperation?min_weight=1&shared=true"))
    assert set(edge_map(heavy)) == {("city:changchun", "city:jiaxing"), ("city:hangzhou", "city:jiaxing")}
    inside = ok(client.get("/api/v1/cooperation?region=Zhejiang&shared=true"))
    assert set(edge_map(inside)) == {("city:hangzhou", "city:jiaxing")} and inside["region"]["id"] == "region:zhejiang"
    assert len(ok(client.get("/api/v1/cooperation?limit=1"))["edges"]) == 1
    regions = ok(client.get("/api/v1/cooperation?level=region&shared=true"))
    assert {k: e["weight"] for k, e in edge_map(regions).items()} == {("region:jilin", "region:zhejiang"): 3.5}
    assert client.get("/api/v1/cooperation?region=Jiaxing").status_code == 422  # a City, not a Region


def test_cooperation_partners(client):
    body = ok(client.get("/api/v1/cooperation/city:jiaxing?shared=true"))
    assert body["place"]["id"] == "city:jiaxing" and body["level"] == "city"
    assert [(p["partner"]["name"], p["weight"]) for p in body["partners"]] == [("Changchun", 2.25), ("Hangzhou", 1.25)]
    direct = ok(client.get("/api/v1/cooperation/city:jiaxing"))
    assert [(p["partner"]["name"], p["weight"]) for p in direct["partners"]] == [("Changchun", 2.0), ("Hangzhou", 1.0)]
    assert all(p["evidence"] for p in body["partners"])
    assert ok(client.get("/api/v1/cooperation/Zhejiang"))["partners"][0]["partner"]["id"] == "region:jilin"
    assert ok(client.get("/api/v1/cooperation/嘉善"))["partners"] == []
    assert client.get("/api/v1/cooperation/organisation:zhejiang-university").status_code == 422
    assert client.get("/api/v1/cooperation/city:nowhere").status_code == 404


# ---- graph -------------------------------------------------------------------------------------
def test_stats(client, world):
    assert ok(client.get("/api/v1/stats")) == world.stats()


def test_export_streams_every_format(client, world):
    r = client.get("/api/v1/export?format=json")
    assert r.status_code == 200 and r.mimetype == "application/json" and r.is_streamed
    assert r.headers["Content-Disposition"] == 'attachment; filename="innograph.json"'
    data = json.loads(r.get_data(as_text=True))
    buf = io.StringIO()
    world.export("json", buf)
    assert data == json.loads(buf.getvalue())
    assert len(data["nodes"]) == sum(world.stats()["nodes"].values())
    g = client.get("/api/v1/export?format=graphml")
    assert g.mimetype == "application/graphml+xml" and "<graphml" in g.get_data(as_text=True)
    c = client.get("/api/v1/export?format=csv")
    assert c.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(c.get_data(as_text=True))))
    assert rows[0] == ["id", "name", "type", "aliases", "properties"]


# ---- documents ---------------------------------------------------------------------------------
EXPERTS_CSV = ("record_type,name,affiliation,city,fields\n"
               "expert,Zhou Min,Jilin University,Changchun,photonics;optics\n"
               "expert,,Nowhere University,Nowhere,\n")


def test_upload_read_and_retract_a_document(client, world):
    before = world.stats()
    headers = {"X-API-Key": KEY}
    upload = {"file": (io.BytesIO(EXPERTS_CSV.encode()), "experts.csv")}
    summary = ok(client.post("/api/v1/documents", data=upload, headers=headers, content_type="multipart/form-data"))
    assert (summary["read"], summary["ingested"], summary["rejected"]) == (2, 1, 1)
    after = world.stats()
    assert after["documents"] == before["documents"] + 1
    # the new expert is matched at once (caches follow the store)
    fits = {m["expert"]["name"] for m in ok(client.get("/api/v1/match/experts?enterprise=" + quote("Ruiguang Photoelectric Co., Ltd.")))["matches"]}
    assert "Zhou Min" in fits
    again = ok(client.post("/api/v1/documents", data={"file": (io.BytesIO(EXPERTS_CSV.encode()), "experts.csv")},
                           headers=headers, content_type="multipart/form-data"))
    assert again["unchanged"] == 1 and world.stats() == after
    doc = [d for d in world.iter_documents() if d.kind == "registration" and "experts.csv" in d.title][0]
    detail = ok(client.get("/api/v1/documents/" + doc.id))
    assert detail["id"] == doc.id and "person:zhou-min" in detail["mentions"]
    gone = ok(client.delete("/api/v1/documents/" + doc.id, headers=headers))
    assert gone["document"] == doc.id and gone["relations_removed"] >= 1
    assert world.stats() == before
    assert client.get("/api/v1/documents/" + doc.id).status_code == 404
    assert client.delete("/api/v1/documents/" + doc.id, headers=headers).status_code == 404


def test_upload_of_an_unsupported_file_is_422(client):
    r = client.post("/api/v1/documents", data={"file": (io.BytesIO(b"x"), "photo.png")},
                    headers={"Authorization": f"Bearer {KEY}"}, content_type="multipart/form-data")
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert "unsupported file type" in r.get_json()["detail"]


def test_healthz(client):
    assert ok(client.get("/healthz"))["status"] == "ok"


# ---- the sample data ---------------------------------------------------------------------------
def test_every_endpoint_on_the_sample_data(store, sample_dir, tmp_path):
    import ingest
    # every registration, and two articles (news extraction is the slow part, tested elsewhere)
    news = sorted((sample_dir / "news").iterdir())[:2]
    ingest.ingest_paths(store, [sample_dir / "registrations", *news], rejects_path=str(tmp_path / "rejects.jsonl"))
    app = make_app(store, tmp_path)
    c = app.test_client()
    try:
        for url in ("/api/v1/entities?q=Jiaxing", "/api/v1/entities/city:jiaxing",
                    "/api/v1/entities/city:jiaxing/neighbours?depth=2",
                    "/api/v1/paths?from=Jiaxing&to=Changchun&k=3&weighted=true",
                    "/api/v1/cooperation", "/api/v1/cooperation?level=region", "/api/v1/cooperation/Jiaxing",
                    "/api/v1/stats", "/healthz"):
            ok(c.get(url))
        firm = "Jiaxing Hengtai New Materials Co., Ltd."
        matches = ok(c.get("/api/v1/match/experts?enterprise=" + quote(firm)))["matches"]
        assert matches and matches[0]["topic_fit"] == 1.0 and matches[0]["paths"]
        assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
        expert = matches[0]["expert"]["id"]
        assert ok(c.get("/api/v1/match/enterprises?expert=" + quote(expert)))["matches"]
        assert ok(c.get("/api/v1/cooperation"))["edges"]
        assert json.loads(c.get("/api/v1/export").get_data(as_text=True))["edges"]
    finally:
        app.extensions["innograph"].close()

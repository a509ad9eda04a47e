"""Read access and confusable names over HTTP (ISSUE 19, deliverable 8), on both stores.

- Reads are open by default, the full export included, as the README says; with PROTECT_READS every
  read under /api/v1 needs a key, the export too, while /healthz and the API document stay open.
- A look-alike name ("Zhejiang Universitу", with a Cyrillic у) is flagged wherever the API shows it,
  is never merged into it by resolution, and goes to the review queue beside the entity it imitates.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from support.apiworld import KEY, make_app
from support.builders import GraphBuilder

from graph.model import Batch, Entity
from ingest import ingest_paths

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_says_reads_are_open_and_how_to_protect_them():
    assert "Reads are open by default" in README and "GET /api/v1/export" in README
    assert "INNOGRAPH_PROTECT_READS=1" in README


@pytest.mark.parametrize("protect", [False, True])
def test_the_full_export_is_open_by_default_and_protected_on_request(store, tmp_path, protect):
    store.upsert(Batch([Entity.new("City", "Jiaxing")], [], []))
    app = make_app(store, tmp_path, PROTECT_READS=protect)
    c = app.test_client()
    try:
        for path in ("/api/v1/export", "/api/v1/export?format=csv", "/api/v1/entities?q=Jiaxing", "/api/v1/stats"):
            with c.get(path) as r:  # the export streams: each answer is read and closed in turn
                assert r.status_code == (401 if protect else 200), path
                assert not protect or r.mimetype == "application/problem+json", path
            if protect:
                with c.get(path, headers={"X-API-Key": "wrong"}) as r:
                    assert r.status_code == 403, path
                with c.get(path, headers={"X-API-Key": KEY}) as r:
                    assert r.status_code == 200, path
        assert b"Jiaxing" in c.get("/api/v1/export", headers={"X-API-Key": KEY}).data
        assert c.get("/healthz").status_code == 200 and c.get("/api/v1/openapi.json").status_code == 200
    finally:
        app.extensions["innograph"].close()


def _look_alikes(store) -> tuple[str, str]:
    """Zhejiang University and its look-alike (a Cyrillic у), both in Hangzhou; their ids."""
    b = GraphBuilder()
    real, fake = b.add("Organisation", "Zhejiang University"), b.add("Organisation", "Zhejiang Universit\u0443")
    hz = b.add("City", "Hangzhou")
    b.link(real, "LOCATED_IN", hz).link(fake, "LOCATED_IN", hz)
    store.upsert(b.batch())
    return real, fake


def test_a_look_alike_name_is_flagged_in_every_answer(store, tmp_path):
    real, fake = _look_alikes(store)
    app = make_app(store, tmp_path)
    c = app.test_client()
    try:
        hits = c.get("/api/v1/entities", query_string={"q": "Zhejiang Universit"}).get_json()["results"]
        assert {h["id"]: h.get("confusable", False) for h in hits} == {real: False, fake: True}
        assert c.get(f"/api/v1/entities/{fake}").get_json()["confusable"] is True
        assert "confusable" not in c.get(f"/api/v1/entities/{real}").get_json()
        hood = c.get("/api/v1/entities/city:hangzhou/neighbours").get_json()
        assert {n["id"] for n in hood["nodes"] if n.get("confusable")} == {fake}
    finally:
        app.extensions["innograph"].close()


def test_a_look_alike_name_goes_to_the_review_queue(store, tmp_path):
    real, fake = _look_alikes(store)
    app = make_app(store, tmp_path)
    try:
        items = app.test_client().get("/api/v1/review/entities").get_json()["items"]
        pairs = [i for i in items if {i["a"]["id"], i["b"]["id"]} == {real, fake}]
        assert pairs and not pairs[0]["merged"]
        assert any(side.get("confusable") for side in (pairs[0]["a"], pairs[0]["b"]))
    finally:
        app.extensions["innograph"].close()


def test_an_ingested_look_alike_stays_apart_from_the_entity_it_imitates(store, tmp_path):
    extra = tmp_path / "lookalike.csv"
    extra.write_text("record_type,name,city,industry\nenterprise,Zhejiang Universit\u0443,Hangzhou,photonics\n",
                     encoding="utf-8")
    summary = ingest_paths(store, [str(SAMPLE), str(extra)], rejects_path=str(tmp_path / "r.jsonl"), root=str(REPO))
    assert summary["rejected"] == 0
    app = make_app(store, tmp_path)
    try:
        hits = app.test_client().get("/api/v1/entities", query_string={"q": "Zhejiang Universit",
                                                                        "type": "Organisation"}).get_json()
        flags = {h["name"]: h.get("confusable", False) for h in hits["results"]
                 if h["name"] in ("Zhejiang University", "Zhejiang Universit\u0443")}
        assert flags == {"Zhejiang University": False, "Zhejiang Universit\u0443": True}, flags
    finally:
        app.extensions["innograph"].close()

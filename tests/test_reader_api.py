"""The article reader's API (issue 17): a document's text with the map from evidence offsets, a
registration record's lines, names relative to the documents folder, never a server path."""
from __future__ import annotations

import shutil

import pytest

from api.app import create_app
from graph.store import open_store
from ingest import ingest_paths


@pytest.fixture(scope="module")
def reader_client(tmp_path_factory, sample_dir):
    tmp = tmp_path_factory.mktemp("reader")
    docs = tmp / "inbox"
    (docs / "data" / "news").mkdir(parents=True)
    (docs / "data" / "registrations").mkdir(parents=True)
    shutil.copy(sample_dir / "news" / "08_hefei_hydrogen_service_team.html", docs / "data" / "news")
    shutil.copy(sample_dir / "registrations" / "experts.csv", docs / "data" / "registrations")
    uri = f"sqlite:///{tmp / 'g.db'}"
    s = open_store(uri)
    # ingested from outside the working directory: named relative to the folder given
    summary = ingest_paths(s, [str(docs / "data")], rejects_path=str(tmp / "rej.jsonl"))
    assert summary["rejected"] == 0
    s.close()
    app = create_app({"STORE_URI": uri, "DOCUMENTS_ROOT": str(docs)})
    yield app.test_client(), docs
    app.extensions["innograph"].close()


def test_article_text_and_offsets(reader_client):
    client, docs = reader_client
    rels = client.get("/api/v1/entities/city:hefei/relations?limit=200").get_json()["relations"]
    doc_id = "document:data-news-08-hefei-hydrogen-service-team-html"
    r = client.get(f"/api/v1/documents/{doc_id}/text")
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["name"] == "data/news/08_hefei_hydrogen_service_team.html" and body["current"] is True
    assert body["title"] == "Hefei pilot city launches hydrogen energy expert service team"
    assert str(docs) not in str(body)
    sentences = [ev["sentence"] for rel in rels for ev in rel["evidence"] if ev["document"] == doc_id]
    assert sentences and all(s in body["text"] for s in sentences)
    # offsets into the original file map into the text through body["map"]
    (c0, o0, n0) = body["map"][0]
    assert body["text"][c0:c0 + n0] == (docs / body["name"]).read_text(encoding="utf-8")[o0:o0 + n0]


def test_registration_record_lines(reader_client):
    client, docs = reader_client
    body = client.get("/api/v1/documents/document:data-registrations-experts-csv-13/text").get_json()
    assert body["kind"] == "registration" and body["text"] is None
    assert body["title"] == "data/registrations/experts.csv:13"  # relative: no server path in titles
    assert body["record"]["header"].startswith("record_type,")
    assert body["record"]["lines"][0]["line"] == 13 and "Bai Yunfei" in body["record"]["lines"][0]["text"]


def test_missing_and_bad_ids(reader_client):
    client, _ = reader_client
    r = client.get("/api/v1/documents/document:nope/text")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    r = client.get("/api/v1/documents/%20/text")
    assert r.status_code in (404, 422) and r.mimetype == "application/problem+json"

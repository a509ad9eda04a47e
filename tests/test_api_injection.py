"""Cypher- and SQL-injection payloads in every parameter of every endpoint change nothing, on both
stores: no server error, no database error text in any answer, and the graph exports identically."""
from __future__ import annotations

import io
import json
from urllib.parse import quote

import pytest
from support.apiworld import KEY, api_world, make_app
from support.builders import export_text
from support.payloads import LEAKS, PAYLOADS

GET_TEMPLATES = [
    "/api/v1/entities?q={p}", "/api/v1/entities?q=Jiaxing&type={p}", "/api/v1/entities?q=x&limit={p}",
    "/api/v1/entities?offset={p}", "/api/v1/entities/{p}", "/api/v1/entities/{p}/neighbours",
    "/api/v1/entities/city:jiaxing/neighbours?types={p}", "/api/v1/entities/city:jiaxing/neighbours?labels={p}",
    "/api/v1/entities/city:jiaxing/neighbours?depth={p}", "/api/v1/entities/city:jiaxing/neighbours?limit={p}",
    "/api/v1/paths?from={p}&to=Changchun", "/api/v1/paths?from=Jiaxing&to={p}",
    "/api/v1/paths?from=Jiaxing&to=Changchun&types={p}", "/api/v1/paths?from=Jiaxing&to=Changchun&k={p}",
    "/api/v1/paths?from=Jiaxing&to=Changchun&max_hops={p}", "/api/v1/paths?from=Jiaxing&to=Changchun&weighted={p}",
    "/api/v1/match/experts?enterprise={p}", "/api/v1/match/experts?enterprise=Hengtai&k={p}",
    "/api/v1/match/enterprises?expert={p}", "/api/v1/cooperation?region={p}", "/api/v1/cooperation?level={p}",
    "/api/v1/cooperation?min_weight={p}", "/api/v1/cooperation?limit={p}", "/api/v1/cooperation/{p}",
    "/api/v1/cooperation/city:jiaxing?limit={p}", "/api/v1/export?format={p}", "/api/v1/documents/{p}",
    "/api/v1/stats?{p}={p}", "/healthz?x={p}",
]


def assert_clean(resp, what: str) -> None:
    assert resp.status_code < 500, (what, resp.status_code, resp.get_data(as_text=True)[:300])
    text = resp.get_data(as_text=True)
    for leak in LEAKS:
        assert leak not in text, (what, leak, text[:300])


def test_injection_payloads_change_nothing(store, tmp_path):
    store.upsert(api_world().batch())
    before_stats, before_export = store.stats(), export_text(store)
    app = make_app(store, tmp_path)
    c = app.test_client()
    key = {"X-API-Key": KEY}
    try:
        for payload in PAYLOADS:
            p = quote(payload, safe="")
            for template in GET_TEMPLATES:
                url = template.format(p=p)
                assert_clean(c.get(url), url)
            assert_clean(c.delete(f"/api/v1/documents/{p}", headers=key), "DELETE " + payload)
            assert_clean(c.delete(f"/api/v1/documents/document:{p}", headers=key), "DELETE document:" + payload)
            for name in (payload, payload + ".csv"):
                form = {"file": (io.BytesIO(b"record_type,name\n"), "upload.bin"), "filename": name}
                assert_clean(c.post("/api/v1/documents", data=form, headers=key, content_type="multipart/form-data"),
                             "POST filename " + name)
            assert_clean(c.get("/api/v1/stats", headers={"X-API-Key": payload.encode("utf-8", "ignore")
                                                          .decode("latin-1").replace("\x00", "")}), "header")
        assert store.stats() == before_stats
        assert export_text(store) == before_export
        assert json.loads(c.get("/api/v1/stats").get_data(as_text=True)) == before_stats
    finally:
        app.extensions["innograph"].close()


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_payload_names_are_just_names(store, tmp_path, payload):
    """An entity whose name *is* a payload is stored, found and answered like any other name."""
    from graph.model import Batch, Entity

    store.upsert(api_world().batch())
    ent = Entity.new("Organisation", "Acme " + payload.replace("\u0000", ""))
    store.upsert(Batch([ent]))
    app = make_app(store, tmp_path)
    c = app.test_client()
    try:
        found = c.get("/api/v1/entities?q=" + quote(ent.name, safe="")).get_json()["results"]
        assert found and found[0]["id"] == ent.id
        # the id is a slug of the name (no quote, slash or bracket left), so it routes like any id
        detail = c.get("/api/v1/entities/" + quote(ent.id, safe=""))
        assert detail.status_code == 200, (ent.id, detail.get_data(as_text=True)[:300])
        assert detail.get_json()["id"] == ent.id and detail.get_json()["name"] == ent.name
        assert_clean(detail, ent.id)
    finally:
        app.extensions["innograph"].close()

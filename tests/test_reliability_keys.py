"""Keys and limits (ISSUE 8, item 7), driven by the OpenAPI document so that a write route added later
is covered without editing this file: every write operation answers 401 without a key and 403 with a
wrong one (before touching the body or the store), is rate limited with 429 and Retry-After (wrong
keys too, per client address: no key guessing at full speed), and no response to a non-allowed
origin carries a CORS header, errors and preflights included. tests/test_api_errors.py pins the
shapes on the two write routes known today.
"""
from __future__ import annotations

import io
import re

import pytest
from test_api import KEY, make_app, open_world

WRITE_METHODS = {"post", "put", "patch", "delete"}
EVIL = "https://evil.example"


@pytest.fixture
def sqlite_world(tmp_path):
    with open_world(tmp_path / "keys.db") as s:
        yield s


def spec_operations(app) -> list[tuple[str, str, dict]]:
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    return [(m.upper(), p, op) for p, ops in spec["paths"].items() for m, op in ops.items()]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "document:nothing-here", path)


def send(client, method, path, headers=None):
    kw = {"headers": headers or {}}
    if method in ("POST", "PUT", "PATCH"):
        kw.update(data={"file": (io.BytesIO(b"record_type,name\n"), "x.csv")}, content_type="multipart/form-data")
    return client.open(concrete(path), method=method, **kw)


def test_every_write_operation_needs_a_key(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path)
    c = app.test_client()
    before = sqlite_world.stats()
    try:
        writes = [(m, p, op) for m, p, op in spec_operations(app) if m.lower() in WRITE_METHODS]
        assert writes, "the API has write operations"
        for method, path, op in writes:
            assert op.get("security") == [{"ApiKey": []}], (method, path, "documented as needing a key")
            r = send(c, method, path)
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.headers.get("WWW-Authenticate", "").startswith("ApiKey"), (method, path)
            for wrong in ({"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"X-API-Key": KEY + "x"},
                          {"X-API-Key": KEY[:-1]}, {"Authorization": f"Basic {KEY}"}):
                r = send(c, method, path, wrong)
                assert r.status_code in (401, 403), (method, path, wrong, r.status_code)
                assert KEY not in r.get_data(as_text=True) and "wrong" not in r.get_data(as_text=True)
        assert sqlite_world.stats() == before
        # the same routes with the right key get past the check (404: nothing to delete, 200/422: a body)
        for method, path, _op in writes:
            assert send(c, method, path, {"X-API-Key": KEY}).status_code not in (401, 403), (method, path)
    finally:
        app.extensions["innograph"].close()


def test_methods_outside_the_document_are_not_a_way_around_keys(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path)
    c = app.test_client()
    before = sqlite_world.stats()
    try:
        for path in ("/api/v1/documents", "/api/v1/documents/document:news-coop-1", "/api/v1/entities/city:jiaxing"):
            for method in ("PUT", "PATCH", "DELETE", "POST"):
                r = c.open(path, method=method, headers={"X-HTTP-Method-Override": "DELETE"})
                assert r.status_code in (401, 404, 405), (method, path, r.status_code)
            r = c.get(path, headers={"X-HTTP-Method-Override": "DELETE"})
            assert r.status_code in (200, 404, 405), (path, r.status_code)
        assert sqlite_world.stats() == before
    finally:
        app.extensions["innograph"].close()


def test_every_write_operation_is_rate_limited(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path, RATE_LIMIT="3/minute")
    try:
        writes = [(m, p) for m, p, _ in spec_operations(app) if m.lower() in WRITE_METHODS]
        for method, path in writes:
            rt = app.extensions["innograph"]
            rt.limiter._hits.clear()
            c = app.test_client()
            statuses = [send(c, method, path, {"X-API-Key": KEY}).status_code for _ in range(4)]
            assert statuses[:3] != [429] * 3 and statuses[3] == 429, (method, path, statuses)
            r = send(c, method, path, {"Authorization": f"Bearer {KEY}"})  # the same key, the other header
            assert r.status_code == 429 and 1 <= int(r.headers["Retry-After"]) <= 60, (method, path)
            assert r.mimetype == "application/problem+json"
            # wrong keys from one address run out too: 429 instead of endless 403s
            rt.limiter._hits.clear()
            wrong = [send(c, method, path, {"X-API-Key": f"guess-{i}"}).status_code for i in range(5)]
            assert wrong[:3] == [403] * 3 and wrong[3:] == [429, 429], (method, path, wrong)
    finally:
        app.extensions["innograph"].close()


def test_no_cors_header_for_a_non_allowed_origin_anywhere(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path, CORS_ORIGINS="https://ok.example", RATE_LIMIT="2/minute")
    c = app.test_client()
    try:
        urls = [(m, concrete(p)) for m, p, _ in spec_operations(app)]
        urls += [("GET", "/api/v1/nope"), ("POST", "/api/v1/stats"), ("GET", "/api/v1/paths?from=a&to=b&k=99"),
                 ("GET", "/healthz"), ("GET", "/api/v1/openapi.json"), ("GET", "/api/v1/docs")]
        for origin in (EVIL, "null", "https://ok.example.evil.example", "http://ok.example", "https://OK.example "):
            for method, url in urls:
                for headers in ({"Origin": origin}, {"Origin": origin, "X-API-Key": KEY}):
                    r = c.open(url, method=method, headers=headers)
                    r.get_data()  # let a streamed answer (export) finish inside its request
                    assert "Access-Control-Allow-Origin" not in r.headers, (origin, method, url, r.status_code)
                pre = c.options(url.split("?")[0], headers={"Origin": origin, "Access-Control-Request-Method": method,
                                                            "Access-Control-Request-Headers": "X-API-Key"})
                assert "Access-Control-Allow-Origin" not in pre.headers, (origin, "OPTIONS", url)
                assert "Access-Control-Allow-Headers" not in pre.headers, (origin, "OPTIONS", url)
        r = c.get("/api/v1/stats", headers={"Origin": "https://ok.example"})
        assert r.headers["Access-Control-Allow-Origin"] == "https://ok.example"  # the allowed one still works
    finally:
        app.extensions["innograph"].close()

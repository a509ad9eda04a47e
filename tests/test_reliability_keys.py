"""Keys and limits (ISSUE 8, item 7), driven by the OpenAPI document so that a write route added later
is covered: every write operation answers 401 without a key and 403 with a wrong one (before touching
the body or the store), is rate limited with 429 and Retry-After (wrong keys too, per client address:
no key guessing at full speed), and no response to a non-allowed origin carries a CORS header, errors
and preflights included. A new write route fails here until WITH_THE_KEY says what it answers with
the right key. tests/test_api_errors.py pins the shapes on the two write routes known today.
"""
from __future__ import annotations

import io
import re

import pytest
from support.apiworld import KEY, make_app, open_world

WRITE_METHODS = {"post", "put", "patch", "delete"}
EVIL = "https://evil.example"
# What each write operation answers with the right key to send(): the upload is ingested (200), there
# is nothing to delete (404).
WITH_THE_KEY = {("POST", "/api/v1/documents"): 200, ("DELETE", "/api/v1/documents/{id}"): 404,
                # a verdict is JSON: the multipart body send() posts is refused as invalid input
                ("POST", "/api/v1/review/relations"): 422, ("POST", "/api/v1/review/entities"): 422,
                ("POST", "/api/v1/watches"): 422}  # (a form, not the JSON a watch is)
# Credentials that are not the key: a wrong key is 403; an Authorization that is not "Bearer" carries no key (401).
NOT_THE_KEY = [({"X-API-Key": "wrong"}, 403), ({"Authorization": "Bearer wrong"}, 403), ({"X-API-Key": KEY + "x"}, 403),
               ({"X-API-Key": KEY[:-1]}, 403), ({"Authorization": f"Basic {KEY}"}, 401)]


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
            for wrong, status in NOT_THE_KEY:
                r = send(c, method, path, wrong)
                assert r.status_code == status, (method, path, wrong, r.status_code)
                assert KEY not in r.get_data(as_text=True) and "wrong" not in r.get_data(as_text=True)
        assert sqlite_world.stats() == before
        # the same routes with the right key get past the check
        assert {(m, p) for m, p, _op in writes} == set(WITH_THE_KEY), "say in WITH_THE_KEY what a new write answers"
        for method, path, _op in writes:
            assert send(c, method, path, {"X-API-Key": KEY}).status_code == WITH_THE_KEY[method, path], (method, path)
    finally:
        app.extensions["innograph"].close()


def test_methods_outside_the_document_are_not_a_way_around_keys(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path)
    c = app.test_client()
    before = sqlite_world.stats()
    # Without a key, and with X-HTTP-Method-Override (which nothing honours): a documented write is 401,
    # any other write method 405, and a GET is the GET (405 where there is none: /documents only takes POST).
    expected = {"/api/v1/documents": {"PUT": 405, "PATCH": 405, "DELETE": 405, "POST": 401, "GET": 405},
                "/api/v1/documents/document:news-coop-1": {"PUT": 405, "PATCH": 405, "DELETE": 401, "POST": 405,
                                                           "GET": 200},
                "/api/v1/entities/city:jiaxing": {"PUT": 405, "PATCH": 405, "DELETE": 405, "POST": 405, "GET": 200}}
    try:
        for path, answers in expected.items():
            for method, status in answers.items():
                r = c.open(path, method=method, headers={"X-HTTP-Method-Override": "DELETE"})
                assert r.status_code == status, (method, path, r.status_code)
        assert sqlite_world.stats() == before
    finally:
        app.extensions["innograph"].close()


def test_every_write_operation_is_rate_limited(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path, RATE_LIMIT="3/minute")
    try:
        writes = [(m, p) for m, p, _ in spec_operations(app) if m.lower() in WRITE_METHODS]
        for method, path in writes:
            rt = app.extensions["innograph"]
            rt.limiter.reset()
            c = app.test_client()
            statuses = [send(c, method, path, {"X-API-Key": KEY}).status_code for _ in range(4)]
            assert statuses == [WITH_THE_KEY[method, path]] * 3 + [429], (method, path, statuses)
            r = send(c, method, path, {"Authorization": f"Bearer {KEY}"})  # the same key, the other header
            assert r.status_code == 429 and 1 <= int(r.headers["Retry-After"]) <= 60, (method, path)
            assert r.mimetype == "application/problem+json"
            # wrong keys from one address run out too: 429 instead of endless 403s
            rt.limiter.reset()
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

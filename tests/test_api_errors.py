"""The API's edges: one problem+json shape for every error, limits, keys, CORS, rate limit, size
limit, timeouts, the store being down, and the app factory's configuration."""
from __future__ import annotations

import io
import sqlite3
import time

import pytest
from test_api import KEY, make_app, open_world

from api.app import create_app

PROBLEM_KEYS = {"type", "title", "status", "detail"}


@pytest.fixture
def sqlite_world(tmp_path):
    with open_world(tmp_path / "world.db") as s:
        yield s


@pytest.fixture
def app(sqlite_world, tmp_path):
    a = make_app(sqlite_world, tmp_path)
    yield a
    a.extensions["innograph"].close()


@pytest.fixture
def client(app):
    return app.test_client()


def problem(resp, status: int) -> dict:
    """Assert the pinned error shape and return the body."""
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == "application/problem+json"
    body = resp.get_json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"where", "errors"}
    assert body["status"] == status and body["type"] == "about:blank"
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    text = resp.get_data(as_text=True)
    assert "Traceback" not in text and "File \"" not in text
    return body


# ---- one error shape -------------------------------------------------------------------------
def test_every_error_is_problem_json(client):
    assert "no /api/v1/nope" in problem(client.get("/api/v1/nope"), 404)["detail"]
    r = client.post("/api/v1/stats")
    assert problem(r, 405)["detail"] == "POST is not allowed on /api/v1/stats" and "GET" in r.headers["Allow"]
    assert problem(client.get("/api/v1/entities/city:nowhere"), 404)["detail"] == "no entity 'city:nowhere'"
    body = problem(client.get("/api/v1/paths?to=x"), 422)  # APIFlask's own validation error
    assert body["where"] == "from" and body["errors"][0]["in"] == "query"
    assert problem(client.get("/api/v1/paths?from=a&to=b&k=abc"), 422)["where"] == "k"
    assert problem(client.get("/api/v1/match/experts?enterprise=Jiaxing"), 422)["where"] == "enterprise"
    assert problem(client.delete("/api/v1/documents/document:x"), 401)["title"] == "Unauthorized"
    assert problem(client.delete("/api/v1/documents/document:x", headers={"X-API-Key": "no"}), 403)


@pytest.mark.parametrize("url, param", [
    ("/api/v1/paths?from=Jiaxing&to=Changchun&k=11", "k"),
    ("/api/v1/paths?from=Jiaxing&to=Changchun&max_hops=7", "max_hops"),
    ("/api/v1/entities/city:jiaxing/neighbours?depth=4", "depth"),
    ("/api/v1/entities/city:jiaxing/neighbours?limit=501", "limit"),
    ("/api/v1/entities?q=Jiaxing&limit=501", "limit"),
    ("/api/v1/match/experts?enterprise=Hengtai&k=11", "k"),
    ("/api/v1/match/enterprises?expert=Li%20Wei&k=0", "k"),
    ("/api/v1/cooperation?limit=501", "limit"),
    ("/api/v1/cooperation/city:jiaxing?limit=501", "limit"),
    ("/api/v1/cooperation?min_weight=-1", "min_weight"),
    ("/api/v1/paths?from=Jiaxing&to=Changchun&types=LOCATED_IN,FRIENDS", "types"),
    ("/api/v1/paths?from=Jiaxing&to=Changchun&types=MENTIONS", "types"),
    ("/api/v1/entities?q=x&type=Planet", "type"),
    ("/api/v1/entities?q=x&type=Document", "type"),
    ("/api/v1/entities/city:jiaxing/neighbours?labels=Nope", "labels"),
    ("/api/v1/cooperation?level=county", "level"),
    ("/api/v1/export?format=xlsx", "format"),
])
def test_a_limit_or_filter_violation_is_422_naming_the_parameter(client, url, param):
    body = problem(client.get(url), 422)
    assert body["where"] == param
    assert body["detail"].startswith(param + ": ")


def test_limit_detail_says_the_limit(client):
    detail = problem(client.get("/api/v1/paths?from=a&to=b&max_hops=7"), 422)["detail"]
    assert detail == "max_hops: must be between 1 and 6, got 7"
    bad = problem(client.get("/api/v1/paths?from=a&to=b&k=11&max_hops=7"), 422)
    assert {e["where"] for e in bad["errors"]} == {"k", "max_hops"}


def test_unexpected_errors_are_500_without_details(sqlite_world, tmp_path, monkeypatch):
    app = make_app(sqlite_world, tmp_path)
    monkeypatch.setattr(sqlite_world, "stats", lambda: (_ for _ in ()).throw(RuntimeError("MATCH (n) secret")))
    try:
        body = problem(app.test_client().get("/api/v1/stats"), 500)
        assert "secret" not in body["detail"] and "MATCH" not in body["detail"] and "ref " in body["detail"]
    finally:
        app.extensions["innograph"].close()


def test_driver_errors_are_503_without_their_text(sqlite_world, tmp_path, monkeypatch):
    app = make_app(sqlite_world, tmp_path)
    monkeypatch.setattr(sqlite_world, "stats",
                        lambda: (_ for _ in ()).throw(sqlite3.OperationalError("no such table: nodes_x")))
    try:
        body = problem(app.test_client().get("/api/v1/stats"), 503)
        assert "nodes_x" not in body["detail"]
    finally:
        app.extensions["innograph"].close()


def test_a_slow_query_times_out_with_503(sqlite_world, tmp_path, monkeypatch):
    app = make_app(sqlite_world, tmp_path, QUERY_TIMEOUT=0.2)
    real = sqlite_world.stats
    monkeypatch.setattr(sqlite_world, "stats", lambda: (time.sleep(1.0), real())[1])
    try:
        body = problem(app.test_client().get("/api/v1/stats"), 503)
        assert body["title"] == "Query timed out" and "0.2 s" in body["detail"]
    finally:
        app.extensions["innograph"].close()


def test_store_down_is_503(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    app = create_app({"STORE_URI": "sqlite:///" + str(tmp_path / "file" / "x.db")})
    c = app.test_client()
    try:
        assert "cannot be opened" in problem(c.get("/healthz"), 503)["detail"]
        problem(c.get("/api/v1/stats"), 503)
        problem(c.get("/api/v1/export"), 503)
    finally:
        app.extensions["innograph"].close()


def test_closed_app_answers_503(sqlite_world, tmp_path):
    app = create_app({"STORE_URI": "sqlite:///" + str(tmp_path / "own.db")})
    c = app.test_client()
    assert c.get("/healthz").status_code == 200
    rt = app.extensions["innograph"]
    store = rt.store
    rt.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.ping()  # closed with the app
    assert c.get("/api/v1/stats").status_code == 503


def test_body_over_10_mb_is_413(client):
    big = io.BytesIO(b"x" * (10 * 1024 * 1024 + 1))
    r = client.post("/api/v1/documents", data={"file": (big, "big.txt")}, headers={"X-API-Key": KEY},
                    content_type="multipart/form-data")
    assert "10 MB" in problem(r, 413)["detail"]


# ---- keys, rate limit, CORS ------------------------------------------------------------------
def test_write_keys(client, sqlite_world, tmp_path):
    upload = {"file": (io.BytesIO(b"record_type,name\n"), "empty.csv")}
    assert problem(client.post("/api/v1/documents", data=upload, content_type="multipart/form-data"), 401)
    upload = {"file": (io.BytesIO(b"record_type,name\n"), "empty.csv")}
    r = client.post("/api/v1/documents", data=upload, headers={"X-API-Key": "guess"}, content_type="multipart/form-data")
    assert problem(r, 403)["detail"] == "this API key is not allowed to write"
    # the key is checked before the body: a bad body without a key is still 401
    assert problem(client.post("/api/v1/documents"), 401)
    assert client.delete("/api/v1/documents/document:x", headers={"Authorization": f"Bearer {KEY}"}).status_code == 404
    # reads are open
    assert client.get("/api/v1/stats").status_code == 200
    no_keys = make_app(sqlite_world, tmp_path, API_KEYS="")
    try:
        r = no_keys.test_client().delete("/api/v1/documents/document:x", headers={"X-API-Key": KEY})
        assert "no API keys are configured" in problem(r, 403)["detail"]
    finally:
        no_keys.extensions["innograph"].close()


def test_writes_are_rate_limited_per_key(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path, RATE_LIMIT="2/minute", API_KEYS=f"{KEY},other-key")
    c = app.test_client()
    try:
        for _ in range(2):
            assert c.delete("/api/v1/documents/document:x", headers={"X-API-Key": KEY}).status_code == 404
        r = c.delete("/api/v1/documents/document:x", headers={"X-API-Key": KEY})
        problem(r, 429)
        assert 1 <= int(r.headers["Retry-After"]) <= 60
        # another key has its own budget; reads are not limited
        assert c.delete("/api/v1/documents/document:x", headers={"X-API-Key": "other-key"}).status_code == 404
        assert c.get("/api/v1/stats").status_code == 200
    finally:
        app.extensions["innograph"].close()


def test_the_write_limit_is_a_sliding_window(sqlite_world, tmp_path):
    """A hit uses the budget for one window from the moment it is made: the 4th write of 3/2s waits
    for the 1st to leave the window, and then only one more gets through."""
    app = make_app(sqlite_world, tmp_path, RATE_LIMIT="3/2s")
    c = app.test_client()

    def write():
        return c.delete("/api/v1/documents/document:x", headers={"X-API-Key": KEY})

    try:
        start = time.monotonic()
        statuses = [write().status_code]
        time.sleep(1.2)
        statuses += [write().status_code for _ in range(3)]
        assert statuses == [404, 404, 404, 429]
        r = write()
        assert problem(r, 429)["detail"] == "at most 3 writes per 2 s; retry in 1 s" and r.headers["Retry-After"] == "1"
        time.sleep(max(0.0, start + 2.3 - time.monotonic()))  # the 1st write has left the window
        assert [write().status_code for _ in range(2)] == [404, 429]
    finally:
        app.extensions["innograph"].close()


@pytest.mark.parametrize("spec, writes, window", [("2/minute", 2, 60), ("1/hour", 1, 3600), ("3/10s", 3, 10)])
def test_rate_limit_setting(sqlite_world, tmp_path, spec, writes, window):
    app = make_app(sqlite_world, tmp_path, RATE_LIMIT=spec)
    c = app.test_client()
    try:
        statuses = [c.delete("/api/v1/documents/document:x", headers={"X-API-Key": KEY}).status_code
                    for _ in range(writes + 1)]
        assert statuses == [404] * writes + [429]
        r = c.delete("/api/v1/documents/document:x", headers={"X-API-Key": KEY})
        wait = int(r.headers["Retry-After"])
        assert problem(r, 429)["detail"] == f"at most {writes} writes per {window} s; retry in {wait} s"
        assert window - 5 <= wait <= window
    finally:
        app.extensions["innograph"].close()


def test_a_rate_limit_setting_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="not like 30/minute"):
        create_app({"STORE_URI": "sqlite://:memory:", "RATE_LIMIT": "lots"})


def test_cors_is_off_by_default(client):
    r = client.get("/api/v1/stats", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200 and "Access-Control-Allow-Origin" not in r.headers


def test_cors_allows_only_listed_origins(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path, CORS_ORIGINS="https://ok.example, https://also.example")
    c = app.test_client()
    try:
        r = c.get("/api/v1/stats", headers={"Origin": "https://ok.example"})
        assert r.headers["Access-Control-Allow-Origin"] == "https://ok.example" and "Origin" in r.headers["Vary"]
        assert "Access-Control-Allow-Origin" not in c.get("/api/v1/stats", headers={"Origin": "https://evil.example"}).headers
        pre = c.options("/api/v1/documents", headers={"Origin": "https://also.example",
                                                      "Access-Control-Request-Method": "POST",
                                                      "Access-Control-Request-Headers": "X-API-Key"})
        assert pre.status_code == 200 and "X-API-Key" in pre.headers["Access-Control-Allow-Headers"]
        assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    finally:
        app.extensions["innograph"].close()


# ---- the factory --------------------------------------------------------------------------------
def test_config_from_the_environment(tmp_path, monkeypatch):
    uri = "sqlite:///" + str(tmp_path / "env.db")
    monkeypatch.setenv("INNOGRAPH_STORE", uri)
    monkeypatch.setenv("INNOGRAPH_API_KEYS", "a-key, b-key")
    monkeypatch.setenv("INNOGRAPH_CORS_ORIGINS", "https://ok.example")
    app = create_app()
    try:
        assert app.config["STORE_URI"] == uri and app.extensions["innograph"].keys == ["a-key", "b-key"]
        assert app.config["CORS_ORIGINS"] == ["https://ok.example"]
        assert not (tmp_path / "env.db").exists()  # opened lazily
        assert app.test_client().get("/healthz").status_code == 200
        assert (tmp_path / "env.db").exists()
        other = create_app({"STORE_URI": "sqlite://:memory:"})
        assert other.extensions["innograph"] is not app.extensions["innograph"]
        other.extensions["innograph"].close()
    finally:
        app.extensions["innograph"].close()


def test_docs_openapi_and_web_page(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200 and spec.get_json()["info"]["title"] == "InnoGraph API"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"openapi.json" in docs.data
    import importlib.util

    if importlib.util.find_spec("api.web"):
        assert client.get("/").status_code == 200


def test_reads_can_be_protected(sqlite_world, tmp_path):
    app = make_app(sqlite_world, tmp_path, PROTECT_READS=True)
    c = app.test_client()
    try:
        r = c.get("/api/v1/stats")
        assert problem(r, 401) and r.headers["WWW-Authenticate"].startswith("ApiKey")
        assert problem(c.get("/api/v1/stats", headers={"X-API-Key": "nope"}), 403)
        assert c.get("/api/v1/stats", headers={"X-API-Key": KEY}).status_code == 200
        assert c.get("/api/v1/openapi.json").status_code == 200 and c.get("/healthz").status_code == 200
        spec = c.get("/api/v1/openapi.json").get_json()
        assert spec["paths"]["/api/v1/stats"]["get"]["security"] == [{"ApiKey": []}]
    finally:
        app.extensions["innograph"].close()


def test_a_slow_index_build_answers_503_then_serves(sqlite_world, tmp_path, monkeypatch):
    from graph.match import MatchIndex

    real = MatchIndex.build.__func__
    delay = {"s": 1.5}

    def slow(cls, store):
        time.sleep(delay["s"])
        return real(cls, store)

    monkeypatch.setattr(MatchIndex, "build", classmethod(slow))
    app = make_app(sqlite_world, tmp_path, QUERY_TIMEOUT=0.5)
    c = app.test_client()
    url = "/api/v1/match/experts?enterprise=Hengtai"
    try:
        r = c.get(url)
        assert problem(r, 503)["title"] == "Busy" and r.headers["Retry-After"] == "5"
        time.sleep(2.0)  # the build went on in the background
        first = c.get(url)
        assert first.status_code == 200
        # after a write the old index answers while the new one is built
        c.delete("/api/v1/documents/" + "document:reg-x4", headers={"X-API-Key": KEY})
        stale = c.get(url)
        assert stale.status_code == 200 and stale.get_json() == first.get_json()
        time.sleep(2.0)
        assert c.get(url).status_code == 200
    finally:
        app.extensions["innograph"].close()


def test_blank_or_overlong_references_are_422(client):
    assert problem(client.get("/api/v1/entities?q=%00"), 422)["where"] == "q"
    assert problem(client.get("/api/v1/entities?q=!!!"), 422)["detail"] == "q: has no letters or digits to search for"
    long = "b" * 301
    for url in (f"/api/v1/entities/{long}", f"/api/v1/entities/{long}/neighbours", f"/api/v1/cooperation/{long}",
                f"/api/v1/documents/{long}", "/api/v1/entities/%20"):
        assert problem(client.get(url), 422)["where"] == "id"


def test_indexes_are_built_only_for_valid_requests(sqlite_world, tmp_path, monkeypatch):
    from graph.cooperation import CoopIndex
    from graph.match import MatchIndex

    def boom(cls, store):
        raise AssertionError("no index should be built")

    monkeypatch.setattr(MatchIndex, "build", classmethod(boom))
    monkeypatch.setattr(CoopIndex, "build", classmethod(boom))
    app = make_app(sqlite_world, tmp_path)
    c = app.test_client()
    try:
        problem(c.get("/api/v1/match/experts?enterprise=Nobody"), 404)
        problem(c.get("/api/v1/match/enterprises?expert=Jiaxing"), 422)
        problem(c.get("/api/v1/cooperation/organisation:zhejiang-university"), 422)
        problem(c.get("/api/v1/cooperation?region=Atlantis"), 404)
    finally:
        app.extensions["innograph"].close()


def test_warm_up_builds_the_graph_and_the_indexes_before_the_first_request(tmp_path):
    """``innograph serve`` warms up: the store's graph view and search index, and the match and
    cooperation indexes, are built in the background; the first match request then finds them."""
    from graph.store import open_store

    path = tmp_path / "warm.db"
    open_world(path).close()
    store = open_store("sqlite:///" + str(path))
    app = make_app(store, tmp_path)
    rt = app.extensions["innograph"]
    try:
        assert not rt._cache and store._nx is None
        rt.warm_up().join(timeout=60)
        assert {"match", "cooperation"} <= set(rt._cache)
        assert store._nx is not None and store._keyidx is not None
        built = rt._cache["match"][2]
        r = app.test_client().get("/api/v1/match/experts?enterprise=Hengtai")
        assert r.status_code == 200 and r.get_json()["matches"]
        assert rt._cache["match"][2] is built  # answered from the warmed index, not a new build
    finally:
        rt.close()
        store.close()

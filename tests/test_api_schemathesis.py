"""The OpenAPI document validates, and schemathesis finds no server error and no response that breaks
its documented schema, in every operation (positive and negative data, ~50 examples each; set
SCHEMATHESIS_EXAMPLES to raise it). Runs in-process against the WSGI app on the embedded store.
"""
from __future__ import annotations

import collections
import importlib.util
import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from builders import doc_id  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402
from test_api import KEY, api_world  # noqa: E402

from api.app import create_app  # noqa: E402
from graph.store import open_store  # noqa: E402

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "50"))
CHECKS = [not_a_server_error, response_schema_conformance]

# Issue 5's endpoints, all of which the document must describe.
REQUIRED = {("GET", "/api/v1/entities"), ("GET", "/api/v1/entities/{id}"), ("GET", "/api/v1/entities/{id}/neighbours"),
            ("GET", "/api/v1/paths"), ("GET", "/api/v1/match/experts"), ("GET", "/api/v1/match/enterprises"),
            ("GET", "/api/v1/cooperation"), ("GET", "/api/v1/cooperation/{id}"), ("GET", "/api/v1/stats"),
            ("GET", "/api/v1/export"), ("POST", "/api/v1/documents"), ("DELETE", "/api/v1/documents/{id}"),
            ("GET", "/healthz")}

# Real values, so that fuzzing also walks the paths that find something.
ANCHORS = {
    ("GET", "/api/v1/entities"): {"query": {"q": "Jiaxing"}},
    ("GET", "/api/v1/entities/{id}"): {"path_parameters": {"id": "city:jiaxing"}},
    ("GET", "/api/v1/entities/{id}/neighbours"): {"path_parameters": {"id": "city:jiaxing"}},
    ("GET", "/api/v1/paths"): {"query": {"from": "Hengtai", "to": "Changchun"}},
    ("GET", "/api/v1/match/experts"): {"query": {"enterprise": "Hengtai"}},
    ("GET", "/api/v1/match/enterprises"): {"query": {"expert": "Fang Zhiyuan"}},
    ("GET", "/api/v1/cooperation"): {"query": {"region": "Zhejiang"}},
    ("GET", "/api/v1/cooperation/{id}"): {"path_parameters": {"id": "city:jiaxing"}},
    ("GET", "/api/v1/documents/{id}"): {"path_parameters": {"id": doc_id("news-coop-1")}},
}


def _spec() -> dict:
    app = create_app({"STORE_URI": "sqlite://:memory:"})
    try:
        return app.test_client().get("/api/v1/openapi.json").get_json()
    finally:
        app.extensions["innograph"].close()


SPEC = _spec()
OPERATIONS = sorted((m.upper(), p) for p, ops in SPEC["paths"].items() for m in ops
                    if m in ("get", "post", "put", "patch", "delete"))
# Negative data needs something that can be invalid: a query parameter or a body (a bare string
# path parameter cannot be).
NEGATABLE = [(m, p) for m, p in OPERATIONS
             if any(x["in"] == "query" for x in SPEC["paths"][p][m.lower()].get("parameters", []))
             or "requestBody" in SPEC["paths"][p][m.lower()]]
CASES = [(m, p, GenerationMode.POSITIVE) for m, p in OPERATIONS] + [(m, p, GenerationMode.NEGATIVE)
                                                                    for m, p in NEGATABLE]
TALLY: collections.Counter = collections.Counter()


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    store = open_store("sqlite:///" + str(tmp / "fuzz.db"))
    store.upsert(api_world().batch())
    app = create_app({"STORE": store, "API_KEYS": KEY, "RATE_LIMIT": "100000/minute", "TESTING": True,
                      "REJECTS_PATH": str(tmp / "rejects.jsonl")})
    yield app
    app.extensions["innograph"].close()
    store.close()
    print(f"\nschemathesis: {sum(TALLY.values())} requests over {len(OPERATIONS)} operations; "
          f"statuses {dict(sorted(TALLY.items()))}; server errors {sum(v for k, v in TALLY.items() if k >= 500)}")


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)


def test_openapi_document_validates(api_schema, fuzz_app):
    api_schema.validate()  # against the OpenAPI meta-schema; raises on any violation
    spec = fuzz_app.test_client().get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert REQUIRED <= set(OPERATIONS)
    if importlib.util.find_spec("openapi_spec_validator"):
        from openapi_spec_validator import validate

        validate(spec)
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for code, resp in op["responses"].items():
                if code[0] in "45":
                    assert list(resp["content"]) == ["application/problem+json"], (method, path, code)
            if (method.upper(), path) in {("POST", "/api/v1/documents"), ("DELETE", "/api/v1/documents/{id}")}:
                assert op["security"] == [{"ApiKey": []}] and {"401", "403", "429"} <= set(op["responses"])


def _run(api_schema, method, path, mode, **overrides):
    op = api_schema[path][method]
    headers = {"X-API-Key": KEY} if method in ("POST", "PUT", "PATCH", "DELETE") else None

    @given(case=op.as_strategy(generation_mode=mode, **overrides))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call(headers=headers)
        TALLY[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    check()


@pytest.mark.parametrize("method, path, mode", CASES, ids=[f"{m} {p} {g.value}" for m, p, g in CASES])
def test_schemathesis(api_schema, method, path, mode):
    _run(api_schema, method, path, mode)


@pytest.mark.parametrize("method, path", sorted(ANCHORS), ids=[f"{m} {p}" for m, p in sorted(ANCHORS)])
def test_schemathesis_anchored_on_real_entities(api_schema, method, path):
    _run(api_schema, method, path, GenerationMode.POSITIVE, **ANCHORS[(method, path)])

"""The OpenAPI document validates, and schemathesis with *every* check finds no server error, no
response that breaks its documented schema and no disagreement between the document and the
server's validation (a schema-valid request refused, ST202, or a schema-invalid one accepted), in
every operation (positive and negative data, ~50 examples each in ``make test``; ``make fuzz`` sets
SCHEMATHESIS_EXAMPLES=200). Runs in-process against the WSGI app on the embedded store.
"""
from __future__ import annotations

import collections
import contextlib
import importlib.util
import json
import os
import re

import pytest

schemathesis = pytest.importorskip("schemathesis")
from builders import doc_id  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import CHECKS, load_all_checks  # noqa: E402
from schemathesis.specs.openapi import formats  # noqa: E402
from test_api import KEY, open_world  # noqa: E402

from api.app import create_app  # noqa: E402
from api.schemas import UPLOAD_EXTENSIONS, UPLOAD_NAME  # noqa: E402

load_all_checks()
ALL_CHECKS = CHECKS.get_all()
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "50"))
WRITES = ("POST", "PUT", "PATCH", "DELETE")

# Issue 5's endpoints, all of which the document must describe.
REQUIRED = {("GET", "/api/v1/entities"), ("GET", "/api/v1/entities/{id}"), ("GET", "/api/v1/entities/{id}/neighbours"),
            ("GET", "/api/v1/entities/{id}/relations"),
            ("GET", "/api/v1/paths"), ("GET", "/api/v1/match/experts"), ("GET", "/api/v1/match/enterprises"),
            ("GET", "/api/v1/cooperation"), ("GET", "/api/v1/cooperation/{id}"), ("GET", "/api/v1/stats"),
            ("GET", "/api/v1/export"), ("POST", "/api/v1/documents"), ("DELETE", "/api/v1/documents/{id}"),
            ("GET", "/healthz")}

# Real values, so that fuzzing also walks the paths that find something.
ANCHORS = {
    ("GET", "/api/v1/entities"): {"query": {"q": "Jiaxing"}},
    ("GET", "/api/v1/entities/{id}"): {"path_parameters": {"id": "city:jiaxing"}},
    ("GET", "/api/v1/entities/{id}/neighbours"): {"path_parameters": {"id": "city:jiaxing"}},
    ("GET", "/api/v1/entities/{id}/relations"): {"path_parameters": {"id": "city:jiaxing"}},
    ("GET", "/api/v1/paths"): {"query": {"from": "Hengtai", "to": "Changchun"}},
    ("GET", "/api/v1/match/experts"): {"query": {"enterprise": "Hengtai"}},
    ("GET", "/api/v1/match/enterprises"): {"query": {"expert": "Fang Zhiyuan"}},
    ("GET", "/api/v1/cooperation"): {"query": {"region": "Zhejiang"}},
    ("GET", "/api/v1/cooperation/{id}"): {"path_parameters": {"id": "city:jiaxing"}},
    ("GET", "/api/v1/documents/{id}"): {"path_parameters": {"id": doc_id("news-coop-1")}},
}


def fuzz_app(tmp, **config):
    """(app, store): the API over a SQLite file holding the test world, writes allowed with KEY."""
    store = open_world(tmp / "fuzz.db")
    settings_ = {"STORE": store, "API_KEYS": KEY, "RATE_LIMIT": "1000000/minute", "TESTING": True,
                 "REJECTS_PATH": str(tmp / "rejects.jsonl"), "QUERY_TIMEOUT": 60}
    settings_.update(config)
    return create_app(settings_), store


def spec_cases(spec: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str, GenerationMode]]]:
    """(operations, cases): every operation of ``spec`` positive, and negative where something can be
    invalid (a query parameter or a body; a bare string path parameter cannot be)."""
    ops = sorted((m.upper(), p) for p, o in spec["paths"].items() for m in o
                 if m in ("get", "post", "put", "patch", "delete"))
    cases = [(m, p, GenerationMode.POSITIVE) for m, p in ops]
    for m, p in ops:
        op = spec["paths"][p][m.lower()]
        if any(x["in"] == "query" for x in op.get("parameters", [])) or "requestBody" in op:
            cases.append((m, p, GenerationMode.NEGATIVE))
    return ops, cases


# The document says an upload is UTF-8 text (its `encoding`); schemathesis draws `format: binary` as
# random bytes and image files, which no reader of the API takes. Uploads are drawn as text instead:
# a JSON array of one record, which every reader the file name may pick (news, CSV, JSON, JSON lines)
# can read (the record itself may well be rejected: that is a 200 with `rejected`); no ";", which
# the CSV reader takes for a wrong separator when the header has one column.
TEXT_FILES = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffd;")
                     | st.sampled_from("\n\t,\"'"), min_size=1, max_size=300).map(
    lambda t: json.dumps([{"record_type": t}], ensure_ascii=False).encode())


@contextlib.contextmanager
def text_uploads():
    """While active, schemathesis draws ``format: binary`` (the upload's file) as UTF-8 text files."""
    before = formats.STRING_FORMATS.get("binary")
    schemathesis.openapi.format("binary", TEXT_FILES)
    try:
        yield
    finally:
        if before is None:
            formats.unregister_string_format("binary")
        else:
            formats.STRING_FORMATS["binary"] = before
            formats._invalidate_caches()


def failure_titles(exc) -> list[str]:
    """'CODE title' of each failure in a schemathesis FailureGroup (or one exception)."""
    subs = getattr(exc, "exceptions", None) or [exc]
    return [f"{getattr(e, 'code', '') or type(e).__name__} {getattr(e, 'title', '') or str(e)[:80]}".strip()
            for e in subs]


def run_operation(api_schema, method: str, path: str, mode, *, examples: int = EXAMPLES, checks=ALL_CHECKS,
                  tally: collections.Counter | None = None, findings=None, **overrides) -> None:
    """Fuzz one operation: every response under 500 and passing ``checks``; statuses counted in
    ``tally``, failure titles in ``findings[f"{method} {path}"]`` (then re-raised)."""
    op = api_schema[path][method]
    headers = {"X-API-Key": KEY} if method in WRITES else None

    @given(case=op.as_strategy(generation_mode=mode, **overrides))
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call(headers=headers)
        if tally is not None:
            tally[response.status_code] += 1
        assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:300])
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except BaseException as exc:  # schemathesis raises a FailureGroup (a BaseExceptionGroup)
            if findings is not None and not isinstance(exc, (KeyboardInterrupt, SystemExit)):
                for title in failure_titles(exc):
                    findings[f"{method} {path}"][title] += 1
            raise

    check()


def _spec() -> dict:
    app = create_app({"STORE_URI": "sqlite://:memory:"})
    try:
        return app.test_client().get("/api/v1/openapi.json").get_json()
    finally:
        app.extensions["innograph"].close()


SPEC = _spec()
OPERATIONS, CASES = spec_cases(SPEC)
TALLY: collections.Counter = collections.Counter()
FINDINGS: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app, store = fuzz_app(tmp_path_factory.mktemp("fuzz"))
    with text_uploads():
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    app.extensions["innograph"].close()
    store.close()
    print(f"\nschemathesis (all {len(ALL_CHECKS)} checks): {sum(TALLY.values())} requests over {len(OPERATIONS)} "
          f"operations; statuses {dict(sorted(TALLY.items()))}; server errors "
          f"{sum(v for k, v in TALLY.items() if k >= 500)}; findings {dict(FINDINGS) or 'none'}")


def test_openapi_document_validates(api_schema):
    api_schema.validate()  # against the OpenAPI meta-schema; raises on any violation
    spec = SPEC
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
            for param in op.get("parameters", []):
                if param["in"] == "path":  # the server's limits on ids, documented
                    assert param["schema"]["maxLength"] == 300 and param["schema"]["pattern"], (method, path)


def test_the_document_names_the_constraints_the_server_checks():
    params = {p["name"]: p["schema"] for p in SPEC["paths"]["/api/v1/entities/{id}/neighbours"]["get"]["parameters"]}
    assert re.search(params["labels"]["pattern"], "City, Person") and not re.search(params["labels"]["pattern"], "Town")
    assert re.search(params["types"]["pattern"], "LOCATED_IN,") and not re.search(params["types"]["pattern"], "MENTIONS")
    assert (params["limit"]["minimum"], params["limit"]["maximum"], params["depth"]["maximum"]) == (1, 500, 3)
    q = next(p["schema"] for p in SPEC["paths"]["/api/v1/entities"]["get"]["parameters"] if p["name"] == "q")
    assert re.search(q["pattern"], "嘉兴") and not re.search(q["pattern"], "!!! ___")
    import extract.formats

    assert set(UPLOAD_EXTENSIONS) == set(extract.formats.NEWS_EXTENSIONS) | set(extract.formats.RECORD_FORMATS)
    body = SPEC["paths"]["/api/v1/documents"]["post"]["requestBody"]
    assert body["required"] and "Content-Disposition" in body["content"]["multipart/form-data"]["encoding"]["file"]["headers"]
    assert re.search(UPLOAD_NAME, "experts.CSV") and not re.search(UPLOAD_NAME, "../x.csv")


@pytest.mark.parametrize("method, path, mode", CASES, ids=[f"{m} {p} {g.value}" for m, p, g in CASES])
def test_schemathesis(api_schema, method, path, mode):
    run_operation(api_schema, method, path, mode, tally=TALLY, findings=FINDINGS)


@pytest.mark.parametrize("method, path", sorted(ANCHORS), ids=[f"{m} {p}" for m, p in sorted(ANCHORS)])
def test_schemathesis_anchored_on_real_entities(api_schema, method, path):
    run_operation(api_schema, method, path, GenerationMode.POSITIVE, tally=TALLY, findings=FINDINGS,
                  **ANCHORS[(method, path)])

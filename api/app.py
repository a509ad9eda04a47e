"""The HTTP API: ``create_app(config=None)`` builds a Flask (APIFlask) app, one blueprint per concern.

Nothing happens at import time. The store is opened lazily, once per app, on the first request
that needs it (``app.extensions["innograph"]``), and closed when the process exits (or by
``app.extensions["innograph"].close()``). Every store query runs with a timeout (``QUERY_TIMEOUT``
seconds, 503 when it runs past it).

Configuration (``config`` overrides the environment):

============== ================================== =============================================
key            environment                        meaning
============== ================================== =============================================
STORE_URI      INNOGRAPH_STORE                    store URI (default ``sqlite:///innograph.db``)
STORE          --                                 an open GraphStore to use (the app won't close it)
API_KEYS       INNOGRAPH_API_KEYS                 comma-separated keys allowed to write
CORS_ORIGINS   INNOGRAPH_CORS_ORIGINS             comma-separated allowed origins; empty: CORS off
RATE_LIMIT     INNOGRAPH_RATE_LIMIT               writes per key, e.g. ``30/minute`` (default)
QUERY_TIMEOUT  INNOGRAPH_QUERY_TIMEOUT            seconds per store query (default 10)
INGEST_TIMEOUT INNOGRAPH_INGEST_TIMEOUT           seconds per upload (default 300)
CACHE_TTL      --                                 seconds a match/cooperation index lives (600)
PROTECT_READS  INNOGRAPH_PROTECT_READS            1/true: reads need a key too (default: open)
REJECTS_PATH   INNOGRAPH_REJECTS                  where ingest writes rejected records
============== ================================== =============================================

>>> app = create_app({"STORE_URI": "sqlite://:memory:", "TESTING": True})
>>> client = app.test_client()
>>> client.get("/healthz").get_json()
{'status': 'ok', 'store': 'sqlite'}
>>> r = client.get("/api/v1/paths?from=a&to=b&k=11")
>>> r.status_code, r.mimetype, r.get_json()["detail"]
(422, 'application/problem+json', 'k: must be between 1 and 10, got 11')
>>> app.extensions["innograph"].close()
"""
from __future__ import annotations

import atexit
import contextlib
import importlib
import re
import weakref

from apiflask import APIFlask
from flask import current_app
from flask_cors import CORS

from api.problems import problem_responses, register_error_handlers
from api.runtime import API_PREFIX, Runtime
from api.settings import read_settings
from api.web import DOCS_ASSETS
from graph.limits import MAX_LIMIT

BLUEPRINTS = ("api.routes.entities", "api.routes.paths", "api.routes.match", "api.routes.cooperation",
              "api.routes.graph", "api.routes.documents", "api.routes.health", "api.routes.ontology", "api.routes.review",
              "api.routes.changes", "api.routes.watches", "api.routes.timeline", "api.web")


@contextlib.contextmanager
def scratch_client(config: dict | None = None):
    """A test client of an app over an empty in-memory store, closed afterwards (for examples).

    >>> with scratch_client() as c:
    ...     c.get("/api/v1/stats").status_code
    200
    """
    app = create_app({"STORE_URI": "sqlite://:memory:", **(config or {})})
    try:
        yield app.test_client()
    finally:
        app.extensions["innograph"].close()


CORS_METHODS = ["GET", "POST", "DELETE", "OPTIONS"]
CORS_HEADERS = ["Content-Type", "X-API-Key", "Authorization"]
CORS_EXPOSED = ["Retry-After", "Content-Disposition"]


def _headers(app) -> None:
    """CORS by flask-cors for the CORS_ORIGINS only (matched exactly; ``*``: any), off without them;
    ``Vary: Origin`` on every answer when they are set, and ``X-Content-Type-Options: nosniff`` always.

    >>> with scratch_client({"CORS_ORIGINS": "https://ok.example"}) as c:
    ...     ok = c.get("/healthz", headers={"Origin": "https://ok.example"})
    ...     evil = c.get("/healthz", headers={"Origin": "https://evil.example"})
    >>> ok.headers["Access-Control-Allow-Origin"], "Access-Control-Allow-Origin" in evil.headers
    ('https://ok.example', False)
    >>> evil.headers["Vary"], evil.headers["X-Content-Type-Options"]
    ('Origin', 'nosniff')
    """
    origins = app.config["CORS_ORIGINS"]
    if origins:
        CORS(app, origins=["*" if o == "*" else re.compile(re.escape(o) + r"\Z") for o in origins],
             methods=CORS_METHODS, allow_headers=CORS_HEADERS, expose_headers=CORS_EXPOSED, max_age=600,
             always_send=False, vary_header=False)

    @app.after_request
    def add_headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        if origins:
            resp.vary.add("Origin")  # flask-cors adds it only when an allowed origin matched
        return resp


def _document_extras(spec: dict) -> dict:
    """What APIFlask cannot declare on a route, added to the generated document (everything else,
    every error response included, is declared on the routes):

    * the upload's request body is required, and how its file part is encoded (``input()`` sets
      neither); so is a new watch's;
    * with PROTECT_READS, reads need a key too: a setting of each app, while a route's ``doc()`` is
      fixed when its blueprint is imported, the same for every app.
    """
    from api.schemas import UPLOAD_ENCODING  # the schemas read the ontology: not at import time

    upload = spec["paths"][f"{API_PREFIX}/documents"]["post"]["requestBody"]
    upload["required"] = True
    upload["content"]["multipart/form-data"]["encoding"] = UPLOAD_ENCODING
    for what in ("relations", "entities"):  # a verdict is its body
        spec["paths"][f"{API_PREFIX}/review/{what}"]["post"]["requestBody"]["required"] = True
    spec["paths"][f"{API_PREFIX}/watches"]["post"]["requestBody"]["required"] = True
    if current_app.config["PROTECT_READS"]:
        keyed = problem_responses(401, 403, 429, schema={"$ref": "#/components/schemas/Problem"})
        for path, ops in spec["paths"].items():
            for op in ops.values():
                if path.startswith(API_PREFIX + "/") and "security" not in op:
                    op["security"] = [{"ApiKey": []}]
                    op["responses"].update({str(code): response for code, response in keyed.items()})
    return spec


def create_app(config: dict | None = None) -> APIFlask:
    """Build the app; ``config`` overrides the environment (see the module docstring)."""
    settings = read_settings(config)
    app = APIFlask("api", title="InnoGraph API", version="1.0.0", spec_path="/openapi.json", static_folder=None,
                   docs_path="/docs", openapi_blueprint_url_prefix=API_PREFIX, docs_oauth2_redirect_path=None)
    app.config.update(settings)
    # APIFlask's automatic error responses are application/json; every route declares its own,
    # application/problem+json (api.problems.problem_responses).
    app.config["AUTO_404_RESPONSE"] = False
    app.config["AUTO_VALIDATION_ERROR_RESPONSE"] = False
    app.config["AUTO_AUTH_ERROR_RESPONSE"] = False
    app.config["SECURITY_SCHEMES"] = {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}
    app.config["SYNC_LOCAL_SPEC"] = False
    app.config.update(DOCS_ASSETS)
    app.config["INFO"] = {"description": (
        "Science-and-technology cooperation: who works with whom, through which cities, institutes, "
        "companies and programmes, with the evidence behind every link. Read endpoints are open; "
        "writes need an API key (X-API-Key). Limits: k <= 10, max_hops <= 6, depth <= 3, "
        f"limit <= {MAX_LIMIT}, body <= 10 MB. Errors are application/problem+json.")}
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.url_map.strict_slashes = False

    rt = Runtime(app.config)
    app.extensions["innograph"] = rt
    ref = weakref.ref(rt)
    atexit.register(lambda: ref() and ref().close())

    register_error_handlers(app)
    rt.init_app(app)  # API keys and the rate limit
    _headers(app)
    app.spec_processor(_document_extras)
    for name in BLUEPRINTS:
        app.register_blueprint(importlib.import_module(name).bp)
    return app

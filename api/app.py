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
import hmac
import importlib
import importlib.util
import json
import logging
import math
import os
import re
import threading
import time
import weakref
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from apiflask import APIFlask
from flask import current_app, request

from api.problems import PROBLEM_MIME, Busy, MissingKey, RateLimited, register_error_handlers
from graph.errors import Forbidden, InnoGraphError, QueryTimeout, StoreUnavailable
from graph.store import DEFAULT_URI, MAX_LIMIT, open_store

log = logging.getLogger("innograph.api")
API_PREFIX = "/api/v1"
BLUEPRINTS = ("routes_entities", "routes_paths", "routes_match", "routes_cooperation", "routes_graph",
              "routes_documents", "routes_health")


def _csv(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [str(v).strip() for v in value if str(v).strip()]


def parse_rate(spec: str) -> tuple[int, float]:
    """``"30/minute"`` → (30, 60.0); also ``N/second``, ``N/hour``, ``N/15s``.

    >>> parse_rate("30/minute"), parse_rate("5/10s")
    ((30, 60.0), (5, 10.0))
    """
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour)s?\s*", str(spec))
    if not m or int(m.group(1)) < 1:
        raise ValueError(f"RATE_LIMIT {spec!r} is not like 30/minute")
    unit = {"s": 1, "m": 60, "h": 3600}[m.group(3)[0]]
    return int(m.group(1)), float(int(m.group(2) or 1) * unit)


class RateLimiter:
    """A sliding-window limit per bucket (an API key, or a client address for bad keys).

    >>> rl = RateLimiter(2, 60.0)
    >>> rl.hit("k", now=0.0), rl.hit("k", now=1.0), rl.hit("k", now=2.0)
    (None, None, 58)
    """

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self._hits: dict[str, deque] = {}
        self._lock = threading.Lock()

    def hit(self, bucket: str, now: float | None = None) -> int | None:
        """Record a hit; None when allowed, else the seconds to wait."""
        now = time.monotonic() if now is None else now
        with self._lock:
            q = self._hits.setdefault(bucket, deque())
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                return max(1, math.ceil(q[0] + self.window - now))
            q.append(now)
            if len(self._hits) > 10_000:  # forget idle buckets
                for b in [b for b, d in self._hits.items() if not d or d[-1] <= now - self.window]:
                    del self._hits[b]
            return None


class Runtime:
    """Per-app state: the lazily opened store, the query pool, caches, keys and the rate limiter."""

    def __init__(self, config):
        self.uri = config["STORE_URI"]
        self._store = config.get("STORE")
        self._owned = self._store is None
        self.timeout = float(config["QUERY_TIMEOUT"])
        self.ingest_timeout = float(config["INGEST_TIMEOUT"])
        self.cache_ttl = float(config["CACHE_TTL"])
        self.keys = _csv(config["API_KEYS"])
        self.limiter = RateLimiter(*parse_rate(config["RATE_LIMIT"]))
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=int(config["QUERY_WORKERS"]), thread_name_prefix="innograph-q")
        self._cache: dict[str, tuple] = {}   # name -> (stamp, built at, index)
        self._builds: dict[str, tuple] = {}  # name -> (stamp, future)
        self._cache_lock = threading.Lock()
        self._builder = ThreadPoolExecutor(max_workers=2, thread_name_prefix="innograph-index")
        self.closed = False

    @property
    def backend(self) -> str:
        uri = getattr(self._store, "uri", None) or self.uri
        return "sqlite" if uri.lower().startswith("sqlite") else "neo4j"

    @property
    def store(self):
        """The store, opened on first use (thread-safe); StoreUnavailable (503) if it cannot be."""
        if self._store is None:
            with self._lock:
                if self.closed:
                    raise StoreUnavailable("the server is shutting down")
                if self._store is None:
                    # the stores' own timeouts too, so that the database itself gives up on a
                    # query the API has stopped waiting for
                    options = {"timeout": self.timeout}
                    if not self.uri.lower().startswith("sqlite"):
                        options["write_timeout"] = self.ingest_timeout
                    try:
                        self._store = open_store(self.uri, **options)
                    except InnoGraphError:
                        raise
                    except Exception as exc:  # driver errors carry addresses: log, don't answer them
                        log.error("cannot open the store", exc_info=exc)
                        raise StoreUnavailable("the store cannot be opened") from None
        return self._store

    def run(self, fn, *args, timeout: float | None = None, **kwargs):
        """``fn(store, *args, **kwargs)`` on the query pool; QueryTimeout (503) past the timeout."""
        timeout = self.timeout if timeout is None else timeout
        if self.closed:
            raise StoreUnavailable("the server is shutting down")
        try:
            fut = self._pool.submit(lambda: fn(self.store, *args, **kwargs))
        except RuntimeError:  # the pool was shut down meanwhile
            raise StoreUnavailable("the server is shutting down") from None
        try:
            return fut.result(timeout=timeout)
        except FutureTimeout:
            fut.cancel()
            raise QueryTimeout(f"the query ran past the {timeout:g} s timeout") from None

    def run_indexed(self, fn, name: str, build, *args, **kwargs):
        """``fn(store, *args, index=..., **kwargs)`` on the query pool, ``index`` giving the cached
        ``build(store)`` (see ``cached``): the match and cooperation routes."""
        return self.run(lambda s: fn(s, *args, index=lambda: self.cached(name, build), **kwargs))

    def cached(self, name: str, build):
        """``build(store)`` (a match or cooperation index), kept while the store's stats stay the same
        (and at most CACHE_TTL seconds); called from a pool thread (inside ``run``).

        Builds run on their own threads: a request waits for one at most 80% of the query timeout,
        then gets the previous index if there is one (stale for a few seconds after a write), else a
        503 with Retry-After while the build goes on.
        """
        started = time.monotonic()
        store = self.store
        stamp = json.dumps(store.stats(), sort_keys=True)
        with self._cache_lock:
            hit = self._cache.get(name)
            if hit and hit[0] == stamp and started - hit[1] < self.cache_ttl:
                return hit[2]
            job = self._builds.get(name)
            if job is None or job[0] != stamp or job[1].done():
                job = (stamp, self._builder.submit(self._build, name, stamp, store, build))
                self._builds[name] = job
            if hit and hit[0] == stamp:
                return hit[2]  # only its age ran out: answer from it while it is rebuilt
        try:
            return job[1].result(timeout=max(0.1, 0.8 * self.timeout - (time.monotonic() - started)))
        except FutureTimeout:
            if hit:
                return hit[2]
            raise Busy(f"the {name} index is being built; retry in a few seconds", retry_after=5) from None

    def _build(self, name: str, stamp: str, store, build):
        value = build(store)
        with self._cache_lock:
            self._cache[name] = (stamp, time.monotonic(), value)
        return value

    def invalidate(self) -> None:
        """Mark every index old after a write (kept, so that it can answer while rebuilt)."""
        with self._cache_lock:
            self._cache = {k: (v[0], float("-inf"), v[2]) for k, v in self._cache.items()}

    def check_key(self, limit: bool = True) -> str:
        """The caller's API key if allowed; raises 401 (none), 403 (wrong), 429 (too many writes;
        ``limit=False`` for reads, which are not rate-limited)."""
        key = request.headers.get("X-API-Key", "").strip()
        auth = request.headers.get("Authorization", "")
        if not key and auth[:7].lower() == "bearer ":
            key = auth[7:].strip()
        if not key:
            raise MissingKey("this endpoint needs an API key (header X-API-Key or Authorization: Bearer)")
        good = any(hmac.compare_digest(key.encode(), k.encode()) for k in self.keys)
        bucket = f"key:{hash(key)}" if good else f"addr:{request.remote_addr}"
        wait = self.limiter.hit(bucket) if limit or not good else None
        if wait is not None:
            raise RateLimited(f"at most {self.limiter.limit} writes per {self.limiter.window:g} s; "
                              f"retry in {wait} s", retry_after=wait)
        if not good:
            what = "read" if request.method in ("GET", "HEAD") else "write"
            raise Forbidden(f"this API key is not allowed to {what}" if self.keys else
                            f"{what}s are disabled: no API keys are configured (INNOGRAPH_API_KEYS)")
        return key

    def warm_up(self) -> threading.Thread:
        """In the background: open the store, build its in-memory graph and search index, and the
        match and cooperation indexes, so that the first requests after start need not wait for
        them (``innograph serve`` calls it). A failure is logged; requests then build what is
        missing themselves."""
        from graph.cooperation import CoopIndex
        from graph.match import MatchIndex

        def job():
            try:
                self.store.warm()
                for name, build in (("match", MatchIndex.build), ("cooperation", CoopIndex.build)):
                    with contextlib.suppress(Busy):  # a long build goes on on the builder thread
                        self.cached(name, build)
                log.info("warm-up done")
            except Exception as exc:  # noqa: BLE001 - warming is best effort
                log.warning("warm-up failed: %s", exc)

        thread = threading.Thread(target=job, name="innograph-warm-up", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        with self._lock:
            if self.closed:
                return
            self.closed = True
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._builder.shutdown(wait=False, cancel_futures=True)
            if self._owned and self._store is not None:
                try:
                    self._store.close()
                except Exception:  # noqa: BLE001 - closing at exit must not raise
                    log.debug("error closing the store", exc_info=True)
            self._store = None


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


def runtime() -> Runtime:
    """The current app's Runtime."""
    return current_app.extensions["innograph"]


def _settings(config: dict | None) -> dict:
    env = os.environ
    out = {
        "STORE_URI": env.get("INNOGRAPH_STORE") or DEFAULT_URI,
        "API_KEYS": env.get("INNOGRAPH_API_KEYS", ""),
        "CORS_ORIGINS": env.get("INNOGRAPH_CORS_ORIGINS", ""),
        "RATE_LIMIT": env.get("INNOGRAPH_RATE_LIMIT") or "30/minute",
        "QUERY_TIMEOUT": float(env.get("INNOGRAPH_QUERY_TIMEOUT") or 10),
        "INGEST_TIMEOUT": float(env.get("INNOGRAPH_INGEST_TIMEOUT") or 300),
        "QUERY_WORKERS": 8,
        "CACHE_TTL": 600.0,
        "REJECTS_PATH": env.get("INNOGRAPH_REJECTS") or None,
        "PROTECT_READS": env.get("INNOGRAPH_PROTECT_READS", "").strip().lower() in ("1", "true", "yes", "on"),
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
    }
    out.update({k: v for k, v in (config or {}).items() if v is not None})
    out["CORS_ORIGINS"] = _csv(out["CORS_ORIGINS"])
    return out


def _guard_reads(app) -> None:
    @app.before_request
    def need_a_key_to_read():
        if (app.config["PROTECT_READS"] and request.method in ("GET", "HEAD") and request.path.startswith(API_PREFIX + "/")
                and request.endpoint not in ("openapi.spec", "openapi.docs")):
            runtime().check_key(limit=False)


def _cors(app) -> None:
    @app.after_request
    def add_headers(resp):
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        origin = request.headers.get("Origin")
        allowed = app.config["CORS_ORIGINS"]
        if origin and allowed and (origin in allowed or "*" in allowed):
            resp.headers["Access-Control-Allow-Origin"] = origin
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE, OPTIONS"
            resp.headers["Access-Control-Allow-Headers"] = "Content-Type, X-API-Key, Authorization"
            resp.headers["Access-Control-Expose-Headers"] = "Retry-After, Content-Disposition"
            resp.headers["Access-Control-Max-Age"] = "600"
        if allowed:
            resp.vary.add("Origin")
        return resp


_ERRORS = {400: "Unreadable request", 401: "No API key", 403: "API key not allowed", 404: "Not found",
           422: "Invalid parameter or over a limit", 413: "Body over 10 MB", 429: "Too many writes",
           500: "Internal error", 501: "Not implemented", 503: "Store unavailable or query timed out"}


def _fix_spec(spec: dict) -> dict:
    """Every error is documented as application/problem+json with the Problem schema; path ids and
    upload bodies carry the constraints the server checks (api.schemas)."""
    from api.schemas import PATH_REF_SCHEMA, PROBLEM_SCHEMA, UPLOAD_ENCODING

    comps = spec.setdefault("components", {})
    schemas = comps.setdefault("schemas", {})
    schemas.pop("HTTPError", None)
    schemas.pop("ValidationError", None)
    schemas["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, ops in spec.get("paths", {}).items():
        for op in ops.values():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            if current_app.config.get("PROTECT_READS") and path.startswith(API_PREFIX):
                op["security"] = [{"ApiKey": []}]
            for param in op.get("parameters", []):
                if param.get("in") == "path" and param.get("name") == "id":
                    param["schema"] = dict(PATH_REF_SCHEMA)
            form = op.get("requestBody", {}).get("content", {}).get("multipart/form-data")
            if form is not None:
                op["requestBody"]["required"] = True
                form["encoding"] = UPLOAD_ENCODING
            codes = {422, 500, 503}
            if "{" in path or any(p.get("name") in ("from", "to", "enterprise", "expert", "region")
                                  for p in op.get("parameters", [])):
                codes.add(404)
            if op.get("security"):
                codes |= {401, 403, 429}
            if op.get("requestBody"):
                codes |= {400, 413, 501}
            if path == "/healthz":
                codes = {503}
            for code in list(op["responses"]):
                if code[0] in "45":
                    del op["responses"][code]
            for code in sorted(codes):
                op["responses"][str(code)] = {"description": _ERRORS[code],
                                              "content": {PROBLEM_MIME: {"schema": ref}}}
                if code in (429, 503):
                    op["responses"][str(code)]["headers"] = {"Retry-After": {
                        "description": "seconds to wait (when known)", "schema": {"type": "integer"}}}
    return spec


def create_app(config: dict | None = None) -> APIFlask:
    """Build the app; ``config`` overrides the environment (see the module docstring)."""
    settings = _settings(config)
    app = APIFlask("api", title="InnoGraph API", version="1.0.0", spec_path="/openapi.json", static_folder=None,
                   docs_path="/docs", openapi_blueprint_url_prefix=API_PREFIX, docs_oauth2_redirect_path=None)
    app.config.update(settings)
    app.config["AUTO_404_RESPONSE"] = False
    app.config["SYNC_LOCAL_SPEC"] = False
    app.config["INFO"] = {"description": (
        "Science-and-technology cooperation: who works with whom, through which cities, institutes, "
        "companies and programmes, with the evidence behind every link. Read endpoints are open; "
        "writes need an API key (X-API-Key). Limits: k <= 10, max_hops <= 6, depth <= 3, "
        f"limit <= {MAX_LIMIT}, body <= 10 MB. Errors are application/problem+json.")}
    app.security_schemes = {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.url_map.strict_slashes = False

    rt = Runtime(app.config)
    app.extensions["innograph"] = rt
    ref = weakref.ref(rt)
    atexit.register(lambda: ref() and ref().close())

    register_error_handlers(app)
    _guard_reads(app)
    _cors(app)
    app.spec_processor(_fix_spec)
    for name in BLUEPRINTS:
        app.register_blueprint(importlib.import_module(f"api.{name}").bp)
    if importlib.util.find_spec("api.web") is not None:
        app.register_blueprint(importlib.import_module("api.web").bp)
    return app

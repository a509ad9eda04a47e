"""Per-app state: the lazily opened store, the query pool, the index caches, API keys and the write
rate limit (``app.extensions["innograph"]``), and ``runtime()`` to reach it from a request.

Writes need an API key, and so do reads when PROTECT_READS is set (``Runtime.key_needed``): 401
without one, 403 with a wrong one. Writes are rate-limited by Flask-Limiter: RATE_LIMIT per key,
one budget for all write routes; wrong keys count against their client address (reads included),
so that keys cannot be guessed at full speed. Over the limit the answer is a 429 problem with
Retry-After.

>>> from api.app import scratch_client
>>> with scratch_client({"API_KEYS": "k", "RATE_LIMIT": "1/minute"}) as c:
...     first = c.delete("/api/v1/documents/document:x", headers={"X-API-Key": "k"})
...     second = c.delete("/api/v1/documents/document:x", headers={"X-API-Key": "k"})
>>> first.status_code, second.status_code, second.get_json()["detail"][:27]
(404, 429, 'at most 1 writes per 60 s; ')
"""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from flask import current_app, request
from flask_limiter import Limiter, RateLimitExceeded

from api.keys import WRITE_METHODS, key_allowed, key_of
from api.problems import Busy, HTTPProblem, MissingKey, RateLimited, problem_response
from api.settings import csv_list
from graph.errors import Forbidden, InnoGraphError, QueryTimeout, StoreUnavailable
from graph.store import open_store
from graph.window import current as current_window

log = logging.getLogger("innograph.api")
API_PREFIX = "/api/v1"
OPEN_ENDPOINTS = ("openapi.spec", "openapi.docs")  # the document and its page stay open


def caller_key() -> str:
    """The API key the request carries (header X-API-Key, or Authorization: Bearer); "" if none."""
    return key_of(request.headers.get)


class Runtime:
    """Per-app state: the lazily opened store, the query pool, caches, keys and the rate limiter
    (Flask-Limiter's, set up by ``init_app``)."""

    def __init__(self, config):
        self.uri = config["STORE_URI"]
        self._store = config.get("STORE")
        self._owned = self._store is None
        self.timeout = float(config["QUERY_TIMEOUT"])
        self.ingest_timeout = float(config["INGEST_TIMEOUT"])
        self.cache_ttl = float(config["CACHE_TTL"])
        self.keys = csv_list(config["API_KEYS"])
        self.protect_reads = bool(config["PROTECT_READS"])
        self.rate_limit = config["RATE_LIMIT"]  # Flask-Limiter's notation (api.settings.rate_limit)
        self.limiter: Limiter | None = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=int(config["QUERY_WORKERS"]), thread_name_prefix="innograph-q")
        # the lane of health checks and cheap reads (one entity, one document, stats): never queued
        # behind the expensive queries (paths, match, neighbourhoods, search) of the main pool
        self._cheap = ThreadPoolExecutor(max_workers=4, thread_name_prefix="innograph-cheap")
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

    def run(self, fn, *args, timeout: float | None = None, cheap: bool = False, **kwargs):
        """``fn(store, *args, **kwargs)`` on the query pool (``cheap``: on the lane of health checks
        and cheap reads); QueryTimeout (503) past the timeout."""
        timeout = self.timeout if timeout is None else timeout
        if self.closed:
            raise StoreUnavailable("the server is shutting down")
        try:
            # in the caller's context: the time window of the request (graph/window.py) goes along
            fut = (self._cheap if cheap else self._pool).submit(contextvars.copy_context().run,
                                                                lambda: fn(self.store, *args, **kwargs))
        except RuntimeError:  # the pool was shut down meanwhile
            raise StoreUnavailable("the server is shutting down") from None
        try:
            return fut.result(timeout=timeout)
        except FutureTimeout:
            fut.cancel()
            raise QueryTimeout(f"the query ran past the {timeout:g} s timeout") from None

    def write(self, fn, *args, timeout: float | None = None, **kwargs):
        """``run`` for a write: the match and cooperation indexes are marked old afterwards, whether
        it succeeded or not (a write cut off by its timeout may still have changed the store)."""
        try:
            return self.run(fn, *args, timeout=timeout, **kwargs)
        finally:
            self.invalidate()

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
        if current_window() is not None:  # an index per time window, built in that window
            name = f"{name}@{current_window().key}"
        stamp = json.dumps(store.stats(), sort_keys=True)
        with self._cache_lock:
            hit = self._cache.get(name)
            if hit and hit[0] == stamp and started - hit[1] < self.cache_ttl:
                return hit[2]
            job = self._builds.get(name)
            if job is None or job[0] != stamp or job[1].done():
                job = (stamp, self._builder.submit(contextvars.copy_context().run, self._build, name, stamp,
                                                   store, build))
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

    def init_app(self, app) -> None:
        """Guard ``app``'s routes with the API keys and rate-limit them (see the module docstring)."""
        self.limiter = Limiter(
            self._bucket, app=app, storage_uri="memory://", strategy="moving-window", headers_enabled=False,
            application_limits=[self.rate_limit], application_limits_exempt_when=lambda: not self._counted(),
            # also count requests that match no route (a wrong key on an unknown path under PROTECT_READS)
            request_identifier=lambda: request.endpoint or request.path)
        app.register_error_handler(RateLimitExceeded, self._too_many)
        # Registered after the limiter's own hook: a wrong key is counted first, then refused.
        app.before_request(self._check_key)

    def key_needed(self) -> str | None:
        """What the current request needs an API key for: ``"write"`` (a write on any route),
        ``"read"`` (a read under the API prefix when PROTECT_READS is set), or None."""
        if request.method in WRITE_METHODS:
            return "write" if request.url_rule is not None else None
        if (self.protect_reads and request.method in ("GET", "HEAD") and request.path.startswith(API_PREFIX + "/")
                and request.endpoint not in OPEN_ENDPOINTS):
            return "read"
        return None

    def allows(self, key: str) -> bool:
        return key_allowed(key, self.keys)

    def _counted(self) -> bool:
        """Whether the request counts against the rate limit: a write with a key, or a wrong key."""
        need, key = self.key_needed(), caller_key()
        return bool(need and key) and (need == "write" or not self.allows(key))

    def _bucket(self) -> str:
        key = caller_key()
        if self.allows(key):
            return "key:" + hashlib.sha256(key.encode()).hexdigest()[:32]
        return f"addr:{request.remote_addr}"

    def _check_key(self) -> None:
        """401 without a key, 403 with a wrong one, where ``key_needed`` says one is needed; then 413
        for a declared Content-Length over the upload cap. All before any of the body is read (a
        chunked body is cut at the cap by Werkzeug as it is read: MAX_CONTENT_LENGTH)."""
        need = self.key_needed()
        if need is None:
            return self._check_length()
        key = caller_key()
        if not key:
            raise MissingKey("this endpoint needs an API key (header X-API-Key or Authorization: Bearer)")
        if not self.allows(key):
            raise Forbidden(f"this API key is not allowed to {need}" if self.keys else
                            f"{need}s are disabled: no API keys are configured (INNOGRAPH_API_KEYS)")
        self._check_length()

    @staticmethod
    def _check_length() -> None:
        cap = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        if cap and (request.content_length or 0) > cap:
            raise HTTPProblem(413, "Content Too Large", f"the request body ({request.content_length} bytes) is "
                              f"larger than the limit of {cap // (1024 * 1024)} MB", where="Content-Length")

    def _too_many(self, exc: RateLimitExceeded):
        limit = exc.limit.limit
        reset = self.limiter.current_limit.window.reset_time if self.limiter.current_limit else time.time()
        wait = max(1, math.ceil(reset - time.time()))
        return problem_response(RateLimited(f"at most {limit.amount} writes per {limit.get_expiry()} s; "
                                            f"retry in {wait} s", retry_after=wait))

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
        """Refuse new queries, wait (at most the query timeout and a second) for those still
        running -- a search whose caller already had its 503 ends at its own deadline -- then close
        the store: closing it under a running query would cut its connection, which the driver
        would then retry on a new one."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
        pools = (self._pool, self._cheap, self._builder)
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)
        drain = threading.Thread(target=lambda: [pool.shutdown(wait=True) for pool in pools],
                                 name="innograph-drain", daemon=True)
        drain.start()
        drain.join(self.timeout + 1.0)
        with self._lock:
            if self._owned and self._store is not None:
                try:
                    self._store.close()
                except Exception:  # noqa: BLE001 - closing at exit must not raise
                    log.debug("error closing the store", exc_info=True)
            self._store = None


def runtime() -> Runtime:
    """The current app's Runtime."""
    return current_app.extensions["innograph"]

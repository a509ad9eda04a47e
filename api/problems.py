"""One error shape for the whole API: RFC 9457 problem details (``application/problem+json``).

Every error the API answers with -- an unknown route (404), a wrong method (405), a request
parameter that fails validation or breaks a limit (422), a missing or wrong API key (401/403),
a body over the size limit (413), too many writes (429), a bug (500), the store down or a
query past its timeout (503) -- is ``{"type", "title", "status", "detail"}`` plus, when known,
``"where"`` (the parameter or item at fault) and ``"errors"`` (one entry per failed field).
The body comes from :meth:`graph.errors.InnoGraphError.to_problem`; it never carries a
traceback, a query or a driver message (those go to the server log with a reference).

>>> err = RateLimited("at most 30 writes per 60 s for this key", retry_after=12)
>>> err.to_problem()["status"], err.headers()
(429, {'Retry-After': '12'})
>>> readable_validation({"query": {"k": ["must be between 1 and 10, got 11"]}})
('k: must be between 1 and 10, got 11', 'k', [{'in': 'query', 'where': 'k', 'detail': 'must be between 1 and 10, got 11'}])

Routes document the errors they answer with ``@bp.doc(responses=problem_responses(...))``:

>>> r = problem_responses(404, 429)
>>> r[404]["description"], list(r[404]["content"]), list(r[429]["headers"])
('Not found', ['application/problem+json'], ['Retry-After'])
"""
from __future__ import annotations

import logging
import sqlite3
import uuid

from apiflask import Schema, fields
from flask import Response, json, request
from marshmallow import INCLUDE
from werkzeug.exceptions import HTTPException

from graph.errors import InnoGraphError, StoreUnavailable, Unauthorized

PROBLEM_MIME = "application/problem+json"
log = logging.getLogger("innograph.api")


class HTTPProblem(InnoGraphError):
    """An HTTP-level error (unknown route, wrong method, body too large...) as a problem."""

    def __init__(self, status: int, title: str, message: str, *, where: str | None = None,
                 headers: dict | None = None):
        super().__init__(message, where=where)
        self.status = status
        self.title = title
        self._headers = dict(headers or {})

    def headers(self) -> dict:
        return dict(self._headers)


class MissingKey(Unauthorized):
    """401 without an API key; says how to send one (RFC 9110 wants WWW-Authenticate on a 401)."""

    def headers(self) -> dict:
        return {"WWW-Authenticate": 'ApiKey header="X-API-Key"'}


class _RetryAfter:
    """A problem that says, in Retry-After, how many seconds to wait (at least 1)."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))

    def headers(self) -> dict:
        return {"Retry-After": str(self.retry_after)}


class Busy(_RetryAfter, StoreUnavailable):
    """503 while something slow (an index) is being prepared; says when to come back."""

    title = "Busy"


class RateLimited(_RetryAfter, InnoGraphError):
    """429: too many writes for this key (or client address); says when to come back."""

    status = 429
    exit_code = 2
    title = "Too many requests"


class Problem(Schema):
    """The body of every error (RFC 9457), as the OpenAPI document names it."""

    class Meta:
        unknown = INCLUDE  # RFC 9457 lets a problem carry more members

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    where = fields.String()
    errors = fields.List(fields.Dict())


# What each error status means in this API (the descriptions in the OpenAPI document).
ERROR_STATUSES = {400: "Unreadable request", 401: "No API key", 403: "API key not allowed", 404: "Not found",
                  409: "Contradicts the graph",
                  413: "Body over 10 MB", 422: "Invalid parameter or over a limit", 429: "Too many writes",
                  500: "Internal error", 503: "Store unavailable or query timed out"}

def problem_responses(*codes: int, schema=Problem) -> dict[int, dict]:
    """The OpenAPI responses of these error statuses, for ``@bp.doc(responses=...)``: each an
    ``application/problem+json`` Problem, with Retry-After on 429 and 503. (``schema`` is a $ref
    where the document is already built.)"""
    out = {}
    for code in sorted(codes):
        out[code] = {"description": ERROR_STATUSES[code], "content": {PROBLEM_MIME: {"schema": schema}}}
        if code in (429, 503):
            out[code]["headers"] = {"Retry-After": {"description": "seconds to wait (when known)",
                                                    "schema": {"type": "integer"}}}
    return out


def problem_response(err: InnoGraphError, errors: list | None = None) -> Response:
    """The ``application/problem+json`` response for ``err``."""
    body = err.to_problem()
    if errors:
        body["errors"] = errors
    resp = Response(json.dumps(body, ensure_ascii=False), status=err.status, mimetype=PROBLEM_MIME)
    headers = getattr(err, "headers", None)
    for k, v in (headers() if callable(headers) else {}).items():
        resp.headers[k] = v
    return resp


def _flatten(messages, prefix: str = "") -> list[tuple[str, str]]:
    """marshmallow's nested {field: [messages]} as (dotted field, message) pairs."""
    out: list[tuple[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, name))
    elif isinstance(messages, (list, tuple)):
        for m in messages:
            out.extend(_flatten(m, prefix))
    else:
        out.append((prefix, str(messages)))
    return out


def readable_validation(detail) -> tuple[str, str | None, list[dict]]:
    """(one-line detail, first field at fault, per-field errors) of APIFlask's validation detail
    ``{location: {field: [messages]}}``."""
    errors = []
    if isinstance(detail, dict):
        for location, fields in detail.items():
            for where, msg in _flatten(fields):
                errors.append({"in": str(location), "where": where or str(location), "detail": msg})
    if not errors:
        return "the request is not valid", None, []
    text = "; ".join(f"{e['where']}: {e['detail']}" for e in errors)
    return text, errors[0]["where"], errors


def _http_message(code: int, name: str) -> str:
    method, path = request.method, request.path
    if code == 404:
        return f"there is no {path} here (see /api/v1/docs for the endpoints)"
    if code == 405:
        return f"{method} is not allowed on {path}"
    if code == 413:
        from flask import current_app

        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        return f"the request body is larger than the limit of {limit // (1024 * 1024)} MB"
    if code == 400:
        return "the request could not be read (malformed body or parameters)"
    return name


def register_error_handlers(app) -> None:
    """Route every error of ``app`` (an APIFlask app) through the problem shape."""

    @app.error_processor
    def _apiflask_errors(error):  # APIFlask's HTTPError: validation, abort(), werkzeug errors
        if error.status_code == 422 and isinstance(error.detail, dict) and error.detail:
            text, where, errors = readable_validation(error.detail)
            err = HTTPProblem(422, "Invalid input", text)
            err.where = where  # named in the body; the detail already says it
            return problem_response(err, errors)
        message = _http_message(error.status_code, error.message)
        headers = {k: v for k, v in (error.headers or {}).items() if k.lower() in ("allow", "retry-after")}
        return problem_response(HTTPProblem(error.status_code, error.message or "Error", message, headers=headers))

    @app.errorhandler(InnoGraphError)
    def _innograph_errors(err: InnoGraphError):
        if err.status >= 500:
            log.warning("%s %s: %s: %s", request.method, request.path, type(err).__name__, err)
        return problem_response(err)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        if isinstance(exc, HTTPException):  # pragma: no cover - handled by APIFlask above
            return _apiflask_errors(exc)
        ref = uuid.uuid4().hex[:12]
        if _is_store_failure(exc):
            log.error("store failure (ref %s) on %s %s", ref, request.method, request.path, exc_info=exc)
            return problem_response(StoreUnavailable(f"the store did not answer (ref {ref})"))
        log.error("unexpected error (ref %s) on %s %s", ref, request.method, request.path, exc_info=exc)
        err = InnoGraphError(f"an unexpected error occurred; the server log has the details (ref {ref})")
        return problem_response(err)


_DRIVER_OUTAGES = {"ServiceUnavailable", "SessionExpired", "TransientError", "DatabaseUnavailable",
                   "SessionError", "ConnectionAcquisitionTimeoutError", "IncompleteCommit"}


def _is_store_failure(exc: BaseException) -> bool:
    """An outage or timeout of the database or its driver: reported as 503 without its text."""
    if isinstance(exc, (sqlite3.OperationalError, sqlite3.InterfaceError)):
        return True
    names = {c.__name__ for c in type(exc).__mro__ if (c.__module__ or "").startswith("neo4j")}
    code = str(getattr(exc, "code", "") or "")
    return bool(names & _DRIVER_OUTAGES) or "TimedOut" in code or "Terminated" in code

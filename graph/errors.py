"""One exception tree for the whole product, each class carrying its HTTP status.

The CLI maps ``exit_code`` to its exit status; the API maps ``status`` to the HTTP
status of an ``application/problem+json`` response whose ``detail`` is ``str(exc)``.

>>> err = BadInput("empty name", where="entities[3]")
>>> err.status, err.exit_code, str(err)
(422, 2, 'entities[3]: empty name')
"""
from __future__ import annotations


class InnoGraphError(Exception):
    """Base of every error we raise on purpose."""

    status = 500
    exit_code = 3
    title = "Internal error"

    def __init__(self, message: str, *, where: str | None = None):
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)

    def to_problem(self) -> dict:
        """The JSON error shape shared by the API (RFC 9457 problem details)."""
        problem = {"type": "about:blank", "title": self.title, "status": self.status, "detail": str(self)}
        if self.where:
            problem["where"] = self.where
        return problem


class BadInput(InnoGraphError):
    """The request or the data is malformed: an unknown label, an empty name, a bad file."""

    status = 422
    exit_code = 2
    title = "Invalid input"


class SchemaError(BadInput):
    """Something breaks the ontology: unknown label or relation type, endpoints not allowed."""

    title = "Breaks the ontology"


class Conflict(BadInput):
    """The request is well formed but contradicts the graph: a "same" verdict across labels or
    on one entity with itself (exit 2 on the CLI, like any bad input)."""

    status = 409
    title = "Conflicts with the graph"


class NotFound(InnoGraphError):
    """The request was valid but found nothing: no such entity, no path."""

    status = 404
    exit_code = 1
    title = "Not found"


class Unauthorized(InnoGraphError):
    status = 401
    exit_code = 2
    title = "Unauthorized"


class Forbidden(InnoGraphError):
    status = 403
    exit_code = 2
    title = "Forbidden"


class StoreUnavailable(InnoGraphError):
    """The store did not answer, or a query ran past its timeout."""

    status = 503
    exit_code = 3
    title = "Store unavailable"


class QueryTimeout(StoreUnavailable):
    title = "Query timed out"

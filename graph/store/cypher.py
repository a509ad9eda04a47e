"""Plumbing of the Neo4j store: Cypher loaded by name, connection settings, driver errors.

Every query the Neo4j store runs lives in ``cypher/<name>.cypher`` at the repository root (or in
``$INNOGRAPH_CYPHER_DIR``, or ``graph/cypher/`` when packaged there) and takes ``$parameters``
only: no query text is ever built in Python.
Labels and relationship types are passed as parameters too (``$(...)`` dynamic labels and types
of Neo4j 5.26), after the store has checked them against the ontology.

>>> "$frontier" in query("paths_layer")
True
>>> query("../etc/passwd")
Traceback (most recent call last):
...
ValueError: not a query name: '../etc/passwd'
>>> settings("bolt://neo4j:s%40cret@localhost:7687?database=graph")
('bolt://localhost:7687', ('neo4j', 's@cret'), 'graph')
"""
from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from neo4j import exceptions as nx

from graph.errors import BadInput, InnoGraphError, QueryTimeout, StoreUnavailable

log = logging.getLogger(__name__)

_HERE = Path(__file__).resolve().parent
# $INNOGRAPH_CYPHER_DIR, else <repo>/cypher/ (a checkout or editable install), else
# <prefix>/share/innograph/cypher (setup.cfg data_files, for a wheel install).
CYPHER_DIRS = tuple(Path(p) for p in (os.environ.get("INNOGRAPH_CYPHER_DIR"), _HERE.parent.parent / "cypher",
                                      Path(sys.prefix) / "share" / "innograph" / "cypher") if p)
CYPHER_DIR = next((d for d in CYPHER_DIRS if (d / "schema.cypher").is_file()), CYPHER_DIRS[-1])
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SEPARATOR = re.compile(r"^;\s*$", re.MULTILINE)


@functools.cache
def query(name: str) -> str:
    """The text of ``<CYPHER_DIR>/<name>.cypher`` (read once, cached); ValueError for a bad name,
    StoreUnavailable when the file is missing (a packaging error)."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    path = CYPHER_DIR.joinpath(name).with_suffix(".cypher")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:  # packaging error
        raise StoreUnavailable(f"missing query file {path.name} in {CYPHER_DIR}", where="store") from exc


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file (blocks separated by a line holding only ';')."""
    return [s.strip() for s in _SEPARATOR.split(query(name)) if s.strip()]


def settings(uri: str, database: str | None = None) -> tuple[str, tuple[str, str] | None, str | None]:
    """(driver URI, auth, database) from a store URI.

    Credentials come from the URI (``bolt://user:pass@host:port``), else from $NEO4J_USER /
    $NEO4J_PASSWORD; without a password there is no auth (the user defaults to ``neo4j``).
    ``?database=NAME`` picks a database (else the server's default); other query parameters are
    kept as routing context for ``neo4j://`` URIs and dropped otherwise.
    """
    try:
        parts = urlsplit(uri)
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise BadInput(f"bad Neo4j URI: {exc}", where="store") from None
    if not host:
        raise BadInput("a Neo4j URI needs a host, e.g. bolt://localhost:7687", where="store")
    query_params = dict(parse_qsl(parts.query))
    database = database or query_params.pop("database", None) or None
    user = unquote(parts.username) if parts.username else os.environ.get("NEO4J_USER") or None
    password = unquote(parts.password) if parts.password is not None else os.environ.get("NEO4J_PASSWORD")
    auth = (user or "neo4j", password) if password else None
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    routing = urlencode(query_params) if parts.scheme.startswith("neo4j") else ""
    return urlunsplit((parts.scheme, netloc, "", routing, "")), auth, database


def redacted(uri: str) -> str:
    """The URI with its password hidden, for messages and logs."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


@contextlib.contextmanager
def translated(what: str, timeout: float | None = None):
    """Turn driver errors into graph.errors with a short message (no query text, no driver dump)."""
    try:
        yield
    except InnoGraphError:
        raise
    except nx.AuthError:
        raise StoreUnavailable("Neo4j refused the credentials (NEO4J_USER / NEO4J_PASSWORD or the URI)",
                               where="store") from None
    except (nx.ServiceUnavailable, nx.SessionExpired) as exc:
        log.debug("neo4j unavailable during %s", what, exc_info=exc)
        raise StoreUnavailable(f"Neo4j is unreachable ({what})", where="store") from None
    except nx.ConfigurationError as exc:
        raise BadInput(f"bad Neo4j configuration: {type(exc).__name__}", where="store") from None
    except (nx.Neo4jError, nx.ResultFailedError) as exc:
        # a result failed by an error of another one in its transaction (the server stopped it at
        # its timeout while a result was buffered, say) is reported as that error
        log.debug("neo4j error during %s", what, exc_info=exc)
        cause = exc if isinstance(exc, nx.Neo4jError) else exc.__cause__
        code = (cause.code if isinstance(cause, nx.Neo4jError) else None) or "unknown"
        if "TimedOut" in code:
            err = QueryTimeout(f"{what} ran past its timeout of {timeout:g} s" if timeout else f"{what} timed out",
                               where="store")
        elif "MemoryPool" in code or "OutOfMemory" in code:
            err = StoreUnavailable(f"{what} ran out of memory in Neo4j", where="store")
        else:
            err = StoreUnavailable(f"{what} failed in Neo4j ({code})", where="store")
        err.neo4j_code = code
        raise err from None
    except nx.DriverError as exc:
        log.debug("neo4j driver error during %s", what, exc_info=exc)
        raise StoreUnavailable(f"Neo4j driver error during {what} ({type(exc).__name__})", where="store") from None

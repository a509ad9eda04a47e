"""Shared fixtures: one ``store`` fixture run on both backends, plus data-folder fixtures.

``store`` is parametrised over the embedded store ("sqlite") and Neo4j ("neo4j"); every test that
uses it (directly or through another fixture) runs once per selected backend with the same
assertions. ``--store sqlite`` or ``--store neo4j`` selects one backend (default: both), like
networkx's ``--backend``.

The Neo4j server is started lazily, once per session, the first time a neo4j test runs
(``tests/support/neo4j_server.py``: $NEO4J_URI, else testcontainers, else ``scripts/neo4j-local``).
When it cannot be had, neo4j tests skip with the reason, except in CI (``CI=true``) where they fail:
a Neo4j test must never skip in CI.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
# The package may not be installed (a bare checkout): make `graph`, `extract`, `ingest`, `api` and
# the test helpers (the `support` package, tests/support/) importable either way.
for _p in (str(REPO), str(TESTS)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

STORES = ("sqlite", "neo4j")

# the browser tests' fixtures (tests/support/browser.py): Chromium, the sample app, an offline page
from support.browser import browser, page, server  # noqa: E402, F401


def pytest_addoption(parser):
    parser.addoption(
        "--store",
        action="append",
        choices=STORES,
        default=None,
        help="run store tests on this backend only (repeatable; default: sqlite and neo4j)",
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "neo4j: needs a real Neo4j (started by the project when not given)")


def selected_stores(config) -> tuple[str, ...]:
    chosen = config.getoption("--store") or list(STORES)
    return tuple(s for s in STORES if s in chosen)


def pytest_generate_tests(metafunc):
    """Parametrise every test that needs ``store`` over the selected backends."""
    if "store" in metafunc.fixturenames:
        params = [
            pytest.param(kind, id=kind, marks=[pytest.mark.neo4j] if kind == "neo4j" else [])
            for kind in selected_stores(metafunc.config)
        ]
        metafunc.parametrize("store", params, indirect=True)


# ---- Neo4j server (session, lazy) ------------------------------------------------------------
@pytest.fixture(scope="session")
def neo4j_server_info():
    """(uri, user, password) of a running Neo4j, started once per session on first use."""
    stack = contextlib.ExitStack()
    reason = None
    try:
        from support.neo4j_server import neo4j_server

        info = stack.enter_context(neo4j_server())
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - any failure to get a server (even a skip) is reported below
        stack.close()
        reason = f"no Neo4j server for the neo4j tests: {type(exc).__name__}: {exc}"
    if reason is not None:
        from support import unavailable

        unavailable(reason)
    with stack:
        yield info


@pytest.fixture
def store(request, tmp_path, monkeypatch):
    """An empty GraphStore of the backend named by the parameter ("sqlite" or "neo4j")."""
    from graph.store import open_store

    kind = getattr(request, "param", "sqlite")
    if kind == "sqlite":
        # A file, not :memory:, so that WAL and reopening are exercised.
        s = open_store("sqlite:///" + str(tmp_path / "g.db"))
    elif kind == "neo4j":
        from support import open_neo4j

        s = open_neo4j(request, monkeypatch)
        s.clear()
    else:  # pragma: no cover - guarded by pytest_generate_tests
        raise ValueError(f"unknown store kind {kind!r}")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def neo4j_empty(request, monkeypatch):
    """An empty Neo4jStore on the session's Neo4j, for a test written for Neo4j only (skipped, or failed
    under CI, when ``--store`` leaves Neo4j out); cleared again after the test."""
    from support import open_neo4j, require_store

    require_store(request, "neo4j")
    s = open_neo4j(request, monkeypatch)
    s.clear()
    try:
        yield s
    finally:
        s.clear()
        s.close()


@pytest.fixture
def reopen(store):
    """Open another GraphStore on the same data as ``store`` (closed after the test)."""
    from graph.store import open_store

    opened = []

    def _reopen():
        s = open_store(store.uri)
        opened.append(s)
        return s

    yield _reopen
    for s in opened:
        s.close()


# ---- data folders ------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """data/sample of this repository (fictional articles and registrations)."""
    path = REPO / "data" / "sample"
    assert path.is_dir(), f"missing sample data folder {path}"
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the repository (ONTOLOGY.md, CONTRACT.md); skip when absent."""
    path = (REPO.parent / "shared").resolve()
    if not path.is_dir():
        pytest.skip(f"no shared folder at {path}")
    return path



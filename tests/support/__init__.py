"""Test helpers (never tests themselves; no test module imports another):

- builders: GraphBuilder and the small graphs of the store contract (tests/test_contract.py);
- apiworld: the API test world, its SQLite store and the API app on a store;
- payloads: injection payloads and the database error text no answer may show;
- graphcheck: graph fingerprints and duplicate checks (the reliability suite);
- regfile: generated registration files;
- ingestproc: ``innograph ingest`` as a child process;
- neo4j_server: find or start a Neo4j for the session (used by conftest.py);
- neo4j_proc: a Neo4j that can be killed with SIGKILL and started again on the same data;
- browser: Chromium, the sample app and offline pages for the browser tests (fixtures registered by conftest.py);
- http_servers: waitress and gunicorn as child processes, raw-socket requests, what a server process holds;
- waitress_server: an in-process waitress server as ``innograph serve`` builds it;
- here: skipping a test that cannot run (failing instead under CI), and opening the session's Neo4j.
"""


import os


def unavailable(reason: str):
    """Skip the test for ``reason``; under CI=true fail instead: in CI every test runs or fails."""
    import pytest

    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a test may not skip)", pytrace=False)
    pytest.skip(reason)


def require_store(request, kind: str) -> None:
    """Skip a test written for one backend when ``--store`` selected only others (fail under CI)."""
    chosen = request.config.getoption("--store") or ["sqlite", "neo4j"]
    if kind not in chosen:
        unavailable(f"{kind} test; --store {','.join(chosen)}")


def open_neo4j(request, monkeypatch):
    """A GraphStore on the session's Neo4j (conftest.py's ``neo4j_server_info``), not cleared."""
    from graph.store import open_store

    uri, user, password = request.getfixturevalue("neo4j_server_info")
    # CONTRACT.md: credentials come from the URI or NEO4J_USER / NEO4J_PASSWORD.
    if user:
        monkeypatch.setenv("NEO4J_USER", user)
    if password:
        monkeypatch.setenv("NEO4J_PASSWORD", password)
    else:  # no auth: a stale password in the environment must not turn it on
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return open_store(uri)

"""Helpers of the reliability suite (tests/test_reliability*.py, test_fuzz, test_soak, test_bounded,
test_concurrency): graph fingerprints and duplicate checks, generated registration files, and a
Neo4j that can be killed with SIGKILL and started again on the same data."""


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

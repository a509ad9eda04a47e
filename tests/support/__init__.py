"""Helpers of the reliability suite (tests/test_reliability*.py, test_fuzz, test_soak, test_bounded,
test_concurrency): graph fingerprints and duplicate checks, generated registration files, and a
Neo4j that can be killed with SIGKILL and started again on the same data."""


def require_store(request, kind: str) -> None:
    """Skip a test written for one backend when ``--store`` selected only others."""
    import pytest

    chosen = request.config.getoption("--store") or ["sqlite", "neo4j"]
    if kind not in chosen:
        pytest.skip(f"{kind} test; --store {','.join(chosen)}")

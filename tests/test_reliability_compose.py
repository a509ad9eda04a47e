"""Production Neo4j settings in docker-compose.yml (ISSUE 8, item 8): a transaction timeout, a
per-transaction memory limit, auth on (with a required password), and every published port bound to
the loopback interface. The API service talks to Neo4j with credentials and bounded timeouts too."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")


def _repo_root() -> Path:
    """The nearest folder above this file holding setup.cfg (the repository root)."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        if (folder / "setup.cfg").is_file():
            return folder
    raise RuntimeError(f"no setup.cfg above {here}")


COMPOSE = _repo_root() / "docker-compose.yml"
UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
SIZES = {"k": 2**10, "m": 2**20, "g": 2**30}


@pytest.fixture(scope="module")
def compose() -> dict:
    assert COMPOSE.is_file(), f"missing {COMPOSE}"
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def env(service: dict) -> dict:
    e = service.get("environment") or {}
    if isinstance(e, list):  # ["KEY=value", ...]
        e = dict(item.split("=", 1) if "=" in item else (item, "") for item in e)
    return {k: "" if v is None else str(v) for k, v in e.items()}


def seconds(value: str) -> float:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*", value)
    assert m, f"not a duration: {value!r}"
    return float(m.group(1)) * UNITS[m.group(2) or "s"]


def size(value: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*([kmg])?i?b?\s*", value.lower())
    assert m, f"not a size: {value!r}"
    return int(m.group(1)) * SIZES.get(m.group(2) or "", 1)


def neo4j_service(compose) -> dict:
    found = [s for s in compose["services"].values() if str(s.get("image", "")).startswith("neo4j:")]
    assert len(found) == 1, "one neo4j service"
    return found[0]


def test_neo4j_has_a_transaction_timeout(compose):
    e = env(neo4j_service(compose))
    value = e.get("NEO4J_db_transaction_timeout")
    assert value, "set NEO4J_db_transaction_timeout"
    assert 0 < seconds(value) <= 600, value


def test_neo4j_has_a_per_transaction_memory_limit(compose):
    e = env(neo4j_service(compose))
    per_tx = e.get("NEO4J_db_memory_transaction_max")
    assert per_tx, "set NEO4J_db_memory_transaction_max"
    assert 0 < size(per_tx) <= 4 * 2**30, per_tx
    heap = e.get("NEO4J_server_memory_heap_max__size")
    if heap:  # one transaction may not take the whole heap
        assert size(per_tx) < size(heap), (per_tx, heap)
    total = e.get("NEO4J_db_memory_transaction_total_max")
    if total:
        assert size(per_tx) <= size(total), (per_tx, total)


def test_neo4j_auth_is_on_with_a_required_password(compose):
    e = env(neo4j_service(compose))
    auth = e.get("NEO4J_AUTH", "")
    assert auth and auth.lower() != "none", "NEO4J_AUTH must not be none (auth off) nor missing"
    user, _, password = auth.partition("/")
    assert user and password, auth
    # the password comes from the environment and compose refuses to start without it
    assert re.fullmatch(r"\$\{[A-Z0-9_]+:\?[^}]*\}", password), f"password {password!r} should be ${{VAR:?message}}"
    assert e.get("NEO4J_dbms_security_auth__enabled", "true").lower() != "false"


def test_every_published_port_is_on_loopback(compose):
    for name, service in compose["services"].items():
        for port in service.get("ports") or []:
            if isinstance(port, dict):  # long syntax
                assert port.get("host_ip") in ("127.0.0.1", "::1"), (name, port)
            else:
                assert re.match(r"^(127\.0\.0\.1|\[::1\]):\d+:\d+", str(port)), (name, port)


def test_the_api_reaches_neo4j_with_credentials_and_bounded_timeouts(compose):
    api = [s for s in compose["services"].values() if "INNOGRAPH_STORE" in env(s)]
    assert api, "an API service with INNOGRAPH_STORE"
    e = env(api[0])
    assert e["INNOGRAPH_STORE"].startswith(("bolt://", "neo4j://", "neo4j+s://"))
    assert e.get("NEO4J_PASSWORD", "").startswith("${NEO4J_PASSWORD"), "the API authenticates to Neo4j"
    timeout = e.get("INNOGRAPH_QUERY_TIMEOUT", "10")
    timeout = float(re.sub(r"\$\{[A-Z0-9_]+:-([^}]*)\}", r"\1", timeout))
    tx = seconds(env(neo4j_service(compose))["NEO4J_db_transaction_timeout"])
    assert 0 < timeout <= tx, (timeout, tx)

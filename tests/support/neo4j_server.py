"""Find or start a real Neo4j 5.26 for the tests.

``neo4j_server()`` yields ``(uri, user, password)``, trying in order:

a. ``NEO4J_URI`` from the environment (with ``NEO4J_USER``, default ``neo4j``,
   and ``NEO4J_PASSWORD``, default None meaning no auth);
b. testcontainers' ``Neo4jContainer("neo4j:5.26-community")`` when a Docker
   daemon answers;
c. ``scripts/neo4j-local start`` (embedded Neo4j Community from Maven Central
   jars, needs Java 17+ and Maven), stopped again on exit.

If none works it raises ``RuntimeError`` saying what was tried. This is a plain
module; the conftest decides whether that is a failure or a skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NEO4J_LOCAL = REPO / "scripts" / "neo4j-local"
DOCKER_IMAGE = "neo4j:5.26-community"

# A cold `neo4j-local start` resolves ~150 MB of jars with Maven first.
LOCAL_START_TIMEOUT_S = float(os.environ.get("NEO4J_LOCAL_TEST_START_TIMEOUT_S", "900"))

Server = tuple[str, str, "str | None"]


def _auth(user: str, password: str | None):
    return None if password is None else (user, password)


def wait_for_bolt(uri: str, auth=None, timeout: float = 60.0) -> None:
    """Wait until the official driver can connect to ``uri``; raise RuntimeError if not.

    ``auth`` is None (no auth), a driver auth token, or a ``(user, password)``
    tuple whose password may be None (meaning no auth).
    """
    from neo4j import GraphDatabase

    if isinstance(auth, tuple) and len(auth) == 2 and auth[1] is None:
        auth = None
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    while True:
        try:
            with GraphDatabase.driver(uri, auth=auth, connection_timeout=5.0) as driver:
                driver.verify_connectivity()
            return
        except Exception as exc:  # noqa: BLE001 - any failure means "not yet"
            last = exc
        if time.monotonic() >= deadline:
            raise RuntimeError(f"Neo4j at {uri} not reachable after {timeout:.0f}s: {last!r}")
        time.sleep(0.5)


def _docker_available() -> tuple[bool, str]:
    if not shutil.which("docker"):
        return False, "no docker client on PATH"
    try:
        proc = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except Exception as exc:  # noqa: BLE001
        return False, f"`docker info` failed: {exc!r}"
    if proc.returncode != 0 or not proc.stdout.strip():
        err = (proc.stderr or proc.stdout).strip().splitlines()
        return False, f"no Docker daemon ({err[-1] if err else f'exit {proc.returncode}'})"
    return True, f"Docker {proc.stdout.strip()}"


@contextlib.contextmanager
def _from_testcontainers() -> Iterator[Server]:
    try:
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError:
        from testcontainers.neo4j import Neo4jContainer  # older testcontainers

    password = "innograph-test"
    with Neo4jContainer(DOCKER_IMAGE, username="neo4j", password=password) as container:
        uri = container.get_connection_url()
        wait_for_bolt(uri, ("neo4j", password), timeout=60)
        yield uri, "neo4j", password


def run_local(args: list[str], timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``scripts/neo4j-local ARGS`` (output captured as text); ``env`` replaces the environment."""
    return subprocess.run(
        [sys.executable, str(NEO4J_LOCAL), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@contextlib.contextmanager
def _from_neo4j_local() -> Iterator[Server]:
    state_dir = tempfile.mkdtemp(prefix="innograph-neo4j-state-")
    try:
        try:
            proc = run_local(["start", "--state-dir", state_dir], LOCAL_START_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            run_local(["stop", "--state-dir", state_dir], 120)
            raise RuntimeError(f"scripts/neo4j-local start timed out after {exc.timeout:.0f}s") from None
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines or not lines[-1].startswith("bolt://"):
            run_local(["stop", "--state-dir", state_dir], 120)
            tail = "\n".join((proc.stderr + proc.stdout).strip().splitlines()[-40:])
            raise RuntimeError(f"scripts/neo4j-local start failed (exit {proc.returncode}):\n{tail}")
        uri = lines[-1].strip()
        try:
            wait_for_bolt(uri, None, timeout=60)
            yield uri, "neo4j", None
        finally:
            stop = run_local(["stop", "--state-dir", state_dir], 120)
            if stop.returncode != 0:
                print(f"neo4j-local stop failed: {stop.stderr}", file=sys.stderr)
    finally:
        shutil.rmtree(state_dir, ignore_errors=True)


@contextlib.contextmanager
def neo4j_server() -> Iterator[Server]:
    """Yield ``(uri, user, password)`` of a reachable Neo4j 5.26 (password None = no auth)."""
    env_uri = os.environ.get("NEO4J_URI")
    if env_uri:
        user = os.environ.get("NEO4J_USER", "neo4j")
        password = os.environ.get("NEO4J_PASSWORD") or None
        wait_for_bolt(env_uri, _auth(user, password), timeout=30)
        yield env_uri, user, password
        return

    tried: list[str] = ["NEO4J_URI: not set"]
    sources: list[tuple[str, Callable[[], contextlib.AbstractContextManager[Server]]]] = []

    ok, why = _docker_available()
    if ok:
        sources.append((f"testcontainers {DOCKER_IMAGE} ({why})", _from_testcontainers))
    else:
        tried.append(f"testcontainers: {why}")
    if not shutil.which("java") or not shutil.which("mvn"):
        tried.append("scripts/neo4j-local: needs `java` (17+) and `mvn` on PATH")
    else:
        sources.append(("scripts/neo4j-local", _from_neo4j_local))

    for label, source in sources:  # the first one that starts wins
        with contextlib.ExitStack() as stack:
            try:
                server = stack.enter_context(source())
            except Exception as exc:  # noqa: BLE001
                tried.append(f"{label}: {exc if isinstance(exc, RuntimeError) else repr(exc)}")
                continue
            yield server
            return

    raise RuntimeError("no Neo4j server available; tried:\n  - " + "\n  - ".join(tried))

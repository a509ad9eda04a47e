"""A dedicated local Neo4j whose data survives SIGKILL, for crash tests (tests/test_soak.py).

It runs the launcher of scripts/neo4j (``innograph.Neo4jLauncher``, built by
``scripts/neo4j-local fetch``) directly, on a data directory it keeps, and can SIGKILL it and start
it again on the same data (``scripts/neo4j-local start --data-dir`` does the same for people)::

    n = KillableNeo4j(Path("/tmp/x"))
    uri = n.start(); n.kill9(); uri = n.start()   # the same data, recovered
    n.stop()
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "neo4j-local"


def _local():
    """scripts/neo4j-local as a module (its fetch(), JVM flags, main class and handshake)."""
    loader = importlib.machinery.SourceFileLoader("neo4j_local_script", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


class KillableNeo4j:
    """One Neo4j process at a time on ``home`` (its data directory is ``home/dbms``)."""

    def __init__(self, home: Path, heap: str = "512m", pagecache_mb: int = 128, tx_timeout_s: int = 120):
        self.home = Path(home)
        self.data = self.home / "dbms"
        self.heap, self.pagecache_mb, self.tx_timeout_s = heap, pagecache_mb, tx_timeout_s
        self.proc: subprocess.Popen | None = None
        self.uri: str | None = None
        self.starts: list[float] = []  # seconds each start took (recovery included)

    def start(self, timeout: float = 300) -> str:
        local = _local()
        classpath = local.fetch()
        java = os.environ.get("NEO4J_LOCAL_JAVA", "java")
        self.home.mkdir(parents=True, exist_ok=True)
        port = local._free_port()
        log = self.home / f"neo4j-{len(self.starts)}.log"
        cmd = [java, "-Xms128m", f"-Xmx{self.heap}", *local.JVM_FLAGS, "-cp", classpath, local.MAIN_CLASS,
               str(port), str(self.data), str(self.pagecache_mb), str(self.tx_timeout_s)]
        t0 = time.monotonic()
        with open(log, "w") as out:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True, cwd=str(self.home))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            text = log.read_text(errors="replace")
            if "READY bolt://" in text and local.bolt_handshake("127.0.0.1", port):
                self.uri = f"bolt://127.0.0.1:{port}"
                self.starts.append(time.monotonic() - t0)
                return self.uri
            if "FAILED" in text:
                break
            time.sleep(0.25)
        tail = log.read_text(errors="replace")[-3000:]
        self.kill9()
        raise RuntimeError(f"Neo4j did not start on {self.data}:\n{tail}")

    def kill9(self) -> None:
        """SIGKILL: no shutdown hook, no checkpoint; the next start recovers from the transaction log."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=60)
        self.proc = None

    def stop(self) -> None:
        """A clean stop (SIGTERM: the launcher shuts the DBMS down), SIGKILL after 60 s."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.proc = None


if __name__ == "__main__":  # pragma: no cover - manual check: start, kill -9, start again
    n = KillableNeo4j(Path(sys.argv[1]))
    print(n.start())
    n.kill9()
    print(n.start(), n.starts)
    n.stop()

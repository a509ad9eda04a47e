"""``innograph ingest`` as a child process, and the documents stored so far read beside it
(tests/test_reliability_crash.py kills the ingest, tests/test_soak.py kills Neo4j under it)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def ingest_cmd(files, uri):
    return [sys.executable, "-m", "api.cli", "ingest", *[str(f) for f in files], "--store", uri, "--quiet", "--json"]


def child_env(tmp: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO), INNOGRAPH_REJECTS=str(tmp / "rejects.jsonl"))
    env.pop("INNOGRAPH_STORE", None)
    return env


def run_ingest(cwd: Path, files, uri: str, timeout: float = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run(ingest_cmd(files, uri), cwd=cwd, env=child_env(cwd), capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    return proc


def doc_count(kind: str, store, uri: str) -> int:
    """Documents stored so far (read beside the writer, never blocking it)."""
    if kind == "sqlite":
        path = uri.split("://", 1)[1][1:]
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
            try:
                return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            return 0
    with store._driver.session(database=store.database) as s:
        return s.run("MATCH (d:Document) RETURN count(d) AS c").single()["c"]

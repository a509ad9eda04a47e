"""Progress and closing counts of long CLI work (issue 17): on a terminal only, never into pipes."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

ROOT_ARGS = [sys.executable, "-m", "api.cli"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, repo_dir):
    from graph.model import Batch, Entity, Evidence, Relation
    from graph.store import open_store
    tmp = tmp_path_factory.mktemp("cli")
    uri = f"sqlite:///{tmp / 'g.db'}"
    s = open_store(uri)
    a, b = Entity.new("City", "Hangzhou"), Entity.new("City", "Changchun")
    s.upsert(Batch([a, b], [Relation.new(a, "COOPERATES_WITH", b, evidence=[Evidence("document:n1", "They signed.")])]))
    s.close()
    return uri, tmp


def _tty(cmd: list[str], cwd) -> str:
    if not shutil.which("script"):
        pytest.fail("util-linux `script` is needed to run a command on a terminal")
    done = subprocess.run(["script", "-qec", " ".join(f"'{c}'" for c in cmd), "/dev/null"], capture_output=True,
                          text=True, cwd=cwd, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_export_import_counts_on_a_terminal_none_when_piped(exported, repo_dir):
    uri, tmp = exported
    out = tmp / "g.json"
    piped = subprocess.run([*ROOT_ARGS, "export", "--store", uri, "--out", str(out)], capture_output=True, text=True,
                           cwd=repo_dir)
    assert piped.returncode == 0 and piped.stderr == "", piped.stderr
    shown = _tty([*ROOT_ARGS, "export", "--store", uri, "--out", str(out)], repo_dir)
    assert "export: 2 entities, 1 relations, 0 documents" in shown
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 2 and len(data["edges"]) == 1

    target = f"sqlite:///{tmp / 'copy.db'}"
    piped = subprocess.run([*ROOT_ARGS, "import", str(out), "--store", target], capture_output=True, text=True,
                           cwd=repo_dir)
    assert piped.returncode == 0 and piped.stderr == "", piped.stderr
    assert json.loads(piped.stdout) == {"entities": 2, "relations": 1, "documents": 0}
    shown = _tty([*ROOT_ARGS, "import", str(out), "--store", target], repo_dir)
    assert f"import: 2 entities, 1 relations, 0 documents read from {out}" in shown


def test_extract_count_on_a_terminal_only(repo_dir, sample_dir):
    art = str(sample_dir / "news" / "02_jiaxing_ast_signs_with_tsinghua_yrd_institute.txt")
    piped = subprocess.run([*ROOT_ARGS, "extract", art], capture_output=True, text=True, cwd=repo_dir)
    assert piped.returncode == 0 and piped.stderr == "", piped.stderr
    shown = _tty([*ROOT_ARGS, "extract", art, "/nonexistent.txt"], repo_dir)
    assert "extract: 1 documents extracted, 1 could not be read or extracted" in shown

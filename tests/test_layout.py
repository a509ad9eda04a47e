"""The layout by role (README "Architecture"): no import cycle between the project's modules, the
layers import downwards only (api → ingest → extract → graph), and no module is over 500 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "extract", "ingest", "api")
LAYER = {"graph": 0, "extract": 1, "ingest": 2, "api": 3}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for f in (ROOT / pkg).rglob("*.py"):
            parts = list(f.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = f
    return out


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Every project module ``path`` imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            cands = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_pkg else name.split(".")[:-1]
                base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
            cands = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for c in cands:
            # the longest project module that the name is, or is inside
            while c and c not in known:
                c = c.rpartition(".")[0]
            if c and c != name:
                out.add(c)
    return out


def _graph() -> nx.DiGraph:
    mods = _modules()
    g = nx.DiGraph()
    g.add_nodes_from(mods)
    for name, path in mods.items():
        for dep in _imports(path, name, set(mods)):
            g.add_edge(name, dep)
    return g


def test_the_layout_is_read():
    g = _graph()
    for m in ("graph.store", "graph.store.base", "graph.store.sqlite", "graph.store.neo4j", "ingest",
              "ingest.session", "extract", "api.app", "api.cli", "api.settings"):
        assert m in g, m
    assert g.has_edge("graph.store", "graph.store.sqlite")  # the factory chooses the backend
    assert g.has_edge("graph.store.sqlite", "graph.store.base")


def test_no_import_cycles():
    cycles = list(nx.simple_cycles(_graph()))
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c + [c[0]]) for c in cycles[:10])


def test_layers_import_downwards_only():
    bad = [(a, b) for a, b in _graph().edges if LAYER[b.split(".")[0]] > LAYER[a.split(".")[0]]]
    assert bad == [], f"upward imports: {bad}"


def test_backends_do_not_import_the_factory():
    g = _graph()
    for backend in ("graph.store.sqlite", "graph.store.neo4j", "graph.store.neo4j_write"):
        assert "graph.store" not in nx.descendants(g, backend), backend


@pytest.mark.parametrize("pkg", PACKAGES)
def test_modules_stay_under_500_lines(pkg):
    long = {str(f.relative_to(ROOT)): n for f in (ROOT / pkg).rglob("*.py")
            if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"

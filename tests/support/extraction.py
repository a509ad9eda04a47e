"""Reading one document's extraction in tests: its relations by the names of the entities they join
(a relation's own "source"/"target" say how the article names them; the entity's name is what the
graph calls it).

>>> out = {"entities": [{"id": "city:jiaxing", "name": "Jiaxing"}],
...        "relations": [{"source_id": "org:x", "source": "Jiaxing AST", "type": "LOCATED_IN",
...                       "target_id": "city:jiaxing", "target": "the city"}]}
>>> sorted(by_names(out))
[('Jiaxing AST', 'LOCATED_IN', 'Jiaxing')]
"""
from __future__ import annotations

from extract import extract_document


def by_names(out: dict) -> dict[tuple[str, str, str], dict]:
    """Each relation of an extraction by (source name, type, target name)."""
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"])): r
            for r in out["relations"]}


def rows(text: str) -> list[dict]:
    """The relations extracted from ``text``, as the pipeline gives them."""
    return extract_document(text, "t.txt")["relations"]


def rels(text: str) -> set[tuple[str, str, str]]:
    """The (source, type, target) names of the relations extracted from ``text``."""
    return set(by_names(extract_document(text, "t.txt")))


def rels_by_names(text: str) -> dict[tuple[str, str, str], dict]:
    """The relations extracted from ``text`` by their names (to read a relation's properties)."""
    return by_names(extract_document(text, "t.txt"))


def titled_rels(text: str) -> set[tuple[str, str, str]]:
    """As :func:`rels`, under a title line (a first line alone is the article's title, not its text)."""
    return set(by_names(extract_document("A news item\n\n" + text, "t.txt")))

"""The import files carry one-item lists of "" through ``--trim-strings`` (graph/store/neo4j_import.py):
a blank cell the tool trims to [""], so that the store's first open restores nothing; and they
fall back to the untrimmed files (restored at first open, as before) when a string array item
would not survive the trim. The round trip through the real import tool is in test_scale_bulk.py."""
from __future__ import annotations

import csv

from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.store.memory import MemoryGraph
from graph.store.neo4j_import import write_import_files


def _graph(sentence: str, alias: str | None = None) -> MemoryGraph:
    g = MemoryGraph()
    a = Entity.new("Organisation", "Jiaxing Textile Group")
    b = Entity.new("City", "Jiaxing")
    if alias is not None:
        a.aliases.add(alias)  # as a backend could hold it; Entity.new would clean it
    rel = Relation(a.id, "LOCATED_IN", b.id, {}, [Evidence("document:one", sentence, extractor="test")])
    g.upsert(Batch([a, b], [rel], [Document("document:one", "news", mentions={a.id, b.id})]))
    return g


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_list_of_one_empty_string_is_a_blank_cell_and_nothing_is_left_to_restore(tmp_path):
    counts = write_import_files(_graph("Jiaxing Textile Group is in Jiaxing."), tmp_path)
    assert counts["trimmed"] is True
    rel = _rows(tmp_path / "relations-0.csv")[0]
    assert rel["ev_dates:string[]"] == " "  # the tool trims it to [""]
    assert rel["ev_sentences:string[]"] == "Jiaxing Textile Group is in Jiaxing."
    assert "--trim-strings=true" in (tmp_path / "import.args").read_text().splitlines()
    meta = _rows(tmp_path / "meta.csv")[0]
    assert "imported:boolean" not in meta  # the first open has no relation to restore


def test_an_item_the_trim_would_change_writes_the_untrimmed_files(tmp_path):
    counts = write_import_files(_graph("  Jiaxing Textile Group is in Jiaxing. "), tmp_path)
    assert counts["trimmed"] is False
    rel = _rows(tmp_path / "relations-0.csv")[0]
    assert rel["ev_dates:string[]"] == ""  # restored by the store's first open, as before
    assert rel["ev_sentences:string[]"] == "  Jiaxing Textile Group is in Jiaxing. "
    assert not any(a.startswith("--trim-strings") for a in (tmp_path / "import.args").read_text().splitlines())
    assert _rows(tmp_path / "meta.csv")[0]["imported:boolean"] == "true"


def test_an_alias_with_an_edge_blank_among_others_is_caught(tmp_path):
    counts = write_import_files(_graph("Jiaxing Textile Group is in Jiaxing.", alias="Jiaxing Textile\t"), tmp_path)
    assert counts["trimmed"] is False


def test_lists_of_several_empty_strings_keep_their_delimiters(tmp_path):
    g = _graph("s")
    rel = next(iter(g.relations.values()))
    rel.evidence.append(Evidence("document:two", "", extractor="test"))
    counts = write_import_files(g, tmp_path)
    assert counts["trimmed"] is True
    row = _rows(tmp_path / "relations-0.csv")[0]
    assert row["ev_dates:string[]"] == "\x1f"  # two items "" (the tool reads them without the trim too)
    assert row["ev_sentences:string[]"] == "s\x1f"

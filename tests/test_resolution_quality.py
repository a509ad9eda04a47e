"""bench.resolution_quality measures what it says, on both stores, with our own gold and nodes:
documents found under whole-path ids, real entities joined by name (never by two short aliases
alone), splits, joins and joins the gold refutes in one document, per part."""
from __future__ import annotations

from pathlib import Path

from bench.resolution_quality import _parts, measure
from graph.model import Batch, Document, Entity


def _gold(*docs):
    return {f: {"entities": [{"name": n, "type": t, "aliases": [n, *a], "optional": False, "alt_types": []}
                             for t, n, *a in ents]} for f, ents in docs}


GOLD = _gold(
    ("innov_001.txt", [("Person", "Han Deman", "Han"), ("Organisation", "Lingang Innovation Center"),
                       ("Region", "US")]),
    ("innov_002.txt", [("Person", "Han Jun", "Han"), ("Organisation", "Lingang IC", "Lingang Innovation Center"),
                       ("Region", "United States")]),
    ("innov_103.txt", [("Organisation", "CAST"), ("Organisation", "China Communication Center")]),
)


def _store(store):
    ents = [Entity.new("Person", "Han Deman", id="person:han-deman"),
            Entity.new("Person", "Han Jun", id="person:han-jun"),
            Entity.new("Organisation", "Lingang Innovation Center", id="organisation:lic"),
            Entity.new("Organisation", "Lingang IC", id="organisation:lingang-ic"),
            Entity.new("Region", "United States", ["US"], id="region:united-states"),
            Entity.new("Organisation", "CAST", ["China Communication Center"], id="organisation:cast")]
    docs = [Document.new("corpus/dev/innov_001.txt", "news",
                         mentions={"person:han-deman", "organisation:lic", "region:united-states"}),
            Document.new("corpus/dev/innov_002.txt", "news",
                         mentions={"person:han-jun", "organisation:lingang-ic", "region:united-states"}),
            Document.new("corpus/dev/innov_103.txt", "news", mentions={"organisation:cast"})]
    store.upsert(Batch(ents, [], docs), resolve=False)


def test_splits_joins_and_refuted_joins_are_counted(store):
    _store(store)
    out = measure(store, Path("."), GOLD)
    assert out["real_entities_found"] == 7  # Han Deman and Han Jun are two: "Han" alone joins nothing
    assert out["split_cases"] == {"Organisation Lingang Innovation Center": ["organisation:lic",
                                                                             "organisation:lingang-ic"]}
    assert out["split"] == 1 and out["split_pct"] == round(100 / 7, 2)
    assert out["wrong_joins"] == 2 and out["wrong_joins_in_one_document"] == 1
    assert out["wrong_join_cases"]["organisation:cast"][-1] == "(apart in one gold document)"
    assert out["wrong_join_cases"]["region:united-states"] == ["Region US", "Region United States"]


def test_each_part_is_measured_on_its_own_documents(store):
    _store(store)
    parts = _parts(GOLD)
    assert parts == {"development": {"innov_001.txt", "innov_002.txt"}, "validation": {"innov_103.txt"}}
    dev = measure(store, Path("."), GOLD, parts["development"])
    val = measure(store, Path("."), GOLD, parts["validation"])
    assert (dev["documents"], dev["split"], dev["wrong_joins"]) == (2, 1, 1)
    assert (val["documents"], val["real_entities_found"], val["wrong_joins_in_one_document"]) == (1, 2, 1)

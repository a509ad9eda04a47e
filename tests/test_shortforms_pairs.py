"""Which pairs graph/shortforms.document_pairs looks at: found from an index of each document's
entities by label and head word, and each entity's first pair by a scan that stops (the pairs of a
document with hundreds of same-label entities are not all visited); with our own names."""
from __future__ import annotations

import gc

import pytest
from support.builders import GraphBuilder, doc_id

from graph.shortforms import document_pairs
from graph.store.memory import MemoryGraph
from ingest.bulk import bulk_ingest

HEADS = ("Institute", "University", "Association", "Committee", "Center")
WORDS = ["Amber", "Basalt", "Cobalt", "Dolomite", "Emerald", "Feldspar", "Garnet", "Hematite", "Iolite",
         "Jasper", "Kyanite", "Lazuli", "Malachite", "Nephrite", "Obsidian", "Peridot", "Quartzite",
         "Rhodonite", "Sapphire", "Topaz", "Ulexite", "Variscite", "Wulfenite", "Xenotime", "Zircon"]


def _crowd(n: int) -> list[tuple[str, str]]:
    """``n`` organisations of distinct core words ("Amber Cobalt Institute", ...), five head words."""
    names = [f"{a} {b} {HEADS[(i + j) % len(HEADS)]}" for i, a in enumerate(WORDS) for j, b in enumerate(WORDS) if a != b]
    return [("Organisation", x) for x in names[:n]]


def _graph(docs: dict[str, list[tuple[str, str]]]):
    """A MemoryGraph of documents each mentioning its (label, name) entities; (graph, ids by name)."""
    g, ids = MemoryGraph(), {}
    for doc, ents in docs.items():
        b = GraphBuilder()
        mine = [b.add(label, name, **(props[0] if props else {})) for label, name, *props in ents]
        b.mention(doc, *mine)
        got = g.upsert(b.batch())["ids"]
        ids.update({name: got[i] for (_, name, *_p), i in zip(ents, mine)})
    return g, ids


def _found(g, ids, which=None, judged=frozenset()):
    return [(s.name, long_.name, docs) for s, long_, _score, docs, _names in
            document_pairs(g, set(ids.values()) if which is None else which, judged)]


FULL = ("Organisation", "Shanghai Lingang Science and Innovation Center")
SHORT = ("Organisation", "Lingang Innovation Center")
PLACES = [("City", "Shanghai"), ("City", "Lingang", {"province": "Shanghai"})]


def test_a_shortened_form_among_hundreds_of_same_label_entities_of_its_document_is_found():
    g, ids = _graph({"crowd-1": [*PLACES, *_crowd(400), FULL, SHORT]})
    assert len(g.entities) == 404
    assert _found(g, ids) == [(SHORT[1], FULL[1], [doc_id("crowd-1")])]


def test_the_crowd_alone_gives_no_pair():
    g, ids = _graph({"crowd-2": [*PLACES, *_crowd(300)], "crowd-3": _crowd(120)})
    assert _found(g, ids) == []


def test_a_shortened_form_of_fewer_documents_joins_the_full_form_of_all_of_them():
    g, ids = _graph({"a-1": [*PLACES, FULL, SHORT, *_crowd(50)], "a-2": [FULL, *_crowd(80)]})
    assert _found(g, ids) == [(SHORT[1], FULL[1], [doc_id("a-1"), doc_id("a-2")])]


def test_two_forms_each_named_where_the_other_is_not_stay_apart():
    g, ids = _graph({"b-1": [*PLACES, FULL, SHORT, *_crowd(50)], "b-2": [SHORT, *_crowd(30)],
                     "b-3": [FULL, *_crowd(70)]})
    assert _found(g, ids) == []


def test_the_pair_is_found_when_only_one_of_its_entities_is_asked_about():
    g, ids = _graph({"c-1": [*PLACES, *_crowd(200), FULL, SHORT]})
    assert _found(g, ids, {ids[SHORT[1]]}) == [(SHORT[1], FULL[1], [doc_id("c-1")])]
    assert _found(g, ids, {ids[FULL[1]]}) == [(SHORT[1], FULL[1], [doc_id("c-1")])]
    assert _found(g, ids, {ids["Amber Basalt University"]}) == []


def test_a_form_fitting_two_entities_of_its_documents_merges_with_neither():
    g, ids = _graph({"d-1": [*PLACES, *_crowd(150), FULL, SHORT,
                             ("Organisation", "Shanghai Lingang Technology and Innovation Center")]})
    assert _found(g, ids) == []


def test_a_pair_judged_different_is_left_out_and_the_others_are_still_found():
    congress = [("Organisation", "11th National People's Congress"), ("Organisation", "National People's Congress")]
    g, ids = _graph({"e-1": [*PLACES, *_crowd(100), FULL, SHORT, *congress]})
    both = _found(g, ids)
    assert sorted(both) == sorted([(SHORT[1], FULL[1], [doc_id("e-1")]),
                                   (congress[1][1], congress[0][1], [doc_id("e-1")])])
    judged = {frozenset((ids[SHORT[1]], ids[FULL[1]]))}
    assert _found(g, ids, judged=judged) == [(congress[1][1], congress[0][1], [doc_id("e-1")])]


def test_pairs_of_other_labels_are_never_pairs():
    g, ids = _graph({"f-1": [*PLACES, ("Event", "Lingang Innovation Center"), FULL, *_crowd(60)]})
    assert _found(g, ids) == []


def test_the_result_does_not_depend_on_which_document_is_stored_first():
    docs = {"g-1": [*PLACES, FULL, SHORT, *_crowd(90)], "g-2": [FULL, *_crowd(140)],
            "g-3": [*_crowd(200), ("Organisation", "Hematite Innovation Center")]}
    g1, ids1 = _graph(docs)
    g2, ids2 = _graph(dict(reversed(list(docs.items()))))
    assert _found(g1, ids1) == _found(g2, ids2) == [(SHORT[1], FULL[1], [doc_id("g-1"), doc_id("g-2")])]


def _parts(tmp_path):
    import json

    parts = tmp_path / "parts"
    parts.mkdir(exist_ok=True)
    rec = {"document": "t.txt", "entities": [{"id": "organisation:x", "name": "X Institute", "type": "Organisation",
                                              "mentions": ["X Institute"]}], "relations": []}
    (parts / "p.extract.jsonl").write_text(json.dumps(rec) + "\n")
    return parts


def test_a_bulk_load_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    assert gc.isenabled()
    bulk_ingest(None, [str(_parts(tmp_path))], import_files=str(tmp_path / "out"))
    assert gc.isenabled() and not gc.get_freeze_count()
    gc.disable()
    try:
        bulk_ingest(None, [str(_parts(tmp_path))], import_files=str(tmp_path / "out2"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failed_bulk_load_enables_the_cycle_collector_again(tmp_path):
    from graph.errors import BadInput
    from graph.store import open_store

    store = open_store("sqlite:///" + str(tmp_path / "g.db"))
    b = GraphBuilder()
    b.mention("h-1", b.add("Organisation", "Jasper Institute"))
    store.upsert(b.batch())
    with pytest.raises(BadInput):
        bulk_ingest(store, [str(_parts(tmp_path))])
    assert gc.isenabled() and not gc.get_freeze_count()
    store.close()


def test_may_fit_is_false_only_for_names_form_score_never_joins():
    from graph.shortforms import _shapes, form_score, may_fit

    names = [FULL[1], SHORT[1], "11th National People's Congress", "National People's Congress",
             "Torch Center of the Ministry of Science and Technology", "Torch Center", "22nd Annual Meeting of CAST",
             "CAST Annual Meeting", "Lin-gang Special Area of Shanghai", "Amber Cobalt Institute", "Cobalt Institute",
             "Special Area of the China (Shanghai) Pilot Free Trade Zone", "Zhejiang University of Technology"]
    places, within = {"shanghai", "lingang", "china"}, {"lingang": {"shanghai"}}
    joined = refused = 0
    for a in names:
        for b in names:
            fits = may_fit(_shapes([a]), _shapes([b]))
            score = form_score(a, b, places, within, {"ministry of science and technology", "cast"})
            assert fits or score is None, (a, b)
            joined += score is not None
            refused += not fits
    assert joined >= 8 and refused >= 60

"""Resolution by the evidence of documents, on both stores, with our own names and sentences:
shortened forms used only where the full one is named (graph/shortforms.py), acronyms that
join the body they abbreviate (graph/resolution.acronym_guard) and one-letter spelling variants
of a person's name in one document (graph/store/people.py)."""
from __future__ import annotations

import json

from support.builders import GraphBuilder, doc_id

from graph.resolution import consolidate
from ingest import ingest_paths


def _one_document(store, doc, *entities):
    """Upsert ``entities`` ((label, name, props) or (label, name)) as mentioned by ``doc``; run the
    second pass over them; return (ids by name, merges)."""
    b = GraphBuilder()
    ids = {}
    for label, name, *props in entities:
        ids[name] = b.add(label, name, **(props[0] if props else {}))
    b.mention(doc, *ids.values())
    got = store.upsert(b.batch())["ids"]
    return {n: got[i] for n, i in ids.items()}, consolidate(store, set(got.values()))


SHANGHAI = [("City", "Shanghai"), ("City", "Lingang", {"province": "Shanghai"}),
            ("Organisation", "Ministry of Science and Technology")]


def test_a_shortened_form_used_only_where_the_full_one_is_named_merges_with_its_explanation(store):
    ids, merges = _one_document(store, "f-1", *SHANGHAI,
                                ("Organisation", "Shanghai Lingang Science and Innovation Center"),
                                ("Organisation", "Lingang Innovation Center"),
                                ("Organisation", "11th National People's Congress"),
                                ("Organisation", "National People's Congress"),
                                ("Organisation", "Torch Center of the Ministry of Science and Technology"),
                                ("Organisation", "Torch Center"),
                                ("Event", "CAST Annual Meeting"), ("Event", "22nd Annual Meeting of CAST"),
                                ("Organisation", "CAST"))
    assert len(merges) == 4
    for short, full in (("Lingang Innovation Center", "Shanghai Lingang Science and Innovation Center"),
                        ("National People's Congress", "11th National People's Congress"),
                        ("Torch Center", "Torch Center of the Ministry of Science and Technology"),
                        ("CAST Annual Meeting", "22nd Annual Meeting of CAST")):
        node = store.get(full)
        assert store.get(short).id == node.id and {short, full} <= node.aliases
        [m] = store.explanation(node.id)["merges"]
        assert "shortened form used only where the full one is named" in m["rule"]
        assert m["score"] == 0.85 and m["documents"] == [doc_id("f-1")]
    assert store.get("Ministry of Science and Technology").id != store.get("Torch Center").id


def test_the_same_forms_in_other_documents_stay_apart(store):
    _one_document(store, "f-2", *SHANGHAI, ("Organisation", "Shanghai Lingang Science and Innovation Center"))
    _, merges = _one_document(store, "f-3", ("Organisation", "Lingang Innovation Center"))
    assert merges == []
    # named once beside the full form and once alone: the short form is not only that one's
    _, merges = _one_document(store, "f-4", ("Organisation", "Shanghai Lingang Science and Innovation Center"),
                              ("Organisation", "Lingang Innovation Center"))
    assert merges == []
    assert store.get("Lingang Innovation Center").id != store.get("Shanghai Lingang Science and Innovation Center").id


def test_guards_keep_two_entities_of_one_document_apart(store):
    _, merges = _one_document(store, "g-1", ("City", "Zhejiang"), ("City", "Binzhou"), ("City", "Zouping"),
                              ("Organisation", "Zhejiang University"),
                              ("Organisation", "Zhejiang University of Technology"),
                              ("Organisation", "Zhejiang Science and Technology University"),
                              ("Organisation", "Peking University"), ("Organisation", "Peking University Science Park"),
                              ("Event", "22nd Annual Meeting of CAST"), ("Event", "23rd Annual Meeting of CAST"),
                              ("Event", "Annual Meeting of CAST"),  # fits both numbered meetings: neither
                              ("Organisation", "Weiqiao Research Institute"),
                              ("Organisation", "Binzhou Weiqiao Higher Research Institute"),
                              ("Organisation", "Zouping Weiqiao Technology Research Institute"))
    assert merges == []
    assert len(list(store.iter_entities(("Organisation",)))) == 8
    assert len(list(store.iter_entities(("Event",)))) == 3


def test_a_different_verdict_keeps_a_shortened_form_apart(store):
    ids, merges = _one_document(store, "v-1", ("Organisation", "11th National People's Congress"),
                                ("Organisation", "National People's Congress"))
    assert len(merges) == 1
    survivor, other = merges[0]
    store.judge_entities(survivor, other, "different")
    again, merges = _one_document(store, "v-1", ("Organisation", "11th National People's Congress"),
                                  ("Organisation", "National People's Congress"))
    assert merges == [] and len(set(again.values())) == 2


def _acronym(store, doc, name):
    b = GraphBuilder()
    org, bj = b.add("Organisation", name, aliases=["CAST"]), b.add("City", "Beijing")
    b.link(org, "LOCATED_IN", bj, doc, f"{name} (CAST) in Beijing.")
    return store.upsert(b.batch())["ids"][org]


def test_an_acronym_joins_the_body_it_abbreviates_whichever_comes_first(store):
    cast = _acronym(store, "c-1", "China Association for Science and Technology")
    other = _acronym(store, "c-2", "China Communication Center for Science and Technology")
    assert cast != other and store.get("CAST").id == cast
    assert "CAST" not in store.get_entity(other).aliases and "CAST" in store.get_entity(cast).aliases


def test_an_acronym_given_to_the_wrong_body_first_does_not_pull_the_right_one_in(store):
    other = _acronym(store, "c-2", "China Communication Center for Science and Technology")
    cast = _acronym(store, "c-1", "China Association for Science and Technology")
    assert cast != other
    b = GraphBuilder()  # a bare CAST later: the body CAST abbreviates, the two stay two
    bare, topic = b.add("Organisation", "CAST"), b.add("Topic", "popular science")
    b.link(bare, "FOCUSES_ON", topic, "c-3", "CAST works on popular science.")
    assert store.upsert(b.batch())["ids"][bare] == cast
    assert store.get_entity(other) is not None and store.get_entity(cast) is not None
    assert {r.source for r in store.iter_relations(("FOCUSES_ON",))} == {cast}


def _article(doc, *people):
    b = GraphBuilder()
    tu = b.add("Organisation", "Taizhou University")
    for name in people:
        b.link(b.add("Person", name), "HOLDS_POSITION", tu, doc, f"{name} of Taizhou University.")
    return b.batch()


def test_a_one_letter_variant_of_a_name_in_one_document_is_that_person(store):
    ids = store.upsert(_article("p-1", "Han Deman", "Han Dema"))["ids"]
    assert ids["person:han-dema"] == ids["person:han-deman"] == "person:han-deman"
    [p] = store.iter_entities(("Person",))
    assert p.aliases == {"Han Deman", "Han Dema"}
    [why] = store.explanation(p.id)["aliases"]
    assert why["alias"] == "Han Dema" and "spelling variant" in why["rule"] and why["documents"] == [doc_id("p-1")]


def test_name_variants_in_different_documents_or_registered_stay_apart(store, tmp_path):
    store.upsert(_article("p-2", "Han Deman"))
    store.upsert(_article("p-3", "Han Dema"))
    assert sorted(p.name for p in store.iter_entities(("Person",))) == ["Han Dema", "Han Deman"]
    store.upsert(_article("p-4", "Li Xiao", "Li Xia"))  # a given name under five letters: two people
    assert {"Li Xia", "Li Xiao"} <= {p.name for p in store.iter_entities(("Person",))}
    path = tmp_path / "experts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (
        {"record_type": "expert", "id": "X1", "name": "Wang Xiaoming", "affiliation": "Taizhou University"},
        {"record_type": "expert", "id": "X2", "name": "Wang Xiaomin", "affiliation": "Taizhou University"})) + "\n")
    ingest_paths(store, [path], rejects_path=tmp_path / "rejects.jsonl")
    assert {"Wang Xiaoming", "Wang Xiaomin"} <= {p.name for p in store.iter_entities(("Person",))}


def test_a_different_verdict_parts_a_name_variant_for_good(store):
    store.upsert(_article("p-5", "Han Deman", "Han Dema"))
    store.judge_entities("person:han-deman", "person:han-dema", "different")
    store.upsert(_article("p-5", "Han Deman", "Han Dema"))
    assert sorted(p.id for p in store.iter_entities(("Person",))) == ["person:han-dema", "person:han-deman"]


def test_an_acronym_of_syllables_joins_its_body_and_a_blend_its_one_name_of_the_document(store):
    b = GraphBuilder()
    b.mention("z-1", b.add("Organisation", "Zhejiang University", aliases=["ZJU"]))
    store.upsert(b.batch())
    c = GraphBuilder()
    zju, topic = c.add("Organisation", "ZJU"), c.add("Topic", "optics")
    c.link(zju, "FOCUSES_ON", topic, "z-2", "ZJU works on optics.")
    assert store.upsert(c.batch())["ids"][zju] == "organisation:zhejiang-university"
    ids, merges = _one_document(store, "z-3", ("Organisation", "NOVA Institute of Technology"),
                                ("Organisation", "NOVTech"),
                                ("Organisation", "NOVA Foundation for the Advancement of Science and Technology"))
    assert merges == [(ids["NOVA Institute of Technology"], ids["NOVTech"])]
    assert store.get("NOVTech").id == ids["NOVA Institute of Technology"]


def test_zones_named_with_different_places_stay_two(store):
    def zone(doc, name, city):
        b = GraphBuilder()
        z = b.add("City", name)
        b.link(z, "LOCATED_IN", b.add("City", city), doc, f"{name} is in {city}.")
        return store.upsert(b.batch())["ids"][z]

    a = zone("x-1", "Xinhua District of Shijiazhuang", "Shijiazhuang")
    b = zone("x-2", "Xinhua District of Cangzhou", "Cangzhou")
    bare = zone("x-3", "Xinhua District", "Hebei")  # fits both: joins neither
    assert len({a, b, bare}) == 3
    assert consolidate(store, {a, b, bare}) == []
    binhai = zone("x-4", "Binhai New Area of Tianjin", "Tianjin")
    assert zone("x-5", "Binhai New Area", "Tianjin") == binhai

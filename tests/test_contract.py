"""The GraphStore contract: every test runs on the embedded store and on Neo4j with the same
assertions (the ``store`` fixture of conftest.py is parametrised over both backends).

What is pinned here is what ../shared/ONTOLOGY.md and CONTRACT.md promise plus the shapes of
graph/store/base.py: idempotent upserts, evidence that accumulates, entity resolution by match keys
that never crosses labels, names in Chinese characters, search ranking, neighbourhoods, paths,
stats, retraction, merging, export/import, a 10,000-entity batch, and bad input that writes nothing.
"""
from __future__ import annotations

import csv
import io
import json
import threading
import xml.etree.ElementTree as ET

import pytest
from support.builders import (
    COOPERATION_STATS,
    GraphBuilder,
    chain_graph,
    cooperation_graph,
    doc_id,
    ent,
    export_json,
    export_text,
    ladder_graph,
    neighbourhood_graph,
    rel,
    typed_routes_graph,
    weighted_graph,
)

from graph.errors import BadInput, NotFound, SchemaError
from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.schema import ontology

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def coop(store):
    """``store`` loaded with the cooperation graph of tests/support/builders.py."""
    store.upsert(cooperation_graph().batch())
    return store


def relation(store, source: str, rel_type: str, target: str) -> Relation | None:
    """The stored relation with that key, or None."""
    key = Relation(source, rel_type, target).canonical().key
    return store.get_relations([key]).get(key)


def edge_keys(store) -> set[tuple[str, str, str]]:
    return {r.key for r in store.iter_relations()}


def path_ids(path: dict) -> list[str]:
    return [n["id"] for n in path["nodes"]]


def assert_well_formed(path: dict, src: str, dst: str) -> None:
    """CONTRACT.md: edges[i] joins nodes[i] and nodes[i+1]; hops = len(edges); no node twice."""
    ids = path_ids(path)
    assert ids[0] == src and ids[-1] == dst
    assert path["hops"] == len(path["edges"]) == len(ids) - 1
    assert len(set(ids)) == len(ids), f"path is not loopless: {ids}"
    for i, e in enumerate(path["edges"]):
        assert {e["source"], e["target"]} == {ids[i], ids[i + 1]}, (i, e, ids)
        assert e["evidence"], f"edge {e} carries no evidence"


# =================================================================================================
# idempotency
# =================================================================================================
def test_same_batch_twice_gives_identical_export(store):
    store.upsert(cooperation_graph().batch())
    first = export_text(store)
    stats = store.stats()
    again = store.upsert(cooperation_graph().batch())
    assert export_text(store) == first
    assert store.stats() == stats == COOPERATION_STATS
    assert again["entities"] == 12 and again["relations"] == 11 and again["documents"] == 5


def test_same_batch_object_twice_does_not_duplicate_evidence(store):
    batch = cooperation_graph().batch()
    store.upsert(batch)
    store.upsert(batch)
    for r in store.iter_relations():
        assert len(r.evidence) == 1, r
        assert r.weight == 1


def test_upsert_reports_counts_and_id_resolution(store):
    result = store.upsert(cooperation_graph().batch())
    assert (result["entities"], result["relations"], result["documents"]) == (12, 11, 5)
    assert result["ids"]["city:jiaxing"] == "city:jiaxing"
    later = store.upsert(Batch([ent("Organisation", "CAST")]))
    assert later["ids"] == {"organisation:cast": "organisation:china-association-for-science-and-technology"}


def test_second_store_on_same_data_sees_writes(store, reopen):
    """A second connection (another process, in real life) sees the data and later writes."""
    store.upsert(cooperation_graph().batch())
    other = reopen()
    assert export_text(other) == export_text(store)
    assert store.paths("Zhang Bing", "Guiyang")[0]["hops"] == 4  # warms any cached view of `store`
    b = GraphBuilder()
    b.link(b.add("Person", "Zhang Bing"), "HOLDS_POSITION", b.add("City", "Guiyang"), "news-99", title="adviser")
    other.upsert(b.batch())
    assert store.paths("Zhang Bing", "Guiyang")[0]["hops"] == 1
    assert store.stats()["relations"]["HOLDS_POSITION"] == 3


def test_concurrent_writers_lose_no_evidence(store, reopen):
    """Four writers (each its own connection) add the same relation from different documents at once."""
    writers = [reopen() for _ in range(4)]
    errors = []

    def work(n, s):
        try:
            for j in range(5):
                s.upsert(_jiaxing_in_zhejiang(f"par-{n}-{j}", f"Sentence {n}.{j}."))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, s)) for n, s in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert store.stats()["nodes"]["City"] == 1 and store.stats()["relations"]["LOCATED_IN"] == 1
    r = relation(store, "city:jiaxing", "LOCATED_IN", "region:zhejiang")
    assert r.weight == 20 and len(r.evidence) == 20
    assert store.neighbours("Jiaxing")["edges"][0]["weight"] == 20


# =================================================================================================
# evidence accumulation
# =================================================================================================
def _jiaxing_in_zhejiang(doc: str, sentence: str = "Jiaxing is in Zhejiang.", **props) -> Batch:
    b = GraphBuilder()
    b.link(b.add("City", "Jiaxing"), "LOCATED_IN", b.add("Region", "Zhejiang"), doc, sentence, **props)
    return b.batch()


def test_same_relation_from_another_document_is_one_edge_with_more_evidence(store):
    store.upsert(_jiaxing_in_zhejiang("news-02"))
    store.upsert(_jiaxing_in_zhejiang("news-07", "Jiaxing, a city of Zhejiang province, ..."))
    assert store.stats()["relations"]["LOCATED_IN"] == 1
    r = relation(store, "city:jiaxing", "LOCATED_IN", "region:zhejiang")
    assert sorted(e.document for e in r.evidence) == [doc_id("news-02"), doc_id("news-07")]
    assert r.weight == 2
    [edge] = export_json(store)["edges"]
    assert edge["weight"] == 2 and len(edge["evidence"]) == 2


def test_weight_counts_distinct_documents_not_sentences(store):
    store.upsert(_jiaxing_in_zhejiang("news-02", "Jiaxing is in Zhejiang."))
    store.upsert(_jiaxing_in_zhejiang("news-02", "Zhejiang's Jiaxing hosted the forum."))
    store.upsert(_jiaxing_in_zhejiang("news-03", "Jiaxing is in Zhejiang."))
    r = relation(store, "city:jiaxing", "LOCATED_IN", "region:zhejiang")
    assert len(r.evidence) == 3
    assert r.weight == 2
    # the weight the graph walks with (neighbours, weighted paths) is the same number
    [edge] = store.neighbours("Jiaxing")["edges"]
    assert edge["weight"] == 2
    [p] = store.paths("Zhejiang", "Jiaxing", weighted=True)
    assert p["cost"] == pytest.approx(0.5) and p["edges"][0]["weight"] == 2


def test_identical_evidence_is_kept_once(store):
    store.upsert(_jiaxing_in_zhejiang("news-02"))
    store.upsert(_jiaxing_in_zhejiang("news-02"))
    r = relation(store, "city:jiaxing", "LOCATED_IN", "region:zhejiang")
    assert len(r.evidence) == 1 and r.weight == 1
    b = GraphBuilder()
    hz, zj = b.add("City", "Hangzhou"), b.add("Region", "Zhejiang")
    b.link(hz, "LOCATED_IN", zj, "news-03", "Hangzhou is in Zhejiang.", start=0, end=24)
    b.link(hz, "LOCATED_IN", zj, "news-03", "Hangzhou is in Zhejiang.", start=0, end=24)  # same batch
    store.upsert(b.batch())
    [ev] = relation(store, hz, "LOCATED_IN", zj).evidence
    assert (ev.document, ev.start, ev.end, ev.extractor) == (doc_id("news-03"), 0, 24, "test")


def test_same_relation_twice_in_one_batch_is_one_edge(store):
    b = GraphBuilder()
    jx, zj = b.add("City", "Jiaxing"), b.add("Region", "Zhejiang")
    b.link(jx, "LOCATED_IN", zj, "news-02").link(jx, "LOCATED_IN", zj, "news-08")
    assert store.upsert(b.batch())["relations"] == 1
    assert relation(store, jx, "LOCATED_IN", zj).weight == 2


def test_symmetric_relation_either_way_is_one_edge(store):
    b = GraphBuilder()
    zj, jl = b.add("Region", "Zhejiang province"), b.add("Region", "Jilin province")
    b.link(zj, "COOPERATES_WITH", jl, "news-04")
    store.upsert(b.batch())
    b2 = GraphBuilder()
    b2.link(b2.add("Region", "Jilin"), "COOPERATES_WITH", b2.add("Region", "Zhejiang"), "news-12")
    store.upsert(b2.batch())
    assert store.stats()["relations"]["COOPERATES_WITH"] == 1
    [r] = list(store.iter_relations(["COOPERATES_WITH"]))
    assert {r.source, r.target} == {"region:zhejiang", "region:jilin"}
    assert r.weight == 2


def test_properties_from_later_evidence_are_merged(store):
    store.upsert(_jiaxing_in_zhejiang("news-02", role="prefecture-level city"))
    store.upsert(_jiaxing_in_zhejiang("news-07", since=1983))
    r = relation(store, "city:jiaxing", "LOCATED_IN", "region:zhejiang")
    assert r.properties == {"role": "prefecture-level city", "since": 1983}


# =================================================================================================
# alias resolution
# =================================================================================================
@pytest.mark.parametrize("first_name,first_aliases,second_name,second_aliases,survivor", [
    ("China Association for Science and Technology", ["CAST"], "CAST", [],
     "organisation:china-association-for-science-and-technology"),
    ("CAST", [], "China Association for Science and Technology", ["CAST"], "organisation:cast"),
], ids=["full-name-first", "acronym-first"])
def test_cast_and_its_full_name_are_one_node(store, first_name, first_aliases, second_name, second_aliases,
                                             survivor):
    store.upsert(Batch([ent("Organisation", first_name, first_aliases)]))
    result = store.upsert(Batch([ent("Organisation", second_name, second_aliases)]))
    assert set(result["ids"].values()) == {survivor}
    assert store.stats()["nodes"]["Organisation"] == 1
    node = store.get_entity(survivor)
    assert {"CAST", "China Association for Science and Technology"} <= node.aliases
    assert store.get("CAST").id == store.get("china association for science and technology").id == survivor


def test_zhejiang_and_zhejiang_province_are_one_region(store):
    store.upsert(Batch([ent("Region", "Zhejiang")]))
    store.upsert(Batch([ent("Region", "Zhejiang province", level="province")]))
    assert store.stats()["nodes"]["Region"] == 1
    node = store.get("Zhejiang province")
    assert node.id == store.get("Zhejiang").id == "region:zhejiang"
    assert {"Zhejiang", "Zhejiang province"} <= node.aliases
    assert node.properties.get("level") == "province"


def test_jilin_province_and_jilin_city_are_two_nodes(store):
    b = GraphBuilder()
    b.link(b.add("City", "Jilin city"), "LOCATED_IN", b.add("Region", "Jilin province"), "news-04")
    store.upsert(b.batch())
    store.upsert(Batch([ent("Region", "Jilin"), ent("City", "Jilin")]))
    stats = store.stats()["nodes"]
    assert (stats["City"], stats["Region"]) == (1, 1)
    assert store.get("Jilin", "Region").id == "region:jilin"
    assert store.get("Jilin", "City").id == "city:jilin"
    assert store.get("Jilin province").id == "region:jilin"
    assert store.get("Jilin city").id == "city:jilin"
    assert {h["id"] for h in store.search("Jilin")} >= {"region:jilin", "city:jilin"}


def test_relation_to_an_alias_lands_on_the_resolved_node(coop):
    """A new batch names CAST by its acronym (id organisation:cast): the edge goes to the stored node."""
    b = GraphBuilder()
    b.link(b.add("Person", "Li Wei"), "HOLDS_POSITION", b.add("Organisation", "CAST"), "news-10", title="secretary")
    result = coop.upsert(b.batch())
    full = "organisation:china-association-for-science-and-technology"
    assert result["ids"]["organisation:cast"] == full
    assert coop.get_entity("organisation:cast") is None
    assert relation(coop, "person:li-wei", "HOLDS_POSITION", full).properties == {"title": "secretary"}
    assert coop.stats()["nodes"]["Organisation"] == 2
    mentions = coop.get_document(doc_id("news-10")).mentions
    assert full in mentions and "organisation:cast" not in mentions


def test_aliases_within_one_batch_resolve_to_one_node(store):
    result = store.upsert(Batch([ent("Organisation", "China Association for Science and Technology", ["CAST"]),
                                 ent("Organisation", "CAST", ["中国科协"])]))
    assert result["entities"] == 1
    assert store.stats()["nodes"]["Organisation"] == 1
    assert store.get("中国科协").id == "organisation:china-association-for-science-and-technology"


# =================================================================================================
# names in Chinese characters
# =================================================================================================
def test_chinese_name_is_stored_and_found(store):
    store.upsert(Batch([ent("City", "嘉兴", ["嘉兴市"]), ent("Organisation", "浙江大学")]))
    node = store.get_entity("city:嘉兴")
    assert node is not None and node.name == "嘉兴" and "嘉兴市" in node.aliases
    assert store.get("嘉兴").id == "city:嘉兴"
    assert store.get("嘉兴市").id == "city:嘉兴"
    [hit] = store.search("浙江大学")
    assert (hit["id"], hit["match"]) == ("organisation:浙江大学", "exact")
    assert "嘉兴" in export_text(store)  # stored as characters, not escapes


def test_chinese_alias_finds_the_english_node(coop):
    assert coop.get("嘉兴").id == "city:jiaxing"
    assert coop.get("中国科协").id == "organisation:china-association-for-science-and-technology"
    hit = coop.search("嘉兴")[0]
    assert (hit["id"], hit["match"], hit["matched"]) == ("city:jiaxing", "alias", "嘉兴")
    [p] = coop.paths("嘉兴", "贵阳")
    assert path_ids(p) == ["city:jiaxing", "project:innovation-china", "city:guiyang"]


def test_chinese_name_of_a_stored_node_resolves_on_upsert(coop):
    result = coop.upsert(Batch([ent("City", "嘉兴")]))
    assert result["ids"] == {"city:嘉兴": "city:jiaxing"}
    assert coop.stats()["nodes"]["City"] == 4


def test_chinese_prefix_search(store):
    store.upsert(Batch([ent("City", "嘉兴"), ent("City", "嘉善"), ent("City", "杭州")]))
    hits = store.search("嘉")
    assert [h["id"] for h in hits] == ["city:嘉兴", "city:嘉善"]  # equal scores: by name
    assert {h["match"] for h in hits} == {"prefix"}


# =================================================================================================
# search
# =================================================================================================
@pytest.fixture
def hefei(store):
    store.upsert(Batch([
        ent("Topic", "Hefe"),                                                   # fuzzy
        ent("Project", "Hefei Hydrogen Hub"),                                   # prefix
        ent("Organisation", "Hefei Municipal Government", ["Hefei"]),           # alias
        ent("City", "Hefei"),                                                   # exact
        ent("Topic", "quantum"),                                                # no match
    ]))
    return store


@pytest.mark.parametrize("q", ["Hefei", "hefei", " HEFEI "])
def test_search_ranks_exact_then_alias_then_prefix_then_fuzzy(hefei, q):
    hits = hefei.search(q)
    assert [(h["id"], h["match"]) for h in hits] == [
        ("city:hefei", "exact"),
        ("organisation:hefei-municipal-government", "alias"),
        ("project:hefei-hydrogen-hub", "prefix"),
        ("topic:hefe", "fuzzy"),
    ]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4
    assert set(hits[0]) >= {"id", "name", "type", "match", "score"}


def test_search_label_filter(hefei):
    assert [h["id"] for h in hefei.search("Hefei", labels=["Topic"])] == ["topic:hefe"]
    assert [h["id"] for h in hefei.search("Hefei", labels=["City", "Project"])] == [
        "city:hefei", "project:hefei-hydrogen-hub"]
    assert hefei.search("Hefei", labels=["Event"]) == []


def test_search_limit_and_offset(hefei):
    assert [h["id"] for h in hefei.search("Hefei", limit=2)] == ["city:hefei", "organisation:hefei-municipal-government"]
    assert [h["id"] for h in hefei.search("Hefei", limit=2, offset=2)] == ["project:hefei-hydrogen-hub", "topic:hefe"]


@pytest.mark.parametrize("kwargs,named", [
    ({"q": ""}, "q"),
    ({"q": "Hefei", "labels": ["Planet"]}, "Planet"),
    ({"q": "Hefei", "limit": 0}, "limit"),
    ({"q": "Hefei", "limit": 501}, "limit"),
], ids=["empty-query", "unknown-label", "limit-0", "limit-501"])
def test_search_bad_input(hefei, kwargs, named):
    with pytest.raises(BadInput) as exc:
        hefei.search(**kwargs)
    assert named in str(exc.value)


def test_search_finds_nothing_for_unrelated_query(hefei):
    assert hefei.search("zzzzqqqq") == []


@pytest.mark.parametrize("q", ['Hefei && (Hydrogen)~*', '"Hefei" OR \\', "Hefei: [Hub]^2", "'; DROP TABLE nodes; --"])
def test_search_with_query_syntax_characters_is_plain_text(hefei, q):
    """Characters that mean something to SQL, Lucene or Cypher are searched as text, never run."""
    hits = hefei.search(q)
    assert all(h["match"] in {"exact", "alias", "prefix", "fuzzy"} for h in hits)
    assert hefei.stats()["nodes"]["City"] == 1


# =================================================================================================
# get by id, name, alias
# =================================================================================================
@pytest.mark.parametrize("ref", [
    "organisation:china-association-for-science-and-technology",
    "China Association for Science and Technology",
    "china association for science and technology",
    "  CAST ",
    "cast",
    "中国科协",
    "ＣＡＳＴ",  # full-width letters
])
def test_get_by_id_name_or_alias(coop, ref):
    node = coop.get(ref)
    assert node is not None
    assert node.id == "organisation:china-association-for-science-and-technology"
    assert node.label == "Organisation" and node.name == "China Association for Science and Technology"
    assert node.properties == {"kind": "association"}


def test_get_missing_and_resolve_not_found(coop):
    assert coop.get("Atlantis") is None
    assert coop.get("city:atlantis") is None
    assert coop.get("Jiaxing", label="Person") is None
    with pytest.raises(NotFound) as exc:
        coop.resolve("Atlantis")
    assert "Atlantis" in str(exc.value)
    with pytest.raises(BadInput):
        coop.get("   ")


def test_get_entity_round_trips_properties(coop):
    node = coop.get_entity("person:huai-jinpeng")
    assert node.to_dict() == {"id": "person:huai-jinpeng", "name": "Huai Jinpeng", "type": "Person",
                               "aliases": ["Huai Jinpeng", "怀进鹏"], "titles": ["Executive Vice Chairman"]}
    project = coop.get_entity("project:innovation-china")
    assert project.properties == {"kind": "programme", "year": 2021}


PROPERTY_VALUES = {
    "text": "Zhejiang Jiaxing",
    "chinese": "嘉兴市科学技术协会",
    "int": 2021,
    "float": 0.25,
    "flag": True,
    "words": ["big data", "新材料"],
    "numbers": [3, 1, 2],
    "mixed": ["a", 1, 2.5, False],
}


def test_property_values_round_trip(store):
    b = GraphBuilder()
    org = b.add("Organisation", "Property Lab", **PROPERTY_VALUES)
    b.link(org, "LOCATED_IN", b.add("City", "Jiaxing"), "props-1", **PROPERTY_VALUES)
    store.upsert(b.batch())
    assert store.get_entity(org).properties == PROPERTY_VALUES
    [r] = list(store.iter_relations())
    assert r.properties == PROPERTY_VALUES
    assert export_json(store)["nodes"][-1]["mixed"] == ["a", 1, 2.5, False]


# =================================================================================================
# neighbours
# =================================================================================================
@pytest.fixture
def hood(store):
    store.upsert(neighbourhood_graph().batch())
    return store


DEPTH_1 = ["city:birchton", "organisation:alder-lab", "person:carol-chen"]
DEPTH_2 = ["organisation:dogwood-institute", "organisation:elm-works", "region:fern", "topic:graphene"]
DEPTH_3 = ["organisation:gum-tree-co", "region:hazel"]


@pytest.mark.parametrize("depth,expected", [
    (1, [(i, 1) for i in DEPTH_1]),
    (2, [(i, 1) for i in DEPTH_1] + [(i, 2) for i in DEPTH_2]),
    (3, [(i, 1) for i in DEPTH_1] + [(i, 2) for i in DEPTH_2] + [(i, 3) for i in DEPTH_3]),
])
def test_neighbours_by_depth_ordered_by_depth_then_id(hood, depth, expected):
    answer = hood.neighbours("Centre Institute", depth=depth)
    assert answer["center"] == {"id": "organisation:centre-institute", "name": "Centre Institute",
                                "type": "Organisation"}
    assert [(n["id"], n["depth"]) for n in answer["nodes"]] == expected
    assert "organisation:ivy-corp" not in {n["id"] for n in answer["nodes"]}  # depth 4, and mentions are no edge


def test_neighbours_edges_join_returned_nodes(hood):
    answer = hood.neighbours("organisation:centre-institute", depth=1)
    assert {(e["source"], e["type"], e["target"]) for e in answer["edges"]} == {
        ("organisation:alder-lab", "COOPERATES_WITH", "organisation:centre-institute"),
        ("organisation:centre-institute", "LOCATED_IN", "city:birchton"),
        ("person:carol-chen", "HOLDS_POSITION", "organisation:centre-institute"),
    }
    assert all(e["weight"] == 1 for e in answer["edges"])
    deeper = hood.neighbours("organisation:centre-institute", depth=2)
    ids = {n["id"] for n in deeper["nodes"]} | {"organisation:centre-institute"}
    assert all(e["source"] in ids and e["target"] in ids for e in deeper["edges"])
    assert len(deeper["edges"]) == 7


def test_neighbours_label_filter(hood):
    answer = hood.neighbours("Centre Institute", depth=1, labels=["Organisation"])
    assert [n["id"] for n in answer["nodes"]] == ["organisation:alder-lab"]
    answer = hood.neighbours("Centre Institute", depth=1, labels=["City", "Person"])
    assert [n["id"] for n in answer["nodes"]] == ["city:birchton", "person:carol-chen"]


def test_neighbours_label_filter_walks_only_through_those_labels(hood):
    """Pinned semantics: a label filter restricts the walk, not only the answer. Dogwood Institute is
    two hops away but only through a City, so an Organisation-only neighbourhood does not reach it."""
    answer = hood.neighbours("Centre Institute", depth=3, labels=["Organisation"])
    assert [(n["id"], n["depth"]) for n in answer["nodes"]] == [
        ("organisation:alder-lab", 1), ("organisation:elm-works", 2), ("organisation:gum-tree-co", 3)]


def test_neighbours_relation_type_filter(hood):
    answer = hood.neighbours("Centre Institute", depth=3, rel_types=["LOCATED_IN"])
    assert [(n["id"], n["depth"]) for n in answer["nodes"]] == [
        ("city:birchton", 1), ("organisation:dogwood-institute", 2), ("region:fern", 2), ("region:hazel", 3)]
    assert {e["type"] for e in answer["edges"]} == {"LOCATED_IN"}
    answer = hood.neighbours("Centre Institute", depth=3, rel_types=["COOPERATES_WITH", "HOLDS_POSITION"])
    assert [n["id"] for n in answer["nodes"]] == [
        "organisation:alder-lab", "person:carol-chen", "organisation:elm-works", "organisation:gum-tree-co"]


@pytest.mark.parametrize("limit,expected", [
    (1, DEPTH_1[:1]),
    (4, DEPTH_1 + DEPTH_2[:1]),
    (8, DEPTH_1 + DEPTH_2 + DEPTH_3[:1]),
    (500, DEPTH_1 + DEPTH_2 + DEPTH_3),
])
def test_neighbours_limit_keeps_the_first_by_depth_then_id(hood, limit, expected):
    answer = hood.neighbours("Centre Institute", depth=3, limit=limit)
    assert [n["id"] for n in answer["nodes"]] == expected


def test_neighbours_of_a_node_with_only_mentions_is_empty(store):
    b = GraphBuilder()
    b.mention("n-9", b.add("Organisation", "Hermit Org"), b.add("Organisation", "Recluse Org"))
    store.upsert(b.batch())
    answer = store.neighbours("Hermit Org", depth=3)
    assert answer["nodes"] == [] and answer["edges"] == []


@pytest.mark.parametrize("kwargs,exc_type,named", [
    ({"ref": "Centre Institute", "depth": 0}, BadInput, "depth"),
    ({"ref": "Centre Institute", "depth": 4}, BadInput, "depth"),
    ({"ref": "Centre Institute", "limit": 0}, BadInput, "limit"),
    ({"ref": "Centre Institute", "labels": ["Planet"]}, BadInput, "Planet"),
    ({"ref": "Centre Institute", "rel_types": ["FLIES_TO"]}, BadInput, "FLIES_TO"),
    ({"ref": "Atlantis"}, NotFound, "Atlantis"),
], ids=["depth-0", "depth-4", "limit-0", "unknown-label", "unknown-type", "unknown-ref"])
def test_neighbours_bad_input(hood, kwargs, exc_type, named):
    with pytest.raises(exc_type) as exc:
        hood.neighbours(**kwargs)
    assert named in str(exc.value)


# =================================================================================================
# paths
# =================================================================================================
def test_shortest_path_with_evidence(coop):
    [p] = coop.paths("Zhang Bing", "Guiyang")
    assert_well_formed(p, "person:zhang-bing", "city:guiyang")
    assert path_ids(p) == ["person:zhang-bing", "organisation:jiaxing-association-for-science-and-technology",
                           "city:jiaxing", "project:innovation-china", "city:guiyang"]
    assert [e["type"] for e in p["edges"]] == ["HOLDS_POSITION", "LOCATED_IN", "PARTICIPATES_IN", "PARTICIPATES_IN"]
    assert p["edges"][0]["evidence"][0] == {"document": doc_id("news-02"),
                                            "sentence": "Zhang Bing, chairman of the Jiaxing AST, ...",
                                            "confidence": 0.9, "date": None}  # (its document is undated)
    assert p["edges"][0]["properties"] == {"title": "chairman"}
    assert p["nodes"][0] == {"id": "person:zhang-bing", "name": "Zhang Bing", "type": "Person"}


def test_path_answer_has_contract_shape(coop):
    answer = coop.path_answer("CAST", "嘉兴")
    assert answer["from"] == {"id": "organisation:china-association-for-science-and-technology",
                              "name": "China Association for Science and Technology", "type": "Organisation"}
    assert answer["to"]["id"] == "city:jiaxing"
    [p] = answer["paths"]
    assert p["hops"] == 2
    json.dumps(answer)  # JSON-serialisable as returned


def test_path_direction_is_ignored(coop):
    """Every edge of Zhejiang → Zhang Bing points the other way; edges keep their stored direction."""
    [p] = coop.paths("Zhejiang", "Zhang Bing")
    assert_well_formed(p, "region:zhejiang", "person:zhang-bing")
    assert [(e["source"], e["target"]) for e in p["edges"]] == [
        ("city:jiaxing", "region:zhejiang"),
        ("organisation:jiaxing-association-for-science-and-technology", "city:jiaxing"),
        ("person:zhang-bing", "organisation:jiaxing-association-for-science-and-technology"),
    ]


def test_k_shortest_loopless_paths_in_non_decreasing_hops(store):
    store.upsert(ladder_graph().batch())
    paths = store.paths("Start Org", "End Org", k=10)
    assert [p["hops"] for p in paths] == [2, 3, 4]  # exactly the three loopless paths
    for p in paths:
        assert_well_formed(p, "organisation:start-org", "organisation:end-org")
    assert len({tuple(path_ids(p)) for p in paths}) == 3
    assert path_ids(paths[0]) == ["organisation:start-org", "organisation:bridge-b1", "organisation:end-org"]
    assert [p["hops"] for p in store.paths("Start Org", "End Org", k=2)] == [2, 3]


@pytest.mark.parametrize("max_hops,expected", [(1, []), (2, [2]), (3, [2, 3]), (4, [2, 3, 4]), (6, [2, 3, 4])])
def test_max_hops_bounds_every_path(store, max_hops, expected):
    store.upsert(ladder_graph().batch())
    paths = store.paths("Start Org", "End Org", k=10, max_hops=max_hops)
    assert [p["hops"] for p in paths] == expected


@pytest.mark.parametrize("hops,max_hops,found", [(5, 4, False), (5, 5, True), (6, 6, True), (6, 5, False)])
def test_no_path_when_the_only_path_is_longer_than_max_hops(store, hops, max_hops, found):
    store.upsert(chain_graph(hops).batch())
    paths = store.paths("Chain Org 0", f"Chain Org {hops}", k=3, max_hops=max_hops)
    assert [p["hops"] for p in paths] == ([hops] if found else [])


def test_relation_type_filter(store):
    store.upsert(typed_routes_graph().batch())
    assert [(p["hops"], [e["type"] for e in p["edges"]]) for p in store.paths("Alpha Org", "Omega Org", k=5)] == [
        (1, ["COOPERATES_WITH"]), (2, ["PART_OF", "PART_OF"])]
    [p] = store.paths("Alpha Org", "Omega Org", k=5, rel_types=["PART_OF"])
    assert path_ids(p) == ["organisation:alpha-org", "organisation:parent-org", "organisation:omega-org"]
    [p] = store.paths("Alpha Org", "Omega Org", k=5, rel_types=["COOPERATES_WITH", "LOCATED_IN"])
    assert p["hops"] == 1
    assert store.paths("Alpha Org", "Omega Org", k=5, rel_types=["NEEDS"]) == []


def test_parallel_relations_make_one_path_over_the_strongest_edge(store):
    """Two typed relations join the same pair: paths are distinct node sequences, each hop walks the
    relation backed by more documents (among the allowed types); neighbours list both edges."""
    b = GraphBuilder()
    alpha, omega = b.add("Organisation", "Alpha Org"), b.add("Organisation", "Omega Org")
    b.link(alpha, "COOPERATES_WITH", omega, "par-1")
    b.link(alpha, "PART_OF", omega, "par-2").link(alpha, "PART_OF", omega, "par-3")
    store.upsert(b.batch())
    [p] = store.paths("Alpha Org", "Omega Org", k=5)
    assert [(e["type"], e["weight"]) for e in p["edges"]] == [("PART_OF", 2)]
    [p] = store.paths("Alpha Org", "Omega Org", k=5, rel_types=["COOPERATES_WITH"])
    assert [(e["type"], e["weight"]) for e in p["edges"]] == [("COOPERATES_WITH", 1)]
    edges = store.neighbours("Alpha Org")["edges"]
    assert sorted((e["type"], e["weight"]) for e in edges) == [("COOPERATES_WITH", 1), ("PART_OF", 2)]


def test_mentions_are_never_walked(store):
    b = typed_routes_graph()
    hermit = b.add("Organisation", "Hermit Org")
    b.mention("typed-2", hermit)  # typed-2 mentions Alpha, Omega, Parent and Hermit
    store.upsert(b.batch())
    assert store.stats()["relations"]["MENTIONS"] == 6  # typed-1: 2, typed-2: 4
    assert store.paths("Hermit Org", "Alpha Org", k=5, max_hops=6) == []
    with pytest.raises(BadInput) as exc:
        store.paths("Alpha Org", "Omega Org", rel_types=["MENTIONS"])
    assert "MENTIONS" in str(exc.value)


def test_weighted_paths_prefer_edges_backed_by_more_documents(store):
    store.upsert(weighted_graph().batch())
    [short] = store.paths("Left Org", "Right Org")
    assert path_ids(short) == ["organisation:left-org", "organisation:thin-org", "organisation:right-org"]
    cheap, dear = store.paths("Left Org", "Right Org", k=2, weighted=True)
    assert path_ids(cheap) == ["organisation:left-org", "organisation:thick-one", "organisation:thick-two",
                               "organisation:right-org"]
    assert [e["weight"] for e in cheap["edges"]] == [3, 3, 3]
    assert cheap["cost"] == pytest.approx(1.0) and dear["cost"] == pytest.approx(2.0)
    assert path_ids(dear) == path_ids(short)
    # the hop bound holds for weighted paths too
    [bounded] = store.paths("Left Org", "Right Org", k=2, max_hops=2, weighted=True)
    assert path_ids(bounded) == path_ids(short)


def test_path_to_unknown_endpoint_is_not_found(coop):
    with pytest.raises(NotFound) as exc:
        coop.paths("Zhang Bing", "Atlantis")
    assert "Atlantis" in str(exc.value)
    with pytest.raises(NotFound):
        coop.paths("person:nobody", "Guiyang")


@pytest.mark.parametrize("kwargs,named", [
    ({"k": 11}, "k"),
    ({"k": 0}, "k"),
    ({"max_hops": 7}, "max_hops"),
    ({"max_hops": 0}, "max_hops"),
    ({"rel_types": ["FLIES_TO"]}, "FLIES_TO"),
], ids=["k-11", "k-0", "max-hops-7", "max-hops-0", "unknown-type"])
def test_path_limits_are_bad_input(coop, kwargs, named):
    with pytest.raises(BadInput) as exc:
        coop.paths("Zhang Bing", "Guiyang", **kwargs)
    assert named in str(exc.value)


def test_path_between_an_entity_and_itself_is_bad_input(coop):
    with pytest.raises(BadInput):
        coop.paths("Jiaxing", "嘉兴")


# =================================================================================================
# stats
# =================================================================================================
def test_stats_shape_on_empty_store(store):
    onto = ontology()
    stats = store.stats()
    assert set(stats) == {"nodes", "relations", "documents"}
    assert stats["nodes"] == {label: 0 for label in onto.entity_labels}
    assert stats["relations"] == {t: 0 for t in onto.relations}
    assert stats["documents"] == 0
    assert "Document" not in stats["nodes"]


def test_stats_counts(coop):
    stats = coop.stats()
    assert stats == COOPERATION_STATS
    assert all(isinstance(v, int) and not isinstance(v, bool)
               for part in ("nodes", "relations") for v in stats[part].values())
    json.dumps(stats)


def test_clear_empties_the_store(coop):
    coop.clear()
    assert coop.stats()["documents"] == 0 and sum(coop.stats()["nodes"].values()) == 0
    assert export_json(coop) == {"nodes": [], "edges": [], "documents": []}
    assert coop.get("Jiaxing") is None


# =================================================================================================
# retract
# =================================================================================================
@pytest.fixture
def retractable(coop):
    """The cooperation graph plus a second document (news-07) for Jiaxing LOCATED_IN Zhejiang."""
    coop.upsert(_jiaxing_in_zhejiang("news-07", "Jiaxing lies in Zhejiang."))
    assert relation(coop, "city:jiaxing", "LOCATED_IN", "region:zhejiang").weight == 2
    return coop


def test_retract_removes_the_documents_evidence(retractable):
    result = retractable.retract_document(doc_id("news-02"))
    assert result["evidence_removed"] == 4
    exported = export_json(retractable)
    docs = {ev["document"] for e in exported["edges"] for ev in e["evidence"]}
    assert doc_id("news-02") not in docs
    assert retractable.get_document(doc_id("news-02")) is None
    assert doc_id("news-02") not in {d["id"] for d in exported["documents"]}
    assert retractable.stats()["documents"] == 5


def test_retract_deletes_relations_left_without_evidence(retractable):
    before = edge_keys(retractable)
    result = retractable.retract_document(doc_id("news-02"))
    gone = {("city:hangzhou", "LOCATED_IN", "region:zhejiang"),
            ("organisation:jiaxing-association-for-science-and-technology", "LOCATED_IN", "city:jiaxing"),
            ("person:zhang-bing", "HOLDS_POSITION", "organisation:jiaxing-association-for-science-and-technology")}
    assert result["relations_removed"] == 3
    assert edge_keys(retractable) == before - gone
    assert retractable.stats()["relations"]["LOCATED_IN"] == 2
    assert [n["id"] for n in retractable.neighbours("Jiaxing", rel_types=["LOCATED_IN"])["nodes"]] == [
        "region:zhejiang"]


def test_retract_removes_entities_only_that_document_asserted(retractable):
    """Hangzhou, the Jiaxing AST and Zhang Bing were mentioned by news-02 alone and keep no edge: they
    go. Jiaxing and Zhejiang keep edges (and other documents) and stay."""
    result = retractable.retract_document(doc_id("news-02"))
    assert result["entities_removed"] == 3
    for gone in ("city:hangzhou", "organisation:jiaxing-association-for-science-and-technology",
                 "person:zhang-bing"):
        assert retractable.get_entity(gone) is None, gone
    assert retractable.get("Zhang Bing") is None
    assert retractable.get_entity("city:jiaxing") is not None and retractable.get_entity("region:zhejiang")
    assert retractable.stats()["nodes"]["City"] == 3


def test_retract_keeps_a_relation_backed_by_another_document_with_weight_one(retractable):
    retractable.retract_document(doc_id("news-02"))
    r = relation(retractable, "city:jiaxing", "LOCATED_IN", "region:zhejiang")
    assert r is not None and r.weight == 1
    assert [(e.document, e.sentence) for e in r.evidence] == [(doc_id("news-07"), "Jiaxing lies in Zhejiang.")]
    [p] = retractable.paths("Jiaxing", "Zhejiang")
    assert p["edges"][0]["weight"] == 1
    assert retractable.neighbours("Zhejiang", rel_types=["LOCATED_IN"])["edges"] == [
        {"source": "city:jiaxing", "target": "region:zhejiang", "type": "LOCATED_IN", "weight": 1}]


def test_retract_unknown_document_is_not_found(coop):
    with pytest.raises(NotFound):
        coop.retract_document(doc_id("news-99"))
    assert coop.stats() == COOPERATION_STATS


# =================================================================================================
# merge
# =================================================================================================
@pytest.fixture
def two_zjus(coop):
    """Zhejiang University and 浙大本部 stored as two nodes with their own edges and mentions."""
    b = GraphBuilder()
    zju = b.add("Organisation", "Zhejiang University", aliases=["ZJU"], kind="university")
    zd = b.add("Organisation", "浙大本部", aliases=["浙大"])
    hz, jx, ic = b.add("City", "Hangzhou"), b.add("City", "Jiaxing"), b.add("Project", "Innovation China")
    b.link(zju, "LOCATED_IN", hz, "m-1")
    b.link(zju, "PARTICIPATES_IN", ic, "m-1", role="member")
    b.link(zd, "COOPERATES_WITH", jx, "m-2")
    b.link(zd, "PARTICIPATES_IN", ic, "m-3", year=2022)
    b.mention("m-4", zd)
    coop.upsert(b.batch())
    assert coop.stats()["nodes"]["Organisation"] == 4
    return coop


def test_merge_moves_aliases_and_edges_to_the_survivor(two_zjus):
    s = two_zjus
    survivor = s.merge_entities("Zhejiang University", "浙大本部")
    zju = "organisation:zhejiang-university"
    assert survivor.id == zju and survivor.name == "Zhejiang University"
    assert {"Zhejiang University", "ZJU", "浙大本部", "浙大"} <= survivor.aliases
    assert survivor.properties.get("kind") == "university"
    assert s.get_entity("organisation:浙大本部") is None
    assert s.get("浙大").id == zju
    assert s.stats()["nodes"]["Organisation"] == 3
    keys = edge_keys(s)
    assert not any("organisation:浙大本部" in (k[0], k[2]) for k in keys)
    assert relation(s, "city:jiaxing", "COOPERATES_WITH", zju).weight == 1
    assert [p["hops"] for p in s.paths("浙大本部", "Jiaxing", k=1)] == [1]


def test_merge_joins_parallel_edges_and_their_evidence(two_zjus):
    two_zjus.merge_entities("organisation:zhejiang-university", "organisation:浙大本部")
    r = relation(two_zjus, "organisation:zhejiang-university", "PARTICIPATES_IN", "project:innovation-china")
    assert sorted(e.document for e in r.evidence) == [doc_id("m-1"), doc_id("m-3")]
    assert r.weight == 2
    assert r.properties == {"role": "member", "year": 2022}
    assert two_zjus.stats()["relations"]["PARTICIPATES_IN"] == 3


def test_merge_moves_mentions(two_zjus):
    two_zjus.merge_entities("Zhejiang University", "浙大本部")
    docs = {d.id for d in two_zjus.documents_mentioning("organisation:zhejiang-university")}
    assert docs == {doc_id("m-1"), doc_id("m-2"), doc_id("m-3"), doc_id("m-4")}
    assert "organisation:浙大本部" not in two_zjus.get_document(doc_id("m-4")).mentions


def test_merge_of_two_linked_nodes_leaves_no_self_loop(store):
    b = GraphBuilder()
    lab, zjl, hz = b.add("Organisation", "Zhejiang Lab"), b.add("Organisation", "之江实验室"), b.add("City", "Hangzhou")
    b.link(lab, "COOPERATES_WITH", zjl, "z-1")
    b.link(lab, "LOCATED_IN", hz, "z-2")
    b.link(zjl, "LOCATED_IN", hz, "z-3")
    store.upsert(b.batch())
    store.merge_entities("Zhejiang Lab", "之江实验室")
    assert edge_keys(store) == {("organisation:zhejiang-lab", "LOCATED_IN", "city:hangzhou")}
    assert relation(store, "organisation:zhejiang-lab", "LOCATED_IN", "city:hangzhou").weight == 2
    assert store.stats()["relations"]["COOPERATES_WITH"] == 0
    answer = store.neighbours("之江实验室")
    assert answer["center"]["id"] == "organisation:zhejiang-lab"
    assert [n["id"] for n in answer["nodes"]] == ["city:hangzhou"]


@pytest.mark.parametrize("survivor,other", [("city:jilin", "region:jilin"), ("Jiaxing", "Zhejiang"),
                                            ("Zhang Bing", "CAST")])
def test_merge_never_crosses_labels(coop, survivor, other):
    before = export_text(coop)
    with pytest.raises(BadInput) as exc:
        coop.merge_entities(survivor, other)
    assert "label" in str(exc.value)
    assert export_text(coop) == before


def test_merge_with_itself_or_unknown(coop):
    with pytest.raises(BadInput):
        coop.merge_entities("CAST", "China Association for Science and Technology")
    with pytest.raises(NotFound):
        coop.merge_entities("CAST", "Atlantis")
    assert coop.stats() == COOPERATION_STATS


# =================================================================================================
# export / import
# =================================================================================================
def test_json_export_shape_and_order(coop):
    data = export_json(coop)
    assert set(data) >= {"nodes", "edges"}
    assert len(data["nodes"]) == 12 and len(data["edges"]) == 11 and len(data["documents"]) == 5
    for n in data["nodes"]:
        assert {"id", "name", "type", "aliases"} <= set(n) and n["name"] in n["aliases"]
    for e in data["edges"]:
        assert {"source", "target", "type", "evidence"} <= set(e)
        assert e["type"] != "MENTIONS" and e["weight"] == len({ev["document"] for ev in e["evidence"]})
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    keys = [(e["source"], e["type"], e["target"]) for e in data["edges"]]
    assert keys == sorted(keys)
    jx = next(n for n in data["nodes"] if n["id"] == "city:jiaxing")
    assert jx == {"id": "city:jiaxing", "name": "Jiaxing", "type": "City", "aliases": ["Jiaxing", "Jiaxing City", "嘉兴"],
                  "province": "Zhejiang", "level": "city"}


def test_export_import_export_round_trip(coop, reopen):
    coop.upsert(_jiaxing_in_zhejiang("news-07", "Jiaxing lies in Zhejiang."))
    first = export_text(coop)
    stats = coop.stats()
    coop.clear()
    assert coop.stats()["documents"] == 0
    result = coop.import_json(json.loads(first), batch_size=5)
    assert result == {"entities": 12, "relations": 11, "documents": 6}
    assert export_text(coop) == first
    assert coop.stats() == stats
    assert export_text(reopen()) == first


def test_round_trip_keeps_two_nodes_that_share_an_alias(store):
    """An import writes the exported nodes as they are, without resolving them by match key: two
    nodes sharing an alias stay two. (Only a write without resolution, like an import, makes two
    nodes share an alias: a resolved upsert of "Alpha Institute / Beta Lab" merges them, see the
    next test.)"""
    store.upsert(Batch([ent("Organisation", "Alpha Institute", ["Beta Lab"]), ent("Organisation", "Beta Lab")]),
                 resolve=False)
    first = export_text(store)
    assert len(json.loads(first)["nodes"]) == 2
    store.clear()
    store.import_json(json.loads(first))
    assert export_text(store) == first


def test_a_mention_bridging_two_stored_nodes_merges_them(store):
    """ONTOLOGY.md: same label and a shared normalised alias make one entity. A mention whose own id
    is stored and whose alias is another stored node's name merges the two (the survivor is the
    smaller id), moving relations and mentions; in the other order of arrival the same node is left."""
    for order in ((0, 1), (1, 0)):
        store.clear()
        alpha, beta = ent("Organisation", "Alpha Institute"), ent("Organisation", "Beta Lab")
        hz = ent("City", "Hangzhou")
        docs = [Document(f"document:d{i}", "news", mentions={e.id}) for i, e in enumerate((alpha, beta))]
        for i in order:
            e = (alpha, beta)[i]
            store.upsert(Batch([e, hz], [Relation(e.id, "LOCATED_IN", hz.id, {}, [Evidence(docs[i].id, "x")])],
                               [docs[i]]))
        out = store.upsert(Batch([ent("Organisation", "Beta Lab", ["Alpha Institute"])]))
        assert out["ids"] == {"organisation:beta-lab": "organisation:alpha-institute"}
        orgs = list(store.iter_entities(["Organisation"]))
        assert [(o.id, sorted(o.aliases)) for o in orgs] == [("organisation:alpha-institute",
                                                              ["Alpha Institute", "Beta Lab"])]
        (rel,) = store.iter_relations(["LOCATED_IN"])
        assert rel.source == "organisation:alpha-institute" and rel.weight == 2
        assert {d.id for d in store.documents_mentioning("organisation:alpha-institute")} == {"document:d0",
                                                                                              "document:d1"}
        assert store.get_entity("organisation:beta-lab") is None

def test_graphml_export_parses(coop):
    root = ET.fromstring(export_text(coop, "graphml"))
    assert root.tag == GRAPHML + "graphml"
    keys = {k.get("id"): k for k in root.iter(GRAPHML + "key")}
    graph = root.find(GRAPHML + "graph")
    nodes = graph.findall(GRAPHML + "node")
    edges = graph.findall(GRAPHML + "edge")
    assert len(nodes) == 12 and len(edges) == 11
    ids = {n.get("id") for n in nodes}
    assert "city:jiaxing" in ids and "organisation:china-association-for-science-and-technology" in ids
    for e in edges:
        assert e.get("source") in ids and e.get("target") in ids
        for d in e.findall(GRAPHML + "data"):
            assert d.get("key") in keys and keys[d.get("key")].get("for") == "edge"
    data = {d.get("key"): d.text for d in next(n for n in nodes if n.get("id") == "city:jiaxing")}
    names = {keys[k].get("attr.name"): v for k, v in data.items()}
    assert names["name"] == "Jiaxing" and names["type"] == "City"
    assert "嘉兴" in names["aliases"].split(" | ")
    types = sorted(d.text for e in edges for d in e if keys[d.get("key")].get("attr.name") == "type")
    assert types.count("LOCATED_IN") == 4


def test_csv_export_parses(coop):
    rows = list(csv.reader(io.StringIO(export_text(coop, "csv"))))
    blank = rows.index([])
    node_rows, edge_rows = rows[:blank], rows[blank + 1:]
    assert node_rows[0][:3] == ["id", "name", "type"]
    assert edge_rows[0][:3] == ["source", "target", "type"]
    nodes = [dict(zip(node_rows[0], r)) for r in node_rows[1:]]
    edges = [dict(zip(edge_rows[0], r)) for r in edge_rows[1:]]
    assert len(nodes) == 12
    jx = next(n for n in nodes if n["id"] == "city:jiaxing")
    assert jx["name"] == "Jiaxing" and "嘉兴" in jx["aliases"]
    assert {(e["source"], e["type"], e["target"]) for e in edges} == edge_keys(coop)
    assert {e["document"] for e in edges} == {doc_id(f"news-0{i}") for i in (1, 2, 4, 5, 6)}
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)


def test_unknown_export_format_is_bad_input(coop):
    with pytest.raises(BadInput) as exc:
        export_text(coop, "xlsx")
    assert "xlsx" in str(exc.value)


def test_import_of_a_bad_export_writes_nothing(coop):
    data = export_json(coop)
    data["edges"].append({"source": "city:jiaxing", "target": "region:zhejiang", "type": "BORDERS",
                          "evidence": [{"document": "document:x"}]})
    before = export_text(coop)
    with pytest.raises(SchemaError) as exc:
        coop.import_json(data)
    assert "edges[11]" in str(exc.value) and "BORDERS" in str(exc.value)
    assert export_text(coop) == before


# =================================================================================================
# a 10,000-entity batch
# =================================================================================================
def test_ten_thousand_entities_in_one_batch(store):
    n_cities, n_orgs = 2_000, 8_000
    cities = [ent("City", f"Testcity {i:05d}") for i in range(n_cities)]
    orgs = [ent("Organisation", f"Testorg {i:05d}") for i in range(n_orgs)]
    rels = [rel(o.id, "LOCATED_IN", cities[i % n_cities].id, f"bulk-{i % 50}") for i, o in enumerate(orgs)]
    rels += [rel(cities[i].id, "COOPERATES_WITH", cities[(i + 1) % n_cities].id, f"bulk-{i % 50}")
             for i in range(n_cities)]
    docs = [Document(doc_id(f"bulk-{i}"), "news", title=f"bulk {i}") for i in range(50)]
    result = store.upsert(Batch(cities + orgs, rels, docs))
    assert (result["entities"], result["relations"], result["documents"]) == (10_000, 10_000, 50)
    stats = store.stats()
    assert stats["nodes"]["City"] == n_cities and stats["nodes"]["Organisation"] == n_orgs
    assert stats["relations"]["LOCATED_IN"] == n_orgs and stats["relations"]["COOPERATES_WITH"] == n_cities
    assert stats["documents"] == 50
    assert store.get("Testorg 07999").id == "organisation:testorg-07999"
    hits = store.search("Testorg 07999", limit=5)
    assert (hits[0]["id"], hits[0]["match"]) == ("organisation:testorg-07999", "exact")
    assert [h["id"] for h in store.search("testcity 0199", labels=["City"], limit=3)] == [
        "city:testcity-01990", "city:testcity-01991", "city:testcity-01992"]
    # Testorg 00000 is in Testcity 00000 and Testorg 00003 in Testcity 00003: 5 hops along the ring
    [p] = store.paths("Testorg 00000", "Testorg 00003", max_hops=6)
    assert p["hops"] == 5
    answer = store.neighbours("Testcity 00001", depth=1)
    assert len(answer["nodes"]) == 2 + n_orgs // n_cities


# =================================================================================================
# bad input: named, and nothing of the batch written
# =================================================================================================
def _ev(doc="news-50"):
    return [Evidence(doc_id(doc), "A sentence.")]


def bad_items():
    """Fresh objects per test (validation fills fields in)."""
    return {
        # name: (extra entities, extra relations, extra documents, exception, words the message must name)
        "unknown-label": ([Entity("", "Planet", "Mars")], [], [], SchemaError, ["Planet", "Mars", "entities[2]"]),
        "document-as-entity": ([Entity("", "Document", "Some Page")], [], [], SchemaError,
                               ["Document", "Some Page", "entities[2]"]),
        "empty-name": ([Entity("", "City", "   ")], [], [], BadInput, ["empty name", "entities[2]"]),
        "bad-property": ([Entity("", "City", "Wenzhou", properties={"mayor": {"name": "X"}})], [], [], BadInput,
                         ["mayor", "Wenzhou", "entities[2]"]),
        "unknown-relation-type": ([], [Relation("city:shaoxing", "FUNDS", "region:zhejiang", {}, _ev())], [],
                                  SchemaError, ["FUNDS", "relations[1]", "city:shaoxing"]),
        "endpoints-not-allowed": ([], [Relation("topic:textiles", "LOCATED_IN", "city:shaoxing", {}, _ev())], [],
                                  SchemaError, ["LOCATED_IN", "Topic", "City", "relations[1]", "topic:textiles"]),
        "endpoints-not-allowed-stored": ([], [Relation("person:zhang-bing", "PART_OF",
                                                       "organisation:china-association-for-science-and-technology",
                                                       {}, _ev())],
                                         [], SchemaError, ["relations[1]", "PART_OF", "Person", "person:zhang-bing"]),
        "no-evidence": ([], [Relation("city:shaoxing", "LOCATED_IN", "region:zhejiang", {}, [])], [], BadInput,
                        ["evidence", "relations[1]"]),
        "self-loop": ([], [Relation("city:shaoxing", "COOPERATES_WITH", "city:shaoxing", {}, _ev())], [], BadInput,
                      ["relations[1]", "city:shaoxing"]),
        "unknown-endpoint": ([], [Relation("city:shaoxing", "LOCATED_IN", "region:atlantis", {}, _ev())], [],
                             BadInput, ["region:atlantis", "relations[1]"]),
        "mentions-as-relation": ([], [Relation("document:news-01", "MENTIONS", "city:shaoxing", {}, _ev())], [],
                                 BadInput, ["MENTIONS", "relations[1]"]),
        "mention-of-unknown-entity": ([], [], [Document(doc_id("news-51"), "news", mentions={"city:atlantis"})],
                                      BadInput, ["city:atlantis", "documents[1]"]),
    }


@pytest.mark.parametrize("case", list(bad_items()))
def test_bad_item_is_named_and_nothing_of_the_batch_is_written(coop, case):
    extra_ents, extra_rels, extra_docs, exc_type, named = bad_items()[case]
    before, stats = export_text(coop), coop.stats()
    # a valid head the store would write if the batch were not all-or-nothing
    entities = [ent("City", "Shaoxing", ["绍兴"]), ent("Topic", "textiles"), *extra_ents]
    relations = [rel("city:shaoxing", "LOCATED_IN", "region:zhejiang", "news-50"), *extra_rels]
    documents = [Document(doc_id("news-50"), "news", mentions={"city:shaoxing"}), *extra_docs]
    with pytest.raises(exc_type) as exc:
        coop.upsert(Batch(entities, relations, documents))
    message = str(exc.value)
    for word in named:
        assert word in message, f"{word!r} not named in {message!r}"
    assert coop.stats() == stats
    assert export_text(coop) == before
    assert coop.get("Shaoxing") is None and coop.get_document(doc_id("news-50")) is None

"""Unit tests of the graph core that need no store: ids, the ontology (schema) and the model."""
from __future__ import annotations

import json
import re

import pytest

from graph.errors import BadInput, SchemaError
from graph.ids import clean_name, id_label, make_id, match_keys, normalise, primary_key, slug
from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.schema import ONTOLOGY_FILE, ontology


# =================================================================================================
# graph/ids.py
# =================================================================================================
@pytest.mark.parametrize("raw,expected", [
    ("Jiaxing", "jiaxing"),
    ("  The  Zhejiang   University ", "zhejiang university"),
    ("The People’s Government of Zhejiang Province", "people government of zhejiang province"),
    ("Zhang Bing's lab", "zhang bing lab"),
    ("“Innovation China”", "innovation china"),
    ("ＣＡＳＴ", "cast"),                       # full-width letters (NFKC)
    ("Binhai (Tianjin)", "binhai tianjin"),
    ("Jean-Luc", "jean-luc"),
    ("嘉兴", "嘉兴"),
    ("嘉兴\u3000科协", "嘉兴 科协"),            # ideographic space
    ("Theory Lab", "theory lab"),              # 'the' only as a word
    ("", ""),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected
    assert normalise(expected) == expected  # idempotent


def test_normalise_none_is_empty():
    assert normalise(None) == ""


@pytest.mark.parametrize("raw,expected", [
    ("  Jiaxing\u00a0 City, ", "Jiaxing City"),
    ("CAST.", "CAST"),
    ("嘉兴；", "嘉兴"),  # NFKC turns the full-width semicolon into a plain one, then stripped
    ("  ", ""),
])
def test_clean_name(raw, expected):
    assert clean_name(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("Binhai New Area of Tianjin", "binhai-new-area-of-tianjin"),
    ("Zhejiang University (ZJU)", "zhejiang-university-zju"),
    ("A&B Co.", "a-b-co"),
    ("嘉兴", "嘉兴"),
    ("Xi’an", "xi-an"),
    ("snake_case name", "snake-case-name"),
    ("!!!", ""),
])
def test_slug(raw, expected):
    assert slug(raw) == expected
    assert not expected or re.fullmatch(r"[\w]+(-[\w]+)*", slug(raw))


@pytest.mark.parametrize("label,name,expected", [
    ("City", "Jiaxing", "city:jiaxing"),
    ("City", "Jiaxing City", "city:jiaxing"),
    ("City", "Jilin Shi", "city:jilin"),
    ("City", "City", "city:city"),                          # a suffix alone is a name
    ("Region", "Zhejiang Province", "region:zhejiang"),
    ("Region", "Inner Mongolia Autonomous Region", "region:inner-mongolia"),
    ("Region", "Jilin", "region:jilin"),
    ("Organisation", "Jilin City", "organisation:jilin-city"),  # suffixes are for places only
    ("Organisation", "China Association for Science and Technology",
     "organisation:china-association-for-science-and-technology"),
    ("Person", "Huai Jinpeng", "person:huai-jinpeng"),
    ("City", "嘉兴", "city:嘉兴"),
    ("Document", "news-01", "document:news-01"),
])
def test_make_id(label, name, expected):
    assert make_id(label, name) == expected
    assert id_label(expected) == label.lower()


def test_jilin_province_and_jilin_city_differ_only_by_label():
    assert make_id("Region", "Jilin province").split(":")[1] == make_id("City", "Jilin city").split(":")[1]
    assert make_id("Region", "Jilin province") != make_id("City", "Jilin city")


@pytest.mark.parametrize("name", ["", "   ", "!!!", "“”", None])
def test_make_id_refuses_an_empty_name(name):
    with pytest.raises(BadInput) as exc:
        make_id("City", name)
    assert "City" in str(exc.value)


@pytest.mark.parametrize("label,name,expected", [
    ("Region", "Jilin Province", {"jilin province", "jilin"}),
    ("Region", "Zhejiang", {"zhejiang"}),
    ("City", "Jiaxing City", {"jiaxing city", "jiaxing"}),
    ("City", "嘉兴", {"嘉兴", "jiaxing"}),
    ("Organisation", "CAST", {"cast"}),
    ("Organisation", "Jilin city", {"jilin city"}),
    ("City", "", set()),
])
def test_match_keys(label, name, expected):
    assert match_keys(label, name) == expected


def test_match_keys_make_aliases_meet():
    assert match_keys("Region", "Zhejiang") & match_keys("Region", "Zhejiang province")
    assert match_keys("Organisation", "CAST") & match_keys("Organisation", "cast")
    assert not match_keys("Organisation", "CAST") & match_keys(
        "Organisation", "China Association for Science and Technology")
    assert primary_key("City", "Jiaxing City") == "jiaxing"


@pytest.mark.parametrize("ref,expected", [
    ("city:jiaxing", "city"), ("city:嘉兴", "city"), ("jiaxing", None), ("city:", None), (":x", None),
    ("c1ty:x", None),
])
def test_id_label(ref, expected):
    assert id_label(ref) == expected


# =================================================================================================
# graph/schema.py
# =================================================================================================
@pytest.mark.parametrize("source,rel_type,target,allowed", [
    ("Person", "HOLDS_POSITION", "Organisation", True),
    ("Person", "HOLDS_POSITION", "Region", True),
    ("Organisation", "HOLDS_POSITION", "Person", False),
    ("Region", "LOCATED_IN", "Region", True),
    ("Region", "LOCATED_IN", "City", False),
    ("Topic", "LOCATED_IN", "City", False),
    ("City", "COOPERATES_WITH", "Organisation", True),
    ("Organisation", "COOPERATES_WITH", "City", True),   # symmetric
    ("Person", "COOPERATES_WITH", "City", False),
    ("Organisation", "PART_OF", "Organisation", True),
    ("Project", "PART_OF", "Organisation", False),
    ("Organisation", "NEEDS", "Topic", True),
    ("City", "NEEDS", "Topic", False),
    ("Document", "MENTIONS", "Event", True),
    ("City", "MENTIONS", "Event", False),
    ("City", "BORDERS", "City", False),                  # unknown type
])
def test_allows(source, rel_type, target, allowed):
    assert ontology().allows(source, rel_type, target) is allowed


def test_check_relation_names_what_is_wrong():
    onto = ontology()
    onto.check_relation("Person", "HOLDS_POSITION", "City")  # no error
    with pytest.raises(SchemaError) as exc:
        onto.check_relation("Topic", "LOCATED_IN", "City", where="relations[4]")
    msg = str(exc.value)
    assert msg.startswith("relations[4]: ")
    assert "LOCATED_IN may not go from Topic to City" in msg
    assert "Organisation, City, Event, Project -> City, Region; Region -> Region" in msg
    with pytest.raises(SchemaError) as exc:
        onto.check_relation("City", "BORDERS", "City", where="relations[0]")
    assert "BORDERS" in str(exc.value) and "relations[0]" in str(exc.value)


def test_check_label_and_entity_label():
    onto = ontology()
    assert onto.check_label("City") == "City"
    with pytest.raises(SchemaError) as exc:
        onto.check_label("Planet", where="entities[2]")
    assert "Planet" in str(exc.value) and "entities[2]" in str(exc.value)
    assert onto.check_label("Document") == "Document"
    with pytest.raises(SchemaError):
        onto.check_entity_label("Document")
    with pytest.raises(SchemaError) as exc:
        onto.check_types(["City", "Plnet"], "label", "labels")
    assert "Plnet" in str(exc.value)
    assert onto.check_types(["LOCATED_IN"], "relation") == ("LOCATED_IN",)


def test_ontology_queries():
    onto = ontology()
    assert "Document" not in onto.entity_labels and len(onto.entity_labels) == 7
    assert "MENTIONS" not in onto.path_relation_types and "LOCATED_IN" in onto.path_relation_types
    assert onto.is_symmetric("COOPERATES_WITH") and not onto.is_symmetric("LOCATED_IN")
    assert onto.relations["HOLDS_POSITION"].properties == ("title",)
    assert onto.labels["City"].enums["level"] == ("city", "district", "zone", "county")


def _ontology_md_tables(text: str):
    """Rows of the two tables of ONTOLOGY.md as lists of cells."""
    labels, relations, section = [], [], None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
        elif line.startswith("|") and not re.match(r"^\|\s*-", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells[0] in ("label", "type"):
                continue
            (labels if section == "node labels" else relations).append(cells)
    return labels, relations


def test_ontology_file_matches_ontology_md(shared_dir):
    """graph/ontology.toml declares exactly the labels, properties, enums and relations of ONTOLOGY.md."""
    onto = ontology()
    labels, relations = _ontology_md_tables((shared_dir / "ONTOLOGY.md").read_text(encoding="utf-8"))
    assert [r[0] for r in labels] == list(onto.labels)
    for name, _what, _examples, props in labels:
        found = re.findall(r"(\w+)(?: \(([^)]*)\))?", props)
        assert tuple(p for p, _ in found) == onto.labels[name].properties, name
        enums = {p: tuple(v.strip() for v in vals.split(",")) for p, vals in found if vals and vals != "list"}
        assert enums == onto.labels[name].enums, name
    entity_labels = set(onto.entity_labels)
    assert [r[0].split()[0] for r in relations] == list(onto.relations)
    for cells in relations:
        name, ends = cells[0].split()[0], cells[1]
        rel = onto.relations[name]
        assert rel.symmetric == ("↔" in ends) == ("(symmetric)" in cells[0]), name
        declared = set()
        for part in ends.split(";"):
            src, tgt = re.split(r"\s*[→↔]\s*", part.strip())
            tgt_set = entity_labels if tgt == "any node" else {x.strip() for x in tgt.split(",")}
            declared.add((frozenset(x.strip() for x in src.split(",")), frozenset(tgt_set)))
        assert declared == set(rel.endpoints), name
        assert set(re.findall(r"\{([^}]*)\}", cells[0])[0].replace(" ", "").split(",")
                   if "{" in cells[0] else ()) <= set(rel.properties), name
    assert onto.relations["MENTIONS"].provenance


GOOD = ONTOLOGY_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("mutate,named", [
    (lambda t: t.replace("[labels.Document]", "[labels.Source]"), "Document"),
    (lambda t: t.replace('endpoints = [[["Organisation"], ["Topic"]]]', 'endpoints = [[["Company"], ["Topic"]]]'),
     "Company"),
    (lambda t: t.replace("[relations.NEEDS]", "[relations.needs]"), "needs"),
    (lambda t: t.replace("[labels.Topic]", "[labels.topic]").replace('"Topic"', '"topic"'), "topic"),
    (lambda t: t.replace('enums = { level = ["province", "region", "country"] }',
                         'enums = { tier = ["province", "region", "country"] }'), "tier"),
    (lambda t: t.replace('endpoints = [[["Organisation"], ["Topic"]]]', "endpoints = []"), "NEEDS"),
    (lambda t: t.replace("[relations.NEEDS]", "[relations.NEEDS"), "cannot read ontology"),
], ids=["no-document-label", "unknown-endpoint-label", "lowercase-relation", "lowercase-label",
        "enum-of-undeclared-property", "no-endpoints", "toml-syntax"])
def test_broken_ontology_file_raises_schema_error(tmp_path, mutate, named):
    broken = mutate(GOOD)
    assert broken != GOOD, "the mutation did not apply"
    path = tmp_path / "ontology.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(SchemaError) as exc:
        ontology(str(path))
    assert named in str(exc.value)
    assert str(path) in str(exc.value)


def test_missing_ontology_file_raises_schema_error(tmp_path):
    with pytest.raises(SchemaError):
        ontology(str(tmp_path / "nope.toml"))


def test_another_valid_ontology_file_loads(tmp_path):
    path = tmp_path / "ontology.toml"
    path.write_text(GOOD.replace('[relations.NEEDS]\ndescription = "an enterprise\'s registered technology need"',
                                 '[relations.OFFERS]\ndescription = "offers"'), encoding="utf-8")
    onto = ontology(str(path))
    assert "OFFERS" in onto.relations and "NEEDS" not in onto.relations
    assert onto.allows("Organisation", "OFFERS", "Topic")
    assert "NEEDS" in ontology().relations  # the cached default is untouched


# =================================================================================================
# graph/model.py
# =================================================================================================
def test_entity_new_fills_id_and_aliases():
    e = Entity.new("City", " Jiaxing City ", aliases=["嘉兴", " ", "Jiaxing"], properties={"level": "city", "x": None})
    assert (e.id, e.name) == ("city:jiaxing", "Jiaxing City")
    assert e.aliases == {"Jiaxing City", "嘉兴", "Jiaxing"}
    assert e.properties == {"level": "city"}  # empty values dropped
    assert e.brief() == {"id": "city:jiaxing", "name": "Jiaxing City", "type": "City"}


@pytest.mark.parametrize("entity", [
    Entity.new("City", "Jiaxing", aliases=["嘉兴"], properties={"province": "Zhejiang", "level": "city"}),
    Entity.new("Person", "Huai Jinpeng", properties={"titles": ["Executive Vice Chairman", "Academician"]}),
    Entity.new("Project", "Innovation China", properties={"year": 2021, "kind": "programme", "share": 0.5}),
    Entity.new("Organisation", "浙江大学", aliases=["ZJU", "Zhejiang University"], id="organisation:zju"),
], ids=["city", "person", "project", "chinese-explicit-id"])
def test_entity_dict_round_trip(entity):
    d = entity.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert Entity.from_dict(d) == entity
    assert d["type"] == entity.label and d["aliases"] == sorted(entity.aliases)


def test_entity_from_extraction_shape():
    e = Entity.from_dict({"id": "city:jiaxing", "name": "Jiaxing", "type": "City", "mentions": ["Jiaxing", "嘉兴市"]})
    assert e.aliases == {"Jiaxing", "嘉兴市"}
    e = Entity.from_dict({"name": "CAST", "label": "Organisation", "properties": {"kind": "association"}})
    assert (e.id, e.properties) == ("organisation:cast", {"kind": "association"})


@pytest.mark.parametrize("d,exc_type,named", [
    ({"name": "Mars", "type": "Planet"}, SchemaError, ["Planet", "entities[3]", "Mars"]),
    ({"name": "", "type": "City"}, BadInput, ["empty name", "entities[3]"]),
    ({"name": None, "type": "City"}, BadInput, ["empty name", "entities[3]"]),
    ({"name": "Jiaxing"}, BadInput, ["no type", "entities[3]"]),
    ({"id": "region:jiaxing", "name": "Jiaxing", "type": "City"}, BadInput, ["region:jiaxing", "entities[3]"]),
    ({"name": "Jiaxing", "type": "City", "mayor": {"name": "x"}}, BadInput, ["mayor", "entities[3]"]),
    ({"name": "Jiaxing", "type": "City", "codes": [1, [2]]}, BadInput, ["codes", "entities[3]"]),
    ("Jiaxing", BadInput, ["entities[3]"]),
], ids=["unknown-label", "empty-name", "null-name", "no-type", "id-of-another-label", "dict-property",
        "nested-list", "not-an-object"])
def test_entity_errors_name_the_item(d, exc_type, named):
    with pytest.raises(exc_type) as exc:
        Entity.from_dict(d, "entities[3]")
    for word in named:
        assert word in str(exc.value)


def test_relation_new_checks_the_ontology_and_orders_symmetric_relations():
    zj, jl = Entity.new("Region", "Zhejiang"), Entity.new("Region", "Jilin")
    ev = [Evidence("document:news-04", "Zhejiang and Jilin cooperate.")]
    r = Relation.new(zj, "COOPERATES_WITH", jl, evidence=ev)
    assert r.key == ("region:jilin", "COOPERATES_WITH", "region:zhejiang")
    assert Relation.new(jl, "COOPERATES_WITH", zj, evidence=ev).key == r.key
    jx = Entity.new("City", "Jiaxing")
    assert Relation.new(jx, "LOCATED_IN", zj).key == ("city:jiaxing", "LOCATED_IN", "region:zhejiang")
    with pytest.raises(SchemaError) as exc:
        Relation.new(zj, "LOCATED_IN", jx)
    assert "Zhejiang" in str(exc.value) and "Jiaxing" in str(exc.value) and "LOCATED_IN" in str(exc.value)


def test_relation_weight_counts_distinct_documents():
    r = Relation("city:jiaxing", "LOCATED_IN", "region:zhejiang", evidence=[
        Evidence("document:a", "one"), Evidence("document:a", "two"), Evidence("document:b", "three")])
    assert r.weight == 2
    assert Relation("city:jiaxing", "LOCATED_IN", "region:zhejiang").weight == 0


def test_relation_dict_round_trip():
    r = Relation("organisation:cast", "ORGANISES", "project:innovation-china", {"year": 2021},
                 [Evidence("document:news-01", "CAST launched Innovation China.", 0, 31, "rules", 0.9),
                  Evidence("document:reg", "", None, None, "", 1.0)])
    d = r.to_dict()
    assert d["weight"] == 2 and json.loads(json.dumps(d)) == d
    assert Relation.from_dict(d) == r


def test_relation_from_extraction_shape_prefers_ids():
    r = Relation.from_dict({"source": "Jiaxing", "source_id": "city:jiaxing", "type": "PARTICIPATES_IN",
                            "target": "Innovation China", "target_id": "project:innovation-china",
                            "properties": {"role": "innovation hub city"},
                            "evidence": [{"document": "document:x", "sentence": "s", "confidence": "0.9"}]})
    assert r.key == ("city:jiaxing", "PARTICIPATES_IN", "project:innovation-china")
    assert r.evidence[0].confidence == 0.9


@pytest.mark.parametrize("d,exc_type,named", [
    ({"source": "a:b", "type": "FUNDS", "target": "c:d"}, SchemaError, ["FUNDS", "relations[7]"]),
    ({"source": "a:b", "target": "c:d"}, BadInput, ["relations[7]"]),
    ({"source": "a:b", "type": "LOCATED_IN", "target": "c:d", "evidence": [{"sentence": "s"}]}, BadInput,
     ["relations[7].evidence[0]", "document"]),
    ({"source": "a:b", "type": "LOCATED_IN", "target": "c:d",
      "evidence": [{"document": "d:1"}, {"document": "d:2", "confidence": 1.5}]}, BadInput,
     ["relations[7].evidence[1]", "1.5"]),
    ({"source": "a:b", "type": "LOCATED_IN", "target": "c:d",
      "evidence": [{"document": "d:1", "confidence": "high"}]}, BadInput, ["relations[7].evidence[0]", "high"]),
    ({"source": "a:b", "type": "LOCATED_IN", "target": "c:d", "properties": {"x": {"y": 1}}}, BadInput,
     ["relations[7]", "x"]),
], ids=["unknown-type", "no-type", "evidence-without-document", "confidence-out-of-range",
        "confidence-not-a-number", "dict-property"])
def test_relation_errors_name_the_item(d, exc_type, named):
    with pytest.raises(exc_type) as exc:
        Relation.from_dict(d, "relations[7]")
    for word in named:
        assert word in str(exc.value)


def test_document_round_trip_and_errors():
    d = Document.new("news-01", "news", title="CAST names hub cities", url="https://example.org/1",
                     published="2021-05-30", sha256="ab" * 32)
    d.mentions = {"city:jiaxing", "organisation:cast"}
    assert d.id == "document:news-01"
    out = d.to_dict()
    assert out["type"] == "Document" and out["mentions"] == ["city:jiaxing", "organisation:cast"]
    assert Document.from_dict(out) == d
    with pytest.raises(BadInput) as exc:
        Document.new("news-02", "blog")
    assert "blog" in str(exc.value) and "news-02" in str(exc.value)
    with pytest.raises(BadInput) as exc:
        Document.from_dict({"id": "city:jiaxing"}, "documents[2]")
    assert "documents[2]" in str(exc.value)
    with pytest.raises(BadInput):
        Document.from_dict({"id": "document:x", "kind": "tweet"})


def test_batch_round_trip_and_errors_name_the_item():
    zj, jx = Entity.new("Region", "Zhejiang"), Entity.new("City", "Jiaxing", aliases=["嘉兴"])
    batch = Batch([zj, jx], [Relation.new(jx, "LOCATED_IN", zj, evidence=[Evidence("document:a", "s")])],
                  [Document("document:a", "news", "A", mentions={jx.id, zj.id})])
    d = json.loads(json.dumps(batch.to_dict(), ensure_ascii=False))
    assert Batch.from_dict(d) == batch
    d["entities"].append({"name": "Mars", "type": "Planet"})
    with pytest.raises(SchemaError) as exc:
        Batch.from_dict(d)
    assert "entities[2]" in str(exc.value) and "Planet" in str(exc.value)
    with pytest.raises(BadInput):
        Batch.from_dict([])

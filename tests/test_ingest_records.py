"""Registration records without a store: reading rows (CSV habits, JSON, JSONL) and the schema per
record_type of CONTRACT.md ("Registration records")."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import BadInput
from ingest.registrations import guess_label, make_entity, parse_records, record_to_batch

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def rows(name: str, fmt: str | None = None):
    return list(parse_records(name, (DATA / name).read_bytes(), fmt or name.rsplit(".", 1)[1]))


def triples(batch):
    return sorted((r.source, r.type, r.target) for r in batch.relations)


# ---- reading: each CSV habit ---------------------------------------------------------------------
def test_bom_is_not_part_of_the_first_column():
    [(line, rec)] = rows("bom.csv")
    assert line == 2 and rec["record_type"] == "expert"


def test_crlf_line_ends_leave_no_carriage_returns():
    got = rows("crlf.csv")
    assert [line for line, _ in got] == [2, 3]
    assert all("\r" not in v for _, rec in got for v in rec.values())
    assert got[0][1]["fields"] == "robotics;big data"


def test_quoted_fields_keep_commas_quotes_and_newlines():
    got = dict(rows("quoted.csv"))
    assert got[2]["affiliation"] == "Yangtze Delta Region Institute of Tsinghua University, Zhejiang"
    assert got[3]["name"] == 'Wang "Bill" Wei' and got[3]["title"] == "professor, doctoral supervisor"
    assert got[5]["name"] == "Ke Jun"  # the record of line 3 spans lines 3-4
    b = record_to_batch(got[3], "quoted.csv", 3)
    assert {e.name for e in b.entities if e.label == "Topic"} == {"new materials", "new energy"}


def test_semicolon_lists_are_split_trimmed_and_deduplicated():
    got = dict(rows("lists.csv"))
    b = record_to_batch(got[2], "lists.csv", 2)
    needs = sorted(r.target for r in b.relations if r.type == "NEEDS")
    assert needs == ["topic:integrated-circuits", "topic:new-materials", "topic:photonics"]
    b2 = record_to_batch(got[3], "lists.csv", 3)  # a full-width ；
    assert {r.target for r in b2.relations if r.type == "NEEDS"} == {"topic:environmental-protection", "topic:new-energy"}


def test_blank_lines_are_skipped_and_lines_still_counted():
    assert [(line, rec["id"]) for line, rec in rows("blank_lines.csv")] == [(4, "K1"), (8, "K2")]


def test_repeated_rows_are_read_as_rows():
    assert [line for line, _ in rows("repeated.csv")] == [2, 3, 4, 5]


def test_chinese_names_and_places():
    got = dict(rows("chinese.csv"))
    b = record_to_batch(got[2], "chinese.csv", 2)
    ids = {e.id for e in b.entities}
    assert {"person:林晓峰", "city:jiaxing", "region:zhejiang", "topic:新材料"} <= ids
    assert "organisation:zhejiang-university" in ids  # 浙江大学 is a known alias
    b3 = record_to_batch(got[3], "chinese.csv", 3)
    org = next(e for e in b3.entities if e.label == "Organisation")
    assert "清华大学长三角研究院" in org.aliases


def test_gb18030_csv_is_decoded():
    [(line, rec)] = rows("gb18030.csv")
    assert rec["name"] == "邵建平" and rec["fields"] == "大数据;人工智能"


def test_all_habits_at_once():
    got = rows("all_habits.csv")
    assert [line for line, _ in got] == [3, 4, 6, 7]
    assert got[1][1] == got[2][1]  # the repeated row, read twice (ingest counts it as a duplicate)
    assert all(isinstance(rec, dict) and "\r" not in "".join(rec.values()) for _, rec in got)


# ---- reading: bad input ---------------------------------------------------------------------------
def test_row_with_extra_fields_is_an_error_row_and_the_others_are_read():
    got = rows("mixed.csv")
    assert [line for line, _ in got] == [2, 3, 4, 5, 6]
    assert isinstance(got[3][1], str) and "10 fields" in got[3][1]


@pytest.mark.parametrize("name, message", [
    ("binary.csv", "binary"),
    ("not_json.json", "array of records"),
    ("semicolon_delimited.csv", "separated by ','"),
])
def test_unreadable_files_raise_bad_input(name, message):
    with pytest.raises(BadInput, match=message):
        rows(name)


def test_json_lines_of_objects_and_where_it_breaks():
    got = rows("broken.json")
    assert [line for line, _ in got] == [2, 5, 6]
    assert isinstance(got[0][1], dict) and got[1][1]["title"] == "Second Project"
    assert "invalid JSON" in got[2][1]


def test_jsonl_errors_per_line():
    got = rows("mixed.jsonl")
    assert [line for line, _ in got] == [1, 2, 3, 4, 5, 6, 8]
    assert isinstance(got[4][1], str) and isinstance(got[5][1], str) and isinstance(got[6][1], dict)


# ---- the schema per record_type -------------------------------------------------------------------
def test_expert():
    b = record_to_batch({"record_type": "expert", "id": "X1", "name": "Gu Shiqiang", "affiliation": "Zhejiang University",
                         "title": "professor", "city": "Hangzhou", "region": "Zhejiang province",
                         "fields": ["new materials", "textiles"], "email": "gu@example.org"}, "e.csv", 2)
    assert triples(b) == [
        ("city:hangzhou", "LOCATED_IN", "region:zhejiang"),
        ("organisation:zhejiang-university", "LOCATED_IN", "city:hangzhou"),
        ("person:gu-shiqiang", "FOCUSES_ON", "topic:new-materials"),
        ("person:gu-shiqiang", "FOCUSES_ON", "topic:textiles"),
        ("person:gu-shiqiang", "HOLDS_POSITION", "organisation:zhejiang-university")]
    hold = next(r for r in b.relations if r.type == "HOLDS_POSITION")
    assert hold.properties == {"title": "professor"}
    person = next(e for e in b.entities if e.label == "Person")
    assert person.properties == {"ref": "X1", "email": "gu@example.org", "titles": ["professor"]}
    [doc] = b.documents
    assert doc.kind == "registration" and doc.id == "document:e.csv:2" and doc.title == "e.csv:2"
    assert doc.mentions == {e.id for e in b.entities} and len(doc.sha256) == 64
    ev = hold.evidence[0]
    assert (ev.document, ev.extractor, ev.confidence) == (doc.id, "registration", 1.0)
    assert "Gu Shiqiang" in ev.sentence and "Zhejiang University" in ev.sentence


def test_enterprise():
    b = record_to_batch({"record_type": "enterprise", "name": "Hengtai Co., Ltd.", "city": "Jiaxing",
                         "industry": "new materials", "needs": "photonics;new materials"}, "f.csv", 2)
    org = next(e for e in b.entities if e.label == "Organisation")
    assert org.properties["kind"] == "enterprise"
    assert triples(b) == [("organisation:hengtai-co-ltd", "FOCUSES_ON", "topic:new-materials"),
                          ("organisation:hengtai-co-ltd", "LOCATED_IN", "city:jiaxing"),
                          ("organisation:hengtai-co-ltd", "NEEDS", "topic:new-materials"),
                          ("organisation:hengtai-co-ltd", "NEEDS", "topic:photonics")]


def test_project_with_participants_of_several_labels():
    b = record_to_batch({"record_type": "project", "title": "Hengtai Academician Workstation", "kind": "workstation",
                         "year": "2022", "organiser": "CAST",
                         "participants": ["Zhejiang University", "Gu Shiqiang", "Jiaxing", "Region: Zhejiang"],
                         "city": "Jiaxing", "fields": "new materials"}, "p.json", 3)
    proj = next(e for e in b.entities if e.label == "Project")
    assert proj.properties == {"kind": "workstation", "year": 2022}
    assert ("organisation:china-association-for-science-and-technology", "ORGANISES",
            "project:hengtai-academician-workstation") in triples(b)
    parts = {r.source for r in b.relations if r.type == "PARTICIPATES_IN"}
    assert parts == {"organisation:zhejiang-university", "person:gu-shiqiang", "city:jiaxing", "region:zhejiang"}
    hinted = record_to_batch({"record_type": "project", "title": "P", "participants": "Gu Shiqiang"}, "p.json", 4,
                             label_of=lambda name: "Organisation")
    assert {r.source for r in hinted.relations} == {"organisation:gu-shiqiang"}


def test_membership_and_cooperation():
    m = record_to_batch({"record_type": "membership", "member": "Jiaxing", "member_type": "city",
                         "programme": "Innovation China", "role": "innovation hub city", "year": 2021}, "m.jsonl", 1)
    [rel] = m.relations
    assert (rel.source, rel.type, rel.target) == ("city:jiaxing", "PARTICIPATES_IN", "project:innovation-china")
    assert rel.properties == {"role": "innovation hub city", "year": 2021, "valid_from": "2021"}
    assert m.documents[0].published == "2021"  # the record's year dates the document and its evidence
    c = record_to_batch({"record_type": "cooperation", "id": "C1", "party_a": "Zhejiang province",
                         "party_a_type": "Region", "party_b": "Jilin province", "party_b_type": "Region",
                         "date": "2021-08-26", "topic": "photonics"}, "c.csv", 2)
    [rel] = c.relations
    assert rel.key == ("region:jilin", "COOPERATES_WITH", "region:zhejiang")
    assert rel.properties == {"date": "2021-08-26", "topic": "photonics", "valid_from": "2021-08-26", "ref": "C1"}
    assert c.documents[0].published == "2021-08-26"


def test_a_region_that_is_a_municipality_stays_a_city():
    b = record_to_batch({"record_type": "expert", "name": "Qin Shuhan", "affiliation": "Tsinghua University",
                         "city": "Beijing", "region": "Beijing"}, "e.csv", 2)
    assert not any(e.label == "Region" for e in b.entities)
    b = record_to_batch({"record_type": "enterprise", "name": "Ruijie Robotics Co.", "city": "Binhai New Area",
                         "region": "Tianjin"}, "e.csv", 3)
    assert ("city:binhai-new-area", "LOCATED_IN", "city:tianjin") in triples(b)


@pytest.mark.parametrize("record, reason", [
    ({"name": "X"}, "missing record_type"),
    ({"record_type": "patent"}, "unknown record_type 'patent'"),
    ({"record_type": "expert", "name": "Gu Shiqiang"}, "missing required field 'affiliation'"),
    ({"record_type": "expert", "name": " ", "affiliation": "ZJU"}, "missing required field 'name'"),
    ({"record_type": "enterprise", "name": ["a"], "city": "Jiaxing"}, "field 'name' must be text"),
    ({"record_type": "membership", "member": "Jiaxing", "member_type": "Topic", "programme": "P"},
     "unknown member_type 'Topic'"),
    ({"record_type": "membership", "member": "Jiaxing", "member_type": "City", "programme": "P", "year": "20x1"},
     "is not a year"),
    ({"record_type": "cooperation", "party_a": "Hangzhou", "party_a_type": "City", "party_b": "Hangzhou city",
      "party_b_type": "City"}, "with itself"),
    ({"record_type": "cooperation", "party_a": "A", "party_a_type": "Person", "party_b": "B",
      "party_b_type": "City"}, "unknown party_a_type 'Person'"),
    ({"record_type": "cooperation", "party_a": "A", "party_a_type": "City", "party_b": "B",
      "party_b_type": "City", "date": "last June"}, "not a date"),
    ({"record_type": "project", "title": "P", "fields": [{"x": 1}]}, "must be a list of text"),
])
def test_invalid_records_are_refused_with_a_reason(record, reason):
    with pytest.raises(BadInput, match=reason) as info:
        record_to_batch(record, "r.csv", 7)
    assert str(info.value).startswith("r.csv:7: ")


def test_names_meet_the_news_nodes():
    assert make_entity("City", "嘉兴市").id == "city:jiaxing"
    assert make_entity("Region", "浙江省").id == "region:zhejiang"
    org = make_entity("Organisation", "Yangtze Delta Region Institute of Tsinghua University, Zhejiang")
    assert "Yangtze Delta Region Institute of Tsinghua University" in org.aliases
    # a comma that does not end in a place is part of the name only
    assert make_entity("Organisation", "Changchun Institute of Optics, Fine Mechanics and Physics").aliases == {
        "Changchun Institute of Optics, Fine Mechanics and Physics"}
    assert [guess_label(n) for n in ("Hangzhou", "Jilin province", "He Zhenbang", "Tianjin University")] == [
        "City", "Region", "Person", "Organisation"]


# ---- columns named like the builder's properties, deep JSON (ISSUE 8 fuzzing) -------------------------------
def test_extra_columns_named_like_builder_properties_are_kept_beside_them():
    b = record_to_batch({"record_type": "enterprise", "name": "Acme Co., Ltd.", "city": "Jiaxing", "kind": "private",
                         "id": "E1", "ref": "form 7"}, "extra.csv", 2)
    acme = next(e for e in b.entities if e.label == "Organisation")
    assert (acme.properties["kind"], acme.properties["extra_kind"]) == ("enterprise", "private")
    assert (acme.properties["ref"], acme.properties["extra_ref"]) == ("E1", "form 7")
    c = record_to_batch({"record_type": "cooperation", "party_a": "Hangzhou", "party_a_type": "City",
                         "party_b": "Changchun", "party_b_type": "City", "tgt": "x", "rel_type": "y", "date": "2021"},
                        "extra.csv", 3)
    assert c.relations[0].properties == {"date": "2021", "valid_from": "2021", "tgt": "x", "rel_type": "y"}
    p = record_to_batch({"record_type": "expert", "name": "Li Wei", "affiliation": "Jilin University",
                         "title": "professor", "titles": "dean"}, "extra.csv", 4)
    li = next(e for e in p.entities if e.label == "Person")
    assert (li.properties["titles"], li.properties["extra_titles"]) == (["professor"], "dean")


def test_json_nested_too_deep_is_an_unreadable_row_or_file():
    deep = b"[" * 50_000 + b"]" * 50_000
    rows = list(parse_records("deep.json", b'[{"record_type": "expert"},\n' + deep + b", {}]", "json"))
    assert rows[0] == (1, {"record_type": "expert"})
    assert rows[1][0] == 2 and rows[1][1].startswith("JSON nested more than 64 levels deep")
    assert len(rows) == 2  # the rest of the file cannot be read past it
    jsonl = b'{"a": 1}\n{"x": ' + deep + b'}\n{"b": 2}\n'
    assert [(n, r if isinstance(r, dict) else r[:24]) for n, r in parse_records("deep.jsonl", jsonl, "jsonl")] == [
        (1, {"a": 1}), (2, "JSON nested more than 64"), (3, {"b": 2})]
    # deep enough for the parser but not for a record: a row, not a RecursionError further on
    assert list(parse_records("d.jsonl", b'{"x": ' + b"[" * 200 + b"]" * 200 + b"}", "jsonl"))[0][1].startswith("JSON")
    with pytest.raises(BadInput, match=r"^deep\.json:2: JSON nested more than 64"):
        list(parse_records("deep.json", b"\n" + b'{"a":' * 5000 + b"1" + b"}" * 5000, "json"))

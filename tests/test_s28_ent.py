"""Correctness fixes of session 28, on our own invented sentences: places named inside
a body's name, a city and a zone named after it, founders, and pinyin names that are not places."""
from __future__ import annotations

import pytest

from extract import extract_document


def run(text):
    return extract_document("A news item\n\n" + text, "t.txt")  # a first line alone is the title


def ents(text):
    return {(e["name"], e["type"]) for e in run(text)["entities"]}


def rels(text):
    out = run(text)
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"])) for r in out["relations"]}


# 1. a place of China named after "of (the)" at the end of a body's name is an entity of its own
GX_DEPT = "Department of Science and Technology of the Guangxi Zhuang Autonomous Region"


def test_place_at_end_of_body_name_is_an_entity():
    text = f"The {GX_DEPT} approved 40 new expert workstations last week. Eight of them are in Liuzhou."
    assert ("Guangxi", "Region") in ents(text)


def test_relations_to_place_in_body_name_follow():
    text = f"The {GX_DEPT} approved 40 new expert workstations last week. Eight of them are in Liuzhou."
    got = rels(text)
    assert ("Liuzhou", "LOCATED_IN", "Guangxi") in got  # the gazetteer's province of a city the article names
    assert (GX_DEPT, "LOCATED_IN", "Guangxi") in got


def test_place_at_start_of_body_name_is_not_an_entity():
    # "Hunan University": a name, no statement that the article speaks of the province
    got = ents("Hunan University opened a robotics laboratory with Sany Heavy Industry.")
    assert ("Hunan", "Region") not in got and ("Hunan University", "Organisation") in got


# 2. a city and a district or zone named after it are two places
def test_city_not_merged_into_zone_named_after_it():
    text = "Zhenjiang New Area is a national zone in Zhenjiang, Jiangsu province. Zhenjiang has 3 million people."
    got = ents(text)
    assert {("Zhenjiang", "City"), ("Zhenjiang New Area", "City")} <= got
    assert ("Zhenjiang New Area", "LOCATED_IN", "Zhenjiang") in rels(text)


def test_merge_keeps_city_apart_but_merges_short_district_name():
    from extract.merge import merge_variants, place_words
    city = {"id": "city:zhenjiang", "name": "Zhenjiang", "type": "City", "mentions": ["Zhenjiang"]}
    zone = {"id": "city:zhenjiang-new-area", "name": "Zhenjiang New Area", "type": "City", "mentions": ["Zhenjiang New Area"]}
    assert {e["name"] for e in merge_variants([city, zone], {}, place_words())} == {"Zhenjiang", "Zhenjiang New Area"}
    # "Pudong" is a district's short name, not a city of its own: one place
    short = {"id": "city:pudong", "name": "Pudong", "type": "City", "mentions": ["Pudong"]}
    area = {"id": "city:pudong-new-area", "name": "Pudong New Area", "type": "City", "mentions": ["Pudong New Area"]}
    assert [e["name"] for e in merge_variants([short, area], {}, place_words())] == ["Pudong New Area"]


# 3. founding is not being part of: only a body bearing the founder's own name, or a stated subsidiary
def test_body_founded_by_a_government_is_not_its_part():
    got = rels("The Yiwu Science and Technology Innovation Center was founded by the Yiwu Municipal Government.")
    assert ("Yiwu Science and Technology Innovation Center", "PART_OF", "Yiwu Municipal Government") not in got
    got = rels("The Zhejiang Provincial Government established the Qianjiang Institute of Robotics in 2018.")
    assert ("Qianjiang Institute of Robotics", "PART_OF", "Zhejiang Provincial Government") not in got


def test_founded_subsidiary_is_part():
    got = rels("In 2003, Tsinghua University founded Tsinghua Holdings to run its companies.")
    assert ("Tsinghua Holdings", "PART_OF", "Tsinghua University") in got
    got = rels("Fudan University set up Fudan Capital in 2008, and the company now has 30 staff.")
    assert ("Fudan Capital", "PART_OF", "Fudan University") in got
    got = rels("Meridian Biotech Co., Ltd. was established by Sanlong Group as its subsidiary in 2010.")
    assert any(s.startswith("Meridian Biotech") and t == "Sanlong Group" for s, typ, t in got if typ == "PART_OF")


# 4. pinyin names: a surname and a given name that is also a place are a person; a bare surname is the
#    person named in full before it, else nobody (never a place)
@pytest.mark.parametrize("text,person,place", [
    ("Gu Haidong, director of the Qinghai Science and Technology Department, visited the park.", "Gu Haidong", "Haidong"),
    ("The park was visited by Gu Haidong on Monday.", "Gu Haidong", "Haidong"),
    ("Wang Xining, president of Lanzhou University, spoke at the forum.", "Wang Xining", "Xining"),
    ("Experts including Zhou Yan and Xu Dali attended the meeting.", "Xu Dali", "Dali"),
    ("Haidong Gu, a professor at Tsinghua University, attended the forum.", "Haidong Gu", "Haidong"),
])
def test_pinyin_name_is_not_split_into_a_place(text, person, place):
    got = ents(text)
    assert (person, "Person") in got
    assert not any(n == place for n, _ in got), got


def test_bare_surname_resolves_to_full_name():
    out = run("Gu Haidong, director of the Qinghai Science and Technology Department, visited the park. "
              "Gu said the park would grow.")
    people = [e for e in out["entities"] if e["type"] == "Person"]
    assert [e["name"] for e in people] == ["Gu Haidong"] and "Gu" in people[0]["mentions"]


@pytest.mark.parametrize("text", [
    "Zhang said the project would start next year in Hefei.",
    "Zhang, a professor at Tsinghua University, attended the forum in Hefei.",
    # two people of one surname: the bare surname is neither of them
    "Zhang Wei and Zhang Min attended the forum. Zhang said the forum was useful.",
])
def test_bare_surname_without_one_full_name_is_dropped(text):
    got = ents(text)
    assert not any(n == "Zhang" for n, _ in got), got


def test_place_before_a_person_stays_a_place():
    got = ents("At the opening ceremony in Haidong, Gu Wei said the park would grow. Xining Ma Group signed a deal.")
    assert ("Haidong", "City") in got and ("Gu Wei", "Person") in got
    assert not any(t == "Person" and n.startswith("Xining") for n, t in got), got

"""A pinyin name right after "Title of BODY" (Chinese-government English style: "Vice Governor of Hunan
Zhao Gang", "President of Xiangtan University Sun Li") is a person of its own and the body before it
stays whole (extract/components/pinyin.py, entities.py); our own sentences."""
from __future__ import annotations

import pytest

from extract import extract_document

HP = "HOLDS_POSITION"


def run(text):
    out = extract_document(text, "t.txt")
    ents = {e["name"]: e["type"] for e in out["entities"]}
    name = {e["id"]: e["name"] for e in out["entities"]}
    rels = {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"])) for r in out["relations"]}
    return ents, rels


@pytest.mark.parametrize("text, person, body", [
    ("Mayor of Xiangtan Liu Wei opened the new plant.", "Liu Wei", "Xiangtan"),
    ("Vice Governor of Hunan Zhao Gang visited the lab.", "Zhao Gang", "Hunan"),
    ("President of Xiangtan University Sun Li signed the agreement.", "Sun Li", "Xiangtan University"),
    ("President of the Chinese Academy of Sciences Liu Wei gave a speech.", "Liu Wei", "Chinese Academy of Sciences"),
    ("Secretary of the Zhuzhou Municipal Party Committee Zhao Gang chaired the meeting.", "Zhao Gang",
     "Zhuzhou Municipal Party Committee"),
    # a body the gazetteer does not know, read by the model as one ORG with the name
    ("Chairman of Zoomlion Zhan Chunxin spoke at the fair.", "Zhan Chunxin", "Zoomlion"),
    # a long body with its own "of" and "'s" after "the"
    ("Director-General of the Department of High and New Technology of MOST Liu Wei spoke.", "Liu Wei",
     "Department of High and New Technology of MOST"),
    ("Vice Chairman of the Standing Committee of the Hunan Provincial People's Congress Zhao Gang spoke.", "Zhao Gang",
     "Standing Committee of the Hunan Provincial People's Congress"),
])
def test_title_of_body_then_name(text, person, body):
    ents, rels = run(text)
    assert ents.get(person) == "Person", ents
    assert body in ents, ents
    assert not any(person in n and n != person for n in ents), ents  # no "Hunan Zhao Gang", "University Sun Li"
    assert (person, HP, body) in rels, rels


def test_in_a_list_the_office_is_the_named_persons():
    ents, rels = run("Liu Wei, Vice Minister of MOST Zhao Gang and Sun Li attended the forum.")
    assert ents.get("Zhao Gang") == "Person" and ents.get("Ministry of Science and Technology") == "Organisation", ents
    assert "MOST Zhao Gang" not in ents
    assert ("Zhao Gang", HP, "Ministry of Science and Technology") in rels, rels
    # the office after Liu Wei's comma is right before Zhao Gang: his, not Liu Wei's
    assert ("Liu Wei", HP, "Ministry of Science and Technology") not in rels, rels


def test_after_a_comma_each_title_of_body_goes_to_the_name_after_it():
    _, rels = run("Liu Wei, Mayor of Xiangtan Zhao Gang and President of Xiangtan University Sun Li attended.")
    assert {("Zhao Gang", HP, "Xiangtan"), ("Sun Li", HP, "Xiangtan University")} <= rels, rels
    assert not {("Liu Wei", HP, "Xiangtan"), ("Zhao Gang", HP, "Xiangtan University")} & rels, rels


@pytest.mark.parametrize("text, name, not_person", [
    # a body with "of" and no pinyin name after it
    ("The University of Hunan Press published the report.", "University of Hunan Press", ()),
    ("The delegates met at the Bank of China Tower in Xiangtan.", "Bank of China Tower", ()),
    # a body whose name ends in surname-like words: a head word or a capitalised word follows
    ("Director of the Hunan Gao Xin Development Zone Liu Wei spoke.", "Hunan Gao Xin Development Zone", ("Gao Xin",)),
    # no title word before the "of": no person is made of the words after the body
    ("Students of Hunan Sun Li Academy won the prize.", "Hunan Sun Li Academy", ("Sun Li",)),
])
def test_no_person_without_title_of_body(text, name, not_person):
    ents, _ = run(text)
    assert name in ents, ents
    for n in not_person:
        assert ents.get(n) != "Person", ents


def test_a_body_ending_in_a_surname_gives_the_name_after_it():
    # "Hunan Jin": the body's last word is a surname; the person is the pair that ends the run
    ents, rels = run("Chairman of Hunan Jin Zhao Gang spoke at the fair.")
    assert ents.get("Zhao Gang") == "Person", ents
    assert "Jin Zhao" not in ents and "Jin Zhao Gang" not in ents, ents
    assert ("Zhao Gang", HP, "Hunan") not in rels, rels  # the body is "Hunan Jin", not the province

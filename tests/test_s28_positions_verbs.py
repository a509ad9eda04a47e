"""HOLDS_POSITION stated by verbs (extract/rules/positions.py by_verb, session 28), on our own
sentences: text -> relations that must (and must not) be found."""
from __future__ import annotations

import pytest

from extract import extract_document

HP = "HOLDS_POSITION"
XU, SG = "Xiangtan University", "Sany Heavy Industry"


def rows(text):
    out = extract_document(text, "t.txt")
    name = {e["id"]: e["name"] for e in out["entities"]}
    return [(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"]), r) for r in out["relations"]]


def rels(text):
    return {(s, t, o) for s, t, o, _ in rows(text)}


CASES = [
    # a body appoints or elects a person, with the title after "as" or as a second object
    ("Xiangtan University appointed Liu Wei as its president.", {("Liu Wei", HP, XU)}, set()),
    ("Sany Group named Liu Wei its chief scientist.", {("Liu Wei", HP, SG)}, set()),
    # ... "as president of B": the office is at B
    ("Sany Group appointed Liu Wei as president of Xiangtan University.", {("Liu Wei", HP, XU)}, {("Liu Wei", HP, SG)}),
    # a body headed, founded or led by a person; a group of a body led by a person
    ("Xiangtan University, headed by Liu Wei, has 30,000 students.", {("Liu Wei", HP, XU)}, set()),
    ("Sany Group was founded by Liu Wei in 1989.", {("Liu Wei", HP, SG)}, set()),
    ("The Xiangtan University team led by Liu Wei won the prize.", {("Liu Wei", HP, XU)}, set()),
    ("A delegation from Xiangtan University, led by Vice President Liu Wei, visited Sany Group.",
     {("Liu Wei", HP, XU)}, {("Liu Wei", HP, SG)}),
    # ... not a forum chaired by a person
    ("The Robotics Forum was chaired by Liu Wei.", set(), {("Liu Wei", HP, "Robotics Forum")}),
    # "whose chairman is X"
    ("Sany Group, whose chairman is Liu Wei, makes cranes.", {("Liu Wei", HP, SG)}, set()),
    # the person as the subject: founds, joins, works at, is from a body
    ("Liu Wei founded Sany Group in 1989.", {("Liu Wei", HP, SG)}, set()),
    ("Liu Wei joined Sany Group in 2005.", {("Liu Wei", HP, SG)}, set()),
    ("Liu Wei has worked for Sany Group for ten years.", {("Liu Wei", HP, SG)}, set()),
    ("Liu Wei is from Sany Group.", {("Liu Wei", HP, SG)}, set()),
    ("Liu Wei signed the agreement on behalf of Xiangtan University.", {("Liu Wei", HP, XU)}, set()),
    # ... working with a body is no post at it; a place one comes from is no employer
    ("Liu Wei will work with Sany Group to develop new cranes.", set(), {("Liu Wei", HP, SG)}),
    ("Liu Wei is from Xiangtan.", set(), {("Liu Wei", HP, "Xiangtan")}),
    # ... nor is a body one visits
    ("Liu Wei visited Sany Group on Monday.", set(), {("Liu Wei", HP, SG)}),
    ("Vice President Liu Wei visited Sany Group on Monday.", set(), {("Liu Wei", HP, SG)}),
    # the host of a visit: a bare title before the name, at the one body visited
    ("The delegation visited Sany Group and met with chairman Liu Wei.", {("Liu Wei", HP, SG)}, set()),
    ("At Xiangtan University, the delegation was received by Vice President Liu Wei.", {("Liu Wei", HP, XU)}, set()),
    ("The delegation visited Xiangtan and met Mayor Liu Wei.", {("Liu Wei", HP, "Xiangtan")}, set()),
    # ... a place's title is no company's, a body's title no city's; two bodies visited say nothing
    ("The delegation visited Sany Group and met with Vice Governor Liu Wei.", set(), {("Liu Wei", HP, SG)}),
    ("The delegation visited Xiangtan and met with chairman Liu Wei.", set(), {("Liu Wei", HP, "Xiangtan")}),
    ("The delegation visited Sany Group and Xiangtan University and met with chairman Liu Wei.", set(),
     {("Liu Wei", HP, SG), ("Liu Wei", HP, XU)}),
]


@pytest.mark.parametrize("text,expected,forbidden", CASES)
def test_offices_by_verb(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_titles_and_confidence():
    r = {t: x for s, t, o, x in rows("Xiangtan University appointed Liu Wei as its president.")}
    assert r[HP]["properties"].get("title") == "president" and r[HP]["confidence"] >= 0.7
    r = {t: x for s, t, o, x in rows("Liu Wei joined Sany Group in 2005.")}
    assert "title" not in r[HP]["properties"] and r[HP]["confidence"] < 0.7

"""HOLDS_POSITION constructions of extract/rules/positions.py (session 28), on our own sentences:
text -> relations that must (and must not) be found."""
from __future__ import annotations

import pytest
from support.extraction import rels, rows

HP = "HOLDS_POSITION"

CASES = [
    # a lower-case sub-body with an "of" of its own: the office is at the body named after it
    ("Liu Wei, chairman of the board of directors of Sany Group, spoke at the forum.",
     {("Liu Wei", HP, "Sany Heavy Industry")}, set()),
    # ... and a lower-case management committee: the title stays the person's title
    ("Liu Wei, deputy director of the management committee of the Xiangtan High-tech Zone, spoke.",
     {("Liu Wei", HP, "Xiangtan High-tech Zone")}, set()),
    # a place's unit of a body: the office is at the body, not at the place
    ("Liu Wei, director of the Xiangtan office of Sany Group, spoke at the forum.",
     {("Liu Wei", HP, "Sany Heavy Industry")}, {("Liu Wei", HP, "Xiangtan")}),
    ("Liu Wei, president of the Xiangtan campus of Hunan University, spoke.",
     {("Liu Wei", HP, "Hunan University")}, {("Liu Wei", HP, "Xiangtan")}),
    # one title at two bodies joined by "and" (and "both")
    ("Liu Wei, academician of CAS and CAE, gave a lecture.",
     {("Liu Wei", HP, "Chinese Academy of Sciences"), ("Liu Wei", HP, "Chinese Academy of Engineering")}, set()),
    ("Liu Wei, academician of both the Chinese Academy of Sciences and the Chinese Academy of Engineering, gave a lecture.",
     {("Liu Wei", HP, "Chinese Academy of Sciences"), ("Liu Wei", HP, "Chinese Academy of Engineering")}, set()),
    # ... but not a body that a title of another person follows
    ("Liu Wei, president of Hunan University and Sany Group chairman Zhao Gang attended the forum.",
     {("Liu Wei", HP, "Hunan University"), ("Zhao Gang", HP, "Sany Heavy Industry")},
     {("Liu Wei", HP, "Sany Heavy Industry")}),
    # ... nor a body the office was found far from ("vice minister of science and technology")
    ("The Ministry of Science and Technology and the government of Hunan support the centre, said Liu Wei, vice minister of science and technology.",
     {("Liu Wei", HP, "Ministry of Science and Technology")}, {("Liu Wei", HP, "government of Hunan")}),
    # titled names before "of ORG": shared when the titles are alike, the last one's alone otherwise
    ("Professor Liu Wei and Professor Zhao Gang of Xiangtan University gave lectures.",
     {("Liu Wei", HP, "Xiangtan University"), ("Zhao Gang", HP, "Xiangtan University")}, set()),
    ("Vice Governor Liu Wei and Vice Chairman Zhao Gang of CAST attended the meeting.",
     {("Zhao Gang", HP, "China Association for Science and Technology")},
     {("Liu Wei", HP, "China Association for Science and Technology")}),
    # as many titles as people, in order
    ("Liu Wei and Zhao Gang, president and vice president of Xiangtan University respectively, attended.",
     {("Liu Wei", HP, "Xiangtan University"), ("Zhao Gang", HP, "Xiangtan University")}, set()),
    ("Liu Wei, Zhao Gang and Sun Li, director, deputy director and chief engineer of the Xiangtan Science and Technology Bureau, attended.",
     {("Liu Wei", HP, "Xiangtan Science and Technology Bureau"), ("Zhao Gang", HP, "Xiangtan Science and Technology Bureau"),
      ("Sun Li", HP, "Xiangtan Science and Technology Bureau")}, set()),
    # ... each with its own body: "respectively" gives each person one
    ("Liu Wei and Zhao Gang, president of Xiangtan University and mayor of Zhuzhou respectively, attended.",
     {("Liu Wei", HP, "Xiangtan University"), ("Zhao Gang", HP, "Zhuzhou")},
     {("Zhao Gang", HP, "Xiangtan University"), ("Liu Wei", HP, "Zhuzhou")}),
    # ... but one title for two people says nothing of the first
    ("Liu Wei and Zhao Gang, chairman of Sany Group, attended.",
     {("Zhao Gang", HP, "Sany Heavy Industry")}, {("Liu Wei", HP, "Sany Heavy Industry")}),
    # titles before the name: a body's word begins the title, an "and" joins two, an honorific or a
    # comma comes between
    ("Sany Group board chairman Liu Wei opened the plant.", {("Liu Wei", HP, "Sany Heavy Industry")}, set()),
    ("Xiangtan Municipal Party Secretary Liu Wei opened the plant.", {("Liu Wei", HP, "Xiangtan")}, set()),
    ("Xiangtan Municipal Committee Secretary Liu Wei opened the plant.", {("Liu Wei", HP, "Xiangtan Municipal Committee")}, set()),
    ("Sany Group founder and chairman Liu Wei opened the plant.", {("Liu Wei", HP, "Sany Heavy Industry")}, set()),
    ("Sany Group chairman Mr. Liu Wei opened the plant.", {("Liu Wei", HP, "Sany Heavy Industry")}, set()),
    ("The Xiangtan University president, Liu Wei, opened the lab.", {("Liu Wei", HP, "Xiangtan University")}, set()),
    ("Sany Group's chief engineer, Liu Wei, showed the new crane.", {("Liu Wei", HP, "Sany Heavy Industry")}, set()),
    # ... but a title with no body before it, after another person's office, gives nothing
    ("Zhao Gang, vice mayor of Xiangtan, and chairman Liu Wei opened the plant.", {("Zhao Gang", HP, "Xiangtan")},
     {("Liu Wei", HP, "Xiangtan")}),
    # earlier offices of a chain written before the name
    ("Vice Chairman of CAST and President of the Chinese Academy of Engineering Liu Wei attended.",
     {("Liu Wei", HP, "China Association for Science and Technology"), ("Liu Wei", HP, "Chinese Academy of Engineering")}, set()),
    ("Sany Group Chairman and Zoomlion Director Liu Wei attended.",
     {("Liu Wei", HP, "Sany Heavy Industry"), ("Liu Wei", HP, "Zoomlion")}, set()),
    # ... not another person's office before the title
    ("Zhao Gang, mayor of Xiangtan and Vice Governor Liu Wei attended.", {("Zhao Gang", HP, "Xiangtan")},
     {("Liu Wei", HP, "Xiangtan")}),
    # one of a plural title; an office over a field or an unnamed unit "at" the body
    ("Liu Wei, one of the vice presidents of Xiangtan University, signed the deal.", {("Liu Wei", HP, "Xiangtan University")}, set()),
    ("Liu Wei, head of research and development at Sany Group, signed the deal.", {("Liu Wei", HP, "Sany Heavy Industry")}, set()),
    ("Liu Wei, director of the robotics lab at Xiangtan University, signed the deal.", {("Liu Wei", HP, "Xiangtan University")}, set()),
    # ... but a field "in" a place is no body
    ("Liu Wei, head of sales in Xiangtan, signed the deal.", set(), {("Liu Wei", HP, "Xiangtan")}),
    # "He is the president of Y": the one person of the sentence before
    ("Liu Wei attended the forum. He is the president of Xiangtan University.", {("Liu Wei", HP, "Xiangtan University")}, set()),
    # ... not when the sentence before names two people
    ("Liu Wei met Zhao Gang at the forum. He is the president of Xiangtan University.", set(),
     {("Liu Wei", HP, "Xiangtan University"), ("Zhao Gang", HP, "Xiangtan University")}),
    # a list of "Title of ORG Name": the office right before a name is that name's, after another's comma
    ("Vice Chairman of CAST Liu Wei, Vice Minister of MOST Zhao Gang and Vice Chairman of CAST Sun Li attended the meeting.",
     {("Liu Wei", HP, "China Association for Science and Technology"), ("Sun Li", HP, "China Association for Science and Technology")},
     {("Liu Wei", HP, "Ministry of Science and Technology")}),
    # ... but "A, president of X, B, dean of Y": the office after A's comma, before B's comma, is A's
    ("Liu Wei, president of Xiangtan University, Zhao Gang, dean of the School of Physics, attended.",
     {("Liu Wei", HP, "Xiangtan University"), ("Zhao Gang", HP, "School of Physics")}, {("Zhao Gang", HP, "Xiangtan University")}),
    # a body's own person, no title said
    ("Sany Group's Liu Wei showed the new crane at the fair.", {("Liu Wei", HP, "Sany Heavy Industry")}, set()),
    # ... not a place's
    ("Xiangtan's Liu Wei showed the new crane at the fair.", set(), {("Liu Wei", HP, "Xiangtan")}),
]


@pytest.mark.parametrize("text,expected,forbidden", CASES)
def test_positions(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_no_title_is_less_sure():
    """A possessive without a title is weaker evidence than a stated office."""
    r = [x for x in rows("Sany Group's Liu Wei showed the new crane at the fair.") if x["type"] == HP]
    assert r and all(x["confidence"] < 0.8 for x in r)
    r = [x for x in rows("Liu Wei, chairman of Sany Group, showed the new crane at the fair.") if x["type"] == HP]
    assert r and all(x["confidence"] >= 0.8 for x in r)


def test_second_body_keeps_title():
    r = {x["target"]: x for x in rows("Liu Wei, academician of CAS and CAE, gave a lecture.") if x["type"] == HP}
    assert {v["properties"].get("title") for v in r.values()} == {"academician"}


def test_paired_titles_keep_each_title():
    r = {x["source"]: x["properties"].get("title") for x in rows(
        "Liu Wei and Zhao Gang, president and vice president of Xiangtan University respectively, attended.") if x["type"] == HP}
    assert r == {"Liu Wei": "president", "Zhao Gang": "vice president"}


def test_title_of_place_then_name():
    got = rels("Vice Chairman of CAST Liu Wei, Vice Governor of Hunan Zhao Gang and President of Xiangtan University "
               "Sun Li attended the meeting.")
    assert {("Zhao Gang", HP, "Hunan"), ("Sun Li", HP, "Xiangtan University")} <= got

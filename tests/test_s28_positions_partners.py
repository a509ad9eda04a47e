"""COOPERATES_WITH stated by partner nouns, joint things and signers' groups (extract/rules/partners.py,
session 28), on our own sentences: text -> relations that must (and must not) be found."""
from __future__ import annotations

import pytest
from support.extraction import rels

from extract import extract_document


def coop(a, b):
    return {(a, "COOPERATES_WITH", b), (b, "COOPERATES_WITH", a)}


def has_coop(got, a, b):
    return bool(coop(a, b) & got)


XU, SG, ZL = "Xiangtan University", "Sany Heavy Industry", "Zoomlion"

POSITIVE = [
    # partner nouns
    ("Xiangtan University, a long-term strategic partner of Sany Group, provided the software.", [(XU, SG)]),
    ("Xiangtan University is a cooperation partner of Sany Group.", [(XU, SG)]),
    ("Xiangtan University is one of the partners of Sany Group.", [(XU, SG)]),
    ("Sany Group's partner Xiangtan University provided the software.", [(XU, SG)]),
    ("Xiangtan University, Sany Group's partner, provided the software.", [(XU, SG)]),
    ("Osaka is a sister city of Xiangtan.", [("Osaka", "Xiangtan")]),
    # a joint thing of two bodies
    ("A joint laboratory of Xiangtan University and Sany Group was unveiled on Friday.", [(XU, SG)]),
    ("The lab, a joint venture of Xiangtan University and Sany Group, opened.", [(XU, SG)]),
    # a group that stands for the bodies signs
    ("Representatives of Xiangtan University and Sany Group signed the agreement.", [(XU, SG)]),
    ("Leaders from Xiangtan and Zhuzhou signed a cooperation agreement.", [("Xiangtan", "Zhuzhou")]),
    ("The three cities of Xiangtan, Zhuzhou and Changsha signed an agreement.",
     [("Xiangtan", "Zhuzhou"), ("Xiangtan", "Changsha"), ("Zhuzhou", "Changsha")]),
    ("Xiangtan University and Sany Group representatives signed a cooperation agreement.", [(XU, SG)]),
    ("Xiangtan University and Sany Group's representatives signed a cooperation agreement.", [(XU, SG)]),
    # the pair owns the cooperation
    ("Xiangtan University and Sany Group's cooperation began in 2015.", [(XU, SG)]),
    ("Xiangtan University and Sany Group's joint laboratory opened on Monday.", [(XU, SG)]),
    # a lower-case description before the second name of a list
    ("Cooperation between Xiangtan University and local enterprise Sany Group has deepened.", [(XU, SG)]),
    ("Xiangtan University and the machinery maker Sany Group signed a cooperation agreement.", [(XU, SG)]),
    # a subject list the parser breaks with an apposition: every two of its bodies
    ("Hunan University, Xiangtan University, Central South University and the National University of Defense Technology formed an alliance.",
     [("Hunan University", XU), ("Hunan University", "National University of Defense Technology"),
      (XU, "Central South University")]),
    # paired (counterpart) aid; bilateral and tripartite mechanisms
    ("Zhejiang province has provided counterpart assistance to Jilin province since 2017.", [("Zhejiang", "Jilin")]),
    ("Jiaxing and Huzhou have formed a bilateral mechanism on innovation.", [("Jiaxing", "Huzhou")]),
    # a fronted witness is no signer: the bodies after it sign together
    ("Witnessed by Liu Wei, Xiangtan University and Sany Group signed an agreement.", [(XU, SG)]),
]

NEGATIVE = [
    # a person called a partner holds a position, no cooperation of bodies
    ("Liu Wei, a partner of Sany Group, spoke at the forum.", [("Liu Wei", SG)]),
    # one body's joint efforts; one body's representatives
    ("The joint efforts of Xiangtan University and its staff made it possible.", [(XU, SG)]),
    ("Experts of Xiangtan University and Sany Group attended the meeting.", [(XU, SG)]),
    ("Representatives of Xiangtan University and Sany Group attended the signing ceremony.", [(XU, SG)]),
    # a description that ends in a verb's object is no list item
    ("Cooperation between Xiangtan University and local enterprises has helped Sany Group.", [(XU, SG)]),
    # a possessive pair without a cooperation word
    ("Xiangtan University and Sany Group's products were shown.", [(XU, SG)]),
    # a list of places the subject's name belongs to is no list of partners
    ("The Xiangtan University campus, Zhuzhou and Changsha formed an alliance.", [(XU, "Zhuzhou")]),
    # plain aid is no cooperation
    ("Zhejiang province has provided financial assistance to Jilin province.", [("Zhejiang", "Jilin")]),
    # a passive: signed by others, for the groups
    ("The agreement was signed for leaders of Xiangtan and Zhuzhou.", [("Xiangtan", "Zhuzhou")]),
]


@pytest.mark.parametrize("text,pairs", POSITIVE)
def test_partners_found(text, pairs):
    got = rels(text)
    for a, b in pairs:
        assert has_coop(got, a, b), f"missing {a} <-> {b} in {got}"


@pytest.mark.parametrize("text,pairs", NEGATIVE)
def test_partners_not_found(text, pairs):
    got = rels(text)
    for a, b in pairs:
        assert not has_coop(got, a, b), f"unexpected {a} <-> {b} in {got}"


def test_partner_confidence_is_modest():
    """Partner nouns and joint things are weaker than a signed agreement: below 0.8."""
    out = extract_document("Xiangtan University, a partner of Sany Group, provided the software.", "t.txt")
    r = [x for x in out["relations"] if x["type"] == "COOPERATES_WITH"]
    assert r and all(x["confidence"] < 0.8 for x in r)

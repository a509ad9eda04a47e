"""Correctness fixes of session 28, on our own sentences:

- a dash chain of places stated as cooperation or coordination pairs every two of the chain, not only
  neighbours (extract/rules/discourse.py, the lexicon's ``[discourse] cooperation_nouns``);
- "B, a sister / friendship / partner city of A" is cooperation, never location (the dep pattern
  located-appositive skips a place noun with a partner word, lexicon ``[dep] partner_modifiers``);
- a birth year ("born in 1970") is not the start of an office (extract/rules/dates.py);
- "X, known as China's Silicon Valley" is a nickname, not a place in China (extract/rules/surface.py,
  lexicon ``[surface] epithet_phrases``);
- an office a sentence only names takes a point date of the sentence ("spoke at the forum in 2022") as
  its start only when the sentence says the office begins ("became mayor in 2018"; lexicon ``[dates]
  office_start_words``); "since 2019" always bounds it.
"""
from __future__ import annotations

import pytest
from support.extraction import rels_by_names as rels

from extract.rules.dates import validity


def pairs(found, typ):
    return {frozenset((s, t)) for (s, ty, t) in found if ty == typ}


@pytest.mark.parametrize("text, chain", [
    ("Officials discussed the Changsha-Zhuzhou-Xiangtan cooperation in Hunan on Monday.", ("Changsha", "Zhuzhou", "Xiangtan")),
    ("The forum on the Shanghai-Hangzhou-Ningbo partnership opened on Friday.", ("Shanghai", "Hangzhou", "Ningbo")),
    ("Experts praised the Wuhan-Xiaogan-Ezhou collaboration in the region.", ("Wuhan", "Xiaogan", "Ezhou")),
    ("The forum promoted the Changsha-Zhuzhou-Xiangtan coordinated development in Hunan.", ("Changsha", "Zhuzhou", "Xiangtan")),
])
def test_dash_chain_pairs_every_two(text, chain):
    got = pairs(rels(text), "COOPERATES_WITH")
    a, b, c = chain
    assert {frozenset((a, b)), frozenset((b, c)), frozenset((a, c))} <= got


def test_dash_chain_needs_a_cooperation_word():
    got = pairs(rels("The Changsha-Zhuzhou-Xiangtan railway opened in Hunan on Monday."), "COOPERATES_WITH")
    assert not got


@pytest.mark.parametrize("text", [
    "Osaka, a sister city of Xiangtan, sent a delegation to the expo.",
    "Osaka, a friendship city of Xiangtan, hosted the fair.",
    "Osaka, a partner city of Xiangtan, hosted the fair.",
    "Osaka, a twin city of Xiangtan, hosted the fair.",
])
def test_sister_city_is_no_location(text):
    got = rels(text)
    assert ("Osaka", "LOCATED_IN", "Xiangtan") not in got
    assert frozenset(("Osaka", "Xiangtan")) in pairs(got, "COOPERATES_WITH")


@pytest.mark.parametrize("text, place, parent", [
    ("Jiaxing, a city of Zhejiang, hosted the fair.", "Jiaxing", "Zhejiang"),
    ("Changde, a prefecture-level city in Hunan, hosted the fair.", "Changde", "Hunan"),
])
def test_appositive_place_still_located(text, place, parent):
    assert (place, "LOCATED_IN", parent) in rels(text)


@pytest.mark.parametrize("text, when", [
    ("Zhang Wei, who was born in 1970, is the mayor of Xiangtan.", {}),
    ("Zhang Wei, born in Hunan in 1970, is the mayor of Xiangtan.", {}),
    ("Zhang Wei was born in 1970 and became mayor of Xiangtan in 2018.", {"valid_from": "2018"}),
    ("Li Na graduated from Hunan University in 1992 and became mayor of Xiangtan in 2018.", {"valid_from": "2018"}),
    # the date words that do start an office stay
    ("Zhang Wei has been the mayor of Xiangtan since 2018.", {"valid_from": "2018"}),
    ("Zhang Wei became the mayor of Xiangtan in May 2018.", {"valid_from": "2018-05"}),
    ("Zhang Wei was the mayor of Xiangtan from 2016 to 2020.", {"valid_from": "2016", "valid_to": "2020"}),
])
def test_birth_year_is_no_start_of_office(text, when):
    assert validity(text) == when


def test_birth_year_not_on_the_office():
    got = rels("Zhang Wei, who was born in 1970, is the mayor of Xiangtan.")
    r = got[("Zhang Wei", "HOLDS_POSITION", "Xiangtan")]
    assert "valid_from" not in r["properties"]


@pytest.mark.parametrize("text", [
    "Zhongguancun, known as China's Silicon Valley, is home to many start-ups.",
    "Shenzhen is often called China's Silicon Valley.",
    "Shenzhen, dubbed the country's Silicon Valley, attracts engineers.",
    "Hefei has been hailed as China's Silicon Valley of quantum research.",
])
def test_epithet_possessive_is_no_place(text):
    assert not [k for k in rels(text) if k[1] == "LOCATED_IN" and k[0] == "Silicon Valley"]


@pytest.mark.parametrize("text, rel", [
    ("Hangzhou's Binjiang District hosts many firms.", ("Binjiang", "LOCATED_IN", "Hangzhou")),
    ("The forum was held in East China's Zhejiang province.", ("Zhejiang", "LOCATED_IN", "East China")),
])
def test_plain_possessive_still_places(text, rel):
    assert rel in rels(text)


@pytest.mark.parametrize("text, holder, body, start", [
    ("Zhou Ji, an academician of the Chinese Academy of Engineering, spoke at the forum in 2022.",
     "Zhou Ji", "Chinese Academy of Engineering", None),
    ("In 2018, Li Wei became mayor of Xiangtan.", "Li Wei", "Xiangtan", "2018"),
    ("Li Wei has been mayor of Xiangtan since 2019.", "Li Wei", "Xiangtan", "2019"),
    ("Li Wei was appointed president of Hunan University in May 2020.", "Li Wei", "Hunan University", "2020-05"),
])
def test_an_office_starts_only_when_the_sentence_says_so(text, holder, body, start):
    r = rels(text)[(holder, "HOLDS_POSITION", body)]
    assert r["properties"].get("valid_from") == start

"""LOCATED_IN, PART_OF and HOLDS_POSITION rules of extract/rules (acronyms.py, units.py, positions.py,
locations.py), on our own invented sentences: text -> relations that must (and must not) be found."""
from __future__ import annotations

import pytest
from support.extraction import titled_rels as rels

from extract import extract_document


def check(text, expected, forbidden=frozenset()):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


NAU = "Nanhu Association for Science and Technology"


@pytest.mark.parametrize("text,expected,forbidden", [
    # an undefined acronym spelling the initials of the one body named in full
    (f"Li Wenbo, President of the {NAU}, visited the park. Zhao Min, Inspector (2nd level) of NAST, "
     "and Qian Hua, Member of Leading Party Members' Group and Vice President of NAST, joined him.",
     {("Zhao Min", "HOLDS_POSITION", NAU), ("Qian Hua", "HOLDS_POSITION", NAU)}, set()),
    # an acronym the article uses alone, at the end of a unit's name
    ("The Lake Forum 2025 was opened on Monday. Sun Bo, Vice President of HTU, spoke. The show was hosted by "
     "Ma Lin, Director of the Research Office of HTU.",
     {("Research Office of HTU", "PART_OF", "HTU"), ("Ma Lin", "HOLDS_POSITION", "Research Office of HTU"),
      ("Ma Lin", "HOLDS_POSITION", "HTU")}, set()),
    # a school with no owner in its sentence, in a text naming one university
    ("Zhou Kai, Vice President of Linhai University, addressed the fair. The robotics team at the School of "
     "Mechanical Engineering also showed its work.",
     {("School of Mechanical Engineering", "PART_OF", "Linhai University")}, set()),
    # the minister's field in lower case, the ministry named in the sentence
    ("The Ministry of Water Resources and the government of Gansu support the project, said Hu Lei, vice minister "
     "of water resources, at the meeting.",
     {("Hu Lei", "HOLDS_POSITION", "Ministry of Water Resources")}, set()),
])
def test_places_units_offices(text, expected, forbidden):
    check(text, expected, forbidden)


def test_orphan_school_needs_exactly_one_university():
    got = rels("Zhou Kai of Linhai University and Wu Qi of Donghai University spoke. The team at the School of "
               "Mechanical Engineering also showed its work.")
    assert not any(s == "School of Mechanical Engineering" and t == "PART_OF" for s, t, _ in got), got


def test_undefined_acronym_needs_one_matching_body():
    # two bodies spell NAST: the acronym is no mention of either
    got = rels(f"Li Wenbo of the {NAU} and Wu Qi of the Nanjiang Academy of Space Technology met. "
               "Zhao Min, Inspector of NAST, joined them.")
    assert not any(s == "Zhao Min" for s, _, _ in got), got


def test_acronym_at_the_start_of_a_name_only_when_defined():
    # a defined acronym of a body begins its unit's name: the unit is part of the body
    check("The Donghai Institute of Marine Technology (DIMT) and Ninghai signed an agreement and set up the DIMT "
          "Ninghai Research Center of Innovation.",
          {("DIMT Ninghai Research Center of Innovation", "PART_OF", "Donghai Institute of Marine Technology")})


@pytest.mark.parametrize("text,expected,forbidden", [
    # a venue the sentence places hosts (part of) an event
    ("Wuhan's Riverside Expo Center hosted two panels as part of the Third Central China Robotics Forum last week.",
     {("Central China Robotics Forum", "LOCATED_IN", "Wuhan")}, set()),
    # a body built at a venue named after its place
    ("Binjiang District has many parks. A lab will open in Singapore, and the Lakeside Maker Center will be built in the Youth Innovation Center of "
     "Binjiang District.",
     {("Lakeside Maker Center", "LOCATED_IN", "Binjiang")}, set()),
])
def test_venues(text, expected, forbidden):
    check(text, expected, forbidden)


def test_venue_without_a_place_places_nothing():
    got = rels("The Lakeside Maker Center will be built in the Youth Innovation Center next year.")
    assert not any(s == "Lakeside Maker Center" and t == "LOCATED_IN" for s, t, _ in got), got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("Huaxin Technology Co., Ltd. from Ningbo showed a robot at the fair.",
     {("Huaxin Technology Co., Ltd", "LOCATED_IN", "Ningbo")}, set()),
    # a person from a place is not placed there; a place inside a longer name is no place of the body
    ("Wang Li from Ningbo and Huaxin Technology Co., Ltd. from Ningbo University Science Park attended.",
     set(), {("Huaxin Technology Co., Ltd", "LOCATED_IN", "Ningbo")}),
    ("The deal was signed by Huaxin Technology Co., Ltd., Dongfang Robotics Co., Ltd. and Lanshan Laboratory in Ningbo.",
     {("Huaxin Technology Co., Ltd", "LOCATED_IN", "Ningbo"), ("Dongfang Robotics Co., Ltd", "LOCATED_IN", "Ningbo"),
      ("Lanshan Laboratory", "LOCATED_IN", "Ningbo")}, set()),
])
def test_bodies_from_and_in_a_place(text, expected, forbidden):
    check(text, expected, forbidden)


def test_unit_nested_at_the_end_of_a_name_then_its_body():
    check("The delegation visited the Lanshan Robot Company of Institute of Marine Engineering, Donghai Academy of "
          "Sciences, and the Cohen Company.",
          {("Institute of Marine Engineering", "PART_OF", "Donghai Academy of Sciences")},
          {("Lanshan Robot Company of Institute of Marine Engineering", "PART_OF", "Donghai Academy of Sciences")})


def test_region_in_a_wider_region():
    check("Haifa is second only to Silicon Valley in the US as a tech hub. Zhejiang in East China leads.",
          {("Silicon Valley", "LOCATED_IN", "United States"), ("Zhejiang", "LOCATED_IN", "East China")})
    # the gazetteer puts Henan elsewhere: "companies from Henan in Europe" places no province in Europe
    got = rels("Companies from Henan in Europe signed deals with local partners.")
    assert not any(s == "Henan" and t == "LOCATED_IN" for s, t, _ in got), got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("Huaxin Group won the bid. Its chairman Wang Li said the deal matters.",
     {("Wang Li", "HOLDS_POSITION", "Huaxin Group")}, set()),
    ("Huaxin Group won the bid, and Wang Li, its president, thanked the city.",
     {("Wang Li", "HOLDS_POSITION", "Huaxin Group")}, set()),
    # two bodies before: "its" is the subject's
    ("Huaxin Group signed a deal with Donghai University. Its president Wang Li said the deal matters.",
     {("Wang Li", "HOLDS_POSITION", "Huaxin Group")}, {("Wang Li", "HOLDS_POSITION", "Donghai University")}),
])
def test_its_title(text, expected, forbidden):
    check(text, expected, forbidden)


def test_its_title_needs_a_body():
    got = rels("The fair closed on Monday. Its chairman Wang Li said the fair matters.")
    assert not any(s == "Wang Li" and t == "HOLDS_POSITION" for s, t, _ in got), got


def test_body_at_a_city_level_place():
    check("Wuyi County set up the “Talent Station” at the Hangzhou Future Sci-Tech City in 2021.",
          {("Talent Station", "LOCATED_IN", "Hangzhou Future Sci-Tech City")})
    got = rels("The Lanshan Institute of Robotics showed its robots at the Donghai University campus.")
    assert not any(s == "Lanshan Institute of Robotics" and t == "LOCATED_IN" for s, t, _ in got), got


@pytest.mark.parametrize("text,expected", [
    ("The Lanshan Institute of Robotics is an institute under the Donghai Academy of Sciences.",
     {("Lanshan Institute of Robotics", "PART_OF", "Donghai Academy of Sciences")}),
    ("Experts from the Huaxin Group-owned Lanshan Robotics Co., Ltd. attended the fair.",
     {("Lanshan Robotics Co., Ltd", "PART_OF", "Huaxin Group")}),
])
def test_unit_under_and_dash_owned(text, expected):
    check(text, expected)


def test_list_of_cities_in_one_place():
    # stated, not only known from the gazetteer: the first city of the list gets the list's evidence
    out = extract_document("Two parks opened this week. Cixi and Yuyao in Ningbo opened science parks.", "t.txt")
    got = {(r["source"], r["target"]): r["extractor"] for r in out["relations"] if r["type"] == "LOCATED_IN"}
    assert got.get(("Cixi", "Ningbo")) == "innograph/list-in-place", got
    assert got.get(("Yuyao", "Ningbo")) == "innograph/in", got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("Nanhu Hi-tech Zone has been named a national innovation base by CAST, the first of its kind in "
     "northwest China's Gansu province.", {("Nanhu Hi-tech Zone", "LOCATED_IN", "Gansu")}, set()),
    ("Huaxin Group opened a robot lab last week, the first such lab in Ningbo.",
     {("Huaxin Group", "LOCATED_IN", "Ningbo")}, set()),
    # the first in the country: no more than China
    ("Huaxin Group opened a robot lab last week, the first in China.", set(), {("Huaxin Group", "LOCATED_IN", "China")}),
])
def test_first_of_its_kind_in_a_place(text, expected, forbidden):
    check(text, expected, forbidden)


def test_respectively_with_an_unnamed_last_member():
    check("Eight platforms opened; the Wenzhou Robot Park and an offsite design center established by Wenzhou "
          "Development Zone in Hangzhou and Shanghai, respectively; and a lab in Ningbo.",
          {("Wenzhou Robot Park", "LOCATED_IN", "Hangzhou")},
          {("Wenzhou Robot Park", "LOCATED_IN", "Shanghai"), ("Wenzhou Robot Park", "LOCATED_IN", "Wenzhou")})


@pytest.mark.parametrize("text,title,org", [
    ("Wang Li, provost of Donghai University, said the deal matters.", "provost", "Donghai University"),
    ("Wang Li, a trustee of Donghai University, said the deal matters.", "trustee", "Donghai University"),
    ("Wang Li, a deputy to the National People's Congress, said the deal matters.", "deputy", "National People's Congress"),
])
def test_more_titles(text, title, org):
    out = extract_document("A news item\n\n" + text, "t.txt")
    got = {(r["target"], r["properties"].get("title")) for r in out["relations"] if r["type"] == "HOLDS_POSITION"}
    assert (org, title) in got, got


def test_person_in_charge():
    check("Wang Li, the person in charge of the Ningbo Science and Technology Bureau, said the deal matters.",
          {("Wang Li", "HOLDS_POSITION", "Ningbo Science and Technology Bureau")})
    # "in charge of" a thing that is no body: no office
    got = rels("Wang Li, director of Huaxin Group, in charge of Donghai University projects, said it.")
    assert ("Wang Li", "HOLDS_POSITION", "Donghai University") not in got, got


def test_place_hosted_event():
    check("The Ningbo-hosted 2024 Robotics Expo drew 500 experts from 20 countries.",
          {("Robotics Expo", "LOCATED_IN", "Ningbo")})


def test_event_at_a_venue_named_after_its_city():
    check("Ningbo is a port city. The 2024 Robotics Expo kicked off on Monday at the Ningbo International Convention Center.",
          {("Robotics Expo", "LOCATED_IN", "Ningbo")})
    # a centre that is no venue (no convention, exhibition or expo in its name) places nothing
    got = rels("Ningbo is a port city. The 2024 Robotics Expo was held at the Ningbo Innovation Center.")
    assert ("Robotics Expo", "LOCATED_IN", "Ningbo") not in got, got

"""Session 28 (helper loc): LOCATED_IN / PART_OF constructions of units.py, places.py and locations.py,
on our own invented sentences: text -> relations that must (and must not) be found."""
from __future__ import annotations

import pytest
from support.extraction import titled_rels as rels

from extract import extract_document
from extract.rules.places import PlaceHierarchy

CAS = "Chinese Academy of Sciences"


@pytest.mark.parametrize("text,expected,forbidden", [
    # a unit named after its place, its parent after a comma (the academy even inside a list)
    (f"Experts from the Kunming Institute of Botany, {CAS}, attended the forum.",
     {("Kunming Institute of Botany", "PART_OF", CAS)}, set()),
    (f"The Shenzhen Institutes of Advanced Technology, {CAS}, and Tsinghua University co-hosted the event.",
     {("Shenzhen Institutes of Advanced Technology", "PART_OF", CAS)},
     {("Shenzhen Institutes of Advanced Technology", "PART_OF", "Tsinghua University")}),
    ("The Suzhou Research Institute, Shandong University, is in Suzhou.",
     {("Suzhou Research Institute", "PART_OF", "Shandong University")}, set()),
    # a list of universities is no unit and its parent; nor is a university named an institute
    ("Teams from Zhejiang University, Harbin Institute of Technology, Tsinghua University and Fudan University competed.",
     set(), {("Harbin Institute of Technology", "PART_OF", "Tsinghua University")}),
    ("Representatives of the Harbin Institute of Technology, Peking University attended.",
     set(), {("Harbin Institute of Technology", "PART_OF", "Peking University")}),
    # a unit by its head word at its parent
    ("The State Key Laboratory of Robotics at the Shenyang Institute of Automation announced the results.",
     {("State Key Laboratory of Robotics", "PART_OF", "Shenyang Institute of Automation")}, set()),
    ("The Key Laboratory of Marine Ecology at Xiamen University released the report.",
     {("Key Laboratory of Marine Ecology", "PART_OF", "Xiamen University")}, set()),
    # a park named a "city" lies in the new area (a zone of district level) it is in
    ("The Zhangjiang Science City in Shanghai's Pudong New Area hosts many chip makers.",
     {("Zhangjiang", "LOCATED_IN", "Pudong New Area"), ("Pudong New Area", "LOCATED_IN", "Shanghai")}, set()),
    # a park named a "city" the gazetteer does not know ranks as a zone too
    ("The Jinqiao Science City in Shanghai's Pudong New Area hosts many chip makers.",
     {("Jinqiao Science City", "LOCATED_IN", "Pudong New Area")}, set()),
    ("The Sino-Singapore Tianjin Eco-City in Binhai New Area is a model.",
     {("Sino-Singapore Tianjin Eco-City", "LOCATED_IN", "Binhai New Area")}, set()),
    # a district name two cities share: "of Guangzhou" is no conflict
    ("The Huangpu district of Guangzhou hosted the fair.",
     {("Huangpu District", "LOCATED_IN", "Guangzhou")}, set()),
])
def test_s28_units_and_places(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def _m(text, level=None, canon=None):
    props = {k: v for k, v in (("level", level), ("canon", canon)) if v}
    return {"text": text, "label": "City", "props": props}


def test_rank_of_parks_named_cities_and_new_areas():
    places = PlaceHierarchy.load()
    assert places.rank(_m("Jinqiao Science City", "city")) < places.rank(_m("Pudong New Area", "zone", "Pudong New Area"))
    assert places.rank(_m("Suzhou City", "city", "Suzhou")) == 2  # a city the gazetteer knows stays a city
    assert places.rank(_m("Pudong New Area", "zone", "Pudong New Area")) == places.rank(_m("Licang District", "district"))


def test_shared_district_name_conflicts_with_neither_city():
    places = PlaceHierarchy.load()
    huangpu = _m("Huangpu district", "district", "Huangpu District")
    assert not places.parent_conflict(huangpu, _m("Guangzhou", "city", "Guangzhou"))
    assert not places.parent_conflict(huangpu, _m("Shanghai", "city", "Shanghai"))
    assert places.parent_conflict(huangpu, _m("Nanjing", "city", "Nanjing"))


def test_city_and_its_province_in_two_sentences():
    got = rels("Five companies from Weinan will build research stations. The program is backed by "
               "Shaanxi province and by cities of the Yangtze River Delta.")
    assert ("Weinan", "LOCATED_IN", "Shaanxi") in got, got
    # the article-level rule links a place to its province or city, never to a wider region
    assert not any(t == "Yangtze River Delta" and typ == "LOCATED_IN" for _, typ, t in got), got


@pytest.mark.parametrize("text,expected,forbidden", [
    # a centre named after its city, the article naming the city
    ("Officials of Hefei met investors. The Hefei Technology Transfer Center signed ten deals.",
     {("Hefei Technology Transfer Center", "LOCATED_IN", "Hefei")}, set()),
    # a university named after a city is in it; one named after a province says no more than its name
    ("Ningbo welcomed the team. Ningbo University sent twenty students.",
     {("Ningbo University", "LOCATED_IN", "Ningbo")}, set()),
    ("Zhejiang province welcomed the team. Zhejiang University sent twenty students.",
     set(), {("Zhejiang University", "LOCATED_IN", "Zhejiang")}),
    # one city's centre in another city: the name alone does not place it
    ("Wucheng district leaders met. The Wucheng District Shanghai Innovation Center opened its doors.",
     set(), {("Wucheng District Shanghai Innovation Center", "LOCATED_IN", "Wucheng")}),
    ("Wucheng district leaders met. The Wucheng District Innovation Center opened its doors.",
     {("Wucheng District Innovation Center", "LOCATED_IN", "Wucheng")}, set()),
])
def test_s28_named_after_city(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,expected,forbidden", [
    ("The Guangdong Institute of Intelligent Manufacturing is directly under the Guangdong Academy of Sciences.",
     {("Guangdong Institute of Intelligent Manufacturing", "PART_OF", "Guangdong Academy of Sciences")}, set()),
    (f"The Nanjing Institute of Astronomical Optics and Technology, subordinate to the {CAS}, built the telescope.",
     {("Nanjing Institute of Astronomical Optics and Technology", "PART_OF", CAS)}, set()),
    # a unit and its parent named apart, "of the" between them
    (f"The National Astronomical Observatories of the {CAS} and Tsinghua University signed the deal.",
     {("National Astronomical Observatories", "PART_OF", CAS)},
     {("National Astronomical Observatories", "PART_OF", "Tsinghua University")}),
    # "under" a programme or the leadership of a body is no parent
    ("The Hangzhou Research Center is under the guidance of the Zhejiang Academy of Sciences.",
     set(), {("Hangzhou Research Center", "PART_OF", "Zhejiang Academy of Sciences")}),
])
def test_s28_units_under_parent(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,expected", [
    # a park named a "city" and an unknown district, named after the city the article names
    ("Luoyang officials came. The Luoyang Future Science City hosted 20 firms.",
     ("Luoyang Future Science City", "LOCATED_IN", "Luoyang")),
    ("Zhuzhou officials met. The Zhuzhou Lusong Innovation District hosted 20 firms.",
     ("Zhuzhou Lusong Innovation District", "LOCATED_IN", "Zhuzhou")),
])
def test_s28_zone_named_after_city(text, expected):
    got = rels(text)
    assert expected in got, got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("Huawei, ZTE and Tencent are all headquartered in Shenzhen.",
     {("Huawei", "LOCATED_IN", "Shenzhen"), ("ZTE", "LOCATED_IN", "Shenzhen"), ("Tencent", "LOCATED_IN", "Shenzhen")}, set()),
    ("Sany Heavy Industry moved its headquarters to Changsha in 2000.",
     {("Sany Heavy Industry", "LOCATED_IN", "Changsha")}, set()),
    ("The Shanghai Advanced Research Institute has moved into the Zhangjiang Science City.",
     {("Shanghai Advanced Research Institute", "LOCATED_IN", "Zhangjiang")}, set()),
    # what a body moves elsewhere is not the body
    ("Sany Heavy Industry moved its production lines to Changsha in 2000.",
     set(), {("Sany Heavy Industry", "LOCATED_IN", "Changsha")}),
])
def test_s28_moved_and_listed_subjects(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,expected", [
    ("Hefei is a big city. The China (Hefei) Pilot Free Trade Zone was set up in 2020.",
     ("China (Hefei) Pilot Free Trade Zone", "LOCATED_IN", "Hefei")),
    ("Hubei province has big plans. The China (Hubei) Pilot Free Trade Zone was set up in 2017.",
     ("China (Hubei) Pilot Free Trade Zone", "LOCATED_IN", "Hubei")),
])
def test_s28_zone_with_its_place_in_brackets(text, expected):
    got = rels(text)
    assert expected in got, got


def test_s28_southeast_china():
    got = rels("Putian, a city in southeast China's Fujian province, hosted the forum.")
    assert {("Putian", "LOCATED_IN", "Fujian"), ("Fujian", "LOCATED_IN", "Southeast China")} <= got, got


def test_s28_article_level_skips_a_name_two_cities_share():
    # Taizhou is a city of Zhejiang and one of Jiangsu: two sentences apart, the province is not said
    got = rels("Five companies from Taizhou will build research stations. The program is backed by Zhejiang province.")
    assert ("Taizhou", "LOCATED_IN", "Zhejiang") not in got, got


@pytest.mark.parametrize("text,expected", [
    ("Chengdu played host to the 2024 China Science and Technology Innovation Forum.",
     ("China Science and Technology Innovation Forum", "LOCATED_IN", "Chengdu")),
    ("Hangzhou was the host city of the 2023 World Internet Conference.",
     ("World Internet Conference", "LOCATED_IN", "Hangzhou")),
])
def test_s28_place_plays_host(text, expected):
    got = rels(text)
    assert expected in got, got


def test_s28_known_parks_lie_in_their_city():
    got = rels("Robot makers in Songshan Lake and in Dongguan met investors.")
    assert ("Songshan Lake", "LOCATED_IN", "Dongguan") in got, got


@pytest.mark.parametrize("text,expected", [
    ("The Nanning High-tech Zone, which lies in the west of Nanning, was set up in 1988.",
     ("Nanning High-tech Zone", "LOCATED_IN", "Nanning")),
    ("The Yuelu Mountain University Town sits in the heart of Changsha.",
     ("Yuelu Mountain University Town", "LOCATED_IN", "Changsha")),
])
def test_s28_lies_in(text, expected):
    got = rels(text)
    assert expected in got, got


def test_s28_districts_of_prefecture_cities():
    got = rels("The Wuhu Robot Industrial Park is in Jiujiang district of Wuhu, and Zibo's Zhangdian district hosts the fair.")
    assert ("Jiujiang District", "LOCATED_IN", "Wuhu") in got, got
    assert ("Zhangdian District", "LOCATED_IN", "Zibo") in got, got
    # a district named like a prefecture city is that city when written alone
    out = extract_document("A news item\n\nJiujiang, a city in Jiangxi province, hosted the forum.", "t.txt")
    assert [e.get("properties", {}).get("province") for e in out["entities"] if e["name"] == "Jiujiang"] == ["Jiangxi"], out["entities"]


def test_s28_place_unit_then_acronym_parent():
    got = rels("Chen Hao of the Chinese Academy of Sciences spoke. The Kunming Institute of Botany, CAS, sent a team.")
    assert ("Kunming Institute of Botany", "PART_OF", CAS) in got, got

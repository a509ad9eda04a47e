"""Session 29 (helper rel): PART_OF, COOPERATES_WITH and LOCATED_IN stated by a clause around a common
noun or a fronted phrase (extract/rules/clauses.py), on our own invented sentences: text -> relations
that must (and must not) be found."""
from __future__ import annotations

import pytest
from support.extraction import titled_rels as rels

from extract import extract_document


def coop(a, b):
    return {(a, "COOPERATES_WITH", b), (b, "COOPERATES_WITH", a)}


@pytest.mark.parametrize("text,expected,forbidden", [
    # the copula's noun and its participle of belonging
    ("The Weifang Institute of Modern Agriculture is a research institute affiliated to Shandong Agricultural University.",
     {("Weifang Institute of Modern Agriculture", "PART_OF", "Shandong Agricultural University")}, set()),
    ("The Lanzhou Centre for Arid Crops, a research centre attached to Lanzhou University, released new seeds.",
     {("Lanzhou Centre for Arid Crops", "PART_OF", "Lanzhou University")}, set()),
    # a body noun "under" its parent; a person's copula noun is no body
    ("The Qilu University of Technology is a university under the Shandong provincial government.",
     {("Qilu University of Technology", "PART_OF", "Shandong provincial government")}, set()),
    # founders of what the copula's noun names: a parent body keeps its offshoot, every founder cooperates
    ("The Dongguan Materials Institute is a platform co-established by Dongguan and South China University of Technology.",
     {("Dongguan Materials Institute", "PART_OF", "South China University of Technology")}
     | {x for x in coop("Dongguan", "South China University of Technology") if x[0] == "Dongguan"}, set()),
    # a government founds no part of itself
    ("The Yantai Innovation Park is a platform established by the Yantai municipal government.",
     set(), {("Yantai Innovation Park", "PART_OF", "Yantai municipal government")}),
])
def test_s29_noun_participle(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,pair", [
    ("The institute was co-founded by Xidian University and Shaanxi Province.", ("Xidian University", "Shaanxi")),
    ("The Ningbo Institute of Industrial Technology was jointly set up by the Chinese Academy of Sciences and Ningbo.",
     ("Chinese Academy of Sciences", "Ningbo")),
    ("A new incubator, co-funded by Guiyang and the Guizhou Academy of Sciences, opened on Monday.",
     ("Guiyang", "Guizhou Academy of Sciences")),
])
def test_s29_joint_agents(text, pair):
    got = rels(text)
    assert coop(*pair) & got, f"no cooperation of {pair} in {got}"


def test_s29_single_agent_is_no_partnership():
    got = rels("The centre was set up by Xidian University in Xi'an in 2019.")
    assert not any(t == "COOPERATES_WITH" for _, t, _ in got), got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("As a subsidiary of China Electronics Technology Group Corporation, the Nanjing Research Institute of Electronics Technology develops radars.",
     {("Nanjing Research Institute of Electronics Technology", "PART_OF", "China Electronics Technology Group Corporation")}, set()),
    # "as a member" is taking part, not being a unit
    ("As a member of the China Association for Science and Technology, the Chinese Mechanical Engineering Society held a forum.",
     set(), {("Chinese Mechanical Engineering Society", "PART_OF", "China Association for Science and Technology")}),
])
def test_s29_as_part(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,expected,forbidden", [
    ("Headquartered in Shenzhen, Huawei Technologies Co., Ltd. employs many engineers.",
     {("Huawei", "LOCATED_IN", "Shenzhen")}, set()),
    ("Based in Hefei, Anhui Province, the Hefei Zhongke Optics Company makes lenses.",
     {("Hefei Zhongke Optics Company", "LOCATED_IN", "Hefei")}, set()),
    # a person is not "located": people travel
    ("Based in Shanghai, Zhang Wei has covered the industry for years.", set(), {("Zhang Wei", "LOCATED_IN", "Shanghai")}),
    # a province is not in its city
    ("Located in Wuhan, Hubei Province, the Optics Valley hosts many firms.", set(), {("Hubei", "LOCATED_IN", "Wuhan")}),
])
def test_s29_fronted_place(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_s29_address_is_no_partnership():
    got = rels("Longgang District, Shenzhen, hosted the event.")
    assert ("Longgang", "LOCATED_IN", "Shenzhen") in got
    assert not coop("Longgang", "Shenzhen") & got, got


def test_s29_two_places_named_apart_may_cooperate():
    got = rels("Zhejiang Province and Jiaxing signed a cooperation agreement on innovation.")
    assert coop("Zhejiang", "Jiaxing") & got, got


@pytest.mark.parametrize("text,expected,forbidden", [
    # the copula's / apposition's noun placed by its participle
    ("The Jinan International Robotics Expo is an annual event held in Jinan.",
     {("Jinan International Robotics Expo", "LOCATED_IN", "Jinan")}, set()),
    ("Zhangjiagang, a county-level city located in Suzhou, hosted the fair.", {("Zhangjiagang", "LOCATED_IN", "Suzhou")}, set()),
    # a fronted participle of an event's place
    ("Hosted in Nanjing, the World Semiconductor Conference featured 20 forums.",
     {("World Semiconductor Conference", "LOCATED_IN", "Nanjing")}, set()),
    # a seat
    ("The headquarters of the Sany Group are in Changsha.", {("Sany Heavy Industry", "LOCATED_IN", "Changsha")}, set()),
    ("The headquarters of the Sany Group moved out of Beijing.", set(), {("Sany Heavy Industry", "LOCATED_IN", "Beijing")}),
    # a group of bodies in a place and its members
    ("Dozens of universities in Wuhan, including Wuhan University and Huazhong University of Science and Technology, joined the alliance.",
     {("Wuhan University", "LOCATED_IN", "Wuhan"), ("Huazhong University of Science and Technology", "LOCATED_IN", "Wuhan")}, set()),
    # two places: the list does not say which member is where
    ("Companies in Shenzhen and Hangzhou, including Huawei Technologies Co., Ltd. and Alibaba Group, exhibited.",
     set(), {("Alibaba Group", "LOCATED_IN", "Shenzhen"), ("Huawei", "LOCATED_IN", "Shenzhen")}),
])
def test_s29_placed_nouns(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,pair", [
    ("Changchun and Jilin University have carried out extensive cooperation in optics.", ("Changchun", "Jilin University")),
    ("Representatives of Harbin and Daqing signed a cooperation agreement.", ("Harbin", "Daqing")),
])
def test_s29_joint_subjects(text, pair):
    got = rels(text)
    assert coop(*pair) & got, f"no cooperation of {pair} in {got}"


@pytest.mark.parametrize("text", [
    "Representatives of Harbin and Daqing attended the forum.",
    "Beijing, Shanghai and Shenzhen lead the country in patent filings.",
    "Officials of Changsha and Zhuzhou visited the exhibition.",
])
def test_s29_no_joint_action(text):
    got = rels(text)
    assert not any(t == "COOPERATES_WITH" for _, t, _ in got), got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("Experts visited Fengtai District and Tongzhou District of Beijing.", {("Fengtai", "LOCATED_IN", "Beijing")}, set()),
    ("Fengtai District signed an agreement with the Science and Technology Commission of Beijing.",
     {("Fengtai", "LOCATED_IN", "Beijing")}, set()),
    # the gazetteer's parent only: a district of Beijing is not in Shanghai
    ("Fengtai District signed an agreement with the Science and Technology Commission of Shanghai.",
     set(), {("Fengtai", "LOCATED_IN", "Shanghai")}),
])
def test_s29_nested_gazetteer_parent(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,expected,forbidden", [
    ("Shenzhen Bay Laboratory, which is under the Guangdong provincial government, recruits scientists.",
     {("Shenzhen Bay Laboratory", "PART_OF", "Guangdong provincial government")}, set()),
    ("The Ningbo Institute, a research centre of Zhejiang University, opened.", {("Ningbo Institute", "PART_OF", "Zhejiang University")}, set()),
    # a place is no parent body
    ("Zhejiang University, a leading university of China, hosted the forum.", set(), {("Zhejiang University", "PART_OF", "China")}),
])
def test_s29_under_and_unit_of(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_s29_modifier_place_is_no_partner():
    got = rels("The Changsha-based Zoomlion and the Xuzhou-based XCMG signed an agreement.")
    assert coop("Zoomlion", "XCMG") & got, got
    assert ("Zoomlion", "LOCATED_IN", "Changsha") in got
    assert not (coop("Xuzhou", "XCMG") | coop("Xuzhou", "Zoomlion") | coop("Changsha", "XCMG")) & got, got


def test_s29_modifier_place_is_no_partner_of_an_actor():
    got = rels("Xuzhou and the Changsha-based Zoomlion signed an agreement.")
    assert not coop("Xuzhou", "Changsha") & got, got


@pytest.mark.parametrize("text,expected", [
    ("Experts from Xilingol League in Inner Mongolia visited the grassland.", {("Xilingol", "LOCATED_IN", "Inner Mongolia")}),
    ("The forum was held in Kaili, capital of Qiandongnan Miao and Dong Autonomous Prefecture in Guizhou Province.",
     {("Kaili", "LOCATED_IN", "Qiandongnan"), ("Qiandongnan", "LOCATED_IN", "Guizhou")}),
])
def test_s29_prefectures_and_leagues(text, expected):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"


def test_s29_prefecture_rows_are_prefecture_level():
    from extract.rules.places import PlaceHierarchy
    places = PlaceHierarchy.load()
    for name, province in (("ili", "xinjiang"), ("liangshan", "sichuan"), ("alxa", "inner mongolia"), ("ngari", "tibet")):
        assert places.level.get(name) == "city", name
        assert province in (places.parents_of(name) or set()), name
    # outer districts of provincial capitals
    for name, city in (("acheng district", "harbin"), ("sujiatun district", "shenyang"), ("qingyunpu district", "nanchang")):
        assert places.level.get(name) == "district", name
        assert city in (places.parents_of(name) or set()), name


def test_s29_in_possessive_region():
    got = rels("Suzhou Industrial Park in eastern China's Jiangsu Province attracted foreign investment.")
    assert ("Suzhou Industrial Park", "LOCATED_IN", "Jiangsu") in got, got
    assert ("Suzhou Industrial Park", "LOCATED_IN", "China") not in got, got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("The 2022 Global Digital Economy Conference was staged in Beijing.",
     {("Global Digital Economy Conference", "LOCATED_IN", "Beijing")}, set()),
    ("The Suzhou Institute of Nano-Tech and Nano-Bionics was unveiled in Suzhou Industrial Park.",
     {("Suzhou Institute of Nano-Tech and Nano-Bionics", "LOCATED_IN", "Suzhou Industrial Park")}, set()),
    # the verb's subject is placed only when the verb has no object
    ("Huawei unveiled its new phone in Shenzhen.", set(), {("Huawei", "LOCATED_IN", "Shenzhen")}),
])
def test_s29_locate_verbs(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,pair", [
    ("Beijing Jiaotong University and CRRC Corporation co-developed a new train.", ("Beijing Jiaotong University", "CRRC")),
    ("The train was co-developed by Beijing Jiaotong University and CRRC Corporation.", ("Beijing Jiaotong University", "CRRC")),
    ("Kunming and Yunnan University co-invested in a plant genome bank.", ("Kunming", "Yunnan University")),
])
def test_s29_co_verbs(text, pair):
    got = rels(text)
    assert coop(*pair) & got, f"no cooperation of {pair} in {got}"


@pytest.mark.parametrize("text,expected,forbidden", [
    ("SMIC, Shanghai's largest chipmaker, expanded its fab.", {("SMIC", "LOCATED_IN", "Shanghai")}, set()),
    ("The Shenzhen company DJI makes drones.", {("DJI", "LOCATED_IN", "Shenzhen")}, set()),
    # a country is no address; a person's noun is no body's
    ("Alibaba, China's largest e-commerce firm, reported results.", set(), {("Alibaba", "LOCATED_IN", "China")}),
    ("Zhang Wei, a Shanghai native, joined Huawei.", set(), {("Huawei", "LOCATED_IN", "Shanghai")}),
])
def test_s29_epithet_place(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,expected,forbidden", [
    ("The Qilu Software Park, part of the Jinan High-tech Zone, has attracted more than 2,000 companies.",
     {("Qilu Software Park", "LOCATED_IN", "Jinan High-tech Zone")}, set()),
    ("The Xiangjiang New Area, part of Hunan Province, grew fast.", {("Xiangjiang New Area", "LOCATED_IN", "Hunan")}, set()),
    # a city is no part of its own district
    ("Shanghai is part of the Pudong New Area.", set(), {("Shanghai", "LOCATED_IN", "Pudong New Area")}),
])
def test_s29_place_part_of(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


@pytest.mark.parametrize("text,expected,forbidden", [
    ("The Chinese Academy of Agricultural Sciences opened its Southwest Branch in Chengdu on Tuesday.",
     {("Southwest Branch", "PART_OF", "Chinese Academy of Agricultural Sciences")}, set()),
    ("On Friday, Alibaba unveiled its DAMO Academy in Hangzhou.", {("DAMO Academy", "PART_OF", "Alibaba Group")}, set()),
    # no "its": a body another opens is not its own unit
    ("Tsinghua University opened the Suzhou Innovation Center to the public.", set(),
     {("Suzhou Innovation Center", "PART_OF", "Tsinghua University")}),
])
def test_s29_own_unit(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_s29_on_behalf_of_signs_with():
    got = rels("On behalf of Hefei, Li Ming signed the agreement with the University of Science and Technology of China.")
    assert coop("Hefei", "University of Science and Technology of China") & got, got


def test_s29_on_behalf_of_meeting_is_no_partnership():
    got = rels("On behalf of CAST, Li Ming met with officials of Anhui University.")
    assert not any(t == "COOPERATES_WITH" for _, t, _ in got), got


@pytest.mark.parametrize("text,expected,forbidden", [
    ("The Hefei Talent Centre was established under the Hefei municipal government.",
     {("Hefei Talent Centre", "PART_OF", "Hefei municipal government")}, set()),
    # "under the guidance of" names no parent
    ("The Hefei Talent Centre was established under the guidance of the China Association for Science and Technology.",
     set(), {("Hefei Talent Centre", "PART_OF", "China Association for Science and Technology")}),
])
def test_s29_set_up_under(text, expected, forbidden):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_s29_one_of_the_bases_under_a_programme():
    out = extract_document("A news item\n\nThe Changsha Innovation Base is one of 20 bases under the Innovation China programme.", "t.txt")
    name = {e["id"]: e["name"] for e in out["entities"]}
    got = {(name.get(r["source_id"]), r["type"], name.get(r["target_id"])) for r in out["relations"]}
    assert any(t == "PART_OF" and o == "Innovation China" for _, t, o in got), got

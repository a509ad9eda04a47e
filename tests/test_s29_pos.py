"""HOLDS_POSITION constructions of extract/rules/positions.py and office_verbs.py (session 29), on our
own sentences: text -> relations that must (and must not) be found."""
from __future__ import annotations

import pytest
from support.extraction import rels, rows

HP = "HOLDS_POSITION"

UNITS = [
    # a lower-case unit "of" a named body: the office is held at the body
    ("Huang Tao, deputy director-general of the science department of the Ministry of Industry and Information Technology, attended.",
     {("Huang Tao", HP, "Ministry of Industry and Information Technology")}, set()),
    ("Fang Zhi, director of the publicity department of the CPC Hefei Municipal Committee, hosted the press conference.",
     {("Fang Zhi", HP, "CPC Hefei Municipal Committee")}, set()),
    # ... with an "of" of the unit's own name
    ("Lv Hong, director-general of the department of international cooperation of the Hubei Association for Science and Technology, spoke.",
     {("Lv Hong", HP, "Hubei Association for Science and Technology")}, set()),
    # ... and "under" the body
    ("Xu Ping, chief of the planning division under the Lishui Science and Technology Bureau, explained the policy.",
     {("Xu Ping", HP, "Lishui Science and Technology Bureau")}, set()),
    # a lower-case field with no unit word is no office "of" the body that follows
    ("Xu Ping, head of international exchanges of the Lishui Science and Technology Bureau and others, explained the policy.",
     set(), {("Xu Ping", HP, "Lishui Science and Technology Bureau")}),
    # a project is no body to hold an office at
    ("Xu Ping, director of the expert committee of the Innovation China programme, spoke.",
     set(), {("Xu Ping", HP, "Innovation China")}),
    # "the Y-based company X": the office is at X, not at the place that describes it
    ("He Qing, chairman of the Shenzhen-based company BYD, spoke at the forum.",
     {("He Qing", HP, "BYD")}, {("He Qing", HP, "Shenzhen")}),
    ("Luo Jia, general manager of the Hangzhou-headquartered tech firm Hikvision, joined the talks.",
     {("Luo Jia", HP, "Hikvision")}, {("Luo Jia", HP, "Hangzhou")}),
    # "A's B": the named body of a body is the more specific one (A as its parent, as with "B of A")
    ("Chang Le, chief scientist at Alibaba's DAMO Academy, spoke.",
     {("Chang Le", HP, "DAMO Academy"), ("Chang Le", HP, "Alibaba Group")}, set()),
    # ... but a lower-case unit of a named body stays at the body
    ("Niu Jun, deputy general manager of China Mobile's Guangdong branch, attended.",
     {("Niu Jun", HP, "China Mobile")}, {("Niu Jun", HP, "Guangdong")}),
]


@pytest.mark.parametrize("text,expected,forbidden", UNITS)
def test_units_and_described_bodies(text, expected, forbidden):
    got = {r for r in rels(text) if r[1] == HP}
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


GROUPS = [
    # a plural title with its body, then the people it lists: each holds the title there
    ("Researchers from Tianjin University, including Shao Jun and Xue Mei, developed the chip.",
     {("Shao Jun", HP, "Tianjin University"), ("Xue Mei", HP, "Tianjin University")}, set()),
    ("Engineers at Huawei such as Wei Min presented the new base station.",
     {("Wei Min", HP, "Huawei")}, set()),
    # ... a list after a common noun that is no title says no office
    ("Visitors from Tianjin University, including Shao Jun and Xue Mei, toured the lab.",
     set(), {("Shao Jun", HP, "Tianjin University"), ("Xue Mei", HP, "Tianjin University")}),
    # the leader of a group from a body holds an office there, with the title before the name
    ("Researchers at Jilin University, led by Professor Hao Lin, built the device.",
     {("Hao Lin", HP, "Jilin University")}, set()),
    # a place's delegation led by a place's title: the office is at that place, not at the place visited
    ("The Jiaxing delegation led by Vice Mayor Yin Tao visited Changchun.",
     {("Yin Tao", HP, "Jiaxing")}, {("Yin Tao", HP, "Changchun")}),
    # ... a place's delegation led by someone without a place's title: no office at the place
    ("The Jiaxing delegation led by Professor Yin Tao visited Changchun.",
     set(), {("Yin Tao", HP, "Jiaxing"), ("Yin Tao", HP, "Changchun")}),
    # "Y Mayor A and Vice Mayor B": the second title shares the first one's body
    ("Yichang Mayor Ma Ke and Vice Mayor Liang Yu met the experts.",
     {("Ma Ke", HP, "Yichang"), ("Liang Yu", HP, "Yichang")}, set()),
    ("CAST President Wan Jun and Vice President Shi Lei opened the meeting.",
     {("Shi Lei", HP, "China Association for Science and Technology")}, set()),
    ("Leaders including Mayor Chen Jian of Changde and Vice Mayor Wu Di attended.",
     {("Chen Jian", HP, "Changde"), ("Wu Di", HP, "Changde")}, set()),
    # ... but not a body's title at a place, nor a place's title at a body
    ("CAST President Wan Jun and Vice Mayor Shi Lei opened the meeting.",
     set(), {("Shi Lei", HP, "China Association for Science and Technology")}),
]


@pytest.mark.parametrize("text,expected,forbidden", GROUPS)
def test_groups_and_shared_bodies(text, expected, forbidden):
    got = {r for r in rels(text) if r[1] == HP}
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_group_member_keeps_singular_title():
    r = [x for x in rows("Researchers from Tianjin University, including Shao Jun and Xue Mei, developed the chip.") if x["type"] == HP]
    assert {x["properties"].get("title") for x in r} == {"researcher"}
    assert all(x["confidence"] < 0.8 for x in r)  # read from a list: weaker than a stated office


CHAINS = [
    # a later office of a chain written as body and title
    ("Tian Ye, president of Northwest University and also a CAST vice chairman, spoke.",
     {("Tian Ye", HP, "Northwest University"), ("Tian Ye", HP, "China Association for Science and Technology")}, set()),
    # ... and a first one, before an office with "of"
    ("Yu Hang, an NPC deputy and chairman of Longi Green Energy, proposed the plan.",
     {("Yu Hang", HP, "Longi Green Energy"), ("Yu Hang", HP, "National People's Congress")}, set()),
    # ... but not a body whose title is the next person's
    ("Tian Ye, president of Northwest University and CAST vice chairman Bo Yang attended.",
     {("Tian Ye", HP, "Northwest University"), ("Bo Yang", HP, "China Association for Science and Technology")},
     {("Tian Ye", HP, "China Association for Science and Technology")}),
    # "Mayor of Y A and Vice Mayor B": the "of" form of a shared body
    ("Mayor of Wuhu Li Ming and Vice Mayor Wang Tao attended.",
     {("Li Ming", HP, "Wuhu"), ("Wang Tao", HP, "Wuhu")}, set()),
]


@pytest.mark.parametrize("text,expected,forbidden", CHAINS)
def test_chains(text, expected, forbidden):
    got = {r for r in rels(text) if r[1] == HP}
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


VERBS = [
    ("Jin Yu took office as mayor of Taizhou in 2020.", {("Jin Yu", HP, "Taizhou")}, set()),
    ("Jin Yu was promoted to vice president of Hohai University last year.", {("Jin Yu", HP, "Hohai University")}, set()),
    ("Qu Fang assumed the post of party secretary of Changzhou in May.", {("Qu Fang", HP, "Changzhou")}, set()),
    ("Qu Fang was re-elected chairman of the Changzhou Association for Science and Technology.",
     {("Qu Fang", HP, "Changzhou Association for Science and Technology")}, set()),
    ("Xu Lan was previously the mayor of Yancheng.", {("Xu Lan", HP, "Yancheng")}, set()),
    ("Xu Lan is concurrently director of the Yancheng Science and Technology Bureau.",
     {("Xu Lan", HP, "Yancheng Science and Technology Bureau")}, set()),
    # an office verb with no title after it says no office
    ("Qu Fang took office as Changzhou expanded its high-tech zone.", set(), {("Qu Fang", HP, "Changzhou")}),
    ("Jin Yu was promoted to the board after Hohai University grew.", set(), {("Jin Yu", HP, "Hohai University")}),
]


@pytest.mark.parametrize("text,expected,forbidden", VERBS)
def test_office_verbs(text, expected, forbidden):
    got = {r for r in rels(text) if r[1] == HP}
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_office_taking_verb_dates_the_office():
    r = [x for x in rows("Jin Yu took office as mayor of Taizhou in 2020.") if x["type"] == HP]
    assert r and r[0]["properties"].get("valid_from") == "2020"


def test_title_of_sub_body_before_name():
    """"The Chairman of the Board of Y, X": the office before the name is at Y past its unnamed sub-body."""
    got = rels("The Chairman of the Board of Hengli Group, Chen Jian, delivered a speech.")
    assert ("Chen Jian", HP, "Hengli Group") in got
    # plural members of a sub-body are no single person's title before the name
    got = rels("The members of the Board of Hengli Group, Chen Jian and Wu Di, attended.")
    assert not {r for r in got if r[1] == HP}


OPENERS = [
    ("Chen Jian – President of Hohai University – gave the opening address.", {("Chen Jian", HP, "Hohai University")}, set()),
    ("Chen Jian — chairman of Hengli Group — said it grows.", {("Chen Jian", HP, "Hengli Group")}, set()),
    ("Chen Jian: President of Hohai University", {("Chen Jian", HP, "Hohai University")}, set()),
    # a colon before a quotation is no office, even with a title later in the sentence
    ("Chen Jian: We will cooperate with the president of Hohai University.", set(), {("Chen Jian", HP, "Hohai University")}),
]


@pytest.mark.parametrize("text,expected,forbidden", OPENERS)
def test_dash_and_colon_open_an_office(text, expected, forbidden):
    got = {r for r in rels(text) if r[1] == HP}
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_group_member_takes_own_title():
    r = [x for x in rows("Officials from the Yancheng municipal government, including Vice Mayor Xu Lan, attended.") if x["type"] == HP]
    assert [x["properties"].get("title") for x in r if x["source"] == "Xu Lan"] == ["Vice Mayor"]


RELATIVE = [
    ("Xu Lan, who joined Huawei in 2010, said the network grows.", {("Xu Lan", HP, "Huawei")}, set()),
    ("Xu Lan, who founded Hengli Group in 1994, said the company grows.", {("Xu Lan", HP, "Hengli Group")}, set()),
    ("Xu Lan, who comes from Hengli Group, said the company grows.", {("Xu Lan", HP, "Hengli Group")}, set()),
    # a relative clause that says no office
    ("Xu Lan, who visited Huawei last year, said the network grows.", set(), {("Xu Lan", HP, "Huawei")}),
    ("Xu Lan, who praised Hengli Group, said the company grows.", set(), {("Xu Lan", HP, "Hengli Group")}),
]


@pytest.mark.parametrize("text,expected,forbidden", RELATIVE)
def test_relative_clause_verbs(text, expected, forbidden):
    got = {r for r in rels(text) if r[1] == HP}
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_relative_clause_founder_keeps_title():
    r = [x for x in rows("Xu Lan, who founded Hengli Group in 1994, said the company grows.") if x["type"] == HP]
    assert r and r[0]["properties"].get("title") == "founder" and r[0]["confidence"] < 0.8


def test_pronoun_verb_offices():
    """"He joined A in 2010" after a sentence with one named person: that person's, a little less sure."""
    got = rels("Xu Lan spoke at the forum. She founded Hengli Group in 1994.")
    assert ("Xu Lan", HP, "Hengli Group") in got
    assert not {r for r in rels("Xu Lan spoke at the forum. He visited Huawei in 2010.") if r[1] == HP}
    # two people before: "he" is not resolved
    assert not {r for r in rels("Xu Lan and Wu Di spoke at the forum. He joined Huawei in 2010.") if r[1] == HP}


def test_bracketed_body_is_an_affiliation():
    r = [x for x in rows("Speakers included Li Hua (Zhejiang University) and Wang Lei (Hengli Group).") if x["type"] == HP]
    assert {(x["source"], x["target"]) for x in r} == {("Li Hua", "Zhejiang University"), ("Wang Lei", "Hengli Group")}
    assert all(x["confidence"] < 0.8 and not x["properties"].get("title") for x in r)  # no title said: weak
    # a place in brackets is no affiliation
    assert not {x for x in rels("Li Hua (Beijing) attended the meeting.") if x[1] == HP}


@pytest.mark.parametrize("text,body", [
    ("Xu Lan, Xiangtan municipal Party secretary, attended the meeting.", "Xiangtan"),
    ("Xu Lan, Hengli Group board chairman, attended the meeting.", "Hengli Group"),
])
def test_title_prefix_after_name(text, body):
    assert ("Xu Lan", HP, body) in rels(text)


def test_body_word_alone_is_no_title():
    assert not {r for r in rels("Xu Lan, Hengli Group board, attended the meeting.") if r[1] == HP}


@pytest.mark.parametrize("text", [
    "Wu Di, whose team at Hohai University built the device, said it is cheap.",
    "Wu Di, a graduate of Hohai University, spoke at the forum.",
    "Teams from Hohai University, including Wu Di and Xu Lan, took part.",
])
def test_word_of_a_title_is_no_title(text):
    """"team" (of "team leader"), "graduate" (of "graduate student"): a title ends in a title's last word."""
    assert not {r for r in rels(text) if r[1] == HP}


FOR = [
    ("Wu Di, a spokesperson for the Ministry of Commerce, said exports rose.", {("Wu Di", HP, "Ministry of Commerce")}, set()),
    ('"Exports rose," said Wu Di, spokesman for the Hunan Provincial Department of Commerce.',
     {("Wu Di", HP, "Hunan Provincial Department of Commerce")}, set()),
    ("Wu Di, director for international cooperation at Hohai University, said it grows.", {("Wu Di", HP, "Hohai University")}, set()),
    # "for" after a title that a comma closes is no office for the body
    ("Wu Di, chairman, thanked the staff for the support of Hohai University.", set(), {("Wu Di", HP, "Hohai University")}),
]


@pytest.mark.parametrize("text,expected,forbidden", FOR)
def test_title_for_body(text, expected, forbidden):
    got = {r for r in rels(text) if r[1] == HP}
    assert expected <= got, f"missing {expected - got} in {got}"
    assert not (forbidden & got), f"unexpected {forbidden & got}"


def test_possessed_body_first_parent_less_sure():
    r = {x["target_id"]: x["confidence"] for x in rows("Chang Le, chief scientist at Alibaba's DAMO Academy, spoke.") if x["type"] == HP}
    academy = next(k for k in r if "damo" in k)
    group = next(k for k in r if "alibaba" in k)
    assert r[academy] > r[group]


def test_group_members_at_a_place():
    """Experts "from" a place hold no office there; a place's officials do."""
    assert not {r for r in rels("Experts from Beijing, including Wu Di and Xu Lan, visited the farm.") if r[1] == HP}
    assert ("Wu Di", HP, "Zibo") in rels("Officials from Zibo, including Wu Di and Xu Lan, visited the farm.")

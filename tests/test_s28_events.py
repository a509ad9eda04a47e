"""Session 28 (issue 13), helper ev: the ways news states who takes part in an event or programme,
on our own invented sentences (no corpus text)."""
from __future__ import annotations

import pytest
from support.extraction import rels_by_names as rels

from extract import extract_document

ROLE_FOR = [
    ("Jiaxing is a pilot city for the Innovation China program.", "Jiaxing", "Innovation China", "pilot city"),
    ("CAST named Huzhou a hub city for the Innovation China program.", "Huzhou", "Innovation China", "hub city"),
    ("Jinhua, a pilot city for the Innovation China program, has built a new platform.", "Jinhua", "Innovation China", "pilot city"),
    ("Wenzhou was selected as a pilot zone for the Coastal Digital Economy Program.", "Wenzhou",
     "Coastal Digital Economy Program", "pilot zone"),
]


@pytest.mark.parametrize("text,who,prog,role", ROLE_FOR)
def test_role_for_programme(text, who, prog, role):
    got = rels(text)
    r = got.get((who, "PARTICIPATES_IN", prog))
    assert r is not None, got.keys()
    assert r["properties"].get("role") == role


def test_role_for_designator_is_not_a_member():
    got = rels("CAST named Huzhou a hub city for the Innovation China program.")
    assert ("China Association for Science and Technology", "PARTICIPATES_IN", "Innovation China") not in got


@pytest.mark.parametrize("text", [
    "Lishui is a good place for the Mountain Ecology Innovation Program.",  # no role word
    "The Hangzhou Municipal Government has applied for the Innovation China program.",  # no role noun at all
])
def test_role_for_needs_a_role(text):
    assert not [k for k in rels(text) if k[1] == "PARTICIPATES_IN"]


@pytest.mark.parametrize("text,who,event", [
    ("Ningbo University sent a delegation to the 2022 China Ocean Economy Expo.", "Ningbo University", "China Ocean Economy Expo"),
    ("The Jilin Provincial Government sent a team of 50 officials to the 2023 Northeast Asia Expo.",
     "Jilin Provincial Government", "Northeast Asia Expo"),
])
def test_sent_delegation(text, who, event):
    assert (who, "PARTICIPATES_IN", event) in rels(text)


def test_sent_goods_is_not_a_delegation():
    got = rels("Huawei sent its new phones to the 2023 Wuhan Optics Expo.")
    assert ("Huawei", "PARTICIPATES_IN", "Wuhan Optics Expo") not in got


def test_fronted_at_event_list():
    got = rels("At the 2023 Wuhan Optics Expo, Huawei and ZTE showcased their latest products.")
    assert ("Huawei", "PARTICIPATES_IN", "Wuhan Optics Expo") in got
    assert ("ZTE", "PARTICIPATES_IN", "Wuhan Optics Expo") in got


def test_fronted_at_place_is_no_event():
    got = rels("At the Hangzhou Office, Zhejiang University and Alibaba signed an agreement.")
    assert not [k for k in got if k[1] == "PARTICIPATES_IN"]


@pytest.mark.parametrize("text,who,prog,role", [
    ("Jiaxing is among the first 20 pilot cities of the \"Innovation China\" program.", "Jiaxing", "Innovation China", "pilot city"),
    ("As an \"Innovation China\" pilot city, Jiaxing has introduced 50 experts.", "Jiaxing", "Innovation China", "pilot city"),
    ("CAST launched the Innovation China program in 2020, with Jiaxing and Huzhou among its first pilot cities.",
     "Huzhou", "Innovation China", "pilot city"),
])
def test_among_and_fronted_roles(text, who, prog, role):
    r = rels(text).get((who, "PARTICIPATES_IN", prog))
    assert r is not None and r["properties"].get("role") == role


def test_among_without_role_is_nothing():
    got = rels("Jiaxing is among the cities of the Innovation China program.")
    assert ("Jiaxing", "PARTICIPATES_IN", "Innovation China") not in got


def test_quoted_programme_with_event_head():
    out = extract_document("The 2021 \"Innovation China\" Conference was organised by CAST.", "t.txt")
    events = {e["name"] for e in out["entities"] if e["type"] == "Event"}
    assert any(n.strip('"“”') .endswith("Conference") and "Innovation China" in n for n in events), events
    got = rels("The 2021 \"Innovation China\" Conference was organised by CAST.")
    assert any(k[0] == "China Association for Science and Technology" and k[1] == "ORGANISES" and k[2].endswith("Conference")
               for k in got), got.keys()


def test_quoted_programme_with_other_word_is_no_event():
    out = extract_document("The \"Innovation China\" Program was launched by CAST.", "t.txt")
    assert not [e for e in out["entities"] if e["type"] == "Event"]


ARTICLE = "The 2023 Bohai Innovation Conference opened in Binzhou. "


@pytest.mark.parametrize("text,who", [
    (ARTICLE + "Wang Yanfen spoke on behalf of Shandong University.", "Wang Yanfen"),
    (ARTICLE + "Wang Yanfen spoke on behalf of Shandong University.", "Shandong University"),
    (ARTICLE + "During the opening ceremony, Pan Jun delivered a speech on behalf of Shandong University.", "Shandong University"),
])
def test_on_behalf_of(text, who):
    assert (who, "PARTICIPATES_IN", "Bohai Innovation Conference") in rels(text)


def test_on_behalf_of_organiser_is_host():
    got = rels("The 2023 Bohai Innovation Conference, hosted by Shandong University, opened in Binzhou. "
               "Wang Yanfen spoke on behalf of Shandong University.")
    assert ("Shandong University", "ORGANISES", "Bohai Innovation Conference") in got
    assert ("Shandong University", "PARTICIPATES_IN", "Bohai Innovation Conference") not in got


def test_on_behalf_needs_an_event():
    got = rels("Li Hua signed the agreement on behalf of Harbin Institute of Technology.")
    assert not [k for k in got if k[1] == "PARTICIPATES_IN"]


@pytest.mark.parametrize("text,role", [
    ("Innovation China hub city Jiaxing has set up 30 service stations.", "hub city"),
    ("Innovation China Hub City Jiaxing Sets Up 30 Service Stations", "hub city"),
    ("The Innovation China innovation hub city of Jiaxing has set up 30 stations.", "innovation hub city"),
])
def test_role_written_as_a_title(text, role):
    r = rels(text).get(("Jiaxing", "PARTICIPATES_IN", "Innovation China"))
    assert r is not None and r["properties"].get("role") == role


@pytest.mark.parametrize("text", [
    "The Innovation China program in Jiaxing has made progress.",  # a place, no role
    "CAST brought the Innovation China program to Jiaxing.",
])
def test_role_title_needs_the_role_right_before_the_name(text):
    assert ("Jiaxing", "PARTICIPATES_IN", "Innovation China") not in rels(text)


def test_lower_case_event_after_a_place():
    out = extract_document("The first Yangtze River Delta innovation expo was held in Wuxi.", "t.txt")
    events = {e["name"] for e in out["entities"] if e["type"] == "Event"}
    assert "Yangtze River Delta innovation expo" in events


def test_lower_case_event_after_a_programme_keeps_the_programme():
    got = rels("The Innovation China conference was held in Jiaxing on Monday, organised by CAST.")
    assert ("China Association for Science and Technology", "ORGANISES", "Innovation China") in got


def test_lower_case_words_without_event_head_stay_a_place():
    out = extract_document("The Yangtze River Delta innovation economy was discussed in Wuxi.", "t.txt")
    assert not [e for e in out["entities"] if e["type"] == "Event"]


@pytest.mark.parametrize("text,prog,bodies", [
    ("The Innovation China Service Station has served 300 enterprises, including Haier Group and Hisense Group.",
     "Innovation China Service Station", ("Haier", "Hisense Group")),
    ("The National Offshore Innovation Base has brought in 20 teams and enterprises, including Huawei and ZTE.",
     "National Offshore Innovation Base", ("Huawei", "ZTE")),
    ("CAST launched the Innovation China program with 20 national societies, including the Chinese Mechanical "
     "Engineering Society and the Chinese Society of Automotive Engineers.", "Innovation China",
     ("Chinese Mechanical Engineering Society", "Chinese Society of Automotive Engineers")),
    ("CAST runs the Innovation China program, which has drawn many partners including Zhejiang University and Fudan University.",
     "Innovation China", ("Zhejiang University", "Fudan University")),
])
def test_programme_lists_its_bodies(text, prog, bodies):
    got = rels(text)
    for b in bodies:
        r = got.get((b, "PARTICIPATES_IN", prog))
        assert r is not None, (b, got.keys())
        assert r["confidence"] < 0.8  # weak evidence: the list, not a stated role


@pytest.mark.parametrize("text", [
    # a "by" agent organises
    "The Innovation China program was launched by several ministries, including the Ministry of Science and Technology and the Ministry of Education.",
    # a noun of people: their bodies are read elsewhere, not as listed bodies
    "The Innovation China program has invited experts, including Zhou Ming and Li Hua.",
    # the list comes before the programme
    "Several universities, including Zhejiang University and Fudan University, praised the Innovation China program.",
])
def test_programme_list_limits(text):
    got = rels(text)
    assert not [k for k in got if k[1] == "PARTICIPATES_IN" and k[0] in ("Ministry of Science and Technology", "Ministry of Education", "Zhou Ming", "Li Hua")]
    if text.startswith("Several"):
        assert not [k for k in got if k[1] == "PARTICIPATES_IN" and got[k]["extractor"].endswith("programme-bodies")]


EVENT = "The 2023 Bohai Innovation Conference opened in Binzhou. "


@pytest.mark.parametrize("text,people", [
    (EVENT + "Officials and experts were present, including Li Hua and Zhang Bo.", ("Li Hua", "Zhang Bo")),
    (EVENT + "The event brought together leaders, including Li Hua.", ("Li Hua",)),
    (EVENT + "The launch was attended by Li Hua and Zhang Bo.", ("Li Hua", "Zhang Bo")),
    (EVENT + "The keynote speeches were delivered by Li Hua and Zhang Bo.", ("Li Hua", "Zhang Bo")),
    (EVENT + "Li Hua and Zhang Bo unveiled the plaque for the new center.", ("Li Hua", "Zhang Bo")),
    (EVENT + "Li Hua, vice mayor of Binzhou, issued certificates to the winners.", ("Li Hua",)),
    (EVENT + "Li Hua moderated the roundtable discussion.", ("Li Hua",)),
])
def test_people_at_the_current_event(text, people):
    got = rels(text)
    for p in people:
        assert (p, "PARTICIPATES_IN", "Bohai Innovation Conference") in got, (p, got.keys())


@pytest.mark.parametrize("text", [
    EVENT + "Binzhou has trained many talents, including Li Hua.",  # not a gathering, not people at the event
    "Binzhou has many talents, including Li Hua and Zhang Bo.",  # no event at all
    EVENT + "Li Hua released the 2023 innovation report.",  # not a ceremony's object
    EVENT + "The new plant was unveiled by Li Hua.",  # a plant is no part of a ceremony
])
def test_people_at_the_current_event_limits(text):
    assert not [k for k in rels(text) if k[1] == "PARTICIPATES_IN" and k[0] in ("Li Hua", "Zhang Bo")]


def _types(text):
    return {e["name"]: e["type"] for e in extract_document(text, "t.txt")["entities"]}


@pytest.mark.parametrize("text,name", [
    ("The Chinese Society of Automotive Engineers Annual Congress was sponsored by FAW Group.",
     "Chinese Society of Automotive Engineers Annual Congress"),
    ("The Ministry of Science and Technology Annual Work Conference was held in Beijing.",
     "Ministry of Science and Technology Annual Work Conference"),
])
def test_body_named_event(text, name):
    assert _types(text).get(name) == "Event"


@pytest.mark.parametrize("text,name", [
    ("Wang Li is a member of the National Committee of the Chinese People's Political Consultative Conference.",
     "National Committee of the Chinese People's Political Consultative Conference"),
    ("Zhou Lin heads the Standing Committee of the Hubei Provincial People's Congress.",
     "Standing Committee of the Hubei Provincial People's Congress"),
])
def test_body_ending_in_a_meeting_word_stays_a_body(text, name):
    assert _types(text).get(name) != "Event"


def test_body_named_event_organiser():
    got = rels("The Chinese Society of Automotive Engineers Annual Congress was sponsored by FAW Group.")
    assert ("FAW Group", "ORGANISES", "Chinese Society of Automotive Engineers Annual Congress") in got


@pytest.mark.parametrize("text", [
    EVENT + "It was attended by Li Hua, vice mayor of Binzhou, on Monday.",
    EVENT + "It was attended by Li Hua in Binzhou.",
])
def test_passive_attendance_with_a_time_or_place(text):
    assert ("Li Hua", "PARTICIPATES_IN", "Bohai Innovation Conference") in rels(text)


def test_active_attendance_with_an_object_is_not_the_current_event():
    got = rels(EVENT + "Li Hua attended a training course in Jinan.")
    assert ("Li Hua", "PARTICIPATES_IN", "Bohai Innovation Conference") not in got


@pytest.mark.parametrize("text,people", [
    (EVENT + "CAST Vice Chairman Li Hua and Binzhou Mayor Zhang Bo attended the opening ceremony.", ("Li Hua", "Zhang Bo")),
    (EVENT + "Shandong vice governor Li Hua, Binzhou Party secretary Zhang Bo and Binzhou University president "
     "Wang Fang attended.", ("Li Hua", "Zhang Bo", "Wang Fang")),
    (EVENT + "Li Hua, an academician of the Chinese Academy of Engineering, shared his views on green chemistry.", ("Li Hua",)),
])
def test_people_with_offices_before_their_names(text, people):
    got = rels(text)
    for p in people:
        assert (p, "PARTICIPATES_IN", "Bohai Innovation Conference") in got, (p, got.keys())


def test_office_before_a_name_keeps_the_office():
    got = rels(EVENT + "CAST Vice Chairman Li Hua and Binzhou Mayor Zhang Bo attended the opening ceremony.")
    assert ("Zhang Bo", "HOLDS_POSITION", "Binzhou") in got
    assert ("Li Hua", "HOLDS_POSITION", "Binzhou") not in got


def test_shared_a_product_is_not_speaking():
    got = rels(EVENT + "Li Hua shared the company's new products with buyers.")
    assert ("Li Hua", "PARTICIPATES_IN", "Bohai Innovation Conference") not in got


@pytest.mark.parametrize("text,people", [
    (EVENT + "Leaders such as Li Hua, Zhang Bo and Wang Fang attended.", ("Li Hua", "Zhang Bo", "Wang Fang")),
    (EVENT + "Li Hua, Zhang Bo, Wang Fang, among others, attended the opening.", ("Li Hua", "Zhang Bo", "Wang Fang")),
    (EVENT + "Binzhou University president Wang Fang, Li Hua, and Zhang Bo took part in the dialogue.", ("Li Hua", "Zhang Bo", "Wang Fang")),
])
def test_people_at_an_unnamed_part_of_the_event(text, people):
    got = rels(text)
    for p in people:
        assert (p, "PARTICIPATES_IN", "Bohai Innovation Conference") in got, (p, got.keys())


def test_part_of_another_named_event_is_not_the_current_one():
    got = rels(EVENT + "Li Hua attended the opening of the 2023 Jinan Robot Expo.")
    assert ("Li Hua", "PARTICIPATES_IN", "Bohai Innovation Conference") not in got
    assert ("Li Hua", "PARTICIPATES_IN", "Jinan Robot Expo") in got


@pytest.mark.parametrize("text", [
    EVENT + "Li Hua and Zhang Bo visited the exhibition and talked with exhibitors.",
    EVENT + "Li Hua toured the booths of local companies.",
])
def test_visiting_the_event(text):
    assert ("Li Hua", "PARTICIPATES_IN", "Bohai Innovation Conference") in rels(text)


def test_visiting_a_company_is_not_the_event():
    got = rels(EVENT + "Li Hua visited Weiqiao Group last week.")
    assert ("Li Hua", "PARTICIPATES_IN", "Bohai Innovation Conference") not in got


@pytest.mark.parametrize("text,orgs,event", [
    ("CAST Holds 2021 Innovation China Conference in Beijing", ("China Association for Science and Technology",),
     "Innovation China Conference"),
    ("Zhejiang University, Alibaba Group Co-host 2022 Digital Economy Summit", ("Zhejiang University", "Alibaba Group"),
     "Digital Economy Summit"),
])
def test_headline_organiser(text, orgs, event):
    got = rels(text)
    for o in orgs:
        assert (o, "ORGANISES", event) in got, (o, got.keys())


def test_headline_verb_in_running_text_is_not_a_headline():
    got = rels("Officials said CAST holds talks with Jiaxing every year.")
    assert not [k for k in got if k[1] == "ORGANISES"]


def test_programme_of_body():
    got = rels("The Innovation China program of CAST has 30 hub cities.")
    r = got.get(("China Association for Science and Technology", "ORGANISES", "Innovation China"))
    assert r is not None and r["confidence"] < 0.8


def test_programme_of_a_list_is_not_read():
    got = rels("The Innovation China program of Zhejiang University and Fudan University has grown.")
    assert not [k for k in got if k[1] == "ORGANISES"]

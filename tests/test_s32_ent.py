"""Entity spans and types of session 32 on our own invented sentences (a challenge set in the style of
Chinese official science news): programmes, regions, cities and zones, long body names, pinyin people
whose given name is also a place, and capitalised words that are no names."""
from __future__ import annotations

import pytest

from extract import extract_document


def ents(text, title="A news item"):
    out = extract_document((title + "\n\n" if title else "") + text, "t.txt")
    got = {(e["name"], e["type"]) for e in out["entities"]}
    return got, got | {(m, e["type"]) for e in out["entities"] for m in e.get("mentions", [])}


# (sentence, expected (name, type), forbidden (name, type))
CASES = [
    ("The Innovation China programme was launched by CAST in 2021.", [("Innovation China", "Project")], []),
    ("The Yangtze River Delta Science and Technology Innovation Community was set up in Shanghai.",
     [("Yangtze River Delta Science and Technology Innovation Community", "Project"), ("Shanghai", "City")], []),
    ("Hefei National High-tech Zone hosts more than 2,000 enterprises.", [("Hefei National High-tech Zone", "City")], []),
    ("Guizhou province and Yunnan province signed a cooperation agreement on big data.",
     [("Guizhou province", "Region"), ("Yunnan province", "Region")], []),
    ("Enterprises in the Greater Bay Area met investors from Europe.", [("Greater Bay Area", "Region"), ("Europe", "Region")], []),
    ("Xinjiang Uygur Autonomous Region sent 30 experts to the fair.", [("Xinjiang Uygur Autonomous Region", "Region")], []),
    ("Liangjiang New Area of Chongqing signed agreements with 12 institutes.",
     [("Liangjiang New Area", "City"), ("Chongqing", "City")], []),
    ("Haidian District of Beijing has the most high-tech firms.", [("Haidian District", "City"), ("Beijing", "City")], []),
    ("Mianyang City is known as a science city in Sichuan.", [("Mianyang City", "City"), ("Sichuan", "Region")], []),
    ("Gu Haidong, director of the Science Popularization Department, spoke at the meeting.",
     [("Gu Haidong", "Person")], [("Haidong", "City")]),
    ("Zhang Lanzhou, a professor at Tsinghua University, gave a report.",
     [("Zhang Lanzhou", "Person"), ("Tsinghua University", "Organisation")], [("Lanzhou", "City")]),
    ("Wang Hainan, mayor of Sanya, attended the signing ceremony.", [("Wang Hainan", "Person"), ("Sanya", "City")], [("Hainan", "Region")]),
    ("Zhao Wuhan introduced the platform. Zhao also thanked the experts.", [("Zhao Wuhan", "Person")],
     [("Wuhan", "City"), ("Zhao", "City"), ("Zhao", "Person")]),
    ("Present at the meeting were Gu Haidong, Lu Chunlei and Ma Anshan.",
     [("Gu Haidong", "Person"), ("Lu Chunlei", "Person"), ("Ma Anshan", "Person")], [("Anshan", "City")]),
    ("The Secretariat of the alliance is located in Hangzhou.", [("Hangzhou", "City")], [("Secretariat", "Region"), ("Secretariat", "City")]),
    ("Vice Chairman Sun Wei and Secretary-General Ma Li attended the ceremony.", [("Sun Wei", "Person"), ("Ma Li", "Person")], []),
    ("The People's Government of Jiangxi Province issued the plan.",
     [("People's Government of Jiangxi Province", "Organisation"), ("Jiangxi Province", "Region")], []),
    ("Jingdezhen Municipal Party Committee held a study session.", [("Jingdezhen Municipal Party Committee", "Organisation")], []),
    ("The Changzhutan National Independent Innovation Demonstration Zone covers three cities.",
     [("Changzhutan National Independent Innovation Demonstration Zone", "Project")], []),
    ("The Belt and Road Initiative has brought new partners to Xinjiang.", [("Belt and Road Initiative", "Project"), ("Xinjiang", "Region")], []),
    ("The Thousand Talents Plan attracted 300 scientists to Shenzhen.", [("Thousand Talents Plan", "Project"), ("Shenzhen", "City")], []),
    ("The Beijing-Tianjin-Hebei region is a national innovation centre.", [("Beijing-Tianjin-Hebei region", "Region")], []),
    ("Suzhou Industrial Park attracted 20 new research institutes.", [("Suzhou Industrial Park", "City")], []),
    ("Weihai Municipal People's Government signed an agreement with Harbin Institute of Technology.",
     [("Weihai Municipal People's Government", "Organisation"), ("Harbin Institute of Technology", "Organisation")], [("Harbin", "City")]),
    ("The Innovation China Action Plan (2021-2025) was released.", [("Innovation China Action Plan", "Project")], []),
    # session 32: lower-case directional parts of China
    ("The forum discussed the development of western China and the Yangtze River Economic Belt.",
     [("Western China", "Region"), ("Yangtze River Economic Belt", "Region")], []),
    ("Talent from eastern China moved to southern China.", [("East China", "Region"), ("South China", "Region")], []),
    ("The plan supports northeastern China and northwestern China.", [("Northeast China", "Region"), ("Northwest China", "Region")], []),
    # session 32: a metropolitan area is a region of several cities, not a zone
    ("The Wuhan Metropolitan Area includes nine cities.", [("Wuhan Metropolitan Area", "Region")], [("Wuhan Metropolitan Area", "City")]),
    ("The Wuhan Metropolitan Area and the Nanjing Metropolitan Area signed an agreement.",
     [("Wuhan Metropolitan Area", "Region"), ("Nanjing Metropolitan Area", "Region")], []),
]


@pytest.mark.parametrize("text,expected,forbidden", CASES, ids=[c[0][:40] for c in CASES])
def test_challenge_entities(text, expected, forbidden):
    got, mentioned = ents(text)
    assert [x for x in expected if x not in mentioned] == []
    assert [x for x in forbidden if x in got] == []


# session 32: in a Title Case headline a capitalised verb ends a pinyin name, and a capitalised
# preposition ends a name ("Shine At The Expo" is no event)
@pytest.mark.parametrize("title,expected,forbidden", [
    ("Gu Haidong Meets Delegation From Jiaxing", [("Gu Haidong", "Person")], [("Haidong", "City")]),
    ("Lu Chunlei Inspects Science Park In Wuxi", [("Lu Chunlei", "Person"), ("Wuxi", "City")], []),
    ("New Energy Vehicles Shine At The Expo", [], [("Energy Vehicles Shine At The Expo", "Event"), ("The Expo", "Event")]),
])
def test_headline_entities(title, expected, forbidden):
    got, mentioned = ents("The delegation arrived on Monday.", title=title)
    assert [x for x in expected if x not in mentioned] == []
    assert [g for g in got if any(g[0] == x[0] for x in forbidden)] == []


# session 32: "A of B, C and D (ACR)": the acronym in brackets spells the whole name, cut at its list comma
def test_name_with_listed_fields_grows_to_its_acronym():
    text = "The Changchun Institute of Optics, Fine Mechanics and Physics (CIOMP) sent experts. CIOMP will open a lab."
    got, _ = ents(text)
    assert ("Changchun Institute of Optics, Fine Mechanics and Physics", "Organisation") in got
    assert ("Changchun Institute of Optics", "Organisation") not in got


def test_name_before_comma_of_its_host_keeps_its_acronym():
    # the acronym spells the part before the comma: the host after it stays a body of its own
    got, _ = ents("The Research Center for Eco-Environmental Sciences, Chinese Academy of Sciences (RCEES) sent experts.")
    assert {("Research Center for Eco-Environmental Sciences", "Organisation"), ("Chinese Academy of Sciences", "Organisation")} <= got


# session 32: a river, a lake or a mountain the model reads as a place is no Region or City
@pytest.mark.parametrize("name", ["Xin'an River", "Qiandao Lake"])
def test_natural_feature_is_no_place(name):
    got, _ = ents("Tourists visited the Xin'an River and Qiandao Lake near Hangzhou.")
    assert ("Hangzhou", "City") in got and not any(g[0] == name for g in got)


# session 32: inside double quotes a plural possessive's apostrophe is no closing quote
def test_quoted_name_with_plural_possessive_is_one_programme():
    got, _ = ents('CAST launched the "Science and Technology Workers\' Home" project in Hefei.')
    assert ("Science and Technology Workers' Home", "Project") in got
    assert not any(g[0] in ("Home", "Science and Technology Workers") for g in got)


# session 32: the "of" of a known name inside a longer one does not open a nested body
def test_of_inside_a_known_name_opens_no_nested_body():
    got, _ = ents("Experts from the Chinese Academy of Sciences Institute of Automation spoke in Beijing.")
    assert ("Chinese Academy of Sciences Institute of Automation", "Organisation") in got
    assert ("Sciences Institute of Automation", "Organisation") not in got


# session 32: generic titles of documents and kinds of place are no names
@pytest.mark.parametrize("text,name", [
    ("According to the Work Plan, the city will set up a leading group in Hefei.", "Work Plan"),
    ("Attendees discussed the Action Plan and the Implementation Measures in Hefei.", "Implementation Measures"),
    ("Attendees discussed the Action Plan and the Implementation Measures in Hefei.", "Action Plan"),
    ("Each Province, Autonomous Region and Municipality sent delegates to Hefei.", "Autonomous Region"),
])
def test_generic_document_or_place_word_is_no_entity(text, name):
    got, _ = ents(text)
    assert ("Hefei", "City") in got and not any(g[0] == name for g in got)


def test_named_plan_stays_a_programme():
    got, _ = ents("The Innovation China Action Plan was released in Hefei.")
    assert ("Innovation China Action Plan", "Project") in got


# session 32: "Corps" and "Customs" end the names of government bodies
@pytest.mark.parametrize("text,name", [
    ("The Xinjiang Production and Construction Corps signed an agreement with Shihezi University.", "Xinjiang Production and Construction Corps"),
    ("The Ningbo Customs and Ningbo Port Group signed an agreement.", "Ningbo Customs"),
])
def test_government_body_heads(text, name):
    got, _ = ents(text)
    assert (name, "Organisation") in got


# session 32: a programme's alias written in lower case in aliases.tsv is found as written (as places' are)
def test_lower_case_programme_alias_is_found():
    got, _ = ents("The city implements the rural revitalization strategy in Hefei.")
    assert ("Rural Revitalization Strategy", "Project") in got


def test_lower_case_words_of_a_capitalised_alias_are_not():
    got, _ = ents("The innovation china of the future was discussed in Hefei.")
    assert not any(g[1] == "Project" for g in got)

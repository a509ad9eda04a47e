"""Relations stated across sentences and lists (extract/rules/attendance.py, constructions.py,
triggers.py, discourse.py, units.py, extract/components/relations.py and coref.py), on our own short texts: text -> relations that must
(and must not) be found."""
from __future__ import annotations

import pytest
from support.extraction import rels

from extract import extract_document

CASES = [
    # "Attending were" with each person's office written before the name: the people, not the places
    ("The Lakeside Innovation Summit was held in Wuhan on Tuesday. Attending were Hubei Vice Governor Zhao Haishan, "
     "Wuhan Mayor Cheng Yongwen and Wuhan University President Zhang Pingwen.",
     {("Cheng Yongwen", "PARTICIPATES_IN", "Lakeside Innovation Summit"),
      ("Zhang Pingwen", "PARTICIPATES_IN", "Lakeside Innovation Summit"),
      ("Zhao Haishan", "PARTICIPATES_IN", "Lakeside Innovation Summit")},
     {("Hubei", "PARTICIPATES_IN", "Lakeside Innovation Summit"), ("Wuhan", "PARTICIPATES_IN", "Lakeside Innovation Summit")}),
    ("The Lakeside Innovation Summit was held in Wuhan on Tuesday. Among those attending were Lei Jun, founder of Xiaomi, "
     "and Yu Tao, president of Hubei University.",
     {("Lei Jun", "PARTICIPATES_IN", "Lakeside Innovation Summit"), ("Yu Tao", "PARTICIPATES_IN", "Lakeside Innovation Summit")},
     {("Xiaomi", "PARTICIPATES_IN", "Lakeside Innovation Summit")}),
    # a list of people with a plural office over as many bodies: one office each, in order
    ("Lin Jie, Xu Qin and Zhou Bin, heads of Tencent, BYD and DJI, visited Shenzhen.",
     {("Lin Jie", "HOLDS_POSITION", "Tencent"), ("Xu Qin", "HOLDS_POSITION", "BYD"), ("Zhou Bin", "HOLDS_POSITION", "DJI")},
     {("Xu Qin", "HOLDS_POSITION", "Tencent"), ("Zhou Bin", "HOLDS_POSITION", "Tencent")}),
    ("Wang Gang and Lin Feng, vice mayors of Guangzhou and Yinchuan respectively, spoke at the meeting.",
     {("Wang Gang", "HOLDS_POSITION", "Guangzhou"), ("Lin Feng", "HOLDS_POSITION", "Yinchuan")},
     {("Lin Feng", "HOLDS_POSITION", "Guangzhou")}),
    # cooperation nouns in the plural, and a participle before the cooperation noun
    ("Hefei High-tech Zone has established partnerships with Hefei University of Technology and Anhui University.",
     {("Hefei High-tech Zone", "COOPERATES_WITH", "Hefei University of Technology"),
      ("Hefei High-tech Zone", "COOPERATES_WITH", "Anhui University")}, set()),
    ("Shaanxi Province and Jiangsu Province have carried out pairing assistance since 2016.",
     {("Jiangsu", "COOPERATES_WITH", "Shaanxi")}, set()),
    # people of a group noun's list attended; the body of the group noun is their office
    ("The Jingchu Innovation Summit was held in Wuhan. Leaders of Hubei University, including Chen Bo and Yang Li, "
     "attended the summit.",
     {("Chen Bo", "PARTICIPATES_IN", "Jingchu Innovation Summit"), ("Yang Li", "PARTICIPATES_IN", "Jingchu Innovation Summit")},
     {("Hubei University", "PARTICIPATES_IN", "Jingchu Innovation Summit")}),
    # units, owners and homes (extract/rules/units.py)
    ("The School of Mechanical Engineering at Xiangyang University won the prize.",
     {("School of Mechanical Engineering", "PART_OF", "Xiangyang University")}, set()),
    ("The Wuhan Institute of Optics (WIO) of the Hubei Academy of Sciences signed the contract.",
     {("Wuhan Institute of Optics", "PART_OF", "Hubei Academy of Sciences")}, set()),
    ("Jingchu Holdings, a company wholly owned by Hubei University, invested in the project.",
     {("Jingchu Holdings", "PART_OF", "Hubei University")}, set()),
    ("Xiangyang is home to Hubei University of Arts and Science and Xiangyang Vocational College.",
     {("Hubei University of Arts and Science", "LOCATED_IN", "Xiangyang"),
      ("Xiangyang Vocational College", "LOCATED_IN", "Xiangyang")}, set()),
    # "the zone", "the new area": the zone named before
    ("The Xiangyang High-tech Zone was approved in 2010. The zone has signed cooperation agreements with Hubei University.",
     {("Xiangyang High-tech Zone", "COOPERATES_WITH", "Hubei University")}, set()),
    ("Jiangbei New Area was set up in 2015. The new area has partnered with Nanjing University.",
     {("Jiangbei New Area", "COOPERATES_WITH", "Nanjing University")}, set()),
    # a sentence-initial "It" for the previous sentence's named subject
    ("Founded in 2001, Xiangyang High-tech Zone is a national high-tech zone. It is home to Jingchu Robotics Company. "
     "It has signed cooperation agreements with Hubei University.",
     {("Jingchu Robotics Company", "LOCATED_IN", "Xiangyang High-tech Zone"),
      ("Xiangyang High-tech Zone", "COOPERATES_WITH", "Hubei University")}, set()),
    # "N cities joined P. They are A, B and C." (extract/rules/followups.py)
    ("Three more cities have joined the Hanjiang Talent Program. They are Xiangyang, Shiyan and Jingmen.",
     {("Xiangyang", "PARTICIPATES_IN", "Hanjiang Talent Program"), ("Shiyan", "PARTICIPATES_IN", "Hanjiang Talent Program"),
      ("Jingmen", "PARTICIPATES_IN", "Hanjiang Talent Program")}, set()),
    ("The Lakeside Science Forum was held on Monday. More than 20 leaders attended the forum. They included Li Ming, "
     "mayor of Xiangyang, and Zhou Hong, president of Hubei University.",
     {("Li Ming", "PARTICIPATES_IN", "Lakeside Science Forum"), ("Zhou Hong", "PARTICIPATES_IN", "Lakeside Science Forum")},
     {("Hubei University", "PARTICIPATES_IN", "Lakeside Science Forum"), ("Xiangyang", "PARTICIPATES_IN", "Lakeside Science Forum")}),
    # the kind of the plural noun decides: companies are bodies, not the provinces they come from
    ("The Xiangyang Expo opened on Monday. Over 100 companies took part in the expo. They are mainly from Hubei and Henan.",
     set(), {("Hubei", "PARTICIPATES_IN", "Xiangyang Expo"), ("Henan", "PARTICIPATES_IN", "Xiangyang Expo")}),
    # "the General Office of HAST" after the article defined HAST: the office is part of the body
    ("Zhou Hong, Vice Chairman of the Hubei Association for Science and Technology (HAST), spoke. "
     "Liu Bo, deputy director of the General Office of HAST, spoke.",
     {("General Office of HAST", "PART_OF", "Hubei Association for Science and Technology"),
      ("Liu Bo", "HOLDS_POSITION", "Hubei Association for Science and Technology")}, set()),
    # a copula with "in" a place; an appositive "in" phrase
    ("Linyi Development Zone is in eastern Shandong.", {("Linyi Development Zone", "LOCATED_IN", "Shandong")}, set()),
    ("Jiaxing is in the first batch of pilot cities. Weihai Company is in talks with Yantai.", set(),
     {("Weihai Company", "LOCATED_IN", "Yantai")}),
    ("The Baoji High-tech Zone, in northwest China's Shaanxi province, is a national-level zone.",
     {("Baoji High-tech Zone", "LOCATED_IN", "Shaanxi")}, {("Baoji High-tech Zone", "LOCATED_IN", "Northwest China")}),
    # cooperation with a common noun's list; a list before a cooperation noun; "the cooperation of A and B"
    ("Xiangyang has carried out in-depth cooperation with more than 30 universities, including Wuhan University and Hubei University.",
     {("Xiangyang", "COOPERATES_WITH", "Wuhan University"), ("Xiangyang", "COOPERATES_WITH", "Hubei University")}, set()),
    ("Jilin and Zhejiang cooperation deepens.", {("Jilin", "COOPERATES_WITH", "Zhejiang")}, set()),
    ("Cooperation of Wuxi and Suzhou in science has expanded.", {("Suzhou", "COOPERATES_WITH", "Wuxi")}, set()),
    # a body's own meeting, named after it; a ceremony of a body is not its own meeting
    ("The 2022 Annual Meeting of the Chinese Society of Optics was held in Xiangyang.",
     {("Chinese Society of Optics", "ORGANISES", "Annual Meeting of the Chinese Society of Optics")}, set()),
    ("The Opening Ceremony of Hubei University Innovation Institute was held on Monday.", set(),
     {("Hubei University Innovation Institute", "ORGANISES", "Opening Ceremony of Hubei University Innovation Institute")}),
    # roles stated by a fronted "As a pilot city of P", "with A and B as the first pilot cities", "the first to join"
    ("As a pilot city of the Hanjiang Talent Program, Xiangyang has made progress.",
     {("Xiangyang", "PARTICIPATES_IN", "Hanjiang Talent Program")}, set()),
    ("The Hanjiang Talent Program was launched in 2019, with Xiangyang, Shiyan and Jingmen as the first pilot cities.",
     {("Xiangyang", "PARTICIPATES_IN", "Hanjiang Talent Program"), ("Jingmen", "PARTICIPATES_IN", "Hanjiang Talent Program")}, set()),
    ("The Hanjiang Talent Program was launched in 2019. Xiangyang, Shiyan and Jingmen were the first to join.",
     {("Xiangyang", "PARTICIPATES_IN", "Hanjiang Talent Program"), ("Shiyan", "PARTICIPATES_IN", "Hanjiang Talent Program")}, set()),
    # "attended via video link / in person" say how, not what: the current event; "spoke about X" is no attendance
    ("The 2022 Hanjiang Science Forum was held in Xiangyang. Li Ming attended the forum. Zhou Hong and Chen Bo attended "
     "via video link. Gao Lin spoke in Wuhan about robots.",
     {("Zhou Hong", "PARTICIPATES_IN", "Hanjiang Science Forum"), ("Chen Bo", "PARTICIPATES_IN", "Hanjiang Science Forum")},
     {("Gao Lin", "PARTICIPATES_IN", "Hanjiang Science Forum")}),
    # "X, set up by A in Y": X is in Y, the agent A is not
    ("The Jingmen Innovation Center, set up by Jingmen in Wuhan, opened. The Shiyan Science Park was built by the "
     "Shiyan Municipal Government in Wuhan.",
     {("Jingmen Innovation Center", "LOCATED_IN", "Wuhan"), ("Shiyan Science Park", "LOCATED_IN", "Wuhan")},
     {("Shiyan Municipal Government", "LOCATED_IN", "Wuhan"), ("Jingmen", "LOCATED_IN", "Wuhan")}),
    # people sign for their bodies: the bodies cooperate (one signer's two offices are no pair)
    ("Li Ming, mayor of Xiangyang, and Zhou Hong, president of Hubei University, signed a strategic cooperation agreement.",
     {("Xiangyang", "COOPERATES_WITH", "Hubei University")}, set()),
    ("Li Ming and Zhou Hong signed the agreement on behalf of Xiangyang and Hubei University respectively.",
     {("Xiangyang", "COOPERATES_WITH", "Hubei University")}, set()),
    ("Li Ming, mayor of Xiangyang and president of Hubei University, and Zhou Hong signed an agreement.", set(),
     {("Xiangyang", "COOPERATES_WITH", "Hubei University"), ("Hubei University", "COOPERATES_WITH", "Xiangyang")}),
    ("The Hanjiang Talent Program was launched by HAST in 2020. Three cities (districts) were selected: Xiangyang, Shiyan and Jingmen.",
     {("Xiangyang", "PARTICIPATES_IN", "Hanjiang Talent Program"), ("Jingmen", "PARTICIPATES_IN", "Hanjiang Talent Program")}, set()),
    # a park named after one city but stated to be in another (an enclave) is not in the city of its name
    ("Jinhua is a city in Zhejiang. The Jinhua Sci-Tech Park, established by Jinhua Development Zone in Hangzhou, opened.",
     {("Jinhua Sci-Tech Park", "LOCATED_IN", "Hangzhou")}, {("Jinhua Sci-Tech Park", "LOCATED_IN", "Jinhua")}),
    ("Jinhua is a city in Zhejiang. The Jinhua Sci-Tech Park opened in 2020.", {("Jinhua Sci-Tech Park", "LOCATED_IN", "Jinhua")}, set()),
    ("Xu Jun moderated the Hanjiang Science Forum. The Jingchu Innovation Summit was moderated by Gao Lin.",
     {("Xu Jun", "PARTICIPATES_IN", "Hanjiang Science Forum"), ("Gao Lin", "PARTICIPATES_IN", "Jingchu Innovation Summit")}, set()),
]


@pytest.mark.parametrize("text,want,unwanted", CASES)
def test_relations(text, want, unwanted):
    got = rels(text)
    # COOPERATES_WITH is symmetric: either order
    sym = got | {(t, r, s) for s, r, t in got if r == "COOPERATES_WITH"}
    assert want <= sym, want - sym
    assert not (unwanted & got), unwanted & got


def test_attended_ceremony_sets_the_current_event():
    """"X attended the launching ceremony of Y. A and B also attended.": A and B attended what X did."""
    text = ("The launching ceremony of the Hanjiang Talent Program was held in Xiangyang on Monday. Li Ming attended the ceremony. "
            "Zhou Hong and Tan Rui also attended.")
    out = extract_document(text, "t.txt")
    went = {}
    for r in out["relations"]:
        if r["type"] == "PARTICIPATES_IN":
            went.setdefault(r["target_id"], set()).add(r["source"])
    assert any({"Li Ming", "Zhou Hong", "Tan Rui"} <= v for v in went.values()), went

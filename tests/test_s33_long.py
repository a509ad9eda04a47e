"""Session 33 (helper long, issue #13): long capitalised names (seven words or more) are one entity, not
cut short to a shorter name inside them; two names joined by "and" stay two, and so does a name and a
place after it. Our own invented sentences in the style of English news about Chinese science (no corpus
text): each with the names it must give and, where a shape tempts a wrong cut or join, names it must not."""
from __future__ import annotations

import pytest
from support.extraction import by_names

from extract import extract_document


def extract(text):
    """Entity names and (source, type, target) relations of a text under a title line."""
    out = extract_document("A news item\n\n" + text, "t.txt")
    return {e["name"] for e in out["entities"]}, set(by_names(out))


# (sentence, names it must give, names it must not give)
CASES = [
    # "and" before a bare event head: one event
    ("The 2021 China (Wuhan) International Optoelectronics Expo and Forum was hosted by the Wuhan Municipal "
     "People's Government.",
     {"China (Wuhan) International Optoelectronics Expo and Forum"}, {"China (Wuhan) International Optoelectronics Expo"}),
    ("The Ninth China (Hangzhou) International Digital Trade Fair and Forum was organised by the Hangzhou "
     "Municipal Government.",
     {"Hangzhou Municipal Government"}, {"Ninth China (Hangzhou) International Digital Trade Fair"}),
    ("The Fifth World Intelligence Expo and Summit Forum was hosted by the Tianjin Municipal People's Government.",
     {"Tianjin Municipal People's Government"}, {"World Intelligence Expo"}),
    ("The Jiangnan Marine Equipment Conference and Exhibition opened in Nantong on Friday.",
     {"Jiangnan Marine Equipment Conference and Exhibition"}, {"Jiangnan Marine Equipment Conference"}),
    # a lone field word after of/for
    ("The China International Science and Technology Cooperation Base for Intelligent Equipment and Robotics "
     "was unveiled at Zhejiang University.",
     {"China International Science and Technology Cooperation Base for Intelligent Equipment and Robotics",
      "Zhejiang University"},
     {"China International Science and Technology Cooperation Base for Intelligent Equipment"}),
    ("The Jiaxing Research Center for Industrial Software and Robotics signed an agreement with Tongji University.",
     {"Jiaxing Research Center for Industrial Software and Robotics", "Tongji University"},
     {"Jiaxing Research Center for Industrial Software"}),
    # "on" after a body's head
    ("The Joint Laboratory on Green Hydrogen Production and Storage Technology signed an agreement with Tongji "
     "University.",
     {"Joint Laboratory on Green Hydrogen Production and Storage Technology", "Tongji University"},
     {"Joint Laboratory", "Storage Technology"}),
    ("The Yangtze River Delta Alliance on Integrated Circuit Design and Manufacturing held its first meeting in "
     "Suzhou.",
     {"Yangtze River Delta Alliance on Integrated Circuit Design and Manufacturing"}, {"Yangtze River Delta Alliance"}),
    ("The Sino-Swiss Joint Research Center on Precision Medicine signed an agreement with Sichuan University.",
     {"Sino-Swiss Joint Research Center on Precision Medicine", "Sichuan University"}, {"Sino-Swiss Joint Research Center"}),
    ("The Zhejiang-Shanghai Joint Innovation Center for Integrated Circuits and Semiconductor Equipment signed an "
     "agreement with Fudan University.",
     {"Zhejiang-Shanghai Joint Innovation Center for Integrated Circuits and Semiconductor Equipment"},
     {"Semiconductor Equipment", "Zhejiang-Shanghai Joint Innovation Center for Integrated Circuits"}),
    # brackets: a place inside the name stays in it; an acronym in brackets is no part of it (a place in
    # brackets at the end of a body's name stays a place of its own, with LOCATED_IN: see below)
    ("The Zhejiang University (Jiaxing) Research Institute for Advanced Materials signed an agreement with Tongji "
     "University.",
     {"Zhejiang University (Jiaxing) Research Institute for Advanced Materials"}, set()),
    ("The China Science and Technology Exchange Center (CSTEC) and Tongji University signed an agreement.",
     {"China Science and Technology Exchange Center", "Tongji University"},
     {"China Science and Technology Exchange Center (CSTEC)"}),
    ("The International Symposium on Advanced Materials and Green Manufacturing was hosted by Jiaxing University.",
     {"International Symposium on Advanced Materials and Green Manufacturing", "Jiaxing University"},
     {"International Symposium on Advanced Materials", "Green Manufacturing"}),
    ("The Jiaxing Forum on Smart Manufacturing and Tongji University signed an agreement.",
     {"Tongji University"}, {"Jiaxing Forum on Smart Manufacturing and Tongji University"}),
    ("The Geely Group on Tuesday signed an agreement with the Expert Group on Hydrogen Energy of Zhejiang University.",
     {"Geely", "Expert Group on Hydrogen Energy of Zhejiang University", "Zhejiang University"}, {"Expert Group"}),
    ("The Alibaba Group on Monday signed an agreement with Tongji University.",
     {"Tongji University"}, {"Alibaba Group on Monday"}),
    # a hyphenated participle inside the name
    ("The Zhejiang Science & Technology Innovation Service Center for Small and Medium-sized Enterprises signed "
     "an agreement with Tongji University.",
     {"Zhejiang Science & Technology Innovation Service Center for Small and Medium-sized Enterprises"},
     {"Zhejiang Science & Technology Innovation Service Center for Small and Medium",
      "Small and Medium-sized Enterprises"}),
    # a title word inside a facility's name
    ("The Academician Expert Workstation of Jiaxing Sunshine Technology Co., Ltd. signed an agreement with Tongji "
     "University.",
     {"Academician Expert Workstation of Jiaxing Sunshine Technology Co., Ltd", "Tongji University"},
     {"Expert Workstation of Jiaxing Sunshine Technology Co., Ltd"}),
    ("The Jiangsu Province Academician and Expert Workstation of Nanjing Tech University signed an agreement with "
     "Tongji University.",
     {"Jiangsu Province Academician and Expert Workstation of Nanjing Tech University"},
     {"Expert Workstation of Nanjing Tech University"}),
    ("Academician Expert Workstation was unveiled at Jiaxing University.",
     {"Jiaxing University"}, {"Academician Expert Workstation", "Expert Workstation"}),
    ("The Jiaxing Expo and Forum organised by the Jiaxing Municipal Government opened on Monday.",
     {"Jiaxing Expo and Forum", "Jiaxing Municipal Government"}, {"Jiaxing Expo"}),
    ("The China Expo and Hongqiao Forum were hosted by the Ministry of Commerce.",
     {"China Expo", "Hongqiao Forum"}, {"China Expo and Hongqiao Forum"}),
    ("The Ministry of Science and Technology and Ministry of Education issued the plan.",
     {"Ministry of Science and Technology", "Ministry of Education"}, set()),
    # long names the chunker already keeps whole (kept so)
    ("The Institute of Process Engineering of the Chinese Academy of Sciences signed an agreement with Zhejiang "
     "University.",
     {"Institute of Process Engineering of the Chinese Academy of Sciences", "Chinese Academy of Sciences"}, set()),
    ("The Key Laboratory of Advanced Materials and Devices of the Ministry of Education signed a cooperation "
     "agreement with Tsinghua University.",
     {"Key Laboratory of Advanced Materials and Devices of the Ministry of Education"}, set()),
    ("The China Association for Science and Technology Innovation Strategy Research Institute released a report.",
     {"China Association for Science and Technology Innovation Strategy Research Institute"}, set()),
    ("The Yangtze River Delta Science and Technology Innovation Community Construction Office hosted the "
     "Shanghai Innovation Summit.",
     {"Yangtze River Delta Science and Technology Innovation Community Construction Office", "Shanghai Innovation Summit"},
     set()),
    ("The National Engineering Research Center for Big Data Collaborative Security Technology signed an agreement "
     "with Huawei.",
     {"National Engineering Research Center for Big Data Collaborative Security Technology"}, set()),
    ("The Hubei Provincial Science and Technology Innovation and Entrepreneurship Service Alliance organised the "
     "Wuhan Startup Week.",
     {"Hubei Provincial Science and Technology Innovation and Entrepreneurship Service Alliance"}, set()),
    ("Zhejiang University-Jiaxing Joint Research Institute for New Materials and Energy signed an agreement with "
     "Tongji University.",
     {"Zhejiang University-Jiaxing Joint Research Institute for New Materials and Energy", "Tongji University"}, set()),
    ("The Zhejiang Provincial Department of Science and Technology organised the Jiaxing Innovation Forum.",
     {"Zhejiang Provincial Department of Science and Technology", "Jiaxing Innovation Forum"}, set()),
    ("The Sino-Russian Joint Research Center for Advanced Materials and Manufacturing Technology signed an "
     "agreement with Harbin Institute of Technology.",
     {"Sino-Russian Joint Research Center for Advanced Materials and Manufacturing Technology"}, set()),
    ("The Hangzhou Xiaoshan Economic and Technological Development Zone Management Committee signed an agreement "
     "with Zhejiang University.",
     {"Hangzhou Xiaoshan Economic and Technological Development Zone Management Committee"}, set()),
    ("The Management Committee of the Jiaxing Economic and Technological Development Zone signed an agreement "
     "with Tongji University.",
     {"Management Committee of the Jiaxing Economic and Technological Development Zone"}, set()),
    # negatives: two names joined by "and" stay two
    ("Zhejiang University and Westlake Institute for Advanced Study signed an agreement in Hangzhou.",
     {"Zhejiang University", "Westlake Institute for Advanced Study"},
     {"Zhejiang University and Westlake Institute for Advanced Study"}),
    ("The Jiaxing Academy of Agricultural Sciences and Zhejiang University signed an agreement.",
     {"Jiaxing Academy of Agricultural Sciences", "Zhejiang University"}, set()),
    ("The 2022 World Artificial Intelligence Conference and Global Digital Economy Summit was hosted by the "
     "Shanghai Municipal People's Government.",
     {"World Artificial Intelligence Conference", "Global Digital Economy Summit"}, set()),
    ("The China International Import Expo and the Hongqiao International Economic Forum were hosted by the "
     "Ministry of Commerce.",
     {"China International Import Expo", "Hongqiao International Economic Forum"}, set()),
    ("The Jiaxing Municipal Bureau of Science and Technology and the Hangzhou Municipal Bureau of Economy and "
     "Information Technology signed an agreement.",
     {"Jiaxing Municipal Bureau of Science and Technology", "Hangzhou Municipal Bureau of Economy and Information Technology"},
     set()),
    ("The Zhejiang Lab and the Jiaxing Nanhu Laboratory signed an agreement.",
     {"Zhejiang Lab", "Jiaxing Nanhu Laboratory"}, set()),
    ("The Jiaxing Centre for Robotics and Huawei signed an agreement.",
     {"Huawei"}, {"Jiaxing Centre for Robotics and Huawei"}),
    ("The Ningbo Center for Advanced Materials and Jiaxing Sunshine Technology Co., Ltd. signed an agreement.",
     {"Ningbo Center for Advanced Materials", "Jiaxing Sunshine Technology Co., Ltd"},
     {"Ningbo Center for Advanced Materials and Jiaxing Sunshine Technology Co., Ltd"}),
    ("The University of Science and Technology of China and Institute of Physics signed an agreement.",
     {"University of Science and Technology of China", "Institute of Physics"}, set()),
    ("The Center for Smart Grids and Institute of Electrical Engineering signed an agreement.",
     {"Center for Smart Grids", "Institute of Electrical Engineering"}, set()),
    ("The Jiaxing Institute of Industrial Software and Haier signed an agreement.",
     {"Jiaxing Institute of Industrial Software", "Haier"}, {"Jiaxing Institute of Industrial Software and Haier"}),
    # negatives: "on" before a date or a place is no subject; a title before a person stays a title
    ("The Joint Laboratory of Tongji University on Monday signed an agreement with Fudan University.",
     {"Tongji University", "Fudan University"}, {"Joint Laboratory of Tongji University on Monday"}),
    ("Academician Li Lanjuan of Zhejiang University met Academician Zhang Boli in Hangzhou.",
     {"Li Lanjuan", "Zhang Boli", "Zhejiang University"}, {"Academician Li Lanjuan"}),
    # a hyphen after a place: "-based", "-initiated" stay cuts
    ("The Hangzhou-based Hikvision and the CAST-initiated Innovation China programme were praised.",
     {"Hikvision", "Innovation China"}, {"Hangzhou-based Hikvision"}),
    # a company and the place after it (existing rule)
    ("Jiaxing Sunshine Technology Co., Ltd. of Jiaxing signed an agreement with Zhejiang University.",
     {"Jiaxing", "Zhejiang University"}, set()),
]


@pytest.mark.parametrize(("text", "want", "never"), CASES, ids=[c[0][:48] for c in CASES])
def test_long_names(text, want, never):
    names, _ = extract(text)
    assert want <= names, (want - names, names)
    assert not (never & names), (never & names)


def test_enough_cases():
    assert len(CASES) >= 30


def test_relation_goes_to_the_whole_name():
    """The relation of a long name goes to the whole name, not to a part of it."""
    _, rels = extract("The China (Wuhan) International Optoelectronics Expo and Forum was hosted by the Wuhan Municipal "
                      "People's Government.")
    assert ("Wuhan Municipal People's Government", "ORGANISES", "China (Wuhan) International Optoelectronics Expo and Forum") in rels
    _, rels = extract("The Joint Laboratory on Green Hydrogen Production and Storage Technology signed an agreement "
                      "with Tongji University.")
    assert ("Joint Laboratory on Green Hydrogen Production and Storage Technology", "COOPERATES_WITH", "Tongji University") in rels


def test_nested_body_stays_part_of():
    """A known body inside a long name stays a nested entity with PART_OF (existing behaviour)."""
    _, rels = extract("The Key Laboratory of Advanced Materials and Devices of the Ministry of Education signed a "
                      "cooperation agreement with Tsinghua University.")
    assert ("Key Laboratory of Advanced Materials and Devices of the Ministry of Education", "PART_OF",
            "Ministry of Education") in rels


def test_bracket_place_after_a_body():
    """'X Research Institute (Nanjing)': the place in brackets stays an entity the body is LOCATED_IN."""
    names, rels = extract("The Sino-German Intelligent Manufacturing Research Institute (Nanjing) signed an agreement "
                          "with Siemens.")
    assert {"Sino-German Intelligent Manufacturing Research Institute", "Nanjing"} <= names
    assert ("Sino-German Intelligent Manufacturing Research Institute", "LOCATED_IN", "Nanjing") in rels


@pytest.mark.parametrize(("text", "branch", "parent"), [
    ("The Industrial and Commercial Bank of China Jiaxing Branch signed an agreement with Tongji University.",
     "Industrial and Commercial Bank of China Jiaxing Branch", "Industrial and Commercial Bank of China"),
    ("The China Council for the Promotion of International Trade Jiaxing Sub-council signed an agreement with "
     "Tongji University.",
     "China Council for the Promotion of International Trade Jiaxing Sub-council",
     "China Council for the Promotion of International Trade"),
    ("Tongji University signed a cooperation agreement with the Jiaxing Branch of the Agricultural Bank of China.",
     "Jiaxing Branch of the Agricultural Bank of China", "Agricultural Bank of China"),
])
def test_branch_is_part_of_the_body_before_the_place(text, branch, parent):
    """A branch named by a place after a long body's name is PART_OF that body, not of the words after its
    "of" ("China Jiaxing Branch")."""
    names, rels = extract(text)
    assert (branch, "PART_OF", parent) in rels
    assert "China Jiaxing Branch" not in names and "International Trade Jiaxing Sub-council" not in names

"""Session 32 (helper org): a challenge set of ORGANISES and PART_OF statements, on our own invented
sentences in the style of Chinese official and science news (no corpus text): each sentence with the
triples it states (and, where a shape tempts a wrong one, a triple it must not give)."""
from __future__ import annotations

import pytest
from support.extraction import by_names

from extract import extract_document


def rels(text):
    """The (source, type, target) names of a text's relations, under a title line."""
    return set(by_names(extract_document("A news item\n\n" + text, "t.txt")))


def doc_rels(text):
    """The same for a whole article given with its own headline."""
    return set(by_names(extract_document(text, "t.txt")))


def org(a, e):
    return (a, "ORGANISES", e)


def part(a, b):
    return (a, "PART_OF", b)


ORGANISES = [
    # passives with one, two or three organisers
    ("The 2022 Jiangnan Digital Economy Forum was hosted by the Wuxi Municipal People's Government and the Jiangsu "
     "Association for Science and Technology.",
     {org("Wuxi Municipal People's Government", "Jiangnan Digital Economy Forum"),
      org("Jiangsu Association for Science and Technology", "Jiangnan Digital Economy Forum")}),
    ("The Jilin Agricultural Science Festival was organized by Jilin University, the Changchun Municipal Government and "
     "the Jilin Academy of Agricultural Sciences.",
     {org(a, "Jilin Agricultural Science Festival") for a in
      ("Jilin University", "Changchun Municipal Government", "Jilin Academy of Agricultural Sciences")}),
    ("The Guizhou Big Data Expo is held under the guidance of the Ministry of Industry and Information Technology.",
     {org("Ministry of Industry and Information Technology", "Guizhou Big Data Expo")}),
    ("The Qingdao Marine Technology Summit was undertaken by Qingdao Blue Valley Development Co., Ltd.",
     {org("Qingdao Blue Valley Development Co., Ltd", "Qingdao Marine Technology Summit")}),
    ("The Wenzhou Digital Health Conference was hosted by Wenzhou Medical University and organised by the Wenzhou "
     "Science and Technology Bureau.",
     {org("Wenzhou Medical University", "Wenzhou Digital Health Conference"),
      org("Wenzhou Science and Technology Bureau", "Wenzhou Digital Health Conference")}),
    ("The Zhengzhou Hydrogen Energy Conference was hosted by Zhengzhou University, with the Henan Academy of Sciences "
     "as the undertaker.",
     {org("Zhengzhou University", "Zhengzhou Hydrogen Energy Conference"),
      org("Henan Academy of Sciences", "Zhengzhou Hydrogen Energy Conference")}),
    ("The Ganzhou Navel Orange Forum was guided by the Jiangxi Provincial Department of Agriculture and hosted by the "
     "Ganzhou Municipal Government.",
     {org("Ganzhou Municipal Government", "Ganzhou Navel Orange Forum"),
      org("Jiangxi Provincial Department of Agriculture", "Ganzhou Navel Orange Forum")}),
    # participles and relative clauses on the event
    ("Jointly hosted by Nanjing University and the Nanjing Municipal Government, the Zijin Mountain Innovation Forum "
     "opened on Tuesday.",
     {org("Nanjing University", "Zijin Mountain Innovation Forum"),
      org("Nanjing Municipal Government", "Zijin Mountain Innovation Forum")}),
    ("The Yantai Wine Forum, which was co-hosted by Ludong University and the Yantai Municipal Government, opened on Friday.",
     {org("Ludong University", "Yantai Wine Forum"), org("Yantai Municipal Government", "Yantai Wine Forum")}),
    ("The 2022 Hangzhou Digital Trade Expo, hosted by the Ministry of Commerce and undertaken by the Hangzhou Municipal "
     "Government, opened on Tuesday.",
     {org("Ministry of Commerce", "Hangzhou Digital Trade Expo"),
      org("Hangzhou Municipal Government", "Hangzhou Digital Trade Expo")}),
    ("At the Taizhou Medical Device Forum hosted by the Jiangsu Association for Science and Technology, experts "
     "discussed new materials.",
     {org("Jiangsu Association for Science and Technology", "Taizhou Medical Device Forum")}),
    ("Initiated by academician Zhou Wenbin, the Xiangjiang Young Scientists Forum has been held for three years.",
     {org("Zhou Wenbin", "Xiangjiang Young Scientists Forum")}),
    # actives
    ("Hunan University held the 3rd Xiangjiang Forum on Advanced Materials in Changsha on Friday.",
     {org("Hunan University", "3rd Xiangjiang Forum on Advanced Materials")}),
    ("The Hunan Academy of Sciences and Central South University jointly held the Yuelu Mountain Innovation Forum.",
     {org("Hunan Academy of Sciences", "Yuelu Mountain Innovation Forum"),
      org("Central South University", "Yuelu Mountain Innovation Forum")}),
    ("Zhejiang University launched the Qiushi Innovation Programme, together with the Hangzhou Municipal Government.",
     {org("Zhejiang University", "Qiushi Innovation Programme"), org("Hangzhou Municipal Government", "Qiushi Innovation Programme")}),
    ("The Shanghai Municipal Science and Technology Commission hosted the launch ceremony of the Pujiang Talent Program.",
     {org("Shanghai Municipal Science and Technology Commission", "Pujiang Talent Program")}),
    ("Xiangtan University was commissioned by the Hunan Provincial Department of Education to organize the Xiangjiang "
     "Robot Contest.",
     {org("Xiangtan University", "Xiangjiang Robot Contest")}),
    # organiser nouns
    ("The organisers of the Harbin Ice Technology Fair are Harbin Engineering University and the Heilongjiang Academy "
     "of Sciences.",
     {org("Harbin Engineering University", "Harbin Ice Technology Fair"),
      org("Heilongjiang Academy of Sciences", "Harbin Ice Technology Fair")}),
    ("Ningbo University and the Ningbo Science and Technology Bureau, the organizers of the Ningbo Port Innovation Forum, "
     "signed an agreement.",
     {org("Ningbo University", "Ningbo Port Innovation Forum"), org("Ningbo Science and Technology Bureau", "Ningbo Port Innovation Forum")}),
    ("The Chongqing Intelligent Manufacturing Expo is a flagship event of the Chongqing Municipal Government.",
     {org("Chongqing Municipal Government", "Chongqing Intelligent Manufacturing Expo")}),
    ("CAST's Innovation China programme has entered its sixth year.",
     {org("China Association for Science and Technology", "Innovation China")}),
    # -- shapes missed before session 32 --
    # a Title Case headline whose first-named body is listed before a province
    ("CAST and Hubei Province Co-host 2023 Optics Valley Talent Conference",
     {org("China Association for Science and Technology", "Optics Valley Talent Conference")}),
    ("Fuzhou University, Fujian Province and CAST Co-host Minjiang Innovation Conference",
     {org("Fuzhou University", "Minjiang Innovation Conference"),
      org("China Association for Science and Technology", "Minjiang Innovation Conference")}),
    # an initiative "proposed" / "put forward" by a body is the body's
    ("The \"Innovation Jiangnan\" initiative, proposed by the Jiangsu Association for Science and Technology, covers 13 cities.",
     {org("Jiangsu Association for Science and Technology", "Innovation Jiangnan")}),
    ("The Longjiang Talent Plan was put forward by the Heilongjiang Provincial Department of Human Resources in 2018.",
     {org("Heilongjiang Provincial Department of Human Resources", "Longjiang Talent Plan")}),
    # a partner in a parenthetical "in conjunction with" / "in cooperation with" list organises too
    ("The Chinese Academy of Agricultural Sciences, in conjunction with Henan Agricultural University and the Zhengzhou "
     "Municipal Government, held the Central China Seed Forum.",
     {org(a, "Central China Seed Forum") for a in
      ("Chinese Academy of Agricultural Sciences", "Henan Agricultural University", "Zhengzhou Municipal Government")}),
    ("The Hainan Provincial Department of Science and Technology, in cooperation with Hainan University, launched the "
     "Qiongzhou Seed Programme.",
     {org("Hainan Provincial Department of Science and Technology", "Qiongzhou Seed Programme"),
      org("Hainan University", "Qiongzhou Seed Programme")}),
    # "A teamed up with B to host E": both organise
    ("Zhejiang University teamed up with the Jiaxing Municipal Government to host the Nanhu Innovation Summit.",
     {org("Zhejiang University", "Nanhu Innovation Summit"), org("Jiaxing Municipal Government", "Nanhu Innovation Summit")}),
    ("Fudan University joined hands with the Yangpu District Government to hold the Wujiaochang Innovation Forum.",
     {org("Fudan University", "Wujiaochang Innovation Forum"), org("Yangpu District Government", "Wujiaochang Innovation Forum")}),
    # a gerund of an organising verb after "responsible for", "in charge of", "took the lead in"
    ("The Guangdong Academy of Agricultural Sciences is responsible for organising the South China Rice Breeding Forum.",
     {org("Guangdong Academy of Agricultural Sciences", "South China Rice Breeding Forum")}),
    ("The Shaanxi Association for Science and Technology took the lead in organizing the Qinling Ecology Forum.",
     {org("Shaanxi Association for Science and Technology", "Qinling Ecology Forum")}),
    ("The Anhui Science and Technology Exchange Center is in charge of hosting the Huangshan Technology Fair.",
     {org("Anhui Science and Technology Exchange Center", "Huangshan Technology Fair")}),
    # a programme "of" a body, named as one name
    ("The Sci-Tech Volunteer Service Programme of the Shaanxi Association for Science and Technology trained 500 volunteers.",
     {org("Shaanxi Association for Science and Technology",
          "Sci-Tech Volunteer Service Programme of the Shaanxi Association for Science and Technology")}),
]


@pytest.mark.parametrize("text,expected", ORGANISES)
def test_s32_organises(text, expected):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {sorted(got)}"


DOC_ORGANISES = [
    # the event named in the headline and the first sentence, its organisers in a later one
    ("2022 Qilu Innovation Forum held in Jinan\n\nOn May 5, the 2022 Qilu Innovation Forum was held in Jinan. More than "
     "500 experts attended the forum. The forum was hosted by the Shandong Association for Science and Technology and "
     "co-hosted by Shandong University.",
     {org("Shandong Association for Science and Technology", "Qilu Innovation Forum"),
      org("Shandong University", "Qilu Innovation Forum")}),
    ("ASEAN Science Conference opens in Nanning\n\nThe 2020 ASEAN Science Conference opened in Nanning on Monday. The "
     "conference was jointly sponsored by CAST and the Guangxi Zhuang Autonomous Region People's Government, and "
     "undertaken by the Guangxi Association for Science and Technology.",
     {org(a, "ASEAN Science Conference") for a in
      ("China Association for Science and Technology", "Guangxi Zhuang Autonomous Region People's Government",
       "Guangxi Association for Science and Technology")}),
    ("Forum\n\nThe Pujiang Innovation Forum opened on Monday. The event is sponsored by the Shanghai Municipal "
     "Government, co-sponsored by the Ministry of Science and Technology, and undertaken by the Shanghai Science and "
     "Technology Exchange Center.",
     {org(a, "Pujiang Innovation Forum") for a in
      ("Shanghai Municipal Government", "Ministry of Science and Technology", "Shanghai Science and Technology Exchange Center")}),
]


@pytest.mark.parametrize("text,expected", DOC_ORGANISES)
def test_s32_organises_in_article(text, expected):
    got = doc_rels(text)
    assert expected <= got, f"missing {expected - got} in {sorted(got)}"


PART_OF = [
    ("The Institute of Soil Science under the Chinese Academy of Sciences signed the agreement.",
     {part("Institute of Soil Science", "Chinese Academy of Sciences")}),
    ("Researchers from the Institute of Botany of the Chinese Academy of Sciences visited Lijiang.",
     {part("Institute of Botany of the Chinese Academy of Sciences", "Chinese Academy of Sciences")}),
    ("Zhejiang University's School of Medicine opened a new laboratory in Yiwu.",
     {part("School of Medicine", "Zhejiang University")}),
    ("The Suzhou Institute of Nano-Tech and Nano-Bionics is affiliated to the Chinese Academy of Sciences.",
     {part("Suzhou Institute of Nano-Tech and Nano-Bionics", "Chinese Academy of Sciences")}),
    ("The Torch High Technology Industry Development Center is a unit directly under the Ministry of Science and Technology.",
     {part("Torch High Technology Industry Development Center", "Ministry of Science and Technology")}),
    ("The Ningbo Institute of Materials Technology and Engineering belongs to the Chinese Academy of Sciences.",
     {part("Ningbo Institute of Materials Technology and Engineering", "Chinese Academy of Sciences")}),
    ("The Qingdao Institute of Bioenergy and Bioprocess Technology, part of the Chinese Academy of Sciences, opened a pilot line.",
     {part("Qingdao Institute of Bioenergy and Bioprocess Technology", "Chinese Academy of Sciences")}),
    ("The Kunming Institute of Zoology, an institute of the Chinese Academy of Sciences, studies biodiversity.",
     {part("Kunming Institute of Zoology", "Chinese Academy of Sciences")}),
    ("The Shanghai Advanced Research Institute, which is affiliated to the Chinese Academy of Sciences, signed the agreement.",
     {part("Shanghai Advanced Research Institute", "Chinese Academy of Sciences")}),
    ("China Mobile Zhejiang Branch signed a 5G agreement with Huzhou.",
     {part("China Mobile Zhejiang Branch", "China Mobile")}),
    ("The School of Mechanical Engineering at Zhejiang University developed the robot.",
     {part("School of Mechanical Engineering", "Zhejiang University")}),
    ("State Grid Jiangsu Electric Power Company, a subsidiary of the State Grid Corporation of China, built the station.",
     {part("State Grid Jiangsu Electric Power Company", "State Grid Corporation of China")}),
    ("The Organization Department of the Jiangsu Provincial Party Committee issued the notice.",
     {part("Organization Department of the Jiangsu Provincial Party Committee", "Jiangsu Provincial Party Committee")}),
    ("Southwest Jiaotong University's Tangshan Research Institute opened in Tangshan.",
     {part("Tangshan Research Institute", "Southwest Jiaotong University")}),
    ("The Jiangmen Innovation Base is part of the Innovation China programme.",
     {part("Jiangmen Innovation Base", "Innovation China")}),
    # -- shapes missed before session 32 --
    # a company the name rules do not know, made a body by its appositive "a subsidiary of Y" / "the arm of Y"
    ("Sinopec Shanghai Petrochemical, a subsidiary of China Petrochemical Corporation, built the plant.",
     {part("Sinopec Shanghai Petrochemical", "China Petrochemical Corporation")}),
    ("Jiangsu Hengrui Medicine, a subsidiary of Hengrui Group, launched a new drug.",
     {part("Jiangsu Hengrui Medicine", "Hengrui Group")}),
    ("Alibaba Cloud, the cloud computing arm of Alibaba Group, signed a deal with Hangzhou.",
     {part("Alibaba Cloud", "Alibaba Group")}),
    # "its subsidiary X", "Y's subsidiary X": the name after the unit noun is the unit
    ("Tencent and its subsidiary Tencent Cloud signed a deal with Chongqing.",
     {part("Tencent Cloud", "Tencent")}),
    ("Beijing Zhongguancun Development Group's subsidiary Zhongguancun Capital invested in the startup.",
     {part("Zhongguancun Capital", "Beijing Zhongguancun Development Group")}),
]


@pytest.mark.parametrize("text,expected", PART_OF)
def test_s32_part_of(text, expected):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {sorted(got)}"


@pytest.mark.parametrize("text,forbidden", [
    # a theme in quotes is no programme the hosts organise
    ("Jiaxing event\n\nThe 2021 Jiaxing Science and Technology Cooperation Conference opened on Tuesday. The conference, "
     "with the theme of \"Innovation China\", was jointly hosted by CAST and the Zhejiang Provincial People's Government.",
     {org("China Association for Science and Technology", "Innovation China"),
      org("Zhejiang Provincial People's Government", "Innovation China")}),
    # "hosted E with B" (no "co-" verb, no partner phrase) does not say B hosts (tests/test_extract_events.py)
    ("Forum\n\nPeking University hosted the Yanyuan Innovation Forum with the Haidian District Government.",
     {org("Haidian District Government", "Yanyuan Innovation Forum")}),
    # "A teamed up with B to study X": no organising verb, nobody organises
    ("Forum\n\nZhejiang University teamed up with the Jiaxing Municipal Government to study the Nanhu Innovation Programme.",
     {org("Jiaxing Municipal Government", "Nanhu Innovation Programme")}),
    # a subsidiary of a person is no body ("Zhang Wei, a ...") and a place stays a place
    ("Forum\n\nHangzhou, a city of Zhejiang Province, hosted the forum.", {part("Hangzhou", "Zhejiang")}),
])
def test_s32_not_stated(text, forbidden):
    got = doc_rels(text)
    assert not (forbidden & got), f"unexpected {forbidden & got}"

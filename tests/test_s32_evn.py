"""Session 32 (helper evn): event and programme names on our own invented sentences (no corpus text):
meetings, forums, summits, congresses, expos, fairs, competitions, contests, exhibitions, salons,
seminars, workshops, symposiums, matchmaking meetings, roadshows, ceremonies, training courses,
campaigns, activity weeks and popularisation months, with editions, places, quotes and lower-case
names. Each sentence names an event (matched, as ../shared/score.py does, on any of the entity's
mentions, quotes and case aside) and, where it says so, its organiser (ORGANISES)."""
from __future__ import annotations

import re

import pytest
from support.extraction import by_names

from extract import extract_document


def norm(s: str) -> str:
    s = s.lower().replace('"', "").replace("\u201c", "").replace("\u201d", "")
    return re.sub(r"\s+", " ", s).strip()


# (sentence, an event's name, its organiser or None)
EVENTS = [
    ('The Hubei Association for Science and Technology held the 2021 Wuhan Optics Valley Innovation Conference in Wuhan last week.',
     '2021 Wuhan Optics Valley Innovation Conference', 'Hubei Association for Science and Technology'),
    ('The Third China Marine Economy Forum was organised by the Qingdao Municipal Government.',
     'Third China Marine Economy Forum', 'Qingdao Municipal Government'),
    ('Fujian Normal University hosted the Southeast Coastal Materials Symposium on Monday.',
     'Southeast Coastal Materials Symposium', 'Fujian Normal University'),
    ('The Anhui Provincial Department of Science and Technology organised the Hefei Quantum Industry Summit.',
     'Hefei Quantum Industry Summit', 'Anhui Provincial Department of Science and Technology'),
    ('The 5th Guizhou Big Data Expo opened in Guiyang on Tuesday.',
     '5th Guizhou Big Data Expo', None),
    ('The Shenzhen Association for Science and Technology launched the Pengcheng Science Popularisation Month.',
     'Pengcheng Science Popularisation Month', 'Shenzhen Association for Science and Technology'),
    ('The Changzhou Technology Matchmaking Meeting was held by Jiangsu University of Technology.',
     'Changzhou Technology Matchmaking Meeting', 'Jiangsu University of Technology'),
    ('The Jilin Provincial Association for Science and Technology organised the 2022 Changchun Automotive Innovation Roadshow.',
     '2022 Changchun Automotive Innovation Roadshow', 'Jilin Provincial Association for Science and Technology'),
    ('The Liaoning Provincial Government hosted the Shenyang Intelligent Manufacturing Fair in May.',
     'Shenyang Intelligent Manufacturing Fair', 'Liaoning Provincial Government'),
    ('The Ninth Hunan Innovation and Entrepreneurship Competition was held by the Hunan Provincial Department of Education.',
     'Ninth Hunan Innovation and Entrepreneurship Competition', 'Hunan Provincial Department of Education'),
    ('The Tianjin Science and Technology Bureau organised the Binhai Robotics Contest.',
     'Binhai Robotics Contest', 'Tianjin Science and Technology Bureau'),
    ("The Xi'an Hard Technology Exhibition was sponsored by the Shaanxi Provincial Government.",
     "Xi'an Hard Technology Exhibition", 'Shaanxi Provincial Government'),
    ('Zhejiang University held the Qiantang Young Scientists Salon in Hangzhou.',
     'Qiantang Young Scientists Salon', 'Zhejiang University'),
    ('The Chongqing Association for Science and Technology organised the Yangtze Upper Reaches Ecology Seminar.',
     'Yangtze Upper Reaches Ecology Seminar', 'Chongqing Association for Science and Technology'),
    ('The Sichuan Academy of Sciences held the Chengdu Biomedicine Workshop last month.',
     'Chengdu Biomedicine Workshop', 'Sichuan Academy of Sciences'),
    ('The Yunnan Provincial Government hosted the 2023 South Asia Technology Transfer Congress in Kunming.',
     '2023 South Asia Technology Transfer Congress', 'Yunnan Provincial Government'),
    ('The Guangxi Association for Science and Technology launched the Beibu Gulf Innovation Campaign.',
     'Beibu Gulf Innovation Campaign', 'Guangxi Association for Science and Technology'),
    ('The Hainan Provincial Department of Science and Technology organised the Sanya Tropical Agriculture Training Course.',
     'Sanya Tropical Agriculture Training Course', 'Hainan Provincial Department of Science and Technology'),
    ('The Gansu Association for Science and Technology held the Lanzhou Science and Technology Activity Week.',
     'Lanzhou Science and Technology Activity Week', 'Gansu Association for Science and Technology'),
    ('The 12th China Northeast Equipment Manufacturing Expo was held in Harbin.',
     '12th China Northeast Equipment Manufacturing Expo', None),
    ('The Shandong Provincial Government organised the Jinan Hydrogen Energy Signing Ceremony.',
     'Jinan Hydrogen Energy Signing Ceremony', 'Shandong Provincial Government'),
    ('The Henan Association for Science and Technology hosted the Zhengzhou Academician Forum.',
     'Zhengzhou Academician Forum', 'Henan Association for Science and Technology'),
    ('The Jiangxi Provincial Department of Science and Technology held the Nanchang VR Industry Conference.',
     'Nanchang VR Industry Conference', 'Jiangxi Provincial Department of Science and Technology'),
    ('The Innovation China Wenzhou station was organised by the Wenzhou Association for Science and Technology.',
     'Innovation China Wenzhou station', 'Wenzhou Association for Science and Technology'),
    ('The Wuxi Association for Science and Technology held the 2021 Taihu Sensor Network Forum.',
     '2021 Taihu Sensor Network Forum', 'Wuxi Association for Science and Technology'),
    ('The Second Greater Bay Area Science Forum was hosted by the Guangdong Academy of Sciences.',
     'Second Greater Bay Area Science Forum', 'Guangdong Academy of Sciences'),
    ('The Inner Mongolia Association for Science and Technology held the Hohhot Dairy Technology Fair.',
     'Hohhot Dairy Technology Fair', 'Inner Mongolia Association for Science and Technology'),
    ('Peking University organised the Yanyuan Artificial Intelligence Symposium.',
     'Yanyuan Artificial Intelligence Symposium', 'Peking University'),
    ('The China Association for Science and Technology launched the National Science Popularisation Day.',
     'National Science Popularisation Day', 'China Association for Science and Technology'),
    ('The Ministry of Science and Technology organised the 2022 National Innovation and Entrepreneurship Competition.',
     '2022 National Innovation and Entrepreneurship Competition', 'Ministry of Science and Technology'),
    ('The Xiamen Municipal Government hosted the Straits Digital Economy Summit.',
     'Straits Digital Economy Summit', 'Xiamen Municipal Government'),
    ('The Nanjing Association for Science and Technology held the Zijin Mountain Talent Exchange Conference.',
     'Zijin Mountain Talent Exchange Conference', 'Nanjing Association for Science and Technology'),
    ('The Suzhou Industrial Park Administrative Committee organised the Jinji Lake Biotech Roadshow.',
     'Jinji Lake Biotech Roadshow', 'Suzhou Industrial Park Administrative Committee'),
    ('The Dalian Institute of Chemical Physics hosted the 3rd International Catalysis Symposium.',
     '3rd International Catalysis Symposium', 'Dalian Institute of Chemical Physics'),
    ('The Ningbo Association for Science and Technology held the Ningbo New Materials Matchmaking Meeting.',
     'Ningbo New Materials Matchmaking Meeting', 'Ningbo Association for Science and Technology'),
    ('The Hebei Provincial Government organised the Xiongan Smart City Expo.',
     'Xiongan Smart City Expo', 'Hebei Provincial Government'),
    ('The Shanxi Association for Science and Technology held the Taiyuan Coal Chemistry Seminar.',
     'Taiyuan Coal Chemistry Seminar', 'Shanxi Association for Science and Technology'),
    ('The Qinghai Provincial Department of Science and Technology hosted the Xining Plateau Ecology Forum.',
     'Xining Plateau Ecology Forum', 'Qinghai Provincial Department of Science and Technology'),
    ('The Tibet Autonomous Region Government organised the Lhasa Highland Medicine Conference.',
     'Lhasa Highland Medicine Conference', 'Tibet Autonomous Region Government'),
    ('The Xinjiang Association for Science and Technology held the Urumqi Silk Road Technology Expo.',
     'Urumqi Silk Road Technology Expo', 'Xinjiang Association for Science and Technology'),
    ('The Heilongjiang Provincial Government hosted the Harbin Ice and Snow Technology Fair.',
     'Harbin Ice and Snow Technology Fair', 'Heilongjiang Provincial Government'),
    ('The Fujian Association for Science and Technology launched the Cross-Strait Youth Innovation Contest.',
     'Cross-Strait Youth Innovation Contest', 'Fujian Association for Science and Technology'),
    ('The Hangzhou Municipal Government organised the 2020 Hangzhou Digital Trade Fair.',
     '2020 Hangzhou Digital Trade Fair', 'Hangzhou Municipal Government'),
    ('Tongji University hosted the Shanghai Urban Planning Workshop.',
     'Shanghai Urban Planning Workshop', 'Tongji University'),
    ('The Wuhan Association for Science and Technology held the Fourth Central China Talent Summit.',
     'Fourth Central China Talent Summit', 'Wuhan Association for Science and Technology'),
    ('The Kunming Institute of Botany organised the Southwest Biodiversity Training Course.',
     'Southwest Biodiversity Training Course', 'Kunming Institute of Botany'),
    ('The Changsha Municipal Government hosted the Xiangjiang Engineering Machinery Exhibition.',
     'Xiangjiang Engineering Machinery Exhibition', 'Changsha Municipal Government'),
    ('The Guangzhou Association for Science and Technology held the Pearl River Science Salon.',
     'Pearl River Science Salon', 'Guangzhou Association for Science and Technology'),
    ('The Hefei Municipal Government organised the World Manufacturing Convention.',
     'World Manufacturing Convention', 'Hefei Municipal Government'),
    ('The Zhuhai Association for Science and Technology hosted the Hengqin Innovation Launch Ceremony.',
     'Hengqin Innovation Launch Ceremony', 'Zhuhai Association for Science and Technology'),
    ('The Shaoxing Municipal Government held the 2024 Keqiao Textile Technology Congress.',
     '2024 Keqiao Textile Technology Congress', 'Shaoxing Municipal Government'),
    ('The Jiaxing Association for Science and Technology organised the Nanhu Innovation and Entrepreneurship Competition.',
     'Nanhu Innovation and Entrepreneurship Competition', 'Jiaxing Association for Science and Technology'),
    ('The "Smart Harbour" Innovation Forum was held by the Tianjin Port Group in Tianjin.',
     'Smart Harbour Innovation Forum', 'Tianjin Port Group'),
    ('The Wuhu Association for Science and Technology hosted the Innovation China Wuhu station on Friday.',
     'Innovation China Wuhu station', 'Wuhu Association for Science and Technology'),
    ('The 2022 China (Hubei) Innovation and Entrepreneurship Competition was organised by the Hubei Provincial Department of Science and Technology.',
     '2022 China (Hubei) Innovation and Entrepreneurship Competition', 'Hubei Provincial Department of Science and Technology'),
    ('The Fourth Zhejiang (Huzhou) Talent Innovation Competition was hosted by the Huzhou Municipal Government.',
     'Zhejiang (Huzhou) Talent Innovation Competition', 'Huzhou Municipal Government'),
    ('The Yantai Association for Science and Technology organised the Yantai marine science popularisation month.',
     'Yantai marine science popularisation month', 'Yantai Association for Science and Technology'),
    ('The Jinhua Municipal Government held the Jinhua sci-tech achievements matchmaking meeting.',
     'Jinhua sci-tech achievements matchmaking meeting', 'Jinhua Municipal Government'),
    ('The Luoyang Bearing Industry Matchmaking Meeting was jointly organised by the Luoyang Municipal Government and Henan University of Science and Technology.',
     'Luoyang Bearing Industry Matchmaking Meeting', 'Luoyang Municipal Government'),
    ('The Luoyang Bearing Industry Matchmaking Meeting was jointly organised by the Luoyang Municipal Government and Henan University of Science and Technology.',
     'Luoyang Bearing Industry Matchmaking Meeting', 'Henan University of Science and Technology'),
    ('The Quanzhou Association for Science and Technology sponsored the Quanzhou Youth Science and Technology Innovation Contest.',
     'Quanzhou Youth Science and Technology Innovation Contest', 'Quanzhou Association for Science and Technology'),
    ('The Zhenjiang Association for Science and Technology undertook the 2021 Yangtze River Delta Academician Forum.',
     'Yangtze River Delta Academician Forum', 'Zhenjiang Association for Science and Technology'),
    ('The Yangzhou Municipal Government co-hosted the Grand Canal Cultural Technology Expo.',
     'Grand Canal Cultural Technology Expo', 'Yangzhou Municipal Government'),
    ('Xuzhou Holds Construction Machinery Innovation Summit',
     'Construction Machinery Innovation Summit', None),
    ('The Taizhou Association for Science and Technology held the Taizhou pharmaceutical innovation forum.',
     'Taizhou pharmaceutical innovation forum', 'Taizhou Association for Science and Technology'),
    ('The Baotou Municipal Government organised the 2023 Baotou rare earth industry conference.',
     'Baotou rare earth industry conference', 'Baotou Municipal Government'),
    ('The Mianyang Association for Science and Technology launched the "Science into Villages" campaign.',
     'Science into Villages', 'Mianyang Association for Science and Technology'),
    ('The Lishui Association for Science and Technology organised the "Green Valley" Science Salon.',
     'Green Valley Science Salon', 'Lishui Association for Science and Technology'),
    ('The Yichang Association for Science and Technology held the Three Gorges Hydropower Technology Training Course.',
     'Three Gorges Hydropower Technology Training Course', 'Yichang Association for Science and Technology'),
    ('The Zibo Municipal Government organised the 6th Zibo Ceramics Innovation Expo.',
     'Zibo Ceramics Innovation Expo', 'Zibo Municipal Government'),
    ('The Shantou Association for Science and Technology held the Chaoshan Overseas Chinese Technology Exchange Conference.',
     'Chaoshan Overseas Chinese Technology Exchange Conference', 'Shantou Association for Science and Technology'),
    ('Organised by the Foshan Association for Science and Technology, the Foshan Home Appliance Innovation Forum opened on Monday.',
     'Foshan Home Appliance Innovation Forum', 'Foshan Association for Science and Technology'),
    ('Hosted by the Dongguan Municipal Government, the 2021 Dongguan Electronics Expo attracted 300 enterprises.',
     'Dongguan Electronics Expo', 'Dongguan Municipal Government'),
    ('The Huizhou Association for Science and Technology held the 2022 Huizhou Petrochemical Industry Technology Seminar.',
     'Huizhou Petrochemical Industry Technology Seminar', 'Huizhou Association for Science and Technology'),
    ('The Zhuzhou Municipal Government hosted the Zhuzhou Rail Transit Innovation Week.',
     'Zhuzhou Rail Transit Innovation Week', 'Zhuzhou Municipal Government'),
    ('The Liuzhou Association for Science and Technology organised the Liuzhou automobile technology roadshow.',
     'Liuzhou automobile technology roadshow', 'Liuzhou Association for Science and Technology'),
    ('The Zunyi Association for Science and Technology held the Zunyi Tea Science Popularisation Activity Week.',
     'Zunyi Tea Science Popularisation Activity Week', 'Zunyi Association for Science and Technology'),
    ('The Kaifeng Municipal Government held the Third Song Culture and Technology Integration Symposium.',
     'Song Culture and Technology Integration Symposium', 'Kaifeng Municipal Government'),
    ('The Ganzhou Association for Science and Technology organised the Ganzhou Rare Earth Workshop.',
     'Ganzhou Rare Earth Workshop', 'Ganzhou Association for Science and Technology'),
    ('The Anhui Association for Science and Technology held the International Symposium on Green Chemistry in Hefei.',
     'International Symposium on Green Chemistry', 'Anhui Association for Science and Technology'),
    ('The Forum on Science and Technology Innovation of Western China was hosted by Chongqing University.',
     'Forum on Science and Technology Innovation of Western China', 'Chongqing University'),
    ('The Hubei Provincial Government organised the Conference on Optoelectronic Industry Cooperation.',
     'Conference on Optoelectronic Industry Cooperation', 'Hubei Provincial Government'),
    ('The Jiangsu Association for Science and Technology held the Training Course for Young Science Communicators.',
     'Training Course for Young Science Communicators', 'Jiangsu Association for Science and Technology'),
    ('The Digital Health Summit 2022 was held by the Shenzhen Municipal Government.',
     'Digital Health Summit 2022', 'Shenzhen Municipal Government'),
    ('The 11th National Congress of the Chinese Chemical Society was convened by the Chinese Chemical Society.',
     '11th National Congress of the Chinese Chemical Society', None),
    ('The "Tengfei Cup" Innovation Contest was organised by the Xiamen Association for Science and Technology.',
     'Tengfei Cup Innovation Contest', 'Xiamen Association for Science and Technology'),
    ('The China·Jiaxing Innovation Elite Summit was sponsored by the Jiaxing Municipal Government.',
     'China·Jiaxing Innovation Elite Summit', 'Jiaxing Municipal Government'),
    ('Co-organised by the Hangzhou Association for Science and Technology, the Westlake Youth Science Forum opened on Friday.',
     'Westlake Youth Science Forum', 'Hangzhou Association for Science and Technology'),
    ('The Nanjing Municipal Government was the organiser of the Purple Mountain Software Summit.',
     'Purple Mountain Software Summit', 'Nanjing Municipal Government'),
    ('The Jinan Association for Science and Technology, the Jinan Municipal Government and Shandong University jointly held the Spring City Talent Conference.',
     'Spring City Talent Conference', 'Shandong University'),
    ('The Jinan Association for Science and Technology, the Jinan Municipal Government and Shandong University jointly held the Spring City Talent Conference.',
     'Spring City Talent Conference', 'Jinan Municipal Government'),
    ('The Yellow River Ecology Forum, organised by the Zhengzhou Association for Science and Technology, drew 500 experts.',
     'Yellow River Ecology Forum', 'Zhengzhou Association for Science and Technology'),
    ('The Changchun Association for Science and Technology launched the Science Popularisation Activity Month in the city.',
     'Science Popularisation Activity Month', 'Changchun Association for Science and Technology'),
    ('The Shenyang Municipal Government hosted the 2021 China (Shenyang) Robot Industry Expo.',
     'China (Shenyang) Robot Industry Expo', 'Shenyang Municipal Government'),
    ('The Guiyang Association for Science and Technology organised the Guiyang Big Data Technology Exchange and Matchmaking Meeting.',
     'Guiyang Big Data Technology Exchange and Matchmaking Meeting', 'Guiyang Association for Science and Technology'),
    ('The Lanzhou University held the Silk Road Academic Exchange Week.',
     'Silk Road Academic Exchange Week', 'Lanzhou University'),
    ('The Wenzhou Municipal Government staged the Wenzhou World Youth Scientist Summit.',
     'Wenzhou World Youth Scientist Summit', 'Wenzhou Municipal Government'),
    ('The Fuzhou Association for Science and Technology convened the Minjiang Science Popularisation Seminar.',
     'Minjiang Science Popularisation Seminar', 'Fuzhou Association for Science and Technology'),
    ('The Kunming Municipal Government held a project signing ceremony for the Kunming Plateau Agriculture Forum.',
     'Kunming Plateau Agriculture Forum', None),
    ('The Hainan Association for Science and Technology held the opening ceremony of the Boao Science Forum.',
     'Boao Science Forum', 'Hainan Association for Science and Technology'),
    ('The Taiyuan Municipal Government launched the "Sci-tech Into Enterprises" Action.',
     'Sci-tech Into Enterprises Action', 'Taiyuan Municipal Government'),
    ('The Yinchuan Municipal Government hosted the Helan Mountain Wine Technology Festival.',
     'Helan Mountain Wine Technology Festival', 'Yinchuan Municipal Government'),
    ('The Xining Association for Science and Technology held the 2022 Kunlun Science Carnival.',
     'Kunlun Science Carnival', 'Xining Association for Science and Technology'),
    ('The Nanning Municipal Government held the China-ASEAN Technology Transfer Conference.',
     'China-ASEAN Technology Transfer Conference', 'Nanning Municipal Government'),
    ('The Urumqi Association for Science and Technology held the first Tianshan Youth Innovation Camp.',
     'Tianshan Youth Innovation Camp', 'Urumqi Association for Science and Technology'),
]

# a programme's stop in a place: the stop is the event, the programme and the place keep their entities
STOPS = [
    ("The Innovation China Lanzhou station opened on Monday.", "Innovation China Lanzhou station", "Lanzhou"),
    ("Wang Lei spoke at the Innovation China Qingdao station.", "Innovation China Qingdao station", "Qingdao"),
    ("The Innovation China Xining stop was held by the Qinghai Association for Science and Technology.",
     "Innovation China Xining stop", "Xining"),
]


@pytest.mark.parametrize("text,name,place", STOPS, ids=[c[1] for c in STOPS])
def test_programme_stop_is_an_event(text, name, place):
    out = extract_document("A news item\n\n" + text, "t.txt")
    named = {e["name"]: e["type"] for e in out["entities"]}
    assert named.get(name) == "Event", named
    assert named.get(place) == "City", named
    assert named.get(name[: -len(place) - len(name.split()[-1]) - 2]) == "Project", named


def test_market_exchange_stays_a_body():
    out = extract_document("A news item\n\nThe Shenzhen Stock Exchange and Matchmaking Meeting staff met.", "t.txt")
    assert ("Shenzhen Stock Exchange", "Organisation") in {(e["name"], e["type"]) for e in out["entities"]}


# shapes not read yet (strict: a fix must take them off this list)
PENDING: set[str] = set()


@pytest.mark.parametrize("text,name,organiser", [
    pytest.param(*c, marks=pytest.mark.xfail(strict=True)) if c[1] in PENDING else c for c in EVENTS],
    ids=[c[1] for c in EVENTS])
def test_event_named_and_organised(text, name, organiser):
    out = extract_document("A news item\n\n" + text, "t.txt")
    found = [e for e in out["entities"] if e["type"] in ("Event", "Project")
             and norm(name) in {norm(m) for m in [e["name"], *e.get("mentions", [])]}]
    assert found, [(e["name"], e["type"]) for e in out["entities"]]
    if organiser:
        assert (organiser, "ORGANISES", found[0]["name"]) in set(by_names(out))

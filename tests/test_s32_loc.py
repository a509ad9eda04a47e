"""Session 32 (helper loc): a challenge set of our own invented sentences in the style of official
science news, stating LOCATED_IN and COOPERATES_WITH in the many ways such news does. Each sentence
must give its triple (a cooperation in either direction: the relation is symmetric)."""
from __future__ import annotations

import pytest
from support.extraction import titled_rels as rels

from extract import extract_document

LOC = [
    # verbs of place: located, based, headquartered, settled, landed, stationed, registered ...
    ("The Zhongke Photonics Research Institute is located in Changzhou.", "Zhongke Photonics Research Institute", "Changzhou"),
    ("Tianrui Robotics Co., Ltd., based in Foshan, showed its new welding arm.", "Tianrui Robotics Co., Ltd", "Foshan"),
    ("Haiwei Biotech is headquartered in Suzhou Industrial Park.", "Haiwei Biotech", "Suzhou Industrial Park"),
    ("Last year, the Beijing Institute of Nanoenergy settled in Yuhang District.", "Beijing Institute of Nanoenergy", "Yuhang"),
    ("Xinyuan Materials Technology Co., Ltd. landed in Liuyang Economic Development Zone.",
     "Xinyuan Materials Technology Co., Ltd", "Liuyang Economic Development Zone"),
    ("In 2019, Ruida Sensor Co., Ltd. landed in Haimen.", "Ruida Sensor Co., Ltd", "Haimen"),
    ("The Qihang Laser Institute has taken root in Wuxi.", "Qihang Laser Institute", "Wuxi"),
    ("Boxin Pharmaceutical Co., Ltd. is stationed in Taizhou Medical High-tech Zone.",
     "Boxin Pharmaceutical Co., Ltd", "Taizhou Medical High-tech Zone"),
    ("Hongtu Aviation Co., Ltd. was incorporated in Zhuhai in 2008.", "Hongtu Aviation Co., Ltd", "Zhuhai"),
    ("Lianchuang Optics Co., Ltd. was introduced into Nanchang High-tech Zone last year.",
     "Lianchuang Optics Co., Ltd", "Nanchang High-tech Zone"),
    ("Shuguang Cloud Computing Co., Ltd. opened its office in Guiyang.", "Shuguang Cloud Computing Co., Ltd", "Guiyang"),
    ("The Xingyuan Drone Company has put down roots in Anshun.", "Xingyuan Drone Company", "Anshun"),
    ("Jiahe Seed Co., Ltd. is domiciled in Hefei.", "Jiahe Seed Co., Ltd", "Hefei"),
    ("Wanlong Chemicals Co., Ltd. was incubated in Yantai.", "Wanlong Chemicals Co., Ltd", "Yantai"),
    ("Founded in 2003, Hikvision is headquartered in Hangzhou.", "Hikvision", "Hangzhou"),
    ("Longi Green Energy, which is based in Xi'an, built a new factory.", "Longi Green Energy", "Xi'an"),
    ("Xuzhou Construction Machinery Group is based in Xuzhou.", "Xuzhou Construction Machinery Group", "Xuzhou"),
    ("The Nanjing Institute of Geography and Limnology is in Nanjing.", "Nanjing Institute of Geography and Limnology", "Nanjing"),
    ("The Xi'an Academy of Aerospace Propulsion was established in Xi'an in 1965.", "Xi'an Academy of Aerospace Propulsion", "Xi'an"),
    # "Y-based X", "X, a company in Y", "X in Y"
    ("Luoyang-based Zhonghe Bearing Co., Ltd. signed the contract.", "Zhonghe Bearing Co., Ltd", "Luoyang"),
    ("Tongwei Co., Ltd., a Chengdu-based company, built a solar plant.", "Tongwei Co., Ltd", "Chengdu"),
    ("Jinhua Tongda Machinery Co., Ltd., a company in Jinhua, won the award.", "Jinhua Tongda Machinery Co., Ltd", "Jinhua"),
    ("Sanhua Holding Group, a leading firm in Shaoxing, signed the deal.", "Sanhua Holding Group", "Shaoxing"),
    ("Many enterprises in Ningbo, such as Ningbo Jifeng Auto Parts Co., Ltd., joined the platform.",
     "Ningbo Jifeng Auto Parts Co., Ltd", "Ningbo"),
    ("The Mudanjiang Medical University in Mudanjiang trains doctors.", "Mudanjiang Medical University", "Mudanjiang"),
    # a street address: the first place it names
    ("Guangzhou Tianhe Technology Co., Ltd. is located at No. 8 Kexue Road, Huangpu District, Guangzhou.",
     "Guangzhou Tianhe Technology Co., Ltd", "Huangpu District"),
    ("Jinlong Biotech Co., Ltd. is located at 66 Hengshan Road, Wuhu, Anhui Province.", "Jinlong Biotech Co., Ltd", "Wuhu"),
    ("Baiyun Electric Co., Ltd. is located on Taihe Avenue in Baiyun District, Guangzhou.", "Baiyun Electric Co., Ltd", "Baiyun"),
    # bodies named after their place (the article names the place too)
    ("The Wuhu municipal government hosted the meeting. Wuhu has 300 high-tech enterprises.", "Wuhu municipal government", "Wuhu"),
    ("The Hefei Institute of Physical Science presented its fusion results. Hefei is a science city.",
     "Hefei Institute of Physical Science", "Hefei"),
    ("The Zhangjiakou Association for Science and Technology organised the training in Zhangjiakou.",
     "Zhangjiakou Association for Science and Technology", "Zhangjiakou"),
    ("The People's Government of Anhui Province issued the plan.", "People's Government of Anhui Province", "Anhui"),
    ("The CPC Xianning Municipal Committee and the Xianning municipal government attended. Xianning is in Hubei.",
     "CPC Xianning Municipal Committee", "Xianning"),
    ("The Shaoxing Science and Technology Bureau released the list in Shaoxing.", "Shaoxing Science and Technology Bureau", "Shaoxing"),
    # cities in provinces
    ("Mianyang, Sichuan Province, is known as a science city.", "Mianyang", "Sichuan"),
    ("Experts visited Zhuzhou City of Hunan Province.", "Zhuzhou", "Hunan"),
    ("Baotou is a city in the Inner Mongolia Autonomous Region.", "Baotou", "Inner Mongolia"),
    ("Kunshan, a county-level city in Jiangsu Province, has many Taiwanese firms.", "Kunshan", "Jiangsu"),
    ("Zibo in Shandong Province hosted the forum.", "Zibo", "Shandong"),
    ("Lishui, a city in southwestern Zhejiang, signed the deal.", "Lishui", "Zhejiang"),
    ("Yixing, under the jurisdiction of Wuxi, is famous for pottery.", "Yixing", "Wuxi"),
    ("Zhongtian Technology, headquartered in Nantong, Jiangsu Province, makes optical cables.", "Nantong", "Jiangsu"),
    # a group of bodies in a place, then its members (a sentence's first word: the parser's proper noun)
    ("Universities in Chengdu, such as Sichuan University and Southwest Jiaotong University, joined.",
     "Southwest Jiaotong University", "Chengdu"),
    ("Enterprises from Wenzhou, including Zhengtai Group and Delixi Group, exhibited.", "Delixi Group", "Wenzhou"),
    # "A and B, both based in Y": the pronoun stands for every name of the list
    ("Hengyi Group and Rongsheng Group, both based in Hangzhou, attended.", "Hengyi Group", "Hangzhou"),
    ("Hengyi Group and Rongsheng Group, both located in Hangzhou, are leading firms.", "Hengyi Group", "Hangzhou"),
    ("Hengyi Group, Rongsheng Group and Wahaha Group, all headquartered in Hangzhou, attended.", "Rongsheng Group", "Hangzhou"),
    # a company named by its trade ([chunk] trade_words) is no person
    ("Hengyi Petrochemical and Rongsheng Petrochemical, both based in Hangzhou, attended.", "Rongsheng Petrochemical", "Hangzhou"),
    ("Tianneng Battery, a company in Changxing, won the award.", "Tianneng Battery", "Changxing"),
    # a place that houses, hosts or boasts named bodies
    ("Hefei houses the University of Science and Technology of China and Hefei University of Technology.",
     "University of Science and Technology of China", "Hefei"),
    ("Shenzhen boasts Huawei, Tencent and BYD.", "Tencent", "Shenzhen"),
]

COOP = [
    ("Zhejiang University signed a cooperation agreement with the Jiaxing municipal government.",
     "Zhejiang University", "Jiaxing municipal government"),
    ("Huaxin Semiconductor signed a memorandum of understanding with Tsinghua University.", "Huaxin Semiconductor", "Tsinghua University"),
    ("Cooperation between Xiamen University and Longyan has deepened.", "Xiamen University", "Longyan"),
    ("The Shenzhen-Hong Kong cooperation was highlighted at the forum.", "Shenzhen", "Hong Kong"),
    ("Nanjing University and Yangzhou joined forces to build a new materials laboratory.", "Nanjing University", "Yangzhou"),
    ("Lanzhou University and Jiuquan will jointly build an energy research institute.", "Lanzhou University", "Jiuquan"),
    ("Sichuan University and Deyang jointly established a technology transfer centre.", "Sichuan University", "Deyang"),
    ("An agreement signed by Wuhan University and Xiaogan covers talent exchange.", "Wuhan University", "Xiaogan"),
    ("Shandong University and Weifang signed a strategic cooperation framework agreement.", "Shandong University", "Weifang"),
    ("The centre was built by Shantou in partnership with Shantou University.", "Shantou", "Shantou University"),
    ("Fuzhou University, Putian and the Fujian Academy of Sciences signed a tripartite agreement.", "Putian", "Fujian Academy of Sciences"),
    ("Jilin Province and Zhejiang Province signed a cooperation agreement on counterpart cooperation.", "Jilin", "Zhejiang"),
    ("Dalian partnered with the Dalian Institute of Chemical Physics on hydrogen energy.", "Dalian", "Dalian Institute of Chemical Physics"),
    ("The Chongqing municipal government and the Chinese Academy of Sciences signed a framework agreement.",
     "Chongqing municipal government", "Chinese Academy of Sciences"),
    ("Hunan University will cooperate with Changde on equipment manufacturing.", "Hunan University", "Changde"),
    ("Guangxi University and Liuzhou have carried out cooperation in automotive technology.", "Guangxi University", "Liuzhou"),
    ("The Harbin municipal government signed strategic cooperation agreements with Harbin Engineering University and "
     "Northeast Forestry University.", "Harbin municipal government", "Northeast Forestry University"),
    ("Taiyuan University of Technology reached a cooperation agreement with Jinzhong.", "Taiyuan University of Technology", "Jinzhong"),
    ("The signing of the agreement between Hangzhou Dianzi University and Lishui took place on Friday.", "Hangzhou Dianzi University", "Lishui"),
    ("Anhui University of Science and Technology and Huainan established a strategic partnership.",
     "Anhui University of Science and Technology", "Huainan"),
    ("Nankai University-Binzhou cooperation has produced 20 projects.", "Nankai University", "Binzhou"),
    ("The agreement was signed between Wenzhou Medical University and Ruian.", "Wenzhou Medical University", "Rui'an"),
    ("Under the agreement, Hebei University of Technology will work with Tangshan on robotics.", "Hebei University of Technology", "Tangshan"),
    ("Huawei joined hands with Guizhou University to build a big data college.", "Huawei", "Guizhou University"),
    ("Yantai has established cooperative relations with the Shandong Academy of Sciences.", "Yantai", "Shandong Academy of Sciences"),
    ("A strategic cooperation agreement was signed by Changzhou and the Chinese Academy of Sciences.", "Changzhou", "Chinese Academy of Sciences"),
    ("Xiamen University signed cooperation agreements with Zhangzhou, Quanzhou and Sanming.", "Xiamen University", "Sanming"),
    ("Zhejiang University has teamed up with Haining to build an international campus.", "Zhejiang University", "Haining"),
    ("Southwest University of Science and Technology and the Mianyang municipal government have inked a strategic "
     "cooperation agreement.", "Southwest University of Science and Technology", "Mianyang municipal government"),
    ("Jiangnan University and Wuxi have forged a partnership.", "Jiangnan University", "Wuxi"),
    ("The Shenzhen municipal government entered into a strategic agreement with Tsinghua University.",
     "Shenzhen municipal government", "Tsinghua University"),
    ("China Three Gorges Corporation formed a strategic alliance with Yichang.", "China Three Gorges Corporation", "Yichang"),
    ("Suqian, together with Southeast University, built an innovation centre.", "Suqian", "Southeast University"),
    # plural and adjective forms of the cooperation words ([triggers] cooperates, [discourse] cooperation_nouns)
    ("Nanjing Tech University has formed partnerships with Zhenjiang and Changzhou.", "Nanjing Tech University", "Changzhou"),
    ("Jimei University built a cooperative relationship with Longhai.", "Jimei University", "Longhai"),
    ("Ningbo University has set up alliances with Cixi and Yuyao.", "Ningbo University", "Yuyao"),
    ("The Jinan-Qingdao collaborative innovation mechanism was launched.", "Jinan", "Qingdao"),
    ("Hefei and Wuhu have collaborative ties in new energy vehicles.", "Hefei", "Wuhu"),
    # "between A and a group, including B": A with each member
    ("Cooperation agreements were signed between Xuzhou and five universities, including China University of Mining "
     "and Technology.", "Xuzhou", "China University of Mining and Technology"),
    ("Cooperation between Xuzhou and several universities such as Jiangsu Normal University and Xuzhou Medical "
     "University deepened.", "Xuzhou", "Xuzhou Medical University"),
    # county-level cities the gazetteer lacked
    ("Haian signed cooperation agreements respectively with Nantong University and Jiangsu University.", "Hai'an", "Nantong University"),
    ("Heshan and Wuyi University signed an agreement.", "Heshan", "Wuyi University"),
]


@pytest.mark.parametrize("text,a,place", LOC)
def test_s32_located_in(text, a, place):
    got = rels(text)
    assert (a, "LOCATED_IN", place) in got, f"no {a} LOCATED_IN {place} in {got}"


@pytest.mark.parametrize("text,a,b", COOP)
def test_s32_cooperates_with(text, a, b):
    got = rels(text)
    assert {(a, "COOPERATES_WITH", b), (b, "COOPERATES_WITH", a)} & got, f"no cooperation of {a} and {b} in {got}"


@pytest.mark.parametrize("text,a", [
    # what a body moves, opens or takes elsewhere is not the body itself
    ("Xinyuan Materials Technology Co., Ltd. moved its production line to Liuyang.", "Xinyuan Materials Technology Co., Ltd"),
    ("Tsinghua University introduced 30 researchers to Suzhou.", "Tsinghua University"),
    ("Huawei took part in the expo in Dongguan.", "Huawei"),
    ("Hengyi Group and Rongsheng Group both attended the forum held in Hangzhou.", "Hengyi Group"),
])
def test_s32_not_located(text, a):
    got = rels(text)
    assert not {r for r in got if r[0] == a and r[1] == "LOCATED_IN"}, f"unexpected place of {a} in {got}"


@pytest.mark.parametrize("text,street", [
    ("The company is located at Room 301, No. 18 Wenyi Road, Xihu District, Hangzhou.", "Wenyi Road"),
    ("Jinlong Biotech Co., Ltd. is located at 66 Hengshan Road, Wuhu, Anhui Province.", "Hengshan Road"),
])
def test_s32_street_no_body(text, street):
    """A street after a house number is part of an address: no organisation, no relation of its own."""
    out = extract_document("A news item\n\n" + text, "t.txt")
    assert street not in {e["name"] for e in out["entities"]}
    assert not {r for r in rels(text) if street in (r[0], r[2])}


def test_s32_between_group_members_apart():
    """The members of the group cooperate with the one named before it, not with each other."""
    got = rels("Cooperation between Xuzhou and several universities such as Jiangsu Normal University and "
               "Xuzhou Medical University deepened.")
    pair = {("Jiangsu Normal University", "COOPERATES_WITH", "Xuzhou Medical University"),
            ("Xuzhou Medical University", "COOPERATES_WITH", "Jiangsu Normal University")}
    assert not pair & got, f"unexpected {pair & got}"

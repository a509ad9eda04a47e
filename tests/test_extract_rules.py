"""The dependency-pattern relation rules (extract/rules/dependency.py, extract/data/dep_patterns.json) and the
entity fixes that feed them, on our own short sentences: text -> relations that must (and must not) be found."""
from __future__ import annotations

import json

import pytest

from extract import extract_document
from extract.rules.patterns import load_patterns


def rels(text):
    out = extract_document(text, "t.txt")
    # a relation by the entities it joins (their names); its own "source"/"target" say how the article names them
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"])) for r in out["relations"]}, out


def ents(text):
    out = extract_document(text, "t.txt")
    return {(e["name"], e["type"]) for e in out["entities"]}


# text, relations that must be found, relations that must not be found
CASES = [
    # ORGANISES: active verbs, their subjects followed through conjoined verbs and infinitives
    ("The Hubei Association for Science and Technology held a press conference and launched the Hanjiang Talent Program.",
     {("Hubei Association for Science and Technology", "ORGANISES", "Hanjiang Talent Program")}, set()),
    ("The Hubei Association for Science and Technology decided to set up the Hanjiang Talent Program in 2020.",
     {("Hubei Association for Science and Technology", "ORGANISES", "Hanjiang Talent Program")}, set()),
    ("The Yichang Association for Science and Technology implemented its Three Gorges Talent Program in 2019.",
     {("Yichang Association for Science and Technology", "ORGANISES", "Three Gorges Talent Program")}, set()),
    # ORGANISES: passives, chained passives and every coordinated agent
    ("The Lakeside Science Forum was guided by the Ministry of Education, co-sponsored by Wuhan University, "
     "Hubei University and Yangtze University, and hosted by the Xiangyang Municipal Government.",
     {("Xiangyang Municipal Government", "ORGANISES", "Lakeside Science Forum"),
      ("Hubei University", "ORGANISES", "Lakeside Science Forum"),
      ("Yangtze University", "ORGANISES", "Lakeside Science Forum"),
      ("Ministry of Education", "ORGANISES", "Lakeside Science Forum"),
      ("Hubei University", "COOPERATES_WITH", "Yangtze University")}, set()),
    ("The 2023 Lakeside Science Forum, which was organised by Wuhan University and the Hubei Academy of Sciences, opened on Monday.",
     {("Wuhan University", "ORGANISES", "Lakeside Science Forum"),
      ("Hubei Academy of Sciences", "ORGANISES", "Lakeside Science Forum")}, set()),
    ("Hosted by Wuhan University, Hubei University and the Hubei Academy of Sciences, the Lakeside Science Forum opened in Xiangyang.",
     {("Hubei Academy of Sciences", "ORGANISES", "Lakeside Science Forum"),
      ("Lakeside Science Forum", "LOCATED_IN", "Xiangyang")}, set()),
    ("Under the guidance of the Hubei Association for Science and Technology, the Hanjiang Talent Program was launched by Xiangyang University.",
     {("Hubei Association for Science and Technology", "ORGANISES", "Hanjiang Talent Program"),
      ("Xiangyang University", "ORGANISES", "Hanjiang Talent Program")}, set()),
    ("There are 30 centres in the CAST-initiated Silk Road Talent Program.",
     {("China Association for Science and Technology", "ORGANISES", "Silk Road Talent Program")}, set()),
    # event anaphora: "the event", "the opening ceremony", "the conference" stand for the last event named
    ("The Lakeside Science Forum opened in Xiangyang on Monday. The event was co-hosted by Wuhan University and Hubei University. "
     "Li Ming, president of Wuhan University, spoke at the opening ceremony.",
     {("Wuhan University", "ORGANISES", "Lakeside Science Forum"), ("Hubei University", "ORGANISES", "Lakeside Science Forum"),
      ("Hubei University", "COOPERATES_WITH", "Wuhan University"), ("Li Ming", "PARTICIPATES_IN", "Lakeside Science Forum"),
      ("Li Ming", "HOLDS_POSITION", "Wuhan University")}, set()),
    ("The Jingchu Innovation Summit opened on Friday. Held by the Hubei Academy of Sciences, the conference drew 500 people.",
     {("Hubei Academy of Sciences", "ORGANISES", "Jingchu Innovation Summit")}, set()),
    # PARTICIPATES_IN: joining, attending, taking part
    ("Hubei University participated in the Lakeside Science Forum.", {("Hubei University", "PARTICIPATES_IN", "Lakeside Science Forum")}, set()),
    ("Wuhan University and Yangtze University took part in the Lakeside Science Forum.",
     {("Wuhan University", "PARTICIPATES_IN", "Lakeside Science Forum"), ("Yangtze University", "PARTICIPATES_IN", "Lakeside Science Forum")}, set()),
    ("Zhang Wei delivered a keynote speech at the Jingchu Innovation Summit.", {("Zhang Wei", "PARTICIPATES_IN", "Jingchu Innovation Summit")}, set()),
    ("Hanjiang Steel Group is a steel maker in Hubei. The company joined the Hanjiang Talent Program last year.",
     {("Hanjiang Steel Group", "PARTICIPATES_IN", "Hanjiang Talent Program")}, set()),
    # PARTICIPATES_IN: designation as pilot / hub / member, with role and year; the designating body runs it
    ("Xiangyang was selected as one of the innovation hub cities of the Green Valley Program in 2022.",
     {("Xiangyang", "PARTICIPATES_IN", "Green Valley Program")}, set()),
    ("Yichang became a pilot city of the Green Valley Program in 2021.", {("Yichang", "PARTICIPATES_IN", "Green Valley Program")}, set()),
    ("Wuhan Optics Valley has been authorised as the National Photonics Demonstration Base by the Ministry of Science and Technology.",
     {("Wuhan Optics Valley", "PARTICIPATES_IN", "National Photonics Demonstration Base"),
      ("Ministry of Science and Technology", "ORGANISES", "National Photonics Demonstration Base")}, set()),
    ('The provincial government awarded the title of "Jingchu Talent Base" to three firms, including Hubei Tianma Group, '
     'Xiangyang Motor Company and Hanjiang Steel Group.',
     {("Hubei Tianma Group", "PARTICIPATES_IN", "Jingchu Talent Base"),
      ("Xiangyang Motor Company", "PARTICIPATES_IN", "Jingchu Talent Base"),
      ("Hanjiang Steel Group", "PARTICIPATES_IN", "Jingchu Talent Base")}, set()),
    ('Hubei gave Hubei Tianma Group and Hanjiang Steel Group the "Jingchu Talent Base" title.',
     {("Hubei Tianma Group", "PARTICIPATES_IN", "Jingchu Talent Base"), ("Hanjiang Steel Group", "PARTICIPATES_IN", "Jingchu Talent Base")}, set()),
    # COOPERATES_WITH
    ("Yichang cooperates with Xiangyang on hydrogen energy.", {("Xiangyang", "COOPERATES_WITH", "Yichang")}, set()),
    ("Wuhan University teamed up with the Yichang Municipal Government.", {("Wuhan University", "COOPERATES_WITH", "Yichang Municipal Government")}, set()),
    ("The plan deepens cooperation among Yichang, Jingzhou in Hubei Province and Yueyang in Hunan Province.",
     {("Jingzhou", "COOPERATES_WITH", "Yichang"), ("Yichang", "COOPERATES_WITH", "Yueyang"), ("Jingzhou", "COOPERATES_WITH", "Yueyang")},
     {("Hubei", "COOPERATES_WITH", "Yichang")}),
    ("The Jingchu Institute is co-founded by the Hubei Provincial Government and Wuhan University.",
     {("Hubei Provincial Government", "COOPERATES_WITH", "Wuhan University")}, set()),
    ("The Hubei Association for Science and Technology and the Xiangyang Municipal Government launched the Hanjiang Talent Program.",
     {("Hubei Association for Science and Technology", "COOPERATES_WITH", "Xiangyang Municipal Government"),
      ("Xiangyang Municipal Government", "ORGANISES", "Hanjiang Talent Program")}, set()),
    ("Xiangyang will work with Yichang, and Jingzhou will work with Yueyang.",
     {("Xiangyang", "COOPERATES_WITH", "Yichang"), ("Jingzhou", "COOPERATES_WITH", "Yueyang")},
     {("Jingzhou", "COOPERATES_WITH", "Xiangyang")}),
    ("Hubei University signed an agreement with the Wuhan Institute of Optics, Hubei, on Monday.",
     {("Hubei University", "COOPERATES_WITH", "Wuhan Institute of Optics")}, {("Hubei", "COOPERATES_WITH", "Hubei University")}),
    # a dateline is not the subject of the first sentence
    ("Yichang, 3 May 2022 - Hubei University signed a cooperation agreement with Wuhan University.",
     {("Hubei University", "COOPERATES_WITH", "Wuhan University")}, {("Wuhan University", "COOPERATES_WITH", "Yichang")}),
    # LOCATED_IN
    ("The Hanjiang Expo, held each autumn in Xiangyang, draws 300 firms.", {("Hanjiang Expo", "LOCATED_IN", "Xiangyang")}, set()),
    ("Jingzhou, a historic city in Hubei province, hosts many firms.", {("Jingzhou", "LOCATED_IN", "Hubei")}, set()),
    ("Xiangyang companies, including Hubei Tianma Group and Hanjiang Steel Group, joined the fair.",
     {("Hubei Tianma Group", "LOCATED_IN", "Xiangyang"), ("Hanjiang Steel Group", "LOCATED_IN", "Xiangyang")}, set()),
    ("Scientists have established two institutes in Wuhan: the Jingchu Institute of Technology and the Hanjiang Institute of Optics.",
     {("Jingchu Institute of Technology", "LOCATED_IN", "Wuhan"), ("Hanjiang Institute of Optics", "LOCATED_IN", "Wuhan")}, set()),
    ("Shiyan, a city in northwest Hubei, borders Shaanxi.", {("Shiyan", "LOCATED_IN", "Hubei")}, set()),
    # precision guards: a later edition elsewhere, members of a class acting each on its own, a new clause
    ("The Lakeside Science Forum opened in Xiangyang on Monday. Officials said the forum would be held in Yichang next year.",
     {("Lakeside Science Forum", "LOCATED_IN", "Xiangyang")}, {("Lakeside Science Forum", "LOCATED_IN", "Yichang")}),
    ("Hubei universities including Wuhan University and Hubei University will set up branches in Xiangyang.",
     {("Wuhan University", "LOCATED_IN", "Hubei")}, {("Hubei University", "COOPERATES_WITH", "Wuhan University")}),
    ("Hubei University signed an agreement with Wuhan University, and the Xiangyang Municipal Government and the "
     "Yichang Municipal Government launched the Hanjiang Corridor Program.",
     {("Hubei University", "COOPERATES_WITH", "Wuhan University"),
      ("Xiangyang Municipal Government", "COOPERATES_WITH", "Yichang Municipal Government"),
      ("Yichang Municipal Government", "ORGANISES", "Hanjiang Corridor Program")},
     {("Hubei University", "COOPERATES_WITH", "Xiangyang Municipal Government")}),
    ("The Hubei Institute of Optics, which belongs to the Chinese Academy of Sciences, opened a lab.",
     {("Hubei Institute of Optics", "PART_OF", "Chinese Academy of Sciences")}, set()),
    ("Hanjiang Steel Group is a subsidiary of Hubei Tianma Group.", {("Hanjiang Steel Group", "PART_OF", "Hubei Tianma Group")}, set()),
    ("Zhejiang University founded Zijin Holdings in 2009.", {("Zijin Holdings", "PART_OF", "Zhejiang University")}, set()),
    ("Scholars from Wuhan University founded the Jingchu Institute of Technology.", set(),
     {("Jingchu Institute of Technology", "PART_OF", "Wuhan University")}),
    ("On Monday, Professor Li Hua and Professor Wang Lei of the Hubei Institute of Optics visited the firm.",
     {("Li Hua", "HOLDS_POSITION", "Hubei Institute of Optics"), ("Wang Lei", "HOLDS_POSITION", "Hubei Institute of Optics")}, set()),
    ("Investors like E. China's Putian.", {("Putian", "LOCATED_IN", "East China")}, set()),
    ("The Hanjiang Photonics Company (HJPC) in Yichang County, Hubei Province, makes lasers.",
     {("Hanjiang Photonics Company", "LOCATED_IN", "Yichang County")}, set()),
    ("Liaison stations were set up in the UK and Japan (Tokyo).", {("Tokyo", "LOCATED_IN", "Japan")}, set()),
    ("The Hubei Institute of Optics (Wuhan) opened a lab.", {("Hubei Institute of Optics", "LOCATED_IN", "Wuhan")}, set()),
    # HOLDS_POSITION in a list of people with offices: each office goes with the name before it
    ("Li Ming, president of Wuhan University, Zhang Wei, dean of the Hubei Institute of Optics, attended the meeting.",
     {("Li Ming", "HOLDS_POSITION", "Wuhan University"), ("Zhang Wei", "HOLDS_POSITION", "Hubei Institute of Optics")},
     {("Zhang Wei", "HOLDS_POSITION", "Wuhan University")}),
]


@pytest.mark.parametrize("text,expected,forbidden", CASES)
def test_dependency_rules(text, expected, forbidden):
    found, _ = rels(text)
    assert expected <= found, sorted(found)
    assert not (forbidden & found), sorted(found)


# co-occurrence is never a relation, whatever the words around it
NEGATIVE = [
    "Wuhan University opened a lab in 2019 and Xiangyang hosted many visitors.",
    "The report about Hubei University mentioned Xiangyang, Yichang and the Hanjiang Talent Program.",
    "Officials from Xiangyang and Yichang discussed the weather.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_relation_from_cooccurrence(text):
    found, _ = rels(text)
    assert not {r for r in found if r[1] in ("ORGANISES", "PARTICIPATES_IN", "COOPERATES_WITH")}, found


def test_roles_and_years_of_participation():
    _, out = rels("Xiangyang was selected as one of the innovation hub cities of the Green Valley Program in 2022. "
                  "Yichang was named a pilot city of the Green Valley Program.")
    props = {r["source"]: r["properties"] for r in out["relations"] if r["type"] == "PARTICIPATES_IN"}
    assert props["Xiangyang"] == {"role": "innovation hub city", "year": 2022, "valid_from": "2022"}
    assert props["Yichang"]["role"] == "pilot city"


def test_roles_of_enumerations_and_the_dateline_year():
    _, out = rels("Wuhan, 9 May 2022 - The Hubei Association for Science and Technology added three cities to the network of "
                  "pilot cities of its Green Valley Program, namely Yichang, Jingzhou and Xiangyang.\n\n"
                  "Two more cities were named Green Valley Program demonstration cities.")
    props = {r["source"]: r["properties"] for r in out["relations"] if r["type"] == "PARTICIPATES_IN"}
    assert props["Yichang"] == {"role": "pilot city", "year": 2022}
    assert not any(r["source"] == "Wuhan" for r in out["relations"])


def test_support_under_a_programme_is_not_organising_it():
    found, _ = rels("The station was approved by the Hubei Academy of Sciences and will be supported by the "
                    "Yichang Association for Science and Technology under the Green Valley Program.")
    assert not {r for r in found if r[1] == "ORGANISES" and r[2] == "Green Valley Program"}, found


def test_dependency_relations_carry_their_rule_and_evidence():
    text = "Title\n\nThe Lakeside Science Forum was hosted by the Xiangyang Municipal Government."
    _, out = rels(text)
    r = next(r for r in out["relations"] if r["type"] == "ORGANISES")
    assert text[r["start"]:r["end"]] == r["evidence"] and r["extractor"].startswith("innograph/")


# entity fixes the relation rules depend on
ENTITY_CASES = [
    ('Firms vied for the "Yichang Academician Innovation Station" label.', ("Yichang Academician Innovation Station", "Project")),
    ("The Hanjiang Science Summit 2023 opened.", ("Hanjiang Science Summit 2023", "Event")),
    ("Firms joined the second China Innovation Challenge (Wuhan) this year.", ("China Innovation Challenge (Wuhan)", "Event")),
    ("Hubei's 1st National Photonics Base opened.", ("National Photonics Base", "Project")),
    ("Firms in central China's Hubei grew.", ("Central China", "Region")),
    ("On Tuesday the Xiangyang Association for Science and Technology met.", ("Xiangyang Association for Science and Technology", "Organisation")),
    ("The Jiangxia New District and Hanjiang Economic & Technological Development Zone joined.", ("Hanjiang Economic & Technological Development Zone", "City")),
    ("A Gansu Sci-tech Achievement Fair was held.", ("Gansu Sci-tech Achievement Fair", "Event")),
    ("Liu Xinhua, vice mayor of Wuhan, spoke.", ("Liu Xinhua", "Person")),
]


@pytest.mark.parametrize("text,expected", ENTITY_CASES)
def test_entities_for_relations(text, expected):
    assert expected in ents(text)


def test_spaced_dash_ends_a_name():
    found = ents("Centres joined the CAST-initiated Hanjiang Talent Program – Help Our Homeland through Overseas Experts.")
    assert ("Hanjiang Talent Program", "Project") in found


def test_patterns_are_data_and_valid():
    from extract.resources import DATA_DIR
    raw = json.loads((DATA_DIR / "dep_patterns.json").read_text(encoding="utf-8"))
    names = [p["name"] for p in raw["patterns"]]
    assert len(names) == len(set(names))
    for p in load_patterns():
        anchor = p["pattern"][0]["RIGHT_ATTRS"]
        assert "LEMMA" in anchor or "LOWER" in anchor  # anchored on words: sentences without them are skipped
        for em in p["emit"]:
            assert em["relation"] in ("ORGANISES", "PARTICIPATES_IN", "COOPERATES_WITH", "LOCATED_IN", "PART_OF")
            for side in (em["source"], em["target"]):
                assert side.startswith("$") or side.split(">")[0].rstrip("<") in p["nodes"]


def test_pipeline_has_the_dependency_matcher():
    from extract.pipeline import load_pipeline
    nlp = load_pipeline()
    names = nlp.pipe_names
    assert "innograph_depmatch" in names and names.index("innograph_depmatch") < names.index("innograph_relations")
    doc = nlp("The Lakeside Forum was co-hosted by Wuhan University.")
    assert "co-hosted" in [t.text for t in doc]
    assert doc.user_data["innograph"]["dep"]


# ---- issue 13: general constructions, on our own sentences ------------------------------------
COVERAGE = [
    # coordination and lists distribute the relation over every member
    ("Hefei, Wuxi, Nanchang and Changzhou were selected as hub cities of Innovation China.",
     {("Hefei", "PARTICIPATES_IN", "Innovation China"), ("Changzhou", "PARTICIPATES_IN", "Innovation China"),
      ("Wuxi", "PARTICIPATES_IN", "Innovation China"), ("Nanchang", "PARTICIPATES_IN", "Innovation China")}, set()),
    ("The Suzhou Robotics Center was jointly built by Tsinghua University, Zhejiang University and the Chinese Academy of Sciences.",
     {("Chinese Academy of Sciences", "COOPERATES_WITH", "Tsinghua University"),
      ("Chinese Academy of Sciences", "COOPERATES_WITH", "Zhejiang University")}, set()),
    ("Changzhou, Wenzhou and Luoyang are among the pilot cities of the Innovation China programme.",
     {("Changzhou", "PARTICIPATES_IN", "Innovation China"), ("Wenzhou", "PARTICIPATES_IN", "Innovation China"),
      ("Luoyang", "PARTICIPATES_IN", "Innovation China")}, set()),
    ("CAST announced the new hub cities of the Innovation China programme on Monday. Four cities (districts) were on the "
     "list, namely Wuhan, Xiamen, Pudong New Area of Shanghai and Hefei.",
     {("Wuhan", "PARTICIPATES_IN", "Innovation China"), ("Pudong New Area", "PARTICIPATES_IN", "Innovation China"),
      ("Hefei", "PARTICIPATES_IN", "Innovation China"), ("Xiamen", "PARTICIPATES_IN", "Innovation China")}, set()),
    # title chains and appositions: every organisation or place named, through unnamed sub-bodies
    ("Huang Wei, Secretary of the CPC Leading Group, Executive Vice Chairman and the first Secretary of the Secretariat "
     "of the Hubei Association for Science and Technology (HAST), attended the meeting.",
     {("Huang Wei", "HOLDS_POSITION", "Hubei Association for Science and Technology")}, set()),
    ("Li Qiang, mayor of Huzhou, addressed the opening ceremony of the 2023 Green Technology Forum.",
     {("Li Qiang", "HOLDS_POSITION", "Huzhou"), ("Li Qiang", "PARTICIPATES_IN", "Green Technology Forum")}, set()),
    ("Wang Gang, president of Fudan University and academician of the Chinese Academy of Engineering, spoke at the World Materials Conference.",
     {("Wang Gang", "HOLDS_POSITION", "Fudan University"), ("Wang Gang", "HOLDS_POSITION", "Chinese Academy of Engineering"),
      ("Wang Gang", "PARTICIPATES_IN", "World Materials Conference")}, set()),
    # attendance and speaking, also through a group noun
    ("Chen Yu presided over the 2022 Xinyu Science Expo.", {("Chen Yu", "PARTICIPATES_IN", "Xinyu Science Expo")}, set()),
    ("Representatives from Wuhan, Xiamen and Hefei attended the Innovation China Work Conference.",
     {("Wuhan", "PARTICIPATES_IN", "Innovation China Work Conference"), ("Hefei", "PARTICIPATES_IN", "Innovation China Work Conference")}, set()),
    ("The Suzhou and Wuxi delegations took part in the 2023 Yangtze Innovation Fair.",
     {("Suzhou", "PARTICIPATES_IN", "Yangtze Innovation Fair"), ("Wuxi", "PARTICIPATES_IN", "Yangtze Innovation Fair")}, set()),
    ("The 2022 Jiaxing Science Forum was attended by Zhou Ming, vice mayor of Jiaxing, Li Qiang, president of "
     "Jiaxing University, and more than 300 experts.",
     {("Zhou Ming", "PARTICIPATES_IN", "Jiaxing Science Forum"), ("Li Qiang", "PARTICIPATES_IN", "Jiaxing Science Forum"),
      ("Li Qiang", "HOLDS_POSITION", "Jiaxing University")}, set()),
    ("The 2022 Jiaxing Science Forum opened on Monday. Also present at the forum were Zhou Ming and Li Qiang.",
     {("Zhou Ming", "PARTICIPATES_IN", "Jiaxing Science Forum"), ("Li Qiang", "PARTICIPATES_IN", "Jiaxing Science Forum")}, set()),
    ("The 2022 Jiaxing Science Forum opened on Monday. Zhou Ming and Li Qiang were among the guests at the forum.",
     {("Zhou Ming", "PARTICIPATES_IN", "Jiaxing Science Forum"), ("Li Qiang", "PARTICIPATES_IN", "Jiaxing Science Forum")}, set()),
    # bodies named after their place
    ("The Xianning municipal Party committee met in Xianning on Monday.",
     {("Xianning municipal Party committee", "LOCATED_IN", "Xianning")}, set()),
    ("The Hefei Municipal Bureau of Science and Technology said Hefei would invest more.",
     {("Hefei Municipal Bureau of Science and Technology", "LOCATED_IN", "Hefei")}, set()),
    ("Officials of the People's Government of Zhejiang Province visited Zhejiang farms.",
     {("People's Government of Zhejiang Province", "LOCATED_IN", "Zhejiang")}, set()),
    ("Du Hua, deputy secretary of the CPC Wuxi Municipal Committee, spoke in Wuxi.",
     {("CPC Wuxi Municipal Committee", "LOCATED_IN", "Wuxi")}, set()),
    # cooperation as nouns, passives, compounds and headlines
    ("Cooperation between Peking University and Huawei Technologies has deepened.",
     {("Huawei", "COOPERATES_WITH", "Peking University")}, set()),
    ("Fudan University and the Shanghai Jiao Tong University join forces on AI.",
     {("Fudan University", "COOPERATES_WITH", "Shanghai Jiao Tong University")}, set()),
    ("An agreement was signed by Hunan University and Xiangtan University on Friday.",
     {("Hunan University", "COOPERATES_WITH", "Xiangtan University")}, set()),
    ("The signing ceremony of the Lishui-Huzhou Science Cooperation Agreement took place on Monday.",
     {("Huzhou", "COOPERATES_WITH", "Lishui")}, set()),
    ("Huzhou and Lishui agreed to deepen exchanges in science and technology.", {("Huzhou", "COOPERATES_WITH", "Lishui")}, set()),
    ("Tsinghua University and Jiaxing co-founded the Yangtze Delta Institute in 2003.",
     {("Jiaxing", "COOPERATES_WITH", "Tsinghua University")}, set()),
    # organisers named by a noun
    ("The organizers of the 2022 Jiaxing Science Forum include CAST and Zhejiang University.",
     {("China Association for Science and Technology", "ORGANISES", "Jiaxing Science Forum"),
      ("Zhejiang University", "ORGANISES", "Jiaxing Science Forum")}, set()),
    ("The 2022 Jiaxing Science Forum opened, with CAST as the organizer and Zhejiang University as co-organizer.",
     {("China Association for Science and Technology", "ORGANISES", "Jiaxing Science Forum"),
      ("Zhejiang University", "ORGANISES", "Jiaxing Science Forum")}, set()),
    # offices through a delegation and a bracketed list of people
    ("A delegation of 10 from Xianning Hi-tech Zone led by Fu Hai, Secretary of Working Committee, visited Wuxi.",
     {("Fu Hai", "HOLDS_POSITION", "Xianning Hi-tech Zone")}, set()),
    ("Two vice presidents of Hubei University (Lu Jie and Wang Tie) attended the signing ceremony.",
     {("Lu Jie", "HOLDS_POSITION", "Hubei University"), ("Wang Tie", "HOLDS_POSITION", "Hubei University")}, set()),
]


def _sym(triples):
    return {(b, t, a) if t == "COOPERATES_WITH" and b < a else (a, t, b) for a, t, b in triples}


@pytest.mark.parametrize("text,expected,forbidden", COVERAGE)
def test_general_constructions(text, expected, forbidden):
    found, _ = rels(text)
    assert _sym(expected) <= _sym(found), (_sym(expected) - _sym(found), found)
    assert not (_sym(forbidden) & _sym(found))


def test_roles_and_years_read_from_the_sentence():
    _, out = rels("Qingdao became one of the first innovation hub cities of Innovation China in 2022.")
    r = next(r for r in out["relations"] if r["type"] == "PARTICIPATES_IN")
    assert r["properties"].get("year") == 2022 and "hub city" in r["properties"].get("role", "")


def test_events_are_event_nodes():
    assert ("Innovation China Pilot Cities Work Conference", "Event") in ents(
        "The 2021 Innovation China Pilot Cities Work Conference was held in Hefei on June 5.")
    assert ("Tenth National Congress of the China Association for Science and Technology", "Event") in ents(
        "The Tenth National Congress of the China Association for Science and Technology opened in Beijing.")
    # a standing body with an ordinal stays an organisation
    assert all(t != "Event" for n, t in ents("Zhou Lin, deputy to the 14th National People's Congress, spoke.") if "Congress" in n)


def test_pinyin_names_are_people_and_bare_surnames_resolve():
    e = ents("Gu Haidong, party secretary of Lishui, met the delegation. Gu said the city welcomes talents.")
    assert ("Gu Haidong", "Person") in e
    assert ("Haidong", "City") not in e and ("Gu", "Person") not in e
    e = ents("Experts from Hong Kong, Macao and Taiwan attended.")
    assert ("Hong Kong", "Person") not in e and ("Hong Kong", "Region") in e, e
    e = ents("Zhang said the bureau would help. Glass was on display in Hengtai hall.")
    assert not any(n in ("Zhang", "Glass", "Hengtai") for n, _ in e), e


def test_title_skips_navigation_and_published_is_read():
    out = extract_document("Current location: Home\nHome>Zhejiang Voice\nJiaxing joins the Innovation China programme\n"
                           "Release date:2021-07-06\nJiaxing joined the Innovation China programme in 2021.", "t.txt")
    assert out["title"] == "Jiaxing joins the Innovation China programme"
    assert out["published"] == "2021-07-06"
    out = extract_document("A headline about Jiaxing\nOn March 8, 2019, Jiaxing signed an agreement.", "t.txt")
    assert out["published"] is None


def test_name_variants_merge_within_a_document():
    e = ents("Shenyang Agricultural University (SAU) signed a deal. SAU will also work with Tsinghua University. "
             "Tsinghua sent experts to the Hebei Chengde Hi-tech Zone. The Chengde Hi-tech Zone welcomed them.")
    names = {n for n, _ in e}
    assert "Shenyang Agricultural University" in names and "SAU" not in names
    assert "Tsinghua" not in names and "Chengde Hi-tech Zone" not in names
    e = ents("Lin Qu, general manager of the Huainan Science Center, met officials. Later Qu Lin visited Hefei.")
    assert sum(1 for _, t in e if t == "Person") == 1, e


def test_fixed_pairs_and_headline_verbs_do_not_cut_names():
    e = ents("Liang Bo, member of the Party Committee of Taizhou Science and Technology Investment Group, spoke.")
    assert not any(n == "Technology Investment Group" for n, _ in e), e
    e = ents("Lishui Institute of Innovation Established\n\nThe Lishui Institute of Innovation opened in May.")
    assert ("Lishui Institute of Innovation", "Organisation") in e, e
    assert not any(n.endswith("Established") for n, _ in e), e


def test_an_event_has_its_date_and_place():
    out = extract_document("The 2021 Innovation China Pilot Cities Work Conference was held in Hefei on June 5.", "t.txt")
    ev = next(e for e in out["entities"] if e["type"] == "Event")
    assert ev.get("properties", {}).get("date") == "2021-06-05"
    assert any(r["type"] == "LOCATED_IN" and r["source"] == ev["name"] and r["target"] == "Hefei" for r in out["relations"])


def test_a_brand_and_a_trade_is_a_company():
    e = ents("Officials visited Hengtai Glass, a local firm, in Jiaxing.")
    assert ("Hengtai Glass", "Organisation") in e and ("Hengtai Glass", "Person") not in e

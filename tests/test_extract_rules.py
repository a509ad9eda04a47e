"""The dependency-pattern relation rules (extract/rules/dependency.py, extract/data/dep_patterns.json) and the
entity fixes that feed them, on our own short sentences: text -> relations that must (and must not) be found."""
from __future__ import annotations

import json

import pytest

from extract import extract_document
from extract.rules.patterns import load_patterns


def rels(text):
    out = extract_document(text, "t.txt")
    return {(r["source"], r["type"], r["target"]) for r in out["relations"]}, out


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
    ("The Hanjiang Science Summit 2023 opened.", ("Hanjiang Science Summit 2023", "Project")),
    ("Firms joined the second China Innovation Challenge (Wuhan) this year.", ("China Innovation Challenge (Wuhan)", "Project")),
    ("Hubei's 1st National Photonics Base opened.", ("National Photonics Base", "Project")),
    ("Firms in central China's Hubei grew.", ("Central China", "Region")),
    ("On Tuesday the Xiangyang Association for Science and Technology met.", ("Xiangyang Association for Science and Technology", "Organisation")),
    ("The Jiangxia New District and Hanjiang Economic & Technological Development Zone joined.", ("Hanjiang Economic & Technological Development Zone", "City")),
    ("A Gansu Sci-tech Achievement Fair was held.", ("Gansu Sci-tech Achievement Fair", "Project")),
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

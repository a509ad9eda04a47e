"""Session 29 (issue 13), helper events: event names the recogniser used to cut, and the organisers
and participants of events, on our own invented sentences (no corpus text)."""
from __future__ import annotations

import pytest
from support.extraction import rels_by_names as rels

from extract import extract_document


def ents(text):
    return {(e["name"], e["type"]) for e in extract_document(text, "t.txt")["entities"]}


# -- event names: the edges the chunker cut -------------------------------------------------------

@pytest.mark.parametrize("text,event,organiser", [
    # a person the model finds inside the capitalised run of an event's name
    ("The 2021 Sichuan Science and Technology Achievements Transfer and Transformation Conference was undertaken by "
     "the Chengdu Science and Technology Bureau.",
     "Sichuan Science and Technology Achievements Transfer and Transformation Conference", "Chengdu Science and Technology Bureau"),
    # "New" and "Academician" are stripped as the first word of other names, not of an event's
    ("The 2022 New Materials Industry Summit was held by the Ningbo Municipal Government.",
     "New Materials Industry Summit", "Ningbo Municipal Government"),
    ("The Fujian Association for Science and Technology held the Academician Expert Consultation Meeting in Putian.",
     "Academician Expert Consultation Meeting", "Fujian Association for Science and Technology"),
    # a number written onto the first word
    ("The 2023 5G Industry Development Summit was hosted by the Nanchang Municipal Government.",
     "5G Industry Development Summit", "Nanchang Municipal Government"),
    # "on" and a date are no part of the name
    ("The Zhoushan Municipal Government hosted the East China Sea Fishery Technology Conference on May 20.",
     "East China Sea Fishery Technology Conference", "Zhoushan Municipal Government"),
])
def test_event_name_edges(text, event, organiser):
    assert (event, "Event") in ents(text)
    assert (organiser, "ORGANISES", event) in rels(text)


def test_person_before_a_verb_stays_a_person():
    """"Zhang Min and Li Qiang attended the X Forum": the names end before the verb; no event swallows them."""
    got = ents("Zhang Min and Li Qiang attended the Shenzhen Innovation Forum on Monday.")
    assert ("Li Qiang", "Person") in got and ("Zhang Min", "Person") in got


def test_on_a_subject_stays_in_the_name():
    """"Forum on Marine Economy": "on" with a subject (no date) is part of the name."""
    assert ("International Forum on Marine Economy", "Event") in ents("The International Forum on Marine Economy was held in Zhoushan.")


def test_new_opening_a_sentence_is_not_grown():
    """A capitalised "New" at the start of a sentence is not taken into the name (it may be an adjective)."""
    names = {n for n, t in ents("New Hefei Robotics Forum draws 300 experts.") if t == "Event"}
    assert not any(n.startswith("New") for n in names)


@pytest.mark.parametrize("text,names", [
    # "and the" after a whole event's name starts another name
    ("The 5th Lancang River Expo and the 12th Jinghong Import and Export Fair were held in Jinghong.",
     {"5th Lancang River Expo", "12th Jinghong Import and Export Fair"}),
    ("The 2023 Guilin Tourism Technology Bazaar opened on Tuesday.", {"Guilin Tourism Technology Bazaar"}),
])
def test_event_lists_and_heads(text, names):
    assert names <= {n for n, t in ents(text) if t == "Event"}


def test_and_the_inside_a_subject_stays_one_name():
    """"Conference of Science and the Arts": the left part is no whole event's name (its head comes before "of")."""
    assert ("Conference of Science and the Arts", "Event") in ents("The Conference of Science and the Arts was held in Xi'an.")


@pytest.mark.parametrize("text,organisers,event", [
    ("Shanxi Association for Science and Technology, Taiyuan University Co-organize 2022 Fenhe Talent Forum",
     {"Shanxi Association for Science and Technology", "Taiyuan University"}, "Fenhe Talent Forum"),
    ("CAST and Hubei Government Co-host 2021 Yangtze Innovation Conference in Wuhan",
     {"China Association for Science and Technology", "Hubei Government"}, "Yangtze Innovation Conference"),
])
def test_headline_co_verbs(text, organisers, event):
    got = rels(text)
    for o in organisers:
        assert (o, "ORGANISES", event) in got, got.keys()


def test_headline_without_organise_verb():
    """"X Attend Y Forum": attending is no organising."""
    got = rels("Hubei Officials, Wuhan University Experts Attend 2022 Optics Valley Talent Forum")
    assert not [k for k in got if k[1] == "ORGANISES"]


# -- ORGANISES ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,organisers,event", [
    ("The Guangxi Provincial Government and Guangxi University were the co-organisers of the 2022 Beibu Gulf Ocean Forum.",
     {"Guangxi Provincial Government", "Guangxi University"}, "Beibu Gulf Ocean Forum"),
    ("The Yantai Municipal Government, Ludong University and Yantai University are the hosts of the 2023 Yantai Wine Technology Expo.",
     {"Yantai Municipal Government", "Ludong University", "Yantai University"}, "Yantai Wine Technology Expo"),
    ("Ludong University, one of the sponsors of the 2023 Yantai Wine Technology Expo, sent 40 students.",
     {"Ludong University"}, "Yantai Wine Technology Expo"),
    ("The Weihai Ocean Forum, which the Shandong Provincial Government launched in 2016, has become a brand.",
     {"Shandong Provincial Government"}, "Weihai Ocean Forum"),
])
def test_organiser_shapes(text, organisers, event):
    got = rels(text)
    for o in organisers:
        assert (o, "ORGANISES", event) in got, got.keys()


@pytest.mark.parametrize("text", [
    "The Weihai Ocean Forum, which Ludong University attended in 2016, has become a brand.",  # no organising verb
    "The Weihai Ocean Forum, which the Shandong Provincial Government supported, has become a brand.",  # support only
    "The hosts of the 2023 Yantai Wine Technology Expo visited Ludong University.",  # the body is the visited one
    "Zhao Lei and Sun Mei were the hosts of the 2023 Yantai Wine Technology Expo.",  # people hosting: masters of ceremonies
])
def test_organiser_shapes_negative(text):
    assert not [k for k in rels(text) if k[1] == "ORGANISES"]


# -- event names in mixed case ----------------------------------------------------------------------

@pytest.mark.parametrize("text,event,organiser", [
    ("The 3rd China (Quanzhou) innovation and entrepreneurship competition was held by the Quanzhou Municipal Government.",
     "China (Quanzhou) innovation and entrepreneurship competition", "Quanzhou Municipal Government"),
    ("The Anhui Association for Science and Technology held the 2022 Anhui Sci-tech Innovation conference in Hefei.",
     "Anhui Sci-tech Innovation conference", "Anhui Association for Science and Technology"),
    ("The 2023 Caohejing Hi-tech Park innovation forum was held by the Xuhui District Government.",
     "Caohejing Hi-tech Park innovation forum", "Xuhui District Government"),
])
def test_mixed_case_event_names(text, event, organiser):
    assert (event, "Event") in ents(text)
    assert (organiser, "ORGANISES", event) in rels(text)


@pytest.mark.parametrize("text", [
    "Experts attended the Chinese science conference in Beijing.",  # an adjective, no name
    "The Ministry of Science and Technology held the press conference on Monday.",  # no capitalised run
    "He said the Chinese economy week was long.",
])
def test_mixed_case_needs_a_name(text):
    assert not [n for n, t in ents(text) if t == "Event"]


# -- PARTICIPATES_IN ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,who,event", [
    ("A team from Xidian University won the gold award in the 2023 Shaanxi Chip Design Competition.",
     "Xidian University", "Shaanxi Chip Design Competition"),
    ("Northwest University claimed the top prize at the 2023 Shaanxi Chip Design Competition.",
     "Northwest University", "Shaanxi Chip Design Competition"),
])
def test_winners_take_part(text, who, event):
    assert (who, "PARTICIPATES_IN", event) in rels(text)


def test_prize_without_event_is_nothing():
    assert not [k for k in rels("Northwest University won the first prize in physics.") if k[1] == "PARTICIPATES_IN"]


def test_fronted_event_over_a_title():
    """"At E, X, director of Y, introduced ...": the title between commas does not hide the verb."""
    got = rels("At the 2023 Gansu Digital Forum, Ma Lin, director of the Gansu Science and Technology Department, "
               "introduced the new policies.")
    assert ("Ma Lin", "PARTICIPATES_IN", "Gansu Digital Forum") in got


def test_fronted_event_with_a_clause_is_left():
    """A relative clause between the commas is not a title: the rule stays out (the parse decides)."""
    got = rels("At the 2023 Gansu Digital Forum, Ma Lin, who directs the department, introduced the new policies.")
    assert ("Ma Lin", "PARTICIPATES_IN", "Gansu Digital Forum") not in got


def test_venue_hosting_is_no_organiser():
    """"The X Conference Center hosted E": the venue is the event's site, not an organiser."""
    got = rels("The Xiamen International Conference Center hosted the 2023 Silk Road Maritime Forum.")
    assert not [k for k in got if k[1] == "ORGANISES"]


def test_body_hosting_still_organises():
    """A centre that is no venue ("Development Center") still organises what it hosts."""
    got = rels("The Torch High Technology Industry Development Center hosted the 2023 Silk Road Maritime Forum.")
    assert ("Torch High Technology Industry Development Center", "ORGANISES", "Silk Road Maritime Forum") in got


# -- quoted names of programmes and events -----------------------------------------------------------

@pytest.mark.parametrize("text,name,kind", [
    ('The Hebei Association for Science and Technology has run the "Scientists Walking into Villages" activity since 2019.',
     "Scientists Walking into Villages", "Event"),
    ('The Ministry launched the "Serving to Rural Revitalization" programme in 2020.',
     "Serving to Rural Revitalization", "Project"),
    ('CAST upgraded its "Bridge Program -- Linking Science with Industry through Young Talents" in 2022.',
     "Bridge Program -- Linking Science with Industry through Young Talents", "Project"),
])
def test_quoted_slogan_names(text, name, kind):
    assert (name, kind) in ents(text)


def test_quoted_speech_is_no_name():
    """Quoted speech is no Title Case slogan: its lower-case words end the quote's name."""
    got = ents('Li Ming said "we will go into villages and help farmers" at the meeting.')
    assert not [n for n, t in got if t in ("Project", "Event")]


def test_quoted_subject_of_an_event_is_a_theme():
    """'the forum on "X"': the quoted words are what the forum is about, not a programme."""
    got = ents('The forum on "Green Growth in Coastal Cities" was held in Xiamen.')
    assert not [n for n, t in got if t == "Project"]


@pytest.mark.parametrize("text,name", [
    ("The 973 Program was launched by the Ministry of Science and Technology in 1997.", "973 Program"),
    ("The Spark Plan, the Torch Plan and the 863 Program were run by the Ministry of Science and Technology.", "863 Program"),
])
def test_numbered_programmes(text, name):
    """A programme the model reads as an organisation is a programme by its head word, number included."""
    assert (name, "Project") in ents(text)
    assert (name, "Organisation") not in ents(text)


def test_year_before_a_plan_is_no_part_of_its_name():
    names = {n for n, t in ents("The 2021 Talents Program was launched by the Hubei Provincial Government.") if t == "Project"}
    assert not any(n.startswith("2021") for n in names)


@pytest.mark.parametrize("text,organisers,prog", [
    ("The Hunan Provincial Government carried out the Furong Scholars Program.", {"Hunan Provincial Government"}, "Furong Scholars Program"),
    ("The Furong Scholars Program was carried out by the Hunan Provincial Government and Central South University.",
     {"Hunan Provincial Government", "Central South University"}, "Furong Scholars Program"),
])
def test_carried_out_organises(text, organisers, prog):
    got = rels(text)
    for o in organisers:
        assert (o, "ORGANISES", prog) in got, got.keys()


def test_carried_out_research_on_is_no_organising():
    got = rels("The Hunan Provincial Government carried out research on the Furong Scholars Program.")
    assert not [k for k in got if k[1] == "ORGANISES"]


@pytest.mark.parametrize("text,organisers,event", [
    ("The Wenzhou Municipal Government served as the host unit of the 2023 Oujiang Digital Expo.",
     {"Wenzhou Municipal Government"}, "Oujiang Digital Expo"),
    ("The 2023 Oujiang Digital Expo opened on Monday. The host units are the Wenzhou Municipal Government and Wenzhou University.",
     {"Wenzhou Municipal Government", "Wenzhou University"}, "Oujiang Digital Expo"),
    ("The 2023 Oujiang Digital Expo opened on Monday. The undertaking unit is the Wenzhou Science and Technology Bureau.",
     {"Wenzhou Science and Technology Bureau"}, "Oujiang Digital Expo"),
])
def test_organiser_units(text, organisers, event):
    got = rels(text)
    for o in organisers:
        assert (o, "ORGANISES", event) in got, got.keys()


def test_other_units_organise_nothing():
    """"The research units are A and B": a unit noun without an organiser's word is no organiser."""
    got = rels("The 2023 Oujiang Digital Expo opened on Monday. The research units are Wenzhou University and Wenzhou Medical University.")
    assert not [k for k in got if k[1] == "ORGANISES"]


def test_respectively_pairs_in_order():
    got = rels("The Dalian Municipal Government and Dalian University of Technology held the 2023 Dalian Marine Expo "
               "and the 2023 Xinghai Forum respectively.")
    assert ("Dalian Municipal Government", "ORGANISES", "Dalian Marine Expo") in got
    assert ("Dalian University of Technology", "ORGANISES", "Xinghai Forum") in got
    assert ("Dalian Municipal Government", "ORGANISES", "Xinghai Forum") not in got
    assert ("Dalian University of Technology", "ORGANISES", "Dalian Marine Expo") not in got


def test_without_respectively_every_pair_organises():
    got = rels("The Dalian Municipal Government and Dalian University of Technology jointly held the 2023 Dalian Marine Expo "
               "and the 2023 Xinghai Forum.")
    assert ("Dalian Municipal Government", "ORGANISES", "Xinghai Forum") in got
    assert ("Dalian University of Technology", "ORGANISES", "Dalian Marine Expo") in got


def test_with_the_body_as_organiser():
    got = rels("The 2023 Dalian Marine Expo opened on Monday, with the Dalian Municipal Government as the organiser "
               "and Dalian Maritime University as the co-organiser.")
    assert ("Dalian Municipal Government", "ORGANISES", "Dalian Marine Expo") in got
    assert ("Dalian Maritime University", "ORGANISES", "Dalian Marine Expo") in got


@pytest.mark.parametrize("text,who,event", [
    ("Sun Li was invited to the 2024 Kunming Flower Expo.", "Sun Li", "Kunming Flower Expo"),
    ("Yunnan University was honoured at the 2024 Kunming Flower Expo.", "Yunnan University", "Kunming Flower Expo"),
    ("Sun Li met with investors on the sidelines of the 2024 Kunming Flower Expo.", "Sun Li", "Kunming Flower Expo"),
])
def test_passive_and_sideline_participants(text, who, event):
    assert (who, "PARTICIPATES_IN", event) in rels(text)


def test_the_inviter_is_no_guest():
    """Active "A invited B to E": A is not made a participant by the passive rule."""
    got = rels("Sun Li invited Yunnan University to the 2024 Kunming Flower Expo.")
    assert ("Sun Li", "PARTICIPATES_IN", "Kunming Flower Expo") not in got


def test_honoured_without_event_is_nothing():
    assert not [k for k in rels("Yunnan University was honoured for its research in 2024.") if k[1] == "PARTICIPATES_IN"]


def test_event_drew_a_group():
    got = rels("The 2024 Kunming Flower Expo gathered experts from Yunnan University and Yunnan Agricultural University.")
    assert ("Yunnan University", "PARTICIPATES_IN", "Kunming Flower Expo") in got
    assert ("Yunnan Agricultural University", "PARTICIPATES_IN", "Kunming Flower Expo") in got


@pytest.mark.parametrize("text", [
    "Yunnan University gathered experts from Yunnan Agricultural University.",  # no event drew them
    "The 2024 Kunming Flower Expo attracted investment from Yunnan University.",  # no group of people
])
def test_event_drew_negative(text):
    assert not [k for k in rels(text) if k[1] == "PARTICIPATES_IN"]

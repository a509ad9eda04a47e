"""Event and programme names as English news writes them, and who organises or takes part in them
(issue 13), on our own invented sentences."""
from __future__ import annotations

import pytest
from support.extraction import rels

from extract import extract_document


def ents(text):
    out = extract_document(text, "t.txt")
    return {(e["name"], e["type"]) for e in out["entities"]}, {m for e in out["entities"] for m in e.get("mentions", [])}


NAME_CASES = [
    # a phrase with "of" inside an event's name ("Internet of Things") stays one name
    ("The Lishui Internet of Things Expo 2025 was opened on Sunday.", "Lishui Internet of Things Expo 2025"),
    # ... and so does "in" inside the subject after "for"/"of" of a body or an event
    ("The Pacific Fair for Cooperation in Marine Industries opened in Zhoushan.", "Pacific Fair for Cooperation in Marine Industries"),
    ("The Institute for Excellence in Soil Science was founded in Yangling.", "Institute for Excellence in Soil Science"),
    # a digit written onto a capital ("6G") goes on with the name
    ("The 2026 Global 6G Summit was held in Nanjing.", "Global 6G Summit"),
    # a trade word before "&" is a field of the event, not a company of its own
    ("The 9th East China Shipbuilding & Marine Equipment Expo opened in Zhoushan.", "East China Shipbuilding & Marine Equipment Expo"),
    # a headline's capitalised verb inside the run: the event's name is after it
    ("Lishui Hosts 4th Mountain Ecology Innovation Forum", "4th Mountain Ecology Innovation Forum"),
]


@pytest.mark.parametrize("text,name", NAME_CASES)
def test_event_names(text, name):
    _, mentions = ents(text)
    assert name in mentions


@pytest.mark.parametrize("text,bad", [
    # a place after "in" is where, not part of the name
    ("The Forum for Cooperation in Zhoushan was held on Friday.", "Forum for Cooperation in Zhoushan"),
    # a part of the event before "of" is no part of its name
    ("The Opening Ceremony of 2025 Lishui Forum was held in Lishui.", "Lishui Forum"),
])
def test_event_name_limits(text, bad):
    names, mentions = ents(text)
    if bad == "Lishui Forum":  # the event keeps its own name, the ceremony is only a mention of it
        assert ("Lishui Forum", "Event") in names
    else:
        assert bad not in mentions


def test_of_phrase_event_organiser():
    got = rels("The Lishui Internet of Things Expo 2025 was organised by the Lishui Municipal Government.")
    assert ("Lishui Municipal Government", "ORGANISES", "Lishui Internet of Things Expo 2025") in got


def test_quoted_name_with_a_number():
    names, _ = ents('The ministry launched the "Ocean Science 2035" programme. Xiamen University joined the "Ocean Science 2035" programme.')
    assert ("Ocean Science 2035", "Project") in names
    assert ("Ocean Science 2035", "Organisation") not in names


EV = "The 2025 Lishui Rural Innovation Forum opened on Monday. "
F = "Lishui Rural Innovation Forum"

ORGANISER_CASES = [
    # "the two-day event", "the week-long forum", "this year's forum": the event named before
    (EV + "The two-day event was hosted by the Lishui Agricultural Bureau.", {("Lishui Agricultural Bureau", "ORGANISES", F)}),
    (EV + "The week-long forum was organised by Lishui University.", {("Lishui University", "ORGANISES", F)}),
    (EV + "This year's forum was sponsored by the Lishui Agricultural Bureau.", {("Lishui Agricultural Bureau", "ORGANISES", F)}),
    # "A co-hosted E with B": B organises it too
    (EV + "Lishui University co-hosted the event with the Lishui Agricultural Bureau.",
     {("Lishui University", "ORGANISES", F), ("Lishui Agricultural Bureau", "ORGANISES", F)}),
    ("Lishui University co-organized the 2025 Lishui Rural Innovation Forum with Quzhou University.",
     {("Lishui University", "ORGANISES", F), ("Quzhou University", "ORGANISES", F)}),
]


@pytest.mark.parametrize("text,expected", ORGANISER_CASES)
def test_event_organisers(text, expected):
    assert expected <= rels(text)


@pytest.mark.parametrize("text,forbidden", [
    # "organized E with B" (no co-): B is not said to organise it
    ("Lishui University organized the 2025 Lishui Rural Innovation Forum with Quzhou University.", ("Quzhou University", "ORGANISES", F)),
    # "the two-day visit" is no event of the article
    (EV + "The two-day visit was arranged by the Lishui Agricultural Bureau.", ("Lishui Agricultural Bureau", "ORGANISES", F)),
])
def test_event_organisers_limits(text, forbidden):
    assert forbidden not in rels(text)


# courses, classes, lecture series and touring shows are events; a demonstration or pilot zone is a
# programme (ontology: "demonstration zone"), unless it is a known programme's role ("an P Pilot Zone")
ORGANISED_CASES = [
    ("The Ningbo Association for Science and Technology organised the Ningbo Young Scientists Training Course last week.",
     "Ningbo Association for Science and Technology", "Ningbo Young Scientists Training Course", "Event"),
    ("The Jiaxing Science Popularisation Training Class was held by the Jiaxing Association for Science and Technology.",
     "Jiaxing Association for Science and Technology", "Jiaxing Science Popularisation Training Class", "Event"),
    ("The Taizhou Association for Science and Technology organised the Taizhou Science Popularisation Lecture Series.",
     "Taizhou Association for Science and Technology", "Taizhou Science Popularisation Lecture Series", "Event"),
    ("The Lishui Municipal Government launched the Lishui Innovation Demonstration Zone in 2021.",
     "Lishui Municipal Government", "Lishui Innovation Demonstration Zone", "Project"),
    ("The Anji County Government set up the Anji Ecological Innovation Pilot Zone.",
     "Anji County Government", "Anji Ecological Innovation Pilot Zone", "Project"),
]


@pytest.mark.parametrize("text,org,target,typ", ORGANISED_CASES)
def test_more_project_and_event_heads(text, org, target, typ):
    names, _ = ents(text)
    assert (target, typ) in names
    assert (org, "ORGANISES", target) in rels(text)


@pytest.mark.parametrize("text,name,typ", [
    # a trade zone stays a place
    ("The China (Zhejiang) Pilot Free Trade Zone was set up in 2020.", "China (Zhejiang) Pilot Free Trade Zone", "City"),
    # a known programme's pilot zone is a role of the place in it
    ("Deqing was named an Innovation China Pilot Zone.", "Innovation China", "Project"),
])
def test_zone_limits(text, name, typ):
    names, _ = ents(text)
    assert (name, typ) in names
    assert not any(n.endswith("Pilot Zone") and t == "Project" for n, t in names)


def test_bare_pilot_zone_is_no_name():
    names, _ = ents("The Pilot Zone was set up by the Jiaxing Municipal Government.")
    assert not any(n == "Pilot Zone" for n, _ in names)


def test_innovation_community_is_a_programme():
    text = "Jiaxing joined the Yangtze Delta Science Innovation Community."
    names, _ = ents(text)
    assert ("Yangtze Delta Science Innovation Community", "Project") in names
    assert ("Jiaxing", "PARTICIPATES_IN", "Yangtze Delta Science Innovation Community") in rels(text)


@pytest.mark.parametrize("text,bad", [
    # a class or series word types an event only after a word of training or talks
    ("Tsinghua University was selected for the Double First-Class initiative.", "Double First-Class"),
    ("The Huawei Mate Series was shown in Shenzhen.", "Huawei Mate Series"),
    ("He lives in the Xinhua Community of Lishui.", "Xinhua Community"),
])
def test_conditional_heads_limits(text, bad):
    names, _ = ents(text)
    assert (bad, "Event") not in names and not any(n == "Xinhua Community" for n, _ in names)


def test_part_of_a_training_course():
    names, _ = ents("The First Class of the Lishui Training Course opened on Monday.")
    assert ("Lishui Training Course", "Event") in names


def test_title_word_inside_a_course_name():
    # a title before a conditional head is part of the course's name, not a person
    text = "The Wenzhou Association for Science and Technology organised the Wenzhou Chief Engineer Training Course."
    names, _ = ents(text)
    assert ("Wenzhou Chief Engineer Training Course", "Event") in names
    assert not any(t == "Person" for _, t in names)


def test_service_complex_is_a_platform():
    text = "The Jiaxing Municipal Government built the Jiaxing Industrial Innovation Service Complex."
    assert ("Jiaxing Industrial Innovation Service Complex", "Project") in ents(text)[0]
    assert ("Jiaxing Municipal Government", "ORGANISES", "Jiaxing Industrial Innovation Service Complex") in rels(text)
    # a status is no platform ("hub" is not a conditional head)
    assert ("International Sci-tech Innovation Hub", "Project") not in ents("Shanghai aims to become an International Sci-tech Innovation Hub.")[0]

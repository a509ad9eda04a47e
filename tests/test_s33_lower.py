"""Session 33 (helper lower): a challenge set of our own invented sentences in which English news about
China names a body or an event in lower case ("the municipal science and technology bureau", "the science
and technology innovation week of Jiaxing"): such a specific phrase is an entity (extract/components/
lower_bodies.py) and the relation rules see it; a bare generic ("the association", "the meeting"), an
indefinite description ("an all-new technology institute") and an anaphor of a name met before stay none."""
from __future__ import annotations

import pytest
from support.extraction import by_names

from extract import extract_document


def _out(text: str) -> dict:
    return extract_document("A news item\n\n" + text, "t.txt")


def _ents(text: str) -> set[tuple[str, str]]:
    return {(e["type"], e["name"]) for e in _out(text)["entities"]}


def _rels(text: str) -> set[tuple[str, str, str]]:
    return set(by_names(_out(text)))


ENTS = [
    ("Zhang Wei, director of the municipal science and technology bureau, attended the forum.",
     "Organisation", "municipal science and technology bureau"),
    ("The provincial association for science and technology held a training course in Hefei.",
     "Organisation", "provincial association for science and technology"),
    ("Experts from the city's science and technology association visited the park.",
     "Organisation", "city's science and technology association"),
    ("The district market supervision bureau of Yuhang inspected 20 companies.",
     "Organisation", "district market supervision bureau of Yuhang"),
    ("The county party committee approved the plan.", "Organisation", "county party committee"),
    ("The national engineering research center for advanced materials signed a deal with Zhejiang University.",
     "Organisation", "national engineering research center for advanced materials"),
    ("The municipal bureau of science and technology organised the event.",
     "Organisation", "municipal bureau of science and technology"),
    ("The provincial science and technology association hosted the seminar.",
     "Organisation", "provincial science and technology association"),
    ("The science and technology bureau of Jiaxing organised the training.",
     "Organisation", "science and technology bureau of Jiaxing"),
    ("Shanghai's science and technology commission released a report.",
     "Organisation", "Shanghai's science and technology commission"),
    ("The science and technology innovation week of Jiaxing opened on Monday.",
     "Event", "science and technology innovation week of Jiaxing"),
    ("The 2021 science and technology activity week was held in Wuxi.",
     "Event", "2021 science and technology activity week"),
    ("The talent innovation forum of Jiaxing was held by the municipal government.",
     "Event", "talent innovation forum of Jiaxing"),
    ("The national science and technology week opened in Beijing.",
     "Event", "national science and technology week"),
    ("The innovation and entrepreneurship competition of Zhejiang province closed on Sunday.",
     "Event", "innovation and entrepreneurship competition of Zhejiang province"),
    ("The Sino-German science and technology innovation forum opened in Hefei.",
     "Event", "Sino-German science and technology innovation forum"),
    ("Liu Bo is vice chairman of the municipal people's congress standing committee.",
     "Organisation", "municipal people's congress standing committee"),
    ("The Jiaxing science and technology innovation center opened on Monday.",
     "Organisation", "Jiaxing science and technology innovation center"),
]


@pytest.mark.parametrize("text,label,name", ENTS)
def test_s33_lower_entity(text, label, name):
    got = _ents(text)
    assert (label, name) in got, f"no {label} {name!r} in {got}"


RELS = [
    ("Zhang Wei, director of the municipal science and technology bureau, attended the forum.",
     "Zhang Wei", "HOLDS_POSITION", "municipal science and technology bureau"),
    ("Wang Hong is deputy director of the provincial department of science and technology.",
     "Wang Hong", "HOLDS_POSITION", "provincial department of science and technology"),
    ("Liu Bo is vice chairman of the municipal people's congress standing committee.",
     "Liu Bo", "HOLDS_POSITION", "municipal people's congress standing committee"),
    ("The Jiaxing science and technology week was organised by the municipal science and technology bureau.",
     "municipal science and technology bureau", "ORGANISES", "Jiaxing science and technology week"),
    ("Zhou Lin attended the science and technology innovation week of Jiaxing city.",
     "Zhou Lin", "PARTICIPATES_IN", "science and technology innovation week of Jiaxing city"),
    ("The science and technology innovation week of Jiaxing opened on Monday.",
     "science and technology innovation week of Jiaxing", "LOCATED_IN", "Jiaxing"),
    ("The district market supervision bureau of Yuhang inspected 20 companies.",
     "district market supervision bureau of Yuhang", "LOCATED_IN", "Yuhang"),
    ("The science and technology bureau of Jiaxing organised the training.",
     "science and technology bureau of Jiaxing", "LOCATED_IN", "Jiaxing"),
    ("The national engineering research center for advanced materials signed a deal with Zhejiang University.",
     "national engineering research center for advanced materials", "COOPERATES_WITH", "Zhejiang University"),
    ("The 2021 science and technology activity week was held in Wuxi.",
     "2021 science and technology activity week", "LOCATED_IN", "Wuxi"),
    ("The Jiaxing municipal science and technology bureau signed an agreement with Zhejiang University.",
     "Jiaxing municipal science and technology bureau", "LOCATED_IN", "Jiaxing"),
]


@pytest.mark.parametrize("text,a,rel,b", RELS)
def test_s33_lower_relation(text, a, rel, b):
    got = _rels(text)
    assert (a, rel, b) in got, f"no {a} {rel} {b} in {got}"


@pytest.mark.parametrize("text,word", [
    # bare generics and body anaphors stay no entity
    ("The association signed an agreement with Tsinghua University.", "association"),
    ("The meeting was chaired by Li Qiang.", "meeting"),
    ("The municipal government approved the plan.", "government"),
    ("The municipal party committee approved the plan.", "committee"),
    ("The party committee approved the plan.", "committee"),
    ("The conference hall of the museum is large.", "conference"),
    ("The exhibition hall of the museum is large.", "exhibition"),
    # an indefinite description names nothing
    ("CUSTech represents an all-new industrial technology institute.", "institute"),
    ("An automobile industry alliance of the Yangtze River Delta area was set up.", "alliance"),
    # vague or unspecific phrases
    ("The relevant municipal science and technology bureau will review the projects.", "bureau"),
    ("The annual forum ended on Friday.", "forum"),
    ("The bureau chief visited the park.", "bureau"),
    # a place alone makes no body of a venue
    ("The forum was held at the Hangzhou international exhibition center.", "center"),
    ("The forum was held in Hangzhou exhibition center.", "center"),
])
def test_s33_lower_negative(text, word):
    got = _ents(text)
    assert not [n for _, n in got if word in n.lower()], f"unexpected entity with {word!r} in {got}"


def test_s33_lower_anaphor_of_name():
    """'the municipal science and technology bureau' after 'the Huzhou Municipal Science and Technology
    Bureau' stands for it: no second body."""
    got = _ents("The Huzhou Municipal Science and Technology Bureau held a meeting. "
                "The municipal science and technology bureau also signed an agreement with Zhejiang University.")
    orgs = {n for t, n in got if t == "Organisation"}
    assert "municipal science and technology bureau" not in orgs, orgs


def test_s33_lower_place_kept():
    """The place inside a lower-case name stays an entity of its own."""
    got = _ents("The science and technology innovation week of Jiaxing opened on Monday.")
    assert ("City", "Jiaxing") in got, got

"""Session 29 (helper sents): sentence boundaries as the relation rules see them, on our own invented
texts. Inside a line a sentence starts only after sentence-final punctuation; line breaks, datelines
and the company-suffix break stay boundaries."""
from __future__ import annotations

import pytest
import spacy

from extract import extract_document
from extract.components.lines import may_start, sentence_punct
from extract.components.shared import ig, sentences
from extract.pipeline import load_pipeline


def sents(text):
    doc = load_pipeline()(text)
    return [s.text.strip() for s in sentences(doc, ig(doc)["mentions"]) if s.text.strip()]


def rels(text):
    out = extract_document(text, "t.txt")
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"]))
            for r in out["relations"]}


@pytest.mark.parametrize("text,expected", [
    # a paragraph opening "A and B <verb>" after a title line: the parser cut after "A" and at "and"
    ("Science cooperation deepens in the west\n\nHuawei and Tencent joined the Innovation China programme.",
     ["Science cooperation deepens in the west", "Huawei and Tencent joined the Innovation China programme."]),
    # a list of places opening a line after a one-line heading
    ("Digital economy\nXiamen, Fuzhou and Quanzhou joined the Innovation China programme in 2021.",
     ["Digital economy", "Xiamen, Fuzhou and Quanzhou joined the Innovation China programme in 2021."]),
    # label lines: "Co-organizers" | ": A, B" was cut before its colon
    ("Tech forum opens\n\nOrganizer: China Association for Science and Technology\n\n"
     "Co-organizers: Zhejiang University, Hangzhou Municipal Government\n\nThe forum was held on Monday.",
     ["Tech forum opens", "Organizer: China Association for Science and Technology",
      "Co-organizers: Zhejiang University, Hangzhou Municipal Government", "The forum was held on Monday."]),
])
def test_no_cut_inside_a_line(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize("text,expected", [
    # negative cases: real boundaries stay
    ("Huawei joined the alliance in 2020. Tencent joined it a year later.",
     ["Huawei joined the alliance in 2020.", "Tencent joined it a year later."]),
    ("Did Hefei join the programme? It did, in 2021.", ["Did Hefei join the programme?", "It did, in 2021."]),
    ("Hub cities named\nWuhan and Changsha joined the network.", ["Hub cities named", "Wuhan and Changsha joined the network."]),
    ('"It is our first step," he said. "More will follow." Li Wei then visited Ningbo.',
     ['"It is our first step," he said.', '"More will follow."', "Li Wei then visited Ningbo."]),
])
def test_real_boundaries_stay(text, expected):
    assert sents(text) == expected


def test_dateline_stays_a_boundary():
    got = sents("Fuzhou, 3 May 2022 - Fujian province and Taiwan enterprises signed 20 agreements.")
    assert got[-1] == "Fujian province and Taiwan enterprises signed 20 agreements."


def test_company_suffix_break_stays():
    got = sents("The fair was co-organised by Xian Hong Tech Co., Ltd. Zhang Wei attended it.")
    assert got[-1] == "Zhang Wei attended it."


def test_may_start_word_tests():
    ends, closers = sentence_punct()
    doc = spacy.blank("en")('Li came . "Yes . " Li and Wang met')
    assert [t.text for t in doc] == ["Li", "came", ".", '"', "Yes", ".", '"', "Li", "and", "Wang", "met"]
    assert may_start(doc, 3, ends, closers)  # an opening quote after "came ."
    assert may_start(doc, 7, ends, closers)  # "Li" after '. "'
    assert not may_start(doc, 8, ends, closers) and not may_start(doc, 9, ends, closers)
    glued = spacy.blank("en")('It works." Li met Wang')
    q = [t.text for t in glued].index('"')
    assert not may_start(glued, q, ends, closers)  # the quote glued to "." closes the sentence before
    assert may_start(glued, q + 1, ends, closers)


@pytest.mark.parametrize("text,expected", [
    ("Science cooperation deepens in the west\n\nHuawei and Tencent joined the Innovation China programme.",
     {("Huawei", "PARTICIPATES_IN", "Innovation China"), ("Tencent", "PARTICIPATES_IN", "Innovation China")}),
    ("Digital economy\nXiamen, Fuzhou and Quanzhou joined the Innovation China programme in 2021.",
     {("Xiamen", "PARTICIPATES_IN", "Innovation China"), ("Fuzhou", "PARTICIPATES_IN", "Innovation China")}),
])
def test_relations_across_the_old_cut(text, expected):
    got = rels(text)
    assert expected <= got, f"missing {expected - got} in {got}"


def test_label_lines_each_give_their_organisers():
    text = ("2024 Wuhan Innovation Forum opens\n\nThe 2024 Wuhan Innovation Forum opened on Monday.\n\n"
            "Organizer: Hubei Association for Science and Technology\n\n"
            "Co-organizers: Wuhan University, Huazhong University of Science and Technology\n")
    got = {(s, t, o) for s, t, o in rels(text) if t == "ORGANISES"}
    expected = {(org, "ORGANISES", "Wuhan Innovation Forum") for org in (
        "Hubei Association for Science and Technology", "Wuhan University", "Huazhong University of Science and Technology")}
    assert expected <= got, f"missing {expected - got} in {got}"

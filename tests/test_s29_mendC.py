"""Session 29, mend C: the lemma table, relative clauses on an event, and the event-shape helpers, on our
own invented sentences (no corpus text)."""
from __future__ import annotations

import pytest

from extract import extract_document


def rels(text):
    out = extract_document(text, "t.txt")
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"]))
            for r in out["relations"]}


@pytest.mark.parametrize("text", [
    # the lemmatizer reads "staged", "staging" as "stag": the lexicon's [lemmas] sets "stage"
    "The 2021 Hangzhou Innovation Forum, which the Hangzhou Science Association staged in 2015, opened on Monday.",
    "The Hangzhou Science Association staged the 2021 Hangzhou Innovation Forum.",
    "The Hangzhou Science Association is staging the 2021 Hangzhou Innovation Forum.",
])
def test_staged_organises(text):
    assert ("Hangzhou Science Association", "ORGANISES", "Hangzhou Innovation Forum") in rels(text)


def test_staged_lemma_in_doc():
    from extract.pipeline import load_pipeline
    doc = load_pipeline()("The Hangzhou Science Association staged the 2021 Hangzhou Innovation Forum.")
    assert [t.lemma_ for t in doc if t.lower_ == "staged"] == ["stage"]


# -- a relative pronoun object stands for the noun its clause hangs on (DepInterpreter.path / _side) ------

@pytest.mark.parametrize("text,org,event", [
    ("The Zhejiang Innovation Forum, which the Ningbo Municipal Government launched in 2015, has become a brand.",
     "Ningbo Municipal Government", "Zhejiang Innovation Forum"),
    ("The Pearl River Talent Programme, which Guangdong Science Association runs, trains engineers.",
     "Guangdong Science Association", "Pearl River Talent Programme"),
    ("The Hangzhou Expo, which the Hangzhou Municipal Government and the Zhejiang Science Association co-hosted, closed.",
     "Zhejiang Science Association", "Hangzhou Expo"),
])
def test_relative_clause_organiser(text, org, event):
    assert (org, "ORGANISES", event) in rels(text)


def test_relative_clause_theme_located():
    got = rels("The Hangzhou Expo, which the Hangzhou Municipal Government held in Ningbo, closed.")
    assert ("Hangzhou Expo", "LOCATED_IN", "Ningbo") in got
    assert ("Hangzhou Municipal Government", "ORGANISES", "Hangzhou Expo") in got


def test_relative_clause_other_verb_no_organiser():
    got = rels("The Hangzhou Expo, which the Hangzhou Municipal Government praised in 2015, closed.")
    assert not any(r[1] == "ORGANISES" for r in got)


# -- "A won the first prize at E": the winner's role survives the merge with the verb-subject row ----------

def _rows(text):
    out = extract_document(text, "t.txt")
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"]), r["type"], name.get(r["target_id"])): r for r in out["relations"]}


@pytest.mark.parametrize("text,who,event", [
    ("Zhejiang University won the first prize at the 2021 Hangzhou Innovation Forum.",
     "Zhejiang University", "Hangzhou Innovation Forum"),
    ("A team from Zhejiang University won the gold award in the 2021 China Innovation and Entrepreneurship Competition.",
     "Zhejiang University", "China Innovation and Entrepreneurship Competition"),
])
def test_won_prize_role(text, who, event):
    row = _rows(text).get((who, "PARTICIPATES_IN", event))
    assert row is not None and row["properties"].get("role") == "winner"


def test_won_without_prize_no_role():
    row = _rows("Zhejiang University won praise at the 2021 Hangzhou Innovation Forum.").get(
        ("Zhejiang University", "PARTICIPATES_IN", "Hangzhou Innovation Forum"))
    assert row is None or "role" not in row["properties"]

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

"""Session 29 review mend A (clauses / partners / places), on our own sentences."""
from __future__ import annotations

import spacy

from extract import extract_document
from extract.pipeline import model_name
from extract.resources import DATA_DIR
from extract.rules.dependency import DepInterpreter
from extract.rules.places import PlaceHierarchy


def rels(text):
    out = extract_document(text, "t.txt")
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"])) for r in out["relations"]}


def has_coop(got, a, b):
    return bool({(a, "COOPERATES_WITH", b), (b, "COOPERATES_WITH", a)} & got)


# -- "on behalf of A and B" (common.behalf): every listed body works with the other party -----------
def test_on_behalf_of_two_bodies_pairs_both_with_the_partner():
    got = rels("On behalf of Zhejiang University and Fudan University, Li Ming signed the agreement with Tsinghua University.")
    assert has_coop(got, "Zhejiang University", "Tsinghua University")
    assert has_coop(got, "Fudan University", "Tsinghua University")


# -- PlaceHierarchy.may_lie_in: the one test of where a name may lie -------------------------------
def test_may_lie_in():
    h = PlaceHierarchy({"jiaxing": "city", "zhejiang": "province", "jiangsu": "province"},
                       {"jiaxing": {"zhejiang"}})
    m = lambda text, label="City": {"key": text, "label": label, "text": text, "props": {}}  # noqa: E731
    assert h.may_lie_in(m("Jiaxing"), m("Zhejiang", "Region"))
    assert not h.may_lie_in(m("Zhejiang", "Region"), m("Jiaxing"))  # a bigger place in a smaller one
    assert not h.may_lie_in(m("Jiaxing"), m("Jiangsu", "Region"))  # against the gazetteer
    assert not h.may_lie_in(m("Jiaxing"), m("Jiaxing"))
    assert not h.may_lie_in(m("Jiaxing"), m("Acme Group", "Organisation"))  # no place
    assert h.may_lie_in(m("Acme Group", "Organisation"), m("Jiangsu", "Region"))


# -- one reading of a signers' noun (PartnerRules._group_signers; clauses no longer reads it) ---------
def test_signers_noun_after_a_title_line():
    # after a title line the parser may keep "Representatives" as its own lemma: the singular counts
    got = rels("Zhejiang deepens ties\nRepresentatives of Zhejiang University and Tsinghua University signed the agreement.")
    assert has_coop(got, "Zhejiang University", "Tsinghua University")


def test_signers_noun_with_a_verb_of_joint_action():
    got = rels("Officials from Jiaxing and Huzhou have carried out extensive cooperation.")
    assert has_coop(got, "Jiaxing", "Huzhou")


def test_signers_noun_of_one_body_is_no_pair():
    got = rels("Teams of Zhejiang University have carried out extensive cooperation.")
    assert not any(t == "COOPERATES_WITH" for _s, t, _o in got)


# -- one reading of the copula's "under" (ClauseRules._be_under; units.py reads the other words) ------
def test_be_under_read_once():
    for text in ("The Acme Research Institute is under the Beta Group.",
                 "The Acme Research Institute is directly under the Beta Group.",
                 "The Acme Research Institute, directly under the Beta Group, opened a lab."):
        assert ("Acme Research Institute", "PART_OF", "Beta Group") in rels(text), text


# -- DepInterpreter.subject_name / prep_objects / prep_names (shared by clauses, addresses, residence) --
def test_subject_name_and_prep_objects():
    dep = DepInterpreter(str(DATA_DIR / "lexicon.toml"), PlaceHierarchy({}, {}))
    doc = spacy.load(model_name())("Acme moved into Suzhou and Wuxi.")
    acme = {"s": 0, "e": 1, "label": "Organisation", "key": "a", "props": {}, "text": "Acme"}
    suzhou = {"s": 3, "e": 4, "label": "City", "key": "s", "props": {}, "text": "Suzhou"}
    at = dep.index([acme, suzhou])
    v = doc[1]
    assert dep.subject_name(v, at) is acme
    assert dep.subject_name(v, at, ("City",)) is None  # not of the labels
    assert dep.subject_name(v, dep.index([dict(acme, anaphor=True)]), ("Organisation",)) is None  # an anaphor
    assert [t.text for t in dep.prep_objects(v, ("into",))] == ["Suzhou"]
    assert dep.prep_objects(v, ("in",)) == []
    assert dep.prep_names(v, at, ("City",), ("into",)) == [suzhou]
    assert dep.prep_names(v, at, ("Organisation",), ("into",)) == []

"""Session 29 review mends of extract/ (quality work: the corpus output stays byte-identical), on our
own data: the token index of a sentence's mentions is built once per sentence (DepInterpreter.index)."""
from __future__ import annotations

import pytest

from extract.resources import DATA_DIR
from extract.rules.dependency import DepInterpreter
from extract.rules.places import PlaceHierarchy


def _dep():
    return DepInterpreter(str(DATA_DIR / "lexicon.toml"), PlaceHierarchy({}, {}))


def _m(s, e, label="Organisation", **kw):
    return {"s": s, "e": e, "label": label, "key": f"{label}|{s}", "props": {}, **kw}


def test_index_maps_tokens_and_a_name_wins_over_an_anaphor():
    dep = _dep()
    name, ana = _m(0, 2), _m(1, 3, anaphor=True)
    at = dep.index([ana, name])
    assert at[0] is name and at[1] is name and at[2] is ana and 3 not in at


def test_index_is_built_once_per_list():
    dep = _dep()
    top = [_m(0, 2), _m(4, 5)]
    first = dep.index(top)
    assert dep.index(top) is first  # the same sentence's list: the kept index
    assert dep.index(list(top)) is not first  # another list (another sentence) is indexed anew
    assert dep.index(list(top)) == first


def test_index_of_a_changed_list_is_rebuilt():
    dep = _dep()
    top = [_m(0, 2)]
    first = dep.index(top)
    top.append(_m(5, 7))
    again = dep.index(top)
    assert again is not first and 5 in again and 6 in again


def test_reset_forgets_the_kept_index():
    dep = _dep()
    top = [_m(0, 2)]
    first = dep.index(top)
    dep.reset()
    assert dep.index(top) is not first


# -- ArticleParents keeps an article's places until reset() (extract/rules/places.py) -----------------
def _place(name, label, s):
    return {"s": s, "e": s + 1, "label": label, "key": f"{label}|{name}", "text": name, "props": {}}


def _hierarchy():
    return PlaceHierarchy({"jiaxing": "city", "zhejiang": "province"}, {"jiaxing": {"zhejiang"}})


def test_article_parents_joins_two_sentences_of_one_article():
    from extract.rules.places import ArticleParents
    ap, out = ArticleParents(_hierarchy()), []
    ap(None, [_place("Zhejiang", "Region", 0)], out)
    ap(None, [_place("Jiaxing", "City", 5)], out)
    assert [(a["text"], t, b["text"], rule) for a, t, b, _p, _c, rule in out] == \
        [("Jiaxing", "LOCATED_IN", "Zhejiang", "gazetteer-article")]


def test_article_parents_forgets_the_places_of_the_article_before():
    from extract.rules.places import ArticleParents
    ap, out = ArticleParents(_hierarchy()), []
    ap(None, [_place("Zhejiang", "Region", 0)], out)
    ap.reset()  # a new article
    ap(None, [_place("Jiaxing", "City", 0)], out)
    assert out == []


def test_two_articles_in_one_pipeline_share_no_places():
    # the output alone cannot show it (a relation to a place of another article has no entity to land
    # on): the kept places are the pipeline's own article's
    from extract.pipeline import load_pipeline
    nlp = load_pipeline()
    article = nlp.get_pipe("innograph_relations").locations.article
    nlp("The delegation travelled to Zhejiang Province last week.")
    assert "zhejiang" in article._seen
    nlp("The new industrial park opened in Jiaxing on Monday.")
    assert "zhejiang" not in article._seen and "jiaxing" in article._seen


# -- the shared parts of units.py ("A at B") and residence.py (a verb's subject in a place) -----------
def _rels(text):
    from extract import extract_document
    out = extract_document(text, "t.txt")
    return {(r["source"], r["type"], r["target"]) for r in out["relations"]}


@pytest.mark.parametrize("text,expected,forbidden", [
    # a unit by its name ("School of") or by its head word ("Research Center") at its body
    ("The School of Physics at Nanjing University opened a new laboratory.",
     ("School of Physics", "PART_OF", "Nanjing University"), None),
    ("The Robotics Research Center at Tianjin University released the report.",
     ("Robotics Research Center", "PART_OF", "Tianjin University"), None),
    # a company is no unit of the university it works with
    ("Sany Heavy Industry at Tianjin University showed a new crane.",
     None, ("Sany Heavy Industry", "PART_OF", "Tianjin University")),
    # a body moved into a place, a zone lying in one; not what it moved elsewhere
    ("Sany Heavy Industry relocated its headquarters to Changsha in 2005.", ("Sany Heavy Industry", "LOCATED_IN", "Changsha"), None),
    ("The Wuxi High-tech Zone lies in the east of Wuxi.", ("Wuxi High-tech Zone", "LOCATED_IN", "Wuxi"), None),
    ("Sany Heavy Industry moved 300 engineers to Changsha in 2005.", None, ("Sany Heavy Industry", "LOCATED_IN", "Changsha")),
])
def test_at_body_and_verb_subject_rules(text, expected, forbidden):
    got = _rels(text)
    if expected:
        assert expected in got, got
    if forbidden:
        assert forbidden not in got, got


# -- a district name two cities share has both parents (places.parents_of), as "Taizhou" has -----------
def test_parents_of_a_shared_district_name_counts_every_city():
    h = PlaceHierarchy.load()
    # cities.tsv spells them apart: "Huangpu District" (Shanghai), "Huangpu" (Guangzhou)
    assert h.parents_of("huangpu district") == {"shanghai", "guangzhou"}
    assert h.parents_of("huangpu") == {"shanghai", "guangzhou"}
    assert h.parents_of("jiaxing") == {"zhejiang"}  # a name of one place: its parent only
    assert h.parents_of("no such place") is None


@pytest.mark.parametrize("text,expected,forbidden", [
    # one sentence names the city: the gazetteer rule takes the one named
    ("Companies from Guangzhou and Huangpu District attended the fair.",
     ("Huangpu District", "LOCATED_IN", "Guangzhou"), None),
    ("Companies from Shanghai and Huangpu District attended the fair.",
     ("Huangpu District", "LOCATED_IN", "Shanghai"), None),
    # two sentences: a name two cities share says none (as "Taizhou" of Zhejiang and of Jiangsu)
    ("Guangzhou is a big city. The company opened an office in Huangpu District last year.",
     None, ("Huangpu District", "LOCATED_IN", "Shanghai")),
    ("Shanghai is a big city. The company opened an office in Huangpu District last year.",
     None, ("Huangpu District", "LOCATED_IN", "Shanghai")),
    # a district name of one city only still finds its city across sentences
    ("Beijing is a big city. The company opened an office in Haidian District last year.",
     ("Haidian District", "LOCATED_IN", "Beijing"), None),
])
def test_shared_district_names(text, expected, forbidden):
    got = _rels(text)
    if expected:
        assert expected in got, got
    if forbidden:
        assert forbidden not in got, got


# -- one list of a unit's parent's last words ([units] parent_heads), read by units.py and partners.py -
@pytest.mark.parametrize("text,expected,forbidden", [
    ("The Institute of Smart Mining, Shandong Energy Group, released the report.",  # partners: unit-comma-parent
     ("Institute of Smart Mining", "PART_OF", "Shandong Energy Group"), None),
    ("The School of Physics, Nanchang University, won the prize.",
     ("School of Physics", "PART_OF", "Nanchang University"), None),
    ("The Qingdao Research Institute, Haier Group, released the report.",  # units: place-unit-comma-parent
     ("Qingdao Research Institute", "PART_OF", "Haier Group"), None),
    # a list of bodies is no unit and its parent
    ("The Qingdao Research Institute, Haier Group and Hisense signed the agreement.",
     None, ("Qingdao Research Institute", "PART_OF", "Haier Group")),
])
def test_unit_parent_heads(text, expected, forbidden):
    got = _rels(text)
    if expected:
        assert expected in got, got
    if forbidden:
        assert forbidden not in got, got


def test_partners_read_the_parent_heads_of_the_lexicon():
    from extract.rules.partners import PartnerRules
    from extract.rules.units import UnitRules
    lex = {"units": {"parent_heads": ["academy"]}}
    assert PartnerRules(lex, None).parent_heads == UnitRules(lex, None).parent_heads == {"academy"}

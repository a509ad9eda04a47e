"""``GET /api/v1/ontology`` serves graph/ontology.toml, presentation included, and the loader refuses a
broken presentation entry with a SchemaError naming it (issue #12 item 5: one source for the ontology)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.app import create_app, scratch_client
from graph.errors import SchemaError
from graph.schema import NODE_SHAPES, ONTOLOGY_FILE, ontology

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "api" / "static" / "js"
GOOD = ONTOLOGY_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served() -> dict:
    with scratch_client() as c:
        r = c.get("/api/v1/ontology")
        assert r.status_code == 200 and r.mimetype == "application/json"
        return r.get_json()


def test_every_label_with_its_style(served):
    onto = ontology()
    assert [lab["name"] for lab in served["labels"]] == list(onto.labels)  # the file's (display) order
    for lab in served["labels"]:
        d = onto.labels[lab["name"]]
        assert lab["description"] == d.description
        assert lab["properties"] == list(d.properties)
        assert lab["enums"] == {k: list(v) for k, v in d.enums.items()}
        assert lab["entity"] == (lab["name"] in onto.entity_labels)
        assert lab["style"] == {"color": d.style.color, "shape": d.style.shape, "glyph": d.style.glyph}
        assert re.fullmatch("#[0-9a-f]{6}", lab["style"]["color"]) and lab["style"]["shape"] in NODE_SHAPES
        assert len(lab["style"]["glyph"]) == 1
    assert [lab["name"] for lab in served["labels"] if lab["entity"]] == list(onto.entity_labels)
    # the page's former copy, kept exactly
    city = next(lab for lab in served["labels"] if lab["name"] == "City")
    assert city["style"] == {"color": "#2563eb", "shape": "round-diamond", "glyph": "◆"}


def test_every_relation_type_with_its_phrase(served):
    onto = ontology()
    assert [r["name"] for r in served["relations"]] == list(onto.relations)
    for r in served["relations"]:
        d = onto.relations[r["name"]]
        assert r["description"] == d.description
        assert r["phrase"] == d.phrase and r["phrase"].strip()
        assert r["properties"] == list(d.properties)
        assert {(frozenset(e["source"]), frozenset(e["target"])) for e in r["endpoints"]} == set(d.endpoints)
        assert r["symmetric"] is d.symmetric and r["provenance"] is d.provenance
        for e in r["endpoints"]:
            assert all(onto.allows(s, r["name"], t) for s in e["source"] for t in e["target"])
    by_name = {r["name"]: r for r in served["relations"]}
    assert by_name["COOPERATES_WITH"]["symmetric"] is True and by_name["LOCATED_IN"]["symmetric"] is False
    assert by_name["MENTIONS"]["provenance"] is True
    assert by_name["HOLDS_POSITION"]["phrase"] == "holds position at"
    assert [n for n, r in by_name.items() if not r["provenance"]] == list(onto.path_relation_types)
    assert served["version"] == onto.version == 1


def test_documented_in_openapi_with_its_schema(served):
    with scratch_client() as c:
        spec = c.get("/api/v1/openapi.json").get_json()
    op = spec["paths"]["/api/v1/ontology"]["get"]
    assert op["tags"] == ["Ontology"] and op["summary"]
    ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schemas = spec["components"]["schemas"]
    answer = schemas[ref.rsplit("/", 1)[1]]
    assert set(answer["required"]) == {"version", "labels", "relations"} == set(served)
    label = schemas[answer["properties"]["labels"]["items"]["$ref"].rsplit("/", 1)[1]]
    assert set(label["required"]) == set(served["labels"][0])
    style = schemas[label["properties"]["style"]["$ref"].rsplit("/", 1)[1]]
    assert set(style["required"]) == {"color", "shape", "glyph"} and style["properties"]["shape"]["enum"]
    rel = schemas[answer["properties"]["relations"]["items"]["$ref"].rsplit("/", 1)[1]]
    assert set(rel["required"]) == set(served["relations"][0])
    errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
    assert errors and all("application/problem+json" in r["content"] for r in errors.values())
    assert "503" not in errors  # the store is not asked


def test_needs_no_store(tmp_path):
    # a store that cannot be opened: the ontology is answered all the same
    app = create_app({"STORE_URI": f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'g.db'}"})
    try:
        r = app.test_client().get("/api/v1/ontology")
        assert r.status_code == 200 and r.get_json()["labels"]
    finally:
        app.extensions["innograph"].close()


def test_the_page_keeps_no_copy_of_the_ontology():
    """The web page takes colours, relation types and phrases from the API: none is written in its scripts
    (its logic may still name a label, e.g. the cooperation map of a City)."""
    scripts = "\n".join(p.read_text(encoding="utf-8") for p in sorted(JS.glob("*.js")))
    scripts = re.sub(r"(?m)^\s*//.*$", "", scripts)  # comments may name them
    onto = ontology()
    assert 'get("ontology")' in scripts
    for name in onto.entity_labels:
        color = onto.labels[name].style.color
        assert color.lower() not in scripts.lower(), f"{name}'s colour {color} is copied into the page's scripts"
    for name, rel in onto.relations.items():
        assert name not in scripts, f"the relation type {name} is spelled out in the page's scripts"
        assert not re.search(f"[\"'`]{re.escape(rel.phrase)}[\"'`]", scripts), \
            f"{name}'s phrase {rel.phrase!r} is copied into the page's scripts"


# ---- a broken presentation entry is refused when the file is loaded --------------------------
PERSON_STYLE = 'style = { color = "#ea580c", shape = "ellipse", glyph = "●" }'
NEEDS_PHRASE = 'phrase = "needs"'


@pytest.mark.parametrize("mutate,named", [
    (lambda t: t.replace(PERSON_STYLE + "\n", ""), ("label Person", "no style")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { color = "#ea580c", shape = "ellipse" }'),
     ("label Person", "style.glyph is missing")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { color = "orange", shape = "ellipse", glyph = "●" }'),
     ("label Person", "style.color", "'orange'")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { color = "#ea58c", shape = "ellipse", glyph = "●" }'),
     ("label Person", "style.color")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { color = "#ea580c", shape = "blob", glyph = "●" }'),
     ("label Person", "style.shape", "'blob'")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { color = "#ea580c", shape = "ellipse", glyph = "●●" }'),
     ("label Person", "style.glyph")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { color = "#ea580c", shape = "ellipse", glyph = " " }'),
     ("label Person", "style.glyph")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { color = 15335436, shape = "ellipse", glyph = "●" }'),
     ("label Person", "style.color must be a string")),
    (lambda t: t.replace(PERSON_STYLE, 'style = { colour = "#ea580c", shape = "ellipse", glyph = "●" }'),
     ("label Person", "'colour'")),
    (lambda t: t.replace(PERSON_STYLE, 'style = "orange"'), ("label Person", "must be a table")),
    (lambda t: t.replace(PERSON_STYLE, PERSON_STYLE + '\ncolor = "#ea580c"'), ("label Person", "unknown key 'color'")),
    (lambda t: t.replace(NEEDS_PHRASE + "\n", ""), ("relation NEEDS", "no phrase")),
    (lambda t: t.replace(NEEDS_PHRASE, 'phrase = ""'), ("relation NEEDS", "phrase")),
    (lambda t: t.replace(NEEDS_PHRASE, 'phrase = " needs"'), ("relation NEEDS", "phrase")),
    (lambda t: t.replace(NEEDS_PHRASE, 'phrase = "needs\\nmore"'), ("relation NEEDS", "phrase")),
    (lambda t: t.replace(NEEDS_PHRASE, "phrase = 3"), ("relation NEEDS", "phrase must be a string")),
    (lambda t: t.replace(NEEDS_PHRASE, 'phrase = "needs"\nphrases = "needs"'), ("relation NEEDS", "'phrases'")),
], ids=["no-style", "no-glyph", "colour-name", "short-colour", "unknown-shape", "two-glyphs", "blank-glyph",
        "colour-not-string", "misspelt-style-key", "style-not-table", "style-key-on-label", "no-phrase",
        "empty-phrase", "padded-phrase", "two-line-phrase", "phrase-not-string", "misspelt-relation-key"])
def test_broken_presentation_raises_schema_error_naming_the_entry(tmp_path, mutate, named):
    broken = mutate(GOOD)
    assert broken != GOOD, "the mutation did not apply"
    path = tmp_path / "ontology.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(SchemaError) as exc:
        ontology(str(path))
    for part in named:
        assert part in str(exc.value), (part, str(exc.value))
    assert str(path) in str(exc.value)
    assert exc.value.status == 422 and exc.value.title == "Breaks the ontology"


def test_upper_case_colour_is_accepted_and_served_lower_case(tmp_path):
    path = tmp_path / "ontology.toml"
    path.write_text(GOOD.replace('color = "#ea580c"', 'color = "#EA580C"'), encoding="utf-8")
    assert ontology(str(path)).labels["Person"].style.color == "#ea580c"
    assert ontology().labels["Person"].style.color == "#ea580c"  # the cached default is untouched

"""Unit tests of the extraction components on our own short sentences, bad input, CLI and resolution."""
from __future__ import annotations

import io
import json

import pytest

from extract import extract_batch, extract_document, read_document, resolve_across
from extract.clean import clean_html, clean_text
from graph.errors import BadInput
from graph.schema import ontology


def ents(text):
    out = extract_document(text, "t.txt")
    return {(e["name"], e["type"]) for e in out["entities"]}, out


def rels(text):
    out = extract_document(text, "t.txt")
    # a relation by the entities it joins (their names); its own "source"/"target" say how the article names them
    name = {e["id"]: e["name"] for e in out["entities"]}
    return {(name.get(r["source_id"], r["source"]), r["type"], name.get(r["target_id"], r["target"])) for r in out["relations"]}, out


# -- entities -----------------------------------------------------------------------------------
ENTITY_CASES = [
    ("Jiaxing is a city in Zhejiang province.", {("Jiaxing", "City"), ("Zhejiang", "Region")}),
    ("Officials from Jilin province visited Jilin city last week.", {("Jilin", "Region"), ("Jilin", "City")}),
    ("The Ministry of Science and Technology met the Guizhou Provincial Department of Science and Technology.",
     {("Ministry of Science and Technology", "Organisation"), ("Guizhou Provincial Department of Science and Technology", "Organisation")}),
    ("Delegates came from Lanzhou University and the Gansu Academy of Sciences.",
     {("Lanzhou University", "Organisation"), ("Gansu Academy of Sciences", "Organisation")}),
    ("The forum was held in Xining, capital of Qinghai.", {("Xining", "City"), ("Qinghai", "Region")}),
    ("He visited the Yantai Economic and Technological Development Zone.",
     {("Yantai Economic and Technological Development Zone", "City")}),
    ("Experts joined the \"Green Valley Talent Partnership\" this spring.", {("Green Valley Talent Partnership", "Project")}),
    ("Businesses in 合肥 and 芜湖 cooperate.", {("Hefei", "City"), ("Wuhu", "City")}),
]


@pytest.mark.parametrize("text,expected", ENTITY_CASES)
def test_entities(text, expected):
    found, _ = ents(text)
    assert expected <= found, found


def test_acronym_defined_in_brackets_merges_with_later_use():
    found, out = ents("The Guangxi Society of Marine Engineering (GSME) met in Beihai. GSME later signed a deal.")
    gsme = [e for e in out["entities"] if "GSME" in e["mentions"]]
    assert len(gsme) == 1 and gsme[0]["name"] == "Guangxi Society of Marine Engineering"


def test_known_acronym_and_full_name_are_one_entity():
    _, out = ents("CAST said the China Association for Science and Technology would help.")
    cast = [e for e in out["entities"] if e["type"] == "Organisation"]
    assert len(cast) == 1 and {"CAST"} <= set(cast[0]["mentions"])


def test_short_and_full_person_name_are_one_entity():
    _, out = ents("Li Wenbo, director of the Kunming Institute of Botany, spoke. Li said the work would go on.")
    people = [e for e in out["entities"] if e["type"] == "Person"]
    assert len(people) == 1


def test_province_with_and_without_suffix_is_one_entity():
    _, out = ents("Hunan province signed a pact. Hunan will also host a fair.")
    assert [e["id"] for e in out["entities"] if e["type"] == "Region"] == ["region:hunan"]


# -- relations ----------------------------------------------------------------------------------
RELATION_CASES = [
    ("Zhou Ming, executive vice president of the Yunnan Association for Science and Technology, spoke.",
     ("Zhou Ming", "HOLDS_POSITION", "Yunnan Association for Science and Technology")),
    ("Yunnan Association for Science and Technology president Zhou Ming spoke.",
     ("Zhou Ming", "HOLDS_POSITION", "Yunnan Association for Science and Technology")),
    ("The forum opened in Kunming, capital of Yunnan.", ("Kunming", "LOCATED_IN", "Yunnan")),
    ("The plant is in Dali, Southwest China's Yunnan province.", ("Yunnan", "LOCATED_IN", "Southwest China")),
    ("A Kunming-based company, the Dianchi Robotics Company, grew fast.", ("Dianchi Robotics Company", "LOCATED_IN", "Kunming")),
    ("Co-hosted by the Yunnan Provincial Government and Lanzhou University, the Plateau Science Forum opened.",
     ("Lanzhou University", "ORGANISES", "Plateau Science Forum")),
    ("The Plateau Science Forum was organized by Lanzhou University.", ("Lanzhou University", "ORGANISES", "Plateau Science Forum")),
    ("Lanzhou University signed a cooperation agreement with the Gansu Academy of Sciences.",
     ("Gansu Academy of Sciences", "COOPERATES_WITH", "Lanzhou University")),
    ("The Institute of Botany of the Kunming Academy of Sciences opened a lab.",
     ("Institute of Botany of the Kunming Academy of Sciences", "PART_OF", "Kunming Academy of Sciences")),
    ("The Yunnan Association for Science and Technology launched the Plateau Talent Program.",
     ("Yunnan Association for Science and Technology", "ORGANISES", "Plateau Talent Program")),
]


@pytest.mark.parametrize("text,expected", RELATION_CASES)
def test_relations(text, expected):
    found, _ = rels(text)
    assert expected in found, found


def test_cooccurrence_is_not_a_relation():
    found, _ = rels("Kunming and Lanzhou University were both mentioned in the report about Gansu.")
    assert not found


def test_enumeration_of_participants():
    found, _ = rels('The Gansu Association for Science and Technology announced the "Silk Road Pilot Programme", '
                    'and four cities were on the list, namely Lanzhou, Tianshui, Wuwei and Jiuquan.')
    got = {s for s, t, o in found if t == "PARTICIPATES_IN"}
    assert {"Lanzhou", "Tianshui", "Wuwei", "Jiuquan"} <= got, found


def test_relations_respect_the_ontology_and_carry_evidence():
    text = "Title\n\nZhou Ming, executive vice president of the Yunnan Association for Science and Technology, spoke in Kunming."
    out = extract_document(text, "t.txt")
    assert out["relations"]
    types = {e["id"]: e["type"] for e in out["entities"]}
    for r in out["relations"]:
        assert ontology().allows(types[r["source_id"]], r["type"], types[r["target_id"]])
        assert text[r["start"]:r["end"]] == r["evidence"]
        assert 0 < r["confidence"] <= 1 and r["extractor"]
    json.dumps(out)


# -- cleaning and offsets -----------------------------------------------------------------------
def test_clean_drops_clutter_and_keeps_offsets():
    raw = ("Lanzhou hosts fair\n\nHome > News > China\nLanzhou hosts fair\nShare: Facebook | Twitter | WeChat | Email\n"
           "Lanzhou University signed a cooperation agreement with the Gansu Academy of Sciences.\n"
           "Photo by Staff\nCopyright 2024 Example News. All rights reserved.\n")
    c = clean_text(raw)
    assert c.title == "Lanzhou hosts fair"
    assert "Home" not in c.text and "Copyright" not in c.text and "Photo" not in c.text and "Share" not in c.text
    out = extract_document(raw, "x.txt")
    assert out["title"] == "Lanzhou hosts fair"
    r = out["relations"][0]
    assert raw[r["start"]:r["end"]] == r["evidence"]


def test_html_with_scripts_and_styles():
    html = ("<html><head><title>Forum news</title><style>p {color: red}</style><script>var x = '<p>Jilin</p>';</script></head>"
            "<body><nav>Home | News | About | Contact</nav><p>The forum opened in Kunming, capital of Yunnan.</p>"
            "<p>Zhou Ming &amp; friends came.</p><footer>Copyright 2024</footer></body></html>")
    c = clean_html(html)
    assert "color" not in c.text and "var x" not in c.text and "Copyright" not in c.text
    out = extract_document(html, "page.html")
    assert ("Kunming", "City") in {(e["name"], e["type"]) for e in out["entities"]}
    assert not any(e["name"] == "Jilin" for e in out["entities"])
    r = next(r for r in out["relations"] if r["type"] == "LOCATED_IN")
    assert "Kunming" in html[r["start"]:r["end"]]


# -- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [b"", b"   \n ", b"\x00\x01\x02binary\x00" * 10, b"caf\xe9 au lait \xff\xfe\xfa"])
def test_bad_bytes_give_bad_input(data):
    with pytest.raises(BadInput):
        extract_document(data, "bad.bin")


def test_read_document_errors(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x00PK\x03\x04" * 100)
    (tmp_path / "latin.txt").write_bytes("Zürich ist schön".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("\ufeffJiaxing is in Zhejiang.", encoding="utf-8")
    for name in ("bin.txt", "latin.txt", "missing.txt"):
        with pytest.raises(BadInput):
            read_document(tmp_path / name)
    text, is_html = read_document(tmp_path / "ok.txt")
    assert text.startswith("Jiaxing") and not is_html


def test_batch_goes_on_past_bad_documents():
    items = [("a.txt", "Jiaxing is in Zhejiang."), ("b.bin", b"\x00\x01\x02" * 50), ("c.txt", ""),
             ("d.txt", "Lanzhou University signed an agreement with the Gansu Academy of Sciences.")]
    out = list(extract_batch(items))
    assert [o["document"] for o in out] == ["a.txt", "b.bin", "c.txt", "d.txt"]
    assert "error" in out[1] and "error" in out[2] and "entities" in out[0] and "entities" in out[3]


def test_five_megabyte_document():
    # 5 MB of HTML, mostly scripts and styles, around real paragraphs parsed in pieces
    para = "<p>Lanzhou University signed a cooperation agreement with the Gansu Academy of Sciences in Lanzhou.</p>\n"
    junk = "<script>var a = 'Jilin Shanghai';</script><style>.x{color:red}</style>\n"
    body = (para * 40 + junk * 400) * 1000
    html = "<html><head><title>Big</title></head><body>" + body[: 5 * 1024 * 1024] + "</body></html>"
    assert len(html) > 5 * 1024 * 1024
    import extract
    old = extract.PIECE_CHARS
    out = extract_document(html, "big.html")
    assert extract.PIECE_CHARS == old
    assert out["stats"]["characters"] == len(html)
    r = next(r for r in out["relations"] if r["type"] == "COOPERATES_WITH")
    assert "Lanzhou University" in html[r["start"]:r["end"]]


def test_too_large_is_a_clean_error():
    with pytest.raises(BadInput):
        extract_document(b"a" * (extract_max() + 1), "huge.txt")


def extract_max():
    import extract
    return extract.MAX_BYTES


# -- CLI ----------------------------------------------------------------------------------------
def test_cmd_extract(tmp_path):
    from api.cli.extract import cmd_extract
    (tmp_path / "a.txt").write_text("Title\n\nJiaxing is in Zhejiang province.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    out, err = io.StringIO(), io.StringIO()
    code = cmd_extract([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], 1, out, err)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert code == 0 and len(lines) == 2 and "error" in lines[1] and "b.txt" in err.getvalue()
    out2 = io.StringIO()
    assert cmd_extract([str(tmp_path / "b.txt")], 1, out2, io.StringIO()) == 2


def test_processes_give_the_same_result():
    items = [(f"d{i}.txt", "Lanzhou University signed an agreement with the Gansu Academy of Sciences.") for i in range(6)]
    one = list(extract_batch(items, processes=1))
    two = list(extract_batch(items, processes=2, chunk_docs=2))
    assert one == two


# -- resolution across documents ----------------------------------------------------------------
def test_resolve_across_documents():
    d1 = extract_document("CAST met Zhejiang officials in Jilin province.", "1.txt")
    d2 = extract_document("The China Association for Science and Technology went to Zhejiang province and Jilin city.", "2.txt")
    docs, report = resolve_across([d1, d2])
    ids = [{e["id"] for e in d["entities"]} for d in docs]
    assert "organisation:china-association-for-science-and-technology" in ids[0] & ids[1]
    assert "region:zhejiang" in ids[0] & ids[1]
    assert "region:jilin" in ids[0] and "city:jilin" in ids[1]  # never across labels
    assert isinstance(report["merges"], list)


def test_resolve_fuzzy_is_guarded_by_label_and_threshold():
    docs = [{"document": "a", "entities": [{"id": "organisation:lanzhou-institute-of-chemical-physics", "name": "Lanzhou Institute of Chemical Physics", "type": "Organisation", "mentions": []}], "relations": []},
            {"document": "b", "entities": [{"id": "organisation:lanzhou-institute-of-chemical-physic", "name": "Lanzhou Institute of Chemical Physic", "type": "Organisation", "mentions": []},
                                            {"id": "project:lanzhou-institute-of-chemical-physics", "name": "Lanzhou Institute of Chemical Physics", "type": "Project", "mentions": []},
                                            {"id": "city:jinan", "name": "Jinan", "type": "City", "mentions": []},
                                            {"id": "city:jining", "name": "Jining", "type": "City", "mentions": []}], "relations": []}]
    docs, report = resolve_across(docs)
    merged = {(m["merged"], m["into"]) for m in report["merges"]}
    assert len(merged) == 1 and all(a.startswith("organisation:") for a, _ in merged)


def test_alias_file_can_be_extended(tmp_path):
    f = tmp_path / "aliases.tsv"
    f.write_text("Organisation\tGansu Academy of Sciences\tGAS|Gansu Sciences Academy\n", encoding="utf-8")
    docs = [{"document": "a", "entities": [{"id": "organisation:gas", "name": "GAS", "type": "Organisation", "mentions": []}], "relations": []},
            {"document": "b", "entities": [{"id": "organisation:gansu-academy-of-sciences", "name": "Gansu Academy of Sciences", "type": "Organisation", "mentions": []}], "relations": []}]
    docs, report = resolve_across(docs, alias_file=f)
    assert docs[0]["entities"][0]["id"] == docs[1]["entities"][0]["id"]
    assert report["merges"][0]["reason"].startswith("alias file")

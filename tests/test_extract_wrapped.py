"""Hard-wrapped plain text (lines cut at a fixed column): a paragraph goes on across its line breaks,
so its sentences and names are whole; evidence offsets still point into the original text.
On our own invented paragraphs."""
from __future__ import annotations

import textwrap

from extract import extract_document
from extract.clean import clean_text

P1 = ("Wang Lihua, vice president of the Hubei Association for Science and Technology, signed a "
      "cooperation agreement with Wuhan Textile University on Monday. The agreement covers joint "
      "research on new materials, training of young engineers and the transfer of patents to "
      "enterprises in Xianning.")
P2 = "Liu Jianguo, mayor of Xianning, attended the signing ceremony and spoke at the forum afterwards."
RAW = "Hubei signs deal\n\n" + textwrap.fill(P1, 72) + "\n\n" + textwrap.fill(P2, 72) + "\n"


def test_the_test_text_is_wrapped_inside_a_name():
    assert "for Science and\nTechnology" in RAW or "Science\nand Technology" in RAW


def test_wrapped_lines_are_joined_and_offsets_kept():
    c = clean_text(RAW)
    assert "Hubei Association for Science and Technology, signed" in c.text
    assert c.text.count("\n\n") == 2 and "\n" not in c.text.replace("\n\n", "")
    for word in ("Technology", "Xianning.", "afterwards", "Liu Jianguo"):
        o = c.to_original(c.text.index(word))
        assert RAW[o:o + len(word)] == word


def test_wrapped_paragraph_gives_whole_names_and_relations():
    out = extract_document(RAW, "w.txt")
    names = {e["name"] for e in out["entities"]}
    assert "Hubei Association for Science and Technology" in names
    assert "Hubei Association for Science" not in names
    rels = {(r["source"], r["type"], r["target"]): r for r in out["relations"]}
    r = rels[("Wang Lihua", "HOLDS_POSITION", "Hubei Association for Science and Technology")]
    assert r["evidence"].endswith("on Monday.")
    assert " ".join(RAW[r["start"]:r["end"]].split()) == r["evidence"]
    assert ("Liu Jianguo", "HOLDS_POSITION", "Xianning") in rels


def test_hyphen_at_a_wrap_joins_without_a_space():
    body = ("The two sides agreed on a long-term partnership to build a joint Sino-\n"
            "German laboratory for hydrogen energy in Wuhan and to train young researchers\n"
            "from both countries together in the coming five years, said the organisers.\n"
            "Funding comes from the provincial government and from the partners jointly.\n")
    c = clean_text("Hubei and Hunan agree\n\n" + body)
    assert "joint Sino-German laboratory" in c.text


def test_unwrapped_lines_and_list_items_stay_apart():
    # one paragraph per line (not wrapped): the breaks stay
    plain = "Forum opens\nThe forum opened in Wuhan on Monday with guests from 12 countries.\nPhoto by Li\n"
    assert clean_text(plain).text.count("\n") == plain.strip().count("\n") - 1  # the photo credit is clutter
    # list items in wrapped text are their own lines
    wrapped = ("The agreement names the following fields of cooperation between the two sides\n"
               "and the universities and institutes of both provinces in the next three years:\n"
               "- new materials and advanced manufacturing for the textile industry of Hubei\n"
               "- hydrogen energy and fuel cells for transport in the cities of the province\n")
    t = clean_text("Hubei and Hunan agree\n\n" + wrapped).text
    assert "two sides and the universities" in t
    assert "\n- new materials" in t and "\n- hydrogen" in t

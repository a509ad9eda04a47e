"""Session 32 (lead): mends from the review of the session's extraction rules, on our own sentences."""
from __future__ import annotations

from support.extraction import titled_rels

from extract import extract_document


def test_a_unit_noun_at_the_end_of_a_text_reads_no_token_past_it():
    # "X, a subsidiary of the" as the last words: the owner's name would start after the end of the text
    out = extract_document("A news item\n\nHengtai Glass signed a deal with Alibaba Cloud, a subsidiary of the", "t.txt")
    assert "Hengtai Glass" in {e["name"] for e in out["entities"]}


def test_proposing_is_organising_only_for_a_programme_proposed_by_a_body():
    assert not any(t == "ORGANISES" for _, t, _ in titled_rels("Xi Jinping proposed the Global Development Initiative in 2021."))
    assert ("Jiangsu Association for Science and Technology", "ORGANISES", "Innovation Jiangnan") in titled_rels(
        'The "Innovation Jiangnan" initiative, proposed by the Jiangsu Association for Science and Technology, '
        "covers 13 cities.")


def test_an_address_noun_without_a_number_is_no_address():
    for text in ("Zhejiang University will cooperate with a number of universities in Beijing.",
                 "Tianjin University signed an agreement with a number of enterprises in Shenzhen."):
        assert not any(t == "COOPERATES_WITH" and b in ("Beijing", "Shenzhen") for _, t, b in titled_rels(text))
    assert ("Xihu District", "LOCATED_IN", "Hangzhou") in titled_rels(
        "Hangzhou Lianke is located at No. 8 Wenyi Road, Xihu District, Hangzhou.")

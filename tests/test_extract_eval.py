"""Evaluation over ../shared/corpus/dev with ../shared/score.py: the floors of issue 3."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"
pytestmark = pytest.mark.skipif(not (DEV / "gold.json").exists(), reason="../shared corpus absent")


@pytest.fixture(scope="module")
def result():
    from extract.evaluate import evaluate
    return evaluate(DEV / "gold.json", DEV)


def test_entity_f1_floor(result):
    assert result["entities"][2] >= 0.85, result["entities"]


def test_relation_f1_floor(result):
    assert result["relations"][2] >= 0.60, result["relations"]


def test_cmd_eval_prints_per_type_and_worst():
    from api.cli.extract import cmd_eval
    out = io.StringIO()
    assert cmd_eval(DEV / "gold.json", DEV, out) == 0
    text = out.getvalue()
    for word in ("entities", "relations", "Organisation", "HOLDS_POSITION", "worst documents",
                 "development part", "validation part", "gap (development F1 - validation F1)", "confidence band"):
        assert word in text


def test_parts_are_scored_apart_with_the_gap_and_bands(result):
    parts = result["parts"]
    assert set(parts) == {"development", "validation"}
    assert parts["development"]["documents"] + parts["validation"]["documents"] == result["documents"]
    assert result["gap"]["relations"] == round(parts["development"]["relations"][2] - parts["validation"]["relations"][2], 3)
    for p in parts.values():
        assert {"COOPERATES_WITH", "HOLDS_POSITION"} <= set(p["per_type"]["relations"])
        bands = {b["band"]: b for b in p["bands"]}
        assert ">=0.8" in bands and "0.8-0.9" in bands
    # the worst documents come from the development part only: validation is a score
    assert all(d["document"].startswith("innov_0") for d in result["worst"])


def test_part_of_names():
    from extract.evaluate import part_of
    assert part_of("innov_041.txt") == "development"
    assert part_of("innov_104.txt") == part_of("innov_310.txt") == "validation"

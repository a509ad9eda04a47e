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
    for word in ("entities", "relations", "Organisation", "HOLDS_POSITION", "worst documents"):
        assert word in text

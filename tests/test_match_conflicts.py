"""Matching a matchmaker can defend (issue 17): no expert is recommended to their own enterprise,
the excluded are listed apart with the reason, and explanations name the specific link, the same
on both stores."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from graph.match import match_enterprises, match_experts

HENGTAI = "Jiaxing Hengtai New Materials Co., Ltd."


@pytest.fixture(scope="module")
def reference(tmp_path_factory, sample_dir, repo_dir):
    """The sample data ingested once into SQLite (extraction runs once), and its json export."""
    from graph.store import open_store
    from ingest import ingest_paths
    tmp = tmp_path_factory.mktemp("match")
    uri = f"sqlite:///{tmp / 'ref.db'}"
    ref = open_store(uri)
    summary = ingest_paths(ref, [str(sample_dir)], rejects_path=str(tmp / "ref.rej"), root=str(repo_dir))
    assert summary["rejected"] == 0, summary
    buf = io.StringIO()
    ref.export("json", buf)
    yield ref, json.loads(buf.getvalue()), uri
    ref.close()


@pytest.fixture
def sample_store(store, reference):
    """``store`` (either backend) holding the same graph as the reference, by import."""
    store.import_json(reference[1])
    return store


def _explained(answer: dict, role: str = "expert") -> list:
    return [(m[role]["id"], m["score"], m["reasons"],
             [[n["id"] for n in p["nodes"]] for p in m["paths"]]) for m in answer["matches"]]


def test_conflicts_excluded_with_reason_and_specific_explanation(sample_store, reference):
    answer = match_experts(sample_store, HENGTAI, k=10)
    ranked = [m["expert"]["id"] for m in answer["matches"]]
    excluded = {x["expert"]["id"]: x for x in answer["excluded"]}
    # Shen Jiayi is Hengtai's general manager (registered as an expert with it): not a match
    assert "person:shen-jiayi" not in ranked
    why = excluded["person:shen-jiayi"]
    assert why["reason"] == "is registered with the enterprise itself (general manager)"
    assert why["relations"][0]["type"] == "HOLDS_POSITION"
    assert why["relations"][0]["target"] == answer["enterprise"]["id"]
    assert why["relations"][0]["evidence"], "the exclusion shows its evidence"
    # ... and the filter can be turned off
    unfiltered = match_experts(sample_store, HENGTAI, k=10, conflicts=False)
    assert "person:shen-jiayi" in [m["expert"]["id"] for m in unfiltered["matches"]]
    assert unfiltered["excluded"] == []
    # the other way round: Hengtai is not an enterprise to recommend to its own manager
    other = match_enterprises(sample_store, "Shen Jiayi", k=10)
    assert answer["enterprise"]["id"] not in [m["enterprise"]["id"] for m in other["matches"]]
    assert [x["enterprise"]["id"] for x in other["excluded"]] == [answer["enterprise"]["id"]]

    # Gu Shiqiang leads the Hengtai Academician Workstation: that is the reason, not the hubs
    gu = next(m for m in answer["matches"] if m["expert"]["id"] == "person:gu-shiqiang")
    prox = next(p for p in gu["paths"] if p["explains"] == "proximity")
    assert [n["name"] for n in prox["nodes"][1:-1]] == ["Hengtai Academician Workstation"]
    assert "2 hops via Hengtai Academician Workstation" in gu["reasons"]
    for m in answer["matches"]:
        for p in m["paths"]:
            if p["explains"] == "proximity":
                assert "project:innovation-china" not in [n["id"] for n in p["nodes"]] or p["hub_cost"] > 0

    # the same explanations on both stores (and after a json round trip)
    ref = reference[0]
    assert _explained(answer) == _explained(match_experts(ref, HENGTAI, k=10))
    assert answer["excluded"] == match_experts(ref, HENGTAI, k=10)["excluded"]
    assert _explained(other, "enterprise") == _explained(match_enterprises(ref, "Shen Jiayi", k=10), "enterprise")


def test_cli_lists_excluded_and_include_conflicts(reference, repo_dir):
    uri = reference[2]

    def run(*extra):
        return subprocess.run([sys.executable, "-m", "api.cli", "match", "experts", "--enterprise", HENGTAI,
                               "--store", uri, *extra], capture_output=True, text=True, cwd=repo_dir)
    text = run()
    assert text.returncode == 0, text.stderr
    assert "excluded for a conflict of interest" in text.stdout
    assert "Shen Jiayi (person:shen-jiayi): is registered with the enterprise itself" in text.stdout
    data = json.loads(run("--json").stdout)
    assert [x["expert"]["id"] for x in data["excluded"]] == ["person:shen-jiayi"]
    data = json.loads(run("--json", "--include-conflicts").stdout)
    assert data["excluded"] == [] and "person:shen-jiayi" in [m["expert"]["id"] for m in data["matches"]]

"""README "Using the graph from Cypher": each of its queries is a file of cypher/ (readme_*), shown
verbatim in the README, and gives on the sample data what the store's own API says."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from support import open_neo4j, require_store

from graph.schema import ontology
from graph.store.cypher import query
from ingest import ingest_paths

REPO = Path(__file__).resolve().parent.parent
QUERIES = ("readme_shortest_path", "readme_relations_of", "readme_enterprises_in", "readme_participants",
           "readme_document_evidence")


def _body(name: str) -> str:
    return "\n".join(line for line in query(name).splitlines() if not line.startswith("//")).strip()


def test_the_readme_shows_each_query_as_it_is_run():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using the graph from Cypher", 1)[1].split("\n## ", 1)[0]
    shown = re.findall(r"```cypher\n(.*?)\n```", section, re.S)
    assert shown == [_body(n) for n in QUERIES]


def test_the_queries_use_only_ontology_labels_and_types_and_no_bookkeeping():
    onto = ontology()
    allowed = set(onto.entity_labels) | set(onto.relations) | {"Entity", "Document"}
    for name in QUERIES:
        body = _body(name)
        used = set(re.findall(r"[(\[|]\w*:(\w+)", body)) | set(re.findall(r"\|(\w+)", body))
        assert used <= allowed, (name, used - allowed)
        assert "_" not in "".join(re.findall(r"[.:](_\w+)", body)), name


@pytest.fixture(scope="module")
def sample(request, tmp_path_factory):
    require_store(request, "neo4j")
    mp = pytest.MonkeyPatch()
    store = open_neo4j(request, mp)
    store.clear()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        ingest_paths(store, ["data/sample"], rejects_path=os.devnull)
    finally:
        os.chdir(cwd)
    ents = {e.id: e for e in store.iter_entities()}
    rels = list(store.iter_relations())
    yield store, ents, rels
    store.clear()
    store.close()
    mp.undo()


def _run(store, qname: str, **params) -> list[dict]:
    with store._session() as s:
        return [r.data() for r in s.run(query(qname), params)]


def _one(ents, label: str, name: str):
    found = [e for e in ents.values() if e.label == label and e.name == name]
    assert len(found) == 1, (label, name, found)
    return found[0]


@pytest.mark.neo4j
def test_shortest_path_over_typed_relations(sample):
    store, ents, _ = sample
    a = _one(ents, "Organisation", "Jiaxing Ruiguang Photoelectric Technology Co., Ltd")
    b = _one(ents, "Organisation", "Tsinghua University")
    rows = _run(store, "readme_shortest_path", **{"from": a.name, "to": b.name})
    want = store.paths(a.id, b.id, k=1, max_hops=6)[0]
    assert len(rows) == 1
    assert rows[0]["names"][0] == a.name and rows[0]["names"][-1] == b.name
    assert len(rows[0]["types"]) == len(want["edges"]) >= 2
    assert set(rows[0]["types"]) <= set(ontology().path_relation_types)


@pytest.mark.neo4j
def test_an_entitys_relations_with_their_sentences(sample):
    store, ents, rels = sample
    city = _one(ents, "City", "Jiaxing")
    rows = _run(store, "readme_relations_of", name=city.name)
    want = sorted((r.type, ents[r.target if r.source == city.id else r.source].name,
                   tuple(e.sentence for e in r.evidence), tuple(e.document for e in r.evidence))
                  for r in rels if city.id in (r.source, r.target))
    assert len(want) >= 5
    assert sorted((r["type"], r["other"], tuple(r["sentences"]), tuple(r["sources"])) for r in rows) == want
    assert [r["documents"] for r in rows] == sorted((r["documents"] for r in rows), reverse=True)


@pytest.mark.neo4j
def test_enterprises_in_a_city(sample):
    store, ents, rels = sample
    city = _one(ents, "City", "Jiaxing")
    want = sorted(ents[r.source].name for r in rels if r.type == "LOCATED_IN" and r.target == city.id
                  and ents[r.source].properties.get("kind") == "enterprise")
    assert len(want) >= 3
    assert [r["enterprise"] for r in _run(store, "readme_enterprises_in", city=city.name)] == want


@pytest.mark.neo4j
def test_cities_of_a_programme_with_role_and_year(sample):
    store, ents, rels = sample
    project = _one(ents, "Project", "Innovation China")
    want = sorted(((r.properties.get("year"), ents[r.source].name, r.properties.get("role")) for r in rels
                   if r.type == "PARTICIPATES_IN" and r.target == project.id and ents[r.source].label == "City"),
                  key=lambda t: (t[0] is None, t[0] or 0, t[1]))
    assert len(want) >= 5 and any(role for _, _, role in want)
    rows = _run(store, "readme_participants", project=project.name)
    assert [(r["year"], r["city"], r["role"]) for r in rows] == want


@pytest.mark.neo4j
def test_what_a_document_says_with_offsets(sample):
    store, ents, rels = sample
    by_doc: dict[str, list] = {}
    for r in rels:
        for e in r.evidence:
            by_doc.setdefault(e.document, []).append(
                (ents[r.source].name, r.type, ents[r.target].name, e.sentence, e.start, e.end))
    doc = max((d for d in by_doc if any(x[4] is not None for x in by_doc[d])), key=lambda d: (len(by_doc[d]), d))
    rows = _run(store, "readme_document_evidence", document=doc)
    assert sorted((r["source"], r["type"], r["target"], r["sentence"], r["start"], r["end"]) for r in rows) == \
        sorted((s, t, o, sent, -1 if a is None else a, -1 if b is None else b) for s, t, o, sent, a, b in by_doc[doc])
    assert len(rows) >= 3 and all(r["start"] >= 0 for r in rows)

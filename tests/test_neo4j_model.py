"""The native Neo4j model (graph/store/neo4j_model.py): properties are Neo4j properties, evidence is
queryable as parallel lists, bookkeeping lives under "_" labels, and a store written by the first
layout (JSON in ``n.props``, ``:Key`` nodes ...) is migrated when it is opened.

The first-layout store of tests/data/neo4j_model1_store.json was written by the model-1 code (the
commit before the native model) from four sample files plus one entity and relation with values
Neo4j cannot hold as themselves, a review verdict and a watch: its raw nodes and relationships
and its export then. The model-2 store of tests/data/neo4j_model2_store.json (evidence keys in
``_ev_keys``, one unique ``_EvSource`` per document) was written by the model-2 code (commit
2cf2306) from four sample files plus a second document's evidence for one of their relations: its
raw nodes and relationships, its export, and its exports after retracting two documents in turn."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from support import open_neo4j

from graph.errors import StoreUnavailable
from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.store.neo4j_model import MODEL

FIXTURE = Path(__file__).resolve().parent / "data" / "neo4j_model1_store.json"
FIXTURE2 = Path(__file__).resolve().parent / "data" / "neo4j_model2_store.json"
OLD_LABELS = ("Key", "EvSource", "Note", "Watch")


def _export(store) -> dict:
    buf = io.StringIO()
    store.export("json", buf)
    return json.loads(buf.getvalue())


def _rows(store, text: str, **params) -> list[dict]:
    with store._session() as s:
        return [r.data() for r in s.run(text, params)]


def _load_model1(store) -> dict:
    """Write the raw model-1 store of the fixture into the (cleared) Neo4j of ``store``."""
    return _load_raw(store, FIXTURE, ["CREATE CONSTRAINT innograph_key IF NOT EXISTS FOR (k:Key) "
                                      "REQUIRE (k.label, k.key) IS UNIQUE"])


def _load_raw(store, fixture: Path, schema: list[str]) -> dict:
    """Write the raw nodes and relationships of ``fixture`` into the (cleared) Neo4j of ``store``,
    after the ``schema`` statements of the layout that wrote them."""
    old = json.loads(fixture.read_text(encoding="utf-8"))
    store.clear()
    with store._session() as s:
        s.run("MATCH (m:_Meta) DELETE m").consume()
        for text in schema:
            s.run(text).consume()
        s.run("UNWIND $rows AS row CREATE (n) SET n = row.props, n:$(row.labels), n._eid = row.eid",
              rows=old["nodes"]).consume()
        s.run("UNWIND $rows AS row MATCH (a {_eid: row.start}), (b {_eid: row.end}) "
              "CREATE (a)-[r:$(row.type)]->(b) SET r = row.props", rows=old["relationships"]).consume()
        s.run("MATCH (n) WHERE n._eid IS NOT NULL REMOVE n._eid").consume()
    return old


@pytest.fixture
def neo4j(neo4j_empty):
    """The empty Neo4jStore of conftest.py under this module's name for it."""
    return neo4j_empty


@pytest.mark.neo4j
def test_a_model1_store_is_migrated_on_open_and_answers_as_before(neo4j, request, monkeypatch):
    old = _load_model1(neo4j)
    assert _rows(neo4j, "MATCH (n:Entity) WHERE n.props IS NOT NULL RETURN count(n) AS c")[0]["c"] > 50
    store = open_neo4j(request, monkeypatch)  # opening it migrates it
    with store:
        assert store.migrated["entities"] > 50 and store.migrated["relations"] > 50
        assert _export(store) == old["export"]
        # nothing of the first layout is left
        for label in OLD_LABELS:
            assert _rows(store, "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS c", label=label)[0]["c"] == 0
        assert _rows(store, "MATCH ()-[r:KEY_OF]->() RETURN count(r) AS c")[0]["c"] == 0
        assert _rows(store, "MATCH (n) WHERE n.props IS NOT NULL OR n.stated IS NOT NULL RETURN count(n) AS c")[0]["c"] == 0
        assert _rows(store, "MATCH ()-[r]->() WHERE r.ev IS NOT NULL OR r.props IS NOT NULL "
                            "OR r.ev_keys IS NOT NULL RETURN count(r) AS c")[0]["c"] == 0
        names = {r["name"] for r in _rows(store, "SHOW CONSTRAINTS YIELD name")}
        assert "innograph_key" not in names and "innograph_v2_key" in names
        # properties are native now
        lab = _rows(store, "MATCH (o:Organisation {name: 'Mixed Values Lab'})-[r:LOCATED_IN]->(c:City) "
                           "RETURN o.kind AS kind, o.ratios AS ratios, r.since AS since, r.weight AS weight, "
                           "r.ev_starts AS starts, r.ev_confidences AS conf")
        assert lab == [{"kind": "institute", "ratios": [0.5, 1.5], "since": 2021, "weight": 1, "starts": [10],
                        "conf": [0.75]}]
        # what the store wrote before still dedupes: the same evidence again changes nothing
        org = next(n["id"] for n in old["export"]["nodes"] if n["name"] == "Mixed Values Lab")
        key = next(k for k in store.get_relations([(org, "LOCATED_IN", e["id"]) for e in old["export"]["nodes"]
                                                  if e["type"] == "City"]))
        rel = store.get_relations([key])[key]
        store.upsert(Batch([], [Relation(rel.source, rel.type, rel.target, {}, list(rel.evidence))], []))
        assert _export(store) == old["export"]
        assert store._load_watches() and store._notes_get("relation")
    again = open_neo4j(request, monkeypatch)  # a migrated store opens without migrating
    with again:
        assert again.migrated is None


@pytest.mark.neo4j
def test_a_model2_store_is_migrated_on_open_and_answers_and_retracts_as_before(neo4j, request, monkeypatch):
    old = _load_raw(neo4j, FIXTURE2, [  # model 2's schema: one unique _EvSource per document
        "DROP INDEX innograph_v3_evsource_id IF EXISTS",
        "CREATE CONSTRAINT innograph_v2_evsource_id IF NOT EXISTS FOR (s:_EvSource) REQUIRE s.id IS UNIQUE"])
    assert _rows(neo4j, "MATCH ()-[r]->() WHERE r._ev_keys IS NOT NULL RETURN count(r) AS c")[0]["c"] > 30
    store = open_neo4j(request, monkeypatch)  # opening it migrates it
    with store:
        assert store.migrated == {"from": 2}
        assert _export(store) == old["export"]
        assert _rows(store, "MATCH ()-[r]->() WHERE r._ev_keys IS NOT NULL RETURN count(r) AS c")[0]["c"] == 0
        assert _rows(store, "MATCH (m:_Meta) RETURN m.model AS m") == [{"m": MODEL}]
        assert "innograph_v2_evsource_id" not in {r["name"] for r in _rows(store, "SHOW CONSTRAINTS YIELD name")}
        assert "innograph_v3_evsource_id" in {r["name"] for r in _rows(store, "SHOW INDEXES YIELD name")}

        def sources(doc=None):
            return _rows(store, "MATCH (s:_EvSource) WHERE $doc IS NULL OR s.id = $doc RETURN count(s) AS c",
                         doc=doc)[0]["c"]
        # what model 2 wrote still dedupes: its evidence again changes nothing, nor the index
        n_sources = sources()
        rels = store.get_relations([(e["source"], e["type"], e["target"]) for e in old["export"]["edges"]])
        store.upsert(Batch([], [Relation(r.source, r.type, r.target, {}, list(r.evidence)) for r in rels.values()], []))
        assert _export(store) == old["export"] and sources() == n_sources
        # retraction reads the migrated index
        first, second = old["retract"]
        store.retract_document(first)
        assert _export(store) == old["retracted"][0] and sources(first) == 0
        # evidence of `second` for one more relation: a second _EvSource of it (append-only), and
        # retracting `second` removes the evidence indexed by both, as model 2 did by one
        extra = next(e for e in old["retracted"][0]["edges"] if all(x["document"] != second for x in e["evidence"]))
        store.upsert(Batch([], [Relation(extra["source"], extra["type"], extra["target"], {},
                                         [Evidence(second, "One more sentence.", 0, 18, "test", 0.5, "2024-05-06")])], []))
        assert sources(second) == 2
        store.retract_document(second)
        assert _export(store) == old["retracted"][1] and sources(second) == 0
    again = open_neo4j(request, monkeypatch)  # a migrated store opens without migrating
    with again:
        assert again.migrated is None


@pytest.mark.neo4j
def test_a_store_of_a_newer_model_is_refused_with_what_to_do(neo4j, request, monkeypatch):
    with neo4j._session() as s:
        s.run("MATCH (m:_Meta {id: 'innograph'}) SET m.model = 99").consume()
    try:
        with pytest.raises(StoreUnavailable, match="newer InnoGraph.*upgrade"):
            open_neo4j(request, monkeypatch)
    finally:
        with neo4j._session() as s:
            s.run("MATCH (m:_Meta {id: 'innograph'}) SET m.model = $model", model=MODEL).consume()


@pytest.mark.neo4j
def test_properties_and_evidence_are_neo4j_properties(neo4j):
    org = Entity.new("Organisation", "Ruiguang Photoelectric", properties={
        "kind": "enterprise", "codes": [1, "x"], "weight": "heavy", "_secret": 1, "ev_x": "y", "founded": 2019})
    city = Entity.new("City", "Jiaxing")
    ev = [Evidence("document:a.txt", "Ruiguang is in Jiaxing.", 0, 23, "rule", 0.8, "2022-01-02"),
          Evidence("document:b.txt", "", None, None, "record", 1.0, "")]
    rel = Relation(org.id, "LOCATED_IN", city.id, {"since": 2020, "weight": 7, "tags": ["a", "b"]}, ev)
    neo4j.upsert(Batch([org, city], [rel], [Document("document:a.txt", "news", "A", "", "2022-01-02", "h",
                                                     {org.id, city.id})]))
    rows = _rows(neo4j, "MATCH (o:Organisation)-[r:LOCATED_IN]->(c:City {name: 'Jiaxing'}) WHERE o.kind = 'enterprise' "
                        "RETURN o.founded AS founded, o.weight AS ow, o._props AS extra, r.since AS since, r.weight AS weight, "
                        "r.tags AS tags, r.ev_docs AS docs, r.ev_sentences AS sentences, r.ev_starts AS starts, "
                        "r.ev_ends AS ends, r.ev_dates AS dates, r.ev_confidences AS conf, r.ev_extractors AS ex")
    assert len(rows) == 1
    row = rows[0]
    assert json.loads(row.pop("extra")) == {"codes": [1, "x"], "_secret": 1, "ev_x": "y"}
    assert row == {"founded": 2019, "ow": "heavy", "since": 2020, "weight": 2, "tags": ["a", "b"],
                   "docs": ["document:a.txt", "document:b.txt"], "sentences": ["Ruiguang is in Jiaxing.", ""],
                   "starts": [0, -1], "ends": [23, -1], "dates": ["2022-01-02", ""], "conf": [0.8, 1.0],
                   "ex": ["rule", "record"]}
    # everything round-trips exactly, the user's "weight" included, and the store's weight is its own
    got = neo4j.get_relations([rel.key])[rel.key]
    assert got.properties == {"since": 2020, "weight": 7, "tags": ["a", "b"]} and got.evidence == ev
    assert neo4j.get_entity(org.id).properties == org.properties
    # bookkeeping is under "_" labels only; no data node or relationship type starts with "_"
    labels = {label for r in _rows(neo4j, "MATCH (n) RETURN DISTINCT labels(n) AS l") for label in r["l"]}
    assert {"_Key", "_EvSource", "_Meta", "Entity", "Document"} <= labels
    assert not labels & set(OLD_LABELS)


@pytest.mark.neo4j
def test_fuzzy_search_on_a_large_store_uses_the_fulltext_index_of_keys(neo4j):
    import time

    from graph.store.neo4j import Neo4jStore

    names = ["Guiyang Big Data Expert Station", "Hengtai Academician Workstation", "Keqiao Textile Centre"]
    neo4j.upsert(Batch([Entity.new("Organisation", n) for n in names], [], []))
    big = Neo4jStore(neo4j.uri, fuzzy_scan_limit=0)  # every search goes through the fulltext index
    with big:
        deadline = time.monotonic() + 10  # the index is updated after commit (eventually consistent)
        while True:
            hits = [h["name"] for h in big.search("hengtai acadmician")]
            if hits or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert hits and hits[0] == "Hengtai Academician Workstation"

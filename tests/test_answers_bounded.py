"""Answers bounded in size and confusable names flagged (ISSUE 19, deliverables 7 and 8), on both
stores: an edge carrying thousands of evidence items shows the first 20 and the total in path and
match answers, the rest paged through /entities/{id}/relations; a name mixing look-alike alphabets
carries ``confusable: true`` wherever it is shown."""
from __future__ import annotations

from graph.limits import EVIDENCE_SHOWN
from graph.match import match_experts
from graph.model import Batch, Document, Entity, Evidence, Relation

N_EV = 3000


def heavy_batch() -> Batch:
    org = Entity.new("Organisation", "Hub Institute")
    person = Entity.new("Person", "Shen Mingyu")
    firm = Entity.new("Organisation", "Needy Co.", properties={"kind": "enterprise"})
    topic = Entity.new("Topic", "photonics")
    ev = [Evidence(f"document:r{i}.csv:2", f"record {i}", extractor="test", confidence=1.0) for i in range(N_EV)]
    docs = [Document(f"document:r{i}.csv:2", "registration") for i in range(N_EV)]
    rels = [Relation.new(person, "HOLDS_POSITION", org, evidence=ev),
            Relation.new(person, "FOCUSES_ON", topic, evidence=ev),
            Relation.new(firm, "NEEDS", topic, evidence=ev)]
    return Batch([org, person, firm, topic], rels, docs)


def test_path_and_match_answers_cap_evidence(store):
    store.upsert(heavy_batch())
    ans = store.path_answer("Shen Mingyu", "Hub Institute", k=1, max_hops=2)
    [edge] = ans["paths"][0]["edges"]
    assert len(edge["evidence"]) == EVIDENCE_SHOWN and edge["evidence_total"] == N_EV
    got = match_experts(store, "Needy Co.", k=1)
    edges = [e for m in got["matches"] for p in m["paths"] for e in p["edges"]]
    assert edges and all(len(e["evidence"]) <= EVIDENCE_SHOWN and e["evidence_total"] == N_EV for e in edges)


def test_the_rest_of_the_evidence_pages_through_relations(store):
    from api.app import create_app

    store.upsert(heavy_batch())
    app = create_app({"STORE_URI": store.uri})
    try:
        c = app.test_client()
        r = c.get("/api/v1/paths?from=Shen Mingyu&to=Hub Institute")
        assert r.status_code == 200 and len(r.data) < 20_000
        assert r.get_json()["paths"][0]["edges"][0]["evidence_total"] == N_EV
        seen = []
        for offset in range(0, N_EV, 500):
            r = c.get(f"/api/v1/entities/Hub Institute/relations?evidence_limit=500&evidence_offset={offset}")
            [rel] = r.get_json()["relations"]
            assert rel["evidence_total"] == N_EV
            seen += [e["sentence"] for e in rel["evidence"]]
        assert len(seen) == N_EV and len(set(seen)) == N_EV
        assert c.get("/api/v1/entities/Hub Institute/relations?evidence_limit=501").status_code == 422
    finally:
        app.extensions["innograph"].close()


def test_confusable_names_are_flagged(store):
    real = Entity.new("Organisation", "Zhejiang University")
    fake = Entity.new("Organisation", "Zhejiang Universit\u0443")  # Cyrillic у
    city = Entity.new("City", "Hangzhou")
    ev = [Evidence("document:x.txt", "s", extractor="test", confidence=0.9)]
    store.upsert(Batch([real, fake, city], [Relation.new(real, "LOCATED_IN", city, evidence=ev),
                                            Relation.new(fake, "LOCATED_IN", city, evidence=ev)],
                       [Document("document:x.txt", "news")]))
    assert real.id != fake.id
    hood = store.neighbours("Hangzhou")
    flags = {n["name"]: n.get("confusable", False) for n in hood["nodes"]}
    assert flags == {"Zhejiang University": False, "Zhejiang Universit\u0443": True}
    ans = store.path_answer(fake.id, real.id, k=1, max_hops=2)
    assert ans["from"]["confusable"] is True and "confusable" not in ans["to"]

"""Match explanations never come from a graph older than the request (issue 15: one search per
request over the store's in-memory graph; on Neo4j a projection re-read after any committed write),
on both stores: a new link, and more documents behind an existing one, show in the next answer even
with the match index built before the write."""
from __future__ import annotations

from graph.match import MatchIndex, match_experts
from graph.model import Batch, Entity, Evidence, Relation


def _ev(doc: str) -> list[Evidence]:
    return [Evidence(f"document:{doc}", f"sentence of {doc}", extractor="test", confidence=1.0)]


def test_a_write_shows_in_the_next_match(store):
    firm = Entity.new("Organisation", "Fresh Materials Co.", properties={"kind": "enterprise"})
    expert, topic = Entity.new("Person", "Zhao Fresh"), Entity.new("Topic", "fresh coatings")
    lab = Entity.new("Organisation", "Fresh Coatings Lab")
    store.upsert(Batch([firm, expert, topic], [Relation.new(firm, "NEEDS", topic, evidence=_ev("f1")),
                                               Relation.new(expert, "FOCUSES_ON", topic, evidence=_ev("f2"))]))
    index = MatchIndex.build(store)
    before = match_experts(store, firm.id, k=3, index=lambda: index)["matches"][0]
    assert before["proximity"] == 0.0

    store.upsert(Batch([firm, expert, lab], [Relation.new(firm, "COOPERATES_WITH", lab, evidence=_ev("f3")),
                                             Relation.new(expert, "HOLDS_POSITION", lab, evidence=_ev("f4"))]))
    linked = match_experts(store, firm.id, k=3, index=lambda: index)["matches"][0]
    prox = [p for p in linked["paths"] if p["explains"] == "proximity"]
    assert [n["id"] for n in prox[0]["nodes"]] == [firm.id, lab.id, expert.id]
    assert linked["proximity"] > 0

    # the same relation backed by one more document (no new node, no new relation): cheaper path
    store.upsert(Batch([firm, lab], [Relation.new(firm, "COOPERATES_WITH", lab, evidence=_ev("f5"))]))
    stronger = match_experts(store, firm.id, k=3, index=lambda: index)["matches"][0]
    assert stronger["proximity"] > linked["proximity"]

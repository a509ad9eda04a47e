"""Retraction and change remove what only the retracted or changed document stated (ISSUE 19,
deliverable 8; the hostile cases: a relation kept the date, ref and topic only a retracted record
gave it; a person kept a title after the changed file no longer stated it), on both stores."""
from __future__ import annotations

from graph.ids import document_id
from ingest import ingest_upload

COOP = "record_type,party_a,party_a_type,party_b,party_b_type,date,topic,ref\n"


def rel_props(store, a, b):
    [rel] = [r for r in store.iter_relations() if {r.source, r.target} == {a, b} and r.type == "COOPERATES_WITH"]
    return rel.properties


def test_retracting_a_record_removes_the_properties_only_it_gave(store, tmp_path):
    rj = tmp_path / "r.jsonl"
    ingest_upload(store, "a.csv", (COOP + "cooperation,Alpha Institute,Organisation,Beta University,Organisation,"
                                   "2020-05-01,photonics,\n").encode(), rejects_path=rj)
    ingest_upload(store, "b.csv", (COOP + "cooperation,Alpha Institute,Organisation,Beta University,Organisation,"
                                   "2021-06-02,,REF-9\n").encode(), rejects_path=rj)
    a, b = store.get("Alpha Institute").id, store.get("Beta University").id
    assert rel_props(store, a, b) == {"date": "2021-06-02", "topic": "photonics", "ref": "REF-9", "valid_from": "2021-06-02"}
    store.retract_document(document_id("b.csv:2"))
    assert rel_props(store, a, b) == {"date": "2020-05-01", "topic": "photonics", "valid_from": "2020-05-01"}  # ref went; date is a's again
    store.retract_document(document_id("a.csv:2"))
    assert [r for r in store.iter_relations() if r.type == "COOPERATES_WITH"] == []


def test_a_changed_file_no_longer_stating_a_title_removes_it(store, tmp_path):
    rj = tmp_path / "r.jsonl"
    head = "record_type,name,affiliation,title,city\n"
    ingest_upload(store, "experts.csv", (head + "expert,Shen Mingyu,Zhejiang University,professor,Hangzhou\n").encode(),
                  rejects_path=rj)
    ingest_upload(store, "other.csv", (head + "expert,Shen Mingyu,Tianjin University,,Tianjin\n").encode(),
                  rejects_path=rj)
    person = store.get("Shen Mingyu")
    before = {k: v for k, v in person.properties.items()}
    titled = [r for r in store.iter_relations() if r.type == "HOLDS_POSITION" and r.properties.get("title")]
    assert titled or before.get("title") == "professor"
    s = ingest_upload(store, "experts.csv", (head + "expert,Shen Mingyu,Zhejiang University,,Hangzhou\n").encode(),
                      rejects_path=rj)
    assert s["replaced"] == 1
    person = store.get("Shen Mingyu")
    assert "title" not in person.properties
    assert not [r for r in store.iter_relations() if r.type == "HOLDS_POSITION" and r.properties.get("title")]


def test_a_retraction_after_a_merge_removes_what_only_the_retracted_document_stated(store, tmp_path):
    """The merged-away node's relations move to the survivor; what a document stated about them
    moves too, so retracting that document recomputes the merged relation."""
    rj = tmp_path / "r.jsonl"
    ingest_upload(store, "a.csv", (COOP + "cooperation,Gamma Photonics Lab,Organisation,Beta University,Organisation,"
                                   ",,REF-9\n").encode(), rejects_path=rj)
    ingest_upload(store, "b.csv", (COOP + "cooperation,Alpha Institute,Organisation,Beta University,Organisation,"
                                   "2021-06-02,photonics,\n").encode(), rejects_path=rj)
    alpha, gamma, beta = (store.get(n).id for n in ("Alpha Institute", "Gamma Photonics Lab", "Beta University"))
    store.merge_entities(alpha, gamma)
    assert rel_props(store, alpha, beta)["ref"] == "REF-9"
    assert "b.csv" in " ".join(d.id for d in store.documents_mentioning(alpha))
    store.retract_document(document_id("a.csv:2"))
    assert rel_props(store, alpha, beta) == {"date": "2021-06-02", "topic": "photonics", "valid_from": "2021-06-02"}

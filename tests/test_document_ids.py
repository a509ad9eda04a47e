"""Document ids that cannot collide (ISSUE 19, deliverable 1), on both stores: file names that differ
only in case or punctuation are distinct documents, a second ingest reports everything unchanged, and
a store written under the old folded ids is migrated by the next ingest of the same folder."""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from graph.ids import document_id, is_legacy_document_id, legacy_document_id
from graph.model import Batch
from ingest import ingest_paths
from ingest.news import news_batch
from ingest.regfiles import parse_records
from ingest.registrations import record_to_batch

HEADER = "record_type,name,city\n"
FIRMS = {"a_b.csv": "enterprise,Alpha Works Co.,Jiaxing\n", "a-b.csv": "enterprise,Beta Works Co.,Hangzhou\n",
         "A.B.csv": "enterprise,Gamma Works Co.,Ningbo\n", "sub/a b.csv": "enterprise,Delta Works Co.,Shaoxing\n"}
NEWS = {"Report 1.txt": "Pact\n\nAlpha Institute cooperates with Beta University.\n",
        "report_1.txt": "Second pact\n\nGamma Institute cooperates with Delta University.\n"}


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for name, row in FIRMS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(HEADER + row, encoding="utf-8")
    for name, text in NEWS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def ingest(store, root: Path, tmp_path: Path) -> dict:
    return ingest_paths(store, [str(root)], root=root, rejects_path=tmp_path / "rejects.jsonl")


def test_names_differing_in_case_or_punctuation_are_distinct_documents(store, tmp_path):
    root = folder(tmp_path)
    first = ingest(store, root, tmp_path)
    assert (first["ingested"], first["replaced"], first["retracted"]) == (6, 0, 0)
    ids = {d.id for d in store.iter_documents()}
    assert ids == {document_id(f"{n}:2") for n in FIRMS} | {document_id(n) for n in NEWS}
    assert store.stats()["documents"] == 6
    for firm in ("Alpha Works Co.", "Beta Works Co.", "Gamma Works Co.", "Delta Works Co."):
        assert store.get(firm) is not None, firm
    for _ in range(2):  # it settles: every later run changes nothing
        again = ingest(store, root, tmp_path)
        assert (again["unchanged"], again["ingested"], again["replaced"], again["retracted"]) == (6, 0, 0, 0)
    doc = store.get_document(document_id("sub/a b.csv:2"))
    assert doc is not None and doc.title == "sub/a b.csv:2"


def _legacy(batch: Batch) -> Batch:
    """The batch as the old code wrote it: every document id folded (lower case, punctuation to '-')."""
    rename = {d.id: legacy_document_id(d.id.removeprefix("document:")) for d in batch.documents}
    rels = [dataclasses.replace(r, evidence=[dataclasses.replace(e, document=rename.get(e.document, e.document))
                                             for e in r.evidence]) for r in batch.relations]
    docs = [dataclasses.replace(d, id=rename[d.id]) for d in batch.documents]
    return Batch(batch.entities, rels, docs)


def write_old_store(store, root: Path) -> None:
    from extract import extract_document

    for name, row in FIRMS.items():
        if name in ("A.B.csv", "a-b.csv"):  # collided with a_b.csv (read last) under the old ids
            continue
        data = (HEADER + row).encode()
        for line, rec in parse_records(name, data, "csv"):
            store.upsert(_legacy(record_to_batch(rec, name, line)))
    for name, text in NEWS.items():
        if name == "report_1.txt":
            continue
        data = text.encode()
        result = extract_document(text, name)
        store.upsert(news_batch(result, legacy_document_id(name), hashlib.sha256(data).hexdigest()))


def test_a_store_written_with_folded_ids_is_migrated(store, tmp_path):
    root = folder(tmp_path)
    write_old_store(store, root)
    old_ids = {d.id for d in store.iter_documents()}
    assert len(old_ids) == 3 and all(is_legacy_document_id(i) for i in old_ids)
    first = ingest(store, root, tmp_path)
    # two stored documents are unchanged (moved to their new ids); the folded id the three colliding
    # files shared is replaced by the first of them (A.B.csv), and all three are stored apart
    assert (first["unchanged"], first["migrated"], first["ingested"], first["replaced"]) == (2, 2, 4, 1)
    ids = {d.id for d in store.iter_documents()}
    assert not any(is_legacy_document_id(i) for i in ids) and len(ids) == 6
    assert all(e.document in ids for r in store.iter_relations() for e in r.evidence)
    again = ingest(store, root, tmp_path)
    assert (again["unchanged"], again["migrated"], again["ingested"], again["replaced"], again["retracted"]) == \
        (6, 0, 0, 0, 0)

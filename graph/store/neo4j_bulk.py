"""First load of a large graph into an EMPTY Neo4j at bulk speed (``innograph ingest --bulk``).

The graph comes resolved and merged already (graph/store/memory.py: the shared write path run in
memory), so Neo4j only has to create it: entities with their native properties and match keys
(_Key nodes), relations with their properties and parallel evidence lists (graph/store/neo4j_model.py),
documents with their MENTIONS and the _EvSource evidence index, each as ``UNWIND`` over
chunks of rows sent from here into ``CALL { … } IN n CONCURRENT TRANSACTIONS OF m ROWS``
(cypher/bulk_*.cypher). What it writes is exactly what the per-batch write path of
graph/store/neo4j_write.py would have left (same node and relationship properties, same keys), so the
store then behaves, and exports, as after ``innograph ingest``. Relations and documents touch
shared nodes (a supernode is in many batches), so two concurrent batches may deadlock: such a
batch reports itself failed (``ON ERROR CONTINUE``) and its rows are sent again, one transaction at a time.

>>> _shared_keys([{"id": "a", "keys": ["x", "y"], "label": "City"}, {"id": "b", "keys": ["y"], "label": "City"}])
[{'label': 'City', 'key': 'y', 'ids': ['a', 'b']}]
"""
from __future__ import annotations

import time
from collections import Counter

from neo4j import Query

from graph.errors import BadInput
from graph.schema import ontology
from graph.store.cypher import query, translated
from graph.store.neo4j_write import _dumps, _entity_map, _keys_of, _relation_map, _sources

CHUNK = 20_000      # rows sent per query
TX_ROWS = 1_000     # rows per inner transaction
CONCURRENCY = 4     # concurrent inner transactions


def _shared_keys(rows: list[dict]) -> list[dict]:
    """Keys held by more than one entity (taken out of the entity rows, written by bulk_keys)."""
    count = Counter((r["label"], k) for r in rows for k in r["keys"])
    shared = {lk for lk, n in count.items() if n > 1}
    if not shared:
        return []
    ids: dict[tuple, list[str]] = {}
    for r in rows:
        keep = []
        for k in r["keys"]:
            if (r["label"], k) in shared:
                ids.setdefault((r["label"], k), []).append(r["id"])
            else:
                keep.append(k)
        r["keys"] = keep
    return [{"label": lk[0], "key": lk[1], "ids": sorted(v)} for lk, v in sorted(ids.items())]


class BulkWriter:
    """Writes a MemoryGraph into the empty Neo4j of ``store`` (a Neo4jStore)."""

    def __init__(self, store, *, chunk: int = CHUNK, tx_rows: int = TX_ROWS, concurrency: int = CONCURRENCY,
                 progress=None):
        self.store, self.chunk, self.tx_rows, self.concurrency = store, chunk, tx_rows, concurrency
        self.progress = progress or (lambda step, done, total: None)
        self.retried = 0

    def _send(self, name: str, rows: list[dict], *, concurrency: int | None = None) -> list[int]:
        """Run the bulk query ``name`` over ``rows`` in chunks; the indexes of rows that failed."""
        failed = []
        text = query(name)
        for i in range(0, len(rows), self.chunk):
            part = rows[i:i + self.chunk]
            params = {"rows": part, "size": self.tx_rows, "concurrency": concurrency or self.concurrency}
            with translated(f"bulk {name}", self.store.write_timeout), self.store._session() as s:
                res = s.run(Query(text, timeout=self.store.write_timeout), params)
                failed += [i + rec["i"] for rec in res if "i" in rec.keys()]
            self.progress(name, min(i + self.chunk, len(rows)), len(rows))
        return failed

    def _send_retrying(self, name: str, rows: list[dict]) -> None:
        failed = self._send(name, rows)
        for attempt in range(5):
            if not failed:
                return
            self.retried += len(failed)
            rows = [rows[i] for i in failed]
            failed = self._send(name, rows, concurrency=1)
            time.sleep(0.1 * attempt)
        if failed:
            raise BadInput(f"{len(failed)} rows of {name} failed five times", where="bulk load")

    def write(self, graph) -> dict:
        """Write every entity, relation and document of ``graph``; timings per step."""
        with translated("bulk load", self.store.timeout), self.store._session() as s:
            if not s.run(Query(query("bulk_empty"))).single()["empty"]:
                raise BadInput("a bulk load writes into an empty store only (this one holds a graph); "
                               "use innograph ingest without --bulk", where="--bulk")
        onto = ontology()
        t = {}
        start = time.monotonic()
        ents = []
        for e in graph.entities.values():
            onto.check_entity_label(e.label, e.id)
            ents.append({"id": e.id, "label": e.label, "keys": sorted(_keys_of(e.label, e.aliases)),
                         "props": _entity_map(e.id, e.label, e.name, e.aliases, e.properties)})
        shared = _shared_keys(ents)
        rels = []
        for r in graph.relations.values():
            onto.check_relation_type(r.type, r.source)
            rels.append({"source": r.source, "type": r.type, "target": r.target,
                         "props": _relation_map(r.properties, r.evidence)})
        docs = [{"id": d.id, "kind": d.kind, "title": d.title, "url": d.url, "published": d.published,
                 "sha256": d.sha256, "mentions": sorted(d.mentions),
                 "stated": _dumps(d.stated) if d.stated else None} for d in graph.documents.values()]
        sources = _sources(graph.relations.values())
        t["rows_s"] = time.monotonic() - start
        for name, rows, retrying in (("bulk_entities", ents, False), ("bulk_keys", shared, False),
                                     ("bulk_relations", rels, True), ("bulk_documents", docs, True),
                                     ("bulk_sources", sources, False)):
            step = time.monotonic()
            if rows:
                (self._send_retrying if retrying else self._send)(name, rows)
            t[f"{name[5:]}_s"] = time.monotonic() - step
        t = {k: round(v, 3) for k, v in t.items()}
        return {"entities": len(ents), "relations": len(rels), "documents": len(docs), "retried_rows": self.retried,
                "seconds": round(time.monotonic() - start, 3), "steps": t}

"""``innograph ingest PATH... --bulk``: the first load of a large graph into an empty store.

The files are read exactly as ``ingest`` reads them (ingest/session.py, over an in-memory store:
graph/store/memory.py), so that entity resolution, merges and the summary are those of an ingest;
then the resolved graph is written in one go: into Neo4j by concurrent batched transactions
(graph/store/neo4j_bulk.py), into the embedded store by its batched upsert without resolving again.
The store must be empty; the result is the graph ``innograph ingest`` of the same files makes
(export equal). Use it for the ``*.extract.jsonl`` output of ``innograph extract --out``: articles
would be extracted here, in this process.
"""
from __future__ import annotations

import gc
import os
import sys
import time

from graph.errors import BadInput
from graph.model import Batch
from graph.store.memory import MemoryGraph
from ingest.files import document_name, walk
from ingest.session import Ingest

BATCH = 5000


def _embedded_write(store, graph) -> dict:
    """The embedded store: batched upserts of the resolved graph (ids trusted as resolved)."""
    if store.stats()["documents"] or any(store.stats()["nodes"].values()):
        raise BadInput("a bulk load writes into an empty store only; use innograph ingest without --bulk",
                       where="--bulk")
    start = time.monotonic()
    ents, rels, docs = list(graph.entities.values()), list(graph.relations.values()), list(graph.documents.values())
    for i in range(0, len(ents), BATCH):
        store.upsert(Batch(ents[i:i + BATCH]), resolve=False)
    for i in range(0, len(rels), BATCH):
        store.upsert(Batch([], rels[i:i + BATCH]), resolve=False)
    for i in range(0, len(docs), BATCH):
        store.upsert(Batch([], [], docs[i:i + BATCH]), resolve=False)
    return {"entities": len(ents), "relations": len(rels), "documents": len(docs),
            "seconds": round(time.monotonic() - start, 3)}


def _write_notes(store, graph) -> int:
    """The resolution records of the run (why nodes merged, which names joined a node:
    graph/store/review.py) into the store, as ingest leaves them; how many."""
    for kind, items in sorted(graph.notes.items()):
        if items:
            store._notes_put(kind, items)
    return sum(len(v) for v in graph.notes.values())


def bulk_ingest(store, paths, *, rejects_path=None, progress: bool = False, root=None, import_files=None) -> dict:
    """Ingest ``paths`` into the empty ``store`` in bulk; the ingest summary plus ``bulk`` timings.
    With ``import_files`` (a folder) and no store: write the files of ``neo4j-admin database import``
    there instead (graph/store/neo4j_import.py).

    The cycle collector is paused for the load: the in-memory graph is millions of long-lived
    objects that each of its full passes would walk again, and it holds no garbage cycles worth
    freeing before the load ends (the collector's next pass after it takes what is left)."""
    was = gc.isenabled()
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        return _bulk_ingest(store, paths, rejects_path=rejects_path, progress=progress, root=root,
                            import_files=import_files)
    finally:
        gc.unfreeze()
        if was:
            gc.enable()


def _bulk_ingest(store, paths, *, rejects_path, progress, root, import_files) -> dict:
    started, cpu = time.monotonic(), time.process_time()
    problems: list[tuple[str, str]] = []
    ignored = []
    files = walk(paths, problems, ignored)
    graph = MemoryGraph()
    run = Ingest(graph, rejects_path=rejects_path or (_rejects_beside(store) if store is not None
                                                      else os.path.join(import_files, "ingest.rejects.jsonl")))
    for raw, reason in problems:
        run.reject(raw, None, reason, unreadable=True)
    for f in ignored:
        run.skip(document_name(f, root))
    skip = {os.path.abspath(run.rejects_path)}
    for f in files:
        if os.path.abspath(f) not in skip:
            run.file(f, document_name(f, root))
    summary = run.finish()  # resolution's second pass (graph/resolution.py) is part of resolving
    resolved, resolved_cpu = time.monotonic() - started, time.process_time() - cpu
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=0, unit="row", desc="bulk", file=sys.stderr, leave=False, dynamic_ncols=True, delay=1.0)

    def tick(step, done, total):
        if bar is not None:
            bar.set_description(f"bulk {step[5:]}")
            bar.total, bar.n = total, done
            bar.refresh()

    t, c = time.monotonic(), time.process_time()
    try:
        if import_files is not None:
            from graph.store.neo4j_import import write_import_files

            written = write_import_files(graph, import_files)
        elif hasattr(store, "_driver"):
            from graph.store.neo4j_bulk import BulkWriter

            written = BulkWriter(store, progress=tick).write(graph)
            written["notes"] = _write_notes(store, graph)
        else:
            written = _embedded_write(store, graph)
            written["notes"] = _write_notes(store, graph)
    finally:
        if bar is not None:
            bar.close()
    written["seconds"], written["cpu_seconds"] = round(time.monotonic() - t, 3), round(time.process_time() - c, 3)
    summary["seconds"] = round(time.monotonic() - started, 3)
    summary["bulk"] = dict(written, resolve_seconds=round(resolved, 3), resolve_cpu_seconds=round(resolved_cpu, 3),
                           relations=len(graph.relations),
                           relations_per_s=round(len(graph.relations) / max(summary["seconds"], 1e-9), 1))
    return summary


def _rejects_beside(store):
    from ingest.report import rejects_path_for

    return rejects_path_for(store)

"""Loading a large test graph into an empty store through the bulk write path (``innograph ingest
--bulk``'s: the batches resolved in memory, graph/store/memory.py, then written in a few big
transactions, graph/store/neo4j_bulk.py) instead of one write transaction per batch. The graph it
makes is the one the same upserts make (tests/test_scale_bulk.py checks that, export and index)."""
from __future__ import annotations


def bulk_load(store, batches) -> None:
    """Write ``batches`` (graph.model.Batch) into the empty ``store``: in bulk on Neo4j, by upsert
    on the embedded store (whose bulk path is no faster for a test graph)."""
    if not hasattr(store, "_driver"):
        for b in batches:
            store.upsert(b)
        return
    from graph.store.memory import MemoryGraph
    from graph.store.neo4j_bulk import BulkWriter
    from ingest.bulk import _write_notes

    graph = MemoryGraph()
    for b in batches:
        graph.upsert(b)
    BulkWriter(store).write(graph)
    _write_notes(store, graph)

"""The Neo4j store's write locks, on a real server: re-setting a label a node already has (the form of
cypher/lock_nodes.cypher, document_lock.cypher and the ON MATCH of write_lock/resolve_lock) holds the
node's write lock until the transaction ends, so a second writer of that node waits for it; and it
writes nothing to the node."""
from __future__ import annotations

import threading
import time

import pytest
from neo4j import exceptions as nx
from support import open_neo4j, require_store

from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.store.cypher import query


@pytest.fixture
def neo(request, monkeypatch):
    require_store(request, "neo4j")
    s = open_neo4j(request, monkeypatch)
    s.clear()
    ev = Evidence("document:doc-a", "Alpha Institute cooperates with Beta Company.")
    s.upsert(Batch([Entity("organisation:alpha", "Organisation", "Alpha Institute"),
                    Entity("organisation:beta", "Organisation", "Beta Company")],
                   [Relation("organisation:alpha", "COOPERATES_WITH", "organisation:beta", {}, [ev])],
                   [Document("document:doc-a", "news", "Alpha and Beta")]))
    try:
        yield s
    finally:
        s.close()


def _held_then_tried(store, first: tuple[str, dict], second: tuple[str, dict], hold: float = 1.5) -> float:
    """Seconds the second transaction waited for its lock while the first held its own for ``hold``."""
    locked, waited = threading.Event(), {}

    def holder():
        with store._driver.session(database=store.database) as s, s.begin_transaction() as tx:
            assert list(tx.run(query(first[0]), first[1]))
            locked.set()
            time.sleep(hold)
            tx.commit()

    t = threading.Thread(target=holder)
    t.start()
    assert locked.wait(30)
    started = time.monotonic()
    with store._driver.session(database=store.database) as s, s.begin_transaction() as tx:
        assert list(tx.run(query(second[0]), second[1]))
        waited["s"] = time.monotonic() - started
        tx.commit()
    t.join()
    return waited["s"]


def test_entity_lock_makes_a_second_writer_wait(neo):
    lock = ("lock_nodes", {"ids": ["organisation:alpha"]})
    assert _held_then_tried(neo, lock, lock) >= 1.0


def test_entity_lock_is_per_node(neo):
    assert _held_then_tried(neo, ("lock_nodes", {"ids": ["organisation:alpha"]}),
                            ("lock_nodes", {"ids": ["organisation:beta"]})) < 1.0


def test_document_lock_makes_a_second_writer_wait(neo):
    lock = ("document_lock", {"doc": "document:doc-a"})
    assert _held_then_tried(neo, lock, lock) >= 1.0


def test_a_lock_writes_nothing_to_the_node(neo):
    before = neo.get_entity("organisation:alpha")
    with neo._driver.session(database=neo.database) as s:
        got = s.run(query("lock_nodes"), {"ids": ["organisation:alpha"]}).single()["locked"]
        props = s.run("MATCH (n:Entity {id: $id}) RETURN properties(n) AS p, labels(n) AS l",
                      id="organisation:alpha").single()
    assert got == 1
    assert not any(k.startswith("_lock") for k in props["p"])
    assert sorted(props["l"]) == ["Entity", "Organisation"]
    assert neo.get_entity("organisation:alpha") == before


def test_a_lock_wait_ends_with_the_servers_timeout_not_a_silent_write(neo):
    """A writer that cannot get the lock within its transaction timeout fails; it never proceeds unlocked."""
    locked, release = threading.Event(), threading.Event()

    def holder():
        with neo._driver.session(database=neo.database) as s, s.begin_transaction() as tx:
            tx.run(query("lock_nodes"), {"ids": ["organisation:alpha"]}).consume()
            locked.set()
            release.wait(30)
            tx.rollback()

    t = threading.Thread(target=holder)
    t.start()
    assert locked.wait(30)
    try:
        with pytest.raises((nx.TransientError, nx.ClientError)):
            with neo._driver.session(database=neo.database) as s, s.begin_transaction(timeout=1.0) as tx:
                tx.run(query("lock_nodes"), {"ids": ["organisation:alpha"]}).consume()
    finally:
        release.set()
        t.join()

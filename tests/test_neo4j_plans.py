"""The plans of the Neo4j store's write queries do not depend on what the store holds, on a real
server: relations_lookup (the relation read after write_lock) expands from the source to the seeked target
(VarLengthExpand(Into)) whatever the statistics say. A plan made while the store held a hundred
entities or more and few or no relationships (entities seeded first, or a store between the two
statements of cypher/clear.cypher) used to seek the target on its own and hash-join it with every
path of length 1 from the source (NodeHashJoin over VarLengthExpand(All)); cached and reused as the
store grew, its hash tables grew with the supernodes' degree (227 MB of query memory for the 5,000
keys of one batch of the 20k bench), the way to the server's 512 MiB transaction memory limit
(MemoryPoolOutOfMemoryError on every retry until Neo4j replans). Without the aggregation that
relations_lookup.cypher puts before the expansion, three of the four states below plan the hash join."""
from __future__ import annotations

import pytest

from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.store.cypher import query, statements

KEY = ["organisation:alpha", "COOPERATES_WITH", "organisation:beta"]


def _operators(plan: dict) -> list[str]:
    out = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def _write_lock_plan(store) -> list[str]:
    """The operators of relations_lookup planned now, on the store's current statistics."""
    with store._driver.session(database=store.database) as s:
        summary = s.run("CYPHER replan=force EXPLAIN " + query("relations_lookup"),
                        {"batch": {"keys": [KEY]}}).consume()
    return _operators(summary.plan)


def _entities_only(store) -> None:
    """A few hundred entities (their keys and a document's mentions), no relation between them: a
    store seeded with entities first (under about a hundred entities the planner expands Into)."""
    entities = [Entity(f"organisation:x{i}", "Organisation", f"Xeno Company {i}") for i in range(300)]
    store.upsert(Batch([Entity("organisation:alpha", "Organisation", "Alpha Institute"),
                        Entity("organisation:beta", "Organisation", "Beta Company"), *entities], [],
                       [Document("document:doc-a", "news", "Alpha and Beta",
                                 mentions={"organisation:alpha", "organisation:beta"})]))


def _with_relation(store) -> None:
    _entities_only(store)
    store.upsert(Batch([], [Relation(*KEY, {}, [Evidence("document:doc-a", "Alpha cooperates with Beta.")])], []))


def _relationships_deleted(store) -> None:
    """Nodes kept, every relationship deleted: the store between the two statements of
    cypher/clear.cypher (and the statistics a plan made then keeps until Neo4j replans it)."""
    _with_relation(store)
    with store._driver.session(database=store.database) as s:
        s.run(statements("clear")[0]).consume()


@pytest.mark.parametrize("state", [None, _entities_only, _with_relation, _relationships_deleted],
                         ids=["empty", "entities-only", "related", "relationships-deleted"])
def test_write_lock_expands_into_the_target_whatever_the_store_holds(neo4j_empty, state):
    if state is not None:
        state(neo4j_empty)
    ops = _write_lock_plan(neo4j_empty)
    assert "VarLengthExpand(Into)" in ops, ops
    assert not {"NodeHashJoin", "ValueHashJoin", "VarLengthExpand(All)", "CartesianProductOfExpansions"} & set(ops), ops
    assert not [o for o in ops if "AllRelationshipsScan" in o or "AllNodesScan" in o], ops

"""Opening a Neo4j store written by an older InnoGraph: its layout is brought to the native model
(graph/store/neo4j_model.py) on open, or the store is refused with what to do.

The first layout (model 1, before the (:_Meta) node existed) kept every entity's and relation's
properties as one JSON string (``n.props``, ``r.props``), evidence as a list of JSON strings
(``r.ev``, ``r.ev_keys``), and its bookkeeping under the labels ``:Key`` (linked by ``KEY_OF``),
``:EvSource``, ``:Note`` and ``:Watch``. The migration relabels those (``:_Key``, ``_KEY_OF``,
``:_EvSource``, ``:_Note``, ``:_Watch``) in auto-commit batches, then converts the JSON page by
page of 1,000 entities (their properties and the relations leaving them, one write transaction a
page) and drops the old constraints. Model 2 kept a copy of each evidence item's dedupe key on the
relationship (``_ev_keys``) and one ``:_EvSource`` node per document (unique on ``id``); model 3
drops the keys (the write path compares the evidence lists themselves) and lets the evidence index
grow append-only, several nodes per document (``migrate_v3.cypher``: the constraint becomes a
plain index, ``_ev_keys`` removed in auto-commit batches). Either older model ends in
``model = 3``, recorded last. Every step is idempotent, so a migration interrupted half way
finishes on the next open. A store of a newer model is refused.
A store just made by the import tool (graph/store/neo4j_import.py) gets, on its first open, the
evidence lists of empty strings the tool cannot carry (``migrate_imported.cypher``).
"""
from __future__ import annotations

import json
import logging

from neo4j import Query

from graph.errors import StoreUnavailable
from graph.model import Evidence
from graph.store.cypher import statements, translated
from graph.store.neo4j_model import MODEL, entity_props, evidence_lists, relation_props

log = logging.getLogger(__name__)
PAGE = 1000


def _evidence(d: dict) -> Evidence:
    """An evidence item from its model-1 JSON (written before dates were kept: no date)."""
    return Evidence(d["document"], d.get("sentence") or "", d.get("start"), d.get("end"), d.get("extractor") or "",
                    float(d.get("confidence", 1.0)), d.get("date") or "")


def _relation_row(rec: dict) -> dict:
    props = json.loads(rec["props"] or "{}")
    ev = [_evidence(json.loads(x)) for x in rec["ev"] or ()]
    lists = evidence_lists(ev)
    return {"eid": rec["eid"], "props": {**relation_props(props), **lists, "weight": len({e.document for e in ev})}}


def _statements(store, name: str) -> None:
    """Run each statement of cypher/<name>.cypher in its own auto-commit transaction."""
    with translated("migrate", store.write_timeout):
        for text in statements(name):
            with store._session() as s:
                s.run(Query(text, timeout=store.write_timeout)).consume()


def ensure_model(store) -> dict | None:
    """Migrate ``store`` (a Neo4jStore whose schema exists) to this model if it holds an older one;
    the counts of what was converted, or None when there was nothing to do. Raises
    StoreUnavailable for a store written by a newer InnoGraph."""
    rec = store._read("meta_get")[0]
    model = rec["model"]
    if model is not None and int(model) > MODEL:
        raise StoreUnavailable(f"this Neo4j store was written by a newer InnoGraph (model {model}; this one "
                               f"reads model {MODEL}): upgrade InnoGraph, or open an empty database", where="store")
    if model is not None and int(model) == MODEL:
        if rec["imported"]:
            _statements(store, "migrate_imported")
        return None
    if model is not None:  # model 2
        log.warning("migrating the Neo4j store %r from model %s to model %d (append-only evidence index)",
                    store, model, MODEL)
        if rec["imported"]:
            _statements(store, "migrate_imported")
        _statements(store, "migrate_v3")
        store._write_tx(lambda tx: store._run(tx, "meta_set", model=MODEL), "migrate")
        return {"from": int(model)}
    if not rec["old"]:
        store._write_tx(lambda tx: store._run(tx, "meta_set", model=MODEL), "migrate")
        return None
    log.warning("migrating the Neo4j store %r from model 1 to model %d (JSON properties to native ones)",
                store, MODEL)
    _statements(store, "migrate_labels")
    counts = {"entities": 0, "relations": 0}
    after = ""
    while True:
        page = store._read("migrate_page", after=after, page=PAGE)[0]
        if page["last"] is None:
            break
        batch = {"entities": [{"id": e["id"], "props": entity_props(json.loads(e["props"] or "{}"))}
                              for e in page["entities"]],
                 "relations": [_relation_row(r) for r in page["relations"]]}
        if batch["entities"] or batch["relations"]:
            store._write_tx(lambda tx, batch=batch: store._run(tx, "migrate_apply", batch=batch), "migrate")
        counts["entities"] += len(batch["entities"])
        counts["relations"] += len(batch["relations"])
        after = page["last"]
    _statements(store, "migrate_drop_old")
    _statements(store, "migrate_v3")
    store._write_tx(lambda tx: store._run(tx, "meta_set", model=MODEL), "migrate")
    log.warning("migrated the Neo4j store: %s", counts)
    return counts

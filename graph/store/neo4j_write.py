"""The write path of the Neo4j store (a mixin of graph/store/neo4j.py): entity resolution under
match-key locks, upsert, merge, retraction and clear, with the rows their queries take.

Every upsert is ONE managed write transaction (``_atomically``), retried by the driver on transient
errors such as deadlocks, of one query per kind of work the batch has, whatever its size (up to
``CHUNK`` rows a list): ``resolve_lock`` locks every (label, match key) of the batch in sorted order (creating its
_Key node if new; _Key is unique on (label, key)) and reads which ids exist (the batch's entities,
the endpoints of its relations and the entities its documents mention) and which ids hold those
keys, so that a concurrent writer naming the same new entity by another surface form waits and then
sees this one's node; ``write_lock`` locks, in id order, every entity the batch touches (a lock
is taken by setting a label the node already has: no property is written), creating the new ones
whole (linked to their match keys); ``relations_lookup`` reads which of the batch's relations
exist (not looking for those with an endpoint just created); the merge of aliases, properties and
evidence into what is stored is done in Python under those locks, and the ``apply_*`` queries write
it, each only when it has rows: the merged entities, the new relations, the merged ones, the
evidence document index (_EvSource) and the documents, in the native model of graph/store/neo4j_model.py (no JSON but ``_props`` for values Neo4j cannot hold
and the documents' ``_stated``). A mention that bridges several stored nodes merges them in the
same transaction first (``_merge``).

>>> _lock_rows(["b", "a", "b"])
[{'id': 'a', 'props': None, 'read': True}, {'id': 'b', 'props': None, 'read': True}]
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable

from neo4j import Query

from graph.errors import BadInput, NotFound, StoreUnavailable
from graph.ids import match_keys
from graph.model import Document, Entity, Evidence, Relation
from graph.schema import ontology
from graph.store.base import merge_evidence, merge_props
from graph.store.cypher import statements, translated
from graph.store.neo4j_model import (
    DUMPS,
    KEY_DUMPS,
    RELATION_FIELDS,
    entity_props,
    evidence_lists,
    evidence_of,
    props_of,
    relation_props,
)

CHUNK = 5000  # rows per UNWIND (per call of write_lock, relations_lookup, apply_*) inside one transaction


_DUMPS = DUMPS
_KEY_DUMPS = KEY_DUMPS


def _dumps(value) -> str:
    return _DUMPS(value)


def _entity(rec) -> Entity:
    """An entity from a record of id, label, name, aliases and ``props``, its Neo4j property map."""
    return Entity(rec["id"], rec["label"], rec["name"], set(rec["aliases"] or ()), props_of(rec["props"]))


def _relation(rec) -> Relation:
    """A relation from a record of source, type, target and ``props``, its Neo4j property map."""
    stored = rec["props"] or {}
    return Relation(rec["source"], rec["type"], rec["target"], props_of(stored, RELATION_FIELDS), evidence_of(stored))


def _document(rec) -> Document:
    return Document(rec["id"], rec["kind"] or "news", rec["title"] or "", rec["url"] or "", rec["published"] or "",
                    rec["sha256"] or "", set(rec["mentions"] or ()), json.loads(rec["stated"] or "{}"))


def _evidence_lists(evidence: list[Evidence]) -> dict:
    """The parallel evidence lists stored on a relationship (graph/store/neo4j_model.py)."""
    return evidence_lists(evidence)


def _relation_map(props: dict, evidence: list[Evidence]) -> dict:
    """Every Neo4j property of a relationship: its properties, weight and evidence lists."""
    return {**relation_props(props), **evidence_lists(evidence), "weight": len({e.document for e in evidence})}


def _entity_map(ent_id: str, label: str, name: str, aliases, props: dict) -> dict:
    """Every Neo4j property of an entity node."""
    return {**entity_props(props), "id": ent_id, "label": label, "name": name, "aliases": sorted(aliases)}


def _sources(relations: Iterable[Relation], old: dict | None = None) -> list[dict]:
    """_EvSource rows: for each evidence document, the keys (JSON) of the relations it backs. Given
    ``old`` ({key: stored property map with ``ev_docs``}, write_lock), a stored relation counts only
    for the documents new to it: the index already holds it for the others (the evidence index is
    append-only, model 3: a document's index is the union of its nodes).

    >>> r = Relation("a", "COOPERATES_WITH", "b", {}, [Evidence("d1", "s"), Evidence("d2", "t")])
    >>> _sources([r], {r.key: {"ev_docs": ["d1"]}})
    [{'doc': 'd2', 'keys': ['["a", "COOPERATES_WITH", "b"]']}]
    """
    by_doc: dict[str, set[str]] = {}
    old = old or {}
    for r in relations:
        if r.evidence:
            key = _KEY_DUMPS(list(r.key))
            stored = old.get(r.key)
            known = set(stored.get("ev_docs") or ()) if stored is not None else ()
            for e in r.evidence:
                if e.document in known:
                    continue
                keys = by_doc.get(e.document)
                if keys is None:
                    keys = by_doc[e.document] = set()
                keys.add(key)
    return [{"doc": d, "keys": sorted(keys)} for d, keys in sorted(by_doc.items())]


@functools.lru_cache(maxsize=1 << 16)
def _match_keys(label: str, alias: str) -> frozenset[str]:
    """graph.ids.match_keys, remembered (a batch asks for the keys of each alias more than once)."""
    return frozenset(match_keys(label, alias))


def _keys_of(label: str, aliases: Iterable[str]) -> set[str]:
    return {k for a in aliases for k in _match_keys(label, a)}


def _entity_row(e: Entity, stored: dict) -> dict | None:
    """The row of apply_entities that merges ``e`` into its ``stored`` state (read under the
    lock: id, label, name, aliases and ``props``, the node's property map); None when that changes
    nothing."""
    old_aliases = set(stored["aliases"] or ())
    old_props = props_of(stored["props"])
    props = merge_props(old_props, e.properties)
    aliases = old_aliases | e.aliases
    if aliases == old_aliases and props == old_props:
        return None
    return {"id": e.id, "props": _entity_map(stored["id"], stored["label"], stored["name"], aliases, props),
            "keys": sorted(_keys_of(e.label, aliases) - _keys_of(e.label, old_aliases))}


def _relation_rows(relations: list[Relation], old: dict) -> dict[str, list[dict]]:
    """apply_created / apply_appended / apply_sources rows merging ``relations`` given the stored properties of those that exist:
    ``created`` (every property of the new relationship), ``appended`` (its merged properties and
    the evidence to add where new) and the evidence index ``sources`` (documents new to a relation)."""
    created, appended = [], []
    for r in relations:
        if r.key in old:
            props = merge_props(props_of(old[r.key], RELATION_FIELDS), r.properties)
            appended.append({"eid": old[r.key]["_eid"], "props": relation_props(props),
                             "ev": evidence_lists(r.evidence)})
        else:
            created.append({"source": r.source, "type": r.type, "target": r.target,
                            "props": _relation_map(r.properties, r.evidence)})
    return {"created": created, "appended": appended, "sources": _sources(relations, old)}


def _lock_rows(ids: Iterable[str]) -> list[dict]:
    """write_lock rows that lock (and read) stored entities without creating any."""
    return [{"id": i, "props": None, "read": True} for i in sorted(set(ids))]



class Neo4jWriter:
    """The write half of Neo4jStore (which provides ``_run``, ``_read``, ``_write_tx``, ``_session``,
    ``_snapshot``, ``_local`` and ``write_timeout``)."""

    def _lock(self, tx, ids: Iterable[str]) -> None:
        """Take the write lock of these entities (in id order) for the rest of ``tx``."""
        ids = sorted(set(ids))
        for i in range(0, len(ids), CHUNK):
            self._run(tx, "lock_nodes", ids=ids[i:i + CHUNK])

    def _atomically(self, work):
        """Run ``work()`` (entity resolution, merges and the write) in one managed write transaction,
        retried by the driver on transient errors such as deadlocks; every query the store runs in
        this thread meanwhile joins it (see ``_read_tx``). ``_resolve`` locks the match keys it reads
        first, so concurrent writers naming one new entity serialise on its keys."""
        if getattr(self._local, "tx", None) is not None:
            return work()

        def unit(tx):
            self._local.tx, self._local.known = tx, None
            try:
                return work()
            finally:
                self._local.tx = self._local.known = None

        return self._write_tx(unit, "upsert")

    def _resolve(self, entities, batch=None, judged=None):
        """GraphStore._resolve, with everything it reads fetched in one query first
        (``resolve_lock``): inside the write transaction it takes the write lock of every
        (label, match key) of the batch, in sorted order, creating the Key nodes that do not exist
        yet (unique on (label, key)), then reads the existing ids and every id behind those keys.
        Inside the transaction the same query reads which endpoints and mentioned entities of the
        batch exist, kept for the rest of it (``_existing_labels``: no round trip of its own)."""
        in_tx = getattr(self._local, "tx", None) is not None
        asked = {e.id for e in entities}
        if in_tx and batch is not None:
            asked |= {x for r in batch.relations for x in (r.source, r.target)}
            asked |= {m for d in batch.documents for m in d.mentions}
        if not asked:
            return super()._resolve(entities, batch, judged)
        with self._snapshot() as snap:
            snap.keys = {(e.label, k) for e in entities for a in e.aliases for k in _match_keys(e.label, a)}
            snap.ids = {e.id for e in entities}
            rec = self._read("resolve_lock" if in_tx else "resolve_lookup",
                             batch={"ids": sorted(asked), "keys": sorted(map(list, snap.keys))})[0]
            snap.labels = dict(map(tuple, rec["existing"]))
            if in_tx:
                self._local.known = (asked, dict(snap.labels))
            for label, key, node_ids in rec["found"]:
                snap.found.setdefault(label, {})[key] = sorted(node_ids)
            return super()._resolve(entities, batch, judged)

    def _lookup_keys(self, label, keys):
        """{key: every id of ``label`` having it, sorted} (from the snapshot of ``_resolve``)."""
        snap = self._snap()
        if snap is not None and all((label, k) in snap.keys for k in keys):
            return {k: snap.found[label][k] for k in keys if k in snap.found.get(label, ())}
        recs = self._read("lookup_keys", label=label, keys=sorted(keys))
        return {r["key"]: sorted(r["ids"]) for r in recs}

    def _existing_labels(self, ids):
        """{id: label} of those ``ids`` that exist (read by ``_resolve`` in this write transaction
        when it asked about them: an entity merged away since is left out)."""
        snap = self._snap()
        if snap is not None and snap.ids.issuperset(ids):
            return {i: snap.labels[i] for i in ids if i in snap.labels}
        known = getattr(self._local, "known", None)
        if known is not None and known[0].issuperset(ids):
            return {i: known[1][i] for i in ids if i in known[1]}
        return dict(map(tuple, self._read("existing_labels", ids=sorted(ids))[0]["existing"]))

    def _write(self, entities, relations, documents):
        """In the write transaction: write_lock, relations_lookup, then the apply_* queries with rows."""
        onto = ontology()
        for e in entities:
            onto.check_entity_label(e.label, e.id)
        for r in relations:
            onto.check_relation_type(r.type, r.source)
            if onto.relations[r.type].provenance:
                raise BadInput("MENTIONS is written through documents[].mentions", where=r.source)
        ents = {e.id: e for e in entities}
        wanted = set(ents) | {x for r in relations for x in (r.source, r.target)}
        lock = [{"id": i, "props": _entity_map(i, e.label, e.name, e.aliases, e.properties),
                 "keys": sorted(_keys_of(e.label, e.aliases))}
                if (e := ents.get(i)) is not None else {"id": i, "props": None, "read": False} for i in sorted(wanted)]
        docs = [{"id": d.id, "kind": d.kind, "title": d.title, "url": d.url, "published": d.published,
                 "sha256": d.sha256, "mentions": sorted(d.mentions), "stated": _DUMPS(d.stated) if d.stated else None}
                for d in sorted(documents, key=lambda d: d.id)]

        def work(tx):
            state, old = self._lock_and_read(tx, lock, [list(r.key) for r in relations])
            if len(state) != len(wanted):
                raise StoreUnavailable(f"entities {sorted(wanted - set(state))[:3]} were deleted by a concurrent "
                                       "writer; retry the batch", where="store")
            rows = [row for e in entities if not state[e.id].get("created")
                    and (row := _entity_row(e, state[e.id])) is not None]
            self._apply(tx, entities=rows, documents=docs, **_relation_rows(relations, old))

        self._write_tx(work, "upsert")

    def _lock_and_read(self, tx, rows: list[dict], keys: list[list[str]]) -> tuple[dict, dict]:
        """write_lock: lock (creating those with props) the entities of ``rows``, chunk by chunk; then,
        once every lock is held, relations_lookup: which of the relations ``keys`` exist, leaving
        out those with an endpoint just created (they cannot). Returns ({id: stored state}, {key:
        stored property map, evidence lists left out})."""
        state, found = {}, {}
        for i in range(0, len(rows), CHUNK):
            rec = self._run(tx, "write_lock", batch={"rows": rows[i:i + CHUNK]})[0]
            state.update((n["id"], n) for n in rec["nodes"])
        created = {i for i, n in state.items() if n.get("created")}
        if created:
            keys = [k for k in keys if k[0] not in created and k[2] not in created]
        for i in range(0, len(keys), CHUNK):
            rec = self._run(tx, "relations_lookup", batch={"keys": keys[i:i + CHUNK]})[0]
            found.update((tuple(x["key"]), x["props"]) for x in rec["relations"])
        return state, found

    def _apply(self, tx, **lists: list) -> None:
        """The write queries apply_<name> over the given non-empty row lists (entities, created,
        appended, sources, documents, in that order), ``CHUNK`` rows a call."""
        for name in ("entities", "created", "appended", "sources", "documents"):
            rows = lists.get(name) or []
            for i in range(0, len(rows), CHUNK):
                self._run(tx, f"apply_{name}", batch={"rows": rows[i:i + CHUNK]})

    def _set_properties(self, ref, props):
        if isinstance(ref, tuple):
            self._write_tx(lambda tx: self._run(tx, "relation_props_set", source=ref[0], type=ref[1], target=ref[2],
                                                props=relation_props(props)), "retract")
        else:
            self._write_tx(lambda tx: self._run(tx, "entity_props_set", id=ref, props=entity_props(props)), "retract")

    def _retract_document(self, doc_id):
        """Remove a document, its evidence and mentions, relations left without evidence, and the
        entities it mentioned that are left with neither mention nor relation. NotFound if absent."""

        def work(tx):
            if not self._run(tx, "document_lock", doc=doc_id):
                raise NotFound(f"no document {doc_id!r}")
            alone = [r["id"] for r in self._run(tx, "orphan_candidates", doc=doc_id)]
            keys = [json.loads(k) for k in self._run(tx, "evsource_keys", doc=doc_id)[0]["keys"]]
            self._lock(tx, [k[0] for k in keys] + [k[2] for k in keys] + alone)
            ev = self._run(tx, "retract_evidence", doc=doc_id, keys=keys)[0]
            gone = self._run(tx, "retract_document", doc=doc_id, ids=alone)[0]["removed"]
            return {"document": doc_id, "evidence_removed": int(ev["evidence_removed"]),
                    "relations_removed": int(ev["relations_removed"]), "entities_removed": int(gone)}

        return self._write_tx(work, "retract")

    def _set_stated(self, doc_id, stated):
        self._write_tx(lambda tx: self._run(tx, "document_stated_set", id=doc_id, stated=_DUMPS(stated) if stated else None),
                       "merge")

    def _merge_nodes(self, survivor, other):
        a, b = survivor.id, other.id
        types = list(ontology().path_relation_types)

        known = getattr(self._local, "known", None)
        if known is not None:  # b is gone once this transaction commits
            known[1].pop(b, None)

        def work(tx):
            nodes = self._run(tx, "write_lock", batch={"rows": _lock_rows((a, b))})[0]["nodes"]
            state = {n["id"]: _entity(n) for n in nodes}
            if len(state) != 2:
                raise NotFound(f"{a!r} or {b!r} was deleted by a concurrent writer")
            moved = [_relation(r) for r in self._run(tx, "relations_of", id=b, types=types)]
            self._lock(tx, {x for r in moved for x in (r.source, r.target)} - {a, b})
            self._run(tx, "relations_delete", keys=[list(r.key) for r in moved])
            new: dict[tuple, Relation] = {}
            for r in moved:
                rel = Relation(a if r.source == b else r.source, r.type, a if r.target == b else r.target,
                               r.properties, r.evidence).canonical()
                if rel.source == rel.target:
                    continue
                if rel.key in new:
                    rel.properties = merge_props(new[rel.key].properties, rel.properties)
                    rel.evidence = merge_evidence(new[rel.key].evidence, rel.evidence)
                new[rel.key] = rel
            rels = list(new.values())
            old = self._lock_and_read(tx, [], [list(r.key) for r in rels])[1] if rels else {}
            aliases = state[a].aliases | state[b].aliases
            self._apply(tx, entities=[{
                "id": a, "props": _entity_map(a, state[a].label, state[a].name, aliases,
                                              merge_props(state[b].properties, state[a].properties)),
                "keys": sorted(_keys_of(state[a].label, aliases) - _keys_of(state[a].label, state[a].aliases))}],
                **_relation_rows(rels, old))
            self._run(tx, "merge_move", survivor=a, other=b)

        self._write_tx(work, "merge")

    def _save_watch(self, watch: dict) -> None:
        """Keep a watch (graph/changes.py) as a (:_Watch) node."""
        self._write_tx(lambda tx: self._run(tx, "watch_save", id=watch["id"], body=_dumps(watch)), "watch")

    def _load_watches(self) -> list[dict]:
        """Every watch, in id order."""
        return [json.loads(r["body"]) for r in self._read("watch_list")]

    def clear(self):
        """Delete every node and relationship of the store (schema kept): relationships first, then
        nodes, each in auto-commit batches of 10,000 rows, so that a supernode with 100,000
        relationships never has to fit in one transaction."""
        with translated("clear", self.write_timeout):
            for text in statements("clear"):
                with self._session() as s:
                    s.run(Query(text, timeout=self.write_timeout)).consume()

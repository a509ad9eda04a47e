"""The ``GraphStore`` interface and the shared write path (``open_store`` is in graph/store/__init__.py).

Each backend implements a handful of primitives; validation, entity resolution and the shape of
every answer live here so that both stores behave the same (the contract suite pins it).

>>> from graph.store.sqlite import SQLiteStore
>>> store = SQLiteStore("sqlite://:memory:")
>>> from graph.model import Batch, Entity, Relation, Evidence
>>> jx, zj = Entity.new("City", "Jiaxing"), Entity.new("Region", "Zhejiang Province")
>>> rel = Relation.new(jx, "LOCATED_IN", zj, evidence=[Evidence("document:a", "Jiaxing is in Zhejiang.")])
>>> store.upsert(Batch([jx, zj], [rel]))["relations"]
1
>>> [n["id"] for n in store.paths("Jiaxing", "zhejiang")[0]["nodes"]]
['city:jiaxing', 'region:zhejiang']
>>> store.close()
"""
from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import Any

from graph.errors import BadInput, NotFound
from graph.ids import frozen_keys, id_label, match_keys, normalise
from graph.limits import EVIDENCE_SHOWN, MAX_HOPS, MAX_K, MAX_LIMIT, check_range
from graph.model import Batch, Document, Entity, Relation, stated_by
from graph.schema import ontology
from graph.store.groups import Groups as _Groups
from graph.store.groups import isolated
from graph.store.merging import (  # noqa: F401 - merge_evidence, merge_props, check_enums are used by the backends
    MAX_STATING,
    _apart,
    _recomputed,
    _remap_stated,
    _states,
    check_enums,
    check_relation_row,
    merge_evidence,
    merge_props,
)
from graph.store.review import Reviews, follow
from graph.window import date_of, parse_date, time_of


class GraphStore(Reviews, ABC):
    """One interface, one implementation per backend, chosen by the store URI."""

    uri: str

    # ---- primitives each backend implements ------------------------------------------------
    @abstractmethod
    def _lookup_keys(self, label: str, keys: set[str]) -> dict[str, list[str]]:
        """Existing node ids of ``label`` having any of the match ``keys``: {key: [every id, sorted]}."""

    def _has_keys(self, label: str, keys) -> bool:
        """Whether a node of ``label`` has any of the match ``keys`` (``_lookup_keys`` unless a
        backend answers it without listing the ids)."""
        return bool(self._lookup_keys(label, keys))

    @abstractmethod
    def _existing_labels(self, ids: set[str]) -> dict[str, str]:
        """{id: label} for those ``ids`` that exist."""

    @abstractmethod
    def _write(self, entities: list[Entity], relations: list[Relation], documents: list[Document]) -> None:
        """Merge the resolved batch into the store in ONE transaction (all or nothing)."""

    @abstractmethod
    def get_entity(self, node_id: str) -> Entity | None: ...

    @abstractmethod
    def _entities_by_key(self, key: str, labels: tuple[str, ...]) -> list[Entity]:
        """Entities with the normalised match key ``key`` (any of their aliases)."""

    @abstractmethod
    def _search_candidates(self, q: str, labels: tuple[str, ...], limit: int) -> list[tuple[Entity, str]]:
        """(entity, best matching alias) candidates for ``q``: exact, prefix and fuzzy."""

    @abstractmethod
    def neighbours(self, ref: str, depth: int = 1, labels: Iterable[str] = (), rel_types: Iterable[str] = (),
                   limit: int = 100) -> dict: ...

    @abstractmethod
    def _paths(self, src: str, dst: str, k: int, max_hops: int, rel_types: tuple[str, ...],
               weighted: bool, avoid: frozenset = frozenset(),
               max_degree: int | None = None) -> list[list[tuple[str, str, str]]]:
        """Up to k loopless paths as lists of edge keys (source, type, target), in the order of
        graph/pathsearch.py; ``avoid`` ids and (as intermediate nodes) nodes of more than
        ``max_degree`` relations left out."""

    @abstractmethod
    def get_relations(self, keys: list[tuple[str, str, str]]) -> dict[tuple, Relation]: ...

    def get_entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        """{id: entity} of those ``ids`` that exist (the stores read them in bulk)."""
        found = {i: self.get_entity(i) for i in ids}
        return {i: e for i, e in found.items() if e is not None}

    @abstractmethod
    def iter_entities(self, labels: Iterable[str] = ()) -> Iterator[Entity]: ...

    @abstractmethod
    def iter_relations(self, types: Iterable[str] = ()) -> Iterator[Relation]: ...

    @abstractmethod
    def iter_documents(self) -> Iterator[Document]: ...

    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    def documents_mentioning(self, node_id: str, limit: int = 100) -> list[Document]: ...

    @abstractmethod
    def degree(self, node_id: str) -> int: ...

    @abstractmethod
    def stats(self) -> dict: ...

    @abstractmethod
    def _retract_document(self, doc_id: str) -> dict: ...

    @abstractmethod
    def _set_properties(self, ref: str | tuple, props: dict) -> None:
        """Replace the properties of the entity ``ref`` (an id) or the relation ``ref`` (a key)."""

    def retract_document(self, doc_id: str) -> dict:
        """Remove the document and the evidence it gave (relations and entities left without any go
        too); then what only it stated: each property it gave a surviving relation or entity is
        recomputed from the documents that remain (and dropped when none of them states it)."""
        doc = self.get_document(doc_id)
        out = self._retract_document(doc_id)
        if doc is not None and doc.stated:
            self._restate(doc)
        return out

    def _restate(self, gone: Document) -> None:
        for kj, props in sorted(gone.stated.get("r", {}).items()):
            key = tuple(json.loads(kj))
            rel = self.get_relations([key]).get(key)
            if rel is not None:
                others = sorted({e.document for e in rel.evidence} - {gone.id})
                new = _recomputed(rel.properties, props, "r", kj, (self.get_document(d) for d in others))
                if new != rel.properties:
                    self._set_properties(key, new)
        for eid, props in sorted(gone.stated.get("e", {}).items()):
            ent = self.get_entity(eid)
            if ent is not None:
                others = [d for d in self.documents_mentioning(eid, limit=1000) if d.id != gone.id]
                new = _recomputed(ent.properties, props, "e", eid, others)
                if new != ent.properties:
                    self._set_properties(eid, new)

    def _merge(self, survivor: Entity, other: Entity) -> None:
        """Move ``other`` into ``survivor`` (``_merge_nodes``); what each document stated about
        ``other`` is then stated about ``survivor``, so that a later retraction of that document
        recomputes the merged relations and entity (ISSUE 19, deliverable 8)."""
        docs = [d for d in self.documents_mentioning(other.id, limit=MAX_STATING) if _states(d.stated, other.id)]
        self._merge_nodes(survivor, other)
        for d in docs:
            self._set_stated(d.id, _remap_stated(d.stated, lambda i: survivor.id if i == other.id else i))

    @abstractmethod
    def _merge_nodes(self, survivor: Entity, other: Entity) -> None:
        """Move ``other``'s aliases, properties, edges and mentions to ``survivor`` and delete it."""

    @abstractmethod
    def _set_stated(self, doc_id: str, stated: dict) -> None:
        """Replace what the document ``doc_id`` stated (its ``stated`` map)."""

    @abstractmethod
    def clear(self) -> None:
        """Delete everything (tests and ``import --replace``)."""

    @abstractmethod
    def ping(self) -> bool: ...

    @abstractmethod
    def _save_watch(self, watch: dict) -> None: """Create or overwrite a watch (graph/changes.py)."""

    @abstractmethod
    def _load_watches(self) -> list[dict]: """Every watch, in id order."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    def warm(self) -> None:  # noqa: B027 - optional hook
        """Build what the store keeps in memory for queries (the embedded store's graph view and
        search index) ahead of the first query; a no-op where nothing is kept (Neo4j)."""

    def read_together(self, fn, *args, **kwargs):
        """``fn(self, *args, **kwargs)`` as one read of the store: Neo4j runs every query of it in
        one read transaction (one connection, one commit, retried whole on transient errors), so a
        cheap read of several queries costs one round trip per query instead of two; the embedded
        store, whose reads are local, just calls it."""
        return fn(self, *args, **kwargs)

    def _atomically(self, work):
        """Run ``work()`` as one write transaction of the store, so that entity resolution reads
        what no concurrent writer can change before the write it decides is committed. The stores
        override it (SQLite: BEGIN IMMEDIATE; Neo4j: one managed transaction that locks the match
        keys it reads); nested calls join the outer transaction."""
        return work()

    # ---- shared behaviour -------------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def upsert(self, batch: Batch, resolve: bool = True) -> dict[str, Any]:
        """Validate, resolve and merge a batch; the same batch twice leaves the graph identical.

        Returns counts and ``ids``: how each incoming entity id was resolved. With
        ``resolve=False`` ids are trusted as given (used by import of an export).
        Raises BadInput (nothing written) if any item breaks the ontology. Resolution and write
        are one transaction (see ``_atomically``): concurrent writers naming one new entity by
        different surface forms make one node.
        """
        onto = ontology()
        for i, ent in enumerate(batch.entities):
            ent.validate(f"entities[{i}] {ent.name!r}")
            onto.check_entity_label(ent.label, f"entities[{i}] {ent.name!r}")
            check_enums(ent.label, ent.properties, f"entities[{i}] {ent.name!r}")
        return self._atomically(lambda: self._upsert(batch, resolve))

    def _upsert(self, batch: Batch, resolve: bool) -> dict[str, Any]:
        """upsert() after the entities are validated, inside the write transaction."""
        onto = ontology()
        judged = self.entity_verdicts() if resolve else None
        if resolve:
            ids, merges, explained = self._resolve(batch.entities, batch, judged)
        else:
            ids, merges, explained = {e.id: e.id for e in batch.entities}, [], []
        moved: dict[str, str] = {}  # stored ids merged away by this batch -> their survivor
        doc_ids = sorted(d.id for d in batch.documents)
        for survivor, other, keys in merges:
            a, b = self.get_entity(survivor), self.get_entity(other)
            if a is not None and b is not None:
                self.explain_merge(a, b, "shared match key", 1.0, keys, doc_ids)
                self._merge(a, b)
            moved[other] = survivor

        def target(x: str) -> str:
            return ids.get(x) or moved.get(x, x)

        merged: dict[str, Entity] = {}
        for ent in batch.entities:
            tid = ids[ent.id]
            if tid in merged:
                m = merged[tid]
                m.aliases |= ent.aliases
                m.properties = merge_props(m.properties, ent.properties)
            else:
                merged[tid] = Entity(tid, ent.label, ent.name, set(ent.aliases), dict(ent.properties))
        # endpoints: in the batch, or already stored
        wanted = {target(x) for r in batch.relations for x in (r.source, r.target)} - set(merged)
        stored = self._existing_labels(wanted) if wanted else {}
        labels = {e.id: e.label for e in merged.values()} | stored
        rels: dict[tuple, Relation] = {}
        for i, r in enumerate(batch.relations):
            src, tgt = target(r.source), target(r.target)
            if not (src in labels and tgt in labels and src != tgt and r.evidence and r.type != "MENTIONS"
                    and onto.allows(labels[src], r.type, labels[tgt])):  # refused: say why, in this order
                check_relation_row(onto, r, f"relations[{i}] {r.source} {r.type} {r.target}", src, tgt, labels)
            for end in ("valid_from", "valid_to"):
                if end in r.properties:
                    r.properties[end] = parse_date(r.properties[end], f"relations[{i}] {r.source} {r.type} {r.target} {end}")
            rel = Relation(src, r.type, tgt, dict(r.properties), list(r.evidence)).canonical()
            if rel.key in rels:
                old = rels[rel.key]
                old.properties = merge_props(old.properties, rel.properties)
                old.evidence = merge_evidence(old.evidence, rel.evidence)
            else:
                rels[rel.key] = Relation(rel.source, rel.type, rel.target, rel.properties,
                                         merge_evidence([], rel.evidence))
        dated = {d.id: date_of(d.published) for d in batch.documents}
        for rel in rels.values():  # an evidence item's date is its document's (ONTOLOGY.md "Time")
            for e in rel.evidence:
                if not e.date and dated.get(e.document):
                    e.date = dated[e.document]
        self.apply_relation_verdicts(rels)
        docs = []
        for i, d in enumerate(batch.documents):
            if id_label(d.id) != "document":
                raise BadInput("document id must start with document:", where=f"documents[{i}]")
            mentions = {target(m) for m in d.mentions}
            unknown = sorted(m for m in mentions if m not in labels)
            if unknown:
                stored_more = self._existing_labels(set(unknown))
                labels |= stored_more
                if len(stored_more) != len(unknown):
                    raise BadInput(f"mentions unknown entities {unknown[:3]}", where=f"documents[{i}] {d.id}")
            docs.append(Document(d.id, d.kind, d.title, d.url, d.published, d.sha256, mentions,
                                 _remap_stated(d.stated, target)))
        stated_by([d for d in docs if not d.stated], merged.values(), rels.values())
        self._write(list(merged.values()), list(rels.values()), docs)
        if explained:
            self.explain_aliases(explained, doc_ids)
        return {"entities": len(merged), "relations": len(rels), "documents": len(docs), "ids": ids}

    def _resolve(self, entities: list[Entity], batch: Batch | None = None, judged: dict | None = None):
        """Map incoming ids to stored ids, per label: the batch's mentions and the stored nodes are
        joined (union-find) when they share an id or a match key, transitively; each group becomes
        one node: the stored node of smallest id, else the first mention's id. A reviewer's
        "different" keeps two stored nodes apart inside a group, and "same" sends b to a.
        Persons follow graph/store/people.py (evidence, not the name alone).

        Returns that map, the merges it implies ((survivor, other, keys) of stored ids: a mention
        sharing keys with several stored nodes makes them one, whatever order they came in) and
        the explained joins ((node id, alias, keys, rule) of mentions that joined a node of
        another name)."""
        from graph.resolution import guard_keys
        from graph.store.people import resolve_people

        judged = judged or {"same": {}, "different": set(), "refs": {}}
        same, diff = judged["same"], judged["different"]
        ids: dict[str, str] = {}
        merges: list[tuple[str, str, list[str]]] = []
        explained: list[tuple[str, str, list[str], str]] = []
        by_label: dict[str, list[Entity]] = {}
        for e in entities:
            by_label.setdefault(e.label, []).append(e)
        for label in sorted(by_label, key=lambda x: x == "Person"):  # Persons last: they use the others
            ents = by_label[label]
            ekeys = [sorted({k for a in e.aliases for k in frozen_keys(label, a)}) for e in ents]
            existing = self._existing_labels({e.id for e in ents})
            allkeys = {k for ks in ekeys for k in ks}
            found = self._lookup_keys(label, allkeys) if allkeys else {}
            guard_keys(self, label, ents, ekeys, found)  # acronyms of another body, zones of other places
            if label == "Person":
                pids, pexp = resolve_people(self, ents, ekeys, found, existing, batch, ids, judged)
                ids.update(pids)
                explained += pexp
                continue
            known = None  # the stored ids this label's mentions may join (read once, when asked)
            groups = _Groups()
            first: dict[tuple[str, str], int] = {}  # ("id" | "key", value) -> first mention having it
            alone = isolated(ents, ekeys, found, existing, same)  # each its stored node, nothing else joined
            for i, e in enumerate(ents):
                if i in alone:
                    ids[e.id] = e.id
                    continue
                me = ("m", i)
                groups.add(me)  # a set of its own until joined
                if e.id in existing:
                    groups.union(me, ("s", e.id))
                groups.union(me, ("m", first.setdefault(("id", e.id), i)))
                for k in ekeys[i]:
                    groups.union(me, ("m", first.setdefault(("key", k), i)))
                    for sid in found.get(k, ()):
                        groups.union(me, ("s", sid))
            for members in sorted(groups.sets(), key=min):
                stored = sorted(x[1] for x in members if x[0] == "s")
                mentions = sorted(x[1] for x in members if x[0] == "m")
                clusters = _apart(stored, diff)
                heads = [c[0] for c in clusters]
                for c in clusters:
                    merges += [(c[0], other, sorted(k for k, v in found.items() if other in v)) for other in c[1:]]
                for i in mentions:
                    e = ents[i]
                    if not heads:
                        tid = ents[mentions[0]].id
                    else:
                        own = [c[0] for c in clusters if e.id in c]
                        shared = [c[0] for c in clusters if any(set(found.get(k, ())) & set(c) for k in ekeys[i])]
                        tid = (own or shared or heads)[0]
                    tid = follow(same, tid)
                    ids[e.id] = tid
                    if tid != e.id and known is None:
                        known = existing.keys() | {x for v in found.values() for x in v}
                    if tid != e.id and tid in known:
                        keys = [k for k in ekeys[i] if tid in found.get(k, ())]
                        explained.append((tid, e.name, keys, "shared match key"))
        return ids, merges, explained

    # ---- reading -------------------------------------------------------------------------
    def get(self, ref: str, label: str | None = None) -> Entity | None:
        """An entity by id, canonical name or alias (best match first), or None."""
        if not isinstance(ref, str) or not ref.strip():
            raise BadInput("empty entity reference")
        ref = ref.strip()
        if id_label(ref) and id_label(ref) != "document":
            ent = self.get_entity(ref)
            if ent and (label is None or ent.label == label):
                return ent
        labels = (label,) if label else ontology().entity_labels
        for key in (normalise(ref),):
            cands = self._entities_by_key(key, labels)
            if not cands:
                label_keys = {k for lab in labels for k in match_keys(lab, ref)} - {key}
                for k in sorted(label_keys):
                    cands += self._entities_by_key(k, labels)
            if cands:
                # canonical-name match first, then the best connected, then by id
                cands.sort(key=lambda e: (normalise(e.name) != key, -self.degree(e.id), e.id))
                return cands[0]
        return None

    def resolve(self, ref: str, label: str | None = None) -> Entity:
        """Like get() but raises NotFound naming the reference."""
        ent = self.get(ref, label)
        if ent is None:
            raise NotFound(f"no entity {ref!r}" + (f" of type {label}" if label else ""))
        return ent

    def search(self, q: str, labels: Iterable[str] = (), limit: int = 20, offset: int = 0) -> list[dict]:
        """Rank entities for ``q``: exact name, alias, prefix, then fuzzy (rapidfuzz)."""
        from graph.store.search import rank

        if not isinstance(q, str) or not q.strip():
            raise BadInput("empty query", where="q")
        labels = ontology().check_types(labels, "label", "type") or ontology().entity_labels
        check_range("limit", limit, 1, MAX_LIMIT)
        check_range("offset", offset, 0, 100_000)
        cands = self._search_candidates(q, tuple(labels), max(50, (limit + offset) * 3))
        ranked = rank(q, cands)
        return ranked[offset:offset + limit]

    def paths(self, src: str, dst: str, k: int = 1, max_hops: int = 4, rel_types: Iterable[str] = (),
              weighted: bool = False, avoid: Iterable[str] = (), max_degree: int | None = None) -> list[dict]:
        """Up to k loopless paths, shortest (or cheapest when weighted) first, with evidence.

        Direction is ignored; MENTIONS is never walked. Ties follow CONTRACT.md (node ids along the
        path, as strings; graph/pathsearch.py). ``avoid`` (references) are left out of the search,
        and with ``max_degree`` so are intermediate nodes of more relations. Raises NotFound for
        unknown endpoints or avoided references.
        """
        check_range("k", k, 1, MAX_K)
        check_range("max_hops", max_hops, 1, MAX_HOPS)
        if max_degree is not None:
            check_range("max_degree", max_degree, 1, 10_000_000)
        types = ontology().check_types(rel_types, "relation", "types") or ontology().path_relation_types
        if "MENTIONS" in types:
            raise BadInput("MENTIONS is provenance, not a path edge", where="types")
        a, b = self.resolve(src), self.resolve(dst)
        if a.id == b.id:
            raise BadInput("from and to are the same entity", where="to")
        avoided = frozenset(self.resolve(x).id for x in avoid)
        for end in (a, b):
            if end.id in avoided:
                raise BadInput(f"{end.name!r} is both an end of the path and avoided", where="avoid")
        raw = self._paths(a.id, b.id, k, max_hops, tuple(types), weighted, avoided, max_degree)
        return self._path_dicts(a.id, raw)

    def _path_dicts(self, start: str, raw: list[list[tuple[str, str, str]]]) -> list[dict]:
        """Paths given as relation keys from ``start``, as answer objects with evidence."""
        keys = sorted({key for p in raw for key in p})
        rels = self.get_relations(keys) if keys else {}
        nodes = self.get_entities({x for key in keys for x in (key[0], key[2])})
        out = []
        for p in raw:
            seq = [start]
            edges = []
            for key in p:
                s, t, rel = key[0], key[2], rels[key]
                nxt = t if s == seq[-1] else s
                seq.append(nxt)
                edges.append({"source": s, "target": t, "type": key[1], "weight": rel.weight,
                              "properties": rel.properties, **time_of(rel), **rel.evidence_page(limit=EVIDENCE_SHOWN)})
            out.append({"hops": len(edges), "cost": round(sum(1.0 / max(1, e["weight"]) for e in edges), 6),
                        "nodes": [nodes[i].brief() for i in seq], "edges": edges})
        return out

    def path_answer(self, src: str, dst: str, **kw) -> dict:
        """The CONTRACT.md ``path --json`` object."""
        a, b = self.resolve(src), self.resolve(dst)
        return {"from": a.brief(), "to": b.brief(), "paths": self.paths(a.id, b.id, **kw)}

    def merge_entities(self, survivor: str, other: str) -> Entity:
        """Merge ``other`` into ``survivor`` (same label only); returns the survivor."""
        a, b = self.resolve(survivor), self.resolve(other)
        if a.id == b.id:
            raise BadInput("cannot merge an entity with itself")
        if a.label != b.label:
            raise BadInput(f"cannot merge a {b.label} into a {a.label}: nodes never merge across labels")
        self._merge(a, b)
        return self.get_entity(a.id)

    def export(self, fmt: str, out, progress=None) -> None:
        """Write the whole graph as json, graphml or csv (see graph/export.py)."""
        from graph.export import export

        export(self, fmt, out, progress)

    def import_json(self, data: dict, batch_size: int = 5000, progress=None) -> dict:
        """Load a json export (entities, then relations with evidence, then documents)."""
        from graph.export import import_json

        return import_json(self, data, batch_size, progress)


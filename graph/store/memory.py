"""An in-memory GraphStore for bulk loads: the shared write path of graph/store/base.py (validation,
entity resolution, merges) over plain dicts, so that a first load can be resolved at Python speed
and then written to Neo4j in bulk (graph/store/neo4j_bulk.py) ending in the graph that the same
upserts into the store itself would make. It answers only what ingest asks of a store (documents,
entities, stats); queries are the real stores' business.

>>> from graph.model import Batch, Entity, Relation, Evidence
>>> m = MemoryGraph()
>>> jx, zj = Entity.new("City", "Jiaxing"), Entity.new("Region", "Zhejiang Province")
>>> _ = m.upsert(Batch([jx, zj], [Relation.new(jx, "LOCATED_IN", zj, evidence=[Evidence("document:a", "s")])]))
>>> _ = m.upsert(Batch([Entity.new("City", "Jiaxing City")], []))
>>> sorted(m.entities["city:jiaxing"].aliases), m.stats()["relations"]
(['Jiaxing', 'Jiaxing City'], {'LOCATED_IN': 1})
"""
from __future__ import annotations

import bisect
import dataclasses
import heapq
from collections import Counter

from graph.errors import BadInput
from graph.ids import frozen_keys, match_keys
from graph.model import Document, Entity, Relation
from graph.schema import ontology
from graph.store.base import GraphStore, check_enums, merge_evidence, merge_props
from graph.store.people import CONTEXT_LABELS


def _not_here(name):
    def method(self, *args, **kwargs):
        raise BadInput(f"the in-memory bulk graph does not answer {name}", where="store")
    method.__name__ = name
    return method


def _context(node_id: str) -> bool:
    return node_id.split(":", 1)[0] in CONTEXT_LABELS


FIRST_DOCS = 1000  # documents_mentioning answers limits up to this from a sorted prefix kept up to date


class MemoryGraph(GraphStore):
    """Entities, match keys, relations and documents in dicts (insertion ordered)."""

    uri = "memory:"

    def __init__(self):
        self.entities: dict[str, Entity] = {}
        self.keys: dict[tuple[str, str], set[str]] = {}
        self.relations: dict[tuple[str, str, str], Relation] = {}
        self.documents: dict[str, Document] = {}
        self._keyed: dict[str, set[str]] = {}  # entity id -> the aliases whose keys are indexed
        self.notes: dict[str, dict] = {}  # review verdicts and merge explanations (graph/store/review.py)
        self._adj: dict[str, set[tuple]] = {}  # entity id -> keys of its relations
        self._near: dict[str, dict[str, int]] = {}  # entity id -> its organisation and city neighbours (relations)
        self._docs_of: dict[str, set[str]] = {}  # entity id -> documents mentioning it
        self._first_docs: dict[str, list[str]] = {}  # entity id -> its FIRST_DOCS smallest document ids, sorted
        self._key_labels: dict[str, dict[str, None]] = {}  # match key -> labels having it (insertion ordered)

    # ---- the shared write path, without validating twice ------------------------------------------
    def upsert(self, batch, resolve: bool = True):
        """GraphStore.upsert for batches whose entities are validated already (ingest builds them with
        ``Entity.from_dict``, which validates; ``one_label`` retypes them from validated parts): the
        label and enum checks run, the cleaning of names, aliases and properties is not repeated."""
        onto = ontology()
        labels = onto.labels
        for i, ent in enumerate(batch.entities):
            if not ent.id or not ent.name or ent.name not in ent.aliases:  # not validated: the full check
                ent.validate(f"entities[{i}] {ent.name!r}")
            lab = labels.get(ent.label) if ent.label != "Document" else None
            if lab is None or (ent.properties and any(p in ent.properties for p in lab.enums)):
                # the checks (and the text naming the item) only where they may fail
                onto.check_entity_label(ent.label, f"entities[{i}] {ent.name!r}")
                check_enums(ent.label, ent.properties, f"entities[{i}] {ent.name!r}")
        return self._upsert(batch, resolve)

    # ---- primitives of the shared write path ----------------------------------------------------
    def _lookup_keys(self, label, keys):
        return {k: sorted(self.keys[(label, k)]) for k in keys if (label, k) in self.keys}

    def _has_keys(self, label, keys):
        return any((label, k) in self.keys for k in keys)

    def _existing_labels(self, ids):
        return {i: self.entities[i].label for i in ids if i in self.entities}

    def _index(self, e: Entity) -> None:
        done = self._keyed.setdefault(e.id, set())
        for a in e.aliases - done:
            for k in frozen_keys(e.label, a):
                ids = self.keys.get((e.label, k))
                if ids is None:
                    ids = self.keys[(e.label, k)] = set()
                    self._key_labels.setdefault(k, {})[e.label] = None
                ids.add(e.id)
        done |= e.aliases

    def _link(self, key: tuple) -> None:
        """A new relation ``key``: in the adjacency of both ends, and in their context counts."""
        s, _, t = key
        for a, b in ((s, t), (t, s)):
            self._adj.setdefault(a, set()).add(key)
            if _context(b):
                near = self._near.setdefault(a, {})
                near[b] = near.get(b, 0) + 1

    def _unlink(self, key: tuple) -> None:
        s, _, t = key
        for a, b in ((s, t), (t, s)):
            adj = self._adj.get(a)
            if adj is None or key not in adj:
                continue
            adj.discard(key)
            near = self._near.get(a)
            if near is not None and b in near:
                near[b] -= 1
                if not near[b]:
                    del near[b]

    def _context_ids(self, node_id: str) -> set[str]:
        """The organisations and cities among the ends of ``node_id``'s relations (itself included when it
        is one and has a relation): what graph/store/people.py compares namesakes by, without reading
        every relation of a much-related person again for each of its mentions."""
        out = set(self._near.get(node_id, ()))
        if _context(node_id) and self._adj.get(node_id):
            out.add(node_id)
        return out

    def _mention(self, node_id: str, doc_id: str) -> None:
        """Record that ``doc_id`` mentions ``node_id`` (and keep its sorted prefix of documents)."""
        docs = self._docs_of.setdefault(node_id, set())
        if doc_id in docs:
            return
        docs.add(doc_id)
        first = self._first_docs.setdefault(node_id, [])
        if len(first) < FIRST_DOCS:
            bisect.insort(first, doc_id)
        elif doc_id < first[-1]:
            bisect.insort(first, doc_id)
            first.pop()

    def _write(self, entities, relations, documents):
        for e in entities:
            old = self.entities.get(e.id)
            if old is None:
                old = self.entities[e.id] = Entity(e.id, e.label, e.name, set(e.aliases), dict(e.properties))
            else:
                old.aliases |= e.aliases
                old.properties = merge_props(old.properties, e.properties)
            self._index(old)
        for r in relations:
            old = self.relations.get(r.key)
            if old is None:
                self.relations[r.key] = Relation(r.source, r.type, r.target, dict(r.properties), list(r.evidence))
                self._link(r.key)
            else:
                old.properties = merge_props(old.properties, r.properties)
                old.evidence = merge_evidence(old.evidence, r.evidence)
        for d in documents:
            old = self.documents.get(d.id)
            mentions = set(d.mentions) | (old.mentions if old is not None else set())
            # what it stated: the last write's, as the stores keep it (retraction recomputes from it)
            self.documents[d.id] = Document(d.id, d.kind, d.title, d.url, d.published, d.sha256, mentions,
                                            d.stated)
            for m in d.mentions:
                self._mention(m, d.id)

    def _set_stated(self, doc_id, stated):
        if doc_id in self.documents:
            self.documents[doc_id] = dataclasses.replace(self.documents[doc_id], stated=stated)

    def _merge_nodes(self, survivor, other):
        a, b = survivor.id, other.id
        moved = [self.relations[k] for k in sorted(self._adj.pop(b, ())) if k in self.relations]
        self._near.pop(b, None)
        for r in moved:
            del self.relations[r.key]
            self._unlink(r.key)
        for r in moved:
            new = Relation(a if r.source == b else r.source, r.type, a if r.target == b else r.target,
                           r.properties, r.evidence).canonical()
            if new.source == new.target:
                continue
            old = self.relations.get(new.key)
            if old is not None:
                new.properties = merge_props(old.properties, new.properties)
                new.evidence = merge_evidence(old.evidence, new.evidence)
            if old is None:
                self._link(new.key)
            self.relations[new.key] = new
        keep = self.entities[a]
        gone = self.entities.pop(b)
        keep.aliases |= gone.aliases
        keep.properties = merge_props(gone.properties, keep.properties)
        for alias in self._keyed.pop(b, ()):  # b is in the key sets of its indexed aliases only
            for k in match_keys(gone.label, alias):
                ids = self.keys.get((gone.label, k))
                if ids is not None and b in ids:
                    ids.discard(b)
                    ids.add(a)
        self._index(keep)
        self._first_docs.pop(b, None)
        for doc in sorted(self._docs_of.pop(b, ())):
            d = self.documents[doc]
            d.mentions = (d.mentions - {b}) | {a}
            self._mention(a, doc)

    # ---- what resolution and reviews read and write ------------------------------------------------
    def apply_relation_verdicts(self, rels):
        if self.notes.get("relation"):  # a bulk load has none unless its input brings them
            super().apply_relation_verdicts(rels)

    def _notes_put(self, kind, items):
        self.notes.setdefault(kind, {}).update(items)

    def _notes_get(self, kind, keys=None):
        have = self.notes.get(kind, {})
        return dict(have) if keys is None else {k: have[k] for k in keys if k in have}

    def _notes_delete(self, kind, keys):
        for k in keys:
            self.notes.get(kind, {}).pop(k, None)

    def _relations_of(self, node_id):
        rels = self.relations
        return [rels[k] for k in sorted(self._adj.get(node_id, ())) if k in rels]

    def documents_mentioning(self, node_id, limit=100):
        if limit <= FIRST_DOCS:
            ids = self._first_docs.get(node_id, ())[:limit]
        else:
            ids = heapq.nsmallest(limit, self._docs_of.get(node_id, ()))
        return [self.documents[d] for d in ids]

    def degree(self, node_id):
        return len(self._adj.get(node_id, ()))

    # ---- what ingest reads -------------------------------------------------------------------------
    def get_entity(self, node_id):
        return self.entities.get(node_id)

    def _entities_by_key(self, key, labels):
        return [self.entities[i] for label in self._key_labels.get(key, ()) if not labels or label in labels
                for i in sorted(self.keys[(label, key)])]

    def get_document(self, doc_id):
        return self.documents.get(doc_id)

    def iter_documents(self):
        return iter(sorted(self.documents.values(), key=lambda d: d.id))

    def iter_entities(self, labels=()):
        return iter(sorted((e for e in self.entities.values() if not labels or e.label in labels), key=lambda e: e.id))

    def iter_relations(self, types=()):
        return iter(sorted((r for r in self.relations.values() if not types or r.type in types), key=lambda r: r.key))

    def stats(self):
        return {"nodes": dict(Counter(e.label for e in self.entities.values())),
                "relations": dict(Counter(r.type for r in self.relations.values())),
                "documents": len(self.documents)}

    def retract_document(self, doc_id):
        raise BadInput("a bulk load writes every document once: this input holds the document twice with "
                       "different content; ingest it without --bulk", where=doc_id)

    _retract_document = retract_document

    def _set_properties(self, ref, props):
        """Replace a relation's (``ref`` a key) or an entity's properties (recomputed on retraction)."""
        if isinstance(ref, tuple):
            rel = self.relations.get(ref)
            if rel is not None:
                self.relations[ref] = dataclasses.replace(rel, properties=dict(props))
        elif ref in self.entities:
            e = self.entities[ref]
            self.entities[ref] = dataclasses.replace(e, properties=dict(props))

    def ping(self):
        return True

    def clear(self):
        self.__init__()

    _search_candidates = _not_here("search")
    _save_watch = _not_here("watches")
    _load_watches = _not_here("watches")
    neighbours = _not_here("neighbours")
    _paths = _not_here("paths")
    get_relations = _not_here("get_relations")
    _delete_relations = _not_here("review verdicts")
    _set_aliases = _not_here("review verdicts")
    _move_mentions = _not_here("review verdicts")

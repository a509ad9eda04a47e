"""The Neo4j store's part of reviews and resolution records: ``(:Note {kind, key, value})``
nodes (verdicts and merge explanations; ``value`` is JSON) and the edits a verdict needs."""
from __future__ import annotations

import json

from graph.model import Relation
from graph.schema import ontology
from graph.store.neo4j_write import _keys_of, _relation


class Neo4jNotes:
    """Mixed into Neo4jStore (which provides ``_run``, ``_read``, ``_write_tx`` and ``_lock``)."""

    def _notes_put(self, kind, items):
        rows = [{"kind": kind, "key": k, "value": json.dumps(v, ensure_ascii=False, sort_keys=True)}
                for k, v in items.items()]
        if rows:
            self._write_tx(lambda tx: self._run(tx, "notes_put", rows=rows), "notes")

    def _notes_get(self, kind, keys=None):
        if keys is None:
            recs = self._read("notes_get", kind=kind)
        else:
            recs = self._read("notes_get_keys", kind=kind, keys=sorted(set(keys))) if keys else []
        return {r["key"]: json.loads(r["value"]) for r in recs}

    def _notes_of(self, kind, node_id, either_end=False):
        recs = self._read("notes_of", kind=kind, prefix=node_id + "\t")
        if either_end:
            recs = [*recs, *self._read("notes_of_suffix", kind=kind, suffix="\t" + node_id)]
        return {r["key"]: json.loads(r["value"]) for r in recs}

    def _notes_delete(self, kind, keys):
        self._write_tx(lambda tx: self._run(tx, "notes_delete", kind=kind, keys=sorted(set(keys))), "notes")

    def _relations_of(self, node_id) -> list[Relation]:
        types = list(ontology().path_relation_types)
        return [_relation(r) for r in self._read("relations_of", id=node_id, types=types)]

    def _delete_relations(self, keys):
        keys = [list(k) for k in keys]

        def work(tx):
            self._lock(tx, {x for k in keys for x in (k[0], k[2])})
            self._run(tx, "relations_delete", keys=keys)

        if keys:
            self._write_tx(work, "delete relations")

    def _set_aliases(self, node_id, aliases):
        ent = self.get_entity(node_id)
        keys = sorted(_keys_of(ent.label, aliases))
        self._write_tx(lambda tx: self._run(tx, "entity_set_aliases", id=node_id, aliases=sorted(aliases),
                                            keys=keys), "split")

    def _move_mentions(self, a, b, docs):
        self._write_tx(lambda tx: self._run(tx, "mentions_move", a=a, b=b, docs=sorted(docs)), "split")

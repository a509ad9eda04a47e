"""The embedded store's part of reviews and resolution records: the ``notes`` table
(verdicts and merge explanations, by kind and key) and the edits a verdict needs.

>>> from graph.store.sqlite import SQLiteStore
>>> with SQLiteStore("sqlite://:memory:") as s:
...     s._notes_put("relation", {"a\\tLOCATED_IN\\tb": {"verdict": "reject"}})
...     s._notes_get("relation")
{'a\\tLOCATED_IN\\tb': {'verdict': 'reject'}}
"""
from __future__ import annotations

import json

from graph.ids import match_keys
from graph.model import Relation

NOTES_SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (kind, key));
"""


class SQLiteNotes:
    """Mixed into SQLiteStore (which provides ``_tx``, ``_q`` and ``get_relations``)."""

    def _notes_put(self, kind, items):
        with self._tx() as cur:
            cur.executemany("INSERT OR REPLACE INTO notes VALUES (?,?,?)",
                            [(kind, k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in items.items()])

    def _notes_get(self, kind, keys=None):
        if keys is None:
            rows = self._q("SELECT key, value FROM notes WHERE kind=? ORDER BY key", (kind,))
        else:
            keys, rows = sorted(set(keys)), []
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                rows += self._q(f"SELECT key, value FROM notes WHERE kind=? AND key IN ({marks})",  # noqa: S608
                                (kind, *chunk))
        return {k: json.loads(v) for k, v in rows}

    def _notes_of(self, kind, node_id, either_end=False):
        # a range on the (kind, key) primary key: keys from "id\t" up to (not including) "id\n"
        rows = self._q("SELECT key, value FROM notes WHERE kind=? AND key >= ? AND key < ?",
                       (kind, node_id + "\t", node_id + "\n"))
        if either_end:
            rows += self._q("SELECT key, value FROM notes WHERE kind=? AND substr(key, -?) = ?",
                            (kind, len(node_id) + 1, "\t" + node_id))
        return {k: json.loads(v) for k, v in rows}

    def _notes_delete(self, kind, keys):
        with self._tx() as cur:
            cur.executemany("DELETE FROM notes WHERE kind=? AND key=?", [(kind, k) for k in keys])

    def _relations_of(self, node_id) -> list[Relation]:
        keys = self._q("SELECT source, type, target FROM edges WHERE source=?1 OR target=?1", (node_id,))
        return list(self.get_relations([tuple(k) for k in keys]).values()) if keys else []

    def _delete_relations(self, keys):
        with self._tx() as cur:
            for key in keys:
                cur.execute("DELETE FROM edges WHERE source=? AND type=? AND target=?", tuple(key))
                cur.execute("DELETE FROM evidence WHERE source=? AND type=? AND target=?", tuple(key))
        self._nx = None

    def _set_aliases(self, node_id, aliases):
        with self._tx() as cur:
            label = cur.execute("SELECT label FROM nodes WHERE id=?", (node_id,)).fetchone()[0]
            cur.execute("UPDATE nodes SET aliases=? WHERE id=?",
                        (json.dumps(sorted(aliases), ensure_ascii=False), node_id))
            cur.execute("DELETE FROM keys WHERE node_id=?", (node_id,))
            cur.executemany("INSERT OR IGNORE INTO keys VALUES (?,?,?)",
                            [(k, label, node_id) for a in aliases for k in match_keys(label, a)])
        self._keyidx = None

    def _move_mentions(self, a, b, docs):
        with self._tx() as cur:
            for d in docs:
                if cur.execute("DELETE FROM mentions WHERE document=? AND node_id=?", (d, a)).rowcount:
                    cur.execute("INSERT OR IGNORE INTO mentions VALUES (?,?)", (d, b))

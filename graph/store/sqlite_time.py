"""Time in the embedded store (a mixin of graph/store/sqlite.py): the relations' validity and
evidence dates in the networkx view, for queries in a time window (graph/window.py), and the
watches table.

The view learns the time of every relation only when the first query in a window comes (one scan
of the edges and of the evidence dates); from then on the store's writes keep it in step.

>>> from graph.store.sqlite import SQLiteStore
>>> with SQLiteStore("sqlite://:memory:") as s:
...     s._save_watch({"id": "w1", "from": "city:a", "to": "city:b", "max_hops": 3})
...     [w["id"] for w in s._load_watches()]
['w1']
"""
from __future__ import annotations

import json

from graph.window import current


class SQLiteTime:
    """Needs the SQLiteStore's ``db``, ``_lock``, ``_q``, ``_tx``, ``_view`` and ``_nx``."""

    def _edge_time(self, cur, key, props: dict) -> tuple | None:
        """(valid_from, valid_to, evidence dates) of a relation being written, when the view keeps
        the time of relations (else None: nothing to keep in step)."""
        if self._nx is None or self._nx.when is None:
            return None
        dates = [d for (d,) in cur.execute("SELECT DISTINCT date FROM evidence WHERE source=? AND type=? AND "
                                           "target=? AND date != '' ORDER BY date", key)]
        return props.get("valid_from"), props.get("valid_to"), dates

    def _timed_view(self):
        """The networkx view, with the time of every relation loaded when the current query runs in
        a time window (call under ``_lock``)."""
        view = self._view()
        if current() is not None and view.when is None:
            dates: dict[tuple, list[str]] = {}
            for s, t, o, d in self.db.execute("SELECT DISTINCT source, type, target, date FROM evidence "
                                              "WHERE date != '' ORDER BY source, type, target, date"):
                dates.setdefault((s, t, o), []).append(d)
            when = {}
            for s, t, o, vf, vt in self.db.execute("SELECT source, type, target, json_extract(props, '$.valid_from'), "
                                                   "json_extract(props, '$.valid_to') FROM edges"):
                key = (s, t, o)
                when[key] = (None if vf is None else str(vf), None if vt is None else str(vt), tuple(dates.get(key, ())))
            view.when = when
            view._changed()
        return view

    # ---- watches (graph/changes.py) -----------------------------------------------------------
    def _save_watch(self, watch: dict) -> None:
        with self._tx() as cur:
            cur.execute("INSERT OR REPLACE INTO watches VALUES (?, ?)",
                        (watch["id"], json.dumps(watch, ensure_ascii=False, sort_keys=True)))

    def _load_watches(self) -> list[dict]:
        return [json.loads(body) for (body,) in self._q("SELECT body FROM watches ORDER BY id")]

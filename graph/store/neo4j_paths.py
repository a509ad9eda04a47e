"""Neo4j's path helpers: the strongest relation of each node pair, as the embedded store's view
chooses it (highest weight, then type name, then key), which a Neo4j path search walks; and the
``Projection`` of the graph that matching searches in memory.

>>> rels = [("a", "LOCATED_IN", "b", 1), ("b", "PART_OF", "c", 1), ("c", "COOPERATES_WITH", "b", 2),
...         ("a", "COOPERATES_WITH", "c", 1)]
>>> best = strongest(rels)
>>> best[("b", "c")]
(('c', 'COOPERATES_WITH', 'b'), 2)
"""
from __future__ import annotations

import base64
import threading
from collections.abc import Iterable

from neo4j import Bookmarks, unit_of_work

from graph.schema import ontology
from graph.store.cypher import query, translated

Key = tuple[str, str, str]


def strongest(rels: Iterable[tuple[str, str, str, int]]) -> dict[tuple[str, str], tuple[Key, int]]:
    """{(u, v) sorted pair: (key, weight)} of the strongest relation of each pair."""
    best: dict[tuple[str, str], tuple[Key, int]] = {}
    for s, t, o, w in rels:
        pair = (s, o) if s < o else (o, s)
        key, w = (s, t, o), int(w or 0)
        old = best.get(pair)
        if old is None or (-w, t, key) < (-old[1], old[0][1], old[0]):
            best[pair] = (key, w)
    return best


DELTA_MAX = 20_000  # entities re-read at most by one delta; more (or over half the view): read afresh
LOG_MAX = 10_000  # transactions remembered by a store's write log
_SKIPPED = frozenset({"props", "ev", "stated", "sources", "documents"})  # payloads naming no entity
_COLLECTING = threading.local()  # .ids: the strings of this thread's write transaction's parameters


def tx_id(bookmarks) -> tuple[bytes, int] | None:
    """(database, transaction id) that a Neo4j 5 bookmark names: ``FB:`` and the base64 of the
    PackStream of a one-item list of the database's 16-byte id, the transaction id (an int), and an
    empty list. None for anything else (several bookmarks, another format): then nothing is taken
    on trust and the projection is read afresh.

    >>> [tx_id({b}) and tx_id({b})[1] for b in ("FB:kcwQtKoFAVGaTRar25TtJuOQ+waQ", "FB:kcwQtKoFAVGaTRar25TtJuOQ+8kBAJA=",
    ...                                           "FB:kcwQtKoFAVGaTRar25TtJuOQ+8kBAA==", "FB:x")]
    [6, 256, None, None]
    """
    bookmarks = getattr(bookmarks, "raw_values", bookmarks)  # a driver Bookmarks, or its strings
    if len(bookmarks) != 1:
        return None
    (raw,) = bookmarks
    try:
        b = base64.b64decode(raw[3:], validate=True) if raw.startswith("FB:") else b""
    except (ValueError, TypeError):
        return None
    if len(b) < 21 or b[:3] != b"\x91\xcc\x10" or b[-1] != 0x90:
        return None
    db, marker, rest = b[3:19], b[19], b[20:-1]
    if marker < 0x80 and not rest:
        return db, marker
    size = {0xC8: 1, 0xC9: 2, 0xCA: 4, 0xCB: 8}.get(marker)
    if size is None or len(rest) != size:
        return None
    return db, int.from_bytes(rest, "big", signed=True)


def _strings(value, out: set) -> None:
    """Add the strings in ``value`` (nested lists and maps; not the property and evidence payloads
    ``_SKIPPED``, which name no entity) to ``out``: among them the id of every entity a write query
    changes the relations of."""
    if value.__class__ is str:
        out.add(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in _SKIPPED:
                _strings(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _strings(v, out)


def collect(params: dict) -> None:
    """Called by Neo4jStore._run for every query: inside a write transaction (``tracked``), note the
    strings of its parameters (the entity ids it touches among them)."""
    ids = getattr(_COLLECTING, "ids", None)
    if ids is not None:
        _strings(params, ids)


def tracked(store, work):
    """``work(tx)`` of Neo4jStore._write_tx, noting what every attempt's queries name (``collect``)
    afresh: an attempt the driver retries starts again from nothing. Only once the store has a
    projection (a store that only ingests pays nothing; a write begun before the projection was
    is not logged, so the next request reads the projection afresh)."""
    def attempt(tx):
        _COLLECTING.ids = set() if "_innograph_projection" in store.__dict__ else None
        return work(tx)
    return attempt


def untracked() -> None:
    """The write transaction of this thread is over (committed, or not)."""
    _COLLECTING.ids = None


def committed(store, bookmarks) -> None:
    """Called by Neo4jStore._write_tx once a tracked write transaction has committed: log what it
    touched under its transaction id (``Writes``)."""
    ids, _COLLECTING.ids = getattr(_COLLECTING, "ids", None), None
    got = tx_id(bookmarks)
    if got is not None and ids is not None:
        _projection(store).writes.add(got, frozenset(ids))


class Writes:
    """This process's committed writes to one store: {transaction id: the strings their queries
    named}, for the projection to re-read only the entities touched since its point. A transaction
    of the range not in the log (another process's write, a bulk load or ``clear``, which are not
    tracked; a write whose commit was not confirmed; Neo4j's own token transactions, the first time
    a label, type or property name is used) makes the range untrusted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.db: bytes | None = None
        self.done: dict[int, frozenset] = {}

    def add(self, got: tuple[bytes, int], ids: frozenset) -> None:
        db, tx = got
        with self.lock:
            if db != self.db:
                self.db, self.done = db, {}
            self.done[tx] = ids
            while len(self.done) > LOG_MAX:
                del self.done[min(self.done)]

    def between(self, then, now) -> set | None:
        """The strings named by the writes after ``then`` up to ``now`` ((database, tx id) pairs),
        or None when one of those transactions is not in the log."""
        if then is None or now is None or then[0] != now[0]:
            return None
        with self.lock:
            if now[0] != self.db and now[1] > then[1]:
                return None
            out: set = set()
            for tx in range(then[1] + 1, now[1] + 1):
                ids = self.done.get(tx)
                if ids is None:
                    return None
                out |= ids
            return out

    def forget(self, upto: int) -> None:
        with self.lock:
            for tx in [t for t in self.done if t <= upto]:
                del self.done[tx]


class Projection:
    """The path relations of a Neo4j store as an in-memory NxView (graph/store/nxview.py), for
    matching's one search per request (graph/explain.py). Read once (``projection_edges``); then
    on every request a read transaction's bookmark names the last transaction Neo4j committed (one
    round trip): when it is not the projection's point, the writes since are brought in before the
    search, so that an answer never comes from a graph older than the request. When every
    transaction since was one of this process's writes (``Writes``), only the entities they named
    are re-read (``projection_delta``: their relations replace theirs in the view,
    ``NxView.replace``); else (or when they are more than ``DELTA_MAX``) the whole projection is
    read afresh. The time of each relation is read on the first query in a time window
    (``projection_times``), then kept in step by the deltas. ``reads`` counts the reads by kind."""

    def __init__(self):
        self.view = None
        self.stamp = None
        self.lock = threading.RLock()
        self.writes = Writes()
        self.reads = {"full": 0, "delta": 0}

    @staticmethod
    def _bookmark(store) -> frozenset:
        with translated("projection", store.timeout), store._driver.session(database=store.database) as s:
            s.execute_read(lambda tx: list(tx.run(query("ping"))))
            return frozenset(s.last_bookmarks().raw_values)

    def current(self, store):
        """The view as of now (brought up to date if Neo4j has committed a write since it was read)."""
        from graph.window import current

        with self.lock:
            stamp = self._bookmark(store)
            if self.view is None or (stamp != self.stamp and not self._catch_up(store, stamp)):
                self.view, self.stamp = self._load(store), stamp
                self.reads["full"] += 1
                self._forget(stamp)
            if current() is not None and self.view.when is None:
                self.view.when = self._times(store)
                self.view._changed()
            return self.view

    def _forget(self, stamp) -> None:
        got = tx_id(stamp)
        if got is not None:
            self.writes.forget(got[1])

    def _catch_up(self, store, stamp) -> bool:
        """Re-read what the logged writes since the projection's point touched, up to ``stamp``;
        False (nothing changed) when that cannot be trusted or is too much."""
        ids = self.writes.between(tx_id(self.stamp), tx_id(stamp))
        if ids is None or len(ids) > min(DELTA_MAX, max(100, len(self.view.adj) // 2)):
            return False
        rows = self._rows(store, "projection_delta", ids=sorted(ids), bookmarks=stamp)
        view = self.view
        if view.when is not None:
            for n in ids:
                for key, _ in view.relations(n):
                    view.when.pop(key, None)
        view.replace(ids, ((s, t, o, w) for s, t, o, w, *_ in rows))
        if view.when is not None:
            for s, t, o, _, vf, vt, dates in rows:
                view.when[(s, t, o)] = _time(vf, vt, dates)
        self.stamp = stamp
        self.reads["delta"] += 1
        self._forget(stamp)
        return True

    @staticmethod
    def _rows(store, name: str, bookmarks=None, **params):
        types = list(ontology().path_relation_types)
        marks = Bookmarks.from_raw_values(bookmarks) if bookmarks else None
        with translated(name, store.write_timeout), store._driver.session(database=store.database,
                                                                          bookmarks=marks) as s:
            return s.execute_read(unit_of_work(timeout=store.write_timeout)(
                lambda tx: [r.values() for r in tx.run(query(name), types=types, **params)]))

    def _load(self, store):
        from graph.store.nxview import NxView

        # one row per source node with its relations as parallel lists (a third of the records)
        return NxView.of_rows((s, t, o, w) for s, ts, os, ws in self._rows(store, "projection_edges")
                              for t, o, w in zip(ts, os, ws))

    def _times(self, store) -> dict:
        return {(s, t, o): _time(vf, vt, dates) for s, t, o, vf, vt, dates in self._rows(store, "projection_times")}


def _time(vf, vt, dates) -> tuple:
    return (None if vf is None else str(vf), None if vt is None else str(vt),
            tuple(sorted({d for d in dates or () if d})))


_PROJECTIONS_LOCK = threading.Lock()


def _projection(store) -> Projection:
    with _PROJECTIONS_LOCK:
        proj = store.__dict__.get("_innograph_projection")
        if proj is None:
            proj = store.__dict__["_innograph_projection"] = Projection()
    return proj


def projection(store):
    """(view, lock): the store's Projection as of now; search the view under the lock."""
    proj = _projection(store)
    return proj.current(store), proj.lock


def entities(store, ids) -> dict:
    """{id: Entity} of those ``ids`` that exist, in one read (``entities_get``, the query and
    record accessor Neo4jStore.get_entity uses)."""
    from graph.store.neo4j_write import _entity

    ids = sorted(set(ids))
    if not ids:
        return {}
    return {r["id"]: _entity(r) for r in store._read("entities_get", ids=ids)}

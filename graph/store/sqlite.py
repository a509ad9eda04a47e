"""The embedded store: SQLite is the source of truth, a compact in-memory view answers paths and neighbours.

WAL, synchronous=FULL, one transaction per batch, a versioned schema. The view (graph/store/nxview.py) is built
lazily from SQLite, kept in step with this process's writes, and rebuilt when another process
has written (``PRAGMA data_version``).

>>> s = SQLiteStore("sqlite://:memory:")
>>> s.stats()["nodes"]["City"]
0
>>> s.close()
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from graph.errors import BadInput, NotFound, QueryTimeout, StoreUnavailable
from graph.ids import match_keys, normalise
from graph.limits import check_range
from graph.model import Document, Entity, Evidence, Relation
from graph.schema import ontology
from graph.store.base import GraphStore, merge_evidence, merge_props
from graph.store.keyindex import KeyIndex
from graph.store.nxview import NxView
from graph.store.sqlite_notes import NOTES_SCHEMA, SQLiteNotes
from graph.store.sqlite_schema import migrate
from graph.store.sqlite_time import SQLiteTime
from graph.window import current


def _ent(row) -> Entity:
    return Entity(row[0], row[1], row[2], set(json.loads(row[3])), json.loads(row[4]))


def _ev(row) -> Evidence:
    return Evidence(row[0], row[1], None if row[2] < 0 else row[2], None if row[3] < 0 else row[3], row[4], row[5],
                    row[6])


_EV_COLS = 'document, sentence, start, "end", extractor, confidence, date'
_EV_INSERT = "INSERT OR IGNORE INTO evidence VALUES (?,?,?,?,?,?,?,?,?,?,?)"


class SQLiteStore(SQLiteNotes, SQLiteTime, GraphStore):
    def __init__(self, uri: str, timeout: float = 30.0):
        self.uri = uri
        path = uri.split("://", 1)[1]
        if path in (":memory:", "/:memory:", ""):
            target = ":memory:"
        else:
            target = path[1:] if path.startswith("/") else path
            if not target:
                raise BadInput(f"no path in {uri!r}", where="store")
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.path = target
        self.timeout = float(timeout)  # the busy timeout, and each read's deadline (progress handler)
        self._deadline: float | None = None
        self._lock = threading.RLock()
        self._view_lock = threading.RLock()  # a view being searched or changed in place
        self._build_lock = threading.Lock()  # one rebuild of the view at a time
        self._local_writes = 0
        self._depth = 0  # nesting of _tx() (the outer one owns BEGIN ... COMMIT)
        try:
            self.db = sqlite3.connect(target, timeout=timeout, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.set_progress_handler(self._past_deadline, 20_000)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreUnavailable(f"cannot open SQLite store {target!r}: {exc}", where="store") from exc
        self._nx: NxView | None = None
        self._version = None
        self._keyidx: KeyIndex | None = None  # search's index of match keys, like the networkx view

    def _migrate(self) -> None:
        migrate(self.db)
        self.db.executescript(NOTES_SCHEMA)

    # ---- plumbing --------------------------------------------------------------------------
    class _Tx:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error) under the store's lock; a nested one joins
        the outer transaction."""

        def __init__(self, store):
            self.store = store

        def __enter__(self):
            s = self.store
            s._lock.acquire()
            if s._depth == 0:
                try:
                    s.db.execute("BEGIN IMMEDIATE")
                except BaseException:
                    s._lock.release()
                    raise
            s._depth += 1
            return s.db.cursor()

        def __exit__(self, exc_type, exc, tb):
            s = self.store
            try:
                s._depth -= 1
                if s._depth == 0:
                    if exc_type is None:
                        try:
                            s.db.execute("COMMIT")
                        except BaseException:
                            s.db.execute("ROLLBACK")
                            s._nx = s._keyidx = None
                            raise
                    else:
                        s.db.execute("ROLLBACK")
                        s._nx = s._keyidx = None  # they may hold what was rolled back
            finally:
                s._lock.release()

    def _tx(self):
        return self._Tx(self)

    def _atomically(self, work):
        """Run ``work()`` (entity resolution and the write) in one BEGIN IMMEDIATE transaction:
        no other writer can add a node between the lookup and the write."""
        with self._tx():
            return work()

    def _past_deadline(self) -> int:
        """SQLite's progress handler: non-zero stops the running statement (a read past its deadline)."""
        return 1 if self._deadline is not None and time.monotonic() > self._deadline else 0

    def _q(self, sql: str, params=()) -> list:
        """One read on the shared connection, stopped by SQLite itself past ``timeout`` seconds."""
        with self._lock:
            outer, self._deadline = self._deadline, self._deadline or time.monotonic() + self.timeout
            try:
                return self.db.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    raise QueryTimeout(f"the query ran past the {self.timeout:g} s timeout") from None
                raise
            finally:
                self._deadline = outer

    def _reader(self) -> sqlite3.Connection | None:
        """A connection of its own (WAL: it reads while another writes), or None in memory."""
        if self.path == ":memory:":
            return None
        conn = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False)
        conn.execute("PRAGMA query_only=1")
        return conn

    def _view(self) -> NxView:
        """The networkx view, rebuilt if another connection has written since: on a reader connection
        of its own, outside the store's lock, so that other reads go on while it is built."""
        with self._lock:
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
            if self._nx is not None and version == self._version:
                return self._nx
            if (conn := self._reader()) is None:
                self._nx, self._version = NxView.load(self.db), version
                return self._nx
        with self._build_lock, conn:
            with self._lock:
                if self._nx is not None and self._version == self.db.execute("PRAGMA data_version").fetchone()[0]:
                    return self._nx  # another thread built it meanwhile
                writes = self._local_writes
            view = NxView.load(conn)
            with self._lock:  # a write of this process during the build: use it once, rebuild next time
                self._nx, self._version = view, (version if writes == self._local_writes else None)
            return view

    def _keys(self) -> KeyIndex:
        """The index of match keys for search, rebuilt if another connection has written since."""
        with self._lock:
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
            if self._keyidx is None or version != self._keyidx.version or len(self._keyidx.extra) > 20_000:
                self._keyidx = KeyIndex(self.db.execute("SELECT key, label FROM keys"), version)
            return self._keyidx

    def warm(self) -> None:
        """Build the networkx view and the search index now (``innograph serve`` calls it at start)."""
        self._view()
        self._keys()

    def close(self) -> None:
        with self._lock:
            self.db.close()

    def ping(self) -> bool:
        """On a connection of its own: a long query or a view rebuild on the shared one never delays it."""
        _ = self.db.total_changes  # ProgrammingError once the store is closed
        if (conn := self._reader()) is None:
            return self._q("SELECT 1")[0][0] == 1
        with conn:
            return conn.execute("SELECT count(*) FROM meta").fetchone()[0] >= 1

    # ---- primitives ---------------------------------------------------------------------------
    def _lookup_keys(self, label, keys):
        out = {}
        keys = sorted(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = self._q(f"SELECT key, node_id FROM keys WHERE label=? AND key IN ({','.join('?' * len(chunk))}) "
                           "ORDER BY node_id", (label, *chunk))
            for k, node_id in rows:
                out.setdefault(k, []).append(node_id)
        return out

    def _existing_labels(self, ids):
        ids = sorted(ids)
        out = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update(self._q(f"SELECT id, label FROM nodes WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def _write(self, entities, relations, documents):
        touched_nodes, touched_edges, new_keys = [], [], []
        with self._tx() as cur:
            for e in entities:
                row = cur.execute("SELECT id, label, name, aliases, props FROM nodes WHERE id=?", (e.id,)).fetchone()
                if row:
                    old = _ent(row)
                    aliases, props, name = old.aliases | e.aliases, merge_props(old.properties, e.properties), old.name
                else:
                    aliases, props, name = e.aliases, e.properties, e.name
                cur.execute("INSERT OR REPLACE INTO nodes VALUES (?,?,?,?,?)",
                            (e.id, e.label, name, json.dumps(sorted(aliases), ensure_ascii=False),
                             json.dumps(props, ensure_ascii=False, sort_keys=True)))
                rows = [(k, e.label, e.id) for a in aliases for k in match_keys(e.label, a)]
                cur.executemany("INSERT OR IGNORE INTO keys VALUES (?,?,?)", rows)
                new_keys += rows
                touched_nodes.append((e.id, e.label))
            for r in relations:
                row = cur.execute("SELECT props FROM edges WHERE source=? AND type=? AND target=?", r.key).fetchone()
                props = merge_props(json.loads(row[0]), r.properties) if row else r.properties
                cur.execute("INSERT OR REPLACE INTO edges (source, type, target, props, weight) VALUES (?,?,?,?,0)",
                            (*r.key, json.dumps(props, ensure_ascii=False, sort_keys=True)))
                seq = cur.execute("SELECT COALESCE(MAX(seq), -1) FROM evidence WHERE source=? AND type=? AND target=?",
                                  r.key).fetchone()[0]
                for e in r.evidence:
                    seq += 1
                    cur.execute(_EV_INSERT, (*r.key, e.document, -1 if e.start is None else e.start,
                                             -1 if e.end is None else e.end, e.sentence, e.extractor, e.confidence,
                                             seq, e.date or ""))
                w = cur.execute("SELECT COUNT(DISTINCT document) FROM evidence WHERE source=? AND type=? AND target=?",
                                r.key).fetchone()[0]
                cur.execute("UPDATE edges SET weight=? WHERE source=? AND type=? AND target=?", (w, *r.key))
                touched_edges.append((r.key, w, self._edge_time(cur, r.key, props)))
            for d in documents:
                cur.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?)",
                            (d.id, d.kind, d.title, d.url, d.published, d.sha256, json.dumps(d.stated, ensure_ascii=False)))
                cur.executemany("INSERT OR IGNORE INTO mentions VALUES (?,?)", [(d.id, m) for m in sorted(d.mentions)])
            version = cur.execute("PRAGMA data_version").fetchone()[0]
        self._local_writes += 1
        if self._nx is not None and version == self._version:
            with self._view_lock:
                for node_id, label in touched_nodes:
                    self._nx.add_node(node_id, label)
                for key, w, when in touched_edges:
                    self._nx.set_edge(key, w)
                    if when is not None:
                        self._nx.set_when(key, *when)
        if self._keyidx is not None and version == self._keyidx.version:
            for k, label, _ in new_keys:
                self._keyidx.add(k, label)
        else:
            self._keyidx = None

    def get_entity(self, node_id):
        rows = self._q("SELECT id, label, name, aliases, props FROM nodes WHERE id=? AND label != 'Document'", (node_id,))
        return _ent(rows[0]) if rows else None

    def _entities_by_key(self, key, labels):
        rows = self._q(f"SELECT DISTINCT n.id, n.label, n.name, n.aliases, n.props FROM keys k JOIN nodes n "
                       f"ON n.id = k.node_id WHERE k.key=? AND k.label IN ({','.join('?' * len(labels))})",
                       (key, *labels))
        return [_ent(r) for r in rows]

    def get_entities(self, ids):
        return self._entities(ids)

    def _entities(self, ids) -> dict[str, Entity]:
        """{id: entity} of those ``ids`` that exist, in queries of 500."""
        ids, out = list(dict.fromkeys(ids)), {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update((r[0], _ent(r)) for r in self._q(
                f"SELECT id, label, name, aliases, props FROM nodes WHERE label != 'Document' "
                f"AND id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def _search_candidates(self, q, labels, limit):
        qn = normalise(q)
        marks = ",".join("?" * len(labels))
        rows = self._q(f"SELECT DISTINCT node_id FROM keys WHERE label IN ({marks}) AND key >= ? AND key < ? "
                       f"ORDER BY length(key), node_id LIMIT ?", (*labels, qn, qn + "\U0010ffff", limit))
        ids = [r[0] for r in rows]
        # search() asks for 3 × (limit + offset) or more: with a third of that found by prefix
        # (each scoring above any fuzzy hit) the fuzzy stage cannot change the page.
        if len(ids) < limit // 3:
            keys = self._keys().fuzzy(qn, labels, limit)
            nodes: dict[str, list[str]] = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                for k, node_id in self._q(f"SELECT key, node_id FROM keys WHERE label IN ({marks}) AND key IN "
                                          f"({','.join('?' * len(chunk))}) ORDER BY node_id", (*labels, *chunk)):
                    nodes.setdefault(k, []).append(node_id)
            ids += [n for k in keys for n in nodes.get(k, ())][:limit]
        ents = self._entities(ids)
        return [(ents[i], ents[i].name) for i in dict.fromkeys(ids) if i in ents]

    def neighbours(self, ref, depth=1, labels=(), rel_types=(), limit=100):
        check_range("depth", depth, 1, 3)
        check_range("limit", limit, 1, 500)
        onto = ontology()
        labels = onto.check_types(labels, "label", "labels")
        types = onto.check_types(rel_types, "relation", "types") or onto.path_relation_types
        center = self.resolve(ref)
        view = self._timed_view()
        with self._view_lock:
            found, edges = view.neighbourhood(center.id, depth, types, labels, limit, current())
        ents = self._entities(n for n, _ in found)
        return {"center": center.brief(),
                "nodes": [{**ents[n].brief(), "depth": d} for n, d in found if n in ents],
                "edges": [{"source": k[0], "target": k[2], "type": k[1], "weight": w} for k, w in edges]}

    def _paths(self, src, dst, k, max_hops, rel_types, weighted, avoid=frozenset(), max_degree=None):
        view, window = self._timed_view(), current()  # searched outside the store's lock, stopped at the deadline
        with self._view_lock:
            return view.paths(src, dst, k, max_hops, rel_types, weighted, view.skipper(avoid, max_degree),
                              deadline=time.monotonic() + self.timeout, window=window)

    def get_relations(self, keys):
        """Relations by key, with their evidence, in two queries per chunk of 300 keys."""
        out = {}
        keys = [tuple(k) for k in keys]
        for i in range(0, len(keys), 300):
            chunk = keys[i:i + 300]
            cond = " OR ".join(["(source=? AND type=? AND target=?)"] * len(chunk))
            flat = [x for k in chunk for x in k]
            for src, typ, tgt, props in self._q(f"SELECT source, type, target, props FROM edges WHERE {cond}", flat):
                out[(src, typ, tgt)] = Relation(src, typ, tgt, json.loads(props), [])
            rows = self._q(f"SELECT source, type, target, {_EV_COLS} "
                           f"FROM evidence WHERE {cond} ORDER BY source, type, target, seq", flat)
            for r in rows:
                rel = out.get((r[0], r[1], r[2]))
                if rel is not None:
                    rel.evidence.append(_ev(r[3:]))
        return out

    def iter_entities(self, labels=()):
        labels = tuple(labels) or ontology().entity_labels
        rows = self._q(f"SELECT id, label, name, aliases, props FROM nodes WHERE label IN "
                       f"({','.join('?' * len(labels))}) ORDER BY id", labels)
        return (_ent(r) for r in rows)

    def iter_relations(self, types=()) -> Iterator[Relation]:
        types = tuple(types) or ontology().path_relation_types
        keys = self._q(f"SELECT source, type, target FROM edges WHERE type IN ({','.join('?' * len(types))}) "
                       "ORDER BY source, type, target", types)
        for i in range(0, len(keys), 1000):
            chunk = [tuple(k) for k in keys[i:i + 1000]]
            rels, w = self.get_relations(chunk), current()
            yield from (rels[k] for k in chunk if k in rels and (w is None or w.admits_relation(rels[k])))

    def _doc(self, row) -> Document:
        mentions = {m for (m,) in self._q("SELECT node_id FROM mentions WHERE document=?", (row[0],))}
        return Document(row[0], row[1], row[2] or "", row[3] or "", row[4] or "", row[5] or "", mentions,
                        json.loads(row[6] or "{}"))

    def iter_documents(self):
        return (self._doc(r) for r in self._q("SELECT * FROM documents ORDER BY id"))

    def get_document(self, doc_id):
        rows = self._q("SELECT * FROM documents WHERE id=?", (doc_id,))
        return self._doc(rows[0]) if rows else None

    def documents_mentioning(self, node_id, limit=100):
        rows = self._q("SELECT d.* FROM mentions m JOIN documents d ON d.id = m.document WHERE m.node_id=? "
                       "ORDER BY d.id LIMIT ?", (node_id, limit))
        return [self._doc(r) for r in rows]

    def degree(self, node_id):
        return self._q("SELECT (SELECT COUNT(*) FROM edges WHERE source=?) + (SELECT COUNT(*) FROM edges WHERE target=?)",
                       (node_id, node_id))[0][0]

    def stats(self):
        onto = ontology()
        nodes = {label: 0 for label in onto.entity_labels}
        nodes.update({lab: n for lab, n in self._q("SELECT label, COUNT(*) FROM nodes GROUP BY label") if lab != "Document"})
        rels = {t: 0 for t in onto.relations}
        rels.update(dict(self._q("SELECT type, COUNT(*) FROM edges GROUP BY type")))
        rels["MENTIONS"] = self._q("SELECT COUNT(*) FROM mentions")[0][0]
        return {"nodes": nodes, "relations": rels, "documents": self._q("SELECT COUNT(*) FROM documents")[0][0]}

    def _set_properties(self, ref, props):
        blob = json.dumps(props, ensure_ascii=False, sort_keys=True)
        with self._tx() as cur:
            if isinstance(ref, tuple):
                cur.execute("UPDATE edges SET props=? WHERE source=? AND type=? AND target=?", (blob, *ref))
            else:
                cur.execute("UPDATE nodes SET props=? WHERE id=?", (blob, ref))

    def _retract_document(self, doc_id):
        if not self._q("SELECT 1 FROM documents WHERE id=?", (doc_id,)):
            raise NotFound(f"no document {doc_id!r}")
        with self._tx() as cur:
            keys = cur.execute("SELECT DISTINCT source, type, target FROM evidence WHERE document=?", (doc_id,)).fetchall()
            n_ev = cur.execute("DELETE FROM evidence WHERE document=?", (doc_id,)).rowcount
            removed = 0
            for key in keys:
                w = cur.execute("SELECT COUNT(DISTINCT document) FROM evidence WHERE source=? AND type=? AND target=?",
                                key).fetchone()[0]
                if w == 0:
                    cur.execute("DELETE FROM edges WHERE source=? AND type=? AND target=?", key)
                    removed += 1
                else:
                    cur.execute("UPDATE edges SET weight=? WHERE source=? AND type=? AND target=?", (w, *key))
            mentioned = [m for (m,) in cur.execute("SELECT node_id FROM mentions WHERE document=?", (doc_id,))]
            cur.execute("DELETE FROM mentions WHERE document=?", (doc_id,))
            cur.execute("DELETE FROM documents WHERE id=?", (doc_id,))
            orphans = [m for m in mentioned if not cur.execute(
                "SELECT 1 FROM mentions WHERE node_id=?1 UNION ALL SELECT 1 FROM edges WHERE source=?1 OR target=?1 LIMIT 1",
                (m,)).fetchone()]
            for m in orphans:
                cur.execute("DELETE FROM nodes WHERE id=?", (m,))
                cur.execute("DELETE FROM keys WHERE node_id=?", (m,))
        self._nx = None
        return {"document": doc_id, "evidence_removed": n_ev, "relations_removed": removed,
                "entities_removed": len(orphans)}

    def _set_stated(self, doc_id, stated):
        with self._tx() as cur:
            cur.execute("UPDATE documents SET stated=? WHERE id=?", (json.dumps(stated, ensure_ascii=False), doc_id))

    def _merge_nodes(self, survivor, other):
        a, b = survivor.id, other.id
        with self._tx() as cur:
            for s, t, o, props in cur.execute("SELECT source, type, target, props FROM edges WHERE source=? OR target=?",
                                              (b, b)).fetchall():
                ev = [_ev(r) for r in cur.execute(f"SELECT {_EV_COLS} FROM evidence WHERE source=? AND type=? "
                                                  "AND target=? ORDER BY seq", (s, t, o))]
                cur.execute("DELETE FROM edges WHERE source=? AND type=? AND target=?", (s, t, o))
                cur.execute("DELETE FROM evidence WHERE source=? AND type=? AND target=?", (s, t, o))
                new = Relation(a if s == b else s, t, a if o == b else o, json.loads(props), ev).canonical()
                if new.source == new.target:
                    continue
                row = cur.execute("SELECT props FROM edges WHERE source=? AND type=? AND target=?", new.key).fetchone()
                if row:
                    new.properties = merge_props(json.loads(row[0]), new.properties)
                old_ev = [_ev(r) for r in cur.execute(f"SELECT {_EV_COLS} FROM evidence WHERE source=? AND type=? "
                                                      "AND target=? ORDER BY seq", new.key)]
                new.evidence = merge_evidence(old_ev, new.evidence)
                cur.execute("DELETE FROM evidence WHERE source=? AND type=? AND target=?", new.key)
                cur.execute("INSERT OR REPLACE INTO edges VALUES (?,?,?,?,?)",
                            (*new.key, json.dumps(new.properties, ensure_ascii=False, sort_keys=True), new.weight))
                for i, e in enumerate(new.evidence):
                    cur.execute(_EV_INSERT, (*new.key, e.document, -1 if e.start is None else e.start,
                                             -1 if e.end is None else e.end, e.sentence, e.extractor, e.confidence,
                                             i, e.date or ""))
            aliases = survivor.aliases | other.aliases
            props = merge_props(other.properties, survivor.properties)
            cur.execute("UPDATE nodes SET aliases=?, props=? WHERE id=?",
                        (json.dumps(sorted(aliases), ensure_ascii=False), json.dumps(props, ensure_ascii=False, sort_keys=True), a))
            cur.execute("UPDATE OR IGNORE keys SET node_id=? WHERE node_id=?", (a, b))
            cur.execute("DELETE FROM keys WHERE node_id=?", (b,))
            cur.execute("UPDATE OR IGNORE mentions SET node_id=? WHERE node_id=?", (a, b))
            cur.execute("DELETE FROM mentions WHERE node_id=?", (b,))
            cur.execute("DELETE FROM nodes WHERE id=?", (b,))
        self._nx = None

    def clear(self):
        with self._tx() as cur:
            for table in ("nodes", "keys", "edges", "evidence", "documents", "mentions", "notes", "watches"):
                cur.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        self._nx = self._keyidx = None

    def integrity_check(self) -> str:
        return self._q("PRAGMA integrity_check")[0][0]

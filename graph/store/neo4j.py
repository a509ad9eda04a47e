"""The Neo4j store: the same GraphStore contract as the embedded store, on Neo4j 5.26+.

Graph layout, the native model (every query is a file of ``cypher/``, see graph/store/cypher.py;
the encoding is graph/store/neo4j_model.py):

* ``(:Entity:<Label> {id, label, name, aliases, <each property as itself>})`` — ``kind``, ``title``,
  ``ref``, ... are Neo4j properties (``WHERE o.kind = 'enterprise'``); a value Neo4j cannot hold
  exactly (a list mixing types, a name starting with ``_``) goes, as JSON, into ``_props``.
* ``(a)-[:<TYPE> {<each property>, weight, ev_docs, ev_sentences, ev_starts, ev_ends, ev_extractors,
  ev_confidences, ev_dates}]->(b)`` — evidence as parallel lists in arrival order (offsets
  -1 when unknown, dates "" when none); ``weight`` the number of distinct evidence documents.
  COOPERATES_WITH is stored in canonical order.
* ``(:Document {id, kind, title, url, published, sha256, _stated})-[:MENTIONS]->(:Entity)``.
* Bookkeeping, under labels and names starting with ``_`` that no answer and no README query
  touches: ``(:_Key {label, key})-[:_KEY_OF]->(:Entity)``, one node per normalised match key and
  label (lookups by key and key prefix use the (label, key) uniqueness index);
  ``(:_EvSource {id, rels})``, append-only: per evidence document and write the relations it newly
  backs (the index ``retract_document`` reads: the union of the document's nodes); ``(:_Note)``
  review verdicts, ``(:_Watch)`` watches, ``(:_Meta {id: 'innograph', model})`` the layout version.
  A store of the first layout (JSON in ``props``, ``:Key`` ...) is migrated on open
  (graph/store/neo4j_migrate.py).

Writes (graph/store/neo4j_write.py): every upsert is one managed transaction (retried on transient errors
such as deadlocks) that locks the batch's match keys, resolves its entities, then writes it with one
query per kind of work it has (``write_lock``, ``relations_lookup``, ``apply_*``) whatever its size. So concurrent writers never
lose evidence nor create duplicate nodes. Every transaction carries a timeout (``timeout`` for
reads, ``write_timeout`` for writes).

Query shapes: a relationship between two known entities is always found by seeking both by the
``:Entity(id)`` index (``USING INDEX SEEK`` hints) and expanding between them (``Expand(Into)``,
from the endpoint of smaller degree); without the hints a plan made on an empty store scans every
relationship or every entity. (A plan made while the store holds no relationship at all may
expand from one endpoint and hash-join the other instead; Neo4j replans it within seconds of
relationships appearing.) Queries with many list parameters take them in one map (``$batch``):
the plan cache keys on the type and size of each parameter, and these plans are slow to make.

Reads: the shared GraphStore methods that read the same things repeatedly (``_resolve``, ``get``,
``paths``) run under a per-thread ``_Snapshot`` of what one query already returned, so that entity
resolution is one query per batch and a path answer one read transaction plus its endpoints.
"""
from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator

from neo4j import GraphDatabase, unit_of_work
from neo4j.exceptions import ClientError

import graph.store.neo4j_paths as neo4j_paths
from graph.errors import QueryTimeout, StoreUnavailable
from graph.ids import normalise
from graph.limits import MAX_DEPTH, MAX_LIMIT, check_range
from graph.model import Entity, Relation
from graph.pathsearch import _never, edge_keys, k_paths
from graph.schema import ontology
from graph.store.base import GraphStore
from graph.store.cypher import query, redacted, settings, statements, translated
from graph.store.neo4j_ball import Ball
from graph.store.neo4j_migrate import ensure_model
from graph.store.neo4j_notes import Neo4jNotes
from graph.store.neo4j_write import Neo4jWriter, _document, _entity, _relation
from graph.window import current as current_window
from graph.window import params as window_params

PAGE = 1000  # rows per page when iterating
EDGE_LIMIT = 50_000  # edges returned by one neighbourhood
_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
_SCHEMA_NAME = re.compile(r"(?:CONSTRAINT|INDEX) (\w+)")



def lucene_query(qn: str) -> str:
    """A fuzzy Lucene query for a normalised query: any word (``word~``), or the words written
    together (``gui yang`` finds ``guiyang``).

    >>> lucene_query("gui (yang)")
    'gui~ OR \\\\(yang\\\\)~ OR gui\\\\(yang\\\\)~'
    """
    words = ["".join("\\" + c if c in _LUCENE_SPECIAL else c for c in w) for w in qn.split()]
    words += ["".join(words)] if len(words) > 1 else []
    return " OR ".join(w + "~" for w in words if w)



def _window() -> tuple[dict, str]:
    """The parameters and the query-name suffix of the current time window (graph/window.py):
    ``({}, "")`` outside one, so that queries without a window run the plain files unchanged;
    ``(params, "_in_window")`` in one (the ``*_in_window.cypher`` variants inline its predicate)."""
    return (window_params(), "_in_window") if current_window() is not None else ({}, "")


class _Snapshot:
    """What one call of a shared GraphStore method (``_resolve``, ``get``, ``paths``) has read in
    one round trip, so that the primitives it calls next answer without another one."""

    def __init__(self):
        self.ids: set[str] = set()  # the ids _resolve asked about...
        self.labels: dict[str, str] = {}  # ...and the labels of those that exist
        self.keys: set[tuple[str, str]] = set()  # the (label, match key) pairs it asked about...
        self.found: dict[str, dict[str, list[str]]] = {}  # ...{label: {key: every id having it}}
        self.entities: dict[str, Entity] = {}
        self.degrees: dict[str, int] = {}
        self.relations: dict[tuple, Relation] = {}



class Neo4jStore(Neo4jNotes, Neo4jWriter, GraphStore):
    """GraphStore on Neo4j; open it with ``open_store("bolt://user:pass@host:7687")``.

    Options: ``timeout`` (seconds, every read; default 30), ``write_timeout`` (every write
    transaction; default 300), ``database`` (else ``?database=`` of the URI, else the default),
    ``fuzzy_scan_limit`` (up to this many match keys, fuzzy search scores every key like the
    embedded store; above it, candidates come from the fulltext index), ``path_budget`` (seconds
    for the candidate query of weighted paths before falling back, see ``_paths``),
    ``connection_timeout``.
    Raises StoreUnavailable when Neo4j cannot be reached.
    """

    def __init__(self, uri: str, timeout: float = 30.0, write_timeout: float = 300.0, database: str | None = None,
                 fuzzy_scan_limit: int = 20_000, connection_timeout: float = 10.0, path_budget: float = 3.0):
        self.uri = uri
        target, auth, self.database = settings(uri, database)
        self.timeout, self.write_timeout = float(timeout), float(write_timeout)
        self.fuzzy_scan_limit = int(fuzzy_scan_limit)
        self.path_budget = float(path_budget)
        self._local = threading.local()  # per thread: the _Snapshot of the shared method running
        self._driver = None
        self._closed = False  # set by close(): a transaction the driver would retry is not retried
        with translated("connect"):
            self._driver = GraphDatabase.driver(target, auth=auth, connection_timeout=connection_timeout,
                                                notifications_min_severity="OFF")
            try:
                self._driver.verify_connectivity()
                self._ensure_schema()
            except BaseException:
                self._driver.close()
                raise

    def __repr__(self) -> str:
        return f"Neo4jStore({redacted(self.uri)!r})"

    # ---- plumbing --------------------------------------------------------------------------
    def _session(self, **config):
        return self._driver.session(database=self.database,
                                    bookmark_manager=self._driver.execute_query_bookmark_manager, **config)

    def _guarded(self, work, what: str, timeout: float):
        """``work`` for a managed transaction whose every attempt (the driver retries one after a
        transient error or a lost connection) first checks that the store is still open and that
        the ``timeout`` of the first attempt has not passed: a query stopped at its deadline, or cut
        off by ``close``, is not started again behind its caller's back."""
        deadline = time.monotonic() + timeout

        def attempt(tx):
            if self._closed:
                raise StoreUnavailable("the store is closed", where="store")
            if time.monotonic() > deadline:
                raise QueryTimeout(f"{what} ran past its timeout of {timeout:g} s", where="store")
            return work(tx)
        return unit_of_work(timeout=timeout)(attempt)

    @staticmethod
    def _run(tx, name: str, **params) -> list:
        """Run the named query inside ``tx``; all records."""
        neo4j_paths.collect(params)
        return list(tx.run(query(name), params))

    def _read_tx(self, work, what: str, timeout: float | None = None):
        """Run ``work(tx)`` in a managed read transaction, or in this thread's write transaction
        when one is open (``_atomically``: resolution reads what it will write under its locks)."""
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            return work(tx)  # errors stay driver errors, so that the driver can retry the whole
        timeout = timeout or self.timeout
        with translated(what, timeout), self._session(max_transaction_retry_time=timeout) as s:
            return s.execute_read(self._guarded(work, what, timeout))

    def read_together(self, fn, *args, **kwargs):
        """GraphStore.read_together: every query of ``fn`` joins one managed read transaction (see
        ``_read_tx``); the driver retries it whole on a transient error."""
        if getattr(self._local, "tx", None) is not None:
            return fn(self, *args, **kwargs)

        def work(tx):
            self._local.tx = tx
            try:
                return fn(self, *args, **kwargs)
            finally:
                self._local.tx = None
        return self._read_tx(work, "read")

    def _write_tx(self, work, what: str):
        """Run ``work(tx)`` in a managed write transaction (the driver retries transient errors such
        as deadlocks); also retried, twice, when a node vanished under a concurrent delete. Inside
        ``_atomically`` it joins the open transaction."""
        tx = getattr(self._local, "tx", None)
        if tx is not None:
            return work(tx)
        with translated(what, self.write_timeout):
            for attempt in range(3):
                try:
                    with self._session() as s:  # what it touched is logged for the projection
                        done = s.execute_write(self._guarded(neo4j_paths.tracked(self, work), what, self.write_timeout))
                        neo4j_paths.committed(self, s.last_bookmarks())
                        return done
                except ClientError as exc:
                    if exc.code != "Neo.ClientError.Statement.EntityNotFound" or attempt == 2:
                        raise
                finally:
                    neo4j_paths.untracked()

    def _read(self, name: str, **params) -> list:
        return self._read_tx(lambda tx: self._run(tx, name, **params), name)

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes of cypher/schema.cypher if missing, wait till online,
        then bring a store of an older layout to this one (graph/store/neo4j_migrate.py)."""
        wanted = statements("schema")
        present = set(self._read("schema_names")[0]["names"])
        if not all(_SCHEMA_NAME.search(text).group(1) in present for text in wanted):
            self._create_schema(wanted)
        self.migrated = ensure_model(self)

    def _create_schema(self, wanted: list[str]) -> None:
        for text in wanted:
            try:
                with self._session() as s:
                    s.execute_write(lambda tx, text=text: tx.run(text).consume())
            except Exception as exc:  # noqa: BLE001 - a concurrent opener won the race, or no rights
                code = getattr(exc, "code", "") or ""
                if "AlreadyExists" not in code and "Forbidden" not in code and "Security" not in code:
                    raise
        self._read_tx(lambda tx: self._run(tx, "await_indexes", seconds=int(self.timeout)), "await_indexes")

    def close(self) -> None:
        """Close the driver and its connections."""
        self._closed = True
        if self._driver is not None:
            self._driver.close()

    def ping(self) -> bool:
        """True when Neo4j answers a trivial query (raises StoreUnavailable otherwise)."""
        return self._read("ping")[0]["ok"] == 1

    # ---- primitives ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def _snapshot(self):
        """A _Snapshot for this thread until the outermost ``with`` ends (nested ones share it)."""
        snap = getattr(self._local, "snapshot", None)
        if snap is not None:
            yield snap
            return
        self._local.snapshot = snap = _Snapshot()
        try:
            yield snap
        finally:
            self._local.snapshot = None

    def _snap(self) -> _Snapshot | None:
        return getattr(self._local, "snapshot", None)

    def get(self, *args, **kwargs):
        """GraphStore.get; the degrees that rank several candidates come with them."""
        with self._snapshot():
            return super().get(*args, **kwargs)

    def paths(self, *args, **kwargs):
        """GraphStore.paths; the relations and entities of the answer are read in the transaction
        that finds it (not one query per node)."""
        with self._snapshot():
            return super().paths(*args, **kwargs)

    def get_entity(self, node_id):
        """The entity with this id, or None."""
        snap = self._snap()
        if snap is not None and node_id in snap.entities:
            return snap.entities[node_id]
        recs = self._read("entities_get", ids=[node_id])
        return _entity(recs[0]) if recs else None

    def get_entities(self, ids):
        """{id: entity} of those ``ids`` that exist, in one read."""
        return neo4j_paths.entities(self, ids)

    def _entities_by_key(self, key, labels):
        recs = self._read("entities_by_key", key=key, labels=list(labels))
        snap = self._snap()
        if snap is not None:
            snap.degrees.update((r["id"], int(r["degree"])) for r in recs)
        return [_entity(r) for r in recs]

    def _search_candidates(self, q, labels, limit):
        """Exact and prefix candidates, then fuzzy ones scored by rapidfuzz: over every match key
        while the store holds at most ``fuzzy_scan_limit`` keys (like the embedded store), else over
        the keys the fulltext index proposes. Two queries in one read transaction."""
        from rapidfuzz import fuzz, process

        qn, labels = normalise(q), list(labels)

        def work(tx):
            rec = self._run(tx, "search_candidates", labels=labels, prefix=qn, limit=limit,
                            scan_limit=self.fuzzy_scan_limit, lucene=lucene_query(qn), fuzzy_limit=limit * 4)[0]
            ids, keys = list(rec["prefixed"]), rec["keys"]
            if keys:
                hits = process.extract(qn, keys, scorer=fuzz.WRatio, limit=limit, score_cutoff=75)
                ids += [rec["ids"][i] for _, _, i in hits]
            ids = list(dict.fromkeys(ids))
            return ids, {r["id"]: _entity(r) for r in self._run(tx, "entities_get", ids=ids)} if ids else {}

        ids, found = self._read_tx(work, "search")
        return [(found[i], found[i].name) for i in ids if i in found]

    def neighbours(self, ref, depth=1, labels=(), rel_types=(), limit=100):
        """BFS to ``depth`` (≤ 3) like the embedded store: nodes ordered by (depth, id), at most
        ``limit``; a label filter restricts the walk; the edges among the nodes kept.

        Each layer asks Neo4j only for the ``limit`` smallest new ids, so a supernode never brings
        more than ``limit`` nodes (and at most 50,000 edges) back.
        """
        check_range("depth", depth, 1, MAX_DEPTH)
        check_range("limit", limit, 1, MAX_LIMIT)
        onto = ontology()
        labels = list(onto.check_types(labels, "label", "labels"))
        types = list(onto.check_types(rel_types, "relation", "types") or onto.path_relation_types)
        center = self.resolve(ref)
        when, suffix = _window()

        def work(tx):
            found: list[tuple[str, int]] = []
            seen, frontier = [center.id], [center.id]
            for d in range(1, depth + 1):
                if not frontier or len(found) >= limit:
                    break
                frontier = [r["id"] for r in self._run(tx, "neighbours_layer" + suffix, frontier=frontier, seen=seen,
                                                       types=types, labels=labels, limit=limit - len(found),
                                                       **when)]
                found += [(i, d) for i in frontier]
                seen += frontier
            if not found:
                return found, [], {}
            edges = self._run(tx, "neighbours_edges" + suffix, ids=seen, types=types, limit=EDGE_LIMIT, **when)
            ents = {r["id"]: _entity(r) for r in self._run(tx, "entities_get", ids=[n for n, _ in found])}
            return found, [(r["source"], r["type"], r["target"], r["weight"]) for r in edges], ents

        found, edges, ents = self._read_tx(work, "neighbours")
        edges.sort(key=lambda e: (min(e[0], e[2]), max(e[0], e[2]), e[:3]))
        return {"center": center.brief(),
                "nodes": [{**ents[n].brief(), "depth": d} for n, d in found if n in ents],
                "edges": [{"source": s, "target": o, "type": t, "weight": w} for s, t, o, w in edges]}

    def _paths(self, src, dst, k, max_hops, rel_types, weighted, avoid=frozenset(), max_degree=None):
        """The embedded store's answer, exactly (graph/pathsearch.py): the part of the graph that can
        hold a path of at most ``max_hops`` hops is read in one transaction (``ball``), then searched
        in memory by the same code. Relations, entities of the answer go to the snapshot."""
        def work(tx):
            deadline = time.monotonic() + self.timeout
            when, suffix = _window()  # in a time window: the *_in_window queries, its predicate inlined
            ball = Ball(self, tx, src, dst, list(rel_types), avoid, max_degree, when, suffix)
            # unweighted, paths come fewest hops first: when k paths of at most L hops exist they are
            # the answer, so the graph is read for L = 1, 2, … (a supernode two hops away is not read
            # for a one-hop answer; graph/store/neo4j_ball.py reads each layer once); weighted, a
            # longer path may be cheaper: L = max_hops at once
            for limit in range(max_hops if weighted else 1, max_hops + 1):
                ball.grow(limit)
                adj, deg = ball.adjacency(), ball.deg
                if time.monotonic() > deadline:
                    raise QueryTimeout("reading the graph around the path took longer than the query timeout")
                if max_degree is None:
                    skip = (lambda v: v in avoid) if avoid else _never
                else:
                    skip = lambda v, deg=deg: v in avoid or deg.get(v, 0) > max_degree  # noqa: E731
                seqs = k_paths(adj, src, dst, k, limit, weighted=weighted, skip=skip, deadline=deadline)
                if len(seqs) >= k:
                    break
            ranked = [edge_keys(adj, seq) for seq in seqs]
            snap = self._snap()
            if snap is not None and ranked:  # what paths() reads next, in this transaction
                keys = sorted({key for p in ranked for key in p})
                snap.relations.update(dict.fromkeys(keys))
                snap.relations.update((r.key, r) for r in map(_relation, self._run(
                    tx, "relations_get", keys=[list(key) for key in keys])))
                ids = sorted({x for key in keys for x in (key[0], key[2])})
                snap.entities.update((r["id"], _entity(r)) for r in self._run(tx, "entities_get", ids=ids))
            return ranked
        return self._read_tx(work, "paths")

    def get_relations(self, keys):
        """{key: Relation} for those of ``keys`` (source, type, target) that exist."""
        snap = self._snap()
        if snap is not None and all(tuple(k) in snap.relations for k in keys):
            return {tuple(k): snap.relations[tuple(k)] for k in keys if snap.relations[tuple(k)] is not None}
        keys = [list(k) for k in keys]
        out = {}
        for i in range(0, len(keys), PAGE):
            out.update({r.key: r for r in map(_relation, self._read("relations_get", keys=keys[i:i + PAGE]))})
        return out

    def iter_entities(self, labels=()):
        """Entities (of ``labels``, default all) in id order, read page by page."""
        labels, after = list(labels) or list(ontology().entity_labels), ""
        while True:
            recs = self._read("entities_page", after=after, labels=labels, page=PAGE)
            yield from map(_entity, recs)
            if len(recs) < PAGE:
                return
            after = recs[-1]["id"]

    def iter_relations(self, types=()) -> Iterator[Relation]:
        """Relations (of ``types``, default all but MENTIONS) ordered by (source, type, target)."""
        types, after = list(types) or list(ontology().path_relation_types), ""
        while True:
            recs = self._read("relations_page", after=after, types=types, page=PAGE)
            if not recs:
                return
            w = current_window()
            rels = (_relation(r) for r in recs if r["type"] is not None)
            yield from (rel for rel in rels if w is None or w.admits_relation(rel))
            after = recs[-1]["source"]

    def iter_documents(self):
        """Documents with their mentions, in id order."""
        after = ""
        while True:
            recs = self._read("documents_page", after=after, page=PAGE)
            yield from map(_document, recs)
            if len(recs) < PAGE:
                return
            after = recs[-1]["id"]

    def get_document(self, doc_id):
        """The document with its mentions, or None."""
        recs = self._read("document_get", id=doc_id)
        return _document(recs[0]) if recs else None

    def documents_mentioning(self, node_id, limit=100):
        """The first ``limit`` documents (by id) that mention the entity."""
        return [_document(r) for r in self._read("documents_mentioning", id=node_id, limit=limit)]

    def degree(self, node_id):
        """Number of typed relations of the entity (MENTIONS excluded); 0 if it does not exist."""
        snap = self._snap()
        if snap is not None and node_id in snap.degrees:
            return snap.degrees[node_id]
        recs = self._read("degree", id=node_id)
        return int(recs[0]["degree"]) if recs else 0

    def stats(self):
        """Counts by label and relation type (all present, zeros included) and of documents."""
        try:
            rec = self._read("stats_counts")[0]
        except StoreUnavailable as exc:  # db.stats.retrieve not allowed: count by scanning
            if not getattr(exc, "neo4j_code", "").startswith("Neo.ClientError"):
                raise
            rec = self._read("stats_scan")[0]
        onto = ontology()
        found_nodes, found_rels = dict(map(tuple, rec["nodes"])), dict(map(tuple, rec["relations"]))
        return {"nodes": {label: int(found_nodes.get(label, 0)) for label in onto.entity_labels},
                "relations": {t: int(found_rels.get(t, 0)) for t in onto.relations},
                "documents": int(found_nodes.get("Document", 0))}

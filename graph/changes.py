"""What changed in a time window, and watches: new paths between two entities since a date
(CONTRACT.md "Time"). Works on any store through the GraphStore interface; watches are kept by
the store (``_save_watch`` / ``_load_watches``).

>>> from graph.store import open_store
>>> from graph.model import Batch, Document, Entity, Evidence, Relation
>>> s = open_store("sqlite://:memory:")
>>> a, b = Entity.new("City", "Alpha"), Entity.new("City", "Beta")
>>> doc = Document.new("n1", "news", published="2021-05-02")
>>> _ = s.upsert(Batch([a, b], [Relation.new(a, "COOPERATES_WITH", b, evidence=[Evidence(doc.id, "x")])], [doc]))
>>> ch = changes(s, Window.of(since="2021"))
>>> [(r["type"], r["first_seen"]) for r in ch["relations"]], [e["id"] for e in ch["entities"]]
([('COOPERATES_WITH', '2021-05-02')], ['city:alpha', 'city:beta'])
>>> w = add_watch(s, "Alpha", "Beta", max_hops=2)
>>> [p["hops"] for p in watch_changes(s, w["id"], "2021-01")["new_paths"]]
[1]
>>> watch_changes(s, w["id"], "2021-06")["new_paths"]
[]
>>> s.close()
"""
from __future__ import annotations

import datetime as dt
import uuid

from graph.errors import BadInput, NotFound
from graph.limits import MAX_HOPS, MAX_K, MAX_LIMIT, check_range
from graph.window import Window, parse_date, time_of, within


def _in(window: Window, date: str) -> bool:
    lo, hi = window.since or "", window.until + "~" if window.until else "~"
    return lo <= date + "~" and date <= hi


def changes(store, window: Window | None, limit: int = 50, offset: int = 0) -> dict:
    """The entities and relations whose first dated evidence falls in ``window`` (its since/until),
    newest first, a page (``limit``, ``offset``) of each; an entity's first evidence is the first
    of its relations'. Relations without any dated evidence never count as changes."""
    if window is None or not (window.since or window.until):
        raise BadInput("give since (and optionally until): YYYY, YYYY-MM or YYYY-MM-DD", where="since")
    check_range("limit", limit, 1, MAX_LIMIT)
    check_range("offset", offset, 0, 100_000)
    first: dict[str, str] = {}
    rels = []
    with within(None):
        for r in store.iter_relations():
            t = time_of(r)
            if t["first_seen"] is None:
                continue
            for x in (r.source, r.target):
                if x not in first or t["first_seen"] < first[x]:
                    first[x] = t["first_seen"]
            if _in(window, t["first_seen"]):
                rels.append((t["first_seen"], r, t))
    rels.sort(key=lambda x: x[1].key)
    rels.sort(key=lambda x: x[0], reverse=True)  # newest first, then by key (a stable sort)
    ents = sorted((d, i) for i, d in first.items() if _in(window, d))
    ents.sort(key=lambda x: x[0], reverse=True)
    page_e = ents[offset:offset + limit]
    briefs = {i: store.get_entity(i) for _, i in page_e}
    return {"since": window.since, "until": window.until, "limit": limit, "offset": offset,
            "total": {"entities": len(ents), "relations": len(rels)},
            "entities": [{**briefs[i].brief(), "first_seen": d} for d, i in page_e if briefs[i] is not None],
            "relations": [{**r.to_dict(), **t} for _, r, t in rels[offset:offset + limit]]}


# ---- watches --------------------------------------------------------------------------------
def add_watch(store, from_ref: str, to_ref: str, max_hops: int = 4) -> dict:
    """Keep a watch of the paths between two entities; returns it (with its ``id``)."""
    check_range("max_hops", max_hops, 1, MAX_HOPS)
    a, b = store.resolve(from_ref), store.resolve(to_ref)
    if a.id == b.id:
        raise BadInput("from and to are the same entity", where="to")
    watch = {"id": "watch:" + uuid.uuid4().hex[:12], "from": a.brief(), "to": b.brief(), "max_hops": max_hops,
             "created": dt.date.today().isoformat()}
    store._save_watch(watch)
    return watch


def list_watches(store) -> list[dict]:
    """Every watch, in id order."""
    return store._load_watches()


def get_watch(store, watch_id: str) -> dict:
    for w in store._load_watches():
        if w["id"] == watch_id:
            return w
    raise NotFound(f"no watch {watch_id!r}")


def _existed(old: Window, edge: dict) -> bool:
    return old.admits(edge.get("valid_from"), edge.get("valid_to"), [e.get("date") or "" for e in edge["evidence"]])


def watch_changes(store, watch_id: str, since: str | None = None) -> dict:
    """``{"watch", "since", "new_paths"}``: of the (up to MAX_K shortest) paths between the watch's
    two entities now, those that did not exist at ``since`` (its first day, default: the day the
    watch was made): some edge of theirs was not active then (by its validity and its evidence
    dates)."""
    watch = get_watch(store, watch_id)
    since = parse_date(since, "since") or watch.get("created")
    old = Window.of(as_of=(since + "-01-01")[:10] if len(since) == 4 else (since + "-01")[:10])  # its first day
    with within(None):
        try:
            found = store.paths(watch["from"]["id"], watch["to"]["id"], k=MAX_K, max_hops=int(watch["max_hops"]))
        except NotFound:  # an end was retracted or merged away since
            found = []
    return {"watch": watch, "since": since,
            "new_paths": [p for p in found if not all(_existed(old, e) for e in p["edges"])]}

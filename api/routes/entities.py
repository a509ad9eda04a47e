"""Entities: ranked search, one entity with its documents, its neighbourhood, and its relations with evidence.

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     r = c.get("/api/v1/entities/city:nowhere")
>>> r.status_code, r.get_json()["detail"]
(404, "no entity 'city:nowhere'")
"""
from __future__ import annotations

from itertools import islice

from apiflask import APIBlueprint

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from api.schemas import (
    EntityDetail,
    EntityRelations,
    Neighbourhood,
    NeighboursQuery,
    RefPath,
    RelationsQuery,
    SearchQuery,
    SearchResult,
    check_path_ref,
    csv_list,
    window_of,
)
from graph.limits import MAX_LIMIT
from graph.window import time_of, within

bp = APIBlueprint("entities", __name__, url_prefix=API_PREFIX, tag="Entities")


def _search(store, q, labels, limit, offset):
    if q is None:
        ents = islice(store.iter_entities(labels), offset, offset + limit)
        return [e.brief() for e in ents]
    return store.search(q, labels=labels, limit=limit, offset=offset)


@bp.get("/entities")
@bp.input(SearchQuery, location="query")
@bp.output(SearchResult)
@bp.doc(responses=problem_responses(422, 500, 503))
def search(query_data):
    """Search entities

    By exact name, alias, prefix, then fuzzy, best first (score 1.0 = exact name). Without `q`,
    entities are listed by id.
    """
    labels = csv_list(query_data["type"])
    q = query_data.get("q")
    hits = runtime().run(_search, q, labels, query_data["limit"], query_data["offset"])
    return {"q": q, "type": labels, "limit": query_data["limit"], "offset": query_data["offset"], "results": hits}


def _detail(store, ref):
    ent = store.resolve(ref)
    docs = store.documents_mentioning(ent.id, limit=100)
    return {**ent.brief(), "aliases": sorted(ent.aliases), "properties": ent.properties,
            "degree": store.degree(ent.id), "resolution": store.explanation(ent.id),
            "documents": [{"id": d.id, "kind": d.kind, "title": d.title, "url": d.url, "published": d.published}
                          for d in docs]}


@bp.get("/entities/<id>")
@bp.output(EntityDetail)
@bp.doc(responses=problem_responses(404, 422, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def entity(id, path_data):  # noqa: A002 - the path parameter is called id
    """One entity

    Its properties, aliases, degree and the documents that mention it. `id` is a node id
    (`city:jiaxing`, percent-encoded if need be) or any name or alias.
    """
    # one read transaction for its seven queries: half the round trips, so that it stays quick
    # beside expensive searches and an ingest (tests/test_availability.py)
    return runtime().run(lambda s, ref: s.read_together(_detail, ref), check_path_ref(id), cheap=True)


@bp.get("/entities/<id>/neighbours")
@bp.input(NeighboursQuery, location="query")
@bp.output(Neighbourhood)
@bp.doc(responses=problem_responses(404, 422, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def neighbours(id, query_data, path_data):  # noqa: A002
    """Neighbours of an entity

    Everything within `depth` hops (walking relations of `types`, through nodes of `labels`),
    nearest first, with the relations among them.
    """
    check_path_ref(id)
    with within(window_of(query_data)):
        return runtime().run(lambda s: s.neighbours(id, depth=query_data["depth"], labels=csv_list(query_data["labels"]),
                                                    rel_types=csv_list(query_data["types"]), limit=query_data["limit"]))


def _relations(store, ref, types, limit, offset, ev_limit=100, ev_offset=0):
    hood = store.neighbours(ref, depth=1, rel_types=types, limit=MAX_LIMIT)
    center = hood["center"]
    others = {n["id"]: {"id": n["id"], "name": n["name"], "type": n["type"]} for n in hood["nodes"]}
    mine = [e for e in hood["edges"] if center["id"] in (e["source"], e["target"]) and e["source"] != e["target"]]
    mine.sort(key=lambda e: (-e["weight"], e["type"], e["target"] if e["source"] == center["id"] else e["source"]))
    page = mine[offset:offset + limit]
    rels = store.get_relations([(e["source"], e["type"], e["target"]) for e in page])
    out = []
    for e in page:
        rel = rels.get((e["source"], e["type"], e["target"]))
        if rel is None:  # removed meanwhile
            continue
        outgoing = e["source"] == center["id"]
        other = e["target"] if outgoing else e["source"]
        out.append({**rel.to_dict(), **time_of(rel), **rel.evidence_page(ev_offset, ev_limit),
                    "direction": "out" if outgoing else "in",
                    "other": others.get(other) or {"id": other, "name": other, "type": ""}})
    return {"entity": center, "types": list(types), "limit": limit, "offset": offset, "total": len(mine),
            "truncated": len(hood["nodes"]) >= MAX_LIMIT, "relations": out}


@bp.get("/entities/<id>/relations")
@bp.input(RelationsQuery, location="query")
@bp.output(EntityRelations)
@bp.doc(responses=problem_responses(404, 422, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def relations(id, query_data, path_data):  # noqa: A002
    """Relations of an entity, with evidence

    The entity's own relations (of `types`; MENTIONS excluded), best evidenced first, a page at a
    time: each with its direction, the other endpoint (id, name, type) and the evidence behind it
    (document and sentence). One request instead of a path query per relation.
    """
    check_path_ref(id)
    q = query_data
    with within(window_of(q)):
        return runtime().run(_relations, id, csv_list(q["types"]), q["limit"], q["offset"], q["evidence_limit"],
                             q["evidence_offset"])

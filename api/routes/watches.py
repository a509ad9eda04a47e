"""Watches: new paths between two entities since a date (CONTRACT.md "Time", graph/changes.py).
Making one needs the API key (a write); watches are kept by the store.

>>> from api.app import scratch_client
>>> with scratch_client({"API_KEYS": "k"}) as c:
...     no_key = c.post("/api/v1/watches", json={"from": "a", "to": "b"})
...     bad = c.get("/api/v1/watches/watch:x/changes?since=20x1", headers={"X-API-Key": "k"})
>>> no_key.status_code, bad.status_code, bad.get_json()["where"]
(401, 422, 'since')
"""
from __future__ import annotations

from apiflask import APIBlueprint, Schema, fields

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from api.schemas import Brief, Path, RefPath, _int, _ref, window_query
from graph.changes import add_watch, list_watches, watch_changes
from graph.limits import MAX_HOPS

bp = APIBlueprint("watches", __name__, url_prefix=API_PREFIX, tag="Time")


class WatchIn(Schema):
    from_ = _ref("one end", True, data_key="from")
    to = _ref("the other end", True)
    max_hops = _int(4, 1, MAX_HOPS, "longest path watched")


class Watch(Schema):
    id = fields.String(required=True)
    from_ = fields.Nested(Brief, required=True, data_key="from", attribute="from")
    to = fields.Nested(Brief, required=True)
    max_hops = fields.Integer(required=True)
    created = fields.String(metadata={"description": "the day it was made (the default since)"})


class Watches(Schema):
    watches = fields.List(fields.Nested(Watch), required=True)


WatchChangesQuery = window_query(since="paths that did not exist at this date (default: the day the watch was made)")


class WatchChanges(Schema):
    watch = fields.Nested(Watch, required=True)
    since = fields.String(allow_none=True)
    new_paths = fields.List(fields.Nested(Path), required=True)


@bp.post("/watches")
@bp.input(WatchIn, location="json")
@bp.output(Watch)
@bp.doc(security="ApiKey", responses=problem_responses(400, 401, 403, 404, 422, 429, 500, 503))
def create(json_data):
    """Watch the paths between two entities

    Needs an API key. Answers with the watch, whose `id` names it in `/watches/{id}/changes`.
    """
    q = json_data
    return runtime().run(add_watch, q["from_"], q["to"], q["max_hops"])


@bp.get("/watches")
@bp.output(Watches)
@bp.doc(responses=problem_responses(500, 503))
def index():
    """Every watch"""
    return {"watches": runtime().run(list_watches)}


@bp.get("/watches/<id>/changes")
@bp.input(WatchChangesQuery, location="query")
@bp.output(WatchChanges)
@bp.doc(responses=problem_responses(404, 422, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def new_paths(id, query_data, path_data):  # noqa: A002 - the path parameter is called id
    """New paths of a watch

    The paths between the watch's two entities (up to 10, shortest first) that exist now and did
    not exist at `since`: some edge of theirs was not active then (by its validity and the dates
    of its evidence).
    """
    return runtime().run(watch_changes, id, query_data.get("since"))

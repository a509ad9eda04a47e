"""What changed in a time window (CONTRACT.md "Time", graph/changes.py).

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     bad = c.get("/api/v1/changes?since=2021-13")
...     none = c.get("/api/v1/changes")
...     ok = c.get("/api/v1/changes?since=2021").get_json()
>>> bad.status_code, bad.get_json()["where"], none.status_code, ok["total"]
(422, 'since', 422, {'entities': 0, 'relations': 0})
"""
from __future__ import annotations

from apiflask import APIBlueprint, Schema, fields

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from api.schemas import _int, window_of, window_query
from graph.changes import changes
from graph.limits import MAX_LIMIT

bp = APIBlueprint("changes", __name__, url_prefix=API_PREFIX, tag="Time")


class ChangesQuery(window_query(("since",), since="first evidence dated on or after this date",
                                until="first evidence dated on or before this date")):
    limit = _int(50, 1, MAX_LIMIT, "entities and relations per page")
    offset = _int(0, 0, 100_000, "entities and relations to skip")


class Totals(Schema):
    entities = fields.Integer(required=True)
    relations = fields.Integer(required=True)


class Changes(Schema):
    since = fields.String(allow_none=True)
    until = fields.String(allow_none=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    total = fields.Nested(Totals, required=True)
    entities = fields.List(fields.Dict(), required=True, metadata={
        "description": "id, name, type and first_seen (the date of its first dated evidence), newest first"})
    relations = fields.List(fields.Dict(), required=True, metadata={
        "description": "source, type, target, properties, valid_from, valid_to, first_seen, evidence (each "
                       "with its date), newest first"})


@bp.get("/changes")
@bp.input(ChangesQuery, location="query")
@bp.output(Changes)
@bp.doc(responses=problem_responses(422, 500, 503))
def get_changes(query_data):
    """What appeared in a time window

    The entities and relations whose first evidence is dated between `since` and `until`
    (either end of the period it names), newest first, a page of each. Relations with no dated
    evidence never count as changes.
    """
    q = query_data
    return runtime().run(changes, window_of(q), q["limit"], q["offset"])

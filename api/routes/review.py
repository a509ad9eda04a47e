"""The review queue: relations to accept or reject, entity pairs to call same or different.

Verdicts are judgements kept by the store (graph/store/review.py): they survive re-ingest,
retraction and export/import. Writes need an API key (CONTRACT.md "Review").

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     r = c.get("/api/v1/review/relations")
>>> r.status_code, r.get_json()
(200, {'items': [], 'total': 0})
"""
from __future__ import annotations

from apiflask import APIBlueprint, Schema, fields
from apiflask.validators import Length, OneOf, Range
from marshmallow import RAISE

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from graph.limits import MAX_LIMIT
from graph.schema import ontology

bp = APIBlueprint("review", __name__, url_prefix=API_PREFIX, tag="Review")
_REF = {"validate": Length(1, 500)}


class PageQuery(Schema):
    limit = fields.Integer(load_default=50, validate=Range(1, MAX_LIMIT))
    offset = fields.Integer(load_default=0, validate=Range(0, 10_000_000))


class RelationVerdict(Schema):
    class Meta:
        unknown = RAISE

    source = fields.String(required=True, **_REF, metadata={"description": "node id or name"})
    type = fields.String(required=True, validate=OneOf(ontology().path_relation_types))
    target = fields.String(required=True, **_REF, metadata={"description": "node id or name"})
    verdict = fields.String(required=True, validate=OneOf(["accept", "reject"]))
    note = fields.String(load_default="", validate=Length(0, 2000))


class EntityVerdict(Schema):
    class Meta:
        unknown = RAISE

    a = fields.String(required=True, **_REF, metadata={"description": "the node that stays"})
    b = fields.String(required=True, **_REF, metadata={"description": "merged into a (same) or kept apart (different)"})
    verdict = fields.String(required=True, validate=OneOf(["same", "different"]))
    note = fields.String(load_default="", validate=Length(0, 2000))


class Page(Schema):
    items = fields.List(fields.Dict(), required=True)
    total = fields.Integer(required=True)


class Judged(Schema):
    verdict = fields.String(required=True)
    source = fields.String()
    type = fields.String()
    target = fields.String()
    a = fields.String()
    b = fields.String()


@bp.get("/review/relations")
@bp.input(PageQuery, location="query")
@bp.output(Page)
@bp.doc(responses=problem_responses(422, 500, 503))
def relations(query_data):
    """Relations to review

    Extracted relations not yet judged, lowest confidence first, each with its sentences.
    """
    return runtime().run(lambda s: s.review_relations(query_data["limit"], query_data["offset"]))


@bp.post("/review/relations")
@bp.input(RelationVerdict, location="json")
@bp.output(Judged)
@bp.doc(security="ApiKey", responses=problem_responses(400, 401, 403, 404, 409, 422, 429, 500, 503))
def judge_relation(json_data):
    """Accept or reject a relation

    A rejected relation leaves every answer and export and is not re-created by a later ingest;
    an accepted one gets confidence 1.0. Needs an API key.
    """
    d = json_data
    return runtime().write(lambda s: s.judge_relation(d["source"], d["type"], d["target"], d["verdict"], d["note"]))


@bp.get("/review/entities")
@bp.input(PageQuery, location="query")
@bp.output(Page)
@bp.doc(responses=problem_responses(422, 500, 503))
def entities(query_data):
    """Entity pairs to review

    Candidate merges resolution did not dare to make (`merged: false`) and the merges it made
    (`merged: true`), with score and reasons.
    """
    return runtime().run(lambda s: s.review_entities(query_data["limit"], query_data["offset"]))


@bp.post("/review/entities")
@bp.input(EntityVerdict, location="json")
@bp.output(Judged)
@bp.doc(security="ApiKey", responses=problem_responses(400, 401, 403, 404, 409, 422, 429, 500, 503))
def judge_entities(json_data):
    """Call two entities the same or different

    "same" merges b into a (relations, evidence and aliases move); "different" splits a merge
    resolution made, or prevents one. Needs an API key.
    """
    d = json_data
    return runtime().write(lambda s: s.judge_entities(d["a"], d["b"], d["verdict"], d["note"]))

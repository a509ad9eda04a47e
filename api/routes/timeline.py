"""The timeline of the page: evidence of the relations in view counted per month and year, and the
pilot and hub cities among them with their year (api/static/js/timeline.js draws it).

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     ok = c.get("/api/v1/timeline?keys=city:a|LOCATED_IN|region:b").get_json()
...     bad = c.get("/api/v1/timeline?keys=city:a|LOCATED_IN")
>>> ok["undated"], ok["years"], bad.status_code, bad.get_json()["where"]
(0, [], 422, 'keys')
"""
from __future__ import annotations

import re
from collections import Counter

from apiflask import APIBlueprint, Schema, fields
from apiflask.validators import Length
from marshmallow import EXCLUDE

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from graph.errors import BadInput
from graph.window import time_of

bp = APIBlueprint("timeline", __name__, url_prefix=API_PREFIX, tag="Time")
MAX_KEYS = 1000
_FIELD = r"[^|,]*[^|,\s][^|,]*"
_SEG = rf"(?:\s*|{_FIELD}\|{_FIELD}\|{_FIELD})"
KEYS_PATTERN = rf"^{_SEG}(?:,{_SEG})*$"  # what parse_keys accepts
ROLES = ("pilot", "hub")


class TimelineQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    keys = fields.String(required=True, validate=Length(1, 200_000), metadata={
        "pattern": KEYS_PATTERN,
        "description": f"the relations in view: comma-separated source|TYPE|target (the first {MAX_KEYS} count)"})


class Count(Schema):
    period = fields.String(required=True)
    count = fields.Integer(required=True)


class Mark(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True)
    year = fields.String(allow_none=True)


class Timeline(Schema):
    months = fields.List(fields.Nested(Count), required=True, metadata={"description": "evidence dated to a month"})
    years = fields.List(fields.Nested(Count), required=True, metadata={"description": "every dated evidence item"})
    undated = fields.Integer(required=True, metadata={"description": "evidence items without a date"})
    marks = fields.List(fields.Nested(Mark), required=True, metadata={
        "description": "pilot and hub places among the relations, with the year they became one"})


def parse_keys(text: str) -> list[tuple[str, str, str]]:
    """``source|TYPE|target,...`` as keys; BadInput naming ``keys``.

    >>> parse_keys("city:a|LOCATED_IN|region:b, ")
    [('city:a', 'LOCATED_IN', 'region:b')]
    """
    documented = re.search(KEYS_PATTERN, text) is not None  # the OpenAPI pattern: never refused
    keys = []
    for i, part in enumerate(text.split(",")):
        if not part.strip():
            continue
        bits = [b.strip() for b in part.split("|")]
        if len(bits) != 3 or not all(bits):
            if documented:
                continue  # a field of only characters the pattern and str.strip() disagree on
            raise BadInput(f"item {i} {part.strip()[:80]!r} is not source|TYPE|target", where="keys")
        keys.append(tuple(bits))
    return keys[:MAX_KEYS]


def timeline(store, keys) -> dict:
    rels = store.get_relations(keys) if keys else {}
    months, years, undated, marks = Counter(), Counter(), 0, {}
    for rel in rels.values():
        for e in rel.evidence:
            if not e.date:
                undated += 1
                continue
            years[e.date[:4]] += 1
            if len(e.date) >= 7:
                months[e.date[:7]] += 1
        role = str(rel.properties.get("role") or "")
        if rel.type == "PARTICIPATES_IN" and any(r in role.lower() for r in ROLES):
            t = time_of(rel)
            year = rel.properties.get("year") or (t["valid_from"] or t["first_seen"] or "")[:4] or None
            old = marks.get(rel.source)
            if old is None or (year and (old["year"] is None or str(year) < old["year"])):
                ent = store.get_entity(rel.source)
                marks[rel.source] = {"id": rel.source, "name": ent.name if ent else rel.source, "role": role,
                                     "year": str(year) if year else None}
    return {"months": [{"period": k, "count": v} for k, v in sorted(months.items())],
            "years": [{"period": k, "count": v} for k, v in sorted(years.items())],
            "undated": undated, "marks": sorted(marks.values(), key=lambda m: (m["year"] or "9999", m["id"]))}


@bp.get("/timeline")
@bp.input(TimelineQuery, location="query")
@bp.output(Timeline)
@bp.doc(responses=problem_responses(422, 500, 503))
def get_timeline(query_data):
    """The timeline of the relations in view

    Their evidence items counted per month and per year of their documents' dates, the undated
    ones apart, and the pilot and hub places among them with the year they became one.
    """
    keys = parse_keys(query_data["keys"])
    return runtime().run(timeline, keys)

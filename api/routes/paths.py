"""Paths between two entities, with the evidence behind every edge (CONTRACT.md ``path --json``).

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     r = c.get("/api/v1/paths?from=a&to=b&max_hops=7")
>>> r.status_code, r.get_json()["where"]
(422, 'max_hops')
"""
from __future__ import annotations

from apiflask import APIBlueprint

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from api.schemas import PathAnswer, PathsQuery, csv_list, window_of
from graph.window import within

bp = APIBlueprint("paths", __name__, url_prefix=API_PREFIX, tag="Paths")


@bp.get("/paths")
@bp.input(PathsQuery, location="query")
@bp.output(PathAnswer)
@bp.doc(responses=problem_responses(404, 422, 500, 503))
def paths(query_data):
    """Paths between two entities

    Up to `k` loopless paths of at most `max_hops` hops, shortest (or, with `weighted`, best
    evidenced) first; `edges[i]` joins `nodes[i]` and `nodes[i+1]` and may be walked against its
    direction. An empty `paths` list means no path within `max_hops`.
    """
    q = query_data
    with within(window_of(q)):
        return runtime().run(lambda s: s.path_answer(
            q["from_"], q["to"], k=q["k"], max_hops=q["max_hops"], rel_types=csv_list(q["types"]),
            weighted=q["weighted"], avoid=csv_list(q["avoid"]),
            max_degree=int(q["max_degree"]) if q["max_degree"] else None))

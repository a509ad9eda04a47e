"""Expert–enterprise matching, ranked and explained by paths (formula: graph/match.py).

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     c.get("/api/v1/match/experts?enterprise=x&k=0").get_json()["where"]
'k'
"""
from __future__ import annotations

from apiflask import APIBlueprint

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from api.schemas import EnterpriseMatches, ExpertMatches, MatchEnterprisesQuery, MatchExpertsQuery, window_of
from graph.match import MatchIndex, match_enterprises, match_experts
from graph.window import within

bp = APIBlueprint("match", __name__, url_prefix=API_PREFIX, tag="Matching")

FORMULA = ("score = 0.6 * topic_fit + 0.3 * proximity + 0.1 * evidence; topic_fit = shared topics / the "
           "enterprise's needed topics; proximity = 1 / (1 + cost of the cheapest weighted path of at most 4 hops "
           "outside topics, chosen to name the most specific link: each intermediate node adds 0.1 per relation it has); experts with a position at (or registered with) the enterprise or its parent are listed under excluded, not ranked (conflicts=false ranks them); evidence = min(1, documents behind the explaining paths / 5).")


@bp.get("/match/experts")
@bp.input(MatchExpertsQuery, location="query")
@bp.output(ExpertMatches)
@bp.doc(description="Experts for an enterprise, best first, each with a score, reasons and the paths that "
                    "explain it. " + FORMULA, responses=problem_responses(404, 422, 500, 503))
def experts(query_data):
    """Experts for an enterprise"""
    with within(window_of(query_data)):
        return runtime().run_indexed(match_experts, "match", MatchIndex.build, query_data["enterprise"],
                                     k=query_data["k"], conflicts=query_data["conflicts"])


@bp.get("/match/enterprises")
@bp.input(MatchEnterprisesQuery, location="query")
@bp.output(EnterpriseMatches)
@bp.doc(description="Enterprises for an expert, best first, scored like /match/experts. " + FORMULA,
        responses=problem_responses(404, 422, 500, 503))
def enterprises(query_data):
    """Enterprises for an expert"""
    with within(window_of(query_data)):
        return runtime().run_indexed(match_enterprises, "match", MatchIndex.build, query_data["expert"],
                                     k=query_data["k"], conflicts=query_data["conflicts"])

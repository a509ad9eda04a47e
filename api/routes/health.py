"""``GET /healthz``: 200 when the store answers, else 503 (problem+json)."""
from __future__ import annotations

from apiflask import APIBlueprint

from api.problems import problem_responses
from api.runtime import runtime
from api.schemas import Health
from graph.errors import StoreUnavailable

bp = APIBlueprint("health", __name__, tag="Health")


@bp.get("/healthz")
@bp.output(Health)
@bp.doc(responses=problem_responses(503))
def healthz():
    """Health

    200 when the store answers a trivial query within 5 seconds.
    """
    rt = runtime()
    if not rt.run(lambda s: s.ping(), timeout=min(rt.timeout, 5.0), cheap=True):
        raise StoreUnavailable("the store did not answer")
    return {"status": "ok", "store": rt.backend}

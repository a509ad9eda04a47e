"""The cooperation network between cities (or regions), and one place's partners (graph/cooperation.py).

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     c.get("/api/v1/cooperation?level=county").get_json()["where"]
'level'
"""
from __future__ import annotations

from apiflask import APIBlueprint

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from api.schemas import CooperationQuery, PartnersQuery, RefPath, check_path_ref, window_of
from api.schemas_views import CoopNetwork, Partners
from graph.cooperation import CoopIndex, network, partners
from graph.window import within

bp = APIBlueprint("cooperation", __name__, url_prefix=API_PREFIX, tag="Cooperation")

WEIGHTS = ("Edge weight = 1.0 per document behind a COOPERATES_WITH link between the places or anything "
           "located in them, + 0.5/(n-1) per shared project or event, organisation or person touching n places.")


@bp.get("/cooperation")
@bp.input(CooperationQuery, location="query")
@bp.output(CoopNetwork)
@bp.doc(description="Cities (or regions) as nodes, an edge where they cooperate directly (agreements, joint bodies "
                    "and joint projects), heaviest first, with the evidence; shared=true adds the shared-membership "
                    "layer (programmes, broad projects, organisations and people present in both). A place never "
                    "cooperates with a place inside it. Nodes carry their programme roles and their containing "
                    "place (groups: the containers). " + WEIGHTS,
        responses=problem_responses(404, 422, 500, 503))
def cooperation(query_data):
    """The cooperation network"""
    q = query_data
    with within(window_of(q)):
        return runtime().run_indexed(network, "cooperation", CoopIndex.build, q["level"], q.get("region"),
                                     q["min_weight"], q["limit"], shared=q["shared"])


@bp.get("/cooperation/<id>")
@bp.input(PartnersQuery, location="query")
@bp.output(Partners)
@bp.doc(description="The partners of one City (or Region), heaviest first, with the evidence. " + WEIGHTS,
        responses=problem_responses(404, 422, 500, 503))
@bp.input(RefPath, location="path", validation=False)
def place_partners(id, query_data, path_data):  # noqa: A002 - the path parameter is called id
    """One place's partners"""
    check_path_ref(id)
    with within(window_of(query_data)):
        return runtime().run_indexed(partners, "cooperation", CoopIndex.build, id, query_data["limit"],
                                     shared=query_data["shared"])

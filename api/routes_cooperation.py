"""The cooperation network between cities (or regions), and one place's partners (graph/cooperation.py).

>>> from api.app import create_app
>>> app = create_app({"STORE_URI": "sqlite://:memory:"})
>>> app.test_client().get("/api/v1/cooperation?level=county").get_json()["where"]
'level'
>>> app.extensions["innograph"].close()
"""
from __future__ import annotations

from apiflask import APIBlueprint

from api.app import API_PREFIX, runtime
from api.schemas import CooperationQuery, CoopNetwork, Partners, PartnersQuery, check_path_ref
from graph.cooperation import CoopIndex, network, partners

bp = APIBlueprint("cooperation", __name__, url_prefix=API_PREFIX, tag="Cooperation")

WEIGHTS = ("Edge weight = 1.0 per document behind a COOPERATES_WITH link between the places or anything "
           "located in them, + 0.5/(n-1) per shared project or event, organisation or person touching n places.")


@bp.get("/cooperation")
@bp.input(CooperationQuery, location="query")
@bp.output(CoopNetwork)
@bp.doc(description="Cities (or regions) as nodes, an edge where they cooperate directly or through shared "
                    "projects, programmes, organisations or people, heaviest first, with the evidence. " + WEIGHTS)
def cooperation(query_data):
    """The cooperation network"""
    rt, q = runtime(), query_data
    return rt.run(lambda s: network(s, q["level"], q.get("region"), q["min_weight"], q["limit"],
                                    index=lambda: rt.cached("cooperation", CoopIndex.build)))


@bp.get("/cooperation/<id>")
@bp.input(PartnersQuery, location="query")
@bp.output(Partners)
@bp.doc(description="The partners of one City (or Region), heaviest first, with the evidence. " + WEIGHTS)
def place_partners(id, query_data):  # noqa: A002 - the path parameter is called id
    """One place's partners"""
    rt = runtime()
    check_path_ref(id)
    return rt.run(lambda s: partners(s, id, query_data["limit"], index=lambda: rt.cached("cooperation", CoopIndex.build)))

"""The GraphML export has typed attributes: networkx and igraph read them as numbers, booleans and
plain strings, with no JSON to decode."""
from __future__ import annotations

import io

import igraph
import networkx as nx
from support.apiworld import api_world

from graph.model import Batch, Entity, Evidence, Relation
from graph.store import open_store


def _store(tmp_path):
    s = open_store("sqlite:///" + str(tmp_path / "g.db"))
    s.upsert(api_world().batch())
    a = Entity.new("Organisation", "Typed Attr Company", properties={"kind": "enterprise", "founded": 2019,
                                                                 "listed": True})
    b = Entity.new("Project", "Typed Attr Project")
    ev = [Evidence("document:t1", "Typed Attr Company joins the project.", confidence=0.75),
          Evidence("document:t2", "Again.", confidence=0.5)]
    s.upsert(Batch([a, b], [Relation.new(a, "PARTICIPATES_IN", b, evidence=ev)]))
    return s, a.id, b.id


def _export(s, tmp_path):
    buf = io.StringIO()
    s.export("graphml", buf)
    path = tmp_path / "g.graphml"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_graphml_networkx_typed(tmp_path):
    s, a, b = _store(tmp_path)
    g = nx.read_graphml(_export(s, tmp_path))
    s.close()
    assert g.nodes[a]["kind"] == "enterprise" and g.nodes[a]["founded"] == 2019 and g.nodes[a]["listed"] is True
    assert g.nodes[a]["type"] == "Organisation" and g.nodes[a]["name"] == "Typed Attr Company"
    e = g.edges[a, b]
    assert e["type"] == "PARTICIPATES_IN" and e["weight"] == 2 and isinstance(e["weight"], int)
    assert e["documents"].split(" | ") == ["document:t1", "document:t2"]
    assert e["evidence"] == 2 and e["confidence"] == 0.75
    assert e["sentence"] == "Typed Attr Company joins the project."
    assert not any(str(v).startswith(("{", "[")) for _, d in g.nodes(data=True) for v in d.values())
    assert g.nodes["city:jiaxing"]["level"] == "city"


def test_graphml_igraph_typed(tmp_path):
    s, a, b = _store(tmp_path)
    g = igraph.Graph.Read_GraphML(str(_export(s, tmp_path)))
    s.close()
    v = g.vs.find(id=a)
    assert v["kind"] == "enterprise" and v["founded"] == 2019 and v["name"] == "Typed Attr Company"
    e = g.es[g.get_eid(v.index, g.vs.find(id=b).index)]
    assert e["weight"] == 2 and e["type"] == "PARTICIPATES_IN" and e["confidence"] == 0.75
    assert set(g.es["type"]) >= {"LOCATED_IN", "PARTICIPATES_IN"}

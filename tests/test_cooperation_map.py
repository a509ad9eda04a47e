"""The cooperation map a journalist can read (issue 17), on both stores: direct cooperation by
default, shared programme membership as its own layer, no place cooperating with a place inside it
(or with its own short name), programme roles with their year, and the province > city > district
nesting."""
from __future__ import annotations

from graph.cooperation import network, partners
from graph.model import Batch, Entity, Evidence, Relation


def _world(store):
    zj = Entity.new("Region", "Zhejiang", properties={"level": "province"})
    tj = Entity.new("Region", "Tianjin Region", properties={"level": "province"})
    jx, hz = Entity.new("City", "Jiaxing", properties={"level": "city"}), Entity.new("City", "Hangzhou", properties={"level": "city"})
    tianjin = Entity.new("City", "Tianjin", properties={"level": "city"})
    bna = Entity.new("City", "Binhai New Area", properties={"level": "district"})
    bh = Entity.new("City", "Binhai", properties={"level": "district"})  # the short name: one node with Binhai New Area (issue 14)
    prog = Entity.new("Project", "Innovation China", properties={"kind": "programme"})
    firm = Entity.new("Organisation", "Binhai Robotics", properties={"kind": "enterprise"})
    ev = lambda d, s: [Evidence(f"document:{d}", s)]  # noqa: E731
    rels = [Relation.new(jx, "LOCATED_IN", zj, evidence=ev("a", "Jiaxing, Zhejiang")),
            Relation.new(hz, "LOCATED_IN", zj, evidence=ev("a", "Hangzhou, Zhejiang")),
            Relation.new(tianjin, "LOCATED_IN", tj, evidence=ev("a", "Tianjin")),
            Relation.new(bna, "LOCATED_IN", tianjin, evidence=ev("b", "Binhai New Area of Tianjin")),
            Relation.new(jx, "COOPERATES_WITH", hz, evidence=ev("c", "Jiaxing and Hangzhou signed an agreement.")),
            Relation.new(bna, "COOPERATES_WITH", tianjin, evidence=ev("d", "Tianjin and its Binhai New Area cooperate.")),
            Relation.new(firm, "LOCATED_IN", bh, evidence=ev("e", "in Binhai")),
            Relation.new(firm, "LOCATED_IN", bna, evidence=ev("e", "in Binhai New Area"))]
    for city, role, year in ((jx, "innovation hub city", 2021), (hz, "innovation hub city", 2020), (bna, "pilot city", 2022)):
        rels.append(Relation.new(city, "PARTICIPATES_IN", prog, properties={"role": role, "year": year},
                                 evidence=ev("f", f"{city.name} is an Innovation China {role}.")))
    store.upsert(Batch([zj, tj, jx, hz, tianjin, bna, bh, prog, firm], rels))


def test_layers_nesting_roles(store):
    _world(store)
    direct = network(store)
    pairs = {(e["source"], e["target"]): e for e in direct["edges"]}
    assert set(pairs) == {("city:hangzhou", "city:jiaxing")}  # the agreement only
    assert pairs[("city:hangzhou", "city:jiaxing")]["layer"] == "direct"
    assert pairs[("city:hangzhou", "city:jiaxing")]["kinds"] == {"cooperation": 1.0}
    nodes = {n["id"]: n for n in direct["nodes"]}
    assert nodes["city:jiaxing"]["parent"] == "region:zhejiang"
    assert [(r["role"], r["year"], r["project"]["name"]) for r in nodes["city:jiaxing"]["roles"]] == [
        ("innovation hub city", 2021, "Innovation China")]
    assert [g["id"] for g in direct["groups"]] == ["region:zhejiang"]

    shared = network(store, shared=True)
    layers = {(e["source"], e["target"]): e["layer"] for e in shared["edges"]}
    # the programme ties its members, as its own layer; the two Zhejiang cities also cooperate directly
    assert layers[("city:binhai-new-area", "city:hangzhou")] == "shared"
    assert layers[("city:hangzhou", "city:jiaxing")] == "direct"
    # never a place with the place that contains it, nor with its own short name
    for a, b in layers:
        assert {a, b} not in ({"city:binhai-new-area", "city:tianjin"}, {"city:binhai", "city:binhai-new-area"})
    bna = next(n for n in shared["nodes"] if n["id"] == "city:binhai-new-area")
    assert bna["parent"] == "city:tianjin"  # a district inside its city ...
    groups = {g["id"]: g for g in shared["groups"]}
    assert groups["city:tianjin"]["parent"] == "region:tianjin"  # ... inside its province
    assert [p["partner"]["id"] for p in partners(store, "Jiaxing")["partners"]] == ["city:hangzhou"]

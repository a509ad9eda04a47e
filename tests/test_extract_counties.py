"""County-level cities (县级市) of the gazetteer (extract/data/cities.tsv, scripts/build-counties), on our
own invented sentences: a county-level city is a City of level "county" whose parent is its
prefecture city, so its LOCATED_IN chain runs county -> prefecture city -> province."""
from __future__ import annotations

from extract import extract_document
from extract.resources import load_places
from extract.rules.places import PlaceHierarchy


def run(text):
    out = extract_document(text, "t.txt")
    name = {e["id"]: e["name"] for e in out["entities"]}
    ents = {e["name"]: e for e in out["entities"]}
    rels = {(name.get(r["source_id"]), r["type"], name.get(r["target_id"])) for r in out["relations"]}
    return ents, rels


def test_county_rows_have_a_known_parent():
    places = load_places()
    names = {p.name for p in places}
    counties = [p for p in places if p.level == "county"]
    assert len(counties) > 200
    assert all(p.label == "City" and p.parent in names for p in counties)
    by_name = {p.name: p for p in counties}
    assert by_name["Zhangping"].parent == "Longyan" and by_name["Zhangping"].zh == "漳平"
    assert by_name["Changge"].parent == "Xuchang"  # 长 read chang in the place name
    assert "Nan'an" not in by_name or by_name["Nan'an"].zh == "南安"


def test_county_chain_reaches_the_province():
    h = PlaceHierarchy.load()
    assert h.parents_of("zhangping") == {"longyan"}
    assert "fujian" in h.parents_of("longyan")


def test_company_in_a_county_level_city():
    ents, rels = run("Hengrui Optics Co. is based in Zhangping, Fujian.")
    z = ents["Zhangping"]
    assert z["type"] == "City" and z["properties"]["level"] == "county"
    assert ("Hengrui Optics Co", "LOCATED_IN", "Zhangping") in rels
    assert ("Zhangping", "LOCATED_IN", "Fujian") in rels


def test_county_level_city_of_its_prefecture():
    ents, rels = run("The delegation visited Danyang and Yangzhong in Zhenjiang last week.")
    assert {"Danyang", "Yangzhong"} <= {n for n, e in ents.items() if e["type"] == "City"}
    assert ("Yangzhong", "LOCATED_IN", "Zhenjiang") in rels


def test_surname_and_county_name_is_a_person():
    ents, rels = run("Zhang Xinmin, an engineer, spoke at the forum in Shenyang.")
    assert ents["Zhang Xinmin"]["type"] == "Person"
    assert "Xinmin" not in ents

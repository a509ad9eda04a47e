"""The API test world and app (tests/test_api.py, test_api_injection, test_api_errors,
test_reliability_injection, test_reliability_keys, test_api_schemathesis, test_match_speed_equivalence).

``api_world()`` is small enough to work the expected answers out by hand: the match scores and
cooperation weights asserted in tests/test_api.py follow from the formulas in graph/match.py and
graph/cooperation.py.
"""
from __future__ import annotations

from api.app import create_app
from graph.store import open_store
from support.builders import GraphBuilder

KEY = "test-key-0123456789"


def api_world() -> GraphBuilder:
    """Two provinces, four cities, two enterprises with NEEDS, four experts, one programme."""
    b = GraphBuilder()
    zj = b.add("Region", "Zhejiang province", aliases=["Zhejiang", "浙江"], level="province")
    jl = b.add("Region", "Jilin province", aliases=["Jilin"], level="province")
    jx = b.add("City", "Jiaxing", aliases=["嘉兴"], level="city")
    hz = b.add("City", "Hangzhou", aliases=["杭州"], level="city")
    cc = b.add("City", "Changchun", aliases=["长春"], level="city")
    js = b.add("City", "嘉善", level="county")
    hengtai = b.add("Organisation", "Hengtai New Materials Co., Ltd.", aliases=["Hengtai"], kind="enterprise")
    ruiguang = b.add("Organisation", "Ruiguang Photoelectric Co., Ltd.", kind="enterprise")
    zju = b.add("Organisation", "Zhejiang University", aliases=["ZJU"], kind="university")
    yrd = b.add("Organisation", "Yangtze Delta Institute of Tsinghua", kind="institute")
    jlu = b.add("Organisation", "Jilin University", kind="university")
    gu, fang = b.add("Person", "Gu Shiqiang"), b.add("Person", "Fang Zhiyuan")
    li, wang = b.add("Person", "Li Wei"), b.add("Person", "Wang Fang")
    nm, ph = b.add("Topic", "new materials"), b.add("Topic", "photonics")
    tx, ic = b.add("Topic", "textiles"), b.add("Topic", "integrated circuits")
    prog = b.add("Project", "Innovation China", aliases=["科创中国"], kind="programme", year=2021)
    for city, region in ((jx, zj), (hz, zj), (js, zj), (cc, jl)):
        b.link(city, "LOCATED_IN", region, "reg-cities", f"{city} is in {region}.")
    # registration records: (document, subject, its relations), one line each
    for doc, subject, links in (
            ("reg-e1", hengtai, [("LOCATED_IN", jx), ("NEEDS", nm), ("NEEDS", ph)]),
            ("reg-e2", ruiguang, [("LOCATED_IN", jx), ("NEEDS", ph), ("NEEDS", ic)]),
            ("reg-x1", gu, [("HOLDS_POSITION", zju, "academician"), ("FOCUSES_ON", nm), ("FOCUSES_ON", tx)]),
            ("reg-x2", fang, [("HOLDS_POSITION", yrd, "professor"), ("FOCUSES_ON", nm), ("FOCUSES_ON", ph)]),
            ("reg-x3", li, [("HOLDS_POSITION", jlu), ("FOCUSES_ON", ph)]),
            ("reg-x4", wang, [("HOLDS_POSITION", jlu)])):
        for rel, target, *title in links:
            b.link(subject, rel, target, doc, **({"title": title[0]} if title else {}))
    b.link(zju, "LOCATED_IN", hz, "reg-x1")
    b.link(jlu, "LOCATED_IN", cc, "reg-x3")
    b.link(yrd, "LOCATED_IN", jx, "news-yrd", "The Yangtze Delta Institute of Tsinghua in Jiaxing ...")
    for city in (jx, hz, cc):
        b.link(city, "PARTICIPATES_IN", prog, "news-ic", f"{city} joined Innovation China.", role="hub city")
    b.link(jx, "COOPERATES_WITH", cc, "news-coop-1", "Jiaxing and Changchun signed an agreement.")
    b.link(jx, "COOPERATES_WITH", cc, "news-coop-2", "Jiaxing and Changchun renewed their agreement.")
    b.link(zj, "COOPERATES_WITH", jl, "news-coop-1", "Zhejiang and Jilin deepened their cooperation.")
    b.link(yrd, "COOPERATES_WITH", zju, "news-yrd", "The institute works with Zhejiang University.")
    return b


def open_world(path):
    """A SQLite store at ``path`` holding api_world() (a context manager: ``with open_world(p) as s``)."""
    s = open_store("sqlite:///" + str(path))
    s.upsert(api_world().batch())
    return s


def make_app(store, tmp_path, **config):
    """The API app on ``store`` with KEY as its API key; ``config`` overrides the settings."""
    # a generous query timeout: a cold Neo4j on a loaded CI machine compiles its first queries
    # slowly (timeouts themselves are tested in test_api_errors.py)
    settings = {"STORE": store, "API_KEYS": KEY, "REJECTS_PATH": str(tmp_path / "rejects.jsonl"),
                "RATE_LIMIT": "1000/minute", "QUERY_TIMEOUT": 120, "TESTING": True}
    settings.update(config)
    return create_app(settings)

"""Time (CONTRACT.md "Time", ONTOLOGY.md "Time") on both stores: a small dated graph of our own
where the answer differs by date.

* Hangzhou and Changchun sign an agreement on 2021-08-26 (valid_from; the article is of
  2021-08-27): every path through it exists only from then on.
* Jiaxing is a member of the Green Valley Program from 2019 to 2021 (a stated validity): it drops
  out after 2021.
* Changchun joins the programme (an article of 2020-03-15, no stated validity): from 2020-03 on.
* The Changchun Photonics Institute is in Changchun (an undated document): no date at all, so at
  every date, and said so (``dated: false``).
"""
from __future__ import annotations

import io
import json

import pytest
from support.apiworld import KEY, make_app

from api.cli import main
from graph.changes import add_watch, changes, list_watches, watch_changes
from graph.errors import BadInput
from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.window import Window, within

HZ, CC, JX = "city:hangzhou", "city:changchun", "city:jiaxing"
GV, INST = "project:green-valley-program", "organisation:changchun-photonics-institute"


def dated_batch() -> Batch:
    hz, cc, jx = Entity.new("City", "Hangzhou"), Entity.new("City", "Changchun"), Entity.new("City", "Jiaxing")
    gv = Entity.new("Project", "Green Valley Program")
    inst = Entity.new("Organisation", "Changchun Photonics Institute")
    docs = [Document.new("agreement", "news", published="2021-08-27"),
            Document.new("members-2019", "registration", published="2019"),
            Document.new("changchun-joins", "news", published="2020-03-15"),
            Document.new("undated", "news")]
    d = {x.id.split(":", 1)[1]: x.id for x in docs}
    rels = [
        Relation.new(hz, "COOPERATES_WITH", cc, {"valid_from": "2021-08-26"},
                     [Evidence(d["agreement"], "Hangzhou and Changchun signed an agreement on 26 August 2021.")]),
        Relation.new(jx, "PARTICIPATES_IN", gv, {"role": "pilot city", "valid_from": "2019", "valid_to": "2021"},
                     [Evidence(d["members-2019"], "Jiaxing is a pilot city from 2019 to 2021.")]),
        Relation.new(cc, "PARTICIPATES_IN", gv, {}, [Evidence(d["changchun-joins"], "Changchun joined.")]),
        Relation.new(inst, "LOCATED_IN", cc, {}, [Evidence(d["undated"], "The institute is in Changchun.")]),
    ]
    for doc in docs:
        doc.mentions = {r.source for r in rels} | {r.target for r in rels}
    return Batch([hz, cc, jx, gv, inst], rels, docs)


@pytest.fixture
def dated(store):
    store.upsert(dated_batch())
    return store


def hops(store, a, b, **kw):
    return [[n["id"] for n in p["nodes"]] for p in store.paths(a, b, **kw)]


def in_window(store, fn, **window):
    with within(Window.of(**window)):
        return fn(store)


# ---- dates in ------------------------------------------------------------------------------------
def test_evidence_carries_its_documents_date_and_relations_their_validity(dated):
    rels = {r.key: r for r in dated.iter_relations()}
    agreement = rels[(CC, "COOPERATES_WITH", HZ)]
    assert agreement.properties["valid_from"] == "2021-08-26"
    assert [e.date for e in agreement.evidence] == ["2021-08-27"]
    assert [e.date for e in rels[(INST, "LOCATED_IN", CC)].evidence] == [""]
    [path] = dated.paths(HZ, GV)
    first = path["edges"][0]
    assert (first["valid_from"], first["valid_to"], first["dated"]) == ("2021-08-26", None, True)
    assert first["evidence"][0]["date"] == "2021-08-27"
    [path] = dated.paths(INST, CC)
    assert path["edges"][0]["dated"] is False and path["edges"][0]["evidence"][0]["date"] is None


def test_export_and_import_carry_the_dates(dated, tmp_path):
    from graph.store import open_store

    buf = io.StringIO()
    dated.export("json", buf)
    data = json.loads(buf.getvalue())
    [edge] = [e for e in data["edges"] if e["type"] == "COOPERATES_WITH"]
    assert edge["valid_from"] == "2021-08-26" and edge["evidence"][0]["date"] == "2021-08-27"
    with open_store("sqlite:///" + str(tmp_path / "copy.db")) as copy:
        copy.import_json(data)
        again = io.StringIO()
        copy.export("json", again)
        assert json.loads(again.getvalue()) == data
        assert in_window(copy, lambda s: hops(s, HZ, GV), as_of="2021-07") == []


# ---- queries in a window -------------------------------------------------------------------------
@pytest.mark.parametrize("weighted", [False, True])
def test_a_path_exists_only_after_the_agreement_is_signed(dated, weighted):
    through = [HZ, CC, GV]
    assert hops(dated, HZ, GV, weighted=weighted) == [through]
    for date, found in (("2020", []), ("2021-07", []), ("2021-08-25", []), ("2021-08", [through]),
                        ("2021-08-26", [through]), ("2024", [through])):
        assert in_window(dated, lambda s: hops(s, HZ, GV, k=3, weighted=weighted), as_of=date) == found, date


def test_a_partner_drops_out_after_its_validity_ends(dated):
    def members(s):
        return sorted(n["id"] for n in s.neighbours(GV)["nodes"])

    assert members(dated) == [CC, JX]
    assert in_window(dated, members, as_of="2019-06") == [JX]  # Changchun joins in 2020-03
    assert in_window(dated, members, as_of="2021") == [CC, JX]
    assert in_window(dated, members, as_of="2022") == [CC]
    # the path from Hangzhou to Jiaxing needs both: only in 2021 (after August)
    assert in_window(dated, lambda s: hops(s, HZ, JX), as_of="2021-12-31") == [[HZ, CC, GV, JX]]
    assert in_window(dated, lambda s: hops(s, HZ, JX), as_of="2022-01-01") == []


def test_since_until_keeps_relations_with_evidence_dated_in_the_window(dated):
    def around(s):
        return sorted(n["id"] for n in s.neighbours(CC)["nodes"])

    assert around(dated) == [HZ, INST, GV]
    assert in_window(dated, around, since="2021") == [HZ, INST]  # the undated one is in every window
    assert in_window(dated, around, until="2020-12") == [INST, GV]
    assert in_window(dated, around, since="2020-03", until="2020-03") == [INST, GV]
    assert in_window(dated, lambda s: len(list(s.iter_relations())), since="2022") == 1


def test_bad_dates_are_refused_naming_the_parameter():
    with pytest.raises(BadInput, match="as_of"):
        Window.of(as_of="2021-02-30")
    assert not Window.of(since="2022", until="2021").admits(None, None, ["2021-06", "2022-01"])  # empty, not bad
    for bad in ("21", "2021/05", "2021-5", "May 2021", "2021-05-01T00:00"):
        with pytest.raises(BadInput, match="since"):
            Window.of(since=bad)


# ---- changes and watches -------------------------------------------------------------------------
def test_changes_are_what_first_appeared_in_the_window(dated):
    ch = changes(dated, Window.of(since="2021"))
    assert [(r["source"], r["type"], r["target"], r["first_seen"]) for r in ch["relations"]] == [
        (CC, "COOPERATES_WITH", HZ, "2021-08-27")]
    assert [e["id"] for e in ch["entities"]] == [HZ]
    ch = changes(dated, Window.of(since="2019", until="2020"))
    assert [r["first_seen"] for r in ch["relations"]] == ["2020-03-15", "2019"]  # newest first
    assert {e["id"] for e in ch["entities"]} == {CC, GV, JX}


def test_a_watch_reports_the_paths_that_are_new_since_a_date(dated, reopen):
    w = add_watch(dated, "Hangzhou", "Green Valley Program", max_hops=3)
    assert [x["id"] for x in list_watches(reopen())] == [w["id"]]  # kept by the store
    assert [[n["id"] for n in p["nodes"]] for p in watch_changes(dated, w["id"], "2021-01")["new_paths"]] == [
        [HZ, CC, GV]]
    assert watch_changes(dated, w["id"], "2021-09")["new_paths"] == []


# ---- API and CLI ---------------------------------------------------------------------------------
@pytest.fixture
def client(dated, tmp_path):
    app = make_app(dated, tmp_path)
    yield app.test_client()
    app.extensions["innograph"].close()


def test_the_api_takes_the_window_on_every_query_that_reads_relations(client):
    def ids(body):
        return [[n["id"] for n in p["nodes"]] for p in body["paths"]]

    assert ids(client.get("/api/v1/paths?from=Hangzhou&to=Green Valley Program&as_of=2021-07").get_json()) == []
    assert ids(client.get("/api/v1/paths?from=Hangzhou&to=Green Valley Program&as_of=2022&k=2").get_json()) == [
        [HZ, CC, GV]]
    hood = client.get(f"/api/v1/entities/{GV}/neighbours?as_of=2022").get_json()
    assert [n["id"] for n in hood["nodes"]] == [CC]
    rels = client.get(f"/api/v1/entities/{CC}/relations?since=2021").get_json()["relations"]
    assert sorted(r["type"] for r in rels) == ["COOPERATES_WITH", "LOCATED_IN"]
    assert all("valid_from" in r and "dated" in r for r in rels)
    coop = client.get("/api/v1/cooperation?as_of=2021-07").get_json()
    coop_later = client.get("/api/v1/cooperation?as_of=2021-09").get_json()
    pairs = {(e["source"], e["target"]) for e in coop_later["edges"]}
    assert (CC, HZ) in pairs or (HZ, CC) in pairs
    assert not any({e["source"], e["target"]} == {CC, HZ} and "cooperation" in e["kinds"] for e in coop["edges"])
    export = json.loads(client.get("/api/v1/export?format=json&since=2022").get_data(as_text=True))
    assert [e["type"] for e in export["edges"]] == ["LOCATED_IN"]


@pytest.mark.parametrize("url", ["/api/v1/paths?from=a&to=b&as_of=2021-13", "/api/v1/entities/x/neighbours?since=x",
                                 "/api/v1/entities/x/relations?until=2021-02-30", "/api/v1/cooperation?as_of=21",
                                 "/api/v1/match/experts?enterprise=x&since=2021-1", "/api/v1/export?until=May",
                                 "/api/v1/changes?since=2021-00", "/api/v1/changes",
                                 "/api/v1/watches/watch:x/changes?since=20211"])
def test_a_bad_date_is_a_422_naming_the_parameter(client, url):
    resp = client.get(url)
    assert resp.status_code == 422, resp.get_data(as_text=True)
    body = resp.get_json()
    assert resp.mimetype == "application/problem+json"
    assert body["where"] in ("as_of", "since", "until"), body
    assert body["where"] in url or body["where"] == "since"


def test_watches_and_changes_over_the_api(client):
    assert client.post("/api/v1/watches", json={"from": "Hangzhou", "to": GV}).status_code == 401
    made = client.post("/api/v1/watches", json={"from": "Hangzhou", "to": GV, "max_hops": 3},
                       headers={"X-API-Key": KEY})
    assert made.status_code == 200, made.get_data(as_text=True)
    wid = made.get_json()["id"]
    assert [w["id"] for w in client.get("/api/v1/watches").get_json()["watches"]] == [wid]
    body = client.get(f"/api/v1/watches/{wid}/changes?since=2021").get_json()
    assert body["watch"]["id"] == wid and len(body["new_paths"]) == 1
    assert client.get(f"/api/v1/watches/{wid}/changes?since=2022").get_json()["new_paths"] == []
    assert client.get("/api/v1/watches/watch:nope/changes?since=2022").status_code == 404
    ch = client.get("/api/v1/changes?since=2021&until=2021").get_json()
    assert ch["total"] == {"entities": 1, "relations": 1}


def test_the_cli_takes_the_window_and_refuses_bad_dates(dated, capsys):
    uri = ["--store", dated.uri]
    assert main(["path", "Hangzhou", "Green Valley Program", "--as-of", "2021-07", *uri]) == 1
    assert main(["path", "Hangzhou", "Green Valley Program", "--as-of", "2021-09", "--json", *uri]) == 0
    assert json.loads(capsys.readouterr().out)["paths"][0]["edges"][0]["valid_from"] == "2021-08-26"
    for argv in (["path", "a", "b", "--as-of", "2021-13"], ["neighbours", "x", "--since", "soon"],
                 ["export", "--until", "2021-02-30"], ["changes", "--since", "yesterday"],
                 ["watch", "check", "--since", "20x1"]):
        assert main([*argv, *uri]) == 2, argv
        err = capsys.readouterr().err
        assert "--" + argv[argv.index(next(a for a in argv if a.startswith("--"))) ][2:] in err, err
    assert main(["changes", "--since", "2021", "--json", *uri]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["relations"] == 1
    assert main(["watch", "add", "Hangzhou", "Green Valley Program", *uri]) == 0
    wid = json.loads(capsys.readouterr().out)["id"]
    assert main(["watch", "list", "--json", *uri]) == 0
    assert [w["id"] for w in json.loads(capsys.readouterr().out)["watches"]] == [wid]
    assert main(["watch", "check", "--since", "2021", "--json", *uri]) == 0
    [check] = json.loads(capsys.readouterr().out)["watches"]
    assert len(check["new_paths"]) == 1

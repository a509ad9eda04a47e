"""CSV export neutralises formula cells (ISSUE 19, deliverable 5; OWASP CSV injection), on both
stores, from the store and from the open HTTP export; json and graphml keep values as they are."""
from __future__ import annotations

import csv
import io
import json

from graph.model import Batch, Document, Entity, Evidence, Relation

HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTab Co.", "\rCR Co."]


def hostile_batch() -> Batch:
    hub = Entity.new("Organisation", "Plain Institute")
    ents = [Entity.new("Organisation", f"Firm {i}", aliases=[v], properties={"note": v}) for i, v in enumerate(HOSTILE)]
    rels = [Relation.new(hub, "COOPERATES_WITH", e, properties={"topic": v},
                         evidence=[Evidence("document:=cmd.txt", v, extractor="test", confidence=0.9)])
            for e, v in zip(ents, HOSTILE)]
    return Batch([hub, *ents], rels, [Document("document:=cmd.txt", "news", title="=cmd")])


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def test_csv_export_neutralises_formula_cells(store):
    store.upsert(hostile_batch())
    buf = io.StringIO()
    store.export("csv", buf)
    cells = _cells(buf.getvalue())
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for v in HOSTILE[:5]:  # the text is all there, behind a quote
        assert "'" + v in cells
    assert "'document:=cmd.txt" not in cells and "document:=cmd.txt" in cells  # starts with d: untouched
    js = io.StringIO()
    store.export("json", js)
    data = json.loads(js.getvalue())
    assert {e.get("note") for e in data["nodes"]} - {None} == set(HOSTILE)
    gm = io.StringIO()
    store.export("graphml", gm)
    assert "'=HYPERLINK" not in gm.getvalue() and "=HYPERLINK" in gm.getvalue()


def test_http_csv_export_neutralises_formula_cells(store):
    from api.app import create_app

    store.upsert(hostile_batch())
    app = create_app({"STORE_URI": store.uri, "API_KEYS": "k"})
    try:
        r = app.test_client().get("/api/v1/export?format=csv")
        assert r.status_code == 200
        cells = _cells(r.get_data(as_text=True))
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert "'@SUM(A1:A9)" in cells
    finally:
        app.extensions["innograph"].close()

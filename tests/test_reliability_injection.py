"""Cypher injection through ingested TEXT (ISSUE 8, item 6), on both stores; tests/test_api_injection.py
covers the HTTP parameters. A payload suite (quote and backtick break-outs, comments, ``1 OR 1=1``,
unicode escapes, parameter and map syntax) goes into every field of registration records and into
news articles; each entity name comes back exactly as written, the graph that was there before is
untouched, the counts grow by exactly the new entities and relations, and no answer (nor the CLI's
stderr) shows database error text. The same payloads as CLI arguments change nothing.
"""
from __future__ import annotations

import json
import os

from support.apiworld import api_world
from support.graphcheck import export_dict
from support.payloads import LEAKS, PAYLOADS

from api.cli import main as cli
from graph.ids import clean_name
from ingest import ingest_upload
from ingest.registrations import record_to_batch

SUITE = list(dict.fromkeys(PAYLOADS + [
    "`}]->(x) DETACH DELETE x //", "') RETURN 1 UNION MATCH (n) DETACH DELETE n //", "1 OR 1=1", "1' OR '1'='1",
    "/* */ MATCH (n) SET n.pwned = true /* */", "// comment\nMATCH (n) DELETE n", "\\u0060) DELETE n //",
    "\u0027\u0022\u0060", "$(x):Pwned", "{id: 'x'}", "n.name = 'x' OR true", "'; DELETE FROM nodes; --",
    "\\'; CALL dbms.killQueries(['x']) //", "Robert'); DROP TABLE documents;--",
]))
SUITE = [p for p in SUITE if clean_name(p.replace("\x00", ""))]


def payload_records(i: int, p: str) -> list[dict]:
    """One record of each type, every name field carrying payload ``p`` (unique per ``i``)."""
    org, city, topic = f"Org{i} {p} University", f"City{i} {p}", f"Topic{i} {p}"
    firm, proj = f"Firm{i} {p} Co., Ltd.", f"Project{i} {p}"
    return [
        {"record_type": "expert", "id": f"X{i}{p}", "name": f"Expert{i} {p}", "affiliation": org, "title": p,
         "city": city, "region": f"Region{i} {p}", "fields": [topic], "note": p},
        {"record_type": "enterprise", "id": f"E{i}", "name": firm, "city": city, "industry": topic,
         "needs": [f"Need{i} {p}", topic]},
        {"record_type": "project", "title": proj, "kind": p, "organiser": org, "participants": [firm, f"Person: Li{i} {p}"],
         "city": city, "fields": [topic]},
        {"record_type": "membership", "member": city, "member_type": "City", "programme": proj, "role": p},
        {"record_type": "cooperation", "party_a": org, "party_a_type": "Organisation", "party_b": city,
         "party_b_type": "City", "topic": p},
    ]


def assert_no_leak(text: str, what) -> None:
    for leak in LEAKS:
        assert leak not in text, (what, leak, text[:300])


def world_part(export: dict, ids: set[str]) -> dict:
    """The part of an export that concerns only the entities ``ids`` (the world before the ingest)."""
    return {"nodes": [n for n in export["nodes"] if n["id"] in ids],
            "edges": [e for e in export["edges"] if e["source"] in ids and e["target"] in ids]}


def test_payload_names_in_registrations_are_stored_literally(store, tmp_path):
    store.upsert(api_world().batch())
    before = export_dict(store)
    world_ids = {n["id"] for n in before["nodes"]}
    records = [r for i, p in enumerate(SUITE) for r in payload_records(i, p)]
    # what the records must add: their entities and relations, by the pure record -> batch function
    want_ents, want_rels = {}, set()
    for line, rec in enumerate(records, 1):
        b = record_to_batch(rec, "payloads.json", line)
        for e in b.entities:
            want_ents.setdefault(e.id, e)
        want_rels |= {r.key for r in b.relations}
    data = json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")  # one record a line (see
    # test_reliability_idempotency.py for records sharing a line)
    summary = ingest_upload(store, "payloads.json", data, rejects_path=str(tmp_path / "rejects.jsonl"))
    assert summary["rejected"] == 0 and summary["ingested"] == len(records), summary["rejects"][:3]
    after = export_dict(store)
    assert world_part(after, world_ids) == world_part(before, world_ids)
    new_ids = {n["id"] for n in after["nodes"]} - world_ids
    assert new_ids == set(want_ents) - world_ids
    assert len(after["edges"]) == len(before["edges"]) + len(want_rels)
    assert len(after["documents"]) == len(before["documents"]) + len(records)
    for ent in want_ents.values():
        stored = store.get_entity(ent.id)
        assert stored is not None and stored.label == ent.label, ent
        assert stored.name == ent.name and ent.aliases <= stored.aliases, (ent, stored)
        assert store.get(ent.name).id == ent.id, ent.name
        found = store.search(ent.name, limit=5)
        assert found and found[0]["id"] == ent.id, (ent.name, found[:2])
    assert_no_leak(json.dumps(summary, ensure_ascii=False), "summary")
    # record properties kept as written
    expert = store.get_entity(want_ents[record_to_batch(records[0], "payloads.json", 1).entities[0].id].id)
    assert expert.properties.get("note") == SUITE[0].strip()


NEWS = ("<html><head><title>News {i}: {p}</title></head><body>"
        "<p>Jiaxing signed a cooperation agreement with Acme {i} {p} Technology Co., Ltd. in Hangzhou.</p>"
        "<p>Professor Li Wei of the {p} University said the Zhejiang {i} {p} Institute of Science would join "
        "Innovation China.</p></body></html>")


def test_payload_names_in_news_text_are_stored_literally(store, tmp_path):
    from extract import extract_document

    store.upsert(api_world().batch())
    before = export_dict(store)
    world_ids = {n["id"] for n in before["nodes"]}
    for i, p in enumerate(SUITE):
        if "\x00" in p:  # an article with NUL bytes is refused as binary, by design
            continue
        html = NEWS.format(i=i, p=p)
        extracted = extract_document(html, f"news-{i}.html", html=True)
        summary = ingest_upload(store, f"news-{i}.html", html.encode("utf-8"), rejects_path=os.devnull)
        assert summary["ingested"] == 1, summary
        assert_no_leak(json.dumps(summary, ensure_ascii=False), p)
        doc = store.get_document(f"document:news-{i}.html")
        assert doc is not None and doc.title == extracted["title"], (doc, extracted["title"])
        for e in extracted["entities"]:
            node = store.get(e["name"], e["type"])
            assert node is not None and e["name"] in node.aliases, (p, e, node)
            assert set(e["mentions"]) <= node.aliases, (p, e, node)
        for r in extracted["relations"]:
            src, tgt = store.get(r["source"]), store.get(r["target"])
            assert src and tgt and store.get_relations([(src.id, r["type"], tgt.id), (tgt.id, r["type"], src.id)]), r
    after = export_dict(store)
    # the articles name Jiaxing, Hangzhou, Innovation China ...: the world may grow, never lose anything
    assert _only_grew(before, after, world_ids)
    assert len(after["nodes"]) >= len(before["nodes"]) and len(after["edges"]) >= len(before["edges"])


def _only_grew(before, after, world_ids) -> bool:
    """News may add aliases, properties and evidence to world entities (Jiaxing, Innovation China): the
    world's nodes and edges are all still there, none lost an alias, a property or an evidence item,
    and none changed its name, label or a property's value."""
    a_nodes = {n["id"]: n for n in after["nodes"]}
    for n in before["nodes"]:
        m = a_nodes.get(n["id"])
        if m is None or not set(n["aliases"]) <= set(m["aliases"]):
            return False
        if any(m.get(k) != v for k, v in n.items() if k != "aliases"):
            return False
    a_edges = {(e["source"], e["type"], e["target"]): e for e in after["edges"]}
    for e in before["edges"]:
        m = a_edges.get((e["source"], e["type"], e["target"]))
        if m is None or not all(x in m["evidence"] for x in e["evidence"]):
            return False
        if any(m.get(k) != v for k, v in e.items() if k not in ("evidence", "weight", "properties")):
            return False
        if any(m["properties"].get(k) != v for k, v in e["properties"].items()):
            return False
    return True


# (command, its exit status): 1 = a valid request that found nothing (no entity or document is named
# by the payload), 2 = bad input (a payload as a relation type, a label or a format); "search" exits 0
# when the store's search finds something for the payload, else 1. Never 3 (a store failure).
CLI_COMMANDS = [(["path", "{p}", "Changchun", "--json"], 1), (["path", "Jiaxing", "{p}", "--types", "{p}"], 1),
                (["path", "Jiaxing", "Changchun", "--types", "LOCATED_IN,{p}"], 2),
                (["match", "experts", "--enterprise", "{p}"], 1), (["match", "enterprises", "--expert", "{p}"], 1),
                (["search", "{p}"], "search"), (["search", "Jiaxing", "--labels", "{p}"], 2),
                (["neighbours", "{p}"], 1), (["neighbours", "Jiaxing", "--types", "{p}"], 2),
                (["neighbours", "Jiaxing", "--labels", "{p}"], 2), (["retract", "{p}"], 1),
                (["retract", "document:{p}"], 1), (["merge", "{p}", "Jiaxing"], 1), (["export", "--format", "{p}"], 2)]


def test_payloads_as_cli_arguments_change_nothing(store, capsys):
    store.upsert(api_world().batch())
    before = export_dict(store)
    uri = store.uri
    for p in SUITE:
        arg = p.replace("\x00", "")
        for template, want in CLI_COMMANDS:
            if want == "search":
                want = 0 if store.search(arg) else 1
            argv = [a.replace("{p}", arg) for a in template] + ["--store", uri]
            try:
                status = cli(argv)
            except SystemExit as exc:  # argparse refused the argument
                status = exc.code
            out, err = capsys.readouterr()
            assert status == want, (argv, status, err)
            assert_no_leak(out + err, argv)
            assert "Traceback" not in err
    assert export_dict(store) == before


def test_upload_with_payload_file_names(store, tmp_path):
    """Payloads in an uploaded file's name become a document name and nothing else."""
    store.upsert(api_world().batch())
    before = store.stats()
    added = 0
    for i, p in enumerate(SUITE):
        name = f"{p.replace(chr(0), '')}-{i}.csv"
        data = f"record_type,name,city\nenterprise,Firm {i} {p},Jiaxing\n".encode()
        try:
            s = ingest_upload(store, name, data, rejects_path=os.devnull)
        except Exception as exc:  # noqa: BLE001 - only a clean refusal of the name is allowed
            from graph.errors import BadInput

            assert isinstance(exc, BadInput), (name, exc)
            assert_no_leak(str(exc), name)
            continue
        added += s["ingested"]
    after = store.stats()
    assert after["documents"] == before["documents"] + added
    assert sum(after["nodes"].values()) == sum(before["nodes"].values()) + added  # one new firm each

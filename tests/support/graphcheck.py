"""Canonical graph fingerprints and duplicate checks, from a store or from a json export.

A fingerprint ignores what depends only on write order: evidence order inside an edge, the order of
list properties, of documents' mentions. Everything else (ids, names, aliases, scalar properties,
weights, evidence content, documents) counts.

>>> a = {"nodes": [{"id": "city:x", "name": "X", "type": "City", "aliases": ["X"], "tags": ["b", "a"]}],
...      "edges": [], "documents": []}
>>> b = {"nodes": [{"id": "city:x", "name": "X", "type": "City", "aliases": ["X"], "tags": ["a", "b"]}],
...      "edges": []}
>>> fingerprint(a) == fingerprint(b)
True
>>> duplicates({"nodes": [{"id": "city:x", "name": "Jiaxing", "type": "City", "aliases": ["Jiaxing"]},
...                       {"id": "city:y", "name": "Jiaxing City", "type": "City", "aliases": ["Jiaxing City"]}]})
{'by_id': [], 'by_name': [], 'by_key': [('City', 'jiaxing', ['city:x', 'city:y'])]}
"""
from __future__ import annotations

import hashlib
import io
import json
from collections import Counter, defaultdict

from graph.ids import match_keys, normalise


def export_dict(store) -> dict:
    """The store's json export, parsed."""
    buf = io.StringIO()
    store.export("json", buf)
    return json.loads(buf.getvalue())


def _sorted_lists(d: dict, skip=()) -> dict:
    return {k: (sorted(v, key=lambda x: json.dumps(x, sort_keys=True)) if isinstance(v, list) and k not in skip else v)
            for k, v in d.items()}


def canonical(export: dict) -> dict:
    """The export with every order-only difference removed."""
    nodes = sorted((_sorted_lists(n) for n in export.get("nodes", [])), key=lambda n: n["id"])
    edges = []
    for e in export.get("edges", []):
        e = _sorted_lists(e, skip=("evidence",))
        ev = [{k: x.get(k) for k in ("document", "sentence", "start", "end", "extractor")}
              | {"confidence": round(float(x.get("confidence", 1.0)), 6)} for x in e.get("evidence", [])]
        e["evidence"] = sorted(ev, key=lambda x: json.dumps(x, sort_keys=True))
        edges.append(e)
    edges.sort(key=lambda e: (e["source"], e["type"], e["target"]))
    docs = sorted((_sorted_lists(d) for d in export.get("documents", [])), key=lambda d: d["id"])
    return {"nodes": nodes, "edges": edges, "documents": docs}


def fingerprint(export_or_store) -> str:
    """sha256 of the canonical export (of a store, or of an already parsed export)."""
    data = export_or_store if isinstance(export_or_store, dict) else export_dict(export_or_store)
    blob = json.dumps(canonical(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def diff(a: dict, b: dict, limit: int = 8) -> str:
    """A short human-readable difference between two exports (for assertion messages)."""
    ca, cb = canonical(a), canonical(b)
    out = []
    for part, key in (("nodes", lambda x: x["id"]), ("edges", lambda x: (x["source"], x["type"], x["target"])),
                      ("documents", lambda x: x["id"])):
        ma, mb = {key(x): x for x in ca[part]}, {key(x): x for x in cb[part]}
        only_a, only_b = sorted(set(ma) - set(mb)), sorted(set(mb) - set(ma))
        changed = sorted(k for k in set(ma) & set(mb) if ma[k] != mb[k])
        if only_a:
            out.append(f"{part} only in first ({len(only_a)}): {only_a[:limit]}")
        if only_b:
            out.append(f"{part} only in second ({len(only_b)}): {only_b[:limit]}")
        for k in changed[:limit]:
            fa, fb = ma[k], mb[k]
            fields = sorted(f for f in set(fa) | set(fb) if fa.get(f) != fb.get(f))
            out.append(f"{part} {k} differs in {fields}: {[fa.get(f) for f in fields]} != {[fb.get(f) for f in fields]}"[:600])
        if len(changed) > limit:
            out.append(f"... {len(changed) - limit} more {part} differ")
    return "\n".join(out) or "no difference"


def duplicates(export_or_store) -> dict:
    """Nodes that should be one: the same id twice, the same (label, normalised name), or two nodes
    of one label sharing a match key of their aliases (ONTOLOGY.md: they are the same entity);
    Persons only when they also share a registration id (``ref``)."""
    data = export_or_store if isinstance(export_or_store, dict) else export_dict(export_or_store)
    nodes = data.get("nodes", [])
    ids = Counter(n["id"] for n in nodes)
    by_name = defaultdict(set)
    by_key = defaultdict(set)
    for n in nodes:
        # namesakes are two people unless one registration id says otherwise (graph/store/people.py)
        who = (n.get("ref") or n["id"]) if n["type"] == "Person" else ""
        by_name[(n["type"], normalise(n["name"]) + who)].add(n["id"])
        for a in set(n.get("aliases") or []) | {n["name"]}:
            for k in match_keys(n["type"], a):
                by_key[(n["type"], k + who)].add(n["id"])
    return {"by_id": sorted(i for i, c in ids.items() if c > 1),
            "by_name": sorted((lab, k, sorted(v)) for (lab, k), v in by_name.items() if len(v) > 1),
            "by_key": sorted((lab, k, sorted(v)) for (lab, k), v in by_key.items() if len(v) > 1)}


def no_duplicates(export_or_store) -> None:
    """Assert there is no duplicate node of any kind (see ``duplicates``)."""
    found = duplicates(export_or_store)
    assert found == {"by_id": [], "by_name": [], "by_key": []}, {k: v[:10] for k, v in found.items()}


def neo4j_duplicate_ids(store) -> list:
    """Entity and Document ids held by more than one Neo4j node (a broken uniqueness constraint
    would let the export hide them)."""
    with store._driver.session(database=store.database) as s:
        recs = s.run("MATCH (n) WHERE n:Entity OR n:Document WITH n.id AS id, count(*) AS c WHERE c > 1 "
                     "RETURN id, c LIMIT 20").data()
    return recs


def neo4j_counts(store) -> dict:
    """Raw node and relationship counts of a Neo4j store (every label and type, not just the ontology's)."""
    with store._driver.session(database=store.database) as s:
        nodes = s.run("MATCH (n) RETURN count(n) AS c").single()["c"]
        rels = s.run("MATCH ()-[r]->() RETURN count(r) AS c").single()["c"]
    return {"nodes": nodes, "relationships": rels}

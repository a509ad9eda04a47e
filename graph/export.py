"""Export a store as json, graphml or csv (CONTRACT.md shapes) and import the json export.

The json export is deterministic (sorted), so export → import → export gives equal output.

>>> import io
>>> from graph.store import open_store
>>> s = open_store("sqlite://:memory:")
>>> buf = io.StringIO(); export(s, "json", buf); json.loads(buf.getvalue())
{'nodes': [], 'edges': [], 'documents': []}
"""
from __future__ import annotations

import csv
import json
from xml.sax.saxutils import escape, quoteattr

from graph.errors import BadInput
from graph.model import Batch, Document, Entity, Relation
from graph.store.review import KINDS

FORMATS = ("json", "graphml", "csv")


def export(store, fmt: str, out, progress=None) -> None:
    """Write the store to the text stream ``out`` in ``fmt``; ``progress(n)`` is called as items
    (entities, relations, documents) are written."""
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})", where="format")
    tick = progress or (lambda n: None)

    def counted(items):
        n = 0
        for item in items:
            yield item
            n += 1
            if n % 500 == 0:
                tick(500)
        tick(n % 500)

    {"json": _json, "graphml": _graphml, "csv": _csv}[fmt](_Counting(store, counted), out)


class _Counting:
    """The store, its iterators reporting progress."""

    def __init__(self, store, counted) -> None:
        self._store, self._counted = store, counted

    def iter_entities(self, *a):
        return self._counted(self._store.iter_entities(*a))

    def iter_relations(self, *a):
        return self._counted(self._store.iter_relations(*a))

    def iter_documents(self):
        return self._counted(self._store.iter_documents())

    def __getattr__(self, name):  # everything else (reviews, windows) is the store's own
        return getattr(self._store, name)


def _json(store, out) -> None:
    out.write('{"nodes": [')
    for i, e in enumerate(store.iter_entities()):
        out.write(("," if i else "") + "\n" + json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True))
    out.write('\n], "edges": [')
    for i, r in enumerate(store.iter_relations()):
        out.write(("," if i else "") + "\n" + json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True))
    out.write('\n], "documents": [')
    for i, d in enumerate(store.iter_documents()):
        out.write(("," if i else "") + "\n" + json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True))
    out.write("\n]")
    reviews = {k: v for k in KINDS if (v := store._notes_get(k))}
    if reviews:  # verdicts and merge explanations (graph/store/review.py) survive export / import
        out.write(', "reviews": ' + json.dumps(reviews, ensure_ascii=False, sort_keys=True))
    out.write("}\n")


LIST_SEP = " | "  # how a list property (or aliases, documents) is written in one GraphML value


def _gtype(values) -> str:
    """The GraphML attr.type of a property from the values it takes (lists are joined strings)."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds and kinds <= {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _gvalue(v, kind: str) -> str:
    if isinstance(v, list):
        return escape(LIST_SEP.join(str(x) for x in v))
    if kind == "boolean":
        return "true" if v else "false"
    return escape(str(v))


def _graphml(store, out) -> None:
    """GraphML with typed attributes: each entity property and relation property its own key (long,
    double, boolean or string; a list is one string joined by " | "), and each edge's evidence as
    ``documents`` (joined), ``evidence`` (count), ``confidence`` (highest) and ``sentence`` (the
    first). Loads with networkx.read_graphml and igraph (tests/test_export_graphml.py)."""
    ents, rels = list(store.iter_entities()), list(store.iter_relations())
    fixed_n = {"name": "string", "type": "string", "aliases": "string"}
    fixed_e = {"type": "string", "weight": "long", "documents": "string", "evidence": "long",
               "confidence": "double", "sentence": "string"}

    def props(items, fixed):
        seen: dict[str, list] = {}
        for x in items:
            for k, v in x.properties.items():
                seen.setdefault(k, []).append(v)
        return {k: _gtype(v) for k, v in sorted(seen.items()) if k not in fixed}
    nprops, eprops = props(ents, fixed_n), props(rels, fixed_e)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for dom, keys in (("node", {**fixed_n, **nprops}), ("edge", {**fixed_e, **eprops})):
        for key, kind in keys.items():
            out.write(f'  <key id={quoteattr(dom[0] + "_" + key)} for="{dom}" attr.name={quoteattr(key)} '
                      f'attr.type="{kind}"/>\n')
    out.write('  <graph id="innograph" edgedefault="directed">\n')

    def data(dom, key, value, kind="string"):
        return f"<data key={quoteattr(dom + '_' + key)}>{_gvalue(value, kind)}</data>"
    for e in ents:
        extra = "".join(data("n", k, v, nprops[k]) for k, v in sorted(e.properties.items())
                        if k in nprops and v is not None)
        out.write(f"    <node id={quoteattr(e.id)}>{data('n', 'name', e.name)}{data('n', 'type', e.label)}"
                  f"{data('n', 'aliases', sorted(e.aliases))}{extra}</node>\n")
    for r in rels:
        docs = sorted({x.document for x in r.evidence})
        conf = max((x.confidence for x in r.evidence if x.confidence is not None), default=None)
        extra = "".join(data("e", k, v, eprops[k]) for k, v in sorted(r.properties.items())
                        if k in eprops and v is not None)
        out.write(f"    <edge source={quoteattr(r.source)} target={quoteattr(r.target)}>"
                  f"{data('e', 'type', r.type)}{data('e', 'weight', r.weight)}{data('e', 'documents', docs)}"
                  f"{data('e', 'evidence', len(r.evidence))}"
                  + (data("e", "confidence", conf) if conf is not None else "")
                  + (data("e", "sentence", r.evidence[0].sentence) if r.evidence and r.evidence[0].sentence else "")
                  + f"{extra}</edge>\n")
    out.write("  </graph>\n</graphml>\n")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection): text starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``. Numbers stay.

    >>> [safe_cell(v) for v in ("=1+2", "+1", "-2", "@SUM(A1)", "\\tx", "Jiaxing", 0.9, -1)]
    ["'=1+2", "'+1", "'-2", "'@SUM(A1)", "'\\tx", 'Jiaxing', 0.9, -1]
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


class _SafeWriter:
    """csv.writer whose text cells pass through :func:`safe_cell`."""

    def __init__(self, out):
        self._w = csv.writer(out, lineterminator="\n")

    def writerow(self, row) -> None:
        self._w.writerow([safe_cell(c) for c in row])


def _csv(store, out) -> None:
    """Two sections in one stream: nodes, a blank line, then edges (one row per evidence item). Cells
    that a spreadsheet would read as a formula are neutralised (:func:`safe_cell`); the json and
    graphml exports keep every value as it is."""
    w = _SafeWriter(out)
    w.writerow(["id", "name", "type", "aliases", "properties"])
    for e in store.iter_entities():
        w.writerow([e.id, e.name, e.label, ";".join(sorted(e.aliases)), json.dumps(e.properties, ensure_ascii=False, sort_keys=True)])
    out.write("\n")
    w.writerow(["source", "target", "type", "weight", "properties", "document", "sentence", "confidence"])
    for r in store.iter_relations():
        for ev in r.evidence or [None]:
            w.writerow([r.source, r.target, r.type, r.weight, json.dumps(r.properties, ensure_ascii=False, sort_keys=True),
                        ev.document if ev else "", ev.sentence if ev else "", ev.confidence if ev else ""])


def import_json(store, data: dict, batch_size: int = 5000, progress=None) -> dict:
    """Load a json export into ``store``; raises BadInput naming the first bad item, before writing.
    ``progress(n)`` is called as items are written."""
    tick = progress or (lambda n: None)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise BadInput("not an InnoGraph json export: expected an object with nodes and edges lists")
    ents = [Entity.from_dict(n, f"nodes[{i}]") for i, n in enumerate(data["nodes"])]
    rels = [Relation.from_dict(r, f"edges[{i}]") for i, r in enumerate(data["edges"])]
    docs = [Document.from_dict(d, f"documents[{i}]") for i, d in enumerate(data.get("documents") or [])]
    for i in range(0, max(len(ents), 1), batch_size):
        store.upsert(Batch(ents[i:i + batch_size]), resolve=False)
        tick(len(ents[i:i + batch_size]))
    for i in range(0, len(rels), batch_size):
        store.upsert(Batch([], rels[i:i + batch_size]))
        tick(len(rels[i:i + batch_size]))
    for i in range(0, len(docs), batch_size):
        store.upsert(Batch([], [], docs[i:i + batch_size]))
        tick(len(docs[i:i + batch_size]))
    reviews = data.get("reviews") or {}
    if not isinstance(reviews, dict) or any(k not in KINDS or not isinstance(v, dict) for k, v in reviews.items()):
        raise BadInput(f"reviews must map {', '.join(KINDS)} to objects", where="reviews")
    for kind, items in reviews.items():
        store._notes_put(kind, items)
    return {"entities": len(ents), "relations": len(rels), "documents": len(docs)}

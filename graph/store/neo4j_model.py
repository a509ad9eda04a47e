"""The native Neo4j model: how entities, relations, evidence and documents become Neo4j properties
and back (graph/store/neo4j.py describes the graph layout).

A property is stored as itself (``n.kind``, ``r.role``, ``r.year``) when Neo4j can hold it exactly:
a string, integer, float or boolean, or a non-empty list of values of one of those types. The rest
(a list mixing types, an integer beyond 64 bits, a name the store uses itself) goes, as JSON, into
the one bookkeeping property ``_props``, so that every value round-trips exactly. Bookkeeping
properties start with ``_``; a user's property starting with ``_`` is kept in ``_props`` too.

Evidence is a set of parallel lists on the relationship, item i of each list describing evidence
item i: ``ev_docs`` (document id), ``ev_sentences``, ``ev_starts`` / ``ev_ends`` (character offsets
in the document, -1 when unknown), ``ev_extractors``, ``ev_confidences`` and ``ev_dates`` (the
document's date, "" when none). Two items are the same evidence (``Evidence.key``) when their
document, offsets and sentence are equal; the write path compares those lists themselves (model 2
kept a copy of each item's key in ``_ev_keys``; model 3 dropped it).

>>> row = entity_props({"kind": "enterprise", "name": "x", "n": [1, 2.5], "_x": 1, "tags": ["a", "b"]})
>>> sorted(row.items())
[('_props', '{"_x": 1, "n": [1, 2.5], "name": "x"}'), ('kind', 'enterprise'), ('tags', ['a', 'b'])]
>>> props_of({**row, "id": "org:x", "label": "Organisation", "aliases": ["x"]}, ENTITY_FIELDS)
{'_x': 1, 'kind': 'enterprise', 'n': [1, 2.5], 'name': 'x', 'tags': ['a', 'b']}
>>> ev = [Evidence("document:a", "A met B.", 3, 11, "rule", 0.9, "2021-05-01"), Evidence("document:b")]
>>> lists = evidence_lists(ev)
>>> lists["ev_starts"], lists["ev_dates"]
([3, -1], ['2021-05-01', ''])
>>> evidence_of(lists) == ev
True
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from graph.model import Evidence

MODEL = 3  # the version of the layout, kept on the (:_Meta {id: 'innograph'}) node
ENTITY_FIELDS = frozenset({"id", "label", "name", "aliases"})
EVIDENCE_LISTS = ("ev_docs", "ev_sentences", "ev_starts", "ev_ends", "ev_extractors", "ev_confidences", "ev_dates")
RELATION_FIELDS = frozenset({"weight", *EVIDENCE_LISTS})
_INT64 = (-(1 << 63), (1 << 63) - 1)

DUMPS = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps(v, ensure_ascii=False, sort_keys=True)
KEY_DUMPS = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(v, ensure_ascii=False)


def _native(value) -> bool:
    """Can Neo4j store ``value`` as a property exactly (and give it back as the same Python value)?"""
    t = type(value)
    if t is int:
        return _INT64[0] <= value <= _INT64[1]
    if t in (str, float, bool):
        return True
    if t is list and value:
        first = type(value[0])
        return first in (str, int, float, bool) and all(type(x) is first for x in value) and \
            (first is not int or all(_INT64[0] <= x <= _INT64[1] for x in value))
    return False


def _split(props: dict, fields: frozenset) -> dict:
    out, rest = {}, {}
    for k, v in props.items():
        if k in fields or k.startswith("_") or k.startswith("ev_") or not _native(v):
            rest[k] = v
        else:
            out[k] = v
    if rest:
        out["_props"] = DUMPS(rest)
    return out


def entity_props(props: dict) -> dict:
    """The Neo4j properties holding an entity's ``props`` (beside id, label, name, aliases)."""
    return _split(props, ENTITY_FIELDS)


def relation_props(props: dict) -> dict:
    """The Neo4j properties holding a relation's ``props`` (beside weight and the evidence lists)."""
    return _split(props, RELATION_FIELDS)


def props_of(stored: dict | None, fields: frozenset = ENTITY_FIELDS) -> dict:
    """The properties of an entity or relation from its Neo4j property map (``properties(n)``),
    sorted by name: everything but the store's own fields and bookkeeping, plus ``_props``."""
    if not stored:
        return {}
    out = {k: v for k, v in stored.items()
           if v is not None and k not in fields and not k.startswith("_") and not k.startswith("ev_")}
    extra = stored.get("_props")
    if extra:
        out.update(json.loads(extra))
    return dict(sorted(out.items()))


def evidence_lists(evidence: Iterable[Evidence]) -> dict:
    """The parallel evidence lists of a relationship (one pass)."""
    docs, sentences, starts, ends, extractors, confidences, dates = [], [], [], [], [], [], []
    for e in evidence:
        start = -1 if e.start is None else e.start
        end = -1 if e.end is None else e.end
        docs.append(e.document)
        sentences.append(e.sentence or "")
        starts.append(int(start))
        ends.append(int(end))
        extractors.append(e.extractor or "")
        confidences.append(float(e.confidence))
        dates.append(e.date or "")
    return {"ev_docs": docs, "ev_sentences": sentences, "ev_starts": starts, "ev_ends": ends,
            "ev_extractors": extractors, "ev_confidences": confidences, "ev_dates": dates}


def evidence_of(stored: dict) -> list[Evidence]:
    """The evidence items of a relationship from its property map."""
    docs = stored.get("ev_docs") or []
    lists = [stored.get(name) or [] for name in EVIDENCE_LISTS[1:]]
    out = []
    for i, doc in enumerate(docs):
        sentence, start, end, extractor, conf, date = (x[i] if i < len(x) else None for x in lists)
        out.append(Evidence(doc, sentence or "", None if start is None or start < 0 else start,
                            None if end is None or end < 0 else end, extractor or "",
                            1.0 if conf is None else conf, date or ""))
    return out

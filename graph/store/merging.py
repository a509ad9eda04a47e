"""Merging what the write path merges: enum checks, node and edge properties, evidence, the
properties a document stated (recomputed when it is retracted), and clusters a reviewer kept apart.

>>> merge_props({"titles": ["mayor"], "level": "city"}, {"titles": ["secretary"], "level": "district"})
{'titles': ['mayor', 'secretary'], 'level': 'district'}
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from graph.errors import BadInput
from graph.model import Evidence, Relation
from graph.schema import ontology


def check_enums(label: str, props: dict, where: str) -> None:
    """Raise BadInput naming the entity and the property when a property with declared values
    (``enums`` of graph/ontology.toml, e.g. City level) holds another value (or list item).

    >>> check_enums("City", {"level": "city"}, "x")
    >>> check_enums("City", {"level": "planet"}, "entities[0] 'Jiaxing'")
    Traceback (most recent call last):
    ...
    graph.errors.BadInput: entities[0] 'Jiaxing': property 'level' of a City must be one of city, district, zone, county; got 'planet'
    """
    for prop, allowed in ontology().labels[label].enums.items():
        if prop not in props or props[prop] is None:
            continue
        value = props[prop]
        for x in value if isinstance(value, list) else [value]:
            if x not in allowed:
                raise BadInput(f"property {prop!r} of a {label} must be one of {', '.join(allowed)}; got {x!r}",
                               where=where)

def merge_props(old: dict, new: dict) -> dict:
    """Merge node or edge properties: lists are unioned in order, scalars are overwritten."""
    out = dict(old)
    for k, v in new.items():
        if isinstance(v, list) and isinstance(out.get(k), list):
            out[k] = out[k] + [x for x in v if x not in out[k]]
        else:
            out[k] = v
    return out


def _recomputed(current: dict, gone: dict, kind: str, ref: str, others) -> dict:
    """``current`` properties without the keys a retracted document stated (``gone``), except as the
    remaining documents (``others``, by id) state them.

    >>> from graph.model import Document
    >>> d = Document("document:b", "registration", stated={"r": {"k": {"date": "2020", "topic": "ai"}}})
    >>> _recomputed({"date": "2021", "topic": "ai", "ref": "x"}, {"date": "2021"}, "r", "k", [d])
    {'topic': 'ai', 'ref': 'x', 'date': '2020'}
    """
    out = {k: v for k, v in current.items() if k not in gone}
    again: dict = {}
    for d in sorted((d for d in others if d is not None), key=lambda d: d.id):
        stated = d.stated.get(kind, {}).get(ref) or {}
        again = merge_props(again, {k: v for k, v in stated.items() if k in gone})
    return {**out, **again}


MAX_STATING = 1_000_000  # documents read when a merge re-points what they stated


def _states(stated: dict, node_id: str) -> bool:
    """Does a document's ``stated`` map name ``node_id`` (as an entity or a relation's end)?

    >>> _states({"r": {'["a", "COOPERATES_WITH", "b"]': {"date": "2020"}}}, "b"), _states({"e": {"a": {}}}, "b")
    (True, False)
    """
    if node_id in (stated or {}).get("e", {}):
        return True
    return any(node_id in (s, o) for s, _, o in map(json.loads, (stated or {}).get("r", {})))


def _remap_stated(stated: dict, target) -> dict:
    """``stated`` with the ids the batch's entities resolved to (and relation keys canonical again)."""
    if not stated:
        return {}
    out = {}
    for kj, p in stated.get("r", {}).items():
        s, t, o = json.loads(kj)
        key = Relation(target(s), t, target(o), {}, []).canonical().key
        out.setdefault("r", {})[json.dumps(list(key), ensure_ascii=False)] = p
    for i, p in stated.get("e", {}).items():
        out.setdefault("e", {})[target(i)] = p
    return out


def merge_evidence(old: list[Evidence], new: Iterable[Evidence]) -> list[Evidence]:
    """Add evidence not already present (same document, span and sentence)."""
    seen = {e.key for e in old}
    out = list(old)
    for e in new:
        if e.key not in seen:
            seen.add(e.key)
            out.append(e)
    return out


def _apart(stored: list[str], diff: set) -> list[list[str]]:
    """Split sorted stored ids into clusters no two members of which a reviewer called different."""
    clusters: list[list[str]] = []
    for s in stored:
        home = next((c for c in clusters if all(frozenset((s, m)) not in diff for m in c)), None)
        if home is None:
            clusters.append([s])
        else:
            home.append(s)
    return clusters


def check_relation_row(onto, r, where: str, src: str, tgt: str, labels: dict) -> None:
    """Raise BadInput for a batch's relation ``r`` (its ends resolved to ``src`` and ``tgt``, the
    labels of the batch and of the stored ends in ``labels``) that the store refuses: the first
    reason, in the order the write path checks them."""
    onto.check_relation_type(r.type, where)
    for end in (src, tgt):
        if end not in labels:
            raise BadInput(f"endpoint {end!r} is neither in the batch nor in the store", where=where)
    if r.type == "MENTIONS":
        raise BadInput("MENTIONS is written through documents[].mentions", where=where)
    onto.check_relation(labels[src], r.type, labels[tgt], where)
    if src == tgt:
        raise BadInput("a relation may not join an entity to itself", where=where)
    if not r.evidence:
        raise BadInput("a relation needs evidence", where=where)

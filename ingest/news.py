"""One extracted article (the ``extract --json`` shape of CONTRACT.md) as a Batch for the store."""
from __future__ import annotations

from graph.errors import BadInput
from graph.model import Batch, Document, Entity, Evidence, Relation, stated_by
from graph.schema import ontology
from graph.window import date_of

MEMO_MAX = 1 << 18  # entities kept by a run's memo (then it starts again)


def _memo_key(d) -> tuple | None:
    """An entity record as a key, when it has the plain shape whose entity can be copied safely
    (string values, lists for its names, a properties object of strings); else None. Names that
    are not strings are dropped by Entity.from_dict: they need not be told apart."""
    if type(d) is not dict:
        return None
    out = []
    for k, v in d.items():
        t = type(v)
        if t is str:
            out.append((k, v))
        elif t is list and (k == "mentions" or k == "aliases"):
            out.append((k, tuple(v)))
        elif t is dict and k == "properties":
            for x in v.values():
                if type(x) is not str:
                    return None
            out.append((k, "{}", tuple(v.items())))
        else:
            return None
    return tuple(out)


def _entity(d, i: int, memo: dict | None) -> Entity:
    """Entity.from_dict of the i-th entity record; with ``memo`` (one ingest run's), a record met
    before gives a copy of the entity it gave then (refusals are not kept: they raise again)."""
    key = _memo_key(d) if memo is not None else None
    try:
        hit = memo.get(key) if key is not None else None
    except TypeError:  # a name list holding lists or objects
        key = hit = None
    if key is None:
        return Entity.from_dict(d, f"entities[{i}]")
    if hit is None:
        hit = Entity.from_dict(d, f"entities[{i}]")
        if len(memo) >= MEMO_MAX:
            memo.clear()
        memo[key] = hit
    return Entity(hit.id, hit.label, hit.name, set(hit.aliases), dict(hit.properties))


def news_batch(result: dict, doc_id: str, sha256: str, memo: dict | None = None) -> Batch:
    """The batch of one extracted article (CONTRACT.md extract shape): entities, relations with their
    evidence in ``doc_id``, and the Document mentioning every entity. Items that break the ontology are
    dropped; raises BadInput only if the result is not an extraction at all. ``memo``: a dict one
    ingest run keeps, so that an entity record met again is not cleaned and validated again."""
    if not isinstance(result, dict) or not isinstance(result.get("entities", []), list):
        raise BadInput("the extractor returned no entities list")
    ents: dict[str, Entity] = {}
    alias_of: dict[str, str] = {}
    for i, d in enumerate(result.get("entities") or []):
        try:
            e = _entity(d, i, memo)
        except BadInput:
            continue
        if e.label == "Document":
            continue
        if e.id in ents:
            ents[e.id].aliases |= e.aliases
        else:
            ents[e.id] = e
        alias_of[str(d.get("id") or e.id)] = e.id
    onto, rels = ontology(), []
    for r in result.get("relations") or []:
        if not isinstance(r, dict):
            continue
        src, tgt = alias_of.get(str(r.get("source_id"))), alias_of.get(str(r.get("target_id")))
        typ = r.get("type")
        if not src or not tgt or src == tgt or typ == "MENTIONS" or not onto.allows(ents[src].label, typ, ents[tgt].label):
            continue
        conf = r.get("confidence", 1.0)
        if not r.get("properties") and type(conf) in (float, int) and 0.0 <= conf <= 1.0:
            # what Relation.from_dict makes of the plain case, without the round trip through a dict
            rels.append(Relation(src, typ, tgt, {}, [Evidence(doc_id, str(r.get("evidence") or ""), r.get("start"),
                                                              r.get("end"), str(r.get("extractor") or "extract"),
                                                              float(conf), "")]).canonical())
            continue
        ev = {"document": doc_id, "sentence": r.get("evidence") or "", "start": r.get("start"), "end": r.get("end"),
              "extractor": r.get("extractor") or "extract", "confidence": r.get("confidence", 1.0)}
        try:
            rels.append(Relation.from_dict({"source_id": src, "target_id": tgt, "type": typ,
                                            "properties": r.get("properties") or {}, "evidence": [ev]}))
        except BadInput:
            continue
    # the article's date (``published``, read from the page by extraction, "YYYY-MM-DD" or null)
    doc = Document(doc_id, "news", title=str(result.get("title") or ""), published=date_of(result.get("published")),
                   sha256=sha256, mentions=set(ents))
    stated_by([doc], ents.values(), rels)
    return Batch(list(ents.values()), rels, [doc])

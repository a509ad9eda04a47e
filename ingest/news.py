"""One extracted article (the ``extract --json`` shape of CONTRACT.md) as a Batch for the store."""
from __future__ import annotations

from graph.errors import BadInput
from graph.model import Batch, Document, Entity, Relation, stated_by
from graph.schema import ontology
from graph.window import date_of


def news_batch(result: dict, doc_id: str, sha256: str) -> Batch:
    """The batch of one extracted article (CONTRACT.md extract shape): entities, relations with their
    evidence in ``doc_id``, and the Document mentioning every entity. Items that break the ontology are
    dropped; raises BadInput only if the result is not an extraction at all."""
    if not isinstance(result, dict) or not isinstance(result.get("entities", []), list):
        raise BadInput("the extractor returned no entities list")
    ents: dict[str, Entity] = {}
    alias_of: dict[str, str] = {}
    for i, d in enumerate(result.get("entities") or []):
        try:
            e = Entity.from_dict(d, f"entities[{i}]")
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

"""Model types built on the ontology: entities, relations, evidence, documents, paths.

Everything is a plain dataclass that turns into JSON-serialisable dicts (``to_dict``) and back
(``from_dict``), so that extraction output can cross process boundaries unchanged.

>>> e = Entity.new("City", "Jiaxing City", aliases=["嘉兴"])
>>> e.id, e.name, sorted(e.aliases)
('city:jiaxing', 'Jiaxing City', ['Jiaxing City', '嘉兴'])
>>> r = Relation.new(e, "LOCATED_IN", Entity.new("Region", "Zhejiang"),
...                  evidence=[Evidence("document:a", "Jiaxing is in Zhejiang.")])
>>> r.key
('city:jiaxing', 'LOCATED_IN', 'region:zhejiang')
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.errors import BadInput
from graph.ids import clean_name, confusable, document_id, id_label, make_id
from graph.schema import ontology
from graph.window import parse_date

JsonDict = dict[str, Any]


def _clean_props(props: dict | None, where: str) -> dict:
    """Drop empty values; refuse values that are not JSON scalars or lists of scalars."""
    out = {}
    for k, v in (props or {}).items():
        if not isinstance(k, str) or not k:
            raise BadInput(f"property name {k!r} is not a non-empty string", where=where)
        if v is None or v == "" or v == []:
            continue
        if isinstance(v, (list, tuple)):
            if not all(isinstance(x, (str, int, float, bool)) for x in v):
                raise BadInput(f"property {k!r} must be a list of scalars", where=where)
            v = list(v)
        elif not isinstance(v, (str, int, float, bool)):
            raise BadInput(f"property {k!r} has unsupported type {type(v).__name__}", where=where)
        out[k] = v
    return out


@dataclass
class Evidence:
    """Why we believe a relation: one sentence (or record) of one document."""

    document: str
    sentence: str = ""
    start: int | None = None
    end: int | None = None
    extractor: str = ""
    confidence: float = 1.0
    date: str = ""  # the date of its document (ONTOLOGY.md "Time"); "" when the document has none

    @property
    def key(self) -> tuple:
        return (self.document, self.start, self.end, self.sentence)

    def to_dict(self) -> JsonDict:
        return {"document": self.document, "sentence": self.sentence, "start": self.start,
                "end": self.end, "extractor": self.extractor, "confidence": self.confidence,
                "date": self.date or None}

    @classmethod
    def from_dict(cls, d: JsonDict, where: str = "evidence") -> Evidence:
        if not isinstance(d, dict) or not d.get("document"):
            raise BadInput("evidence needs a document id", where=where)
        try:
            conf = float(d.get("confidence", 1.0))
        except (TypeError, ValueError):
            raise BadInput(f"confidence {d.get('confidence')!r} is not a number", where=where) from None
        if not 0.0 <= conf <= 1.0:
            raise BadInput(f"confidence {conf} is outside 0..1", where=where)
        return cls(str(d["document"]), str(d.get("sentence") or ""), d.get("start"), d.get("end"),
                   str(d.get("extractor") or ""), conf, parse_date(d.get("date"), f"{where}.date") or "")


@dataclass
class Entity:
    """A node: ``id``, ``label``, canonical ``name``, every surface form in ``aliases``."""

    id: str
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    properties: JsonDict = field(default_factory=dict)

    @classmethod
    def new(cls, label: str, name: str, aliases=(), properties=None, id: str | None = None) -> Entity:
        ent = cls(id or "", label, clean_name(name), {clean_name(a) for a in aliases if clean_name(a)},
                  dict(properties or {}))
        ent.validate()
        return ent

    def validate(self, where: str | None = None) -> Entity:
        """Check against the ontology and fill derived fields; raises BadInput naming the item."""
        where = where or f"entity {self.name!r}"
        ontology().check_label(self.label, where)
        self.name = clean_name(self.name) if isinstance(self.name, str) else ""
        if not self.name:
            raise BadInput("empty name", where=where)
        if not self.id:
            self.id = make_id(self.label, self.name)
        elif id_label(self.id) != self.label.lower():
            raise BadInput(f"id {self.id!r} does not start with {self.label.lower()}:", where=where)
        self.aliases = {clean_name(a) for a in self.aliases if isinstance(a, str) and clean_name(a)}
        self.aliases.add(self.name)
        self.properties = _clean_props(self.properties, where)
        return self

    def to_dict(self) -> JsonDict:
        return {"id": self.id, "name": self.name, "type": self.label,
                "aliases": sorted(self.aliases), **self.properties}

    @classmethod
    def from_dict(cls, d: JsonDict, where: str = "entity") -> Entity:
        if not isinstance(d, dict):
            raise BadInput("an entity must be an object", where=where)
        label = d.get("type") or d.get("label")
        if not isinstance(label, str):
            raise BadInput("entity has no type", where=where)
        props = {k: v for k, v in d.items() if k not in {"id", "name", "type", "label", "aliases", "mentions", "properties"}}
        props.update(d.get("properties") or {})
        aliases = list(d.get("aliases") or []) + list(d.get("mentions") or [])
        name = d.get("name")
        ent = cls(d.get("id") or "", label, name if isinstance(name, str) else "", set(), props)
        ent.aliases = {a for a in aliases if isinstance(a, str)}
        return ent.validate(f"{where} {name!r}")

    def brief(self) -> JsonDict:
        """Id, name and type; ``confusable: true`` too when the name mixes look-alike alphabets."""
        out = {"id": self.id, "name": self.name, "type": self.label}
        if confusable(self.name) or any(confusable(a) for a in self.aliases):
            out["confusable"] = True
        return out


@dataclass
class Relation:
    """A typed edge with the evidence behind it. COOPERATES_WITH is stored in canonical order."""

    source: str
    type: str
    target: str
    properties: JsonDict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @classmethod
    def new(cls, source: Entity, rel_type: str, target: Entity, properties=None, evidence=()) -> Relation:
        ontology().check_relation(source.label, rel_type, target.label, f"relation {source.name} {rel_type} {target.name}")
        rel = cls(source.id, rel_type, target.id, dict(properties or {}), list(evidence))
        return rel.canonical()

    def canonical(self) -> Relation:
        if ontology().relations[self.type].symmetric and self.target < self.source:
            self.source, self.target = self.target, self.source
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)

    @property
    def weight(self) -> int:
        """How many independent documents back this relation."""
        return len({e.document for e in self.evidence})

    def to_dict(self) -> JsonDict:
        return {"source": self.source, "target": self.target, "type": self.type,
                "properties": dict(self.properties), "weight": self.weight,
                "valid_from": self.properties.get("valid_from"), "valid_to": self.properties.get("valid_to"),
                "evidence": [e.to_dict() for e in self.evidence]}

    def evidence_page(self, offset: int = 0, limit: int = 20) -> JsonDict:
        """Some of the evidence, for an answer: ``limit`` items from ``offset`` (document, sentence,
        confidence) and how many there are in all, so that a relation with 50,000 items never makes
        an answer of megabytes.

        >>> r = Relation("a:1", "X", "b:2", {}, [Evidence(f"document:{i}", "s") for i in range(30)])
        >>> page = r.evidence_page(limit=2); len(page["evidence"]), page["evidence_total"]
        (2, 30)
        """
        items = self.evidence[offset:offset + limit]
        return {"evidence": [{"document": e.document, "sentence": e.sentence, "confidence": e.confidence,
                              "date": e.date or None,
                              **({"start": e.start, "end": e.end} if e.start is not None else {})} for e in items],
                "evidence_total": len(self.evidence)}

    @classmethod
    def from_dict(cls, d: JsonDict, where: str = "relation") -> Relation:
        if not isinstance(d, dict):
            raise BadInput("a relation must be an object", where=where)
        src = d.get("source_id") or d.get("source")
        tgt = d.get("target_id") or d.get("target")
        typ = d.get("type")
        if not (isinstance(src, str) and isinstance(tgt, str) and isinstance(typ, str)):
            raise BadInput("a relation needs source, type and target", where=where)
        ontology().check_relation_type(typ, where)
        ev = [Evidence.from_dict(e, f"{where}.evidence[{i}]") for i, e in enumerate(d.get("evidence") or [])]
        props = _clean_props(d.get("properties"), where)
        for end in ("valid_from", "valid_to"):  # top level (answers, exports) or among the properties
            value = parse_date(d.get(end) or props.get(end), f"{where}.{end}")
            if value:
                props[end] = value
        return cls(src, typ, tgt, props, ev).canonical()


@dataclass
class Document:
    """A source: one news article or one registration record."""

    id: str
    kind: str
    title: str = ""
    url: str = ""
    published: str = ""
    sha256: str = ""
    mentions: set[str] = field(default_factory=set)
    # the properties this document gave: {"r": {json [source, type, target]: props}, "e": {id: props}};
    # kept by the stores (not exported) so that retracting it removes what only it stated
    stated: dict = field(default_factory=dict, compare=False)

    @classmethod
    def new(cls, name: str, kind: str, **kw) -> Document:
        if kind not in ("news", "registration"):
            raise BadInput(f"document kind {kind!r} must be news or registration", where=name)
        return cls(document_id(name), kind, **kw)

    def to_dict(self) -> JsonDict:
        return {"id": self.id, "name": self.title or self.id, "type": "Document", "kind": self.kind,
                "title": self.title, "url": self.url, "published": self.published, "sha256": self.sha256,
                "mentions": sorted(self.mentions)}

    @classmethod
    def from_dict(cls, d: JsonDict, where: str = "document") -> Document:
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or id_label(d["id"]) != "document":
            raise BadInput("a document needs an id starting with document:", where=where)
        kind = d.get("kind") or "news"
        if kind not in ("news", "registration"):
            raise BadInput(f"document kind {kind!r} must be news or registration", where=where)
        return cls(d["id"], kind, str(d.get("title") or ""), str(d.get("url") or ""),
                   str(d.get("published") or ""), str(d.get("sha256") or ""),
                   {m for m in d.get("mentions") or [] if isinstance(m, str)})


@dataclass
class Batch:
    """One unit of writing: entities, relations among them (by id), and optional documents."""

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def to_dict(self) -> JsonDict:
        return {"entities": [e.to_dict() for e in self.entities],
                "relations": [r.to_dict() for r in self.relations],
                "documents": [d.to_dict() for d in self.documents]}

    @classmethod
    def from_dict(cls, d: JsonDict) -> Batch:
        if not isinstance(d, dict):
            raise BadInput("a batch must be an object with entities, relations and documents")
        return cls([Entity.from_dict(e, f"entities[{i}]") for i, e in enumerate(d.get("entities") or [])],
                   [Relation.from_dict(r, f"relations[{i}]") for i, r in enumerate(d.get("relations") or [])],
                   [Document.from_dict(x, f"documents[{i}]") for i, x in enumerate(d.get("documents") or [])])


def stated_by(documents: list[Document], entities: Iterable[Entity], relations: Iterable[Relation]) -> None:
    """Fill each document's ``stated``: the properties of the relations it gives evidence to and of the
    entities it mentions (only those with properties)."""
    by_doc: dict[str, dict] = {}
    for r in relations:
        if r.properties:
            for doc in {e.document for e in r.evidence}:
                by_doc.setdefault(doc, {}).setdefault("r", {})[json.dumps(list(r.key), ensure_ascii=False)] = r.properties
    with_props = {e.id: e.properties for e in entities if e.properties}
    for d in documents:
        st = by_doc.get(d.id, {})
        ents = {i: with_props[i] for i in sorted(d.mentions) if i in with_props}
        d.stated = {**st, "e": ents} if ents else st

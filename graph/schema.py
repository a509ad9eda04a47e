"""The ontology as data: labels and relation types with their allowed endpoints.

Declared once in ``graph/ontology.toml``, validated when loaded, and used by
extraction, both stores and the API.

>>> o = ontology()
>>> o.allows("Person", "HOLDS_POSITION", "Organisation")
True
>>> o.allows("Topic", "LOCATED_IN", "City")
False
>>> o.check_relation("Topic", "LOCATED_IN", "City")
Traceback (most recent call last):
...
graph.errors.SchemaError: LOCATED_IN may not go from Topic to City (allowed: Organisation, City, Event, Project -> City, Region; Region -> Region)
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import SchemaError

ONTOLOGY_FILE = Path(__file__).with_name("ontology.toml")


@dataclass(frozen=True)
class LabelDef:
    name: str
    description: str
    properties: tuple[str, ...]
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationDef:
    name: str
    description: str
    endpoints: tuple[tuple[frozenset[str], frozenset[str]], ...]
    properties: tuple[str, ...] = ()
    symmetric: bool = False
    provenance: bool = False

    def allows(self, source: str, target: str) -> bool:
        ok = any(source in s and target in t for s, t in self.endpoints)
        if not ok and self.symmetric:
            ok = any(target in s and source in t for s, t in self.endpoints)
        return ok

    def describe_endpoints(self) -> str:
        order = list(LABEL_ORDER)
        def names(group):
            return ", ".join(sorted(group, key=lambda x: order.index(x) if x in order else 99))
        return "; ".join(f"{names(s)} -> {names(t)}" for s, t in self.endpoints)


# Display order of labels (the order of ONTOLOGY.md), used for stable output.
LABEL_ORDER = ("Organisation", "City", "Event", "Project", "Region", "Person", "Topic", "Document")


class Ontology:
    """Validated view of the ontology file."""

    def __init__(self, labels: dict[str, LabelDef], relations: dict[str, RelationDef]):
        self.labels = labels
        self.relations = relations

    # -- queries ---------------------------------------------------------------------------
    @property
    def entity_labels(self) -> tuple[str, ...]:
        """Labels of graph entities (every label but Document)."""
        return tuple(label for label in self.labels if label != "Document")

    @property
    def path_relation_types(self) -> tuple[str, ...]:
        """Relation types walked by path and neighbour queries (MENTIONS is provenance only)."""
        return tuple(r for r, d in self.relations.items() if not d.provenance)

    def allows(self, source_label: str, rel_type: str, target_label: str) -> bool:
        rel = self.relations.get(rel_type)
        return bool(rel) and rel.allows(source_label, target_label)

    def is_symmetric(self, rel_type: str) -> bool:
        return self.relations[rel_type].symmetric

    # -- checks that raise SchemaError ------------------------------------------------------
    def check_label(self, label: str, where: str | None = None) -> str:
        if label not in self.labels:
            raise SchemaError(f"unknown label {label!r} (known: {', '.join(self.labels)})", where=where)
        return label

    def check_entity_label(self, label: str, where: str | None = None) -> str:
        self.check_label(label, where)
        if label == "Document":
            raise SchemaError("Document is not an entity label", where=where)
        return label

    def check_relation_type(self, rel_type: str, where: str | None = None) -> str:
        if rel_type not in self.relations:
            raise SchemaError(
                f"unknown relation type {rel_type!r} (known: {', '.join(self.relations)})", where=where
            )
        return rel_type

    def check_relation(self, source_label: str, rel_type: str, target_label: str, where: str | None = None):
        self.check_relation_type(rel_type, where)
        rel = self.relations[rel_type]
        if not rel.allows(source_label, target_label):
            raise SchemaError(
                f"{rel_type} may not go from {source_label} to {target_label} "
                f"(allowed: {rel.describe_endpoints()})",
                where=where,
            )

    def check_types(self, values, kind: str, where: str | None = None) -> tuple[str, ...]:
        """Validate a filter list of labels (kind='label') or relation types (kind='relation')."""
        check = self.check_label if kind == "label" else self.check_relation_type
        return tuple(check(v, where) for v in values)


def _load(path: Path) -> Ontology:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - packaging error
        raise SchemaError(f"cannot read ontology: {exc}", where=str(path)) from exc
    labels: dict[str, LabelDef] = {}
    for name, spec in raw.get("labels", {}).items():
        if not name.isidentifier() or not name[0].isupper():
            raise SchemaError(f"label {name!r} must be a capitalised identifier", where=str(path))
        enums = {k: tuple(v) for k, v in spec.get("enums", {}).items()}
        props = tuple(spec.get("properties", []))
        for k in enums:
            if k not in props:
                raise SchemaError(f"label {name}: enum for undeclared property {k!r}", where=str(path))
        labels[name] = LabelDef(name, spec.get("description", ""), props, enums)
    if "Document" not in labels:
        raise SchemaError("the ontology must declare the Document label", where=str(path))
    relations: dict[str, RelationDef] = {}
    for name, spec in raw.get("relations", {}).items():
        if not name.replace("_", "").isalpha() or name.upper() != name:
            raise SchemaError(f"relation type {name!r} must be UPPER_SNAKE_CASE", where=str(path))
        endpoints = []
        for pair in spec.get("endpoints", []):
            src, tgt = pair
            for label in (*src, *tgt):
                if label not in labels:
                    raise SchemaError(f"relation {name}: unknown endpoint label {label!r}", where=str(path))
            endpoints.append((frozenset(src), frozenset(tgt)))
        if not endpoints:
            raise SchemaError(f"relation {name}: no endpoints declared", where=str(path))
        relations[name] = RelationDef(
            name,
            spec.get("description", ""),
            tuple(endpoints),
            tuple(spec.get("properties", [])),
            bool(spec.get("symmetric", False)),
            bool(spec.get("provenance", False)),
        )
    return Ontology(labels, relations)


@functools.cache
def ontology(path: str | None = None) -> Ontology:
    """The validated ontology (cached; pass a path only to load another file in tests)."""
    return _load(Path(path) if path else ONTOLOGY_FILE)

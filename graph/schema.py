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

The file also holds how the web page presents the types (served by ``GET /api/v1/ontology``): a
style per label and a readable phrase per relation type, checked when the file is loaded.

>>> o.labels["City"].style
LabelStyle(color='#2563eb', shape='round-diamond', glyph='◆')
>>> o.relations["HOLDS_POSITION"].phrase
'holds position at'
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import SchemaError

ONTOLOGY_FILE = Path(__file__).with_name("ontology.toml")

# Node shapes a label may be drawn with: cytoscape's shapes that the page also draws in its SVG
# export (api/static/js/graph.js); any other would be exported as an ellipse.
NODE_SHAPES = ("ellipse", "triangle", "round-triangle", "rectangle", "round-rectangle", "diamond", "round-diamond",
               "hexagon", "round-hexagon", "tag", "round-tag", "star")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_LABEL_KEYS = ("description", "properties", "enums", "style")
_RELATION_KEYS = ("description", "phrase", "properties", "endpoints", "symmetric", "provenance")
_STYLE_KEYS = ("color", "shape", "glyph")


@dataclass(frozen=True)
class LabelStyle:
    """How the web page draws a label: a colour, a node shape and a glyph shown beside its name."""

    color: str  # "#rrggbb", lower case
    shape: str  # one of NODE_SHAPES
    glyph: str  # one visible character


@dataclass(frozen=True)
class LabelDef:
    name: str
    description: str
    properties: tuple[str, ...]
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    style: LabelStyle = field(kw_only=True)


@dataclass(frozen=True)
class RelationDef:
    name: str
    description: str
    endpoints: tuple[tuple[frozenset[str], frozenset[str]], ...]
    properties: tuple[str, ...] = ()
    symmetric: bool = False
    provenance: bool = False
    phrase: str = field(kw_only=True)  # the readable verb phrase ("located in")

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

    def __init__(self, labels: dict[str, LabelDef], relations: dict[str, RelationDef], version: int = 1):
        self.labels = labels
        self.relations = relations
        self.version = version
        self._allows: dict[tuple[str, str, str], bool] = {}  # allows(), asked once per triple

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
        key = (source_label, rel_type, target_label)
        ok = self._allows.get(key)
        if ok is None:
            rel = self.relations.get(rel_type)
            ok = self._allows[key] = bool(rel) and rel.allows(source_label, target_label)
        return ok

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


def _check_keys(spec, allowed: tuple[str, ...], what: str, where: str) -> dict:
    if not isinstance(spec, dict):
        raise SchemaError(f"{what} must be a table, got {spec!r}", where=where)
    unknown = [k for k in spec if k not in allowed]
    if unknown:
        raise SchemaError(f"{what}: unknown key {unknown[0]!r} (allowed: {', '.join(allowed)})", where=where)
    return spec


def _text(value, what: str, where: str) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"{what} must be a string, got {value!r}", where=where)
    return value


def _style(spec, what: str, where: str) -> LabelStyle:
    """A label's style table: color, shape and glyph, each present and well formed."""
    if spec is None:
        raise SchemaError(f"{what}: no style declared (a table with color, shape and glyph)", where=where)
    _check_keys(spec, _STYLE_KEYS, f"{what} style", where)
    for key in _STYLE_KEYS:
        if key not in spec:
            raise SchemaError(f"{what}: style.{key} is missing", where=where)
    color = _text(spec["color"], f"{what}: style.color", where)
    if not _COLOR.fullmatch(color):
        raise SchemaError(f"{what}: style.color must be a colour like \"#2563eb\", got {color!r}", where=where)
    shape = _text(spec["shape"], f"{what}: style.shape", where)
    if shape not in NODE_SHAPES:
        raise SchemaError(f"{what}: style.shape must be one of {', '.join(NODE_SHAPES)}, got {shape!r}", where=where)
    glyph = _text(spec["glyph"], f"{what}: style.glyph", where)
    if len(glyph) != 1 or glyph.isspace() or not glyph.isprintable():
        raise SchemaError(f"{what}: style.glyph must be one visible character, got {glyph!r}", where=where)
    return LabelStyle(color.lower(), shape, glyph)


def _phrase(value, what: str, where: str) -> str:
    """A relation type's readable phrase: present, one line, no surrounding spaces."""
    if value is None:
        raise SchemaError(f"{what}: no phrase declared (the readable verb phrase, e.g. \"located in\")", where=where)
    _text(value, f"{what}: phrase", where)
    if not value.strip() or value != value.strip() or not value.isprintable():
        raise SchemaError(f"{what}: phrase must be one line of text without surrounding spaces, got {value!r}",
                          where=where)
    return value


def _load(path: Path) -> Ontology:
    where = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - packaging error
        raise SchemaError(f"cannot read ontology: {exc}", where=where) from exc
    labels: dict[str, LabelDef] = {}
    for name, spec in raw.get("labels", {}).items():
        if not name.isidentifier() or not name[0].isupper():
            raise SchemaError(f"label {name!r} must be a capitalised identifier", where=where)
        what = f"label {name}"
        _check_keys(spec, _LABEL_KEYS, what, where)
        enums = {k: tuple(v) for k, v in spec.get("enums", {}).items()}
        props = tuple(spec.get("properties", []))
        for k in enums:
            if k not in props:
                raise SchemaError(f"label {name}: enum for undeclared property {k!r}", where=where)
        labels[name] = LabelDef(name, _text(spec.get("description", ""), f"{what}: description", where), props, enums,
                                style=_style(spec.get("style"), what, where))
    if "Document" not in labels:
        raise SchemaError("the ontology must declare the Document label", where=where)
    relations: dict[str, RelationDef] = {}
    for name, spec in raw.get("relations", {}).items():
        if not name.replace("_", "").isalpha() or name.upper() != name:
            raise SchemaError(f"relation type {name!r} must be UPPER_SNAKE_CASE", where=where)
        what = f"relation {name}"
        _check_keys(spec, _RELATION_KEYS, what, where)
        endpoints = []
        for pair in spec.get("endpoints", []):
            src, tgt = pair
            for label in (*src, *tgt):
                if label not in labels:
                    raise SchemaError(f"relation {name}: unknown endpoint label {label!r}", where=where)
            endpoints.append((frozenset(src), frozenset(tgt)))
        if not endpoints:
            raise SchemaError(f"relation {name}: no endpoints declared", where=where)
        relations[name] = RelationDef(
            name,
            _text(spec.get("description", ""), f"{what}: description", where),
            tuple(endpoints),
            tuple(spec.get("properties", [])),
            bool(spec.get("symmetric", False)),
            bool(spec.get("provenance", False)),
            phrase=_phrase(spec.get("phrase"), what, where),
        )
    return Ontology(labels, relations, int(raw.get("version", 1)))


@functools.cache
def ontology(path: str | None = None) -> Ontology:
    """The validated ontology (cached; pass a path only to load another file in tests)."""
    return _load(Path(path) if path else ONTOLOGY_FILE)

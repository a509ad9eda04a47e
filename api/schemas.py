"""Request and response schemas of the HTTP API; the OpenAPI document is generated from them.

Query schemas validate every parameter and its limit (``k <= 10``, ``max_hops <= 6``,
``depth <= 3``, ``limit <= 500``) and check label and relation-type filters against the
ontology, so that a bad request is a 422 naming the parameter before any store is asked.

>>> PathsQuery().load({"from": "Jiaxing", "to": "city:guiyang", "k": "11"})
Traceback (most recent call last):
...
marshmallow.exceptions.ValidationError: {'k': ['must be between 1 and 10, got 11']}
>>> csv_list("City, Region,")
['City', 'Region']
"""
from __future__ import annotations

from apiflask import Schema, fields
from apiflask.validators import Length, OneOf, Range
from marshmallow import EXCLUDE, ValidationError

from graph.errors import BadInput
from graph.ids import normalise
from graph.schema import ontology
from graph.store import MAX_DEPTH, MAX_HOPS, MAX_K, MAX_LIMIT

RANGE_MSG = "must be between {min} and {max}, got {input}"
MAX_REF = 300  # longest entity reference (id or name) accepted


def csv_list(value: str | None) -> list[str]:
    """A comma-separated filter as a list, blanks dropped."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _check_query_text(value: str) -> None:
    if not normalise(value):
        raise ValidationError("has no letters or digits to search for")


def check_path_ref(value: str, where: str = "id") -> str:
    """A path parameter naming an entity or document: at most MAX_REF characters, not blank."""
    if not value.strip() or len(value) > MAX_REF:
        raise BadInput(f"must be 1 to {MAX_REF} characters, not blank", where=where)
    return value


def _check_labels(value: str) -> None:
    known = ontology().entity_labels
    for v in csv_list(value):
        if v not in known:
            raise ValidationError(f"unknown type {v!r} (known: {', '.join(known)})")


def _check_relation_types(value: str) -> None:
    onto = ontology()
    for v in csv_list(value):
        if v not in onto.relations:
            raise ValidationError(f"unknown relation type {v!r} (known: {', '.join(onto.path_relation_types)})")
        if onto.relations[v].provenance:
            raise ValidationError(f"{v} is provenance, not a path edge")


def _int(default: int, low: int, high: int, what: str) -> fields.Integer:
    return fields.Integer(load_default=default, validate=Range(low, high, error=RANGE_MSG),
                          metadata={"description": f"{what} ({low}-{high}, default {default})"})


def _ref(what: str, required: bool = True, **kw) -> fields.String:
    return fields.String(required=required, validate=Length(1, MAX_REF), **kw,
                         metadata={"description": f"{what}: a node id (e.g. city:jiaxing) or any name or alias"})


class _Query(Schema):
    class Meta:
        unknown = EXCLUDE  # tolerate cache-busting and tracking parameters


def _labels_field(what: str) -> fields.String:
    return fields.String(load_default="", validate=[Length(0, 500), _check_labels],
                         metadata={"description": f"{what}: comma-separated labels ({', '.join(ontology().entity_labels)})"})


def _types_field() -> fields.String:
    return fields.String(load_default="", validate=[Length(0, 500), _check_relation_types],
                         metadata={"description": "relation types to walk, comma-separated "
                                                  f"({', '.join(ontology().path_relation_types)}); default all"})


# ---- query parameters ------------------------------------------------------------------------
class SearchQuery(_Query):
    q = fields.String(validate=[Length(1, 200), _check_query_text], metadata={
        "description": "the name to look for: exact name, alias, prefix, then fuzzy; without q, entities are "
                       "listed by id"})
    type = _labels_field("only these types")
    limit = _int(20, 1, MAX_LIMIT, "results per page")
    offset = _int(0, 0, 100_000, "results to skip")


class NeighboursQuery(_Query):
    depth = _int(1, 1, MAX_DEPTH, "hops from the entity")
    types = _types_field()
    labels = _labels_field("only through and to these types")
    limit = _int(100, 1, MAX_LIMIT, "most neighbours returned")


class PathsQuery(_Query):
    from_ = _ref("start", True, data_key="from")  # "from" is a Python keyword
    to = _ref("end", True)
    k = _int(1, 1, MAX_K, "how many paths")
    max_hops = _int(4, 1, MAX_HOPS, "longest path")
    types = _types_field()
    weighted = fields.Boolean(load_default=False, metadata={
        "description": "prefer links backed by more documents (cost of an edge = 1 / documents)"})


class MatchExpertsQuery(_Query):
    enterprise = _ref("the enterprise")
    k = _int(10, 1, MAX_K, "how many experts")


class MatchEnterprisesQuery(_Query):
    expert = _ref("the expert")
    k = _int(10, 1, MAX_K, "how many enterprises")


class CooperationQuery(_Query):
    level = fields.String(load_default="city", validate=OneOf(["city", "region"]),
                          metadata={"description": "nodes are cities (default) or regions"})
    region = _ref("only places inside this Region", False)
    min_weight = fields.Float(load_default=0.0, validate=Range(0, 1_000_000, error=RANGE_MSG),
                              metadata={"description": "drop edges lighter than this"})
    limit = _int(MAX_LIMIT, 1, MAX_LIMIT, "most edges, heaviest first")


class PartnersQuery(_Query):
    limit = _int(50, 1, MAX_LIMIT, "most partners")


class ExportQuery(_Query):
    format = fields.String(load_default="json", validate=OneOf(["json", "graphml", "csv"]),
                           metadata={"description": "json (CONTRACT.md export shape), graphml or csv"})


class UploadForm(Schema):
    file = fields.File(required=True, metadata={
        "description": "a news article (.txt .html .htm .md) or a registrations file (.csv .json .jsonl)"})
    filename = fields.String(validate=Length(1, 255), metadata={
        "description": "the name to record (and whose extension picks the reader); default the upload's name"})


# ---- responses --------------------------------------------------------------------------------
class Brief(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True)


class SearchHit(Brief):
    match = fields.String(metadata={"description": "exact, alias, prefix or fuzzy"})
    matched = fields.String(metadata={"description": "the name or alias that matched"})
    score = fields.Float()


class SearchResult(Schema):
    q = fields.String(allow_none=True, required=True)
    type = fields.List(fields.String(), required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    results = fields.List(fields.Nested(SearchHit), required=True)


class DocumentBrief(Schema):
    id = fields.String(required=True)
    kind = fields.String(required=True)
    title = fields.String()
    url = fields.String()
    published = fields.String()


class EntityDetail(Brief):
    aliases = fields.List(fields.String(), required=True)
    properties = fields.Dict(required=True)
    degree = fields.Integer(required=True, metadata={"description": "relations touching it (MENTIONS excluded)"})
    documents = fields.List(fields.Nested(DocumentBrief), required=True,
                            metadata={"description": "documents that mention it (at most 100)"})


class NeighbourNode(Brief):
    depth = fields.Integer(required=True)


class LinkBrief(Schema):
    source = fields.String(required=True)
    target = fields.String(required=True)
    type = fields.String(required=True)
    weight = fields.Integer(required=True, metadata={"description": "documents backing the relation"})


class Neighbourhood(Schema):
    center = fields.Nested(Brief, required=True)
    nodes = fields.List(fields.Nested(NeighbourNode), required=True)
    edges = fields.List(fields.Nested(LinkBrief), required=True)


class EvidenceItem(Schema):
    document = fields.String(required=True)
    sentence = fields.String(required=True)
    confidence = fields.Float()


class PathEdge(LinkBrief):
    properties = fields.Dict()
    evidence = fields.List(fields.Nested(EvidenceItem), required=True)


class Path(Schema):
    hops = fields.Integer(required=True)
    cost = fields.Float()
    explains = fields.String(metadata={"description": "in a match: topic or proximity"})
    nodes = fields.List(fields.Nested(Brief), required=True)
    edges = fields.List(fields.Nested(PathEdge), required=True)


class PathAnswer(Schema):
    from_ = fields.Nested(Brief, required=True, data_key="from", attribute="from")
    to = fields.Nested(Brief, required=True)
    paths = fields.List(fields.Nested(Path), required=True)


class _Match(Schema):
    score = fields.Float(required=True)
    topic_fit = fields.Float()
    proximity = fields.Float()
    evidence = fields.Float()
    reasons = fields.List(fields.String(), required=True)
    paths = fields.List(fields.Nested(Path), required=True)


class ExpertMatch(_Match):
    expert = fields.Nested(Brief, required=True)


class EnterpriseMatch(_Match):
    enterprise = fields.Nested(Brief, required=True)


class ExpertMatches(Schema):
    enterprise = fields.Nested(Brief, required=True)
    topics = fields.List(fields.Nested(Brief))
    matches = fields.List(fields.Nested(ExpertMatch), required=True)


class EnterpriseMatches(Schema):
    expert = fields.Nested(Brief, required=True)
    topics = fields.List(fields.Nested(Brief))
    matches = fields.List(fields.Nested(EnterpriseMatch), required=True)


class CoopEvidence(Schema):
    kind = fields.String(required=True, metadata={"description": "cooperation, project, organisation or person"})
    via = fields.Nested(Brief, allow_none=True)
    weight = fields.Float(required=True)
    relations = fields.List(fields.List(fields.String()), metadata={"description": "[source, type, target]"})
    documents = fields.List(fields.String(), required=True)
    sentences = fields.List(fields.String(), required=True)


class CoopEdge(Schema):
    source = fields.String(required=True)
    target = fields.String(required=True)
    weight = fields.Float(required=True)
    kinds = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    evidence = fields.List(fields.Nested(CoopEvidence), required=True)


class CoopNode(Brief):
    weight = fields.Float(required=True)
    degree = fields.Integer(required=True)


class CoopNetwork(Schema):
    level = fields.String(required=True)
    region = fields.Nested(Brief, allow_none=True)
    min_weight = fields.Float(required=True)
    nodes = fields.List(fields.Nested(CoopNode), required=True)
    edges = fields.List(fields.Nested(CoopEdge), required=True)


class Partner(Schema):
    partner = fields.Nested(Brief, required=True)
    weight = fields.Float(required=True)
    kinds = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    evidence = fields.List(fields.Nested(CoopEvidence), required=True)


class Partners(Schema):
    place = fields.Nested(Brief, required=True)
    level = fields.String(required=True)
    partners = fields.List(fields.Nested(Partner), required=True)


class Stats(Schema):
    nodes = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    relations = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    documents = fields.Integer(required=True)


class Retracted(Schema):
    document = fields.String(required=True)
    evidence_removed = fields.Integer(required=True)
    relations_removed = fields.Integer(required=True)
    entities_removed = fields.Integer(required=True)


class DocumentDetail(DocumentBrief):
    sha256 = fields.String()
    mentions = fields.List(fields.String(), required=True)


class Health(Schema):
    status = fields.String(required=True)
    store = fields.String(required=True, metadata={"description": "the store backend (sqlite or neo4j)"})


# The problem shape of every error (documented on every operation by api.app).
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "where": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}

# The ingest summary (api.ingest decides its fields; these are the ones CONTRACT.md names).
INGEST_SUMMARY_SCHEMA = {
    "type": "object",
    "properties": {k: {"type": "integer"} for k in ("read", "ingested", "rejected", "unchanged")},
}

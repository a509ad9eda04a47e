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

import re

from apiflask import Schema, fields
from apiflask.validators import Length, OneOf, Range
from marshmallow import EXCLUDE, ValidationError

from extract.formats import ACCEPTED
from graph.errors import BadInput
from graph.limits import MAX_DEPTH, MAX_HOPS, MAX_K, MAX_LIMIT
from graph.schema import ontology
from graph.window import DATE_PATTERN, Window, parse_date

RANGE_MSG = "must be between {min} and {max}, got {input}"
MAX_REF = 300  # longest entity reference (id or name) accepted
# The patterns below are documented in the OpenAPI document *and* are what the server checks, so
# that the two cannot disagree. They use explicit character classes only (no \s, \w), which mean the
# same in Python, ECMA-262 and Rust regular expressions (the engines of servers, browsers and
# schemathesis). SPACE is exactly the set of characters str.strip() removes.


def _ranges(codes) -> str:
    """A character-class body for the code points ``codes`` (sorted), as \\uXXXX ranges."""
    out, codes = [], sorted(codes)
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(f"\\u{codes[i]:04x}" + (f"-\\u{codes[j]:04x}" if j > i else ""))
        i = j + 1
    return "".join(out)


SPACE = _ranges(c for c in range(0x10000) if chr(c).isspace())  # no space above the BMP
NOT_BLANK = f"[^{SPACE}]"
# Something to search for: a character that is neither a space nor ASCII punctuation or control.
SEARCHABLE = "[^" + SPACE + _ranges([*range(0x21), *range(0x21, 0x30), *range(0x3a, 0x41), *range(0x5b, 0x61),
                                     *range(0x7b, 0x80)]) + "]"


def csv_list(value: str | None) -> list[str]:
    """A comma-separated filter as a list, blanks dropped."""
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def list_pattern(names) -> str:
    r"""The pattern of a comma-separated list of ``names`` (blank items and spaces allowed).

    >>> bool(re.search(list_pattern(["City", "Region"]), " City, Region,")), bool(re.search(list_pattern(["City"]), "Town"))
    (True, False)
    """
    item = f"[{SPACE}]*(?:" + "|".join(re.escape(n) for n in names) + f")?[{SPACE}]*"
    return f"^{item}(?:,{item})*$"


def _matches(pattern: str, message: str):
    rx = re.compile(pattern)

    def check(value: str) -> None:
        if not rx.search(value):
            raise ValidationError(message)
    return check


def check_path_ref(value: str, where: str = "id") -> str:
    """A path parameter naming an entity or document: at most MAX_REF characters, not blank
    (RefPath in the document)."""
    if not re.search(NOT_BLANK, value) or len(value) > MAX_REF:
        raise BadInput(f"must be 1 to {MAX_REF} characters, not blank", where=where)
    return value


def _check_list(pattern: str, known, explain) -> callable:
    rx = re.compile(pattern)

    def check(value: str) -> None:
        if rx.search(value):
            return
        for v in csv_list(value):
            if v not in known:
                raise ValidationError(explain(v))
        raise ValidationError(f"must be a comma-separated list of {', '.join(known)}")
    return check


def _unknown_type(v: str) -> str:
    return f"unknown type {v!r} (known: {', '.join(ontology().entity_labels)})"


def _unknown_relation(v: str) -> str:
    onto = ontology()
    if v in onto.relations and onto.relations[v].provenance:
        return f"{v} is provenance, not a path edge"
    return f"unknown relation type {v!r} (known: {', '.join(onto.path_relation_types)})"


def _int(default: int, low: int, high: int, what: str) -> fields.Integer:
    return fields.Integer(load_default=default, validate=Range(low, high, error=RANGE_MSG),
                          metadata={"description": f"{what} ({low}-{high}, default {default})"})


def _ref(what: str, required: bool = True, **kw) -> fields.String:
    return fields.String(required=required, validate=[Length(1, MAX_REF), _matches(NOT_BLANK, "must not be blank")],
                         **kw, metadata={"pattern": NOT_BLANK, "description":
                                         f"{what}: a node id (e.g. city:jiaxing) or any name or alias"})


class _Query(Schema):
    class Meta:
        unknown = EXCLUDE  # tolerate cache-busting and tracking parameters


def _labels_field(what: str) -> fields.String:
    labels = ontology().entity_labels
    pattern = list_pattern(labels)
    return fields.String(load_default="", validate=[Length(0, 500), _check_list(pattern, labels, _unknown_type)],
                         metadata={"pattern": pattern,
                                   "description": f"{what}: comma-separated labels ({', '.join(labels)})"})


def _types_field() -> fields.String:
    types = ontology().path_relation_types
    pattern = list_pattern(types)
    return fields.String(load_default="", validate=[Length(0, 500), _check_list(pattern, types, _unknown_relation)],
                         metadata={"pattern": pattern, "description": "relation types to walk, comma-separated "
                                                                      f"({', '.join(types)}); default all"})


def _date_field(what: str, required: bool = False) -> fields.String:
    def check(value):
        try:
            parse_date(value, "")
        except BadInput as exc:
            raise ValidationError(exc.message) from None
    extra = {"required": True} if required else {"load_default": None}
    return fields.String(**extra, validate=[Length(0 if not required else 4, 10), check], metadata={
        "pattern": f"^(?:{DATE_PATTERN})?$", "description": f"{what}: YYYY, YYYY-MM or YYYY-MM-DD"})


def window_query(required: tuple[str, ...] = (), **described: str) -> type[Schema]:
    """A query schema (unknown parameters ignored) with the time-window parameters of CONTRACT.md
    "Time" named in ``described`` (``as_of``, ``since``, ``until``: what each selects), those in
    ``required`` required; ``window_of`` reads them. One mixin for every windowed route.

    >>> sorted(window_query(("since",), since="from", until="to")().fields)
    ['since', 'until']
    """
    unknown = set(described) - {"as_of", "since", "until"}
    if unknown:
        raise ValueError(f"not a window parameter: {sorted(unknown)}")
    return type("WindowQuery", (_Query,), {name: _date_field(what, required=name in required)
                                           for name, what in described.items()})


# The window of the graph's views (neighbours, relations, paths, match, cooperation, export).
_WindowQuery = window_query(as_of="only relations active at this date",
                            since="only relations with evidence dated on or after this date",
                            until="only relations with evidence dated on or before this date")


def window_of(q: dict):
    """The graph.window.Window of a query's as_of / since / until (None when none is given)."""
    return Window.of(q.get("as_of"), q.get("since"), q.get("until"))


# ---- path parameters -------------------------------------------------------------------------
class RefPath(Schema):
    """The ``{id}`` of a path, as documented: routes declare it with ``@bp.input(RefPath,
    location="path", validation=False)`` and check it with ``check_path_ref`` (whose 422 names ``id``)."""

    id = fields.String(required=True, validate=Length(1, MAX_REF), metadata={
        "pattern": NOT_BLANK, "description": "a node id (e.g. city:jiaxing, percent-encoded) or any name or alias"})


# ---- query parameters ------------------------------------------------------------------------
class SearchQuery(_Query):
    q = fields.String(validate=[Length(1, 200), _matches(SEARCHABLE, "has no letters or digits to search for")],
                      metadata={"pattern": SEARCHABLE, "description": "the name to look for (with at least one "
                                "letter or digit): exact name, alias, prefix, then fuzzy; without q, entities are "
                                "listed by id"})
    type = _labels_field("only these types")
    limit = _int(20, 1, MAX_LIMIT, "results per page")
    offset = _int(0, 0, 100_000, "results to skip")


class NeighboursQuery(_WindowQuery):
    depth = _int(1, 1, MAX_DEPTH, "hops from the entity")
    types = _types_field()
    labels = _labels_field("only through and to these types")
    limit = _int(100, 1, MAX_LIMIT, "most neighbours returned")


class RelationsQuery(_WindowQuery):
    types = _types_field()
    limit = _int(50, 1, MAX_LIMIT, "relations per page")
    offset = _int(0, 0, 100_000, "relations to skip")
    evidence_limit = _int(100, 1, MAX_LIMIT, "evidence items per relation")
    evidence_offset = _int(0, 0, 10_000_000, "evidence items of each relation to skip")


class PathsQuery(_WindowQuery):
    from_ = _ref("start", True, data_key="from")  # "from" is a Python keyword
    to = _ref("end", True)
    k = _int(1, 1, MAX_K, "how many paths")
    max_hops = _int(4, 1, MAX_HOPS, "longest path")
    types = _types_field()
    weighted = fields.Boolean(load_default=False, metadata={
        "description": "prefer links backed by more documents (cost of an edge = 1 / documents)"})
    avoid = fields.String(load_default=None, validate=Length(0, 3000), metadata={
        "description": "comma-separated entity ids or names left out of the search"})
    max_degree = fields.String(load_default=None, validate=[Length(1, 7), _matches("^[1-9][0-9]{0,6}$",
                               "must be a whole number from 1 to 9999999")], metadata={
        "pattern": "^[1-9][0-9]{0,6}$",
        "description": "leave out intermediate nodes with more typed relations than this (hubs)"})


def _conflicts_field() -> fields.Boolean:
    return fields.Boolean(load_default=True, metadata={
        "description": "leave out (and list under `excluded`) experts who hold a position at the enterprise, "
                       "its parent or its units, or are registered with it; false ranks them too"})


class MatchExpertsQuery(_WindowQuery):
    enterprise = _ref("the enterprise")
    k = _int(10, 1, MAX_K, "how many experts")
    conflicts = _conflicts_field()


class MatchEnterprisesQuery(_WindowQuery):
    expert = _ref("the expert")
    k = _int(10, 1, MAX_K, "how many enterprises")
    conflicts = _conflicts_field()


class CooperationQuery(_WindowQuery):
    level = fields.String(load_default="city", validate=OneOf(["city", "region"]),
                          metadata={"description": "nodes are cities (default) or regions"})
    region = _ref("only places inside this Region", False)
    min_weight = fields.Float(load_default=0.0, validate=Range(0, 1_000_000, error=RANGE_MSG),
                              metadata={"description": "drop edges lighter than this"})
    limit = _int(MAX_LIMIT, 1, MAX_LIMIT, "most edges, heaviest first")
    shared = fields.Boolean(load_default=False, metadata={
        "description": "add the shared-membership layer (programmes, broad projects, organisations located in "
                       "several places, people with positions in both); default: direct cooperation only"})


class PartnersQuery(_WindowQuery):
    limit = _int(50, 1, MAX_LIMIT, "most partners")
    shared = fields.Boolean(load_default=False, metadata={"description": "add the shared-membership layer"})


class ExportQuery(_WindowQuery):
    format = fields.String(load_default="json", validate=OneOf(["json", "graphml", "csv"]),
                           metadata={"description": "json (CONTRACT.md export shape), graphml or csv"})


UPLOAD_EXTENSIONS = ACCEPTED  # extract/formats.py, the readers' one table
_NAME_CHAR = r"[^\\/\u0000-\u001f\u007f]"
# A file name (no folder) with a non-blank stem and one of the extensions, in any case.
UPLOAD_NAME = (f"^[{SPACE}]*{_NAME_CHAR}*[^\\\\/\\u0000-\\u001f\\u007f{SPACE}]{_NAME_CHAR}*\\.(?:"
               + "|".join("".join(f"[{c}{c.upper()}]" for c in ext[1:]) for ext in UPLOAD_EXTENSIONS) + f")[{SPACE}]*$")


def check_upload_name(name: str) -> str:
    """The name an upload is recorded by (UPLOAD_NAME, stripped); BadInput naming the readers otherwise.

    >>> check_upload_name(" firms.CSV "), bool(re.search(UPLOAD_NAME, "a/b.csv"))
    ('firms.CSV', False)
    """
    if not re.search(UPLOAD_NAME, name or ""):
        raise BadInput(f"unsupported file type or name {name!r}: a file name (no folder) ending in "
                       f"{', '.join(UPLOAD_EXTENSIONS)}", where="filename")
    return name.strip()


class UploadForm(Schema):
    file = fields.File(required=True, metadata={
        "description": "a news article (.txt .html .htm .md) or a registrations file (.csv .json .jsonl): UTF-8 "
                       "text (UTF-16 with a BOM too; GB18030 for registrations), not binary; its file name (in "
                       "Content-Disposition) picks the reader unless `filename` is given"})
    filename = fields.String(validate=[Length(1, 255), _matches(UPLOAD_NAME, "must be a file name ending in "
                                                                + ", ".join(UPLOAD_EXTENSIONS))],
                             metadata={"pattern": UPLOAD_NAME, "description":
                                       "the name to record (and whose extension picks the reader); default the "
                                       "upload's name"})


# The multipart encoding of the upload: the file part's name must be one UPLOAD_NAME accepts.
UPLOAD_ENCODING = {"file": {
    "contentType": "text/plain, text/html, text/markdown, text/csv, application/json, application/x-ndjson, "
                   "application/octet-stream",
    "headers": {"Content-Disposition": {
        "description": f"form-data with a filename matching {UPLOAD_NAME} (when the `filename` field is not sent)",
        "schema": {"type": "string"}, "example": 'form-data; name="file"; filename="records.csv"'}}}}


# ---- responses --------------------------------------------------------------------------------
class Brief(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True)
    confusable = fields.Boolean(metadata={"description": "true when the name mixes scripts (e.g. a Cyrillic "
                                          "look-alike letter in a Latin name): check it is the entity you mean"})


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
    resolution = fields.Dict(metadata={"description": "why it is one node: merges (rule, score, keys, documents), "
                                                      "names that joined it, and reviewers' verdicts"})


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
    date = fields.String(allow_none=True, metadata={"description": "its document's date (null: none)"})
    start = fields.Integer(allow_none=True, metadata={"description": "offset of the sentence in the original file"})
    end = fields.Integer(allow_none=True)


class PathEdge(LinkBrief):
    properties = fields.Dict()
    valid_from = fields.String(allow_none=True, metadata={"description": "stated start of validity (null: none)"})
    valid_to = fields.String(allow_none=True, metadata={"description": "stated end of validity (null: none)"})
    first_seen = fields.String(allow_none=True, metadata={"description": "the date of its first dated evidence"})
    dated = fields.Boolean(metadata={"description": "false: no date at all, the link is active at every date"})
    evidence = fields.List(fields.Nested(EvidenceItem), required=True, metadata={
        "description": "the first items (20 in path and match answers; page through the rest with "
                       "/entities/{id}/relations?evidence_offset=&evidence_limit=)"})
    evidence_total = fields.Integer(metadata={"description": "evidence items in all"})


class EntityRelation(PathEdge):
    direction = fields.String(required=True, validate=OneOf(["out", "in"]),
                              metadata={"description": "out: the entity is the source; in: the target"})
    other = fields.Nested(Brief, required=True, metadata={"description": "the other endpoint"})


class EntityRelations(Schema):
    entity = fields.Nested(Brief, required=True)
    types = fields.List(fields.String(), required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "relations in all pages"})
    truncated = fields.Boolean(required=True, metadata={
        "description": f"true when the entity has more than {MAX_LIMIT} neighbours: only the relations to the "
                       f"first {MAX_LIMIT} (by id) are listed"})
    relations = fields.List(fields.Nested(EntityRelation), required=True)


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


class _Excluded(Schema):
    reason = fields.String(required=True, metadata={"description": "the conflict of interest"})
    relations = fields.List(fields.Nested(PathEdge), required=True,
                            metadata={"description": "the relations behind it, with evidence"})


class ExcludedExpert(_Excluded):
    expert = fields.Nested(Brief, required=True)


class ExcludedEnterprise(_Excluded):
    enterprise = fields.Nested(Brief, required=True)


class ExpertMatch(_Match):
    expert = fields.Nested(Brief, required=True)


class EnterpriseMatch(_Match):
    enterprise = fields.Nested(Brief, required=True)


class ExpertMatches(Schema):
    enterprise = fields.Nested(Brief, required=True)
    topics = fields.List(fields.Nested(Brief))
    matches = fields.List(fields.Nested(ExpertMatch), required=True)
    excluded = fields.List(fields.Nested(ExcludedExpert), metadata={
        "description": "experts left out for a conflict of interest, with the reason"})


class EnterpriseMatches(Schema):
    expert = fields.Nested(Brief, required=True)
    topics = fields.List(fields.Nested(Brief))
    matches = fields.List(fields.Nested(EnterpriseMatch), required=True)
    excluded = fields.List(fields.Nested(ExcludedEnterprise), metadata={
        "description": "enterprises left out for a conflict of interest, with the reason"})


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


# The ingest summary (ingest.session decides its fields; these are the ones CONTRACT.md names).
INGEST_SUMMARY_SCHEMA = {
    "type": "object",
    "properties": {k: {"type": "integer"} for k in ("read", "ingested", "rejected", "unchanged")},
}

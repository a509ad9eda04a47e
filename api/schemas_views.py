"""Response schemas of the cooperation network and the article reader (kept apart from
api/schemas.py, which they import the shared Brief and DocumentBrief from)."""
from __future__ import annotations

from apiflask import Schema, fields

from api.schemas import Brief, DocumentBrief


class CoopEvidence(Schema):
    kind = fields.String(required=True, metadata={"description": "cooperation, project, organisation or person"})
    layer = fields.String(metadata={"description": "direct (agreement, joint body or project) or shared (membership)"})
    via = fields.Nested(Brief, allow_none=True)
    weight = fields.Float(required=True)
    relations = fields.List(fields.List(fields.String()), metadata={"description": "[source, type, target]"})
    documents = fields.List(fields.String(), required=True)
    sentences = fields.List(fields.String(), required=True)


class CoopEdge(Schema):
    source = fields.String(required=True)
    target = fields.String(required=True)
    weight = fields.Float(required=True)
    direct_weight = fields.Float(metadata={"description": "the part of the weight that is direct cooperation"})
    layer = fields.String(metadata={"description": "direct when any of the weight is direct, else shared"})
    kinds = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    evidence = fields.List(fields.Nested(CoopEvidence), required=True)


class CoopRole(Schema):
    project = fields.Nested(Brief, required=True)
    role = fields.String(required=True, metadata={"description": "e.g. pilot city, innovation hub city"})
    year = fields.Raw(allow_none=True)


class CoopGroup(Brief):
    parent = fields.String(allow_none=True, metadata={"description": "the place that contains it"})
    roles = fields.List(fields.Nested(CoopRole))


class CoopNode(CoopGroup):
    weight = fields.Float(required=True)
    degree = fields.Integer(required=True)


class CoopNetwork(Schema):
    level = fields.String(required=True)
    region = fields.Nested(Brief, allow_none=True)
    min_weight = fields.Float(required=True)
    shared = fields.Boolean(metadata={"description": "whether the shared-membership layer is included"})
    nodes = fields.List(fields.Nested(CoopNode), required=True)
    edges = fields.List(fields.Nested(CoopEdge), required=True)
    groups = fields.List(fields.Nested(CoopGroup), metadata={
        "description": "containers of nodes that are not nodes themselves (provinces, cities of districts)"})


class Partner(Schema):
    partner = fields.Nested(Brief, required=True)
    weight = fields.Float(required=True)
    kinds = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    evidence = fields.List(fields.Nested(CoopEvidence), required=True)


class Partners(Schema):
    place = fields.Nested(Brief, required=True)
    level = fields.String(required=True)
    partners = fields.List(fields.Nested(Partner), required=True)


class RecordLine(Schema):
    line = fields.Integer(required=True)
    text = fields.String(required=True)


class RecordLines(Schema):
    name = fields.String(required=True, metadata={"description": "the file, relative to the documents folder"})
    header = fields.String(allow_none=True, metadata={"description": "a CSV file's header row"})
    lines = fields.List(fields.Nested(RecordLine), required=True)


class DocumentText(DocumentBrief):
    name = fields.String(allow_none=True, metadata={"description": "the file, relative to the documents folder"})
    text = fields.String(allow_none=True, metadata={"description": "a news article's cleaned text (evidence "
                                                                   "offsets point into it); null when not found"})
    current = fields.Boolean(allow_none=True, metadata={"description": "the file still has the stored sha256"})
    record = fields.Nested(RecordLines, allow_none=True, metadata={"description": "a registration record's lines"})
    map = fields.List(fields.List(fields.Integer()), allow_none=True, metadata={
        "description": "[text start, original start, length] pieces: evidence offsets are into the original "
                       "file; a piece maps them into text"})
    original_length = fields.Integer(allow_none=True)

"""``GET /api/v1/ontology``: the labels and relation types of ``graph/ontology.toml``, with how to show them.

The web page takes its type names, colours, shapes, glyphs and relation phrases from here, so that the
ontology file is their one source. No store is asked.

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     body = c.get("/api/v1/ontology").get_json()
>>> body["labels"][0]["name"], body["labels"][0]["style"]
('City', {'color': '#2563eb', 'shape': 'round-diamond', 'glyph': '◆'})
>>> located = body["relations"][0]
>>> located["name"], located["phrase"], located["endpoints"][1]
('LOCATED_IN', 'located in', {'source': ['Region'], 'target': ['Region']})
"""
from __future__ import annotations

from apiflask import APIBlueprint, Schema, fields
from apiflask.validators import OneOf

from api.problems import problem_responses
from api.runtime import API_PREFIX
from graph.schema import NODE_SHAPES, Ontology, ontology

bp = APIBlueprint("ontology", __name__, url_prefix=API_PREFIX, tag="Ontology")


class LabelStyle(Schema):
    color = fields.String(required=True, metadata={"pattern": "^#[0-9a-f]{6}$", "example": "#2563eb",
                                                   "description": "the colour of the label's nodes and badges"})
    shape = fields.String(required=True, validate=OneOf(NODE_SHAPES),
                          metadata={"description": "the node shape in the network drawing (a cytoscape shape)"})
    glyph = fields.String(required=True, metadata={
        "minLength": 1, "maxLength": 1, "example": "◆",
        "description": "one character shown beside the written label, matching the shape"})


class OntologyLabel(Schema):
    name = fields.String(required=True, metadata={"example": "City"})
    description = fields.String(required=True)
    entity = fields.Boolean(required=True, metadata={
        "description": "a graph entity (every label but Document, the label of sources)"})
    properties = fields.List(fields.String(), required=True, metadata={"description": "the properties it may carry"})
    enums = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True,
                        metadata={"description": "the allowed values of enumerated properties"})
    style = fields.Nested(LabelStyle, required=True)


class RelationEndpoints(Schema):
    source = fields.List(fields.String(), required=True, metadata={"description": "labels it may go from"})
    target = fields.List(fields.String(), required=True, metadata={"description": "labels it may go to"})


class OntologyRelation(Schema):
    name = fields.String(required=True, metadata={"example": "LOCATED_IN"})
    description = fields.String(required=True)
    phrase = fields.String(required=True, metadata={"example": "located in",
                                                    "description": "the readable verb phrase the page shows"})
    properties = fields.List(fields.String(), required=True)
    endpoints = fields.List(fields.Nested(RelationEndpoints), required=True,
                            metadata={"description": "allowed source and target labels (any pair of one entry)"})
    symmetric = fields.Boolean(required=True, metadata={
        "description": "true when the relation has no direction (it may be read either way)"})
    provenance = fields.Boolean(required=True, metadata={
        "description": "true for MENTIONS: provenance of a node, not walked by path and neighbour queries"})


class OntologyAnswer(Schema):
    version = fields.Integer(required=True, metadata={"description": "version of the ontology file"})
    labels = fields.List(fields.Nested(OntologyLabel), required=True, metadata={"description": "in display order"})
    relations = fields.List(fields.Nested(OntologyRelation), required=True)


def describe(onto: Ontology) -> dict:
    """The ontology as the endpoint answers it (labels in the file's order)."""
    order = list(onto.labels)

    def ordered(group) -> list[str]:
        return sorted(group, key=lambda label: order.index(label) if label in order else len(order))

    labels = [{"name": d.name, "description": d.description, "entity": d.name in onto.entity_labels,
               "properties": list(d.properties), "enums": {k: list(v) for k, v in d.enums.items()},
               "style": {"color": d.style.color, "shape": d.style.shape, "glyph": d.style.glyph}}
              for d in onto.labels.values()]
    relations = [{"name": r.name, "description": r.description, "phrase": r.phrase, "properties": list(r.properties),
                  "endpoints": [{"source": ordered(s), "target": ordered(t)} for s, t in r.endpoints],
                  "symmetric": r.symmetric, "provenance": r.provenance}
                 for r in onto.relations.values()]
    return {"version": onto.version, "labels": labels, "relations": relations}


@bp.get("/ontology")
@bp.output(OntologyAnswer)
@bp.doc(responses=problem_responses(500))  # no parameter, no store: only a bug fails it
def get_ontology():
    """The ontology

    Every label (with its properties, enumerated values and the style the web page draws it with)
    and every relation type (with its readable phrase, properties and allowed endpoints), as
    declared in `graph/ontology.toml`.
    """
    return describe(ontology())

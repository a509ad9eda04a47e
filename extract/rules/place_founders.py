"""LOCATED_IN of a body a place sets up: "Wuhan will set up the National X Base", "Hefei City has won
approval to establish the Y Center", "Dongguan built the Z Laboratory" -> the body (or a base, a
platform: ``[discourse] facility_kinds``) is in that place
(0.65; a city, district, zone or province: "China set up X" says no more than the country).

The verbs are the lexicon's ``[places] founding_verbs`` (with their particle: "set up"); the place is
the verb's subject, or the subject of the verb whose object the infinitive qualifies ("won approval
to establish X", "has the endorsement to build X").
"""
from __future__ import annotations

from extract.rules.common import PLACE
from extract.rules.places import LEVEL_RANK


class PlaceFounderRules:
    """The LOCATED_IN relations of one sentence stated by a place that founds a named body."""

    def __init__(self, lex: dict, dep, places):
        self.dep = dep
        self.places = places
        verbs = lex.get("places", {}).get("founding_verbs", {})
        self.verbs = {v: tuple(p) for v, p in verbs.items()}  # lemma -> the particle it needs ("" none)
        self.facility_kinds = set(lex.get("discourse", {}).get("facility_kinds", ()))  # a base, a platform: a place of its own

    def _place(self, v, at):
        """The place that is the subject of verb v (or of the verb the infinitive's noun is the object of)."""
        place = self.dep.subject_name(v, at, PLACE)
        if place is None and v.dep_ == "acl" and v.head.dep_ in ("dobj", "attr"):
            place = self.dep.subject_name(v.head.head, at, PLACE)  # "won approval to establish X"
        if place is None or not (0 < self.places.rank(place) <= LEVEL_RANK["province"]):
            return None
        return place

    def __call__(self, doc, sent, at, out):
        for v in sent:
            parts = self.verbs.get(v.lemma_.lower())
            if parts is None or v.pos_ != "VERB" or self.dep.is_passive(v):
                continue
            if parts and not any(c.dep_ == "prt" and c.lower_ in parts for c in v.children):
                continue
            place = self._place(v, at)
            if place is None:
                continue
            for c in v.children:
                body = at.get(c.i) if c.dep_ == "dobj" else None
                if body is None or body.get("anaphor") or body.get("nested") or not (
                        body["label"] == "Organisation" or body["label"] == "Project" and body["props"].get("kind") in self.facility_kinds):
                    continue
                # a place the sentence gives the body is its place ("Beijing opened the X Centre in Paris")
                # (a wider place that holds the founder says nothing against it: "Wuhan opened X in Hubei")
                given = [at[g.i] for p in (*v.children, *c.children) if p.dep_ == "prep" and p.lower_ in ("in", "at")
                         for g in p.children if g.dep_ == "pobj" and g.i in at and at[g.i]["label"] in PLACE]
                if any(g["key"] != place["key"] and self.places.rank(g) <= self.places.rank(place) for g in given):
                    continue
                if not any(r[0]["key"] == body["key"] and r[1] == "LOCATED_IN" and r[2]["key"] == place["key"] for r in out) \
                        and self.places.may_lie_in(body, place):
                    out.append((body, "LOCATED_IN", place, {}, 0.65, "place-founds"))

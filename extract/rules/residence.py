"""Where a body resides, from what it does there or from the list it is named in (LOCATED_IN):

- a body that moves into a place: "A moved into the X Science City", "A relocated its headquarters
  to Y" (the lexicon's ``[places]`` ``move_verbs``; what it moves elsewhere, "its production lines",
  is not the body);
- a place's position: "the X Zone lies in the west of Y", "A sits in Y" (``[places]`` ``position_verbs``,
  ``part_nouns``);
- a located subject's coordinated names: "A, B and C are all headquartered in Y" -> B and C are in Y
  as A is (for the rules of ``[places]`` ``list_subject_rules``).

Called by :class:`extract.rules.locations.LocationRules` for each sentence.
"""
from __future__ import annotations


class ResidenceRules:
    """The LOCATED_IN relations of one sentence stated by the constructions above."""

    def __init__(self, lex: dict, dep, places):
        """places: the :class:`extract.rules.places.PlaceHierarchy` (where a may lie)."""
        pl = lex.get("places", {})
        self.dep = dep
        self.places = places
        self.move_verbs = {v: set(ps) for v, ps in pl.get("move_verbs", {}).items()}
        self.move_objects = set(pl.get("move_objects", ()))
        self.move_object_verbs = set(pl.get("move_object_verbs", ()))
        self.list_subject_rules = set(pl.get("list_subject_rules", ()))
        self.position_verbs = set(pl.get("position_verbs", ()))
        self.part_nouns = set(pl.get("part_nouns", ()))

    def __call__(self, doc, sent, at, out):
        self._moved_into(doc, sent, at, out)
        self._lies_in(doc, sent, at, out)
        self._list_subject(doc, sent, at, out)

    def _moved_into(self, doc, sent, at, out):
        """"A moved into the X Science City", "A relocated its headquarters to Y": a body is where it moved."""
        for v in sent:
            preps = self.move_verbs.get(v.lemma_.lower())
            if not preps or v.pos_ != "VERB":
                continue
            a = self.dep.subject_name(v, at, ("Organisation",))
            if a is None:
                continue
            obj = next((c for c in v.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lower_ not in self.move_objects:
                continue  # "moved its production line to Y", "moved 300 staff to Y": not the body itself
            if obj is None and v.lemma_.lower() in self.move_object_verbs:
                continue  # "took in Y", "opened in Y": only "took root / opened its office in Y" say where the body is
            for p in self.dep.prep_objects(v, preps):
                self._locate(a, at.get(p.i), "moved-into", out)

    def _lies_in(self, doc, sent, at, out):
        """"The X Zone lies in the west of Y", "A sits in Y": the subject is in Y."""
        for v in sent:
            if v.lemma_.lower() not in self.position_verbs or v.pos_ != "VERB":
                continue
            a = self.dep.subject_name(v, at, ("Organisation", "City", "Project"))
            if a is None:
                continue
            for p in self.dep.prep_objects(v, ("in", "at")):
                if p.i not in at and p.lemma_.lower() in self.part_nouns:  # "in the west of Y"
                    p = next((x for q in p.children if q.dep_ == "prep" and q.lower_ == "of"
                              for x in q.children if x.dep_ == "pobj"), p)
                self._locate(a, at.get(p.i), "lies-in", out)

    # -- shared by the verb rules above ----------------------------------------------------------
    def _locate(self, a, place, rule, out):
        """A LOCATED_IN place (a named place below a country that a may lie in), 0.7."""
        if place is not None and not place.get("anaphor") and place["props"].get("level") != "country" and self.places.may_lie_in(a, place):
            out.append((a, "LOCATED_IN", place, {}, 0.7, rule))

    def _list_subject(self, doc, sent, at, out):
        """"A, B and C are all headquartered in Y": the names coordinated with a located subject are in Y too."""
        for a, typ, place, _p, conf, rule in list(out):
            if typ != "LOCATED_IN" or rule not in self.list_subject_rules or a.get("anaphor") or not (sent.start <= a["s"] < sent.end):
                continue
            if doc[a["s"]:a["e"]].root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            for m in self.dep.expand(doc, a, at, (a["label"],), sent)[1:]:
                if m.get("anaphor") or not self.places.may_lie_in(m, place) or any(r[0]["key"] == m["key"] and r[1] == "LOCATED_IN" for r in out):
                    continue
                out.append((m, "LOCATED_IN", place, {}, round(conf - 0.05, 2), "list-subject-located"))

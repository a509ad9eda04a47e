"""LOCATED_IN from a body's facility in a place: "Huaqin Technology's Nanchang base", "Tsinghua
University's Shenzhen campus", "the Weihai campus of Harbin Institute of Technology", "the Jinhua plant
of Geely" -> the body is (also) in that place (0.6: a facility, not the body's seat).

The facility nouns are the lexicon's ``[places] facility_nouns``; up to two modifiers may stand between
the place and the noun ("Huawei's Dongguan R&D base", "the Ningde production base of X"). A country or a
wide region is no address ("X's China headquarters"), and a place's own possessive is read elsewhere.
"""
from __future__ import annotations

from extract.rules.common import PLACE

MAX_MODIFIERS = 2
POSSESSIVE = ("'s", "’s")


class FacilityRules:
    """The LOCATED_IN relations of one sentence stated by a facility of a body in a place."""

    def __init__(self, lex: dict, places):
        self.places = places
        self.nouns = set(lex.get("places", {}).get("facility_nouns", ()))

    def _noun_after(self, doc, k, end):
        """The facility noun at token k or after up to two modifiers, else None."""
        for j in range(k, min(end, k + MAX_MODIFIERS + 1)):
            t = doc[j]
            if t.lower_ in self.nouns and t.is_lower:
                return j
            if not (t.is_lower and t.is_alpha or t.text in ("R&D", "-")):
                return None
        return None

    @staticmethod
    def _address(m) -> bool:
        return m is not None and m["label"] in PLACE and not m.get("anaphor") \
            and m["props"].get("level") not in ("country", "region")

    def __call__(self, doc, sent, top, at, out):
        have = {(r[0]["key"], r[2]["key"]) for r in out if r[1] == "LOCATED_IN"}

        def add(body, place, rule):
            if (body["key"], place["key"]) not in have and self.places.may_lie_in(body, place):
                out.append((body, "LOCATED_IN", place, {}, 0.6, rule))
                have.add((body["key"], place["key"]))

        for m in top:
            if m.get("anaphor") or m["e"] + 2 >= sent.end:
                continue
            e = m["e"]
            # "Huaqin Technology's Nanchang base"
            if m["label"] == "Organisation" and doc[e].lower_ in POSSESSIVE:
                place = at.get(e + 1)
                if place is not None and place["s"] == e + 1 and self._address(place) \
                        and self._noun_after(doc, place["e"], sent.end) is not None:
                    add(m, place, "facility-possessive")
            # "the Weihai campus of Harbin Institute of Technology"
            elif self._address(m) and m["s"] - 1 >= sent.start and doc[m["s"] - 1].lower_ == "the":
                j = self._noun_after(doc, e, sent.end)
                if j is None or j + 2 >= sent.end or doc[j + 1].lower_ != "of":
                    continue
                k = j + 2 + (doc[j + 2].lower_ == "the")
                body = at.get(k)
                # "the Beijing office of Huawei's rival, X": the body named is a possessor, not the owner
                if body is not None and body["s"] == k and body["label"] == "Organisation" and not body.get("anaphor") \
                        and not (body["e"] < sent.end and doc[body["e"]].lower_ in POSSESSIVE):
                    add(body, m, "facility-of-body")

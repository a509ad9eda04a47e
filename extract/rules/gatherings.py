"""LOCATED_IN of an event people gather for: "Over 300 experts gathered in Wuxi for the World IoT
Expo", "Scientists converged on Hefei to attend the X Forum" -> the event is in that place (0.65).

The verbs are the lexicon's ``[places] gathering_verbs``; the place is the object of their "in" / "at" /
"on", the event the object of "for" or of an infinitive "to attend" / "to join" on the same verb.
"""
from __future__ import annotations

from extract.rules.common import PLACE


class GatheringRules:
    """The LOCATED_IN relations of one sentence stated by people who gather in a place for an event."""

    def __init__(self, lex: dict, dep, places):
        self.dep = dep
        self.places = places
        c = lex.get("places", {})
        self.verbs = set(c.get("gathering_verbs", ()))
        self.attend_verbs = set(c.get("gathering_attend_verbs", ()))

    def __call__(self, doc, sent, at, out):
        for v in sent:
            if v.lemma_.lower() not in self.verbs or v.pos_ != "VERB":
                continue
            places, events = [], []
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at", "on"):
                    places += [p for p in self.dep.pobj_names(c, at, PLACE)
                               if not p.get("anaphor") and p["props"].get("level") not in ("country", "region")]
                elif c.dep_ == "prep" and c.lower_ == "for":
                    events += self.dep.pobj_names(c, at, ("Project",))
                elif c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in self.attend_verbs:
                    events += [at[o.i] for o in c.children if o.dep_ == "dobj" and o.i in at]
            if len(places) != 1:
                continue
            for ev in events:
                if ev["label"] == "Project" and self.dep.is_event(doc, ev) and not ev.get("anaphor") \
                        and self.places.may_lie_in(ev, places[0]) \
                        and not any(r[0]["key"] == ev["key"] and r[1] == "LOCATED_IN" for r in out):
                    out.append((ev, "LOCATED_IN", places[0], {}, 0.65, "gathered-in-for"))

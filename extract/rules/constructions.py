"""Constructions of English news that state a relation the other rules miss, one sentence at a time.

- a programme or event as the subject: "P covers / includes / selected A, B and C (as pilot
  cities)", "the fair attracted A and B" -> each member PARTICIPATES_IN P;
- participant nouns: "exhibitors at E included A, B and C", "the members of P are A and B" ->
  PARTICIPATES_IN (bodies and people);
- "together with" / "along with" after a participation: "A was selected as a pilot city of P,
  together with B and C" -> B and C take part too (and are no cooperation partners of A);
- "local" bodies: "the city of X ... eight local companies, including A and B" -> each is in X (the
  one city the sentence names), less sure than a stated place;
- "the opening ceremony of X was held in Y" -> X is in Y;
- "X, who heads / leads / chairs ORG" -> X HOLDS_POSITION at ORG.

The words are the lexicon's ``[constructions]`` section.
"""
from __future__ import annotations

from extract.rules.common import ACTOR, find_role, role_phrases, singular


class ConstructionRules:
    """The relations of one sentence stated by the constructions above."""

    def __init__(self, lex: dict, dep):
        c = lex.get("constructions", {})
        self.dep = dep  # the dependency interpreter: subjects, lists, names
        self.cover_verbs = set(c.get("cover_verbs", ()))
        self.people_verbs = set(c.get("people_verbs", ()))
        self.participant_nouns = set(c.get("participant_nouns", ()))
        self.local_nouns = set(c.get("local_nouns", ()))
        self.ceremony_nouns = set(c.get("ceremony_nouns", ()))
        self.head_verbs = dict(c.get("head_verbs", {}))
        self.participation_rules = tuple(c.get("participation_rules", ()))
        self.role_words = role_phrases(lex["dep"])

    def __call__(self, doc, sent, top, out, year=None):
        """Append the sentence's relations to out (which holds what the earlier rules found in it)."""
        at = self.dep.index(top)
        props = {"year": year} if year else {}
        self._programme_subject(doc, sent, at, props, out)
        self._participant_nouns(doc, sent, at, props, out)
        self._together_with(doc, sent, top, at, out)
        self._local_bodies(doc, sent, top, at, out)
        self._ceremony_in(doc, sent, at, out)
        self._who_heads(doc, sent, top, at, out)

    # -- PARTICIPATES_IN ---------------------------------------------------------------------
    def _programme_subject(self, doc, sent, at, props, out):
        """"P covers A, B and C"; "P selected A and B as pilot cities"; "the fair attracted A"."""
        for t in sent:
            low = t.lemma_.lower()
            if t.pos_ != "VERB" or low not in self.cover_verbs or self.dep.is_passive(t):
                continue
            if low == "bring" and not any(c.lower_ == "together" for c in t.children):
                continue
            subj = self.dep.subject(t)
            if subj is None:
                continue
            prog = at.get(subj.i)
            if prog is None or prog["label"] != "Project":
                continue
            labels = ACTOR + (("Person",) if low in self.people_verbs else ())
            for obj in (c for c in t.children if c.dep_ == "dobj"):
                members = [m for m in self.dep.members(doc, obj, at, labels, sent) if m["key"] != prog["key"]]
                if not members:
                    continue
                # the role: "as pilot cities", else the object's own words ("hub cities such as A")
                role = None
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ == "as":
                        role = find_role([singular(x.lower_) for x in c.subtree if x.is_alpha], self.role_words)
                if role is None and obj.i not in at:
                    role = find_role([singular(x.lower_) for x in doc[obj.left_edge.i:obj.i + 1] if x.is_alpha], self.role_words)
                p = dict(props, role=role) if role else dict(props)
                conf = 0.6 if prog.get("anaphor") else 0.65
                for m in members:
                    out.append((m, "PARTICIPATES_IN", prog, dict(p), conf, "programme-subject"))

    def _participant_nouns(self, doc, sent, at, props, out):
        """"Exhibitors at E included A, B and C"; "the members of P are A and B"."""
        for n in sent:
            if n.lemma_.lower() not in self.participant_nouns or n.i in at or n.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = n.head
            if verb.lemma_.lower() not in ("include", "be", "comprise"):
                continue
            # the event or programme: named in the noun's phrase ("exhibitors at E", "E's participants")
            target = None
            for x in n.subtree:
                m = at.get(x.i)
                if m is not None and m["label"] == "Project":
                    target = m
                    break
            if target is None:
                continue
            labels = ACTOR + ("Person",)
            for obj in (c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i):
                for m in self.dep.members(doc, obj, at, labels, sent, offices=True):
                    if m["key"] != target["key"] and not m.get("anaphor"):
                        out.append((m, "PARTICIPATES_IN", target, dict(props), 0.7, "participant-noun"))

    def _together_with(self, doc, sent, top, at, out):
        """"A was selected as a pilot city of P, together with B and C": B and C join P as A did; the
        "with" does not make them A's partners."""
        joined = [r for r in out if r[1] == "PARTICIPATES_IN" and r[5] in self.participation_rules]
        if not joined:
            return
        for t in sent:
            if t.lower_ != "with" or t.i - 1 < sent.start or doc[t.i - 1].lower_ not in ("together", "along"):
                continue
            k = t.i + 1
            while k < sent.end and doc[k].lower_ in ("the",):
                k += 1
            first = at.get(k)
            if first is None or first["s"] != k:
                continue
            for src, _typ, tgt, props, conf, _rule in list(joined):
                if src["e"] > t.i or first["label"] != src["label"]:
                    continue
                others = self.dep.expand(doc, first, at, (src["label"],), sent)
                for m in others:
                    if m["key"] not in (src["key"], tgt["key"]):
                        out.append((m, "PARTICIPATES_IN", tgt, dict(props), round(conf - 0.05, 2), "together-with"))
                keys = {m["key"] for m in others}
                out[:] = [r for r in out if not (r[1] == "COOPERATES_WITH" and r[5] == "with"
                                                  and {r[0]["key"], r[2]["key"]} & keys and src["key"] in (r[0]["key"], r[2]["key"]))]
                break

    # -- LOCATED_IN ----------------------------------------------------------------------------
    def _local_bodies(self, doc, sent, top, at, out):
        """"The city of X granted the title to ten local companies, including A and B": each is in X."""
        cities = {m["key"]: m for m in top if m["label"] == "City" and not m.get("anaphor")}
        if len(cities) != 1:
            return
        city = next(iter(cities.values()))
        for t in sent:
            if t.lower_ != "local" or t.dep_ not in ("amod", "compound"):
                continue
            noun = t.head
            while noun.dep_ in ("amod", "compound") and noun.head is not noun and noun.head.i > noun.i:
                noun = noun.head
            if singular(noun.lower_) not in self.local_nouns or noun.i in at:
                continue
            for m in self.dep.members(doc, noun, at, ("Organisation",), sent):
                if city["s"] < m["s"] and not m.get("nested"):
                    out.append((m, "LOCATED_IN", city, {}, 0.6, "local-bodies"))

    def _ceremony_in(self, doc, sent, at, out):
        """"The opening ceremony of X was held in Y" / "the launch of X took place in Y": X is in Y."""
        for v in sent:
            low = v.lemma_.lower()
            if not (low == "hold" and self.dep.is_passive(v) or low == "take" and any(c.lower_ == "place" for c in v.children)):
                continue
            subj = self.dep.subject(v)
            if subj is None or subj.i in at or subj.lemma_.lower() not in self.ceremony_nouns:
                continue
            thing = None
            for c in subj.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        m = at.get(p.i) if p.dep_ == "pobj" else None
                        if m is not None and m["label"] in ("Organisation", "Project"):
                            thing = m
            if thing is None:
                continue
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for p in c.children:
                        place = at.get(p.i) if p.dep_ == "pobj" else None
                        if place is not None and place["label"] in ("City", "Region"):
                            out.append((thing, "LOCATED_IN", place, {}, 0.7, "ceremony-held-in"))

    # -- HOLDS_POSITION ------------------------------------------------------------------------
    def _who_heads(self, doc, sent, top, at, out):
        """"X, who heads the Y Bureau, said ...": X holds the office the verb names at Y."""
        for p in top:
            if p["label"] != "Person":
                continue
            k = p["e"]
            if not (k + 2 < sent.end and doc[k].text == "," and doc[k + 1].lower_ == "who"):
                continue
            k += 2
            while k < sent.end and doc[k].lower_ in ("now", "currently", "also", "still"):
                k += 1
            title = self.head_verbs.get(doc[k].lower_) if k < sent.end else None
            if title is None:
                continue
            k += 1
            while k < sent.end and doc[k].lower_ in ("the", "a"):
                k += 1
            org = at.get(k)
            if org is not None and org["s"] == k and org["label"] in ("Organisation", "City", "Region"):
                out.append((p, "HOLDS_POSITION", org, {"title": title}, 0.75, "who-heads"))

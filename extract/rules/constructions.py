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
- "X, who heads / leads / chairs ORG" -> X HOLDS_POSITION at ORG; "A, B and C, vice mayors of Y"
  -> each holds the office at Y (:mod:`extract.rules.people_titles`);
- organiser and initiative nouns: "A is (, ) the organiser of E", "E, an initiative of A" -> A
  ORGANISES E;
- designations the parse misreads (:mod:`extract.rules.designations`);
- a list of bodies right before "sign(s)" and an agreement word (headlines too): "A, B Sign
  Cooperation Agreement" -> every two of them cooperate;
- subordinate bodies: "A and B, both under C", "A is one of the institutes of C", "C and its
  subsidiary, A" -> PART_OF C.

The words are the lexicon's ``[constructions]`` section.
"""
from __future__ import annotations

from extract.rules.common import ACTOR, cooperate_all, find_role, role_phrases, singular
from extract.rules.designations import DesignationRules
from extract.rules.people_titles import PeopleTitleRules


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
        self.place_units = set(lex.get("titles", {}).get("place_unit_words", ()))
        self.participation_rules = tuple(c.get("participation_rules", ()))
        self.role_words = role_phrases(lex["dep"])
        self.organiser_nouns = set(c.get("organiser_nouns", ()))
        self.person_hosts = set(c.get("person_host_nouns", ()))
        self.initiative_nouns = set(c.get("initiative_nouns", ()))
        self.unit_nouns = set(c.get("unit_nouns", ()))
        self.sign_verbs = set(c.get("sign_verbs", ()))
        self.agreement_nouns = set(c.get("agreement_nouns", ()))
        self.designations = DesignationRules(lex, dep)
        self.people = PeopleTitleRules(lex)

    def __call__(self, doc, sent, top, out, year=None):
        """Append the sentence's relations to out (which holds what the earlier rules found in it)."""
        at = self.dep.index(top)
        props = {"year": year} if year else {}
        self._programme_subject(doc, sent, at, props, out)
        self.designations(doc, sent, top, at, props, out)
        self._participant_nouns(doc, sent, at, props, out)
        self._together_with(doc, sent, top, at, out)
        self._local_bodies(doc, sent, top, at, out)
        self._ceremony_in(doc, sent, at, out)
        self._who_heads(doc, sent, top, at, out)
        self.people(doc, sent, top, at, out)
        self._organiser_of(doc, sent, at, out)
        self._list_signs(doc, sent, at, out)
        self._all_under(doc, sent, at, out)
        self._one_of_units(doc, sent, at, out)
        self._its_unit(doc, sent, at, out)

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
            if title is None and k + 1 < sent.end and doc[k].lower_ in ("works", "worked", "serves", "served") \
                    and doc[k + 1].lower_ in ("at", "for", "with"):
                k += 1  # "X, who works at Y": a job at Y, no title said
                title = ""
            if title is None:
                continue
            k += 1
            while k < sent.end and doc[k].lower_ in ("the", "a"):
                k += 1
            org = at.get(k)
            if org is None or org["s"] != k or org["label"] not in ("Organisation", "City", "Region"):
                continue
            if org["label"] != "Organisation":
                org = self._place_unit_body(doc, sent, at, org)
            if org is not None:
                out.append((p, "HOLDS_POSITION", org, {"title": title} if title else {}, 0.75 if title else 0.65, "who-heads"))

    def _place_unit_body(self, doc, sent, at, place):
        """"who heads the Wuxi branch of the Bank of China": a place's unit (the lexicon's ``[titles]``
        ``place_unit_words``) of a body; the office is held at the body. The place itself when no unit
        word follows it, None when a unit follows without its body."""
        j = place["e"]
        if j >= sent.end or doc[j].lower_ not in self.place_units:
            return place
        while j < sent.end and doc[j].lower_ in self.place_units:
            j += 1
        if j + 1 < sent.end and doc[j].lower_ == "of":
            j += 1 + (doc[j + 1].lower_ == "the")
            body = at.get(j)
            if body is not None and body["s"] == j and body["label"] == "Organisation":
                return body
        return None

    # -- ORGANISES -------------------------------------------------------------------------------
    def _organiser_of(self, doc, sent, at, out):
        """"A is the organiser of E", "A, the host of E,"; "E, an initiative of A"."""
        for n in sent:
            low = n.lower_
            if low not in self.organiser_nouns and low not in self.initiative_nouns and low not in self.person_hosts or n.i in at:
                continue
            if n.i + 1 >= sent.end or doc[n.i + 1].lower_ != "of":
                continue
            k = n.i + 2
            while k < sent.end and (doc[k].lower_ in ("the", "this", "year", "'s", "’s") or doc[k].like_num) and k not in at:
                k += 1
            right = at.get(k)
            j = n.i - 1
            while j >= sent.start and doc[j].lower_ in ("the", "a", "an", "main", "chief", "co", "-", "sole", "official", "key",
                                                          "major", "important", "flagship", "annual", "national", "is", "was", "as", ","):
                j -= 1
            left = at.get(j)
            if right is None or left is None or left["e"] != j + 1 or right["s"] != k or left["key"] == right["key"]:
                continue
            # the left name must be the subject or the head of the apposition, not an object before it
            if not any(doc[x].lower_ in ("is", "was", ",", "as") for x in range(left["e"], n.i)):
                continue
            if low in self.person_hosts and left["label"] == "Person" and right["label"] == "Project":
                out.append((left, "PARTICIPATES_IN", right, {"role": low.rstrip("s")}, 0.6, "person-host-of"))
            elif low in self.organiser_nouns and left["label"] in ("Organisation", "Person") and right["label"] == "Project":
                out.append((left, "ORGANISES", right, {}, 0.75, "organiser-of"))
            elif low in self.initiative_nouns and left["label"] == "Project" and right["label"] in ("Organisation", "Person"):
                out.append((right, "ORGANISES", left, {}, 0.7, "initiative-of"))

    # -- PART_OF ---------------------------------------------------------------------------------
    def _left_list(self, doc, sent, at, last, labels):
        """last and the names listed before it ("A, B and C" ending at C)."""
        group = [last]
        k = last["s"]
        saw_and = False
        while True:
            j = k - 1
            d = j  # "A and the machinery maker B": a lower-case description before a name
            while d >= sent.start and d > j - 3 and d not in at and doc[d].is_alpha and doc[d].is_lower \
                    and doc[d].pos_ in ("NOUN", "ADJ") and doc[d].lower_ not in self.agreement_nouns:
                d -= 1
            if d < j and d >= sent.start and doc[d].lower_ in (",", "and", "the", "&"):
                j = d
            seps = set()
            while j >= sent.start and doc[j].lower_ in (",", "and", "the", "&"):
                seps.add(doc[j].lower_)
                j -= 1
            x = at.get(j) if seps & {",", "and", "&"} else None
            if x is None or x["e"] != j + 1 or x["label"] not in labels or x in group:
                break
            joined = bool(seps & {"and", "&"})
            # one "and" per list ("between A and B, C and D signed": two lists); never into a prepositional object
            r = self.dep.root(doc, x)
            while r.dep_ == "conj" and r.head is not r:
                h = at.get(r.head.i)
                if h is not None and h["label"] == "Person" and x["label"] != "Person":
                    break  # "Witnessed by X, A and B signed": the parser's list of a person and bodies is two
                r = r.head
            if joined and saw_and or r.dep_ == "pobj":
                break
            saw_and = saw_and or joined
            group.append(x)
            k = x["s"]
        return group

    def _all_under(self, doc, sent, at, out):
        """"A and B, both under C": each is part of C."""
        for t in sent:
            if t.lower_ not in ("both", "all") or t.i + 2 >= sent.end or t.i - 1 < sent.start or doc[t.i - 1].text != ",":
                continue
            k = t.i + 1
            if doc[k].lower_ in ("affiliated", "subordinate"):
                k += 1
            if doc[k].lower_ not in ("under", "of", "to", "with"):
                continue
            if doc[k].lower_ != "under" and doc[k - 1].lower_ not in ("affiliated", "subordinate"):
                continue
            k += 1
            while k < sent.end and doc[k].lower_ == "the":
                k += 1
            parent = at.get(k)
            last = at.get(t.i - 2)
            if parent is None or last is None or parent["label"] != "Organisation" or last["e"] != t.i - 1:
                continue
            group = self._left_list(doc, sent, at, last, ("Organisation",))
            if len(group) < 2:
                continue
            for m in group:
                if m["key"] != parent["key"]:
                    out.append((m, "PART_OF", parent, {}, 0.7, "all-under"))

    def _one_of_units(self, doc, sent, at, out):
        """"A is one of the (research) institutes of C": A is part of C."""
        for t in sent:
            if t.lower_ != "one" or t.i + 2 >= sent.end or doc[t.i + 1].lower_ != "of":
                continue
            j = t.i - 1
            while j >= sent.start and doc[j].lower_ in ("is", "was", "as", "also", "now", ","):
                j -= 1
            child = at.get(j)
            if child is None or child["e"] != j + 1 or child["label"] != "Organisation" or j == t.i - 1:
                continue
            k = t.i + 2
            while k < sent.end and k < t.i + 8 and doc[k].lower_ != "of" and k not in at:
                k += 1
            if k >= sent.end or doc[k].lower_ != "of" or singular(doc[k - 1].lower_) not in self.unit_nouns:
                continue
            r = k + 1
            while r < sent.end and doc[r].lower_ == "the":
                r += 1
            parent = at.get(r)
            if parent is not None and parent["s"] == r and parent["label"] == "Organisation" and parent["key"] != child["key"]:
                out.append((child, "PART_OF", parent, {}, 0.7, "one-of-units"))

    def _its_unit(self, doc, sent, at, out):
        """"C and its subsidiary(,) A": A is part of C."""
        for t in sent:
            if t.lower_ != "its" or t.i + 2 >= sent.end or t.i - 2 < sent.start or doc[t.i - 1].lower_ != "and":
                continue
            parent = at.get(t.i - 2)
            k = t.i + 1
            while k < sent.end and k < t.i + 4 and doc[k].is_alpha and singular(doc[k].lower_) not in self.unit_nouns and k not in at:
                k += 1
            if k >= sent.end or singular(doc[k].lower_) not in self.unit_nouns or k in at:
                continue
            k += 1
            while k < sent.end and doc[k].lower_ in (",", "the"):
                k += 1
            child = at.get(k)
            if parent is None or child is None or parent["e"] != t.i - 1 or child["s"] != k:
                continue
            if parent["label"] == child["label"] == "Organisation" and parent["key"] != child["key"]:
                out.append((child, "PART_OF", parent, {}, 0.7, "its-unit"))

    # -- COOPERATES_WITH -------------------------------------------------------------------------
    def _list_signs(self, doc, sent, at, out):
        """"A, B Sign Cooperation Agreement", "A and B inked a deal": the list right before the verb,
        read from the words (a headline's parse cannot be trusted); an agreement word must follow."""
        for t in sent:
            if t.lower_ not in self.sign_verbs or t.i - 1 < sent.start:
                continue
            j = t.i - 1
            while j >= sent.start and doc[j].lower_ in ("will", "to", "have", "has", "had", "formally", "officially", "jointly", "also"):
                j -= 1
            last = at.get(j)
            if last is None or last["e"] != j + 1 or last["label"] not in ACTOR:
                continue
            if not any(doc[k].lower_ in self.agreement_nouns for k in range(t.i + 1, min(sent.end, t.i + 7))):
                continue
            group = self._left_list(doc, sent, at, last, ACTOR)
            cooperate_all(group, 0.7, "list-signs", out)

"""PART_OF, COOPERATES_WITH and LOCATED_IN stated by a clause around a common noun or a fronted phrase
(the dependency patterns read a relation only when its verb has the name itself as subject or object):

- the copula's (or an apposition's) noun and its participle: "X is a research institute affiliated to
  Y", "X, a unit subordinate to Y, ..." -> X PART_OF Y; "X is a platform co-established by A and B"
  -> X PART_OF A (a parent body: :meth:`DepInterpreter.founder_part`), A COOPERATES_WITH B;
- the copula's body noun "under" its parent: "X is a university under Y", "X, which is under Y", and
  an apposition's unit noun "of" it: "X, a research centre of Y" -> X PART_OF Y;
- joint agents: "co-founded by A and B", "jointly set up by A, B and C" -> every two of the agents
  cooperate, whatever the participle's subject is (a place too: "jointly built by A and Ningbo");
- joint subjects: "A and B have carried out extensive cooperation" (a plain list the parser did
  not coordinate), "Representatives of A and B signed a cooperation agreement" -> A COOPERATES_WITH B;
- a signer's body: "On behalf of A, Li Ming signed the agreement with B" -> A COOPERATES_WITH B;
- a body's own unit: "A opened its Southwest Branch in Chengdu" -> the branch PART_OF A;
- a fronted "as" phrase: "As a subsidiary of Y, X ..." -> X PART_OF Y;
- a fronted participle of place: "Headquartered in Y, X ...", "Located in the north of Y, Z, the X
  ..." -> X LOCATED_IN Y (read on the tokens: the parser often hangs X on the place);
- a place's part: "the Qilu Software Park, part of the Jinan High-tech Zone" -> LOCATED_IN (PART_OF
  joins bodies and projects only);
- the copula's (apposition's) noun placed by its participle: "X is an annual event held in Y",
  "X, a county-level city located in Y" -> X LOCATED_IN Y;
- a seat: "The headquarters of X are in Y", "X's headquarters is located in Y" -> X LOCATED_IN Y;
- a place and the one the gazetteer puts it in, one of them named inside a longer name
  ("Fengtai District and Tongzhou District of Beijing") -> Fengtai LOCATED_IN Beijing;
- "X in eastern China's Jiangsu Province" -> X LOCATED_IN Jiangsu (not China: the sentence names
  the province as X's place);
- a body's epithet of place: "SMIC, Shanghai's largest chipmaker", "Geely, a carmaker from Zhejiang",
  "the Shenzhen company DJI" -> X LOCATED_IN Y (a province or smaller: "China's largest" is no address);
- a group of bodies in a place and its members: "universities in Wuhan, including A and B" -> A, B
  LOCATED_IN Wuhan;
- a place that only modifies a name is no partner: "the Xuzhou-based XCMG and the Changsha-based
  Zoomlion signed ..." (:meth:`ClauseRules.modifier_places`);
- an address is no partnership: "A, B" with A stated to be in B ("Longgang District, Shenzhen,
  hosted E") names one place, not two partners (:func:`not_partners_in_place`).

The words are the lexicon's ``[clauses]`` section, with ``[dep]`` ``locate_verbs`` / ``place_nouns``
and ``[places]`` ``part_nouns``.
"""
from __future__ import annotations

from extract.rules.common import ACTOR, PLACE, cooperate_all, singular
from extract.rules.places import LEVEL_RANK

ORG = ("Organisation",)
PROVINCE_RANK = LEVEL_RANK["province"]
SAME = ("Organisation", "Project")


class ClauseRules:
    """The relations of one sentence stated by the clauses above."""

    def __init__(self, lex: dict, dep, places):
        c = lex.get("clauses", {})
        self.dep = dep
        self.places = places
        self.belong = set(c.get("belong_participles", ()))
        self.found = set(c.get("found_participles", ()))
        self.under_nouns = set(c.get("under_body_nouns", ()))
        self.as_nouns = set(c.get("as_part_nouns", ()))
        self.fronted = set(c.get("fronted_place_participles", ()))
        self.fronted_words = set(c.get("fronted_place_words", ())) | set(lex.get("places", {}).get("part_nouns", ()))
        self.locate = set(lex["dep"].get("locate_verbs", ()))
        self.seat_nouns = set(c.get("seat_nouns", ()))
        self.group_nouns = set(c.get("located_group_nouns", ()))
        self.joint_verbs = set(c.get("joint_subject_verbs", ()))
        self.joint_objects = set(c.get("joint_object_nouns", ()))
        self.joint_people = set(c.get("joint_people_nouns", ()))
        self.modifier_words = set(c.get("place_modifier_participles", ()))
        self.epithets = set(c.get("body_epithets", ()))
        self.own_verbs = set(c.get("own_unit_verbs", ()))
        self.not_epithets = set(lex["dep"].get("place_nouns", ())) | set(c.get("person_nouns", ()))

    def __call__(self, doc, sent, top, out, ms=()):
        if not top:
            return
        at = self.dep.index(top)
        self._noun_participle(doc, sent, at, out)
        self._joint_agents(doc, sent, at, out)
        self._be_under(doc, sent, at, out)
        self._joint_subjects(doc, sent, at, out)
        self._on_behalf(doc, sent, at, out)
        self._as_part(doc, sent, at, out)
        self._own_unit(doc, sent, at, out)
        self._fronted_place(doc, sent, at, out)
        self._seat_in(doc, sent, at, out)
        self._group_in(doc, sent, at, out)
        self._nested_parent(top, ms, out)
        self._in_possessive(doc, sent, at, out)
        self._epithet_place(doc, sent, top, at, out)

    # -- "X is a <noun> affiliated to Y / co-established by A and B / under Y" ---------------------
    def _described(self, noun, at):
        """The name a noun says something of: the copula's subject ("X is a noun"), or the name it is
        in apposition to ("X, a noun, ...")."""
        if noun.dep_ == "attr" and noun.head.lemma_ in ("be", "become", "remain"):
            s = self.dep.subject(noun.head)
            return at.get(s.i) if s is not None else None
        if noun.dep_ == "appos" and noun.head.i < noun.i:
            return at.get(noun.head.i)
        return None

    def _noun_participle(self, doc, sent, at, out):
        for n in sent:
            if n.pos_ not in ("NOUN", "PROPN") or n.dep_ not in ("attr", "appos") or n.i in at:
                continue
            x = self._described(n, at)
            if x is None or x.get("anaphor") or x["label"] not in SAME + PLACE:
                continue
            for c in n.children:
                low = c.lemma_.lower()
                if c.dep_ == "prep" and c.lower_ == "of" and n.lower_ == "part" and x["label"] in PLACE:
                    # "the Qilu Software Park, part of the Jinan High-tech Zone": a place's part lies in it
                    for y in self._objects(c, at, PLACE):
                        zones = self.places.rank(x) == self.places.rank(y) == LEVEL_RANK["zone"]  # a park of a zone
                        if self._may_lie_in(x, y) or zones and x["key"] != y["key"] and not self.places.parent_conflict(x, y):
                            out.append((x, "LOCATED_IN", y, {}, 0.75, "place-part-of"))
                if c.dep_ == "prep" and c.lower_ == "of" and n.lower_ in self.as_nouns and x["label"] == "Organisation":
                    # "X, a research centre of Y": a unit noun "of" a body
                    for y in self._objects(c, at, ORG):
                        out.append((x, "PART_OF", y, {}, 0.7, "noun-of"))
                if c.dep_ == "prep" and c.lower_ == "under" and n.lemma_.lower() in self.under_nouns:
                    for y in self._objects(c, at, SAME):
                        if y["label"] == x["label"]:
                            out.append((x, "PART_OF", y, {}, 0.7, "noun-under"))
                if c.dep_ not in ("acl", "amod") or c.tag_ not in ("VBN", "JJ"):
                    continue
                if low in self.locate and low not in self.found - {"set", "establish", "found"}:
                    # "X is an annual event held in Y", "X, a county-level city located in Y"
                    for p in c.children:
                        if p.dep_ == "prep" and p.lower_ in ("in", "at"):
                            for y in self._objects(p, at, PLACE):
                                if self._may_lie_in(x, y):
                                    out.append((x, "LOCATED_IN", y, {}, 0.75, "noun-located"))
                if x["label"] in PLACE:
                    continue
                if low in self.belong:
                    for p in c.children:
                        if p.dep_ == "prep" and p.lower_ in ("to", "with"):
                            for y in self._objects(p, at, SAME):
                                if y["label"] == x["label"]:
                                    out.append((x, "PART_OF", y, {}, 0.75, "noun-affiliated"))
                elif low in self.found:
                    founders = []
                    for p in c.children:
                        if p.dep_ == "agent":
                            for o in p.children:
                                if o.dep_ == "pobj":
                                    founders += self.dep.members(doc, o, at, ACTOR, sent)
                    for f in founders:
                        if f["label"] == "Organisation" and x["label"] == "Organisation" and f["key"] != x["key"] \
                                and self.dep.founder_part(sent, x, f):
                            out.append((x, "PART_OF", f, {}, 0.65, "noun-founded-by"))

    def _may_lie_in(self, x, place) -> bool:
        """x may lie in the place: not itself, not a bigger place in a smaller one, not against the gazetteer."""
        if x["key"] == place["key"] or place["label"] not in PLACE:
            return False
        if x["label"] in PLACE:
            rx, rp = self.places.rank(x), self.places.rank(place)
            return not (rx and rp and rx >= rp) and not self.places.parent_conflict(x, place)
        return True

    def _be_under(self, doc, sent, at, out):
        """"X, which is (directly) under Y", "X is under Y": the copula's subject is part of Y."""
        for v in sent:
            if v.lemma_ != "be":
                continue
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "under":
                    s = self.dep.subject(v)
                    x = at.get(s.i) if s is not None else None
                    if x is None or x.get("anaphor") or x["label"] not in SAME:
                        continue
                    for y in self._objects(c, at, SAME):
                        if y["label"] == x["label"] and y["key"] != x["key"]:
                            out.append((x, "PART_OF", y, {}, 0.7, "be-under"))

    def _objects(self, prep, at, labels):
        return [m for o in prep.children if o.dep_ == "pobj" for m in self.dep.named(o, at, labels, loose=False)]

    # -- "co-founded by A and B", "jointly set up by A, B and C" ------------------------------------
    def _joint_agents(self, doc, sent, at, out):
        for v in sent:
            if v.pos_ not in ("VERB", "AUX") or v.tag_ != "VBN" or not self.dep.co_prefixed(doc, v):
                continue
            group = []
            for p in v.children:
                if p.dep_ == "agent":
                    for o in p.children:
                        if o.dep_ == "pobj":
                            group += [m for m in self.dep.members(doc, o, at, ACTOR, sent) if not m.get("anaphor")]
            if len(group) >= 2:
                cooperate_all(group, 0.7, "joint-agents", out)

    # -- "A and B have carried out cooperation", "Representatives of A and B signed an agreement" ---
    def _joint_verb(self, v) -> bool:
        if v.lemma_.lower() in self.joint_verbs:
            return True
        return any(c.dep_ == "dobj" and (c.lemma_.lower() in self.joint_objects or any(
            g.dep_ in ("compound", "amod") and g.lemma_.lower() in self.joint_objects for g in c.children)) for c in v.children)

    def _joint_subjects(self, doc, sent, at, out):
        for v in sent:
            if v.pos_ != "VERB" or not self._joint_verb(v):
                continue
            subj = [c for c in v.children if c.dep_ == "nsubj"]
            if not subj:
                continue
            s = subj[0]
            if s.i in at:
                group = self._left_list(doc, sent, at, at[s.i]) + self.dep.members(doc, s, at, ACTOR, sent)
                conf = 0.7
            elif singular(s.lower_) in self.joint_people:
                group = [m for p in s.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj" for m in self.dep.members(doc, o, at, ACTOR, sent)]
                conf = 0.65
            else:
                continue
            uniq = []
            for m in group:
                if m["label"] in ACTOR and not m.get("anaphor") and m["key"] not in {u["key"] for u in uniq}:
                    uniq.append(m)
            if len(uniq) >= 2:
                cooperate_all(uniq, conf, "joint-subjects", out)

    def _on_behalf(self, doc, sent, at, out):
        """"On behalf of A, Li Ming signed the agreement with B": the body a person signs for works with B."""
        for t in sent:
            if t.lower_ != "behalf" or t.i < 1 or doc[t.i - 1].lower_ != "on" or t.i + 2 >= sent.end or doc[t.i + 1].lower_ != "of":
                continue
            k = t.i + 2
            while k < sent.end and doc[k].lower_ == "the":
                k += 1
            a = at.get(k)
            if a is None or a["s"] != k or a["label"] not in ACTOR or a.get("anaphor"):
                continue
            for v in sent:
                if v.pos_ != "VERB" or not self._joint_verb(v):
                    continue
                heads = [v] + [c for c in v.children if c.dep_ == "dobj"]
                for h in heads:
                    for p in h.children:
                        if p.dep_ == "prep" and p.lower_ == "with":
                            for o in p.children:
                                if o.dep_ == "pobj":
                                    for b in self.dep.members(doc, o, at, ACTOR, sent):
                                        if b["key"] != a["key"] and not b.get("anaphor"):
                                            out.append((a, "COOPERATES_WITH", b, {}, 0.65, "on-behalf-with"))

    @staticmethod
    def _left_list(doc, sent, at, m):
        """The names of a plain list ending with m ("A and B", "A, B and C") the parser did not coordinate
        ("Changchun and Jilin University have ...": A read as a modifier); from the sentence's start or
        a comma, through an "and"."""
        got, k, joined = [], m["s"], False
        while k - 2 >= sent.start and doc[k - 1].lower_ in ("and", ",", "&"):
            joined = joined or doc[k - 1].lower_ in ("and", "&")
            j = k - 2
            while j >= sent.start and doc[j].lower_ == "the":
                j -= 1
            prev = at.get(j)
            if prev is None or prev["e"] != j + 1 or prev["label"] not in ACTOR:
                break
            got.insert(0, prev)
            k = prev["s"]
            while k - 1 >= sent.start and doc[k - 1].lower_ == "the":
                k -= 1
        start = k == sent.start or doc[k - 1].text in (",", ";", ":")
        return got if got and joined and start else []

    # -- "As a subsidiary of Y, X ..." -----------------------------------------------------------
    def _as_part(self, doc, sent, at, out):
        k = sent.start
        if doc[k].lower_ != "as":
            return
        k += 1
        while k < sent.end and doc[k].lower_ in ("a", "an", "the", "one", "wholly-owned", "key", "major", "direct"):
            k += 1
        if k + 1 >= sent.end or doc[k].lower_ not in self.as_nouns or doc[k + 1].lower_ not in ("of", "under"):
            return
        k += 2
        while k < sent.end and doc[k].lower_ == "the":
            k += 1
        y = at.get(k)
        if y is None or y["s"] != k or y["label"] != "Organisation" or y.get("anaphor"):
            return
        x = self._after_comma(doc, sent, y["e"], at)
        if x is not None and x["label"] == "Organisation" and x["key"] != y["key"]:
            out.append((x, "PART_OF", y, {}, 0.7, "as-part-of"))

    def _own_unit(self, doc, sent, at, out):
        """"A opened its Southwest Branch in Chengdu", "A set up its X in 2020": the body a body sets up
        as its own ("its" on the object's name) is part of it."""
        for v in sent:
            if v.pos_ != "VERB" or v.lemma_.lower() not in self.own_verbs or self.dep.is_passive(v):
                continue
            s = self.dep.subject(v)
            a = at.get(s.i) if s is not None else None
            if a is None or a["label"] != "Organisation" or a.get("anaphor"):
                continue
            for d in v.children:
                x = at.get(d.i) if d.dep_ == "dobj" else None
                if x is None or x["label"] != "Organisation" or x.get("anaphor") or x["key"] == a["key"]:
                    continue
                if any(c.dep_ == "poss" and c.lower_ == "its" for k in range(x["s"], x["e"]) for c in doc[k].children):
                    out.append((x, "PART_OF", a, {}, 0.7, "own-unit"))

    def _after_comma(self, doc, sent, k, at):
        """The name that opens the main clause after a fronted phrase ending at token k (", the X")."""
        if k >= sent.end or doc[k].text != ",":
            return None
        k += 1
        while k < sent.end and doc[k].lower_ == "the":
            k += 1
        m = at.get(k)
        return m if m is not None and m["s"] == k and not m.get("anaphor") else None

    # -- "Headquartered in Y, X ..." -------------------------------------------------------------
    def _fronted_place(self, doc, sent, at, out):
        k = sent.start
        if doc[k].lower_ not in self.fronted or k + 1 >= sent.end or doc[k + 1].lower_ not in ("in", "at"):
            return
        k += 1
        while k < sent.end and k not in at and doc[k].lower_ in self.fronted_words:
            k += 1
        place = at.get(k)
        if place is None or place["s"] != k or place["label"] not in PLACE or place.get("anaphor"):
            return
        k = place["e"]
        # "in Hefei, Anhui Province, the company ...": the wider places of the address
        while k + 1 < sent.end and doc[k].text == "," and k + 1 in at and at[k + 1]["s"] == k + 1 \
                and at[k + 1]["label"] in PLACE and at[k + 1]["e"] < sent.end and doc[at[k + 1]["e"]].text == ",":
            k = at[k + 1]["e"]
        x = self._after_comma(doc, sent, k, at)
        if x is not None and x["label"] in ("Organisation", "City", "Project") and self._may_lie_in(x, place):
            out.append((x, "LOCATED_IN", place, {}, 0.75, "fronted-place"))

    # -- "The headquarters of X are in Y", "X's headquarters is located in Y" -------------------------
    def _seat_in(self, doc, sent, at, out):
        for n in sent:
            if n.lower_ not in self.seat_nouns or n.dep_ not in ("nsubj", "nsubjpass") or n.i in at:
                continue
            owner = None
            for c in n.children:
                if c.dep_ == "poss" and c.i in at:
                    owner = at[c.i]
                elif c.dep_ == "prep" and c.lower_ == "of":
                    got = self._objects(c, at, ("Organisation",))
                    owner = got[0] if got else owner
            if owner is None or owner["label"] != "Organisation" or owner.get("anaphor"):
                continue
            v = n.head
            preps = [c for c in v.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
            if v.lemma_ != "be":
                preps = preps if v.lemma_.lower() in self.locate else []
            for p in preps:
                for y in self._objects(p, at, PLACE):
                    if self._may_lie_in(owner, y):
                        out.append((owner, "LOCATED_IN", y, {}, 0.75, "seat-in"))

    # -- "universities in Wuhan, including A and B" ------------------------------------------------
    def _group_in(self, doc, sent, at, out):
        """Read on the tokens (the parser hangs the list anywhere): a plural noun, "in" / "from" and a
        place, then a list marker and the names."""
        for n in sent:
            if n.lemma_.lower() not in self.group_nouns or n.tag_ not in ("NNS", "NNPS") or n.i in at:
                continue
            k = n.i + 1
            if k + 1 >= sent.end or doc[k].lower_ not in ("in", "from"):
                continue
            place = at.get(k + 1)
            if place is None or place["s"] != k + 1 or place["label"] not in PLACE or place.get("anaphor"):
                continue
            k = place["e"]
            if k < sent.end and doc[k].text == ",":
                k += 1
            if k >= sent.end or doc[k].lower_ not in self.dep.list_markers:
                continue
            k += 1
            while k < sent.end and doc[k].lower_ in ("as", "the"):
                k += 1
            first = at.get(k)
            if first is None or first["s"] != k or first["label"] != "Organisation" or first.get("anaphor"):
                continue
            for m in self.dep.expand(doc, first, at, ("Organisation",), sent):
                if not m.get("anaphor") and self._may_lie_in(m, place):
                    out.append((m, "LOCATED_IN", place, {}, 0.7, "group-in"))


    def _epithet_place(self, doc, sent, top, at, out):
        """A body described by a common noun of its place: "SMIC, Shanghai's largest chipmaker", "Geely,
        a carmaker from Zhejiang" (an apposition), "the Shenzhen company DJI" (the noun before the
        name). A country or a wider region is no address ("Alibaba, China's largest ..."); nor is a
        place noun ("Pudong, Shanghai's new district" is the gazetteer's) or a person's noun."""
        for n in sent:
            if n.dep_ != "appos" or n.pos_ != "NOUN" or n.i in at or n.head.i >= n.i:
                continue
            x = at.get(n.head.i)
            if x is None or x["label"] != "Organisation" or x.get("anaphor") or n.lemma_.lower() in self.not_epithets:
                continue
            for c in n.children:
                places = []
                if c.dep_ == "poss" and c.i in at:
                    places = [at[c.i]]
                elif c.dep_ == "prep" and c.lower_ in ("from", "in"):
                    places = self._objects(c, at, PLACE)
                for y in places:
                    if y["label"] in PLACE and 0 < self.places.rank(y) <= PROVINCE_RANK and self._may_lie_in(x, y):
                        out.append((x, "LOCATED_IN", y, {}, 0.7, "epithet-place"))
        # "the Shenzhen company DJI": a place, one to three lower-case words ending in a body noun, the name
        for y in top:
            if y["label"] not in PLACE or y.get("anaphor") or not (0 < self.places.rank(y) <= PROVINCE_RANK):
                continue
            k = y["e"]
            words = 0
            while k < sent.end and words < 3 and k not in at and doc[k].is_lower and doc[k].is_alpha:
                k += 1
                words += 1
            if not words or k >= sent.end or singular(doc[k - 1].lower_) not in self.epithets:
                continue
            x = at.get(k)
            if x is not None and x["s"] == k and x["label"] == "Organisation" and not x.get("anaphor") and self._may_lie_in(x, y):
                out.append((x, "LOCATED_IN", y, {}, 0.7, "epithet-place"))

    def _in_possessive(self, doc, sent, at, out):
        """"X in eastern China's Jiangsu Province": X is in the place the region's possessive names (the
        words before the region, "eastern", keep the plain "X in Y" reading from it)."""
        for t in sent:
            if t.lower_ != "in" or t.i == sent.start:
                continue
            x = at.get(t.i - 1)
            if x is None or x["e"] != t.i or x["label"] not in ("Organisation", "City", "Project") or x.get("anaphor"):
                continue
            k = t.i + 1
            while k < sent.end and k not in at and doc[k].pos_ in ("ADJ", "DET"):
                k += 1
            r = at.get(k)
            if r is None or r["s"] != k or r["label"] not in PLACE or r["e"] + 1 >= sent.end \
                    or doc[r["e"]].lower_ not in ("'s", "’s"):
                continue
            p = at.get(r["e"] + 1)
            if p is not None and p["s"] == r["e"] + 1 and p["label"] in PLACE and self._may_lie_in(x, p):
                out.append((x, "LOCATED_IN", p, {}, 0.75, "in-possessive"))

    def _nested_parent(self, top, ms, out):
        """A place and the one place the gazetteer puts it in, one of them named inside a longer name of
        this sentence ("Fengtai District and Tongzhou District of Beijing", "Fengtai District signed with
        the Science and Technology Commission of Beijing"): the top-level pairs are the surface rules'."""
        nested = [m for m in ms if m.get("nested") and m.get("named") and not m.get("anaphor") and m["label"] in PLACE]
        if not nested:
            return
        here = [m for m in top if m["label"] in PLACE and not m.get("anaphor")] + nested
        by_name: dict[str, list] = {}
        for m in here:
            by_name.setdefault((m["props"].get("canon") or m["text"]).lower(), []).append(m)
        for a in here:
            parents = self.places.parents_of((a["props"].get("canon") or a["text"]).lower()) or set()
            if len(parents) != 1:
                continue  # a name two places share says no parent
            for b in by_name.get(next(iter(parents)), ()):
                if (a.get("nested") or b.get("nested")) and self._may_lie_in(a, b):
                    out.append((a, "LOCATED_IN", b, {}, 0.6, "gazetteer-nested"))


    def modifier_places(self, doc, found: list) -> list:
        """Drop COOPERATES_WITH of a place that only modifies a body's name ("the Xuzhou-based XCMG
        and the Changsha-based Zoomlion signed ...": the cities sign nothing); by the mention, so that
        the same place named as an actor elsewhere in the sentence keeps its partners."""
        def modifier(m):
            e = m["e"]
            return m["label"] in PLACE and e + 1 < len(doc) and doc[e].text in ("-", "–") \
                and doc[e + 1].lower_ in self.modifier_words
        return [row for row in found if not (row[1] == "COOPERATES_WITH" and (modifier(row[0]) or modifier(row[2])))]


def not_partners_in_place(doc, found: list, name_only=()) -> list:
    """Drop COOPERATES_WITH between two places written as one address, "A, B" (a comma between them),
    one of which the sentence puts in the other ("Longgang District, Shenzhen, hosted E": not two
    co-hosts). A place only a body's name gives (``name_only`` rules) is no such statement; nor are
    "Zhejiang Province and Jiaxing", two actors a list names apart."""
    inside = set()
    for s, typ, t, _p, _c, rule in found:
        if typ == "LOCATED_IN" and s["label"] in PLACE and t["label"] in PLACE and rule not in name_only:
            a, b = sorted((s, t), key=lambda m: m["s"])
            if b["s"] == a["e"] + 1 and doc[a["e"]].text == ",":
                inside.add(frozenset((s["key"], t["key"])))
    if not inside:
        return found
    return [row for row in found if not (row[1] == "COOPERATES_WITH" and frozenset((row[0]["key"], row[2]["key"])) in inside)]

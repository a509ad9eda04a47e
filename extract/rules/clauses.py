"""PART_OF, COOPERATES_WITH and LOCATED_IN stated by a clause around a common noun or a fronted phrase
(the dependency patterns read a relation only when its verb has the name itself as subject or object):

- the copula's (or an apposition's) noun and its participle: "X is a research institute affiliated to
  Y", "X, a unit subordinate to Y, ..." -> X PART_OF Y; "X is a platform co-established by A and B"
  -> X PART_OF A (a parent body: :meth:`DepInterpreter.founder_part`), A COOPERATES_WITH B;
- the copula's body noun "under" its parent: "X is a university under Y", "X, which is under Y",
  "X was set up under Y", "X is one of 20 bases under P", and an apposition's unit noun "of" it:
  "X, a research centre of Y" -> X PART_OF Y;
- joint agents: "co-founded by A and B", "jointly set up by A, B and C" -> every two of the agents
  cooperate, whatever the participle's subject is (a place too: "jointly built by A and Ningbo");
- joint subjects: "A and B have carried out extensive cooperation" (a plain list the parser did
  not coordinate) -> A COOPERATES_WITH B (a signers' noun, "Representatives of A and B signed ...",
  is :meth:`extract.rules.partners.PartnerRules._group_signers`'s);
- a signer's body: "On behalf of A, Li Ming signed the agreement with B" -> A COOPERATES_WITH B;
- a body's own unit: "A opened its Southwest Branch in Chengdu" -> the branch PART_OF A;
- a fronted "as" phrase: "As a subsidiary of Y, X ..." -> X PART_OF Y;
- a place's part: "the Qilu Software Park, part of the Jinan High-tech Zone" -> LOCATED_IN (PART_OF
  joins bodies and projects only);
- the copula's (apposition's) noun placed by its participle: "X is an annual event held in Y",
  "X, a county-level city located in Y" -> X LOCATED_IN Y;
- the addresses of :mod:`extract.rules.addresses` (a fronted participle, a seat, an epithet of place);
- a place that only modifies a name is no partner: "the Xuzhou-based XCMG and the Changsha-based
  Zoomlion signed ..." (:meth:`ClauseRules.modifier_places`);
- an address is no partnership: "A, B" with A stated to be in B ("Longgang District, Shenzhen,
  hosted E") names one place, not two partners (:func:`not_partners_in_place`).

The words are the lexicon's ``[clauses]`` section, with ``[dep]`` ``locate_verbs`` and ``belong_words``.
"""
from __future__ import annotations

from extract.rules.addresses import AddressRules, after_comma
from extract.rules.common import ACTOR, PLACE, behalf, cooperate_all, joint_verb, singular
from extract.rules.places import LEVEL_RANK

ORG = ("Organisation",)
SAME = ("Organisation", "Project")


class ClauseRules:
    """The relations of one sentence stated by the clauses above."""

    def __init__(self, lex: dict, dep, places):
        c = lex.get("clauses", {})
        self.dep = dep
        self.places = places
        self.belong = set(lex["dep"].get("belong_words", ()))  # the lemmas of belonging (with "to" / "with")
        self.found = set(c.get("found_participles", ()))
        self.found_only = self.found - {"set", "establish", "found"}  # founding participles that place nothing ("built in Y")
        self.under_nouns = set(c.get("under_body_nouns", ()))
        self.as_nouns = set(c.get("as_part_nouns", ()))
        self.locate = set(lex["dep"].get("locate_verbs", ()))
        self.joint_verbs = set(c.get("joint_subject_verbs", ()))
        self.joint_objects = set(c.get("joint_object_nouns", ()))
        self.membership = set(c.get("membership_verbs", ()))
        self.modifier_words = set(c.get("place_modifier_participles", ()))
        self.own_verbs = set(c.get("own_unit_verbs", ()))
        self.addresses = AddressRules(lex, dep, places)

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
        self.addresses(doc, sent, top, at, out, ms)

    # -- "X is a <noun> affiliated to Y / co-established by A and B / under Y" ---------------------
    def _described(self, noun, at):
        """The name a noun says something of: the copula's subject ("X is a noun"), or the name it is
        in apposition to ("X, a noun, ...")."""
        if noun.dep_ == "attr" and noun.head.lemma_ in ("be", "become", "remain"):
            return self.dep.subject_name(noun.head, at)
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
                    for y in self.dep.pobj_names(c, at, PLACE):
                        zones = self.places.rank(x) == self.places.rank(y) == LEVEL_RANK["zone"]  # a park of a zone
                        if self.places.may_lie_in(x, y) or zones and x["key"] != y["key"] and not self.places.parent_conflict(x, y):
                            out.append((x, "LOCATED_IN", y, {}, 0.75, "place-part-of"))
                if c.dep_ == "prep" and c.lower_ == "of" and n.lower_ in self.as_nouns and x["label"] == "Organisation":
                    # "X, a research centre of Y": a unit noun "of" a body
                    for y in self.dep.pobj_names(c, at, ORG):
                        out.append((x, "PART_OF", y, {}, 0.7, "noun-of"))
                if c.dep_ == "prep" and c.lower_ == "under" and n.lemma_.lower() in self.under_nouns:
                    for y in self.dep.pobj_names(c, at, SAME):
                        if y["label"] == x["label"]:
                            out.append((x, "PART_OF", y, {}, 0.7, "noun-under"))
                if c.dep_ not in ("acl", "amod") or c.tag_ not in ("VBN", "JJ"):
                    continue
                if low in self.locate and low not in self.found_only:
                    # "X is an annual event held in Y", "X, a county-level city located in Y"
                    for y in self.dep.prep_names(c, at, PLACE, ("in", "at")):
                        if self.places.may_lie_in(x, y):
                            out.append((x, "LOCATED_IN", y, {}, 0.75, "noun-located"))
                if x["label"] in PLACE:
                    continue
                if low in self.belong:
                    for y in self.dep.prep_names(c, at, SAME, ("to", "with")):
                        if y["label"] == x["label"]:
                            out.append((x, "PART_OF", y, {}, 0.75, "noun-affiliated"))
                elif low in self.found:
                    founders = [m for o in self.dep.prep_objects(c, dep="agent") for m in self.dep.members(doc, o, at, ACTOR, sent)]
                    for f in founders:
                        if f["label"] == "Organisation" and x["label"] == "Organisation" and f["key"] != x["key"] \
                                and self.dep.founder_part(sent, x, f):
                            out.append((x, "PART_OF", f, {}, 0.65, "noun-founded-by"))

    def _be_under(self, doc, sent, at, out):
        """"X, which is (directly) under Y", "X was set up under Y", "X is one of 20 bases under (of) P":
        the subject is part of Y (a body of a body, a project of a project)."""
        for v in sent:
            low = v.lemma_.lower()
            founded = low in self.found and v.tag_ == "VBN" and self.dep.is_passive(v)
            if low != "be" and not founded:
                continue
            preps = [(c, 0.7 if low == "be" else 0.65) for c in v.children if c.dep_ == "prep" and c.lower_ == "under"]
            if low == "be":
                # "one of the 20 bases under P": the group noun's "under" / "of"
                for a in v.children:
                    if a.dep_ == "attr" and a.lower_ == "one":
                        for o in self.dep.prep_objects(a, ("of",)):
                            if singular(o.lower_) in self.under_nouns:
                                preps += [(c, 0.7) for c in o.children if c.dep_ == "prep" and c.lower_ in ("under", "of")]
            if not preps:
                continue
            x = self.dep.subject_name(v, at, SAME)
            if x is None:
                continue
            for c, conf in preps:
                for y in self.dep.pobj_names(c, at, SAME):
                    if y["label"] == x["label"] and y["key"] != x["key"]:
                        out.append((x, "PART_OF", y, {}, conf, "be-under"))

    # -- "co-founded by A and B", "jointly set up by A, B and C" ------------------------------------
    def _joint_agents(self, doc, sent, at, out):
        for v in sent:
            if v.pos_ not in ("VERB", "AUX") or v.tag_ != "VBN" or not self.dep.co_prefixed(doc, v):
                continue
            group = [m for o in self.dep.prep_objects(v, dep="agent") for m in self.dep.members(doc, o, at, ACTOR, sent)
                     if not m.get("anaphor")]
            if len(group) >= 2:
                cooperate_all(group, 0.7, "joint-agents", out)

    # -- "A and B have carried out cooperation" ----------------------------------------------------
    def _joint_verb(self, v) -> bool:
        return joint_verb(v, self.joint_verbs, self.joint_objects, self.membership)

    def _joint_subjects(self, doc, sent, at, out):
        for v in sent:
            if v.pos_ != "VERB" or not self._joint_verb(v):
                continue
            subj = [c for c in v.children if c.dep_ == "nsubj"]
            if not subj:
                continue
            s = subj[0]
            if s.i not in at:
                continue  # "Representatives of A and B signed ...": PartnerRules._group_signers
            group = self._left_list(doc, sent, at, at[s.i]) + self.dep.members(doc, s, at, ACTOR, sent)
            uniq = []
            for m in group:
                if m["label"] in ACTOR and not m.get("anaphor") and m["key"] not in {u["key"] for u in uniq}:
                    uniq.append(m)
            if len(uniq) >= 2:
                cooperate_all(uniq, 0.7, "joint-subjects", out)

    def _on_behalf(self, doc, sent, at, out):
        """"On behalf of A (and B), Li Ming signed the agreement with C": the bodies a person signs for work with C."""
        bodies = [a for a in behalf(doc, sent, at) if not a.get("anaphor")]
        if not bodies:
            return
        for v in sent:
            if v.pos_ != "VERB" or not self._joint_verb(v):
                continue
            heads = [v] + [c for c in v.children if c.dep_ == "dobj"]
            for o in (o for h in heads for o in self.dep.prep_objects(h, ("with",))):
                for b in self.dep.members(doc, o, at, ACTOR, sent):
                    for a in bodies:
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
        x = after_comma(doc, sent, y["e"], at)
        if x is not None and x["label"] == "Organisation" and x["key"] != y["key"]:
            out.append((x, "PART_OF", y, {}, 0.7, "as-part-of"))

    def _own_unit(self, doc, sent, at, out):
        """"A opened its Southwest Branch in Chengdu", "A set up its X in 2020": the body a body sets up
        as its own ("its" on the object's name) is part of it."""
        for v in sent:
            if v.pos_ != "VERB" or v.lemma_.lower() not in self.own_verbs or self.dep.is_passive(v):
                continue
            a = self.dep.subject_name(v, at, ORG)
            if a is None:
                continue
            for d in v.children:
                x = at.get(d.i) if d.dep_ == "dobj" else None
                if x is None or x["label"] != "Organisation" or x.get("anaphor") or x["key"] == a["key"]:
                    continue
                if any(c.dep_ == "poss" and c.lower_ == "its" for k in range(x["s"], x["e"]) for c in doc[k].children):
                    out.append((x, "PART_OF", a, {}, 0.7, "own-unit"))

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

"""COOPERATES_WITH and PART_OF between two bodies the sentence does not join by a trigger the other
rules read.

- "the two sides": "A and B held talks on Monday. The two sides signed an agreement" -> A and B
  cooperate (the pair is the last two bodies coordinated in the article, "the two cities", "both
  universities" too);
- talks: "A held talks with B", "A and B held talks" -> A and B cooperate (a little less sure);
- signers: "A, mayor of X, and B, president of Y, signed the agreement" / "... on behalf of X and Y" ->
  X and Y cooperate;
- ownership: "B, owned by A", "the A-owned B", "A's subsidiary B", "B, an A affiliate" -> B is part
  of A;
- the address form of a unit: "Institute of Process Engineering, Chinese Academy of Sciences",
  "School of Physics, Nanchang University" -> the unit is part of the academy or university;
- partner nouns: "B, a (strategic) partner of A", "B is a sister city of A" (0.7), "A's partner B",
  "A and its partners B and C" (0.65) -> they cooperate;
- joint things and owned cooperation: "a joint venture of A and B", "A and B's cooperation / joint lab";
- signers' groups: "Representatives of A and B signed the agreement", "A and B representatives signed",
  "Officials from A and B have carried out cooperation" (any verb of joint action);
- paired aid: "A has provided counterpart assistance to B" (0.65).

The words are the lexicon's ``[constructions]`` section (``side_nouns``, ``talk_nouns``,
``pair_verbs``, ``unit_nouns``, ``partner_nouns``, ``sister_words``, ``sister_nouns``, ``joint_words``,
``signer_nouns``, ``aid_nouns``, ``paired_words``), ``[units]`` ``parent_heads`` and ``[clauses]``
``joint_subject_verbs`` / ``joint_object_nouns``.
"""
from __future__ import annotations

from extract.rules.common import ACTOR, behalf, cooperate_all, joint_verb, names_from, singular


class PartnerRules:
    """Pairs of bodies in one sentence, with the article's last coordinated pair (kept per document)."""

    def __init__(self, lex: dict, dep):
        c = lex.get("constructions", {})
        self.dep = dep
        self.side_nouns = set(c.get("side_nouns", ()))
        self.talk_nouns = set(c.get("talk_nouns", ()))
        self.pair_verbs = set(c.get("pair_verbs", ()))
        self.unit_nouns = set(c.get("unit_nouns", ()))
        self.partner_nouns = set(c.get("partner_nouns", ()))
        self.sister_words = set(c.get("sister_words", ()))
        self.sister_nouns = set(c.get("sister_nouns", ()))
        self.joint_words = set(c.get("joint_words", ()))
        self.signer_nouns = set(c.get("signer_nouns", ()))
        cl = lex.get("clauses", {})  # the verbs of joint action ("cooperate", "carried out cooperation")
        self.joint_verbs = set(cl.get("joint_subject_verbs", ()))
        self.joint_objects = set(cl.get("joint_object_nouns", ()))
        self.membership = set(cl.get("membership_verbs", ()))
        self.coop_nouns = set(lex.get("discourse", {}).get("cooperation_nouns", ()))
        self.aid_nouns = set(c.get("aid_nouns", ()))
        self.paired_words = set(c.get("paired_words", ()))
        self.parent_heads = frozenset(lex.get("units", {}).get("parent_heads", ()))  # the last words of a unit's parent

    def __call__(self, doc, sent, top, out, memo: dict):
        """Append the sentence's relations to out; ``memo`` holds the article's last pair (one dict per document)."""
        at = self.dep.index(top)
        self._two_sides(doc, sent, at, out, memo)
        self._talks(doc, sent, at, out)
        self._owned(doc, sent, top, at, out)
        self._unit_comma_parent(doc, sent, top, out)
        self._signers_bodies(doc, sent, top, at, out)
        self._partner_noun(doc, sent, top, at, out)
        self._joint_of(doc, sent, at, out)
        self._group_signers(doc, sent, at, out)
        self._pair_possessive(doc, sent, top, out)
        self._paired_aid(doc, sent, at, out)
        self._remember_pair(doc, sent, top, at, memo)

    SIGN = ("sign", "ink")
    DEEDS = ("agreement", "memorandum", "contract", "mou", "deal", "pact", "accord", "framework", "letter")

    def _signers_bodies(self, doc, sent, top, at, out):
        """"A, mayor of X, and B, president of Y, signed the agreement" / "A and B signed the agreement
        on behalf of X and Y (respectively)": people sign for their bodies, so the bodies cooperate
        (the offices are the sentence's HOLDS_POSITION rows; "on behalf of" names the bodies itself)."""
        for t in sent:
            if t.lemma_.lower() not in self.SIGN or t.pos_ != "VERB":
                continue
            deed = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in self.DEEDS), None)
            if deed is None:
                continue
            if self.dep.is_passive(t):
                agents = [p for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
                subj = agents[0] if agents else None
            else:
                subj = self.dep.subject(t)
            if subj is None or subj.i not in at or at[subj.i]["label"] != "Person":
                continue
            signers = self.dep.members(doc, subj, at, ("Person",), sent, offices=True)
            if len(signers) < 2:
                continue
            named = behalf(doc, sent, at)
            if len(named) >= 2:
                bodies = [(None, m) for m in named]
            else:
                keys = {m["key"] for m in signers}
                bodies = [(src["key"], tgt) for src, typ, tgt, _p, _c, rule in out
                          if typ == "HOLDS_POSITION" and src["key"] in keys and tgt["label"] in ACTOR and not rule.endswith("-parent")]
            for x in range(len(bodies)):
                for y in range(x + 1, len(bodies)):
                    (sa, a), (sb, b) = bodies[x], bodies[y]
                    if a["key"] != b["key"] and (sa is None or sa != sb):  # one signer's two offices are no pair
                        out.append((a, "COOPERATES_WITH", b, {}, 0.65, "signers-bodies"))
            return

    COPULA = ("is", "was", "are", "were", "be", "been", "become", "became", "becomes", "remains", "remain", "has", "have", "also")

    def _is_partner(self, doc, t) -> bool:
        """A partner noun ("partner", "allies"), or a place noun made one ("sister city", "twin cities")."""
        low = t.lower_
        return low in self.partner_nouns or (low in self.sister_nouns and t.i > 0 and doc[t.i - 1].lower_ in self.sister_words)

    def _partner_noun(self, doc, sent, top, at, out):
        """"B, a (strategic) partner of A" / "B is a sister city of A" (0.7); "A's partner B", "A and its
        partners B and C" (0.65): the bodies are partners."""
        acts = [m for m in top if m["label"] in ACTOR and not m.get("anaphor")]
        ends = {m["e"]: m for m in acts}
        starts = {m["s"]: m for m in acts}
        for t in sent:
            if t.i in at or not self._is_partner(doc, t):
                continue
            # the modifiers before the noun ("a long-term strategic cooperation partner"), at most four words
            j = t.i - 1
            while j >= sent.start and j > t.i - 5 and j not in at and (doc[j].is_alpha and doc[j].text[:1].islower()
                                                                        or doc[j].text == "-") \
                    and doc[j].lower_ not in ("a", "an", "the", "its", "their", "and", "of", "is", "was", "are", "were", "one"):
                j -= 1
            pairs, conf = [], 0.7
            if t.i + 2 < sent.end and doc[t.i + 1].lower_ == "of":
                r = t.i + 2 + (doc[t.i + 2].lower_ == "the")
                a = starts.get(r)
                k = j
                if k >= sent.start and doc[k].lower_ == "the" and k - 2 >= sent.start and doc[k - 1].lower_ == "of" \
                        and doc[k - 2].lower_ == "one":
                    k -= 2  # "one of the partners of A"
                if k >= sent.start and doc[k].lower_ in ("a", "an", "the", "one"):
                    k -= 1
                b = None
                if k >= sent.start and doc[k].text == ",":
                    b = ends.get(k)  # "B, a partner of A"
                else:
                    while k >= sent.start and doc[k].lower_ in self.COPULA:
                        k -= 1
                    b = ends.get(k + 1) if k + 1 < j else None  # "B is a partner of A"
                if a is not None and b is not None:
                    pairs = [(b, a)]
            elif j >= sent.start and doc[j].lower_ in ("'s", "’s", "its", "their"):
                # "A's partner B", "A and its partners B and C"
                if doc[j].lower_ in ("'s", "’s"):
                    a = ends.get(j)
                else:
                    a = ends.get(j - 1) if j - 1 >= sent.start and doc[j - 1].lower_ == "and" else None
                if a is not None:
                    members = names_from(doc, sent, at, t.i + 1, ACTOR,
                                         lambda q: doc[q].lower_ in (",", "and", "the", "including", "namely", "such", "as",
                                                                     "include", "includes", "included", "are", "were"))[0]
                    if not members and doc[j].lower_ in ("'s", "’s") and a["s"] - 1 >= sent.start and doc[a["s"] - 1].text == "," \
                            and t.i + 1 < sent.end and doc[t.i + 1].text == ",":
                        b = ends.get(a["s"] - 1)  # "B, A's partner, ..."
                        members = [b] if b is not None else []
                    pairs = [(a, b) for b in members]
                    conf = 0.65
            for a, b in pairs:
                if a["key"] != b["key"]:
                    out.append((a, "COOPERATES_WITH", b, {}, conf, "partner-noun"))

    def _joint_of(self, doc, sent, at, out):
        """"a joint venture of A and B", "the joint research centre of A, B and C": the bodies work together."""
        for t in sent:
            if t.lower_ not in self.joint_words or t.i in at:
                continue
            k = t.i + 1
            while k < sent.end and k < t.i + 5 and k not in at and doc[k].is_alpha and doc[k].lower_ != "of":
                k += 1
            if k == t.i + 1 or k + 1 >= sent.end or doc[k].lower_ != "of":
                continue
            members = names_from(doc, sent, at, k + 1, ACTOR, lambda q: doc[q].lower_ in (",", "and", "the", "&"))[0]
            members = [m for m in members if not m.get("anaphor")]
            cooperate_all(members, 0.7, "joint-of", out)

    def _pair_possessive(self, doc, sent, top, out):
        """"A and B's cooperation", "A and B's joint laboratory": a cooperation the pair owns."""
        acts = [m for m in top if m["label"] in ACTOR and not m.get("anaphor") and not m.get("nested")]
        for a, b in zip(acts, acts[1:]):
            k = b["e"]
            if [doc[q].lower_ for q in range(a["e"], b["s"])] not in (["and"], ["and", "the"], ["&"]):
                continue
            if k + 1 < sent.end and doc[k].lower_ in ("'s", "’s") and doc[k + 1].lower_ in self.coop_nouns | {"strategic", "joint"} \
                    and a["key"] != b["key"]:
                if doc[k + 1].lower_ == "strategic" and not (k + 2 < sent.end and doc[k + 2].lower_ in self.coop_nouns):
                    continue
                out.append((a, "COOPERATES_WITH", b, {}, 0.7, "pair-possessive"))

    def _paired_aid(self, doc, sent, at, out):
        """"A has provided counterpart assistance to B", "A's pairing support for B": paired aid is a
        standing cooperation of the two (plain aid is not)."""
        for n in sent:
            if n.lemma_.lower() not in self.aid_nouns or n.i in at:
                continue
            if not any(c.lower_ in self.paired_words and c.dep_ in ("amod", "compound", "nmod") for c in n.children):
                continue
            bs = [g for c in n.children if c.dep_ == "prep" and c.lower_ in ("to", "for") for g in c.children if g.dep_ == "pobj"]
            if n.head.dep_ == "dobj" or n.dep_ == "dobj":  # "provided ... assistance to B": the "to" may hang on the verb
                v = n.head
                bs += [g for c in v.children if c.dep_ == "prep" and c.lower_ in ("to", "for") for g in c.children if g.dep_ == "pobj"]
            poss = next((c for c in n.children if c.dep_ == "poss"), None)
            a_tok = poss if poss is not None else (self.dep.subject(n.head) if n.dep_ == "dobj" else None)
            a = at.get(a_tok.i) if a_tok is not None else None
            for bt in bs:
                b = at.get(bt.i)
                if a is not None and b is not None and a["label"] in ACTOR and b["label"] in ACTOR and a["key"] != b["key"]:
                    out.append((a, "COOPERATES_WITH", b, {}, 0.65, "paired-aid"))

    def _group_signers(self, doc, sent, at, out):
        """"Representatives of A and B signed the agreement", "the three cities of A, B and C signed a
        pact", "Officials from A and B have carried out cooperation", "A and B representatives signed":
        a subject noun that stands for the bodies after its "of" / "from" or before it."""
        for t in sent:
            if t.pos_ != "VERB" or self.dep.is_passive(t):
                continue
            signs = t.lemma_.lower() in self.SIGN and any(c.dep_ == "dobj" and c.lemma_.lower() in self.DEEDS for c in t.children)
            if not signs and not joint_verb(t, self.joint_verbs, self.joint_objects, self.membership):
                continue
            subj = self.dep.subject(t)
            # the noun's lemma, or its singular ("Representatives" after a title line is its own lemma)
            if subj is None or subj.i in at or not {subj.lemma_.lower(), singular(subj.lower_)} & self.signer_nouns:
                continue
            # the bodies after its "of" / "from" (each phrase: "of A and from B"), else those before it
            members = [m for m in self.dep.group_members(doc, subj, at, sent) if m["label"] in ACTOR]
            if not members:
                c = next((c for c in subj.children if c.dep_ in ("compound", "poss", "nmod") and c.i in at), None)
                # "A and B('s) representatives signed ..."
                members = [m for m in self.dep.members(doc, c, at, ACTOR, sent) if not m.get("anaphor")] if c is not None else []
            cooperate_all(members, 0.7, "group-signers", out)

    @staticmethod
    def _remember_pair(doc, sent, top, at, memo):
        """The last two bodies of one label joined by "and" ("A and B"), for a later "the two sides"."""
        acts = [m for m in top if m["label"] in ACTOR and not m.get("anaphor") and not m.get("nested")]
        for a, b in zip(acts, acts[1:]):
            gap = [doc[k].lower_ for k in range(a["e"], b["s"])]
            if gap in (["and"], ["and", "the"], ["&"]) and a["key"] != b["key"]:
                memo["pair"] = (a, b)

    def _two_sides(self, doc, sent, at, out, memo):
        """"The two sides signed an agreement", "both universities agreed to ...": the remembered pair."""
        pair = memo.get("pair")
        if pair is None:
            return
        for t in sent:
            if t.lower_ not in ("two", "both") or t.i + 1 >= sent.end:
                continue
            noun = doc[t.i + 1]
            if noun.lemma_.lower() not in self.side_nouns or noun.i in at:
                continue
            if t.lower_ == "two" and not (t.i - 1 >= sent.start and doc[t.i - 1].lower_ in ("the", "these")):
                continue
            # the noun is the subject of a cooperation verb ("signed", "agreed", "will jointly build")
            verb = noun.head
            if noun.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in self.pair_verbs:
                continue
            a, b = pair
            if "side" not in noun.lemma_.lower() and "part" not in noun.lemma_.lower():
                # "the two cities" / "both universities": the pair must be of that kind
                want = "City" if noun.lemma_.lower() in ("city", "municipality", "province", "region", "county", "district") else "Organisation"
                if want == "City" and not (a["label"] in ("City", "Region") and b["label"] in ("City", "Region")):
                    continue
                if want == "Organisation" and not (a["label"] == b["label"] == "Organisation"):
                    continue
            out.append((a, "COOPERATES_WITH", b, {}, 0.65, "two-sides"))
            return

    def _talks(self, doc, sent, at, out):
        """"A held talks with B", "A and B held talks (on cooperation)"."""
        for t in sent:
            if t.lemma_.lower() not in self.talk_nouns or t.dep_ != "dobj" or t.head.lemma_.lower() not in ("hold", "have", "conduct"):
                continue
            v = t.head
            subj = self.dep.subject(v)
            if subj is None or subj.i not in at:
                continue
            left = self.dep.members(doc, subj, at, ACTOR, sent)
            withs = [c for c in list(t.children) + list(v.children) if c.dep_ == "prep" and c.lower_ == "with"]
            right = []
            for w in withs:
                for p in w.children:
                    if p.dep_ == "pobj":
                        right += self.dep.members(doc, p, at, ACTOR, sent)
            if right:
                pairs = [(a, b) for a in left for b in right]
            else:
                pairs = [(left[x], left[y]) for x in range(len(left)) for y in range(x + 1, len(left))]
            for a, b in pairs:
                if a["key"] != b["key"]:
                    out.append((a, "COOPERATES_WITH", b, {}, 0.65, "held-talks"))

    def _owned(self, doc, sent, top, at, out):
        """"B, owned by A", "the A-owned B", "A's subsidiary B", "B, an A affiliate"."""
        orgs = [m for m in top if m["label"] == "Organisation" and not m.get("anaphor")]
        starts = {m["s"]: m for m in orgs}
        ends = {m["e"]: m for m in orgs}
        for t in sent:
            low = t.lower_
            if low == "owned":
                if t.i + 1 < sent.end and doc[t.i + 1].lower_ == "by" and t.i - 1 >= sent.start:
                    # "B, (wholly) owned by A"
                    j = t.i - 1
                    while j >= sent.start and doc[j].lower_ in ("wholly", "fully", "majority", "partly", "jointly", ","):
                        j -= 1
                    child = ends.get(j + 1)
                    k = t.i + 2
                    if k < sent.end and doc[k].lower_ == "the":
                        k += 1
                    parent = starts.get(k)
                    if child and parent and child["key"] != parent["key"] and any(doc[x].text == "," for x in range(child["e"], t.i)):
                        out.append((child, "PART_OF", parent, {}, 0.7, "owned-by"))
                elif t.i - 2 >= sent.start and doc[t.i - 1].text in ("-", "–"):
                    # "the A-owned B"
                    parent = ends.get(t.i - 1)
                    child = starts.get(t.i + 1)
                    if child and parent and child["key"] != parent["key"]:
                        out.append((child, "PART_OF", parent, {}, 0.7, "x-owned"))
            elif low in ("'s", "’s") and t.i + 2 < sent.end and doc[t.i + 1].lower_ in self.unit_nouns - {"company", "office", "bureau", "center", "centre", "academy"}:
                # "A's subsidiary B"
                parent = ends.get(t.i)
                k = t.i + 2
                if k < sent.end and doc[k].text == ",":
                    k += 1
                child = starts.get(k)
                if child and parent and child["key"] != parent["key"]:
                    out.append((child, "PART_OF", parent, {}, 0.7, "possessive-unit"))
            elif low in ("affiliate", "subsidiary") and t.i - 2 >= sent.start:
                # "B, an A affiliate"
                parent = ends.get(t.i)
                if parent is None:
                    continue
                j = parent["s"] - 1
                if j - 1 < sent.start or doc[j].lower_ not in ("a", "an", "the") or doc[j - 1].text != ",":
                    continue
                child = ends.get(j - 1)
                if child and child["key"] != parent["key"]:
                    out.append((child, "PART_OF", parent, {}, 0.7, "appositive-affiliate"))

    def _unit_comma_parent(self, doc, sent, top, out):
        """"Institute of X, Chinese Academy of Sciences" / "College of Y, Z University": a unit named
        "<unit> of <field>" then, after a comma, the body it belongs to."""
        orgs = [m for m in top if m["label"] == "Organisation" and not m.get("anaphor")]
        starts = {m["s"]: m for m in orgs}
        for a in orgs:
            w = a["text"].split()
            if len(w) < 3 or w[0].lower() not in self.unit_nouns or w[1].lower() != "of":
                continue
            k = a["e"]
            if k + 1 >= sent.end or doc[k].text != ",":
                continue
            k += 1
            if doc[k].lower_ == "the":
                k += 1
            b = starts.get(k)
            if b is None or b["key"] == a["key"] or doc[b["e"] - 1].lower_ not in self.parent_heads:
                continue
            if b["text"].split()[0].lower() in self.unit_nouns and len(b["text"].split()) > 1 and b["text"].split()[1].lower() == "of":
                continue  # "Institute of A, Institute of B": a list of units
            out.append((a, "PART_OF", b, {}, 0.65, "unit-comma-parent"))


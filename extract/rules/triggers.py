"""ORGANISES, PARTICIPATES_IN and COOPERATES_WITH from the trigger words of the lexicon's ``[triggers]``.

- ORGANISES: "P, co-hosted by A and B" (and a fronted "Co-hosted by A, the P ..."), "A launched P",
  "P is a programme of A"; co-organisers also work together;
- PARTICIPATES_IN: "X joined / took part in / was selected as ... P" (with the role, "pilot city",
  and the year), and enumerations ("four cities were on the list, namely A, B, C and D");
- COOPERATES_WITH: "cooperation between A and B", "jointly built by A, B and C", "A signed an
  agreement with B", "A and B signed ...".
"""
from __future__ import annotations

import itertools

from extract.rules.common import ACTOR, cooperate_all, find_role, names_from, role_phrases, singular


def mention_at(top, tok):
    """The mention a token is part of, else None."""
    for m in top:
        if m["s"] <= tok.i < m["e"]:
            return m
    return None


def in_subtree(head, tok) -> bool:
    """Is tok in the parse subtree of head?"""
    return head.left_edge.i <= tok.i <= head.right_edge.i


def crosses_verb(doc, i, j) -> bool:
    """Is there a main or conjoined verb between tokens i and j (a clause of its own)?"""
    return any(doc[k].pos_ == "VERB" and doc[k].dep_ in ("ROOT", "ccomp", "conj") for k in range(i + 1, j))


class TriggerRules:
    """The relations of a sentence's trigger words between its top-level mentions."""

    def __init__(self, lex: dict):
        trig = lex["triggers"]
        self.t_org_passive = set(trig["organises_passive"])
        self.t_org_active = set(trig["organises_active"])
        self.t_part = set(trig["participates"])
        self.t_coop = set(trig["cooperates"])
        self.facility_kinds = set(lex.get("discourse", {}).get("facility_kinds", ()))  # hold no place roles
        self.head_kinds = dict(lex.get("project_heads", {}))  # "the station" (an anaphor has no kind of its own)
        self.event_nouns = set(lex["dep"]["event_nouns"])
        self.role_words = role_phrases(lex["dep"])
        self.designate_verbs = set(lex["dep"]["designate_verbs"]) - {"include", "admit", "accept", "qualify"}
        self.with_phrases = [tuple(x.split()) for x in trig.get("organise_with", ())]
        self.theme_words = set(lex.get("chunk", {}).get("theme_words", ()))
        self.role_work_nouns = set(trig.get("role_work_nouns", ()))
        self.membership = set(lex.get("clauses", {}).get("membership_verbs", ()))
        self.place_roles = role_phrases({"role_words": [r for r in lex["dep"]["role_words"]
                                                         if r.split()[-1] in ("city", "county", "zone", "district")]})

    def __call__(self, doc, sent, top, out, year):
        """Append the sentence's ORGANISES, PARTICIPATES_IN and COOPERATES_WITH relations to out."""
        self._organises(doc, sent, top, out)
        self._participates(doc, sent, top, out, year)
        self._role_work(doc, sent, top, out, year)
        self._cooperates(doc, sent, top, out)

    def _role_work(self, doc, sent, top, out, year):
        """"A is promoting the construction of the P hub city", "A's P pilot city construction", "A carried
        out the P pilot city work": the place whose work a place role of P is takes part in P."""
        for p in top:
            if p["label"] != "Project" or p.get("anaphor") or p["props"].get("kind") == "event":
                continue
            words = [t for t in doc[p["e"]:min(sent.end, p["e"] + 4)] if t.is_alpha]
            role = find_role([singular(t.lower_) for t in words], self.place_roles)
            last = next((t for t in words if singular(t.lower_) in ("city", "county", "zone", "district", "area")), None)
            if role is None or last is None or last.tag_ != "NN":
                continue  # one place's own role ("the P hub city"), not "the P hub cities" in general
            # the noun the role words belong to: "construction" of "P hub city", or "P pilot city work"
            head = last.head if last.dep_ == "compound" else last
            if last.dep_ == "pobj" and last.head.lower_ == "of":
                head = last.head.head
            if head.lemma_.lower() not in self.role_work_nouns:
                continue
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            who = poss if poss is not None else (head.head if head.dep_ in ("dobj", "pobj") else None)
            if who is not None and poss is None:
                who = next((c for c in who.children if c.dep_ == "nsubj"), None) if who.pos_ in ("VERB", "AUX") else None
            m = mention_at(top, who) if who is not None else None
            if m is None or m["label"] not in ("City", "Region") or m.get("anaphor"):
                continue
            props = {"year": year, "role": role} if year else {"role": role}
            out.append((m, "PARTICIPATES_IN", p, props, 0.6, "role-work"))

    def _clause_verb(self, t, hops=3):
        """The verb a cooperation word belongs to: "A and B reached consensus on sci-tech cooperation",
        "A and B are sister cities" (through objects, complements and their prepositions, never
        through an event: "attended a forum on cooperation" is no cooperation of its own)."""
        x = t
        for _ in range(hops):
            if x.dep_ not in ("compound", "amod", "pobj", "prep", "dobj", "attr", "nmod", "advmod") or x.head is x:
                break
            x = x.head
            if x.pos_ in ("VERB", "AUX"):
                return x
            if x.lemma_.lower() in self.event_nouns:
                break
        return t.head

    def _with_group(self, doc, sent, top, i):
        """"with more than 30 universities, including A and B": the members of a common noun's list."""
        for k in range(i, min(sent.end - 1, i + 8)):
            t = doc[k]
            if t.pos_ in ("VERB", "AUX") and t.lower_ not in ("including",) or t.text in (";", ":") or any(m["s"] == k for m in top):
                return []
            if t.lower_ in ("including", "namely", "like") or (t.lower_ == "such" and doc[k + 1].lower_ == "as"):
                return self._by_agents(doc, sent, top, k + (2 if t.lower_ == "such" else 1))
        return []

    def _theme(self, doc, sent, m) -> bool:
        """'The conference, with the theme of "Innovation China", was hosted by A': a name after a theme
        word ([chunk] theme_words) is what the event is about, not what A organises."""
        return any(doc[k].lower_ in self.theme_words for k in range(max(sent.start, m["s"] - 4), m["s"]))

    @staticmethod
    def _set_at(doc, v, m) -> bool:
        """Is the name only where or when the verb happens ("released the report at the forum", "during
        the expo"): reached from the verb through an "at" / "during" / "on" phrase of its own?"""
        x = doc[m["s"]]
        while x.head is not x and x.head.i != v.i:
            x = x.head
        return x.head.i == v.i and x.dep_ == "prep" and x.lower_ in ("at", "during", "on", "throughout", "after", "before")

    def _with_partners(self, doc, sent, top, k):
        """The bodies of "together with B", "in conjunction with B", "jointly with B" starting at token k
        (after an organiser or the thing organised; a comma may come first)."""
        if k < sent.end and doc[k].text == ",":
            k += 1
        for ph in self.with_phrases:
            if tuple(t.lower_ for t in doc[k:min(sent.end, k + len(ph))]) == ph:
                return [m for m in self._by_agents(doc, sent, top, k + len(ph)) if m["label"] == "Organisation"]
        return []

    def _by_agents(self, doc, sent, top, i):
        """Organisations (and people) in a by-phrase starting at token i: "by A, B and C"."""
        agents = []
        start_of = {m["s"]: m for m in top}
        k = i
        while k < sent.end:
            while k < sent.end and doc[k].lower_ in ("the", ",", "and", "as", "well", "jointly", "also", "both"):
                if doc[k].lower_ == "as" and not (k + 1 < sent.end and doc[k + 1].lower_ == "well"):
                    break
                k += 1
            m = start_of.get(k)
            described = False
            if m is None and agents and doc[k - 1].lower_ in (",", "and", "the"):
                # "between A and local enterprise B": a lower-case description before the next name
                d = k
                while d < sent.end and d < k + 3 and doc[d].is_alpha and doc[d].is_lower and doc[d].pos_ in ("NOUN", "ADJ"):
                    d += 1
                if d > k and start_of.get(d) is not None and start_of[d]["label"] == agents[-1]["label"]:
                    k, m, described = d, start_of[d], True
            if m is None:
                break
            # "the Institute of X University, Zhejiang": a place after a bare comma locates, it does not list
            if agents and m["label"] in ("City", "Region") and agents[-1]["label"] not in ("City", "Region") \
                    and not any(doc[q].lower_ in ("and", "&", "well") for q in range(agents[-1]["e"], k)):
                break
            # "... with B, and C launched D": C is the subject of a clause of its own
            if agents and not described and any(doc[q].dep_ in ("nsubj", "nsubjpass") and doc[q].head.i >= m["e"] for q in range(m["s"], m["e"])):
                break
            if m["label"] in ("Organisation", "Person", "City", "Region"):
                agents.append(m)
            k = m["e"]
            if k + 2 < sent.end and doc[k].text == "(" and doc[k + 2].text == ")":
                k += 3
            # "the People's Government of X" is a single mention; stop at anything else
            if k < sent.end and doc[k].text not in (",", "and") and doc[k].lower_ not in ("as",):
                break
        return agents

    def _organises(self, doc, sent, top, out):
        projects = [m for m in top if m["label"] == "Project"]
        if not projects:
            return
        for t in sent:
            low = t.lower_
            if low == "by" and t.i - 1 >= sent.start:
                # trigger right before "by": "co-hosted by", "launched by", "organized by"
                j = t.i - 1
                trig = doc[j].lower_
                if trig in ("jointly", "also"):
                    j -= 1
                    trig = doc[j].lower_
                if trig not in self.t_org_passive and not trig.endswith(("hosted", "sponsored", "organised", "organized")):
                    continue
                agents = [a for a in self._by_agents(doc, sent, top, t.i + 1) if a["label"] in ("Organisation", "Person")]
                if not agents:
                    continue
                # the thing organised: the project right before the trigger, else the next project
                # after the by-phrase (a fronted "Co-hosted by A and B, the X ...")
                before = [m for m in projects if m["e"] <= j and j - m["e"] <= 12 and not self._theme(doc, sent, m)]
                after = [m for m in projects if m["s"] > agents[-1]["e"]]
                target = None
                fronted = all(not (doc[x].is_alpha and doc[x].pos_ in ("NOUN", "PROPN", "PRON", "AUX")) or doc[x].lower_ in ("co",)
                              for x in range(sent.start, j))  # "Co-hosted by A, the P ..." but not "It was approved by A"
                if fronted and after:
                    target = after[0]
                elif before:
                    target = before[-1]
                elif after and after[0]["s"] - agents[-1]["e"] <= 4 \
                        and not any(doc[x].pos_ == "ADP" for x in range(agents[-1]["e"], after[0]["s"])):
                    target = after[0]  # not "supported by A under the P programme"
                if target is None:
                    continue
                role = "guide" if trig.startswith("guid") else None
                for a in agents:
                    out.append((a, "ORGANISES", target, {"role": role} if role else {}, 0.8, "passive-by"))
                if role is None:  # "organised by A in conjunction with B": B organises it too
                    for b in self._with_partners(doc, sent, top, agents[-1]["e"]):
                        out.append((b, "ORGANISES", target, {}, 0.7, "organised-with"))
                if len(agents) >= 2 and (doc[t.i - 1].lower_ == "jointly" or doc[max(sent.start, t.i - 3)].lower_ == "co"
                                         or trig.startswith("co")):
                    acts = [a for a in agents if a["label"] in ACTOR]
                    cooperate_all(acts, 0.6, "co-organisers", out)
            elif low in self.t_org_active and t.pos_ == "VERB" and t.dep_ not in ("amod", "acl"):
                subj = [c for c in t.children if c.dep_ in ("nsubj",)]
                if not subj:
                    continue
                sm = mention_at(top, subj[0])
                if sm is None or sm["label"] not in ("Organisation", "Person"):
                    continue
                objs = [m for m in projects if m["s"] > t.i and in_subtree(t, doc[m["s"]]) and not crosses_verb(doc, t.i, m["s"])
                        and not self._set_at(doc, t, m)]
                conj = [sm] + [mention_at(top, c) for c in subj[0].conjuncts]
                for ag in conj:
                    if ag is None or ag["label"] not in ("Organisation", "Person"):
                        continue
                    for o in objs[:1]:
                        out.append((ag, "ORGANISES", o, {}, 0.75, "active-verb"))
                # "A launched P together with B" / "A held P in conjunction with B": B organises P too
                if objs and not crosses_verb(doc, t.i, objs[0]["e"]):
                    for b in self._with_partners(doc, sent, top, objs[0]["e"]):
                        out.append((b, "ORGANISES", objs[0], {}, 0.7, "organised-with"))
                # "A co-hosted the forum with B": the partner after "with" organises it too
                if objs and (low.startswith("co") or t.i - 2 >= sent.start and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "co"):
                    heads = [t] + [c for c in t.children if c.dep_ == "dobj"]  # "with" may hang on the object
                    for w in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"):
                        for p in (c for c in w.children if c.dep_ == "pobj"):
                            for x in [p] + list(p.conjuncts):
                                pm = mention_at(top, x)
                                if pm is not None and pm["label"] == "Organisation" and not pm.get("anaphor"):
                                    out.append((pm, "ORGANISES", objs[0], {}, 0.7, "co-verb-with"))
        # "Innovation China is a programme of CAST"
        for p in projects:
            k = p["e"]
            if k + 3 < sent.end and doc[k].lower_ in ("is", "was") and doc[k + 1].lower_ in ("a", "an", "the"):
                j = k + 2
                while j < sent.end and doc[j].lower_ in ("programme", "program", "project", "initiative", "platform", "brand", "event", "activity", "national", "key", "major", "flagship", "important"):
                    j += 1
                if j < sent.end and j > k + 2 and doc[j].lower_ in ("of", "by", "launched", "initiated"):
                    j += 1
                    if doc[j].lower_ == "by":
                        j += 1
                    m = mention_at(top, doc[j]) if j < sent.end else None
                    if m is None and j < sent.end and doc[j].lower_ == "the":
                        m = mention_at(top, doc[j + 1])
                    if m and m["label"] == "Organisation":
                        out.append((m, "ORGANISES", p, {}, 0.75, "programme-of"))

    # -- PARTICIPATES_IN ---------------------------------------------------------------------
    def _participates(self, doc, sent, top, out, year):
        projects = [m for m in top if m["label"] == "Project"]
        if not projects:
            return
        words = {t.lower_ for t in sent}
        if not (words & self.t_part):
            return
        props = {"year": year} if year else {}
        for t in sent:
            low = t.lower_
            if low not in self.t_part:
                continue
            # "X was selected as / named / approved as ... P"; "X joined / took part in / attended P"
            if t.pos_ in ("VERB", "AUX"):
                subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not subj:
                    continue
                # "CAST named / approved A and B as pilot cities": the subject of an active designation
                # designates, it takes no part (the designated are read by the designation rules)
                if t.lemma_.lower() in self.designate_verbs and not any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children):
                    continue
                sm = mention_at(top, subj[0])
                if sm is None or sm["label"] not in ("City", "Region", "Organisation", "Person"):
                    continue
                objs = [m for m in projects if m["s"] > t.i and in_subtree(t, doc[m["s"]]) and m["s"] - t.i <= 25
                        and not crosses_verb(doc, t.i, m["s"])]
                if not objs:
                    continue
                role = self._role(doc, t.i, objs[0]["s"])
                p = dict(props, role=role) if role else dict(props)
                agents = [sm] + [mention_at(top, c) for c in subj[0].conjuncts]
                for ag in agents:
                    if ag is None or ag["label"] not in ("City", "Region", "Organisation", "Person"):
                        continue
                    if ag["label"] == "Person" and low not in ("attended", "participated", "joined", "took", "won", "received", "awarded"):
                        continue
                    out.append((ag, "PARTICIPATES_IN", objs[0], p, 0.75, "verb-subject"))
        # enumerations: "four cities were on the list, namely A, B, C and D" / "including A, B and C"
        for t in sent:
            such_as = t.lower_ == "such" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "as"
            if (t.lower_ in ("namely", "including", "include", "includes", "are", "were", ":") or such_as) \
                    and any(p["s"] < t.i for p in projects):
                start_of = {m["s"]: m for m in top}  # "P pilot cities such as A and B"
                members = names_from(doc, sent, start_of, t.i + 1 + such_as, ("City", "Organisation", "Region"),
                                     lambda q: doc[q].lower_ in (",", "and", "the", "as", "well"))[0]
                if len(members) >= 2:
                    proj = [p for p in projects if p["s"] < t.i][-1]
                    role = self._role(doc, sent.start - 1, t.i)
                    # "the station will invite experts from hub cities, including A and B": a station's
                    # list of places is no membership (the hub cities are a programme's)
                    kind = proj["props"].get("kind") or self.head_kinds.get(doc[proj["e"] - 1].lower_)
                    for m in members:
                        if m["label"] in ("City", "Region") and kind in self.facility_kinds:
                            continue
                        out.append((m, "PARTICIPATES_IN", proj, dict(props, role=role) if role else dict(props), 0.65, "enumeration"))

    def _role(self, doc, i, j):
        words = [singular(t.lower_) for t in doc[i + 1:j] if t.is_alpha]
        return find_role(words, self.role_words)

    def _cooperates(self, doc, sent, top, out):
        words = {t.lower_ for t in sent}
        if not (words & self.t_coop):
            return
        actors = [m for m in top if m["label"] in ACTOR]
        if len(actors) < 2:
            return
        for t in sent:
            low = t.lower_
            # "cooperation between A and B"
            if low == "between":
                ms = self._by_agents(doc, sent, top, t.i + 1)
                ms = [m for m in ms if m["label"] in ACTOR]
                if len(ms) == 1 and ms[0]["e"] < sent.end and doc[ms[0]["e"]].lower_ in ("and", "&") \
                        and any(doc[k].lower_ in self.t_coop for k in range(max(sent.start, t.i - 4), t.i)):
                    # "between A and five universities, including B and C": A with each member (not the members together)
                    for b in self._with_group(doc, sent, top, ms[0]["e"] + 1):
                        if b["label"] in ACTOR and b["key"] != ms[0]["key"]:
                            out.append((ms[0], "COOPERATES_WITH", b, {}, 0.7, "between-group"))
                if len(ms) >= 2 and any(doc[k].lower_ in self.t_coop for k in range(max(sent.start, t.i - 4), t.i)):
                    cooperate_all(ms, 0.75, "between", out)
            # "jointly built by A, B and C"
            if low == "by" and t.i - 2 >= sent.start and "jointly" in (doc[t.i - 2].lower_, doc[t.i - 1].lower_):
                ms = [m for m in self._by_agents(doc, sent, top, t.i + 1) if m["label"] in ACTOR]
                cooperate_all(ms, 0.7, "jointly-by", out)
            # "A signed an agreement with B", "A cooperates with B", "A, together with B"
            if low == "with" and t.i + 1 < sent.end:
                trig_near = any(doc[k].lower_ in self.t_coop for k in range(max(sent.start, t.i - 6), t.i))
                if not trig_near:
                    continue
                bs = [m for m in self._by_agents(doc, sent, top, t.i + 1) if m["label"] in ACTOR]
                if not bs:
                    bs = [m for m in self._with_group(doc, sent, top, t.i + 1) if m["label"] in ACTOR]
                if not bs:
                    continue
                head = t.head
                while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB",) and head.head is not head:
                    head = head.head
                subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                a = mention_at(top, subj[0]) if subj else None
                if a is None:
                    before = [m for m in actors if m["e"] <= t.i and not any(doc[k].pos_ == "VERB" and doc[k].dep_ == "ROOT" for k in range(m["e"], t.i))]
                    a = before[-1] if before else None
                if a is None or a["label"] not in ACTOR:
                    continue
                alist = [a] + [mention_at(top, c) for c in (subj[0].conjuncts if subj else ())]
                for x in alist:
                    if x is None or x["label"] not in ACTOR:
                        continue
                    for b in bs:
                        out.append((x, "COOPERATES_WITH", b, {}, 0.75, "with"))
            # "A and B signed an agreement / jointly built ..."
            if low in self.t_coop and t.pos_ in ("VERB", "ADV", "NOUN", "ADJ"):
                # "carried out pairing assistance": a participle modifying a noun is no clause of its own
                verb = t if t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") else self._clause_verb(t)
                if verb is not t and verb.lemma_.lower() in self.membership:
                    continue  # "A and B joined the alliance": co-members each take part, no cooperation
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not subj and verb.dep_ == "xcomp":  # "A and B agreed to deepen exchanges"
                    subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    group = [mention_at(top, subj[0])] + [mention_at(top, c) for c in subj[0].conjuncts]
                    group = [g for g in group if g is not None and g["label"] in ACTOR]
                    if group and group[0]["e"] <= verb.i:
                        # "A, B, C and D formed an alliance": the parser may read B as an apposition; the
                        # plain list from the subject's first name, ending before the verb
                        first = min(group, key=lambda g: g["s"])
                        at = {m["s"]: m for m in top}
                        listed = names_from(doc, doc[sent.start:verb.i], at, first["s"], ACTOR,
                                            lambda q, s0=first["s"]: q > s0 and doc[q].lower_ in (",", "and", "the", "&"))[0]
                        listed = list(itertools.takewhile(lambda m: not m.get("anaphor"), listed))
                        if len(listed) > len(group) and any(doc[q].lower_ in ("and", "&") for q in range(first["s"], listed[-1]["s"])):
                            group = listed
                    uniq = []
                    for g in group:
                        if g not in uniq:
                            uniq.append(g)
                    cooperate_all(uniq, 0.7, "coordinated-subject", out)

"""PARTICIPATES_IN (and ORGANISES) from designations the parse misreads, read from the words.

- "CAST named A, B and C P pilot cities" / "CAST approved A and B as P hub cities": A, B and C take
  part in P with the role, CAST runs P (a role word must follow the programme's name);
- "A is among the 12 cities selected for P"; "A made the list of P hub cities";
- a fronted role: "As a P pilot city, A ..."; "As a pilot city of P, A ..."; "Since becoming a P hub city
  in 2019, A ...";
- "A's participation in P";
- "P was launched, with A, B and C as the first pilot cities";
- a role "for" the programme: "A is a pilot city for P", "A was chosen as a demonstration base for P",
  "CAST named A a hub for P", "A, a pilot zone for P, ...".

The words are the lexicon's ``[constructions]`` section (``designate_surface``, ``participation_nouns``).
"""
from __future__ import annotations

from extract.rules.common import QUOTES, find_role, names_from, role_phrases, singular


class DesignationRules:
    """Designations of one sentence read from its words (called by ConstructionRules)."""

    def __init__(self, lex: dict, dep):
        c = lex.get("constructions", {})
        self.dep = dep
        self.designate_verbs = set(c.get("designate_surface", ()))
        self.participation_nouns = set(c.get("participation_nouns", ()))
        self.role_words = role_phrases(lex["dep"])
        d = lex.get("designations", {})
        self.for_preps = set(d.get("role_preps", ()))
        self.with_role_words = set(d.get("with_role_words", ("as",)))
        self.max_title_words = 3  # "P innovation hub city X": the role words between programme and name
        self.list_markers = dep.list_markers
        self.people_nouns = set(lex.get("attendance", {}).get("people_nouns", ()))
        self.generic_roles = set(d.get("generic_roles", ()))
        self.become_verbs = set(lex["dep"].get("become_verbs", ()))
        self.designate_lemmas = set(lex["dep"].get("designate_verbs", ()))

    def __call__(self, doc, sent, top, at, props, out):
        self._designate_surface(doc, sent, top, at, props, out)
        self._among_selected(doc, sent, at, props, out)
        self._fronted_role(doc, sent, top, at, props, out)
        self._participation_noun(doc, sent, at, props, out)
        self._with_as_role(doc, sent, top, at, props, out)
        self._role_for(doc, sent, at, props, out)
        self._role_title(doc, sent, top, at, props, out)
        self._programme_bodies(doc, sent, at, props, out)

    def _programme_bodies(self, doc, sent, at, props, out):
        """"P has attracted / served / brought in 300 enterprises, including A and B"; "CAST launched P
        with 20 societies, including A"; "P, which has drawn many partners including A, ...": the bodies
        a plural noun lists ("including", "namely") take part in the programme named before it in the
        same clause or a clause above or below it. The members being bodies shows the noun names bodies
        (a noun of people, "experts including A", is read by the group-noun rules); a "by" agent
        organises and is left out. Less sure than a stated role."""
        for t in sent:
            if t.lower_ not in self.list_markers:
                continue
            noun = t.head if t.dep_ == "prep" and t.head.pos_ == "NOUN" else next(
                (doc[x] for x in range(t.i - 1, max(sent.start, t.i - 4) - 1, -1) if doc[x].pos_ == "NOUN"), None)
            if noun is None or noun.i in at or noun.tag_ != "NNS" or noun.lemma_.lower() in self.people_nouns:
                continue
            if any(a.dep_ == "agent" for a in noun.ancestors):
                continue
            verb = self._clause_verb(noun)
            progs = [m for m in at.values() if m["label"] == "Project" and m["props"].get("kind") != "event"
                     and not m.get("anaphor") and m["e"] <= noun.i and self._related(self._clause_verb(self.dep.root(doc, m)), verb)]
            if not progs:
                continue
            proj = max(progs, key=lambda m: m["s"])
            for m in self.dep.members(doc, noun, at, ("Organisation",), sent):
                if not m.get("anaphor") and m["key"] != proj["key"]:
                    out.append((m, "PARTICIPATES_IN", proj, dict(props), 0.6, "programme-bodies"))

    @staticmethod
    def _related(a, b) -> bool:
        """Are the two clause verbs one, or is one inside the other's clause?"""
        if a is None or b is None:
            return False
        return a == b or any(x == a for x in b.ancestors) or any(x == b for x in a.ancestors)

    @staticmethod
    def _clause_verb(tok):
        """The verb whose clause the token is in (its nearest verb ancestor, itself if a verb)."""
        for x in [tok, *tok.ancestors]:
            if x.pos_ in ("VERB", "AUX"):
                return x
        return None

    def _role_title(self, doc, sent, top, at, props, out):
        """"Innovation China hub city Jiaxing has ...", "P Pilot City Huzhou", "the P hub city of Jiaxing":
        the programme and the role written before a place's or body's name like a title."""
        for p in top:
            if p["label"] != "Project" or p.get("anaphor") or p["e"] >= sent.end:
                continue
            k = p["e"]
            while k < min(sent.end, p["e"] + self.max_title_words) and doc[k].is_alpha and k not in at and doc[k].lower_ != "of":
                k += 1
            if k == p["e"] or k + 1 >= sent.end:
                continue
            # "the P hub city of Jiaxing": the name after "of"
            who = at.get(k + 1) if doc[k].lower_ == "of" and k not in at else at.get(k)
            if who is not None and who["s"] == k + 1:
                who = who if who["label"] in ("City", "Region") else None
            if who is None or who["s"] not in (k, k + 1) or who["label"] not in ("City", "Region", "Organisation") or who.get("anaphor"):
                continue
            role = self._role_after(doc, p["e"], k)
            if role is None or role in self.generic_roles or doc[k - 1].lower_ not in self.dep.role_heads:
                continue  # the role's head noun must end the words ("hub city Jiaxing", not "hub city in Jiaxing")
            out.append((who, "PARTICIPATES_IN", p, dict(props, role=role), 0.7, "role-title"))

    def _role_for(self, doc, sent, at, props, out):
        """"A is a pilot city for P", "A was selected as a demonstration base for P", "CAST named A a hub
        for P", "A, a pilot zone for P, ...": the role noun's "for" names the programme (the "of" of
        the same phrases is read by the dependency patterns)."""
        labels = ("City", "Region", "Organisation")
        for t in sent:
            if t.lower_ not in self.for_preps or t.dep_ != "prep" or t.i not in range(sent.start + 2, sent.end - 1):
                continue
            noun = t.head
            if noun.pos_ not in ("NOUN", "PROPN") or noun.i in at:
                continue
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            proj = at.get(pobj.i) if pobj is not None else None
            if proj is None:
                proj = next((at[c.i] for c in (pobj.children if pobj is not None else ()) if c.dep_ == "compound" and c.i in at), None)
            if proj is None or proj["label"] != "Project" or proj.get("anaphor"):
                continue
            role = self._role_after(doc, noun.left_edge.i, noun.i + 1)
            if role is None or role in self.generic_roles:
                continue
            who = self._role_holder(doc, noun, at, labels, sent)
            for m in who:
                if m["key"] != proj["key"] and not m.get("anaphor"):
                    out.append((m, "PARTICIPATES_IN", proj, dict(props, role=role), 0.7, "role-for"))

    def _role_holder(self, doc, noun, at, labels, sent):
        """Who holds the role the noun phrase names: the subject of "is / became a N", of "was named
        (as) a N"; the object of "named A (as) a N"; the name an apposition "A, a N," describes."""
        head = noun.head
        if noun.dep_ == "appos" and head.i in at:
            return self.dep.expand(doc, at[head.i], at, labels, sent)
        if noun.dep_ == "pobj" and head.lower_ == "as":
            head, noun = head.head, head
        if head.pos_ not in ("VERB", "AUX"):
            return []
        low = head.lemma_.lower()
        if noun.dep_ in ("attr", "acomp") and low in self.become_verbs:
            subj = self.dep.subject(head)
            return self.dep.members(doc, subj, at, labels, sent) if subj is not None else []
        if low in self.designate_lemmas:
            # "named A (as) a N": the object between the verb and the role (whatever the parser calls it)
            obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubj", "oprd", "dative") and head.i < c.i < noun.i), None)
            if obj is not None:
                return self.dep.members(doc, obj, at, labels, sent)
            if self.dep.is_passive(head):
                subj = self.dep.subject(head)
                return self.dep.members(doc, subj, at, labels, sent) if subj is not None else []
        return []

    def _with_as_role(self, doc, sent, top, at, props, out):
        """"P was launched in 2019, with A, B and C as the first pilot cities": the list holds the role
        in the programme the sentence names (the one after "of", else the nearest before)."""
        for t in sent:
            if t.lower_ != "with":
                continue
            members, k = self._list_from(doc, sent, at, t.i + 1, ("City", "Region", "Organisation"))
            if not members or k >= sent.end or doc[k].lower_ not in self.with_role_words:
                continue
            end = next((x for x in range(k + 1, sent.end) if doc[x].text in (",", ";", ".") or doc[x].lower_ == "of"), sent.end)
            role = self._role_after(doc, k + 1, end)
            if role is None or role in ("one", "part", "list", "batch"):
                continue
            proj = None
            if end < sent.end and doc[end].lower_ == "of":
                q = end + 1 + (end + 1 < sent.end and doc[end + 1].lower_ == "the")
                proj = at.get(q)
            if proj is None or proj["label"] != "Project":
                before = [m for m in top if m["label"] == "Project" and m["e"] <= t.i and not m.get("anaphor")]
                proj = before[-1] if before else None
            if proj is None:
                continue
            for m in members:
                out.append((m, "PARTICIPATES_IN", proj, dict(props, role=role), 0.65, "with-as-role"))

    def _role_after(self, doc, k, limit):
        """The role words from token k up to limit (singular): "pilot cities" -> pilot city."""
        return find_role([singular(doc[x].lower_) for x in range(k, limit) if doc[x].is_alpha], self.role_words)

    def _list_from(self, doc, sent, at, k, labels):
        """The names of a plain list starting at token k ("A, B and C"), and the token after it."""
        def skip(k):  # "A, B as well as C", not the "as" of "A and B as pilot cities"
            return doc[k].lower_ in (",", "and", "&", "the", "as", "well") and not (
                doc[k].lower_ == "as" and k + 1 < sent.end and doc[k + 1].lower_ != "well")
        return names_from(doc, sent, at, k, labels, skip)

    def _designate_surface(self, doc, sent, top, at, props, out):
        """"CAST named A, B and C P pilot cities", "CAST approved A and B as P hub cities": the words,
        for the parses that hang the list on the project's name. A role word must follow the project."""
        for t in sent:
            if t.lower_ not in self.designate_verbs or t.i - 1 < sent.start:
                continue
            if doc[t.i - 1].lower_ in ("was", "were", "is", "are", "be", "been", "being"):
                continue  # the passive is read by the dependency patterns
            members, k = self._list_from(doc, sent, at, t.i + 1, ("City", "Region", "Organisation"))
            if not members:
                continue
            while k < sent.end and doc[k].lower_ in ("as", "a", "an", "the", "one", "of", "first", "new", "batch", "national"):
                k += 1
            proj = at.get(k)
            if proj is None or proj["s"] != k or proj["label"] != "Project":
                continue
            role = self._role_after(doc, proj["s"], min(sent.end, proj["e"] + 3))
            if role is None:
                continue
            p = dict(props, role=role)
            for m in members:
                out.append((m, "PARTICIPATES_IN", proj, dict(p), 0.7, "designate-surface"))
            subj = next((m for m in top if m["e"] == t.i and m["label"] == "Organisation"), None)
            if subj is not None:
                out.append((subj, "ORGANISES", proj, {}, 0.65, "designate-surface"))

    def _among_selected(self, doc, sent, at, props, out):
        """"A is among the 12 cities selected for P"; "A made the list of P hub cities"."""
        for t in sent:
            low = t.lower_
            if low == "among":
                k = t.i + 1
                stop = min(sent.end, t.i + 8)
                while k < stop and doc[k].lower_ not in self.designate_verbs and k not in at:
                    k += 1
                if k < stop and k in at or k >= stop:
                    # "A is among the first 20 pilot cities of (the) P": a role phrase and its "of" / "for"
                    k = self._role_of_after(doc, sent, t.i + 1, stop)
                    if k is None:
                        continue
                elif doc[k].lower_ not in self.designate_verbs or k + 1 >= sent.end:
                    continue
                else:
                    k += 1
                if doc[k].lower_ in ("for", "as", "in", "into", "under", "by"):
                    k += 1
                while k < sent.end and doc[k].lower_ in ("the", "a", "an"):
                    k += 1
                j = t.i - 1
            elif low == "list" and t.i - 2 >= sent.start and doc[t.i - 1].lower_ == "the" \
                    and doc[t.i - 2].lemma_.lower() in ("make", "enter", "join", "top"):
                k = t.i + 1
                if k < sent.end and doc[k].lower_ in ("of", "for"):
                    k += 1
                while k < sent.end and doc[k].lower_ in ("the", "a", "an"):
                    k += 1
                j = t.i - 3
            else:
                continue
            proj = at.get(k)
            if proj is None or proj["s"] != k or proj["label"] != "Project":
                continue
            while j >= sent.start and doc[j].lower_ in ("is", "are", "was", "were", "now", "also", "has", "have", "had", "been"):
                j -= 1
            last = at.get(j)
            if last is None or last["e"] != j + 1 or last["label"] not in ("City", "Region", "Organisation"):
                continue
            role = self._role_after(doc, t.i, min(sent.end, proj["e"] + 3))
            p = dict(props, role=role) if role else dict(props)
            for m in self.dep.expand(doc, last, at, ("City", "Region", "Organisation"), sent):
                out.append((m, "PARTICIPATES_IN", proj, dict(p), 0.65, "among-selected"))

    def _role_of_after(self, doc, sent, k, stop):
        """The token after "of" / "for" (and "the", quotes) of a role phrase from k ("the first 20 pilot
        cities of the"), else None: the words before it must hold a role word."""
        j = next((x for x in range(k, stop) if doc[x].lower_ in ("of", "for")), None)
        if j is None or self._role_after(doc, k, j) in (None, *self.generic_roles):
            return None
        j += 1
        while j < sent.end and (doc[j].lower_ in ("the", "a", "an") or doc[j].text in QUOTES):
            j += 1
        return j

    def _fronted_role(self, doc, sent, top, at, props, out):
        """"As a P pilot city, A ..."; "Since becoming a P hub city in 2019, A ...": the subject of the
        clause holds the role the fronted phrase names."""
        k = sent.start
        if k < sent.end and doc[k].lower_ in ("since", "after"):
            k += 1
        if k >= sent.end or doc[k].lower_ not in ("as", "becoming", "being"):
            return
        if doc[k].lower_ == "as" and k - 1 >= sent.start and k != sent.start:
            return
        k += 1
        while k < sent.end and (doc[k].lower_ in ("a", "an", "the", "one", "of", "first", "new", "national") or doc[k].text in QUOTES):
            k += 1
        proj = at.get(k)
        role = None
        if proj is None:
            # "As a pilot city of (the) P, A ...": the role before the programme
            j = next((x for x in range(k, min(sent.end, k + 6)) if doc[x].lower_ == "of"), None)
            if j is None:
                return
            role = self._role_after(doc, k, j)
            j += 1 + (j + 1 < sent.end and doc[j + 1].lower_ == "the")
            proj = at.get(j)
            if role is None or proj is None or proj["s"] != j:
                return
        if proj["s"] < k or proj["label"] != "Project":
            return
        comma = next((x for x in range(proj["e"], min(sent.end, proj["e"] + 8)) if doc[x].text == ","), None)
        if comma is None:
            return
        role = role or self._role_after(doc, proj["e"], comma)
        if role is None:
            return
        first = at.get(comma + 1)
        if first is None or first["s"] != comma + 1 or first["label"] not in ("City", "Region", "Organisation"):
            return
        root = self.dep.root(doc, first)
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return
        for m in self.dep.expand(doc, first, at, ("City", "Region", "Organisation"), sent):
            out.append((m, "PARTICIPATES_IN", proj, dict(props, role=role), 0.65, "fronted-role"))

    def _participation_noun(self, doc, sent, at, props, out):
        """"A's participation in P", "the accession of A to P"."""
        for t in sent:
            if t.lower_ not in self.participation_nouns or t.i + 1 >= sent.end or doc[t.i + 1].lower_ not in ("in", "to", "into"):
                continue
            k = t.i + 2
            while k < sent.end and doc[k].lower_ in ("the", "a", "an"):
                k += 1
            proj = at.get(k)
            if proj is None or proj["s"] != k or proj["label"] != "Project":
                continue
            if t.i - 2 >= sent.start and doc[t.i - 1].lower_ in ("'s", "’s"):
                who = at.get(t.i - 2)
                if who is not None and who["e"] == t.i - 1 and who["label"] in ("City", "Region", "Organisation", "Person"):
                    out.append((who, "PARTICIPATES_IN", proj, dict(props), 0.7, "participation-noun"))

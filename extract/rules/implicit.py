"""PARTICIPATES_IN of the article's programme when a sentence designates or admits bodies without
naming it: "CAST launched the P programme in 2020. Jiangxi Copper was recognised as an innovation
base in 2022", "... A and B were selected as innovation bases", "So far 30 cities have joined,
including A and B", "A joined in 2021", "A and B were the first to join".

- a designation verb in the passive whose "as" phrase (or a complement) holds a role word of the
  lexicon's ``[dep] role_words`` ("innovation base", "demonstration enterprise", "member"): its
  subject's bodies and places, and those listed after "namely" / "including" / "such as";
- "join" / "enter" without an object (the programme left implicit): the same members.

Only when the sentence names no programme or event of its own, and the article has named one
before; less sure than a stated programme (0.6).
"""
from __future__ import annotations

from extract.rules.common import find_role, role_phrases, singular

LABELS = ("City", "Region", "Organisation")
LIST_WORDS = ("namely", "including", "include", "includes", "such")
JOIN_VERBS = ("join", "enter")


class ImplicitProgrammeRules:
    """Designations and admissions whose programme is the article's current one."""

    def __init__(self, lex: dict, dep):
        self.dep = dep
        self.designate = set(lex["dep"]["designate_verbs"]) - {"elect", "appoint", "nominate", "include", "admit", "incorporate"}
        self.roles = role_phrases(lex["dep"])

    def __call__(self, doc, sent, top, programme, out, year=None):
        if programme is None or any(m["label"] == "Project" and not m.get("anaphor") for m in top):
            return
        at = self.dep.index(top)
        props = {"year": year} if year else {}
        for v in sent:
            if v.pos_ not in ("VERB", "AUX"):
                continue
            low = v.lemma_.lower()
            if low in JOIN_VERBS:
                if any(c.dep_ in ("dobj", "attr", "oprd", "xcomp", "ccomp") for c in v.children):
                    continue  # "joined hands with B", "joined the company": not the programme
                role = None
            elif low in self.designate and self.dep.is_passive(v) or low == "become":
                role = None
                for c in v.children:
                    if c.dep_ in ("prep", "attr", "oprd", "xcomp") and (c.dep_ != "prep" or c.lower_ == "as"):
                        role = role or find_role([singular(t.lower_) for t in c.subtree if t.is_alpha], self.roles)
                if role is None:
                    continue
            else:
                continue
            members = self._members(doc, sent, v, at)
            p = dict(props, role=role) if role else dict(props)
            for m in members:
                if m["key"] != programme["key"]:
                    out.append((m, "PARTICIPATES_IN", programme, dict(p), 0.6, "implicit-programme"))

    def _members(self, doc, sent, v, at):
        """The verb's subject names (a list too), and the names listed after "namely" / "including"."""
        found = []
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and v.dep_ in ("relcl", "acl", "xcomp") and v.head.lower_ in ("first", "last", "latest", "second", "third") \
                and v.head.dep_ == "attr":
            subj = self.dep.subject(v.head.head)  # "A, B and C were the first to join"
        if subj is not None:
            m = at.get(subj.i)
            if m is not None and m["label"] in LABELS and not m.get("anaphor"):
                found += self.dep.expand(doc, m, at, LABELS, sent)
            elif m is None:
                found += [x for x in self.dep.members(doc, subj, at, LABELS, sent) if not x.get("anaphor")]
        for t in sent:
            if t.lower_ in LIST_WORDS and (t.lower_ != "such" or t.i + 1 < sent.end and doc[t.i + 1].lower_ == "as"):
                k = t.i + (2 if t.lower_ == "such" else 1)
                while k < sent.end and doc[k].lower_ in ("the", ":", ","):
                    k += 1
                m = at.get(k)
                if m is not None and m["s"] == k and m["label"] in LABELS and not m.get("anaphor"):
                    found += [x for x in self.dep.expand(doc, m, at, LABELS, sent) if x not in found]
        seen, out = set(), []
        for m in found:
            if m["key"] not in seen:
                seen.add(m["key"])
                out.append(m)
        return out

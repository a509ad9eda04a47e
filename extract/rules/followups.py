"""A list given in the sentence after the one that says what its members did.

"Three more cities have joined the P initiative. They are A, B and C." / "More than 20 leaders
attended the meeting. They included A, B and C." / "Five cities were selected as pilot cities of P.
These are A, B ..." The first sentence has a plural common noun as the subject of a taking-part verb
with the event or programme it names (or, with a membership role and no name, the article's current
programme); the next one begins "They are / They include / These are / They were" and lists the
members. Each member of the kind the noun says (cities: places; companies: bodies; leaders: people)
takes part, a little less sure than a list in one sentence. The same lead with its list after a
colon or "namely" in one sentence ("Three cities were selected: A, B and C") reads the same way.

The nouns are the lexicon's ``[followups]`` section.
"""
from __future__ import annotations

from extract.rules.common import find_role, role_phrases, singular

CHOOSE = ("select", "name", "choose", "list", "approve", "designate", "identify")
LEADS = {("they", "are"), ("they", "were"), ("they", "include"), ("they", "included"), ("these", "are"), ("these", "were"),
         ("these", "include"), ("they", "includes"), ("those", "are"), ("namely", None)}


class FollowUpRules:
    """PARTICIPATES_IN for a list in the sentence after its plural subject."""

    def __init__(self, lex: dict, dep):
        f = lex.get("followups", {})
        self.dep = dep
        self.kinds = {}
        for label, words in (("place", f.get("place_nouns", ())), ("body", f.get("body_nouns", ())), ("person", f.get("person_nouns", ()))):
            for w in words:
                self.kinds[w] = label
        self.verbs = set(f.get("verbs", ()))
        self.confidence = float(f.get("confidence", 0.6))
        self.roles = role_phrases(lex["dep"])
        self.pending = None

    def reset(self):
        self.pending = None
        self.named = None  # "... the second batch of P hub cities." then "The four cities are A, B, C and D."

    def lead(self, doc, sent, programme, event):
        """A sentence with no name may still lead the list of the next one."""
        self.pending = self._subject(doc, sent, [], programme, event)

    LABELS = {"place": ("City", "Region"), "body": ("Organisation",), "person": ("Person",)}

    def __call__(self, doc, sent, top, programme, event, out, year=None):
        pending, self.pending = self.pending, None
        if pending is not None:
            self._members(doc, sent, top, pending, out, year)
        else:
            named, self.named = self.named, None
            if named is not None:
                self._members(doc, sent, top, named, out, year, rule="the-n-nouns-are")
        # "Three cities were selected: A, B and C" / "... namely A, B and C": the list after the lead in one sentence
        cut = next((t.i for t in sent if t.text == ":" or t.lower_ == "namely"), None)
        if cut is not None:
            lead = self._subject(doc, sent, [m for m in top if m["e"] <= cut], programme, event, before=cut)
            if lead is not None:
                self._members(doc, sent, [m for m in top if m["s"] > cut], lead, out, year, rule="lead-colon-list")
                return
        self.pending = self._subject(doc, sent, top, programme, event)
        if self.pending is None:
            self.named = self._role_named(doc, sent, top)

    def _role_named(self, doc, sent, top):
        """(programme, labels, role) when the sentence names a programme with a plural role after it ("P
        hub cities", "P pilot enterprises") and none of the members: the next sentence may list them."""
        for m in top:
            if m["label"] != "Project" or m.get("anaphor") or m["props"].get("kind") == "event":
                continue
            after = [t for t in doc[m["e"]:min(sent.end, m["e"] + 3)] if t.is_alpha]
            plural = next((t for t in after if t.tag_ in ("NNS", "NNPS")), None)
            role = find_role([singular(t.lower_) for t in after], self.roles)
            kind = self.kinds.get(singular(plural.lower_)) if plural is not None else None
            if role and kind in ("place", "body"):
                labels = self.LABELS[kind]
                if any(x["label"] in labels and not x.get("nested") and x["s"] >= m["e"] for x in top):
                    return None  # "... hub cities, namely A and B": the sentence lists them itself
                return m, labels, role
        return None

    def _members(self, doc, sent, top, pending, out, year, rule="they-are-list"):
        k = sent.start
        first = doc[k].lower_
        second = doc[k + 1].lower_ if k + 1 < sent.end else None
        if rule == "they-are-list" and (first, second) not in LEADS and (first, None) not in LEADS:
            return
        if rule == "the-n-nouns-are":
            k = self._the_n_nouns(doc, sent, pending[1])
            first = next((m for m in top if m["s"] == k and m["label"] in pending[1] and not m.get("anaphor")), None)
            if first is None:
                return
            top = self.dep.expand(doc, first, self.dep.index(top), pending[1], sent)
        target, labels, role = pending
        props = {"year": year} if year else {}
        if role:
            props["role"] = role
        for m in top:
            if m["label"] in labels and not m.get("anaphor") and not m.get("nested") and m["key"] != target["key"]:
                out.append((m, "PARTICIPATES_IN", target, dict(props), self.confidence, rule))

    def _the_n_nouns(self, doc, sent, labels):
        """Where the list starts in a sentence that opens "The four cities are", "These companies include"
        (the token after the verb), else None."""
        k = sent.start
        if k < sent.end and doc[k].lower_ in ("the", "these", "those", "all"):
            k += 1
        while k < sent.end and (doc[k].like_num or doc[k].lower_ in ("new", "selected", "first", "second", "third")):
            k += 1
        if k + 1 >= sent.end or doc[k].tag_ not in ("NNS", "NNPS") or self.LABELS.get(self.kinds.get(singular(doc[k].lower_))) != labels:
            return None
        if doc[k + 1].lower_ not in ("are", "were", "include", "included", "includes"):
            return None
        return k + 2 + (k + 2 < sent.end and doc[k + 2].lower_ == "the")

    def _subject(self, doc, sent, top, programme, event, before=None):
        """(target, labels, role) when the sentence's subject is a plural noun ("three cities") of a
        taking-part verb, and no name of the kind is in the sentence (before ``before``); else None."""
        at = self.dep.index(top)
        for t in sent:
            if before is not None and t.i >= before:
                break
            if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in self.verbs:
                continue
            subj = self.dep.subject(t)
            if subj is None or subj.i in at or subj.tag_ != "NNS" or subj.i > t.i:
                continue
            kind = self.kinds.get(singular(subj.lower_))
            if kind is None:
                continue
            labels = self.LABELS[kind]
            if any(m["label"] in labels and not m.get("nested") for m in top):
                return None  # the sentence names them itself
            target = next((at[x.i] for x in t.subtree if x.i in at and at[x.i]["label"] == "Project"), None)
            words = [singular(w.lower_) for w in doc[subj.left_edge.i:before or sent.end] if w.is_alpha]
            role = find_role(words, self.roles)
            if target is None:
                chosen = t.lemma_.lower() in CHOOSE and self.dep.is_passive(t)  # "Three cities were selected"
                target = event if kind == "person" else (programme if role or chosen else None)
            if target is None:
                return None
            return target, labels, role if kind != "person" else None
        return None

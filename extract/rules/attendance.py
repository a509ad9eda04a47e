"""PARTICIPATES_IN for attendance that names no event: the event is the one the article last named.

News on a meeting names it once and then reports who came: "X, mayor of Y, attended and delivered
a speech", "A, B and other leaders were present", "It was attended by A and B". The attendance verb
has no object (when it has one, "attended the forum", the dependency patterns read it); the
participants are its subject, or the "by" agent of "it was attended by", with every member of a list.
The event is the last Event named before or in the sentence; the relation is a little less sure
than one whose event is named in the sentence.

The words are the lexicon's ``[attendance]`` section.
"""
from __future__ import annotations

from extract.rules.common import ACTOR


class AttendanceRules:
    """Attendance without a named event, linked to the article's current event."""

    def __init__(self, lex: dict, dep):
        a = lex.get("attendance", {})
        self.verbs = set(a.get("verbs", ()))
        self.adjectives = set(a.get("adjectives", ()))
        self.pronouns = set(a.get("pronouns", ()))
        self.confidence = float(a.get("confidence", 0.6))
        self.dep = dep  # the dependency interpreter: subjects and lists

    def __call__(self, doc, sent, top, event, out, year=None):
        """Append PARTICIPATES_IN (participant, event) to out; event is the current event mention or None."""
        if event is None:
            return
        at = self.dep.index(top)
        props = {"year": year} if year else {}
        labels = tuple(x for x in ACTOR if x != "Region") + ("Person",)
        for t in sent:
            low = t.lemma_.lower()
            if t.pos_ == "VERB" and low in self.verbs and not self._has_object(t):
                if self.dep.is_passive(t):
                    subj = self.dep.subject(t)
                    if subj is None or subj.lower_ not in self.pronouns:
                        continue
                    for c in t.children:
                        if c.dep_ == "agent":
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    self._emit(doc, sent, at, p, labels, event, props, out)
                    continue
                subj = self.dep.subject(t)
                if subj is not None:
                    self._emit(doc, sent, at, subj, labels, event, props, out)
            elif t.lower_ in self.adjectives and t.dep_ == "acomp" and not self._has_object(t):
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    self._emit(doc, sent, at, subj, labels, event, props, out)

    @staticmethod
    def _has_object(t) -> bool:
        """Does the verb say what was attended (an object, a prepositional phrase, a clause)?"""
        return any(c.dep_ in ("dobj", "prep", "ccomp", "xcomp", "attr", "dative", "prt") for c in t.children)

    def _emit(self, doc, sent, at, tok, labels, event, props, out):
        for m in self.dep.members(doc, tok, at, labels, sent, offices=True):
            if m["key"] != event["key"] and not m.get("anaphor"):
                out.append((m, "PARTICIPATES_IN", event, dict(props), self.confidence, "attended-current-event"))

"""Relations stated by a list laid out as lines: a lead line ending in a colon, then one item per
line ("• Ganzhou", "1. Shangrao, Jiangxi Province", "- Nanchang University").

"CAST announced the second batch of P hub cities:" / "The pilot cities of P are:" followed by the
items: each item's first name takes part in P with the lead's role. The lead names the programme or
event itself, or has a membership role ("hub cities") with the article's current programme, or an
attendee noun ("Attendees include:") with the article's current event. No relation when the lead
says none of these ("Contact:"), and the list ends at the first line that is no item.

The words are the lexicon's ``[discourse]`` ``place_roles`` and ``[attendance]`` ``guest_nouns``.
"""
from __future__ import annotations

import re

from extract.rules.common import ACTOR, find_role, role_phrases, singular

MARKER = re.compile(r"^(?:[•·▪●◆■\-–—*]|\(?\d{1,2}[.)、]|\(\d{1,2}\)|[a-z][.)])$")
MAX_ITEM_TOKENS = 16


class ItemListRules:
    """Colon-led lists of one item per line, across the sentences of a document (state kept between calls)."""

    def __init__(self, lex: dict):
        d = lex.get("discourse", {})
        self.place_roles = [tuple(r.split()) for r in d.get("place_roles", ())]
        self.all_roles = role_phrases(lex["dep"])
        self.guest_nouns = set(lex.get("attendance", {}).get("guest_nouns", ()))
        self.lead = None  # (target mention, properties, item labels) of the open list, if any

    def reset(self):
        self.lead = None
        self.marker = False  # the parser split a marker ("1.") from its item: the next sentence is the item

    @staticmethod
    def leads(sent) -> bool:
        """Does the sentence end in a colon (a list may follow)?"""
        toks = [t for t in sent if not t.is_space]
        return bool(toks) and toks[-1].text in (":", "：")

    def __call__(self, doc, sent, top, out, programme, event, year=None):
        """Read one sentence: an item of the open list (append its relation to out), or a new lead."""
        if self.lead is not None:
            if self._item(doc, sent, top, out):
                return
            self.lead = None
        toks = [t for t in sent if not t.is_space]
        if not toks or toks[-1].text not in (":", "："):
            return
        names = [m for m in top if m["label"] == "Project" and not m.get("anaphor") and not m.get("nested")]
        words = [singular(t.lower_) for t in toks if t.is_alpha]
        role = find_role(words, self.all_roles)
        props = {"year": year} if year else {}
        if role and role not in ("list", "batch", "one", "part"):
            props["role"] = role
        target, labels = None, ACTOR
        if names:
            target = names[-1]
            if target["props"].get("kind") == "event":
                labels = ACTOR + ("Person",)
        elif find_role(words, self.place_roles) and programme is not None:
            target = programme
        elif event is not None and any(w in self.guest_nouns for w in words):
            target, labels = event, ("Person", "Organisation")
        if target is not None:
            self.lead = (target, props, labels)

    @staticmethod
    def _marker(t) -> bool:
        """A list marker: a bullet or dash, "1.", "(2)", or a number of its own ("1" then ".")."""
        return bool(MARKER.match(t.text)) or t.text.isdigit() and len(t.text) <= 2

    def _item(self, doc, sent, top, out) -> bool:
        """One item line: a marker (or none), then a name; at most a few words."""
        toks = [t for t in sent if not t.is_space]
        if not toks or len(toks) > MAX_ITEM_TOKENS:
            return False
        inside = {k for m in top for k in range(m["s"], m["e"])}
        if any(t.pos_ in ("VERB", "AUX") and t.is_alpha and t.i not in inside for t in toks):
            return False  # a sentence of its own, no item
        if all(self._marker(t) or t.text in (".", ")", "(") for t in toks):
            self.marker = True  # "1." alone: its item is the next sentence
            return True
        marked, self.marker = self.marker, False
        k = toks[0].i
        if self._marker(toks[0]) and not marked:
            k += 1
            while k < sent.end and (doc[k].is_space or doc[k].text in (".", ")")):
                k += 1
        target, props, labels = self.lead
        first = next((m for m in top if m["s"] == k and not m.get("anaphor")), None)
        if first is None or first["label"] not in labels or first["key"] == target["key"]:
            return False
        out.append((first, "PARTICIPATES_IN", target, dict(props), 0.65, "item-list"))
        if not marked and not self._marker(toks[0]) and sent.start > 0 and "\n" not in doc[sent.start - 1].whitespace_ \
                and "\n" not in doc[sent.start - 1].text:
            # "... hub cities: A, B, C and D." cut by the parser after the colon: the line goes on, every member counts
            for m in self._run(doc, top, first):
                if m["key"] != target["key"]:
                    out.append((m, "PARTICIPATES_IN", target, dict(props), 0.65, "item-list"))
            self.lead = None
        return True

    @staticmethod
    def _run(doc, top, first):
        """The names of first's label listed after it ("A, B and C"): only a real list, one with "and"."""
        run = []
        last = first
        for m in sorted((x for x in top if x["s"] >= first["e"] and not x.get("anaphor")), key=lambda x: x["s"]):
            gap = [doc[q].lower_ for q in range(last["e"], m["s"])]
            if not gap or not all(w in (",", "and", "&", "as", "well", "the") for w in gap):
                break
            if m["label"] == first["label"]:
                run.append(m)
                last = m
        if not any(doc[q].lower_ in ("and", "&", "well") for q in range(first["e"], last["s"])):
            return []
        return run

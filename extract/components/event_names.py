"""Event names for ``innograph_entities``: an event's edition and the parts of an event that stand
for it.

- "the Second China X Forum", "the 2021 X Conference": the mention covers the edition, and the
  plain name ("China X Forum") is kept as a nested mention of the same entity, so the Event node
  carries both names;
- "the opening ceremony of the 2021 X Summit", "The Plenary Session of the X Congress": the part
  (ceremony, session, sub-forum) stands for the event. The mention grows over the part, so that the
  relation rules reading "the opening ceremony ... was held in Y" or "A attended the opening
  ceremony of E" find the event, while the entity keeps the event's own name (``canon``).

- 'the 2021 "Innovation China" Conference', '"Green Seeds" Summit': a quoted programme and the
  capitalised event head right after its closing quote are the event's name (the head alone is too
  generic to be a name of its own, so the chunker leaves it); the programme stays, nested in it.

- "the Chinese Society of X Annual Congress", "the Ministry of X Work Conference": a body's name and an
  event's head after its "of" part are the body's event, not the body (the chunker types a name by
  the head before its "of"); the body's own name stays, nested in it.

- the edges of an event's name the chunker cuts: a capitalised word it strips as a name's first word
  ("the 2022 New Materials Summit", "the Academician Expert Forum"; lexicon ``[event_names]
  lead_words``), a number written onto the first word ("the 5G Industry Summit"), and a date it
  swallows after "on" ("the X Conference on May 20").

- "the Science and Technology Achievements Transfer and Transformation Conference": a run of
  capitalised words the model reads as a person inside an event's name is no person
  (:meth:`EventNames.in_event_name`, asked by the entity recogniser).

Not a component itself: :class:`EventNames` works on the mention list of the entity recogniser.
"""
from __future__ import annotations

from extract.components.event_joins import join_event_halves
from extract.components.event_places import place_before
from extract.components.lower_events import body_sittings, held_bodies, lower_events
from extract.components.programme_stops import programme_stops
from extract.components.shared import ORDINAL, QUOTES_CLOSE, QUOTES_OPEN
from extract.resources import load_lexicon

# words before an edition that show it begins the event's name ("the 2021 X", "CAST's 2nd X")
_BEFORE_EDITION = {"the", "'s", "’s", "its", "this", "a", '"', "“", "‘", ",", "(", "of", "at", "to"}


def _is_event(m: dict) -> bool:
    return m["label"] == "Project" and m["props"].get("kind") == "event" and not m.get("nested")


def _repoint(mentions: list[dict], old: list[int], m: dict) -> None:
    """The nested mentions hosted by the span ``old`` are hosted by m's new span."""
    if [m["s"], m["e"]] != old:
        for x in mentions:
            if x.get("nested") and x.get("host") == old:
                x["host"] = [m["s"], m["e"]]


def _new_event(doc, s: int, e: int, prio: int) -> dict:
    """A new top-level event mention on doc[s:e]."""
    span = doc[s:e]
    return {"s": s, "e": e, "label": "Project", "props": {"kind": "event"}, "prio": prio,
            "text": span.text, "start_char": span.start_char, "end_char": span.end_char}


def _set_span(doc, m: dict, s: int, e: int) -> None:
    span = doc[s:e]
    m["s"], m["e"], m["text"] = s, e, span.text
    m["start_char"], m["end_char"] = span.start_char, span.end_char


class EventNames:
    """Editions and parts of events, with the ``[chunk]`` word lists of the lexicon."""

    def __init__(self, part_heads, part_mods, edition_words, head_type, lexicon: dict | None = None):
        self.head_type = head_type  # NameChunker.head_type: (label, kind, head, start) of a name
        self.part_heads = set(part_heads)
        self.part_mods = set(part_mods)
        self.edition_words = set(edition_words)
        # 'the Yangtze River Delta innovation expo': the names a lower-case event phrase may follow (not a
        # programme: "the P conference" keeps its programme, which is what the relations name)
        self.lower_head_labels = ("City", "Region")
        self.max_head_words = 3
        self.max_tail_words = 3
        lex = lexicon if lexicon is not None else load_lexicon()
        ev = lex.get("event_names", {})
        self.body_event_heads = set(ev.get("body_event_heads", ()))
        self.guard_words = set(ev.get("guard_words", ()))  # '"P" Annual Work Conference': the event words after the quote
        self.lead_words = set(ev.get("lead_words", ()))
        # head_type is the NameChunker's bound method: its chunker holds the [chunk] and [project_heads] lists
        chunker = head_type.__self__
        self.fixed_pairs = chunker.fixed_pairs  # "science and technology": an "and" inside one name
        self.stop_words = chunker.stop_initial
        self.event_words = chunker.event_heads
        self.name_prio = 3  # a new event name ranks as a chunked name (entities.py: 3 chunked, 2 gazetteer, 1 model)
        self.run_words = set(ev.get("run_connectors", ()))
        self.max_run = int(ev.get("max_run", 8))
        self.edge_verbs = set(lex.get("chunk", {}).get("edge_verbs", ()))
        self.stop_heads = set(ev.get("stop_heads", ()))  # "the P Wenzhou station": programme_stops.py
        self.activity_heads = set(ev.get("activity_heads", ()))  # "X Exchange and Matchmaking Meeting": event_joins.py
        self.market_words = set(ev.get("market_words", ()))
        self.lower_event_heads = frozenset(ev.get("lower_event_heads", ()))  # lower_events.py
        self.lower_event_skip = set(ev.get("lower_event_skip", ()))
        self.lower_event_topics = set(ev.get("lower_event_topics", ()))
        self.standing_body_endings = tuple(ev.get("standing_body_endings", ()))
        self.sitting_heads = frozenset(ev.get("sitting_heads", ()))  # lower_events.body_sittings
        self.held_verbs, self.run_verbs = set(ev.get("held_verbs", ())), set(ev.get("run_verbs", ()))  # lower_events.held_bodies
        self.body_heads = set(lex.get("numbered_event_heads", {}).get("words", ()))

    def in_event_name(self, doc, s: int, e: int) -> bool:
        """Is doc[s:e] (a span the model calls a person) inside a capitalised name that ends in an event's
        head ("... Technology Achievements Transfer and Transformation Conference")? Only after a
        capitalised word of the same name or right before one ("2022 Fenhe Talent Forum"), and never across
        a verb ("Wang Jun and Li Hua Attend Forum")."""
        inside = s > 0 and doc[s - 1].text[:1].isupper() and not doc[s - 1].is_sent_start and doc[s - 1].pos_ not in ("VERB", "AUX")
        if not inside and not (e < len(doc) and doc[e].text[:1].isupper() and doc[e].is_alpha):
            return False
        k = e
        while k < len(doc) and k - e < self.max_run and not doc[k].is_sent_start:
            t = doc[k]
            if t.text[:1].isupper() and t.is_alpha:
                if t.pos_ in ("VERB", "AUX") or t.lower_ in self.edge_verbs:
                    return False
                label, kind, _, _ = self.head_type(doc, k, k + 1)
                if label == "Project" and kind == "event":
                    return k + 1 >= len(doc) or not doc[k + 1].text[:1].isupper()
            elif t.lower_ not in self.run_words:
                return False
            k += 1
        return False

    def edges(self, doc, mentions: list[dict]) -> list[dict]:
        """Mend the edges of event names the chunker cuts: grow over a capitalised lead word ("New",
        "Academician") or a number written onto the first word ("5G") right before the name, and cut a
        date after "on" ("... Conference on May 20")."""
        top = [m for m in mentions if not m.get("nested")]
        for m in top:
            if not _is_event(m):
                continue
            # "the X Conference on May 20": "on" and a date end the name
            cut = next((k for k in range(m["s"] + 2, m["e"] - 1) if doc[k].lower_ == "on" and doc[k + 1].ent_type_ == "DATE"), None)
            old = [m["s"], m["e"]]
            if cut is not None:
                _set_span(doc, m, m["s"], cut)
            s = m["s"]
            while s > 0:
                t = doc[s - 1]
                glued = t.like_num and len(t.text) <= 2 and not t.whitespace_  # "5G": "5" + "G"
                lead = t.lower_ in self.lead_words and t.text[:1].isupper() and not t.is_sent_start
                if not (glued or lead) or not self._free(top, m, s - 1, s):
                    break
                s -= 1
            if s < m["s"]:
                before = doc[s - 1] if s > 0 else None
                if before is None or before.lower_ in _BEFORE_EDITION or self.is_edition(before) or before.is_sent_start:
                    _set_span(doc, m, s, m["e"])
            _repoint(mentions, old, m)
        return mentions

    def is_edition(self, tok) -> bool:
        """"2nd", "Second", "inaugural", "2021": a token that says which edition an event is."""
        x = tok.text
        return bool(ORDINAL.match(x)) or tok.lower_ in self.edition_words \
            or (tok.like_num and len(x) == 4 and x[:2] in ("19", "20") and x.isdigit())

    def _free(self, top, m, s, e) -> bool:
        """No other top-level mention has a token in doc[s:e]."""
        return not any(o is not m and o["s"] < e and s < o["e"] for o in top)

    def quoted_heads(self, doc, mentions: list[dict]) -> list[dict]:
        """'the "Innovation China" Conference': a quoted programme and the capitalised words after its
        closing quote that end in an event's head are one event (the programme nested in it); a quoted
        name typed a body and a programme's or an event's head after it are that programme or event."""
        top = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
        starts = {m["s"] for m in top}
        added = []
        for a in top:
            if a["label"] not in ("Project", "Organisation") or a["props"].get("kind") == "event" or a["e"] >= len(doc) \
                    or doc[a["e"]].text not in QUOTES_CLOSE:
                continue
            s = a["s"] - 1 if a["s"] > 0 and doc[a["s"] - 1].text in QUOTES_OPEN else None
            if s is None:
                continue
            k = a["e"] + 1
            j = k
            while j < len(doc) and j - k < self.max_head_words and doc[j].is_alpha and doc[j].text[0].isupper() \
                    and j not in starts and not doc[j].is_sent_start:
                j += 1
            if j == k:
                continue
            label, kind, _, start = self.head_type(doc, k, j)
            if label != "Project" or start != k or doc[j - 1].lower_ in self.part_heads:
                continue
            if kind != "event" and a["label"] == "Project":
                continue
            # 'the 2021 Jiaxing "Innovation China" Conference': a place before the quotes is part of an event's name
            place = place_before(doc, top, s, self.is_edition) if kind == "event" else None
            if place is not None:
                s = place["s"]
                place["nested"], place["host"] = True, [s, j]
            # '"Sci-tech Into Enterprises" Action': a quoted name the head words typed a body, and a
            # programme's head after it, are the programme (the quoted words are its name, not a body's)
            added.append(dict(_new_event(doc, s, j, a["prio"]), props={"kind": kind}))
            if a["label"] == "Organisation" and not a["props"].get("canon"):
                a["label"], a["props"] = "Project", {"kind": kind}
            a["nested"], a["host"] = True, [s, j]
        return self._sorted(mentions + added) if added else mentions

    def lower_heads(self, doc, mentions: list[dict]) -> list[dict]:
        """'the 2021 Yangtze River Delta innovation expo', 'the Hangzhou digital economy forum': a place's name
        and up to three lower-case nouns or adjectives (a hyphened word is one: "sci-tech") that end in an event's head (after "the" or an
        edition) are the event's name written in lower case; the place stays, nested in it."""
        top = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
        starts = {m["s"] for m in top}
        added = []
        for a in top:
            if a["label"] not in self.lower_head_labels or a["s"] == 0:
                continue
            before = doc[a["s"] - 1]
            if not (before.lower_ == "the" or self.is_edition(before)):
                continue
            j = a["e"]
            while j < len(doc) and j - a["e"] <= 2 * self.max_tail_words and j not in starts and (
                    doc[j].is_lower and doc[j].is_alpha or doc[j].text in ("-", "–") and not doc[j].whitespace_):
                if doc[j].lower_ in self.event_words and self._lower_tail(doc, j) is not None:
                    break
                j += 1
            else:
                continue
            # the words between the place and the head: up to three lower-case nouns or adjectives
            # ("marine science popularisation month", "sci-tech achievements matchmaking meeting")
            if self._lower_tail(doc, j) != a["e"]:
                continue
            added.append(_new_event(doc, a["s"], j + 1, a["prio"]))
            a["nested"], a["host"] = True, [a["s"], j + 1]
        return self._sorted(mentions + added) if added else mentions

    def _lower_tail(self, doc, j: int) -> int | None:
        """The start of the lower-case words that end in the event head at j ("sci-tech matchmaking
        conference", "innovation and entrepreneurship competition"), or None when j is no such head."""
        if not doc[j].is_lower or doc[j].lower_ in self.part_heads:
            return None
        label, kind, _, _ = self.head_type(doc, j, j + 1)
        if label != "Project" or kind != "event" or (j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN")):
            return None
        k, words = j, 0
        while k - 1 >= 0 and words < self.max_tail_words:
            t = doc[k - 1]
            if k - 3 >= 0 and t.is_lower and doc[k - 2].text in ("-", "–") and not doc[k - 2].whitespace_ \
                    and doc[k - 3].is_lower and not doc[k - 3].whitespace_:
                k -= 3  # "sci-tech" is one word
                words += 1
                continue
            if t.text in ("-", "–") and not t.whitespace_ and k - 2 >= 0 and doc[k - 2].is_lower and not doc[k - 2].whitespace_:
                k -= 2  # "sci-tech"
                words += 1
                continue
            if t.lower_ in ("and", "&") and k - 2 >= 0 and (doc[k - 2].lower_, doc[k].lower_) in self.fixed_pairs:
                k -= 1
                continue
            if not (t.is_lower and t.is_alpha and t.pos_ in ("NOUN", "ADJ", "PROPN") and not t.is_stop):
                break
            k -= 1
            words += 1
        return k

    def lower_runs(self, doc, mentions: list[dict]) -> list[dict]:
        """'the 2023 Oujiang talent week', 'the 2nd China (Jiaxing) innovation and entrepreneurship
        competition', 'the 2022 Jiangsu Sci-tech Innovation conference': a capitalised run that is no name
        of its own (or only places) and the lower-case words after it that end in an event's head are
        the event's name in mixed case (after "the" or an edition; a body's or a programme's run is left:
        "the CAST annual meeting", "the P conference"); the places stay, nested in it."""
        top = [m for m in mentions if not m.get("nested")]
        by_tok = {k: m for m in top for k in range(m["s"], m["e"])}
        added = []
        for j in range(2, len(doc)):
            if j in by_tok or not doc[j].is_lower or doc[j].lower_ not in self.event_words:
                continue
            k = self._lower_tail(doc, j)
            if k is None or k == 0 or k in by_tok and by_tok[k]["e"] > k:
                continue
            r = k
            while r - 1 >= 0 and not doc[r].is_sent_start and doc[r - 1].lower_ not in self.stop_words and (
                    doc[r - 1].text[:1].isupper() or doc[r - 1].text in ("(", ")", "·")
                    or (doc[r - 1].text in ("-", "–") and not doc[r - 1].whitespace_)
                    or (r - 2 >= 0 and doc[r - 2].text in ("-", "–") and not doc[r - 2].whitespace_ and doc[r - 1].is_alpha)):
                r -= 1  # "Sci-tech": a lower-case part after a hyphen goes on with the run
            if r == k or r == 0 or doc[r].is_sent_start or doc[r].text in ("(", ")", "-", "·"):
                continue
            before = doc[r - 1]
            if not (before.lower_ in ("the", "'s", "’s") or self.is_edition(before)):
                continue
            inside = [m for m in top if m["s"] < j + 1 and r < m["e"]]
            if any(m["label"] not in self.lower_head_labels or m["s"] < r for m in inside):
                continue
            if inside and inside[0]["s"] == r and inside[0]["e"] == k:
                continue  # a place and the lower-case words: lower_heads reads it
            if not any(doc[x].pos_ == "PROPN" for x in range(r, k)):
                continue
            added.append(_new_event(doc, r, j + 1, self.name_prio))
            for m in inside:
                m["nested"], m["host"] = True, [r, j + 1]
            for x in range(r, j + 1):
                by_tok[x] = added[-1]
        return self._sorted(mentions + added) if added else mentions

    def body_events(self, doc, mentions: list[dict]) -> list[dict]:
        """"The Chinese Society of Automotive Engineers Annual Congress": an Organisation mention with an
        "of" / "for" part that ends in a meeting word and a singular event head ("Annual Congress", "Work
        Conference") is the body's event; without the meeting word it stays a body ("the Chinese People's
        Political Consultative Conference", "the National People's Congress"). The body, where a
        mention of its own lies inside, stays nested."""
        for m in mentions:
            if m.get("nested") or m["label"] != "Organisation" or m["e"] - m["s"] < 4:
                continue
            last = doc[m["e"] - 1]
            low = last.lower_
            if low not in self.body_event_heads or not last.text[:1].isupper():
                continue
            if not any(doc[k].lower_ in ("of", "for") for k in range(m["s"] + 1, m["e"] - 2)):
                continue
            if doc[m["e"] - 2].lower_ not in self.guard_words:
                continue
            m["label"], m["props"] = "Project", {"kind": "event"}
            for x in mentions:
                if x is not m and x.get("host") == [m["s"], m["e"]] and x["label"] == "Project" and not x["props"].get("canon"):
                    x["label"], x["props"] = "Project", {"kind": "event"}
        return mentions

    def editions(self, doc, mentions: list[dict]) -> list[dict]:
        """Grow event mentions over the edition before them; keep the plain name as a nested mention."""
        mentions = programme_stops(doc, self.body_events(doc, mentions), self.stop_heads, _new_event)
        mentions = join_event_halves(doc, mentions, self.activity_heads, _is_event, self.market_words)
        mentions = self.lower_heads(doc, self.quoted_heads(doc, mentions))
        mentions = held_bodies(self, doc, self.lower_runs(doc, mentions))
        mentions = lower_events(self, doc, body_sittings(self, doc, mentions, _new_event), _new_event)
        mentions = self.edges(doc, mentions)
        top = [m for m in mentions if not m.get("nested")]
        added = []
        for m in top:
            if not _is_event(m):
                continue
            s = m["s"]
            k = s
            while k - 1 >= 0 and s - k < 2 and self.is_edition(doc[k - 1]):
                k -= 1
            before = doc[k - 1] if k > 0 else None
            if k < s and (before is None or before.lower_ in _BEFORE_EDITION or before.is_sent_start
                          or "\n" in before.whitespace_) and self._free(top, m, k, s):
                # the edition the name was written without stays a variant: the entity keeps its plain name
                m["props"] = dict(m["props"], canon=m["props"].get("canon") or m["text"])
                _set_span(doc, m, k, m["e"])
            # the plain name, when the mention starts with its edition and no mention has that name yet
            p = m["s"]
            while p < m["e"] - 1 and self.is_edition(doc[p]):
                p += 1
            if p == m["s"] or m["e"] - p < 2 or doc[p].lower_ in self.part_heads or any(x is not m and (x["s"], x["e"]) == (p, m["e"]) for x in mentions):
                continue
            added.append(self._inner(doc, m, p, m["e"], m["props"].get("canon") or m["text"]))
        return self._sorted(mentions + added)

    def _inside(self, doc, mentions: list[dict]) -> list[dict]:
        """"The Opening Ceremony of the X Summit" chunked as one name: the entity is the X Summit."""
        added = []
        for b in mentions:
            if b.get("nested") or b["label"] != "Project" or b["props"].get("canon"):
                continue
            k = b["s"]
            while k < b["e"] and doc[k].lower_ in self.part_mods:
                k += 1
            if k + 2 >= b["e"] or doc[k].lower_ not in self.part_heads or doc[k + 1].lower_ not in ("of", "for"):
                continue
            r = k + 2 + (doc[k + 2].lower_ == "the")
            if b["e"] - r < 2:
                continue
            label, kind, _, start = self.head_type(doc, r, b["e"])
            if label != "Project" or start != r:
                continue
            canon = doc[r:b["e"]].text
            b["props"] = dict(b["props"], kind=kind, canon=canon)
            added.append(self._inner(doc, b, r, b["e"], canon))
            p = r
            while p < b["e"] - 1 and self.is_edition(doc[p]):
                p += 1
            if p > r and b["e"] - p >= 2:
                added.append(self._inner(doc, b, p, b["e"], canon))
        return self._sorted(mentions + added) if added else mentions

    def _known_inner(self, doc, mentions, b) -> str | None:
        """The canonical name of a known event the mention b is an edition of ("21st CAST Annual Meeting")."""
        p = b["s"]
        while p < b["e"] - 1 and self.is_edition(doc[p]):
            p += 1
        return next((x["props"]["canon"] for x in mentions if x.get("nested") and (x["s"], x["e"]) == (p, b["e"])
                     and x["label"] == b["label"] and x["props"].get("canon")), None)

    @staticmethod
    def _inner(doc, host: dict, s: int, e: int, canon: str) -> dict:
        """A nested mention of the host's entity (same canonical name, hence the same key)."""
        span = doc[s:e]
        return {"s": s, "e": e, "label": host["label"], "props": dict(host["props"], canon=canon),
                "prio": host["prio"], "nested": True, "host": [host["s"], host["e"]], "text": span.text,
                "start_char": span.start_char, "end_char": span.end_char}

    def parts(self, doc, mentions: list[dict]) -> list[dict]:
        """Grow a Project mention over the ceremony or session of it written before it."""
        mentions = self._inside(doc, mentions)
        top = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
        by_end = {m["e"]: m for m in top}
        absorbed, added = [], []
        for b in top:
            if b["label"] != "Project" or any(b is x for x in absorbed):
                continue
            k = b["s"] - 1
            ed = k
            while ed >= 0 and b["s"] - ed <= 2 and self.is_edition(doc[ed]):
                ed -= 1
            k = ed
            if k >= 0 and doc[k].lower_ == "the":
                k -= 1
            if k < 1 or doc[k].lower_ not in ("of", "for") or doc[k - 1].lower_ not in self.part_heads:
                continue
            head = k - 1
            a = by_end.get(head + 1)
            if a is not None and a is not b:
                # "The Opening Ceremony of E": a part that was a mention of its own is absorbed
                if not all(doc[x].lower_ in self.part_mods or doc[x].lower_ in self.part_heads for x in range(a["s"], a["e"])):
                    continue
                start = a["s"]
            else:
                start = head
                while start - 1 >= 0 and head - start < 2 and doc[start - 1].lower_ in self.part_mods:
                    start -= 1
            others = [o for o in top if o is not b and o is not a]
            if any(o["s"] < b["s"] and start < o["e"] for o in others):
                continue
            canon = b["props"].get("canon") or self._known_inner(doc, mentions, b) or doc[ed + 1:b["e"]].text
            if a is not None and a is not b:
                absorbed.append(a)
            if not b["props"].get("canon"):
                added.append(self._inner(doc, b, b["s"], b["e"], canon))  # the event's own name, as written
            b["props"] = dict(b["props"], canon=canon)
            old = [b["s"], b["e"]]
            _set_span(doc, b, start, b["e"])
            _repoint(mentions + added, old, b)
        mentions = mentions + added
        if absorbed:
            mentions = [m for m in mentions if not any(m is x for x in absorbed)]
        return self._sorted(mentions)

    @staticmethod
    def _sorted(mentions: list[dict]) -> list[dict]:
        mentions.sort(key=lambda m: (m["s"], -m["e"]))
        return mentions

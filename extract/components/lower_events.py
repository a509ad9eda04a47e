"""Events named in lower case with no place or capitalised word in their name, for ``innograph_entities``.

- "the science and technology achievements matchmaking conference was organised by A", "A held a
  symposium on sci-tech cooperation", "the exchange meeting on talent introduction": "the", "a" or an
  edition, lower-case nouns or adjectives (a hyphened word is one, "science and technology" one phrase)
  and an event's head ([event_names] lower_event_heads), with an "on" subject after the head, are an
  event's name. Two words before the head at least, or one and a subject, so that an anaphor ("the
  conference", "the opening ceremony", "the matchmaking meeting") stays one; words that say which sitting
  or part it is ([event_names] lower_event_skip: "annual", "opening", "two-day") are no part of the name.

A mention inside a name the recogniser already has, or one after a capitalised word ("the Innovation
China pilot cities meeting" keeps its programme), is left. The heads are found by a spaCy ``PhraseMatcher``
(no walk over every token in Python); each match reads a few tokens either side.

Not a component itself: :func:`lower_events` is asked by :class:`~extract.components.event_names.EventNames`.
"""
from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

_DETS = ("the", "a", "an")
_DURATION = ("day", "days", "week", "weeks", "month", "months", "year", "long")  # "two-day", "week-long"
_MAX_WORDS = 5
_MAX_SUBJECT = 6
_matchers: dict[int, PhraseMatcher] = {}


def _heads(doc, heads: frozenset) -> list[int]:
    """The indices of the lower-case tokens of doc that are one of ``heads``, found with a ``PhraseMatcher`` on
    the LOWER attribute (hashed, no Python predicate per token; one matcher per vocab and word list)."""
    key = id(doc.vocab) ^ hash(heads)
    m = _matchers.get(key)
    if m is None:
        m = PhraseMatcher(doc.vocab, attr="LOWER")
        m.add("HEAD", [Doc(doc.vocab, words=[w]) for w in sorted(heads)])
        _matchers[key] = m
    return [s for _, s, _ in m(doc) if doc[s].is_lower]


def _glued(doc, k: int) -> bool:
    """Is doc[k] the second half of a hyphened word ("sci-tech": "tech")?"""
    return k >= 2 and doc[k - 1].text in ("-", "–") and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_


def _word(t) -> bool:
    return t.is_lower and t.is_alpha and t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") and t.tag_ not in ("VBD", "VBN", "VBZ", "VBP") \
        and not t.is_stop


def _left(doc, j: int, fixed_pairs, skip) -> tuple[int, int]:
    """(start, number of words) of the lower-case words before the head at j."""
    k, words = j, 0
    while k - 1 >= 0 and words < _MAX_WORDS:
        t = doc[k - 1]
        if _glued(doc, k - 1) and doc[k - 3].is_lower and doc[k - 1].is_alpha:
            if doc[k - 3].lower_ in skip or doc[k - 1].lower_ in _DURATION:
                break  # "the two-day X conference", "a week-long X forum": how long, no part of the name
            k -= 3  # "sci-tech" is one word
            words += 1
            continue
        if t.lower_ in ("and", "&") and k - 2 >= 0 and (doc[k - 2].lower_, doc[k].lower_) in fixed_pairs:
            k -= 1  # "science and technology" is one phrase
            continue
        if not _word(t) or t.lower_ in skip:
            break
        k -= 1
        words += 1
    return k, words


def _subject(doc, e: int, fixed_pairs) -> int:
    """The end of the subject after "on" at e ("on sci-tech cooperation"), or e when there is none."""
    if e >= len(doc) or doc[e].lower_ != "on":
        return e
    k, words = e + 1, 0
    while k < len(doc) and words < _MAX_SUBJECT:
        t = doc[k]
        if t.text in ("-", "–") and not t.whitespace_ and k + 1 < len(doc) and doc[k + 1].is_lower and words:
            k += 2
            continue
        if t.lower_ in ("and", "&") and words and k + 1 < len(doc) and (doc[k - 1].lower_, doc[k + 1].lower_) in fixed_pairs:
            k += 1
            continue
        if not _word(t) or t.pos_ == "VERB" and t.tag_ != "VBG":
            break
        k += 1
        words += 1
    # the subject ends in a noun ("on talent introduction", not "on new")
    while k > e + 1 and doc[k - 1].pos_ not in ("NOUN", "PROPN"):
        k -= 1
    return k if k > e + 1 else e


def lower_events(events, doc, mentions: list[dict], new_event) -> list[dict]:
    """Add the lower-case event names of doc (``events``: the :class:`EventNames`, for its word lists and
    :meth:`is_edition`; ``new_event``: its mention maker) to the mentions."""
    if not events.lower_event_heads:
        return mentions
    top = [m for m in mentions if not m.get("nested")]
    taken = {k for m in top for k in range(m["s"], m["e"])}
    added = []
    for j in _heads(doc, events.lower_event_heads):
        if j in taken or j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN") and doc[j + 1].is_lower:
            continue  # "the conference hall": no event's name
        k, words = _left(doc, j, events.fixed_pairs, events.lower_event_skip)
        e = _subject(doc, j + 1, events.fixed_pairs)
        if k == 0:
            continue
        before = doc[k - 1]
        # "a symposium on sci-tech cooperation" is a new event; "the conference on X" may be the last one named
        if not (words >= 2 or e > j + 1 and (words >= 1 or before.lower_ in ("a", "an"))):
            continue
        duration = before.lower_ in _DURATION and _glued(doc, k - 1)  # "the two-week X exhibition"
        if not (before.lower_ in _DETS or before.lower_ in events.lower_event_skip or events.is_edition(before) or duration):
            continue
        if any(x in taken for x in range(k, e)):
            continue
        # the name says what the event is about ("the government press conference" says not)
        if events.lower_event_topics and not any(doc[x].lower_ in events.lower_event_topics
                                                  or _glued(doc, x) and doc[x - 2 : x + 1].text.lower() in events.lower_event_topics
                                                  for x in range(k, e)):
            continue
        added.append(new_event(doc, k, e, events.name_prio))
        taken.update(range(k, e))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m["s"], -m["e"]))


def body_sittings(events, doc, mentions: list[dict], new_event) -> list[dict]:
    """'the 21st annual meeting of the China Association for Science and Technology', 'the 2021 annual
    conference of the X Society': an edition or "annual", a sitting's head ([event_names] sitting_heads) and
    "of" a body are the body's event; the body keeps its entity, nested in the event's mention."""
    if not events.sitting_heads:
        return mentions
    top = [m for m in mentions if not m.get("nested")]
    by_start = {m["s"]: m for m in top}
    taken = {k for m in top for k in range(m["s"], m["e"])}
    added = []
    for j in _heads(doc, events.sitting_heads):
        if j in taken or j + 2 >= len(doc) or doc[j + 1].lower_ != "of":
            continue
        b = j + 2 + (doc[j + 2].lower_ == "the")
        body = by_start.get(b)
        if body is None or body["label"] != "Organisation":
            continue
        k = j
        while k - 1 >= 0 and j - k < 3 and (doc[k - 1].lower_ == "annual" or events.is_edition(doc[k - 1])) and k - 1 not in taken:
            k -= 1
        if k == j or k == 0 or doc[k - 1].lower_ not in ("the", "its", "this", "a"):
            continue
        added.append(new_event(doc, k, body["e"], events.name_prio))
        body["nested"], body["host"] = True, [k, body["e"]]
        taken.update(range(k, body["e"]))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m["s"], -m["e"]))


def held_bodies(events, doc, mentions: list[dict]) -> list[dict]:
    """'A held the Jiaxing Talent Congress', 'the X Innovation Assembly was convened in Y': a name the chunker
    typed a standing body by its head ([numbered_event_heads] words: congress, assembly, session) is an event
    where the parse makes it held: the object of a holding verb ([event_names] held_verbs) or its passive
    subject, or the subject of "opened" / "concluded" with no object. A body the gazetteer knows stays one
    ("the National People's Congress")."""
    if not events.held_verbs:
        return mentions
    for m in mentions:
        if m.get("nested") or m["label"] != "Organisation" or m["props"].get("canon") or m["e"] - m["s"] < 2:
            continue
        h = doc[m["e"] - 1]
        if h.lower_ not in events.body_heads or not h.text[:1].isupper():
            continue
        if doc[m["s"]:m["e"]].text.lower().endswith(events.standing_body_endings):
            continue  # "the Jiaxing Municipal People's Congress was convened": a standing body
        verb, dep = h.head.lemma_.lower(), h.dep_
        held = dep in ("dobj", "nsubjpass") and verb in events.held_verbs \
            or dep == "nsubj" and verb in events.run_verbs and not any(c.dep_ == "dobj" for c in h.head.children)
        if held:
            m["label"], m["props"] = "Project", {"kind": "event"}
    return mentions

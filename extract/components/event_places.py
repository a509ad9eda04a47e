"""Quoted names and places written inside an event's name, for ``innograph_entities``.

- 'The 2021 "Innovation China" Pilot Cities Meeting': a quoted programme right before an event's name is part
  of that name (the programme stays, nested in it).

- '"Innovation China" (Jiaxing) Science and Technology Cooperation Fair', '"Tianfu Cup" (Chengdu) Innovation
  Contest': a bracketed place between a quoted name's closing quote and an event's name is part of the
  event's name (the place keeps its entity, nested in the event's mention).

Not a component itself: :func:`quoted_programme_events` is the entity recogniser's quoted-event join, and asks
:func:`bracketed_place` and :func:`place_before`.
"""
from __future__ import annotations

from extract.components.shared import QUOTES_CLOSE, QUOTES_OPEN

_PLACES = ("City", "Region")


def bracketed_place(doc, top: list[dict], i: int, b: dict) -> tuple[dict | None, dict]:
    """When ``b`` (the mention after ``top[i]``) is a place written in brackets and the next top-level
    mention starts right after the closing bracket, (the place, that next mention); else (None, b)."""
    if b["label"] not in _PLACES or i + 2 >= len(top) or b["s"] < 1 or b["e"] >= len(doc):
        return None, b
    if doc[b["s"] - 1].text != "(" or doc[b["e"]].text != ")":
        return None, b
    nxt = top[i + 2]
    if nxt["s"] != b["e"] + 1:
        return None, b
    return b, nxt


def place_before(doc, top: list[dict], s: int, edition) -> dict | None:
    """'the 2021 Jiaxing "Innovation China" Conference': the place whose top-level mention ends right before
    token s (an event name's opening quote) after "the" or an edition (``edition``: EventNames.is_edition),
    or None. Its name is part of the event's name."""
    place = next((m for m in top if m["e"] == s and m["label"] in _PLACES and not m.get("nested")), None)
    if place is None or place["s"] == 0:
        return None
    before = doc[place["s"] - 1]
    return place if before.lower_ == "the" or edition(before) else None


def on_subject(doc, j: int, event_heads, stop_initial) -> bool:
    """Does the "on" at token j join an event's subject to its name ("International Forum on Technology
    Transfer", "the Conference on the Integrated Development of X")? Only after an event's head, never
    before a date or a stop word ("Forum on November 4th", "Summit on Monday"); "the" after "on" only
    before a capitalised word that is no stop word."""
    if doc[j].lower_ != "on" or j + 1 >= len(doc) or doc[j - 1].lower_ not in event_heads:
        return False
    nxt = doc[j + 1]
    if nxt.lower_ == "the" and j + 2 < len(doc):
        nxt = doc[j + 2]
        if not nxt.text[:1].isupper():
            return False
    return nxt.lower_ not in stop_initial and not nxt.like_num and nxt.ent_type_ != "DATE"


def bracket_aliases(doc, mentions: list[dict]) -> list[dict]:
    """'the 2021 China International Big Data Industry Expo (Big Data Expo)': an event's name in brackets right
    after an event, all of whose words are the first one's, is its short name: one entity (the bracketed
    mention takes the event's canonical name), not a second event."""
    top = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
    for a, b in zip(top, top[1:]):
        if b["s"] != a["e"] + 1 or doc[a["e"]].text != "(" or b["e"] >= len(doc) or doc[b["e"]].text != ")":
            continue
        if not (_is_event(a) and _is_event(b)) or b["e"] - b["s"] >= a["e"] - a["s"]:
            continue
        words = {t.lower_ for t in doc[a["s"]:a["e"]]}
        if all(t.lower_ in words for t in doc[b["s"]:b["e"]]):
            b["props"] = dict(b["props"], canon=a["props"].get("canon") or a["text"])
    return mentions


def _is_event(m: dict) -> bool:
    return m["label"] == "Project" and m["props"].get("kind") == "event"


def quoted_programme_events(doc, mentions: list[dict], is_edition) -> list[dict]:
    """The 2021 "Innovation China" Pilot Cities Meeting: a quoted programme right before an event's
    name is part of that event's name (the programme stays, nested in it); so is a quoted event's or
    place's name ('the "Tengfei Cup" Innovation Contest', 'the "Green Valley" Science Salon')."""
    top = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
    for i, (a, b) in enumerate(zip(top, top[1:])):
        # '"Innovation China" (Jiaxing) Science and Technology Cooperation Fair': a bracketed place between
        # the closing quote and the event's name belongs to the name (event_places.bracketed_place)
        inner, b = bracketed_place(doc, top, i, b)
        room = 2 if inner is None else inner["e"] - inner["s"] + 4
        if b["label"] != "Project" or b["props"].get("kind") != "event" or b["s"] - a["e"] > room:
            continue
        quoted = a["s"] > 0 and doc[a["s"] - 1].text in QUOTES_OPEN  # '"Tengfei Cup" Contest', '"Green Valley" Salon'
        if not (a["label"] == "Project" and a["props"].get("kind") != "event" or quoted and a["label"] in ("Project", "City", "Region")):
            continue
        gap = [doc[k].text for k in range(a["e"], inner["s"] - 1 if inner is not None else b["s"])]
        # "the Science and Technology Innovation China 2021 Annual Conference": a programme, a year, an event
        year = len(gap) == 1 and not quoted and a["label"] == "Project" and doc[a["e"]].like_num and len(gap[0]) == 4
        if not gap or not (year or all(g in QUOTES_CLOSE for g in gap)):
            continue
        s = a["s"]
        if s - 1 >= 0 and doc[s - 1].text in QUOTES_OPEN:
            s -= 1
        # 'the 2021 Jiaxing "Innovation China" Conference': a place right before the quotes is part of the name
        place = place_before(doc, top, s, is_edition) if quoted else None
        if place is not None:
            s = place["s"]
            place["nested"], place["host"] = True, [s, b["e"]]
        if s - 1 >= 0 and doc[s - 1].like_num and len(doc[s - 1].text) == 4:
            s -= 1  # the edition's year
        if inner is not None:
            inner["nested"], inner["host"] = True, [s, b["e"]]
        a["nested"], a["host"] = True, [s, b["e"]]
        b["s"] = s
        span = doc[s:b["e"]]
        b["text"], b["start_char"] = span.text, span.start_char
    return mentions

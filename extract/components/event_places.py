"""Places written inside an event's name, for ``innograph_entities``.

- '"Innovation China" (Jiaxing) Science and Technology Cooperation Fair', '"Tianfu Cup" (Chengdu) Innovation
  Contest': a bracketed place between a quoted name's closing quote and an event's name is part of the
  event's name (the place keeps its entity, nested in the event's mention).

Not a component itself: :func:`bracketed_place` is asked by the entity recogniser's quoted-event join.
"""
from __future__ import annotations

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

"""A programme's stop in a place, for ``innograph_entities`` (asked by :class:`EventNames`):

- "the Innovation China Wenzhou station", "the Science Popularisation Tour Lanzhou stop": a programme's
  name, a place's name right after it and a lower-case stop word (lexicon ``[event_names] stop_heads``)
  are one event, the programme's event in that place. The programme and the place stay, nested in it
  and named in their own right (each keeps its entity). A capitalised "... Station" is chunked as one name already.
"""
from __future__ import annotations


def programme_stops(doc, mentions: list[dict], stop_heads, new_event) -> list[dict]:
    """The mentions with an event added over each programme + place + stop word; ``new_event(doc, s, e,
    prio)`` makes the event's mention."""
    top = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
    by_start = {m["s"]: m for m in top}
    added = []
    for p in top:
        if p["label"] != "Project" or p["props"].get("kind") == "event":
            continue
        c = by_start.get(p["e"])
        if c is None or c["label"] not in ("City", "Region") or c["e"] >= len(doc):
            continue
        head = doc[c["e"]]
        if not head.is_lower or head.lower_ not in stop_heads:
            continue
        if c["e"] + 1 < len(doc) and doc[c["e"] + 1].pos_ in ("NOUN", "PROPN"):
            continue  # "the P Wenzhou station staff": the stop word qualifies another noun
        if c["e"] in by_start:
            continue  # the stop word begins a name of its own
        ev = new_event(doc, p["s"], c["e"] + 1, p["prio"])
        added.append(ev)
        for m in (p, c):
            m["nested"], m["host"], m["named"] = True, [ev["s"], ev["e"]], True
    if not added:
        return mentions
    mentions = mentions + added
    mentions.sort(key=lambda m: (m["s"], -m["e"]))
    return mentions

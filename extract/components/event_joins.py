"""Two halves of one event's name, for ``innograph_entities`` (asked by :class:`EventNames`):

- "the Guiyang Big Data Technology Exchange and Matchmaking Meeting": the chunker ends a name at a head
  word of a body ("Exchange", as in a stock exchange) and starts another after "and"; when the first
  half ends in such a word that is also an activity (lexicon ``[event_names] activity_heads``) and the
  second half, right after "and", is a short event name of capitalised common words, the two are one
  event. The first half is no body of its own; a market's name ("Stock Exchange", lexicon ``[event_names]
  market_words``) is one.
"""
from __future__ import annotations

MAX_SECOND = 3  # "Matchmaking Meeting", "Project Signing Ceremony"


def join_event_halves(doc, mentions: list[dict], activity_heads, is_event, market_words=()) -> list[dict]:
    """The mentions with each such pair joined into the event (``is_event(m)``: an event's mention)."""
    top = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
    by_start = {m["s"]: m for m in top}
    gone = []
    for a in top:
        if a["label"] != "Organisation" or a["e"] + 1 >= len(doc) or doc[a["e"]].lower_ != "and":
            continue
        if doc[a["e"] - 1].lower_ not in activity_heads or not doc[a["e"] - 1].text[:1].isupper() \
                or (a["e"] - 2 >= a["s"] and doc[a["e"] - 2].lower_ in market_words):
            continue  # "the Shanghai Stock Exchange": a market is a body
        b = by_start.get(a["e"] + 1)
        if b is None or not is_event(b) or b["e"] - b["s"] > MAX_SECOND:
            continue
        if not all(t.text[:1].isupper() and t.is_alpha for t in doc[b["s"]:b["e"]]) or any(x.get("nested") and x.get("host") == [b["s"], b["e"]] for x in mentions):
            continue  # the second half is a name of its own ("... Exchange and Jiaxing Forum")
        if any(x.get("nested") and x.get("host") == [a["s"], a["e"]] and x["label"] == "Organisation" for x in mentions):
            continue  # a body's name inside the first half: leave it
        old = [b["s"], b["e"]]
        span = doc[a["s"]:b["e"]]
        b["s"], b["text"], b["start_char"] = a["s"], span.text, span.start_char
        for x in mentions:
            if x.get("nested") and x.get("host") in (old, [a["s"], a["e"]]):
                x["host"] = [b["s"], b["e"]]
        gone.append(a)
    if not gone:
        return mentions
    mentions = [m for m in mentions if not any(m is g for g in gone)]
    mentions.sort(key=lambda m: (m["s"], -m["e"]))
    return mentions

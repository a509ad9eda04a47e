"""Acronyms the recogniser leaves unread, turned into mentions of the body they stand for, so that
the relation rules see them as they see the full name.

- an acronym never defined in the article whose letters are the initials of the one organisation
  the article names that way ("BAST" in an article that names the "Beijing Association for Science
  and Technology"), a mention of that organisation;
- an acronym the article uses on its own (defined, or a body known only by its acronym, "TU") at the
  end of a longer name after "of" ("the Science and Technology Department of TU", "the General
  Office of HAST"), a nested mention of its body: the unit is part of the body, a post in it is held
  at the body too. (Not at the start of a name: "the X Institute of Technology" founded by the
  scholars of a programme X is no part of X.)
"""
from __future__ import annotations

from extract.merge import initials

ACRONYM_LABELS = ("Organisation", "City")


def _is_acronym(text: str, least: int = 2) -> bool:
    return least <= len(text) <= 8 and text.isalpha() and text.isupper()


def _spelled(name: str) -> set[str]:
    """The acronyms a name may go by: its initials, and those of its first part before " of "."""
    out = {initials(name)}
    parts = name.split(" of ")
    out.update(initials(" of ".join(parts[:i])) for i in range(1, len(parts)))
    return {a for a in out if len(a) >= 3}


def bare_acronyms(doc, mentions: list[dict]) -> list[dict]:
    """Mentions for the undefined acronyms (three letters or more, outside every name) that spell the
    initials of exactly one organisation named in full in this text.

    The new mention takes the organisation's key, so it is that organisation wherever it is read."""
    taken = set()
    for m in mentions:
        taken.update(range(m["s"], m["e"]))
    named: dict[str, list[dict]] = {}
    for m in mentions:
        if m["label"] == "Organisation" and not m.get("anaphor") and not m.get("acronym_of") and m["e"] - m["s"] >= 3:
            for a in _spelled(m["text"]):
                if not any(o["key"] == m["key"] for o in named.get(a, ())):
                    named.setdefault(a, []).append(m)
    if not named:
        return []
    known = {m["text"] for m in mentions if m.get("acronym_of") or m["e"] - m["s"] == 1}
    out = []
    for t in doc:
        if t.i in taken or not _is_acronym(t.text, 3) or t.text in known:
            continue
        bodies = named.get(t.text)
        if not bodies or len(bodies) != 1:
            continue
        b = bodies[0]
        out.append({**{k: v for k, v in b.items() if k not in ("nested", "host", "named", "short")},
                    "s": t.i, "e": t.i + 1, "text": t.text, "acronym_of": b["text"],
                    "start_char": t.idx, "end_char": t.idx + len(t.text)})
    return out


def nested_acronyms(doc, mentions: list[dict]) -> list[dict]:
    """Nested mentions for an acronym used on its own that ends a longer name after "of"."""
    acr = {}
    for m in mentions:
        if m["e"] - m["s"] == 1 and m["label"] in ACRONYM_LABELS and not m.get("anaphor") and (
                m.get("acronym_of") or m["label"] == "Organisation" and not m.get("nested") and _is_acronym(m["text"])):
            acr.setdefault(m["text"], m)
    if not acr:
        return []
    inner = {(m["s"], m["e"]) for m in mentions if m.get("nested")}
    out = []
    for m in mentions:
        if m["label"] != "Organisation" or m.get("nested") or m.get("anaphor") or m["e"] - m["s"] < 3:
            continue
        last = doc[m["e"] - 1]
        a = acr.get(last.text)
        before = doc[m["e"] - 2].lower_ if doc[m["e"] - 2].lower_ != "the" else doc[m["e"] - 3].lower_
        at = m["e"] - 1 if a is not None and before == "of" and (m["e"] - 1, m["e"]) not in inner else None
        b = acr.get(doc[m["s"]].text)
        if at is None and b is not None and b.get("acronym_of") and b["label"] == "Organisation" \
                and (m["s"], m["s"] + 1) not in inner and doc[m["s"] + 1].is_alpha and doc[m["s"] + 1].text[:1].isupper():
            a, at = b, m["s"]
        if at is None:
            continue
        t = doc[at]
        out.append({**{k: v for k, v in a.items() if k != "acronym_of"}, "s": at, "e": at + 1, "nested": True,
                    "host": [m["s"], m["e"]], "start_char": t.idx, "end_char": t.idx + len(t.text)})
    return out

"""Acronyms turned into mentions of the body they stand for, so that the relation rules see them as
they see the full name.

- "Full Name (ACR)": the article defines ACR, and its later uses are mentions of the full name
  (:func:`defined_acronyms`, called by the entity recogniser);

and those the recogniser leaves unread:

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

from extract.components.shared import is_acronym
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


def defined_acronyms(names, doc, mentions, data):
    """"Full Name (ACR)" defines ACR; later uses of ACR are mentions of the full name (the recogniser's
    mentions, ``names`` its :class:`NameChunker`; ``data["acronyms"]`` gets the definitions)."""
    by_end = {m["e"]: m for m in mentions if not m.get("nested")}
    acr = data["acronyms"]
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")":
            continue
        cand = doc[i + 1].text
        if not is_acronym(cand):
            continue
        m = by_end.get(i)
        if m is None or m["label"] == "Person":
            continue
        target = m
        # the acronym may stand for a suffix of the name: "... of X Y Z City (XYZC)"
        def _initials(s, e):
            return "".join(t.text[0].upper() for t in doc[s:e]
                           if names.namey(t) and t.lower_ not in ("and", "of", "for", "the"))
        prev = by_end.get(m["s"] - 1) if m["s"] > 0 and doc[m["s"] - 1].text == "," else None
        if prev is not None and prev["label"] != "Person" and _initials(m["s"], m["e"]) != cand.upper() \
                and _initials(prev["s"], prev["e"]) == cand.upper():
            m = target = prev  # "Research Center for …, Chinese Academy of Sciences (RCEES)" is the center
        if _initials(m["s"], m["e"]) != cand.upper().replace("&", ""):
            for s2 in range(m["s"] + 1, m["e"] - 1):
                if _initials(s2, m["e"]) == cand.upper():
                    label, kind, h, _ = names.head_type(doc, s2, m["e"])
                    if label:
                        target = {"s": s2, "e": m["e"], "label": label, "props": {"kind" if label != "City" else "level": kind},
                                  "prio": 2, "nested": True, "host": [m["s"], m["e"]], "text": doc[s2:m["e"]].text,
                                  "start_char": doc[s2].idx, "end_char": doc[m["e"] - 1].idx + len(doc[m["e"] - 1])}
                        mentions.append(target)
                    break
        acr[cand] = {"label": target["label"], "text": target["text"], "canon": target["props"].get("canon")}
        mentions.append({"s": i + 1, "e": i + 2, "label": target["label"], "props": dict(target["props"]),
                         "prio": 2, "text": cand, "acronym_of": target["text"], "nested": True,
                         "start_char": doc[i + 1].idx, "end_char": doc[i + 1].idx + len(cand)})
    if not acr:
        return
    # an acronym the document defines means what the document says, not what the alias table says
    # ("the 17th Qilu Hi-Tech Fair (QHTF)" and a known QHTF of another name)
    for m in mentions:
        a = acr.get(m["text"])
        if a and m["e"] - m["s"] == 1 and not m.get("acronym_of") and m["label"] == a["label"] \
                and m["props"].get("canon") and m["props"]["canon"] != a["canon"]:
            m["acronym_of"] = a["text"]
            m["props"] = {k: v for k, v in m["props"].items() if k != "canon"}
            if a["canon"]:
                m["props"]["canon"] = a["canon"]
    covered = {k for m in mentions for k in range(m["s"], m["e"])}
    for t in doc:
        if t.text in acr and t.i not in covered:
            a = acr[t.text]
            mentions.append({"s": t.i, "e": t.i + 1, "label": a["label"], "props": {"canon": a["canon"]} if a["canon"] else {},
                             "prio": 2, "text": t.text, "acronym_of": a["text"],
                             "start_char": t.idx, "end_char": t.idx + len(t.text)})
    mentions.sort(key=lambda m: (m["s"], -m["e"]))

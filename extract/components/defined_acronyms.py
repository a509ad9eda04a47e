"""Acronyms an article defines: "Full Name (ACR)" defines ACR, and its later uses are mentions of the
full name, whatever the alias table says ACR stands for. Called by the entity recogniser
(:mod:`.entities`) on its mentions; the acronyms it leaves unread are :mod:`extract.rules.acronyms`'s.
"""
from __future__ import annotations

from extract.components.shared import is_acronym


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
        m = by_end.get(i) or _listed_fields(names, doc, by_end, mentions, i, cand)
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
        acr[cand] = {"label": target["label"], "text": target["text"], "canon": target["props"].get("canon"),
                     "kind": target["props"].get("kind")}
        mentions.append({"s": i + 1, "e": i + 2, "label": target["label"], "props": dict(target["props"]),
                         "prio": 2, "text": cand, "acronym_of": target["text"], "nested": True,
                         "start_char": doc[i + 1].idx, "end_char": doc[i + 1].idx + len(cand)})
    if not acr:
        return
    # an acronym the document defines means what the document says, not what the alias table says
    # ("the 17th Qilu Hi-Tech Fair (QHTF)" and a known QHTF of another name)
    for m in mentions:
        a = acr.get(m["text"])
        # "the 23rd X Expo (CHITEC) ... CHITEC was organised by A": an unknown acronym the chunker typed a body
        # is the event's or programme's it was defined for
        if a and a["label"] == "Project" and m["label"] == "Organisation" and m["e"] - m["s"] == 1 \
                and not m.get("acronym_of") and not m["props"].get("canon"):
            m.update(label="Project", props={"kind": a["kind"]} if a["kind"] else {}, acronym_of=a["text"])
            continue
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


def _listed_fields(names, doc, by_end, mentions, i, cand):
    """"Changchun Institute of Optics, Fine Mechanics and Physics (CIOMP)": a name cut at the comma of
    its list of fields, when the acronym in brackets is spelt by the initials of the whole run (in order,
    first and last word included): the mention grows to the bracket (None when not so)."""
    k = i - 1
    while k > 0 and i - k <= 8 and (names.namey(doc[k]) or doc[k].lower_ in ("and", "&")) and doc[k].text != ",":
        k -= 1
    m = by_end.get(k)
    if doc[k].text != "," or m is None or m["label"] not in ("Organisation", "Project") \
            or not any(doc[j].lower_ in ("and", "&") for j in range(k + 1, i)) or any(doc[j].lower_ in names.heads for j in range(k + 1, i)):
        return None
    ini = [t.text[0].upper() for t in doc[m["s"]:i] if names.namey(t) and t.lower_ not in ("and", "of", "for", "the")]
    it = iter(ini)
    up = cand.upper()
    if len(up) < 3 or not ini or up[0] != ini[0] or up[-1] != ini[-1] or not all(c in it for c in up):
        return None
    mentions[:] = [x for x in mentions if x is m or not (m["s"] <= x["s"] and x["e"] <= i)]
    m.update(e=i, text=doc[m["s"]:i].text, end_char=doc[i - 1].idx + len(doc[i - 1]))
    return m

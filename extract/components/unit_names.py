"""Company names the head words do not type, made bodies by the unit noun the sentence puts beside them
(for ``innograph_entities``; the PART_OF itself is read by the relation rules):

- "Sinopec Shanghai Petrochemical, a subsidiary of China Petrochemical Corporation", "Alibaba Cloud, the
  cloud computing arm of Alibaba Group", "Hualu Engineering, which is a subsidiary of Y": a capitalised name
  before an appositive (or a relative clause's) unit noun of a named parent;
- "Tencent and its subsidiary Tencent Cloud", "Y Group's subsidiary Zhongguancun Capital": a capitalised
  name right after a possessed unit noun.

The unit nouns are the lexicon's ``[chunk] unit_name_nouns``. A name the gazetteer knows as a whole keeps
its own type, a run inside a body's name is left to it; a run of more than six words is no name.
"""
from __future__ import annotations

MAX_WORDS = 6
MAX_MODIFIERS = 4  # "the cloud computing arm", "a wholly owned subsidiary"


def _capital(t) -> bool:
    x = t.text
    return bool(x) and (x[:1].isupper() or x.isupper()) and (t.is_alpha or any(c.isalpha() for c in x))


def _name_before(doc, e, stop):
    """The start of the capitalised run ending at token e (exclusive), else None."""
    s = e
    while s - 1 >= 0 and e - (s - 1) <= MAX_WORDS and (_capital(doc[s - 1]) or doc[s - 1].text in ("&", "-")) \
            and doc[s - 1].lower_ not in stop:
        s -= 1
    if s == e or not _capital(doc[s]):
        return None
    if s - 1 >= 0 and _capital(doc[s - 1]) and doc[s - 1].lower_ not in stop:
        return None  # longer than a name
    return s


def _name_after(doc, s, stop):
    """The end of the capitalised run starting at token s, else None."""
    e = s
    while e < len(doc) and e - s < MAX_WORDS and (_capital(doc[e]) or (doc[e].text in ("&", "-") and e > s)) \
            and doc[e].lower_ not in stop and not doc[e].is_sent_start:
        e += 1
    while e > s and not _capital(doc[e - 1]):
        e -= 1
    if e == s or (e < len(doc) and _capital(doc[e]) and not doc[e].is_sent_start):
        return None
    return e


def unit_name_candidates(doc, unit_nouns, gaz_spans, stop, named) -> list[tuple]:
    """(start, end, "Organisation", props, priority) for the names above; ``gaz_spans`` the spans the
    gazetteer knows, ``stop`` the words no name starts with ("the", "a", weekdays), ``named`` the tokens
    already in a body's or a project's name (a run over them is a piece of a longer name: left alone)."""
    out = []

    def free(s, e):
        return (s, e) not in gaz_spans and e - s >= 2 and not any(k in named for k in range(s, e))

    n = len(doc)
    for i, t in enumerate(doc):
        if t.lower_ not in unit_nouns or not t.is_lower:
            continue
        # "X, a (cloud computing) arm of Y": back over the article and its lower-case modifiers to the comma
        j = i - 1
        while j >= 0 and i - j <= MAX_MODIFIERS and doc[j].is_lower and doc[j].is_alpha and doc[j].lower_ not in ("a", "an", "the"):
            j -= 1
        k = i + 2 + (i + 2 < n and doc[i + 2].lower_ == "the")  # the owner's first word
        comma = j - 1
        if comma - 2 >= 1 and doc[comma].lower_ in ("is", "was") and doc[comma - 1].lower_ == "which":
            comma -= 2  # "X, which is a subsidiary of Y"
        if comma >= 1 and doc[j].lower_ in ("a", "an", "the") and doc[comma].text == "," and k < n \
                and doc[i + 1].lower_ in ("of", "under") and _capital(doc[k]):
            s = _name_before(doc, comma, stop)
            if s is not None and free(s, comma):
                out.append((s, comma, "Organisation", {"kind": "enterprise"}, 3))
        # "its subsidiary X", "Y's subsidiary X"
        if i - 1 >= 0 and doc[i - 1].lower_ in ("its", "their", "'s", "’s") and i + 1 < n:
            e = _name_after(doc, i + 1, stop)
            if e is not None and free(i + 1, e):
                out.append((i + 1, e, "Organisation", {"kind": "enterprise"}, 3))
    return out

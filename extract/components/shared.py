"""What the InnoGraph spaCy components share: the working area in ``doc.user_data`` and a few
word tests.

Every component keeps what a later step needs as plain data (lists, dicts, token indices) in
``doc.user_data["innograph"]``, reached through :func:`ig`:

>>> import spacy
>>> doc = spacy.blank("en")("Jiaxing")
>>> sorted(ig(doc))
['acronyms', 'gaz', 'mentions', 'skipped']
>>> is_acronym("CAST"), is_acronym("S&T"), is_acronym("Cast"), is_acronym("A B")
(True, True, False, False)
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

UD = "innograph"
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
ACRONYM = re.compile(r"^[A-Z][A-Za-z&\-]*[A-Z]$")


def is_acronym(w: str) -> bool:
    """CAST, S&T, CUSTech, FTZ: short, no spaces, starts with a capital, two or more capitals."""
    return 2 <= len(w) <= 10 and w[:1].isupper() and sum(c.isupper() for c in w) >= 2 and " " not in w \
        and all(c.isalnum() or c in "&-" for c in w)


QUOTES_OPEN = {'"', "“", "‘", "'", "«", "「", "《"}
QUOTES_CLOSE = {'"', "”", "’", "'", "»", "」", "》"}


def possessive_quote(doc: Doc, i: int, k: int) -> bool:
    """'"Science and Technology Workers' Home"': inside double quotes opened at i, the apostrophe at k
    right after a plural word and before a capitalised word is a possessive, no closing quote."""
    return doc[i].text in ('"', "“") and doc[k].text in ("'", "’") and k + 1 < len(doc) and doc[k - 1].lower_.endswith("s") \
        and not doc[k - 1].whitespace_ and doc[k + 1].text[:1].isupper()


def ig(doc: Doc) -> dict:
    """The InnoGraph working area of a doc (plain data only)."""
    data = doc.user_data.get(UD)
    if data is None:
        data = doc.user_data[UD] = {"gaz": [], "mentions": [], "acronyms": {}, "skipped": 0}
    return data


def sentences(doc: Doc, mentions: list[dict]):
    """The sentences as the relation rules see them (merged where the parser split inside a name)."""
    inside = set()
    for m in mentions:
        inside.update(range(m["s"] + 1, m["e"]))
    sents = []
    for sent in doc.sents:
        if sents and sent.start in inside:
            sents[-1] = doc[sents[-1].start:sent.end]
        else:
            sents.append(sent)
    return sents

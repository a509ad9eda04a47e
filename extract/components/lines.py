"""``innograph_lines``: sentence breaks set before the parser runs.

A line break is a sentence break (titles, list items, captions), and so is the end of a news
dateline ("Jiaxing, 18 June 2021 - "); the dateline's year is kept for the sentence it opens
(``doc.user_data["innograph"]["dateline_years"]``). Inside a line, a sentence starts only after
sentence-final punctuation: the parser may not cut "Huawei" | "and Tencent joined P" or
"Co-organizers" | ": A, B" (a sentence a relation rule sees whole).
"""
from __future__ import annotations

import functools
import re

import numpy
from spacy.attrs import SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from extract.components.shared import ig
from extract.resources import load_lexicon

# a news dateline before the first sentence of a paragraph: "Jiaxing (嘉兴), 18 June 2021 - ",
# "LANZHOU, China, May 3, 2021 /Newswire/ -- ", "BEIJING: "
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(r"^(?:date \S+[ \t]+)?[A-Z][^\n,]{0,40},[^\n]{0,60}?(?:\b(?:19|20)\d\d\b|\b" + _MONTH
                      + r"[ \t]+\d{1,2}\b)[^\n]{0,30}?[ \t](?:--|-|–|—)[ \t]+(?=\S)", re.M)
DATELINE_CAPS = re.compile(r"^[A-Z]{3,}(?:[ \t][A-Z]{3,})?:[ \t]+(?=[A-Z])", re.M)


@functools.cache
def company_words() -> tuple[frozenset, frozenset]:
    """The lexicon's ``[lines]``: company suffixes that may end a sentence, and the words after one
    that go on the name instead.

    >>> ends, not_after = company_words()
    >>> "ltd." in ends and "branch" in not_after
    True
    """
    lines = load_lexicon().get("lines", {})
    return frozenset(lines.get("company_end", ())), frozenset(lines.get("not_after_company", ()))


@functools.cache
def sentence_punct() -> tuple[tuple, frozenset]:
    """The lexicon's ``[lines]``: the endings of a token after which a sentence may start inside a
    line, and the closing quotes and brackets that may stand between them and the new sentence.

    >>> ends, closers = sentence_punct()
    >>> "." in ends and ":" in ends and '"' in closers
    True
    """
    lines = load_lexicon().get("lines", {})
    return tuple(lines.get("sentence_end", ())), frozenset(lines.get("closers", ()))


def may_start(doc: Doc, i: int, ends: tuple, closers: frozenset) -> bool:
    """Whether token ``i`` (not the first of its line) may start a sentence: the token before it, past
    spaces and closing quotes or brackets, ends in sentence-final punctuation."""
    return _may_start([t.text for t in doc], [t.whitespace_ for t in doc], [t.is_space for t in doc], i, ends, closers)


def _may_start(texts: list, ws: list, space: list, i: int, ends: tuple, closers: frozenset) -> bool:
    """:func:`may_start` on the tokens' texts, trailing spaces and is_space flags (read once per doc)."""
    j = i - 1
    if texts[i] in closers and not ws[j] and texts[j].endswith(ends):
        return False  # 'collaboration."': the quote closes the sentence before
    while j >= 0 and space[j]:
        j -= 1
    while j >= 0 and texts[j] in closers:
        if texts[j].endswith(ends):  # "...'" is a closer too: a token that ends the sentence itself
            return True
        j -= 1
    return j < 0 or texts[j].endswith(ends)


@Language.component("innograph_lines")
def line_breaks(doc: Doc) -> Doc:
    """Line breaks are sentence breaks; so is the end of a dateline ("Jiaxing, 18 June 2021 - "), and a
    company suffix's full stop before a capitalised word ("X Co., Ltd. Zhang Wei attended")."""
    if len(doc) < 2:
        return doc
    company_end, not_after_company = company_words()
    # the tokens' strings and flags read once, and the sentence starts set in one go at the end
    # (Token.is_sent_start's setter checks the whole doc's annotation on every call)
    texts = [t.text for t in doc]
    ws = [t.whitespace_ for t in doc]
    space = [t.is_space for t in doc]
    lower = [t.lower_ for t in doc]
    given = doc.to_array(SENT_START).astype("int64").tolist()  # 1 a start, -1 none, 0 unknown
    starts = list(given)
    for i in range(1, len(doc)):
        if "\n" in ws[i - 1] or (space[i - 1] and "\n" in texts[i - 1]):
            if not space[i]:
                starts[i] = 1
        elif lower[i - 1] in company_end and ws[i - 1] and texts[i][:1].isupper() and doc[i].is_alpha \
                and lower[i] not in not_after_company:
            starts[i] = 1
    text = doc.text
    if "," in text or ":" in text:
        found = [(m.end(), m.group(0)) for rx in (DATELINE, DATELINE_CAPS) for m in rx.finditer(text)]
        if found:
            by_char = {t.idx: t for t in doc}
            for pos, line in found:
                t = by_char.get(pos)
                if t is not None and t.i > 0:
                    starts[t.i] = 1
                    year = re.search(r"\b(19|20)\d\d\b", line)
                    if year:  # the year of the dateline is the year of the sentence it opens
                        ig(doc).setdefault("dateline_years", {})[t.i] = int(year.group(0))
    ends, closers = sentence_punct()
    for i in range(1, len(doc)):  # inside a line: no sentence start where no sentence ended
        if starts[i] == 0 and not space[i] and not _may_start(texts, ws, space, i, ends, closers):
            starts[i] = -1
    if starts != given:
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # as Token.is_sent_start's setter: no breaks in a parsed doc
        doc.from_array([SENT_START], numpy.asarray(starts, dtype="int64").astype("uint64"))
    return doc

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
    j = i - 1
    if doc[i].text in closers and not doc[j].whitespace_ and doc[j].text.endswith(ends):
        return False  # 'collaboration."': the quote closes the sentence before
    while j >= 0 and doc[j].is_space:
        j -= 1
    while j >= 0 and doc[j].text in closers:
        if doc[j].text.endswith(ends):  # "...'" is a closer too: a token that ends the sentence itself
            return True
        j -= 1
    return j < 0 or doc[j].text.endswith(ends)


@Language.component("innograph_lines")
def line_breaks(doc: Doc) -> Doc:
    """Line breaks are sentence breaks; so is the end of a dateline ("Jiaxing, 18 June 2021 - "), and a
    company suffix's full stop before a capitalised word ("X Co., Ltd. Zhang Wei attended")."""
    company_end, not_after_company = company_words()
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not doc[i].is_space:
                doc[i].is_sent_start = True
        elif prev.lower_ in company_end and prev.whitespace_ and doc[i].text[:1].isupper() and doc[i].is_alpha \
                and doc[i].lower_ not in not_after_company:
            doc[i].is_sent_start = True
    text = doc.text
    if "," in text or ":" in text:
        found = [(m.end(), m.group(0)) for rx in (DATELINE, DATELINE_CAPS) for m in rx.finditer(text)]
        if found:
            by_char = {t.idx: t for t in doc}
            for pos, line in found:
                t = by_char.get(pos)
                if t is not None and t.i > 0:
                    t.is_sent_start = True
                    year = re.search(r"\b(19|20)\d\d\b", line)
                    if year:  # the year of the dateline is the year of the sentence it opens
                        ig(doc).setdefault("dateline_years", {})[t.i] = int(year.group(0))
    ends, closers = sentence_punct()
    for t in doc[1:]:  # inside a line: no sentence start where no sentence ended
        if t.is_sent_start is None and not t.is_space and not may_start(doc, t.i, ends, closers):
            t.is_sent_start = False
    return doc

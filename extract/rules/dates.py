"""Date expressions of a sentence as the validity of the relations it states (ONTOLOGY.md "Time").

``validity(text, ref)`` reads "since 2020", "from 2021 to 2023", "between March 2020 and 2022",
"until 2025", "in May 2021", "on 18 June 2021", "in 2019", and, resolved against the article's
date ``ref`` (YYYY, YYYY-MM or YYYY-MM-DD), "in May", "last year", "this year", "since last
year". It returns ``{"valid_from": DATE, "valid_to": DATE}`` with only what the text states.
A date the text names as a point ("in May 2021", "signed on 18 June 2021") starts the validity,
unless its clause ties it to a person's life ("born in 1970", "graduated from X in 1992"; the
lexicon's ``[dates] life_event_words``).

>>> validity("Jiaxing has been a pilot city since 2020.")
{'valid_from': '2020'}
>>> validity("The programme ran from 2021 to 2023 in ten cities.")
{'valid_from': '2021', 'valid_to': '2023'}
>>> validity("The agreement was signed in May 2021.")
{'valid_from': '2021-05'}
>>> validity("Hangzhou and Changchun signed an agreement on June 18, 2021.")
{'valid_from': '2021-06-18'}
>>> validity("In May, the two cities signed an agreement.", ref="2021-07-06")
{'valid_from': '2021-05'}
>>> validity("Last year the two provinces began to cooperate.", ref="2022-03-01")
{'valid_from': '2021'}
>>> validity("In May, the two cities signed an agreement.")
{}
>>> validity("Zhang Wei, who was born in 1970, became mayor of Xiangtan in 2018.")
{'valid_from': '2018'}
"""
from __future__ import annotations

import functools
import re

from extract.resources import load_lexicon

MONTHS = {m: i for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for m in names}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"
# one date: ISO, "18 June 2021", "June 18, 2021", "June 2021", "2021", "June" (needs ref), relative years
_DATE = (rf"(?P<iso>{_YEAR}-\d{{1,2}}(?:-\d{{1,2}})?)"
         rf"|(?P<dmy>\d{{1,2}}\s+{_MONTH},?\s+{_YEAR})"
         rf"|(?P<mdy>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR})"
         rf"|(?P<my>{_MONTH},?\s+(?:of\s+)?{_YEAR})"
         rf"|(?P<y>{_YEAR})"
         rf"|(?P<m>{_MONTH})(?![\w-])"
         r"|(?P<rel>last|this|next|previous|past)\s+year")


def _one(prefix: str, name: str) -> str:
    return rf"(?P<{prefix}>{_DATE.replace('(?P<', f'(?P<{name}_')})"


_RANGE = re.compile(rf"\b(?:from|between)\s+{_one('a', 'a')}\s+(?:to|until|till|and|through)\s+{_one('b', 'b')}"
                    rf"|\b{_one('c', 'c')}\s*(?:-|–|—|to)\s*{_one('d', 'd')}(?=\W|$)", re.IGNORECASE)
_SINCE = re.compile(rf"\b(?:since|starting(?:\s+in|\s+from)?|as\s+of|effective(?:\s+from)?)\s+(?:the\s+)?{_one('s', 's')}",
                    re.IGNORECASE)
_UNTIL = re.compile(rf"\b(?:until|till|through|up\s+to|expir\w*\s+in|ending\s+in)\s+(?:the\s+end\s+of\s+)?{_one('u', 'u')}",
                    re.IGNORECASE)
_POINT = re.compile(rf"\b(?:in|on|during)\s+(?:early\s+|late\s+|mid-?\s*)?{_one('p', 'p')}"
                    rf"|\b(?P<r>(?:last|this|previous|past)\s+year)\b", re.IGNORECASE)
_REL = re.compile(r"(?P<r_rel>last|this|previous|past)\s+year", re.IGNORECASE)
# where the clause of a date starts: a comma, a semicolon, a bracket, a dash between spaces
_CLAUSE = re.compile(r"[,;:()]|\s[-–—]\s")


@functools.lru_cache(maxsize=1)
def office_start_words() -> frozenset[str]:
    """The words by which a sentence says an office begins ("became", "appointed": the lexicon's
    ``[dates] office_start_words``); without one a point date is not when an office starts."""
    return frozenset(load_lexicon().get("dates", {}).get("office_start_words", ()))


@functools.lru_cache(maxsize=1)
def _life_words() -> frozenset[str]:
    return frozenset(load_lexicon().get("dates", {}).get("life_event_words", ()))


def _life_event(text: str, start: int, since: int) -> bool:
    """Does the clause before ``start`` (from ``since``, the end of an earlier date, or its last
    comma or bracket) tie the date at ``start`` to a person's life ("born in", "graduated from X in")?"""
    before = text[since:start]
    cut = [m.end() for m in _CLAUSE.finditer(before)]
    before = before[cut[-1]:] if cut else before
    return any(w in _life_words() for w in re.findall(r"[a-z]+", before.lower()))


def _date(m: re.Match, name: str, ref: str | None) -> str | None:
    """The DATE of the date expression captured under ``name`` in ``m`` (None if it needs a
    reference date and there is none)."""
    g = {k[len(name) + 1:]: v for k, v in m.groupdict().items() if k.startswith(name + "_") and v}
    ref_year = int(ref[:4]) if ref else None
    if "iso" in g:
        parts = g["iso"].split("-")
        if not 1 <= int(parts[1]) <= 12 or (len(parts) > 2 and not 1 <= int(parts[2]) <= 31):
            return None
        return "-".join([parts[0]] + [f"{int(x):02d}" for x in parts[1:]])
    words = re.findall(r"[a-z]+|\d+", next(iter(g.values())).lower())
    nums = [int(w) for w in words if w.isdigit()]
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    year = next((n for n in nums if n > 1900), None)
    day = next((n for n in nums if n <= 31), None)
    if "rel" in g:
        if ref_year is None:
            return None
        return str(ref_year + {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1}[words[0]])
    if year is None:
        if month is None or ref_year is None:
            return None
        year = ref_year
    if month is None:
        return str(year)
    if day is not None and ("dmy" in g or "mdy" in g):
        return f"{year}-{month:02d}-{day:02d}"
    return f"{year}-{month:02d}"


def validity(text: str, ref: str | None = None, points: bool = True) -> dict:
    """``{"valid_from": ..., "valid_to": ...}`` as far as ``text`` states them (see the module).
    ``points=False`` reads only ranges, "since" and "until": what bounds a state the sentence only
    names ("Zhou, an academician of CAE, spoke at the forum in 2022": 2022 is the talk's, not the office's).

    >>> validity("Zhou, an academician of CAE, spoke at the forum in 2022.", points=False)
    {}
    >>> validity("Li has been mayor of Xiangtan since 2019.", points=False)
    {'valid_from': '2019'}
    """
    out: dict[str, str] = {}
    m = _RANGE.search(text)
    if m:
        a, b = ("a", "b") if m.group("a") else ("c", "d")
        lo, hi = _date(m, a, ref), _date(m, b, ref)
        if lo and hi and lo <= hi + "~" and (m.group("a") or not re.fullmatch(r"\d+", m.group(a) or "")
                                             or len(m.group(b) or "") == 4):
            return {"valid_from": lo, "valid_to": hi}
    for pattern, name, end in ((_SINCE, "s", "valid_from"), (_UNTIL, "u", "valid_to")):
        m = pattern.search(text)
        if m and (d := _date(m, name, ref)):
            out[end] = d
    if "valid_from" not in out and points:
        since = 0
        for m in _POINT.finditer(text):
            if _life_event(text, m.start(), since):
                since = m.end()
                continue
            if m.group("r"):
                m, name = _REL.match(m.group("r")), "r"
            else:
                name = "p"
            if m and (d := _date(m, name, ref)):
                out["valid_from"] = d
            break
    if out.get("valid_from") and out.get("valid_to") and out["valid_from"] > out["valid_to"] + "~":
        out.pop("valid_to")
    return out

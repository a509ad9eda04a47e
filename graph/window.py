"""Time windows (CONTRACT.md "Time", ONTOLOGY.md "Time"): which relations a query may see.

A DATE is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and stands for the whole period it names. A
relation carries ``valid_from`` / ``valid_to`` when a source stated them (in its properties) and
each evidence item the date of its document ("" when the document has none).

* ``as_of=D``: the relation is active at D when its stated validity overlaps the period D (either
  end may be open), or, when none is stated, when its first dated evidence is on or before (the
  end of) D. A relation with neither validity nor dated evidence is active at every date.
* ``since=S`` / ``until=U``: the relation has evidence dated in [S, U] (either end open); one
  without dated evidence is in every window.

Every comparison is a plain string comparison, the same in Python and in Cypher (the Neo4j store
inlines it in cypher/*.cypher): with ``~`` sorting after every digit and ``-``, ``d <= U + "~"``
says the period d starts no later than the period U ends, and ``d + "~" >= S`` that d ends no
earlier than S starts.

>>> w = Window.of(as_of="2021")
>>> w.admits("2021-06-01", None, []), w.admits("2022", None, []), w.admits(None, "2020-12", [])
(True, False, False)
>>> w.admits(None, None, ["2021-03-02"]), w.admits(None, None, ["2022-01-01"]), w.admits(None, None, [""])
(True, False, True)
>>> Window.of(since="2021-05", until="2021-06").admits(None, None, ["2021-06-30", "2023"])
True
>>> Window.of(since="2021-13")
Traceback (most recent call last):
...
graph.errors.BadInput: since: '2021-13' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)
>>> Window.of() is None
True
"""
from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.errors import BadInput

_LEAP = r"(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
# a DATE, exactly as parse_date accepts it (the API documents this pattern): YYYY (1000-9999),
# YYYY-MM, or a real calendar day YYYY-MM-DD
DATE_PATTERN = (r"(?:[1-9]\d{3}(?:-(?:0[1-9]|1[0-2]))?"
                r"|[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])"
                r"|[1-9]\d{3}-(?:0[13-9]|1[0-2])-(?:29|30)"
                r"|[1-9]\d{3}-(?:0[13578]|1[02])-31"
                rf"|{_LEAP}-02-29)")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_FULL = re.compile(DATE_PATTERN)
_CURRENT: contextvars.ContextVar[Window | None] = contextvars.ContextVar("innograph_window", default=None)


def parse_date(value, where: str) -> str | None:
    """A DATE parameter checked (None or "" stays None); BadInput naming ``where`` otherwise.

    >>> parse_date("2021-02", "as_of"), parse_date("", "since"), parse_date(2020, "until")
    ('2021-02', None, '2020')
    >>> parse_date("2021-02-30", "as_of")
    Traceback (most recent call last):
    ...
    graph.errors.BadInput: as_of: '2021-02-30' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)
    """
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    ok = isinstance(value, str) and _FULL.fullmatch(value.strip()) is not None
    if ok:
        value = value.strip()
    if not ok:
        raise BadInput(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", where=where)
    return value


def date_of(published) -> str:
    """The DATE a document's ``published`` gives ("" when none or not a date): the leading
    ``YYYY[-MM[-DD]]`` of an ISO date or timestamp.

    >>> date_of("2021-07-06T08:00:00+08:00"), date_of("2021"), date_of("July 2021"), date_of(None)
    ('2021-07-06', '2021', '', '')
    """
    m = _DATE.match(str(published or "").strip())
    if not m:
        return ""
    try:
        return parse_date(m.group(0), "published") or ""
    except BadInput:
        return ""


@dataclass(frozen=True)
class Window:
    """``as_of`` and/or ``since``/``until`` (checked DATEs); build one with ``Window.of``."""

    as_of: str | None = None
    since: str | None = None
    until: str | None = None

    @classmethod
    def of(cls, as_of=None, since=None, until=None) -> Window | None:
        """The window of these parameters, or None when none is given (raises BadInput for a bad
        date; ``until`` before ``since`` is a valid window that no dated evidence falls in)."""
        w = cls(parse_date(as_of, "as_of"), parse_date(since, "since"), parse_date(until, "until"))
        return None if w == cls() else w

    @property
    def key(self) -> str:
        """A short text naming the window (for caches and messages)."""
        return f"as_of={self.as_of or ''};since={self.since or ''};until={self.until or ''}"

    def params(self) -> dict:
        """The Cypher parameters of the window predicate (see the module docstring)."""
        return {"as_of": self.as_of, "as_of_hi": (self.as_of or "") + "~", "windowed": bool(self.since or self.until),
                "since_lo": self.since or "", "until_hi": (self.until or "") + "~" if self.until else "~"}

    def admits(self, valid_from: str | None, valid_to: str | None, dates: Iterable[str]) -> bool:
        """Whether a relation with this validity and these evidence dates is in the window."""
        dated = [d for d in dates if d]
        if self.as_of:
            if valid_from or valid_to:
                if (valid_from or "") > self.as_of + "~" or (valid_to + "~" if valid_to else "~") < self.as_of:
                    return False
            elif dated and not any(d <= self.as_of + "~" for d in dated):
                return False
        if (self.since or self.until) and dated:
            lo, hi = self.since or "", self.until + "~" if self.until else "~"
            if not any(d <= hi and d + "~" >= lo for d in dated):
                return False
        return True

    def admits_relation(self, rel) -> bool:
        """``admits`` for a graph.model.Relation."""
        return self.admits(rel.properties.get("valid_from"), rel.properties.get("valid_to"),
                           [e.date for e in rel.evidence])


NO_PARAMS = {"as_of": None, "as_of_hi": "~", "windowed": False, "since_lo": "", "until_hi": "~"}


def current() -> Window | None:
    """The window the queries of this context run in (None: every relation)."""
    return _CURRENT.get()


def params() -> dict:
    """The Cypher parameters of the current window (all-admitting when there is none)."""
    w = current()
    return w.params() if w else dict(NO_PARAMS)


@contextlib.contextmanager
def within(window: Window | None):
    """Run the queries inside the ``with`` in ``window`` (None: no window).

    >>> with within(Window.of(as_of="2020")):
    ...     current().as_of
    '2020'
    >>> current() is None
    True
    """
    token = _CURRENT.set(window)
    try:
        yield window
    finally:
        _CURRENT.reset(token)


def call_within(window: Window | None, fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` inside ``within(window)`` (for work handed to another thread)."""
    with within(window):
        return fn(*args, **kwargs)


def time_of(rel) -> dict:
    """The time fields of a relation in answers: valid_from, valid_to, first_seen (its first
    dated evidence), dated (False: no date at all, active at every date).

    >>> from graph.model import Evidence, Relation
    >>> time_of(Relation("a:1", "X", "b:2", {}, [Evidence("document:d", date="2021-07-06")]))
    {'valid_from': None, 'valid_to': None, 'first_seen': '2021-07-06', 'dated': True}
    """
    vf, vt = rel.properties.get("valid_from") or None, rel.properties.get("valid_to") or None
    dates = sorted(e.date for e in rel.evidence if e.date)
    return {"valid_from": vf, "valid_to": vt, "first_seen": dates[0] if dates else None,
            "dated": bool(vf or vt or dates)}

"""Document metadata read from the page: the headline (not the site's navigation) and the
publication date ("published", ``YYYY-MM-DD``), never a file's modification time.

>>> published_date("Some headline\\nRelease date:2021-07-06 Source: CAST\\nText.")
'2021-07-06'
>>> published_date("Headline\\nUpdated: Nov 10, 2020\\nText.")
'2020-11-10'
>>> published_date('<html><head><meta property="article:published_time" content="2019-03-08T10:00:00+08:00"></head></html>', html=True)
'2019-03-08'
>>> published_date("BEIJING, Aug. 10, 2018 /PRNewswire/ -- CAST said ...")
'2018-08-10'
>>> published_date("Headline\\nSource: Daily | 2022-09-01 09:26:48 | Author: Staff")
'2022-09-01'
>>> published_date("On March 8, 2019, two universities signed an agreement.") is None
True
>>> is_navigation("Current location: Home"), is_navigation("Home>Zhejiang Voice"), is_navigation("Jiaxing joins Innovation China")
(True, True, False)
"""
from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MON = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_ISO = r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_MDY = _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)"
_DMY = r"(\d{1,2})\s+" + _MON + r",?\s+((?:19|20)\d\d)"
# a label that says the date on the line is the page's own
_LABEL = r"(?:release\s*date|released|publish(?:ed)?(?:\s*(?:on|date|time))?|pub(?:lication)?\s*date|post(?:ed)?(?:\s*(?:on|time))?|updated?(?:\s*(?:on|time))?|date|time|发布时间|发布日期|时间)"
_LABELLED = re.compile(r"(?:^|[\s|>])" + _LABEL + r"\s*[:：]?\s*(?:" + _ISO + r"|" + _MDY + r"|" + _DMY + r")", re.I)
# a bare date on a line of its own near the top ("2021-07-06 10:03"), or as one field of a short
# metadata line ("Source: X | 2022-09-01 09:26:48 | Author: Y", "2014-11-25 11:04 Source: X", "11/30/2018 | News")
_BARE = re.compile(r"^\s*" + _ISO + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:$|source\b|from\b|[|/])", re.I)
_US = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# a dateline: "HAIKOU, China, Aug. 10, 2018 /PRNewswire/ --", "BEIJING, Nov. 10, 2020 (Xinhua) --"
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][A-Za-z .]{1,30})?,\s*" + _MDY + r"\s*(?:/|\(|--|—|–)")
_META_NAMES = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished",
               "publishdate", "publish_date", "pubdate", "publication_date", "dc.date", "dc.date.issued",
               "dcterms.created", "sailthru.date", "parsely-pub-date", "article:modified_time", "date")
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_JSONLD = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"']", re.I)
_NAV = re.compile(r"^\s*(?:current\s+location|location|position|you\s+are\s+here|home(?:page)?)\s*(?:[:：>»|/]|$)"
                  r"|^\s*[\w&'’ .-]{1,30}(?:\s*[>»]\s*[\w&'’ .-]{1,40}){1,6}\s*$", re.I)
HEAD_LINES = 40  # where a page states its date: its first lines


def _date(y, m, d) -> str | None:
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _month(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def _from_groups(g) -> str | None:
    """The date of a match of _ISO | _MDY | _DMY (9 groups, in that order)."""
    if g[0]:
        return _date(g[0], g[1], g[2])
    if g[3]:
        return _date(g[5], _month(g[3]), g[4])
    if g[6]:
        return _date(g[8], _month(g[7]), g[6])
    return None


def parse_date(s: str) -> str | None:
    """A date written any of the usual ways, as YYYY-MM-DD ("2019-03-08T10:00", "Nov 10, 2020").

    >>> parse_date("2020-11-10T08:00:00Z"), parse_date("10 November 2020"), parse_date("soon")
    ('2020-11-10', '2020-11-10', None)
    """
    m = re.search(_ISO + r"|" + _MDY + r"|" + _DMY, s or "", re.I)
    return _from_groups(m.groups()) if m else None


def _html_date(src: str) -> str | None:
    found = {}
    for tag in _META.findall(src[:200000]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _META_NAMES and attrs.get("content"):
            d = parse_date(attrs["content"])
            if d:
                found.setdefault(key, d)
    for key in _META_NAMES:
        if key in found:
            return found[key]
    for rx in (_JSONLD, _TIME_TAG):
        m = rx.search(src)
        if m and parse_date(m.group(1)):
            return parse_date(m.group(1))
    return None


def published_date(text: str, html: bool = False) -> str | None:
    """The page's publication date as YYYY-MM-DD, else None: HTML meta tags first, then a labelled
    date near the top ("Release date:2021-07-06", "Updated: Nov 10, 2020"), a bare date line, a
    dateline ("HAIKOU, China, Aug. 10, 2018 /PRNewswire/ --"). Dates of events in the prose
    ("On March 8, 2019, ...") are not publication dates."""
    if html or "<meta" in text[:20000].lower():
        d = _html_date(text)
        if d:
            return d
        text = re.sub(r"<[^>]+>", "\n", text)
    lines = [ln for ln in text.splitlines() if ln.strip()][:HEAD_LINES]
    for ln in lines:
        m = _LABELLED.search(ln)
        if m:
            d = _from_groups(m.groups())
            if d:
                return d
    for ln in lines:
        fields = ln.split("|") if len(ln) <= 160 else [ln]
        for f in fields:
            m = _BARE.match(f)
            d = _date(*m.groups()[:3]) if m else None
            if d is None and len(fields) > 1:
                m2 = _US.match(f)
                d = _date(m2.group(3), m2.group(1), m2.group(2)) if m2 else None
            if d:
                return d
    for ln in lines:
        m = _DATELINE.match(ln)
        if m:
            g = m.groups()
            d = _date(g[2], _month(g[0]), g[1])
            if d:
                return d
    return None


def is_navigation(line: str) -> bool:
    """Is a line site navigation ("Current location: Home", "Home>Zhejiang Voice", "A > B") rather than a headline?"""
    s = line.strip()
    return not s or bool(_NAV.search(s)) or len(s.split()) < 2 and len(s) < 20


_EVENT_MD = re.compile(r"\b(?:on|from|since)\s+" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*\d{1,2})?(?:,?\s+((?:19|20)\d\d))?", re.I)
_EVENT_ISO = re.compile(r"\b(?:on|from)\s+" + _ISO)


def event_date(sentence: str, year: int | None = None) -> str | None:
    """The date an event is said to happen in its sentence ("was held in Hefei on June 5"), with the
    year of the sentence or, failing that, ``year`` (the page's); None if no day is stated.

    >>> event_date("The forum was held in Hefei on June 5, 2021."), event_date("It opened on Nov. 3.", 2020)
    ('2021-06-05', '2020-11-03')
    >>> event_date("The forum was held in Hefei.", 2020) is None
    True
    """
    m = _EVENT_ISO.search(sentence)
    if m:
        return _date(*m.groups())
    m = _EVENT_MD.search(sentence)
    if not m:
        return None
    y = m.group(3) or (re.search(r"\b((?:19|20)\d\d)\b", sentence) or [None, None])[1] or year
    return _date(y, _month(m.group(1)), m.group(2)) if y else None

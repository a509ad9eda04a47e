"""Cleaning of news pages: HTML to text, site clutter dropped, character offsets kept.

The cleaned text is a concatenation of kept pieces of the original; an :class:`OffsetMap` turns a
character offset of the cleaned text back into an offset of the original input, so that evidence
points into what the user gave us.

>>> c = clean_text("Title here\\n\\nHome > News\\nJiaxing is in Zhejiang.\\nCopyright 2022 Foo. All rights reserved.")
>>> c.title, c.text
('Title here', 'Title here\\n\\nJiaxing is in Zhejiang.')
>>> start = c.text.index("Jiaxing"); c.to_original(start)
24
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from extract.meta import HEAD_LINES
from extract.meta import is_navigation as _is_navigation

# Lines that are site furniture, not article text.
_CLUTTER = [re.compile(p, re.I) for p in (
    r"^\s*(home(page)?|position|you are here|location|current location)\s*[:>»|/]",  # breadcrumbs
    r"^\s*[\w&'’ .-]{1,30}(\s*[>»]\s*[\w&'’ .-]{1,40}){1,6}\s*$",  # A > B > C
    r"(©|\(c\)|copyright\b|all rights reserved|版权所有)",
    r"^\s*(photo|photos|image|picture|video|graphic)s?\s*(by|:|/|credit)",
    r"^\s*\[?(photo|photo credit|image credit|source|editor|edited by|responsible editor|author|reporter|translator|translated by|proofread by|by staff reporters?)\b\s*[:\]/]?",
    r"^\s*(share|share this|share to|print|email|e-mail|tweet|favorite|font size|text size|close|back to top|top)\s*[:|]?\s*$",
    r"^\s*(share|follow us|subscribe)\b.{0,60}(facebook|twitter|weibo|wechat|linkedin|whatsapp)",
    r"^\s*(facebook|twitter|weibo|wechat|linkedin|whatsapp|qzone)(\s*[|/,]?\s*(facebook|twitter|weibo|wechat|linkedin|whatsapp|qzone|email))*\s*$",
    r"^\s*(updated|update|date|post time|posted|published|publish time|release time|time|source)\s*(on)?\s*[:：]?\s*\d",
    r"^\s*[\w.]+\.(com|cn|net|org)(\.cn)?\s*\|?\s*updated\b",
    r"^\s*(related (news|stories|articles)|recommended|most (read|viewed|popular)|latest news|hot news|you may also like|read more|more news)\b",
    r"^\s*(previous|next)\s*(article|page|story)?\s*[:：]",
    r"^\s*(icp|京icp|沪icp|浙icp)",
    r"^\s*(contact us|about us|site map|sitemap|privacy policy|terms of use|disclaimer)\b",
    r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$",
)]
# A line of many short items separated by | or • is a navigation bar.
_NAV_SEP = re.compile(r"\s[|•·]\s")


def is_clutter(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if any(p.search(s) for p in _CLUTTER):
        # a long sentence that merely mentions "copyright" or a date is still article text
        return len(s) < 160 or bool(re.search(r"(©|copyright|all rights reserved)", s, re.I) and len(s) < 300)
    if len(_NAV_SEP.findall(s)) >= 3 and len(s) / (len(_NAV_SEP.findall(s)) + 1) < 25:
        return True
    return False


@dataclass
class Cleaned:
    """Cleaned text, its title, and the map back to the original offsets."""

    text: str
    title: str
    original: str
    # parallel lists: piece i covers text[clean_starts[i]: clean_starts[i]+lengths[i]] and starts at orig_starts[i]
    clean_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    dropped: int = 0

    def to_original(self, pos: int) -> int:
        """Offset in the original input of offset ``pos`` of the cleaned text."""
        if not self.clean_starts:
            return pos
        i = bisect.bisect_right(self.clean_starts, pos) - 1
        if i < 0:
            return self.orig_starts[0]
        delta = pos - self.clean_starts[i]
        if delta > self.lengths[i]:
            delta = self.lengths[i]
        return self.orig_starts[i] + delta

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


class _Builder:
    def __init__(self, original: str):
        self.original = original
        self.parts: list[str] = []
        self.cs: list[int] = []
        self.os: list[int] = []
        self.ls: list[int] = []
        self.n = 0

    def add(self, piece: str, orig_start: int | None):
        if not piece:
            return
        if orig_start is not None:
            self.cs.append(self.n)
            self.os.append(orig_start)
            self.ls.append(len(piece))
        self.parts.append(piece)
        self.n += len(piece)

    def text(self) -> str:
        return "".join(self.parts)


def _lines(text: str):
    """(line, start offset) pairs of ``text``."""
    pos = 0
    for line in text.splitlines(keepends=True):
        yield line.rstrip("\r\n"), pos
        pos += len(line)


def clean_text(text: str, original: str | None = None, offsets: list[int] | None = None) -> Cleaned:
    """Drop clutter lines and a repeated title from plain text.

    ``offsets`` (one original offset per character of ``text``) is given when ``text`` itself came
    from HTML; otherwise offsets are those of ``text``.
    """
    original = text if original is None else original
    b = _Builder(original)
    title = ""
    dropped = 0
    seen_title = False
    para_break = False
    width = wrap_width(text) if offsets is None else 0
    last = ""  # the line kept before, when a wrapped line may go on after it
    for line, start in _lines(text):
        stripped = line.strip()
        if not stripped:
            para_break = True
            continue
        lead = len(line) - len(line.lstrip())
        if not seen_title and dropped < 8 and (is_clutter(stripped) or _is_navigation(stripped)):
            dropped += 1  # site navigation above the headline ("Current location: Home", "Home>News")
            continue
        if not seen_title:
            title = stripped
            seen_title = True
        elif stripped == title or is_clutter(stripped):
            dropped += 1
            continue
        if b.n:
            # a hard-wrapped paragraph goes on across its line breaks ("... Association for Science" /
            # "and Technology"): a space (none after a hyphen) instead of the break, which no offset maps
            joined = width and not para_break and last and wrapped(last, stripped, width)
            b.add(("" if last.endswith("-") else " ") if joined else "\n\n" if para_break else "\n", None)
        para_break = False
        last = stripped if seen_title and stripped != title else ""
        prev = 0
        for cut in [*(m.end(1) for m in _GLUED.finditer(stripped)), len(stripped)]:
            if prev:
                b.add(" ", None)  # "Sciences(CAS)", "Britain;and": a space the page left out
            _add_run(b, text, start + lead + prev, cut - prev, offsets)
            prev = cut
    return Cleaned(b.text(), title, original, b.cs, b.os, b.ls, dropped)


_LIST_ITEM = re.compile(r"^(?:[-*•·▪●■◆]|\d{1,2}[.)、]|\(\d{1,2}\)|[a-z][.)])\s")


def wrap_width(text: str) -> int:
    """The column plain text is hard-wrapped at (its longest line), or 0 when it is not wrapped: at
    least four lines, none over 100 characters, and two in five within 12 of the longest.

    >>> wrap_width("\\n".join(["word " * 14] * 4 + ["end."]))
    69
    >>> wrap_width("A title\\n\\nOne paragraph on one long line " + "and more " * 20)
    0
    """
    lens = [len(ln.strip()) for ln in text.splitlines() if ln.strip()]
    if len(lens) < 4 or max(lens) > 100:
        return 0
    w = max(lens)
    return w if sum(n >= w - 12 for n in lens) >= 0.4 * len(lens) else 0


def wrapped(prev: str, line: str, width: int) -> bool:
    """True when ``line`` goes on the paragraph of ``prev`` in text wrapped at ``width``: its first
    word would not have fitted on ``prev``, and it is not a list item."""
    if _LIST_ITEM.match(line):
        return False
    word = line.split(None, 1)[0]
    return len(prev) + 1 + len(word) > width - 3


# a bracket or a semicolon glued to the words around it ("Academy of Sciences(CAS)", "Japan;and")
_GLUED = re.compile(r"(?<=[A-Za-z])((?=\([A-Za-z]{2})|;(?=[A-Za-z]))")


def _add_run(b: _Builder, text: str, s: int, length: int, offsets: list[int] | None) -> None:
    """Add text[s:s+length]; with ``offsets``, piecewise (consecutive original offsets form one piece)."""
    if offsets is None:
        b.add(text[s:s + length], s)
        return
    run_start = s
    for k in range(s + 1, s + length + 1):
        if k == s + length or offsets[k] != offsets[k - 1] + 1:
            b.add(text[run_start:k], offsets[run_start])
            run_start = k


_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "header", "footer", "nav", "title", "blockquote", "dd", "dt", "figcaption", "hr"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head_meta", "nav", "footer", "aside", "form", "button", "select"}


class _HTMLText(HTMLParser):
    def __init__(self, src: str):
        super().__init__(convert_charrefs=False)
        self.src = src
        self.line_starts = [0]
        for m in re.finditer("\n", src):
            self.line_starts.append(m.end())
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.skip = 0
        self.title_parts: list[str] = []
        self.in_title = False

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _newline(self):
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.offs.append(self._pos())

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK_TAGS:
            self._newline()

    def _text(self, data: str, start: int, linear: bool):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        for i, ch in enumerate(data):
            if ch in "\r\n\t\xa0":
                ch = " " if ch != "\n" else " "
            self.chars.append(ch)
            self.offs.append(start + i if linear else start)

    def handle_data(self, data):
        self._text(data, self._pos(), True)

    def handle_entityref(self, name):
        import html
        self._text(html.unescape(f"&{name};"), self._pos(), False)

    def handle_charref(self, name):
        import html
        self._text(html.unescape(f"&#{name};"), self._pos(), False)


def clean_html(src: str) -> Cleaned:
    """HTML to clean text: scripts, styles, navigation and footers dropped; offsets into ``src`` kept."""
    p = _HTMLText(src)
    try:
        p.feed(src)
        p.close()
    except Exception:  # noqa: BLE001 - malformed HTML: keep what was parsed
        pass
    # collapse runs of spaces while keeping offsets
    chars, offs = [], []
    for ch, o in zip(p.chars, p.offs):
        if ch == " " and (not chars or chars[-1] in " \n"):
            continue
        if ch == "\n" and chars and chars[-1] == " ":
            chars.pop()
            offs.pop()
        chars.append(ch)
        offs.append(o)
    text = "".join(chars)
    offs.append(offs[-1] + 1 if offs else 0)
    title = _without_site_name(" ".join("".join(p.title_parts).split()), text)
    if title:
        # put the <title> first so that it is the title line, unless the body already starts with it
        if not text.lstrip().startswith(title):
            tstart = src.find("<title")
            tpos = src.find(">", tstart) + 1 if tstart >= 0 else 0
            text = title + "\n\n" + text
            offs = [tpos + i for i in range(len(title))] + [tpos + len(title)] * 2 + offs
    return clean_text(text, original=src, offsets=offs)


_TITLE_SEP = re.compile(r"\s+[-|–—_]\s+|\s*[|_]\s*")
_SITE_WORDS = re.compile(r"(\.com|\.cn|\.org|\.net|\bdaily\b|\bnews\b|xinhua|\bnetwork\b|\bonline\b|\bportal\b|"
                         r"\bwebsite\b|\bweb\b|\bchannel\b|\btimes\b|\bpost\b|\bgov\b|\bcast\b|\bcgtn\b|\bcctv\b)", re.I)


def _without_site_name(title: str, body: str) -> str:
    """The page's <title> without the site's name after it ("Jiaxing joins X - Chinadaily.com.cn"):
    the part the body repeats as a line, else the part before a separator when what follows it reads
    like a site name.

    >>> _without_site_name("Jiaxing joins X - Chinadaily.com.cn", "Jiaxing joins X\\nText.")
    'Jiaxing joins X'
    >>> _without_site_name("Jiaxing joins X | Xinhua", "Text.")
    'Jiaxing joins X'
    >>> _without_site_name("Sino-German forum - Day 2", "Text.")
    'Sino-German forum - Day 2'
    """
    parts = list(_TITLE_SEP.finditer(title))
    if not parts:
        return title
    lines = {ln.strip() for ln in body.splitlines()[:HEAD_LINES] if ln.strip()}
    for m in parts:
        head = title[:m.start()].strip()
        if head in lines and len(head) >= 12:
            return head
    m = parts[-1]
    head, tail = title[:m.start()].strip(), title[m.end():].strip()
    if len(head) >= 12 and len(tail) <= 40 and _SITE_WORDS.search(tail):
        return head
    return title


_HTML_SNIFF = re.compile(r"<\s*(html|body|div|p|head|!doctype|span|article|script|style|br|table)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:5000]))


def clean(text: str, html: bool | None = None) -> Cleaned:
    if html is None:
        html = looks_like_html(text)
    return clean_html(text) if html else clean_text(text)

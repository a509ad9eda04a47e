"""Stable ids, name normalisation and match keys: the one piece of code every part uses.

An id is ``<label-lowercase>:<slug of the canonical name>``. Two names of the same label are
the same entity when any of their match keys agree; keys never cross labels.

>>> normalise("The People’s Government of Zhejiang Province")
'people government of zhejiang province'
>>> make_id("City", "Jiaxing City")
'city:jiaxing'
>>> make_id("Region", "Zhejiang province") == make_id("Region", "Zhejiang")
True
>>> make_id("City", "嘉兴")
'city:嘉兴'
>>> sorted(match_keys("Region", "Jilin Province"))
['jilin', 'jilin province']
>>> sorted(match_keys("Organisation", "Northern Electronic Group Co., Ltd"))
['northern electronic group', 'northern electronic group co ltd']
>>> sorted(match_keys("City", "Binhai New Area of Tianjin"))
['binhai new area', 'binhai new area of tianjin']
>>> "guizhou university" in match_keys("Organisation", "贵州大学")
True
"""
from __future__ import annotations

import functools
import re
import unicodedata

from graph.errors import BadInput
from graph.scripts import english_form

_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "“": " ", "”": " ", '"': " ", "«": " ", "»": " "})
_POSSESSIVE = re.compile(r"'s\b")
_NON_WORD = re.compile(r"[^\w\s&\-·]")
_SPACES = re.compile(r"\s+")
_SLUG_DROP = re.compile(r"[^\w]+")

# Generic words that may follow a place name without changing which place it is.
# "Jilin province" and "Jilin" are one Region; "Jilin city" and "Jilin" one City.
_SUFFIXES = {
    "City": (" city", " shi", " municipality"),
    "Region": (" province", " autonomous region", " region", " sheng"),
}


@functools.lru_cache(maxsize=1 << 18)  # pure; a bulk load folds each name many times
def normalise(name: str) -> str:
    """Fold a surface form for comparison: Unicode NFKC, case, quotes, possessives, punctuation, 'the '."""
    s = unicodedata.normalize("NFKC", name or "").translate(_QUOTES).lower()
    s = _POSSESSIVE.sub("", s)
    s = _NON_WORD.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


@functools.lru_cache(maxsize=1 << 18)  # pure; every mention of a name is cleaned again
def clean_name(name: str) -> str:
    """The display form of a name: NFKC, single spaces, no surrounding punctuation.

    >>> clean_name("  Jiaxing\\u00a0 City, ")
    'Jiaxing City'
    """
    s = unicodedata.normalize("NFKC", name or "")
    s = _SPACES.sub(" ", s).strip(" \t\r\n,;:.")
    return s


def _strip_suffix(label: str, key: str) -> str:
    for suffix in _SUFFIXES.get(label, ()):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)].strip()
    return key


def primary_key(label: str, name: str) -> str:
    """The key an id is made from: the normalised name without a generic place suffix."""
    return _strip_suffix(label, normalise(name))


# An enterprise's legal form does not change which enterprise it is ("X Co., Ltd" is "X").
_LEGAL = re.compile(r"(?: (?:co|company|corp|corporation|inc|ltd|limited|llc|plc))+$")
# "Binhai New Area of Tianjin" is "Binhai New Area": a zone named with the city it is in.
_ZONE_OF = re.compile(r"^(.+ (?:new area|district|zone|county|park)) of ([\w\- ]+)$")


def zone_parent(name: str) -> str | None:
    """The place a zone is named with: "Binhai New Area of Tianjin" → 'tianjin' (its key drops it).

    >>> zone_parent("Xinhua District of Cangzhou"), zone_parent("Binhai New Area")
    ('cangzhou', None)
    """
    m = _ZONE_OF.match(normalise(name))
    return m.group(2) if m else None


_ZONE_SUFFIXES = (" new area", " new district", " district", " county")


def _variants(label: str, key: str) -> list[str]:
    out = [key, _strip_suffix(label, key)]
    if " the " in key:  # "Innovation Center of the Yangtze River Delta" is "… of Yangtze River Delta"
        out.append(key.replace(" the ", " "))
    if label == "Person":
        parts = key.split()
        if len(parts) == 2 and all(p.isascii() for p in parts):  # Qu Lin / Lin Qu, Sun Hong / Sunhong
            out += [f"{parts[1]} {parts[0]}", parts[0] + parts[1], parts[1] + parts[0]]
    if label == "Organisation":
        bare = _LEGAL.sub("", key).strip()
        if bare and bare != key and len(bare) >= 3:
            out.append(bare)
    if label == "City":
        m = _ZONE_OF.match(key)
        if m:
            out.append(m.group(1))
        for suffix in _ZONE_SUFFIXES:  # "Pudong New Area" is "Pudong"
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                out.append(key[: -len(suffix)])
                break
    return out


_GLUE = {"of", "the", "and", "for"}
_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")


def _acronym_inside(name: str) -> str | None:
    """The name with "Full Words (FW)" written as "FW": "Political Bureau of the Communist Party
    of China (CPC) Central Committee" is "Political Bureau of the CPC Central Committee".

    >>> _acronym_inside("Political Bureau of the Communist Party of China (CPC) Central Committee")
    'Political Bureau of the CPC Central Committee'
    """
    m = _ACRONYM.search(name or "")
    if not m or not m.group(0) or not name[m.end():].strip():
        return None
    acr, words = m.group(1), name[:m.start()].split()
    initials, i = "", len(words)
    while i > 0 and len(initials) < len(acr):
        i -= 1
        if words[i].lower() not in _GLUE:
            initials = words[i][0].upper() + initials
    if initials != acr:
        return None
    head = words[:i]
    if head and head[-1].lower() == "the":  # "of the Communist Party" → "of the CPC"
        head = head[:-1]
        acr = "the " + acr
    return " ".join([*head, acr]) + " " + name[m.end():].strip()


@functools.lru_cache(maxsize=1 << 18)
def _match_keys(label: str, name: str) -> frozenset[str]:
    key = normalise(name)
    if not key:
        return frozenset()
    keys = _variants(label, key)
    short = _acronym_inside(name)
    if short:
        keys += _variants(label, normalise(short))
    english = english_form(label, name)
    if english:  # 贵州大学 is Guizhou University, 王小明 Wang Xiaoming (graph/scripts.py)
        keys += _variants(label, normalise(english))
    return frozenset(k for k in keys if k)


def match_keys(label: str, name: str) -> set[str]:
    """All keys under which ``name`` matches another name of the same label (remembered: a batch
    asks for the keys of each alias several times, and normalising is most of an ingest)."""
    return set(_match_keys(label, name))


# match_keys without the copy, for callers that only read the keys (shared: never modify it)
frozen_keys = _match_keys


def slug(text: str) -> str:
    """Lower-case, hyphen-separated, Unicode letters kept.

    >>> slug("Binhai New Area of Tianjin")
    'binhai-new-area-of-tianjin'
    """
    return _SLUG_DROP.sub("-", normalise(text).replace("_", " ")).strip("-")


def make_id(label: str, name: str) -> str:
    """The stable id of an entity of ``label`` called ``name``; raises BadInput on an empty name."""
    s = slug(primary_key(label, name))
    if not s:
        raise BadInput(f"empty name for a {label}")
    return f"{label.lower()}:{s}"


def document_id(name: str) -> str:
    """The id of the Document called ``name`` (a file's path relative to the ingest root, or
    ``path:line`` for a record): the name kept whole, so distinct names never share an id.

    >>> document_id("news/A.B.csv"), document_id("news/a_b.csv:3") != document_id("news/a-b.csv:3")
    ('document:news/A.B.csv', True)
    """
    if not name or not name.strip():
        raise BadInput("empty name for a Document")
    return f"document:{name}"


def legacy_document_id(name: str) -> str | None:
    """The id the same name had before ids were kept whole (lower case, punctuation folded to
    hyphens): an ingest finds documents stored by older versions under it and moves them.

    >>> legacy_document_id("news/A.B.csv:3")
    'document:news-a-b-csv-3'
    """
    try:
        return make_id("Document", name)
    except BadInput:
        return None


_LEGACY_DOC = re.compile(r"document:[\w-]+")


def is_legacy_document_id(doc_id: str) -> bool:
    """Was ``doc_id`` made by the old folding rule? (New ids keep the file's extension dot.)

    >>> is_legacy_document_id("document:news-a-txt"), is_legacy_document_id("document:news/a.txt")
    (True, False)
    """
    return bool(_LEGACY_DOC.fullmatch(doc_id))


_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")  # alphabets with look-alike letters


@functools.lru_cache(maxsize=1 << 14)
def confusable(name: str) -> bool:
    """Does ``name`` mix alphabets whose letters look alike (Latin with Cyrillic or Greek, ...)? Such
    a name looks like another entity's on screen ("Zhejiang Universitу" with a Cyrillic у). Chinese
    characters beside Latin letters are not confusable.

    >>> confusable("Zhejiang Universit\u0443"), confusable("Zhejiang University"), confusable("浙江大学 ZJU")
    (True, False, False)
    >>> confusable("Московский университет")
    False
    """
    seen = set()
    for c in unicodedata.normalize("NFKC", name or ""):
        if c.isalpha() and ord(c) > 0x40:
            script = unicodedata.name(c, "").split(" ", 1)[0]
            if script in _SCRIPTS:
                seen.add(script)
                if len(seen) > 1:
                    return True
    return False


def id_label(node_id: str) -> str | None:
    """The label prefix of an id (``'city:jiaxing'`` → ``'city'``), or None if it is not an id."""
    head, sep, tail = node_id.partition(":")
    return head if sep and tail and head.isalpha() else None

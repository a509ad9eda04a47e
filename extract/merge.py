"""One entity per real thing within a document: names that are variants of one another are merged
into the fuller one (its mentions keep every variant).

- an acronym used alone and the name whose initials it spells ("SAU", "Shenyang Agricultural
  University"; "FTZ", "Free Trade Zone"), also of the name's first part ("IAE", "Institute of Applied
  Ecology of the Chinese Academy of Sciences");
- "A of (the) B" and "B A" / "B's A" ("International Joint Innovation Center of Zhejiang University",
  "Zhejiang University International Joint Innovation Center");
- a name with and without "the" or a leading place ("Hebei Chengde Hi-tech Zone", "Chengde Hi-tech Zone");
- a one-word short form of an organisation or place before its head ("Tsinghua", "Tsinghua University";
  "Pudong", "Pudong New Area"; not "Tencent", "Tencent Cloud": no head word, a unit of its own).

>>> ents = [{"id": "o:1", "name": "Shenyang Agricultural University", "type": "Organisation", "mentions": ["Shenyang Agricultural University"]},
...         {"id": "o:2", "name": "SAU", "type": "Organisation", "mentions": ["SAU"]}]
>>> [e["name"] for e in merge_variants(ents, {}, set())]
['Shenyang Agricultural University']
"""
from __future__ import annotations

import functools
import re

_SMALL = {"of", "the", "and", "for", "&", "in", "on", "at"}
_LEVEL_WORDS = {"district", "county", "new area", "new district", "city", "municipality", "prefecture"}
_SUB_WORDS = {"district", "county", "new area", "new district"}  # a part of a city, not another name of it
_MERGE_TYPES = {"Organisation", "City", "Region", "Project", "Event"}


def _words(name: str) -> list[str]:
    return re.sub(r"[’']s\b", "", name).replace("-", " ").split()


def _raw(name: str) -> list[str]:
    """Lower-case words as written (hyphens kept), without "the" and possessive 's."""
    return [w for w in re.sub(r"[’']s\b", "", name).lower().split() if w != "the"]


_COMPASS = {"eastern": "east", "western": "west", "northern": "north", "southern": "south"}


def _norm(name: str) -> str:
    """Lower-case words without "the"; "Eastern"/"East" alike ("X Transfer Eastern Center" / "X Transfer East Center")."""
    return " ".join(_COMPASS.get(w.lower(), w.lower()) for w in _words(name) if w.lower() != "the")


def _session_base(e: dict) -> str | None:
    """"11th National People's Congress" -> "national people congress": a numbered session of a standing body."""
    w = _words(e["name"])
    if e["type"] == "Organisation" and len(w) >= 3 and re.fullmatch(r"\d+(st|nd|rd|th)", w[0].lower()):
        return _norm(" ".join(w[1:]))
    return None


def initials(name: str) -> str:
    """Initials of the name's words other than of/the/and/for ("Free Trade Zone" -> "FTZ")."""
    return "".join(w[0].upper() for w in _words(name) if w.lower() not in _SMALL and w[:1].isalpha())


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 8 and name.isalpha() and sum(c.isupper() for c in name) >= max(2, len(name) - 1)


def _inverted(a: str, b: str) -> bool:
    """"X of (the) Y" vs "Y X" or "Y's X"."""
    wa = _norm(a).split()
    if "of" not in wa:
        return False
    k = wa.index("of")
    x, y = wa[:k], wa[k + 1:]
    return bool(x and y) and _norm(b).split() == y + x


def merge_variants(entities: list[dict], key_to_ent: dict, place_words: set[str]) -> list[dict]:
    """Merge each variant into its fuller name; ``place_words``: lower-case names of known places."""
    into: dict[str, dict] = {}
    by_norm = {}
    for e in entities:
        if e["type"] in _MERGE_TYPES:
            by_norm.setdefault((e["type"], _norm(e["name"])), e)
    # "Lin Qu" and "Qu Lin": one person, named in both orders
    people = {}
    for e in entities:
        if e["type"] == "Person" and len(e["name"].split()) == 2:
            a, b = e["name"].lower().split()
            if (b, a) in people and people[(b, a)]["id"] != e["id"]:
                into[e["id"]] = people[(b, a)]
            else:
                people.setdefault((a, b), e)
    longs = sorted((e for e in entities if e["type"] in _MERGE_TYPES), key=lambda e: -len(e["name"]))
    for e in entities:
        if e["type"] not in _MERGE_TYPES or e["id"] in into:
            continue
        name = e["name"]
        target = None
        n = _norm(name)
        if by_norm.get((e["type"], n)) not in (None, e):
            target = by_norm[(e["type"], n)]
        base = _session_base(e)
        if target is None and base and by_norm.get((e["type"], base)) not in (None, e):
            target = by_norm[(e["type"], base)]
        if target is None and _is_acronym(name):
            for o in longs:
                if o is e or len(o["name"].split()) < 2 or o["type"] not in ("Organisation", "City", "Project", "Event"):
                    continue
                words = [w for w in _words(o["name"])]
                ok = initials(o["name"]) == name.upper()
                if not ok and "of" in [w.lower() for w in words]:  # the first part: "Institute of Applied Ecology" of "... of CAS"
                    parts = o["name"].split(" of ")
                    ok = any(initials(" of ".join(parts[:i])) == name.upper() for i in range(1, len(parts)))
                if ok:
                    target = o
                    break
        if target is None:
            for o in longs:
                if o is e or o["type"] != e["type"] or len(o["name"]) <= len(name):
                    continue
                on = _norm(o["name"])
                ow = on.split()
                if _inverted(o["name"], name) or _inverted(name, o["name"]):
                    target = o if len(o["name"]) >= len(name) else None
                    break
                # a leading place dropped: "Hebei Chengde Hi-tech Zone" / "Chengde Hi-tech Zone"; also by
                # a mention ("Shangcheng", written "Shangcheng District" / "Hangzhou Shangcheng District")
                # (word for word as written: "Wenzhou-Kean University" is not "Kean University" in Wenzhou)
                rw = _raw(o["name"])
                if any(len(f) >= 2 and len(rw) > len(f) and tuple(rw[-len(f):]) == f and " ".join(rw[:-len(f)]) in place_words
                       for f in {tuple(_raw(x)) for x in (name, *e.get("mentions", ()))}):
                    target = o
                    break
                # "Tsinghua" / "Tsinghua University", "Pudong" / "Pudong New Area" (not "Suzhou" / "Suzhou Industrial Park",
                # nor the city "Zhenjiang" / "Zhenjiang New Area": a district or zone named after its city is a part of it)
                rest = " ".join(ow[1:])
                # (an organisation's short form stands before a head word: not "Tencent" / "Tencent Cloud", its unit)
                if len(n.split()) == 1 and ow[0] == n and len(ow) <= 3 and (
                        (e["type"] == "Organisation" and n not in place_words and ow[-1] in _org_heads())
                        or (e["type"] == "City" and rest in _LEVEL_WORDS and not (rest in _SUB_WORDS and n in _wide_places()))):
                    target = o
                    break
        if target is not None and target["id"] != e["id"] and target["id"] not in into:
            into[e["id"]] = target
    if not into:
        return entities
    for e in entities:
        t = into.get(e["id"])
        if t is not None:
            t["mentions"] = sorted(set(t["mentions"]) | set(e["mentions"]) | {e["name"]})
    for k, v in list(key_to_ent.items()):
        if v["id"] in into:
            key_to_ent[k] = into[v["id"]]
    return [e for e in entities if e["id"] not in into]


@functools.lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    """The lexicon's organisation head words ("university", "group", "robotics"), lower-case."""
    from extract.resources import DATA_DIR, load_lexicon
    return frozenset(k.lower() for k in load_lexicon(str(DATA_DIR / "lexicon.toml"))["organisation_heads"])


@functools.lru_cache(maxsize=1)
def _wide_places() -> frozenset[str]:
    """Lower-case names and aliases of the gazetteer's city-level and province-level places."""
    from extract.resources import load_places
    return frozenset(n.lower() for p in load_places() if p.level in ("city", "province") for n in (p.name, *p.aliases))


def place_words() -> set[str]:
    """Lower-case names and aliases of the gazetteer's places."""
    from extract.resources import load_places
    out = set()
    for p in load_places():
        out.add(p.name.lower())
        out.update(a.lower() for a in p.aliases)
    return out

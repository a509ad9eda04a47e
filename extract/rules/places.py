"""Where the gazetteer puts places: each place's level (district, city, province ...) and parents.

The LOCATED_IN rules use it to keep a relation the right way round (a city is in a province, not
the reverse) and to drop one the data contradicts (a district of one city is not in another).
"""
from __future__ import annotations

import re

from extract.resources import DATA_DIR, load_lexicon, load_places
from extract.rules.common import PLACE
from graph.ids import primary_key

LEVEL_RANK = {"zone": 0.5, "district": 1, "county": 1, "city": 2, "province": 3, "region": 4, "country": 5}


class PlaceHierarchy:
    """Place name (lower case) -> its level, and -> the places it lies in (lower-case names, or the
    primary keys of the regions of region_members.tsv)."""

    def __init__(self, level: dict[str, str], parent: dict[str, set[str]], lex: dict | None = None,
                 base_parent: dict[str, set[str]] | None = None):
        self.level = level
        self.parent = parent
        c = (lex or {}).get("places", {})
        self.zone_city_words = frozenset(c.get("zone_city_words", ()))
        self.district_zones = tuple(" " + w for w in c.get("district_zone_endings", ()))
        # a district's name without "District" / "County" -> the parents of every district so named
        # (Huangpu District of Shanghai, Huangpu of Guangzhou): a name two cities share has both parents
        # (parents_of), so it conflicts with neither and, named alone, says none (ArticleParents)
        self.base_parent = base_parent or {}
        self._parents = dict(parent)  # parents_of: a district's parents with those of its namesakes, folded once
        for name, ps in parent.items():
            extra = self.base_parent.get(_base(name)) if ps and level.get(name) in ("district", "county") else None
            if extra:
                self._parents[name] = ps | extra

    @classmethod
    def load(cls, lex: dict | None = None) -> PlaceHierarchy:
        """From the gazetteer's data files (extract/data) and the pipeline's lexicon ``lex`` (the
        package's own when not given)."""
        parent: dict[str, set[str]] = {}
        level: dict[str, str] = {}
        base_parent: dict[str, set[str]] = {}
        for p in load_places():
            level.setdefault(p.name.lower(), p.level)
            if p.parent:
                parent.setdefault(p.name.lower(), set()).add(p.parent.lower())
                if p.level in ("district", "county"):
                    base_parent.setdefault(_base(p.name), set()).add(p.parent.lower())
        members = DATA_DIR / "region_members.tsv"
        if members.exists():
            for line in members.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#") and "\t" in line:
                    a, b = line.split("\t")[:2]
                    parent.setdefault(a.strip().lower(), set()).add(primary_key("Region", b.strip()))
        return cls(level, parent, lex if lex is not None else load_lexicon(), base_parent)

    def parents_of(self, name: str) -> set[str] | None:
        """The places a place (lower-case name) lies in, if the data says. A district's or county's
        name counts every district so named ("Huangpu District" of Shanghai and "Huangpu" of
        Guangzhou, spelt apart in cities.tsv): a name two cities share has both parents."""
        return self._parents.get(name)

    def rank(self, m) -> float:
        """A mention's level as a number (district 1 < city 2 < province 3 ...); 0 when unknown."""
        lvl = m["props"].get("level") or self.level.get((m["props"].get("canon") or m["text"]).lower())
        low = m["text"].lower()
        if not lvl:
            for suf, lv in ((" province", "province"), (" region", "region"), (" city", "city"), (" county", "county"), (" district", "district"), (" zone", "zone")):
                if low.endswith(suf):
                    lvl = lv
        if lvl == "city" and not m["props"].get("canon") and low.endswith("city"):
            # "Zhangjiang Science City", "Future Sci-Tech City", "Tianjin Eco-City": a park named a city
            words = low.split()
            if len(words) >= 3 and words[-2] in self.zone_city_words or len(words) >= 2 and words[-1].endswith("-city"):
                lvl = "zone"
        if lvl == "zone" and low.endswith(self.district_zones):
            return LEVEL_RANK["district"]  # "Pudong New Area": a zone a park may lie in
        return LEVEL_RANK.get(lvl or "", 0)

    def parent_conflict(self, a, b) -> bool:
        """True when the gazetteer says a's parent is some other place than b."""
        an = (a["props"].get("canon") or a["text"]).lower()
        bn = primary_key(b["label"], b["props"].get("canon") or b["text"])
        parents = self.parents_of(an)
        if not parents:
            return False
        # walk one more level (district -> city -> province)
        up = set(parents)
        for p in parents:
            up |= self.parent.get(p, set())
        return bn not in up

    def may_lie_in(self, a, b) -> bool:
        """a may lie in place b: not itself, not a bigger place in a smaller one, not where the gazetteer
        says otherwise."""
        if a["key"] == b["key"] or b["label"] not in PLACE:
            return False
        if a["label"] in PLACE:
            ra, rb = self.rank(a), self.rank(b)
            return not (ra and rb and ra >= rb) and not self.parent_conflict(a, b)
        return True


def _base(name: str) -> str:
    """A district's or county's name without its level word, lower case ("Huangpu District" -> "huangpu")."""
    return re.sub(r" (district|county)$", "", name.lower())


class ArticleParents:
    """A city (district, county) and the province (city) the gazetteer puts it in, named in different
    sentences of one article: the place is in it (0.55), less sure than when one sentence names both;
    never a wider region ("the Yangtze River Delta" is no address). Called once per sentence, in order;
    it keeps the places of the article's earlier sentences until :meth:`reset` (once per document, by
    ``innograph_relations``, as the other per-article state)."""

    def __init__(self, places: PlaceHierarchy):
        self.places = places
        self._seen: dict[str, dict] = {}

    def reset(self):
        """A new article: forget the places named so far."""
        self._seen = {}

    @staticmethod
    def _name(m) -> str:
        return (m["props"].get("canon") or m["text"]).lower()

    def __call__(self, doc, top, out):
        rank, parents = self.places.rank, self.places.parents_of
        here = [m for m in top if m["label"] in PLACE and not m.get("anaphor") and rank(m) <= LEVEL_RANK["province"]]
        stated = {(r[0]["key"], r[2]["key"]) for r in out if r[1] == "LOCATED_IN"}

        def add(a, b):
            if a["key"] != b["key"] and (a["key"], b["key"]) not in stated and rank(b) > rank(a):
                out.append((a, "LOCATED_IN", b, {}, 0.55, "gazetteer-article"))
                stated.add((a["key"], b["key"]))

        def one_parent(m):  # a name two places share ("Taizhou" of Zhejiang and of Jiangsu, "Huangpu District") says none
            ps = parents(self._name(m)) or set()
            return ps if len(ps) == 1 else set()

        for m in here:  # a place of this sentence in one named before
            for p in one_parent(m):
                if p in self._seen:
                    add(m, self._seen[p])
        for m in here:  # a place named before in one of this sentence
            for c in list(self._seen.values()):
                if self._name(m) in one_parent(c):
                    add(c, m)
        for m in here:
            self._seen.setdefault(self._name(m), m)

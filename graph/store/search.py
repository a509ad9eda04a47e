"""Ranking of search candidates, shared by both stores so they answer alike.

Order: exact canonical name (1.0), exact alias (0.95), prefix of name or alias (0.8 – 0.9),
then fuzzy (rapidfuzz WRatio scaled into 0 – 0.75), ties broken by name then id.

>>> from graph.model import Entity
>>> cast = Entity.new("Organisation", "China Association for Science and Technology", aliases=["CAST"])
>>> [h["match"] for h in rank("cast", [(cast, "CAST")])]
['alias']
>>> rank("China Asociation for Science", [(cast, cast.name)])[0]["match"]
'fuzzy'
"""
from __future__ import annotations

from rapidfuzz import fuzz

from graph.ids import normalise
from graph.model import Entity

FUZZY_THRESHOLD = 75.0


def score_one(qn: str, ent: Entity) -> tuple[float, str, str]:
    """(score, match kind, alias that matched) of one entity for the normalised query ``qn``."""
    name_n = normalise(ent.name)
    if name_n == qn:
        return 1.0, "exact", ent.name
    best = (0.0, "", "")
    for alias in sorted(ent.aliases):
        an = normalise(alias)
        if an == qn:
            return 0.95, "alias", alias
        if an.startswith(qn) and best[0] < 0.9:
            s = 0.8 + 0.1 * len(qn) / max(len(an), 1)
            if s > best[0]:
                best = (s, "prefix", alias)
    if best[0]:
        return best
    for alias in sorted(ent.aliases):
        r = fuzz.WRatio(qn, normalise(alias))
        if r >= FUZZY_THRESHOLD and 0.75 * r / 100 > best[0]:
            best = (round(0.75 * r / 100, 4), "fuzzy", alias)
    return best


def rank(q: str, candidates) -> list[dict]:
    """Score and order (entity, alias) candidates for the query ``q``; unmatched ones are dropped."""
    qn = normalise(q)
    seen = {}
    for ent, _alias in candidates:
        if ent.id in seen:
            continue
        s, kind, alias = score_one(qn, ent)
        if s > 0:
            seen[ent.id] = {**ent.brief(), "match": kind, "matched": alias, "score": round(s, 4)}
    return sorted(seen.values(), key=lambda h: (-h["score"], h["name"].lower(), h["id"]))

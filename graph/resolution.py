"""Resolution beyond match keys: shortened and extended forms and spelling variants, with guards.

``pair_score(label, a, b, places)`` says whether two names of one label are one entity:

>>> places = {"shaoxing", "tianjin", "zhejiang"}
>>> pair_score("Organisation", "Tsinghua", "Tsinghua University", places)[:2]
(0.95, True)
>>> pair_score("Organisation", "Keqiao Jinlun Textile", "Shaoxing Keqiao Jinlun Textile", places)[:2]
(0.95, True)
>>> pair_score("Region", "Beijing-Tianjian-Hebei", "Beijing-Tianjin-Hebei", places)[1]
True
>>> pair_score("Event", "22nd Annual Meeting of CAST", "23rd Annual Meeting of CAST", places) is None
True
>>> pair_score("Event", "CAST Annual Meeting", "22nd Annual Meeting of CAST", places)[1]
False
>>> pair_score("Organisation", "Zhejiang", "Zhejiang University", places) is None
True
>>> pair_score("Project", "China Innovation Challenge", "China Innovation Challenge (Shanghai)", {"shanghai"})[1]
False
>>> pair_score("Project", "Mass Entrepreneurship and Innovation", "Mass Entrepreneurship and Innovation Forum",
...            places)[1]
False
>>> pair_score("Organisation", "Chinese Academy of Sciences", "University of Chinese Academy of Sciences",
...            places)[1]
False
>>> pair_score("Organisation", "Tsinghua University", "Yangtze Delta Institute of Tsinghua University",
...            places | {"yangtze", "delta"})[1]
False

Guards: the same label only; numbers and ordinals must agree (never two numbered meetings); the
shared part of a shortened form must hold a word that is neither generic nor a place name; a
short form that extends to two different entities merges with neither; places in different
provinces never merge; Persons never merge by name here (graph/store/people.py decides).
Pairs that score but are not safe enough are offered for review (``candidates``).
``consolidate(store, ids)`` makes the safe merges for the entities an ingest touched and records
why (rule, score, documents), so that ``GET /api/v1/entities/{id}`` can show it.
"""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from graph.ids import normalise

LABELS = ("City", "Region", "Organisation", "Project", "Event", "Topic")
AUTO_FUZZ = 92.0  # ratio at or above which two long names are one entity
REVIEW_FUZZ = 85.0  # ratio from which a pair is offered for review
MIN_FUZZ_LEN = 10
MAX_SCAN = 20_000  # entities of one label compared at most
MAX_FUZZ_SCAN = 3_000  # above this many entities of a label, spelling variants need a shared word
GENERIC = set("""university college institute academy association society federation committee council
center centre group co ltd company limited corporation corp inc new area district zone county park city
province region government people bureau department office of and for the science technology research
development industrial industry high tech high-tech national international annual meeting forum
conference fair exhibition programme program project platform base alliance station workstation
service team cooperation innovation""".split())
# what an extended form may add to a name: a legal form, a generic ending, the place it is in
EXTENSION = set("co ltd company limited corporation corp inc group university city province district county "
                "new area zone of the".split())
_NUM = re.compile(r"\d+|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central",
               "upper", "lower", "inner", "outer"}
_BRACKETS = re.compile(r"\(([^)]*)\)")
_TOKEN = re.compile(r"[\w]+")


_GLUE = {"of", "the", "and"}


def _heading(words: set[str]) -> set[str]:
    """The compass words among ``words``: East and Eastern agree, Northeast and Northwest do not."""
    return {w.removesuffix("ern") for w in words if w.removesuffix("ern") in _DIRECTIONS}


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(normalise(name).replace("-", " "))


def _numbers(name: str) -> set[str]:
    return set(_NUM.findall(normalise(name)))


def _extends(short: list[str], long_: list[str], places: set[str]) -> bool:
    """``long_`` is ``short`` with places before it, and a generic ending, numbers or "of" and a
    place after it: "Shaoxing Keqiao Jinlun Textile", "Tsinghua University", "X of Tianjin"."""
    n = len(short)
    for i in range(len(long_) - n + 1):
        if long_[i:i + n] != short:
            continue
        before, after = long_[:i], long_[i + n:]
        if not set(before) <= places:
            continue
        if after and after[0] == "of":
            if set(after[1:]) - {"the"} <= places:
                return True
            continue
        if all(w in EXTENSION or w in places or _NUM.search(w) for w in after):
            return True
    return False


def pair_score(label: str, a: str, b: str, places: set[str]) -> tuple[float, bool, list[str]] | None:
    """(score 0..1, safe to merge, reasons) for two names of ``label``, or None: not the same."""
    if label == "Person" or normalise(a) == normalise(b):
        return None
    na, nb = _numbers(a), _numbers(b)
    if na and nb and na != nb:
        return None  # the 22nd and the 23rd meeting
    ta, tb = _tokens(a), _tokens(b)
    wa, wb = normalise(a).split(), normalise(b).split()  # words, hyphens kept: Wenzhou-Kean is not Kean
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 3 and set(short) - _GLUE == set(long_) - _GLUE:
        return 0.9, na == nb, ["the same words in another order"]
    if short and set(short) < set(long_):
        # a place may be its own core ("Chengde Hi-tech Zone"), but a bare city name never extends
        core = set(short) - GENERIC - (places if label not in ("City", "Region") or len(short) < 2 else set())
        if core and max(map(len, core)) >= 4 and _extends(short, long_, places):
            extra = set(long_) - set(short)
            bracketed = {w for x in _BRACKETS.findall(a + " " + b) for w in normalise(x).split()}
            safe = na == nb and not extra & bracketed  # "China Innovation Challenge (Shanghai)": an edition
            return (0.95 if safe else 0.8), safe, ["shortened or extended form",
                                                   f"extra words: {' '.join(sorted(extra))}"]
        extra = {t for t in set(long_) - set(short) if not _NUM.search(t)}
        if core and extra <= GENERIC | places:  # "… Forum", "University of X", "X Annual Meeting": ask
            return 0.6, False, ["one name inside the other", f"extra words: {' '.join(sorted(extra)) or 'a number'}"]
        return None
    da, db = set(ta) - set(tb), set(tb) - set(ta)
    swapped = da <= places and db <= places
    if da and db and (swapped or _heading(da) != _heading(db)
                      or fuzz.ratio(" ".join(sorted(da)), " ".join(sorted(db))) < 70):
        return None  # Jiaxing's and Shaoxing's association; Northeast and Northwest China
    ra = fuzz.ratio(normalise(a), normalise(b))
    if ra >= REVIEW_FUZZ and min(len(a), len(b)) >= MIN_FUZZ_LEN:
        safe = ra >= AUTO_FUZZ and na == nb
        return round(ra / 100, 3), safe, [f"spelling variant (rapidfuzz ratio {ra:.0f})"]
    return None


def _places(store, labels=("City", "Region"), at_least: int = 1) -> set[str]:
    """Words of place names (of ``at_least`` places: a misspelt place is a place of one)."""
    count: dict[str, int] = {}
    for e in store.iter_entities(labels):
        for t in {t for a in e.aliases for t in _tokens(a)} - GENERIC:
            count[t] = count.get(t, 0) + 1
    return {t for t, n in count.items() if n >= at_least}


def _pairs(store, labels, only: set[str] | None = None):
    """(a, b, score, safe, reasons) for every scoring pair of one label (``only``: pairs touching these ids)."""
    places, shared = _places(store), _places(store, at_least=2)
    for label in labels:
        ents = list(store.iter_entities((label,)))[:MAX_SCAN]
        if len(ents) < 2:
            continue
        names = [normalise(e.name) for e in ents]
        by_token: dict[str, list[int]] = {}
        for i, e in enumerate(ents):
            for t in set(_tokens(e.name)) - GENERIC:
                by_token.setdefault(t, []).append(i)
        seen: set[tuple[int, int]] = set()
        for i, e in enumerate(ents):
            if only is not None and e.id not in only:
                continue
            near = {j for t in set(_tokens(e.name)) - GENERIC if len(by_token.get(t, ())) < 200 for j in by_token.get(t, ())}
            if len(names[i]) >= MIN_FUZZ_LEN and len(names) <= MAX_FUZZ_SCAN:
                near |= {j for _, _, j in process.extract(names[i], names, scorer=fuzz.ratio,
                                                          score_cutoff=REVIEW_FUZZ, limit=10)}
            for j in sorted(near - {i}):
                pair = (min(i, j), max(i, j))
                if pair in seen:
                    continue
                seen.add(pair)
                a, b = ents[pair[0]], ents[pair[1]]
                got = None
                for x in dict.fromkeys((a.name, _fullest(a))):  # "Shangcheng" is also "Shangcheng District"
                    for y in dict.fromkeys((b.name, _fullest(b))):
                        got = got or pair_score(label, x, y, shared if label in ("City", "Region") else places)
                if got is None or _other_province(a, b):
                    continue
                yield a, b, *got


def _fullest(e) -> str:
    """The longest Latin-script name of ``e`` without a comma (its fullest ordinary form)."""
    names = [a for a in e.aliases if a.isascii() and "," not in a] or [e.name]
    return max(names, key=lambda a: (len(a), a))


def _other_province(a, b) -> bool:
    pa, pb = a.properties.get("province"), b.properties.get("province")
    return bool(pa and pb and normalise(str(pa)) != normalise(str(pb)))


def candidates(store) -> list[tuple]:
    """Pairs to review: what scores but is not safe, and Persons who share a name."""
    out = [(a, b, s, reasons) for a, b, s, safe, reasons in _pairs(store, LABELS) if not safe]
    by_name: dict[str, list] = {}
    for p in store.iter_entities(("Person",)):
        by_name.setdefault(normalise(p.name), []).append(p)
    for group in by_name.values():  # a mention kept apart from its namesakes (registered ones are sure)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if "ref" not in a.properties or "ref" not in b.properties:
                    out.append((a, b, 0.5, ["same name, evidence does not say they are one person"]))
    return out


_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,7}$")


def initials(name: str) -> str:
    """The initials of a name's words, glue words left out.

    >>> initials("Institute of Applied Ecology of the Chinese Academy of Sciences")
    'IAECAS'
    """
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z][\w]*", name) if w.lower() not in _GLUE | {"for"})


def acronym_pairs(store, ids) -> list[tuple]:
    """(full, acronym) pairs: an acronym node and the one node of its label that the same document
    names with those initials ("IAE" for the Institute of Applied Ecology of the Chinese Academy
    of Sciences, "CFAST"); an acronym that fits two names of the document merges with neither."""
    out = []
    for i in sorted(ids):
        acr = store.get_entity(i)
        if acr is None or not _ACRONYM.match(acr.name) or sum(c.isupper() for c in acr.name) < 2:
            continue
        fits = set()
        for d in store.documents_mentioning(acr.id, limit=20):
            for m in d.mentions:
                if m != acr.id and m.split(":", 1)[0] == acr.id.split(":", 1)[0]:
                    full = store.get_entity(m)
                    if full is not None and len(full.name.split()) > 1 and \
                            initials(full.name).startswith(acr.name.upper()):
                        fits.add(full.id)
        if len(fits) == 1:
            out.append((store.get_entity(fits.pop()), acr))
    return out


def consolidate(store, ids) -> list[tuple[str, str]]:
    """Make the safe merges of the pairs touching ``ids``; returns (survivor, other) pairs."""
    ids = {i for i in ids if i.split(":", 1)[0].capitalize() in LABELS}
    if not ids:
        return []
    done = []
    judged = store.entity_verdicts()["different"]
    for full, acr in acronym_pairs(store, ids):
        if frozenset((full.id, acr.id)) in judged:
            continue
        docs = [d.id for d in store.documents_mentioning(acr.id, limit=1000)]

        def join(full=full, acr=acr, docs=docs):
            store.explain_merge(full, acr, "an acronym of a name in the same document", 0.95, [], docs)
            store._merge(full, acr)

        store._atomically(join)
        done.append((full.id, acr.id))
        ids.discard(acr.id)
    labels = sorted({i.split(":", 1)[0].capitalize() for i in ids})
    cities = _places(store, ("City",))
    safe: dict[str, list] = {}
    for a, b, score, ok, reasons in _pairs(store, labels, ids):
        if ok and frozenset((a.id, b.id)) not in judged:
            short = a if len(a.name) <= len(b.name) else b
            safe.setdefault(short.id, []).append((a, b, score, reasons))
    for short, pairs in safe.items():
        others = {(b if a.id == short else a).id for a, b, *_ in pairs}
        if len(others) > 1 and any(p[3][0].startswith("shortened") for p in pairs):
            continue  # "Association" extends to two bodies: neither
        for a, b, score, reasons in pairs:
            x, y = store.get_entity(a.id), store.get_entity(b.id)
            if x is None or y is None:
                continue
            # the better attested form stays: more relations, then names of known cities, then the longer
            survivor, other = sorted((x, y), key=lambda e: (-store.degree(e.id), -len(set(_tokens(e.name)) & cities),
                                                            -len(e.name), e.id))
            docs = [d.id for d in store.documents_mentioning(other.id, limit=1000)]

            def work(survivor=survivor, other=other, score=score, reasons=reasons, docs=docs):
                store.explain_merge(survivor, other, "; ".join(reasons), score, [], docs)
                store._merge(survivor, other)

            store._atomically(work)
            done.append((survivor.id, other.id))
    return done

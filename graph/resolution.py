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

import functools
import re

from rapidfuzz import fuzz, process

from graph.ids import confusable, match_keys, normalise, zone_parent
from graph.namewords import GENERIC, GLUE, LABELS, NUMBER, fullest

AUTO_FUZZ = 92.0  # ratio at or above which two long names are one entity
REVIEW_FUZZ = 85.0  # ratio from which a pair is offered for review
MIN_FUZZ_LEN = 10
MAX_SCAN = 20_000  # entities of one label compared at most
MAX_FUZZ_SCAN = 3_000  # above this many entities of a label, spelling variants need a shared word
# what an extended form may add to a name: a legal form, a generic ending, the place it is in
EXTENSION = set("co ltd company limited corporation corp inc group university city province district county "
                "new area zone of the".split())
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central",
               "upper", "lower", "inner", "outer"}
_BRACKETS = re.compile(r"\(([^)]*)\)")
_TOKEN = re.compile(r"[\w]+")


def _heading(words: set[str]) -> set[str]:
    """The compass words among ``words``: East and Eastern agree, Northeast and Northwest do not."""
    return {w.removesuffix("ern") for w in words if w.removesuffix("ern") in _DIRECTIONS}


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(normalise(name).replace("-", " "))


def _numbers(name: str) -> set[str]:
    return set(NUMBER.findall(normalise(name)))


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
        if all(w in EXTENSION or w in places or NUMBER.search(w) for w in after):
            return True
    return False


def pair_score(label: str, a: str, b: str, places: set[str]) -> tuple[float, bool, list[str]] | None:
    """(score 0..1, safe to merge, reasons) for two names of ``label``, or None: not the same.

    A name that mixes look-alike alphabets is never merged without a reviewer: it is offered.

    >>> pair_score("Organisation", "Zhejiang Universit\u0443", "Zhejiang University", set())[1:]
    (False, ['spelling variant (rapidfuzz ratio 95)', 'look-alike letters of another alphabet'])
    """
    got = _pair_score(label, a, b, places)
    if got is not None and (confusable(a) or confusable(b)):
        return got[0], False, [*got[2], "look-alike letters of another alphabet"]
    return got


def _pair_score(label: str, a: str, b: str, places: set[str]) -> tuple[float, bool, list[str]] | None:
    if label == "Person" or normalise(a) == normalise(b):
        return None
    na, nb = _numbers(a), _numbers(b)
    if na and nb and na != nb:
        return None  # the 22nd and the 23rd meeting
    ta, tb = _tokens(a), _tokens(b)
    wa, wb = normalise(a).split(), normalise(b).split()  # words, hyphens kept: Wenzhou-Kean is not Kean
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 3 and set(short) - GLUE == set(long_) - GLUE:
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
        extra = {t for t in set(long_) - set(short) if not NUMBER.search(t)}
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
                for x in dict.fromkeys((a.name, fullest(a))):  # "Shangcheng" is also "Shangcheng District"
                    for y in dict.fromkeys((b.name, fullest(b))):
                        got = got or pair_score(label, x, y, shared if label in ("City", "Region") else places)
                if got is None or _other_province(a, b):
                    continue
                yield a, b, *got


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
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z][\w]*", name) if w.lower() not in GLUE | {"for"})


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name or "")) and sum(c.isupper() for c in name) >= 2


def fits(acronym: str, name: str) -> bool:
    """Does ``acronym`` abbreviate ``name``? Its capitals in order: the first on the name's first
    word, each next one on a later letter of the same word (pinyin syllables: ZJU) or on the
    initial of a later word, leaving out at most one word that is not a glue word ("of", "and",
    "for", "the"); words after an "of" past the last capital are free (IAE, of the CAS).

    >>> fits("CAST", "China Association for Science and Technology"), fits("MOST", "Ministry of Science and Technology")
    (True, True)
    >>> fits("ZJU", "Zhejiang University"), fits("CUSTech", "CUSPEA Institute of Technology")
    (True, True)
    >>> fits("IAE", "Institute of Applied Ecology of the Chinese Academy of Sciences")
    True
    >>> fits("CAST", "China Communication Center for Science and Technology")
    False
    >>> fits("CUSTech", "CUSPEA Foundation for the Advancement of Science and Technology")
    False
    """
    caps = [c.lower() for c in acronym if c.isupper()]
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w]*", name)]
    while words and words[0] in GLUE:
        words = words[1:]
    if len(caps) < 2 or not words or caps[0] != words[0][0]:
        return False
    content = [w not in GLUE | {"for"} for w in words]

    def tail_skips(w: int) -> int:
        rest = words[w + 1:]
        cut = rest.index("of") if "of" in rest else len(rest)
        return sum(content[w + 1:w + 1 + cut])

    @functools.cache
    def go(a: int, w: int, c: int, skips: int) -> bool:
        if skips > 1:
            return False
        if a == len(caps):
            return skips + tail_skips(w) <= 1
        if caps[a] in words[w][c + 1:] and go(a + 1, w, words[w].index(caps[a], c + 1), skips):
            return True
        return any(words[v][0] == caps[a] and go(a + 1, v, 0, skips + sum(content[w + 1:v]))
                   for v in range(w + 1, len(words)))

    return go(1, 0, 0, 0)


def acronym_guard(store, label: str, ents, ekeys: list[list[str]], found: dict) -> None:
    """An acronym joins the body whose name it abbreviates, not another one that was given it
    (an article writing "China Communication Center for Science and Technology (CAST)" beside the
    China Association for Science and Technology, whose acronym CAST is): for the incoming
    entities ``ents`` of ``label`` with their match keys ``ekeys`` and the stored ids ``found``
    behind each key (both changed in place):

    * an acronym alias that abbreviates none of the entity's own names, when a stored body it
      abbreviates has it, is that body's: it leaves the entity (alias and key);
    * an acronym alias that the entity's own name abbreviates does not join it to stored bodies
      whose names it does not abbreviate (the alias stays);
    * a bare acronym goes to the stored bodies it abbreviates when some do and some do not.
    """
    if label == "Person":
        return
    cache: dict[str, object] = {}

    def verdict(acr, node_id):  # True: its name is what acr abbreviates; False: it is not; None: no name
        e = cache.setdefault(node_id, store.get_entity(node_id))
        longs = [n for n in e.aliases if not is_acronym(n)] if e is not None else []
        return any(fits(acr, n) for n in longs) if longs else None

    for i, e in enumerate(ents):
        longs = [a for a in e.aliases if not is_acronym(a)]
        for acr in sorted(a for a in e.aliases if is_acronym(a)):
            k = normalise(acr)
            hits = found.get(k, ())
            if not hits or k not in ekeys[i]:
                continue
            said = {s: verdict(acr, s) for s in hits}
            fit = [s for s in hits if said[s]]
            rest = [s for s in hits if said[s] is not False]
            if not longs or any(fits(acr, n) for n in longs):  # a bare acronym, or this body's own
                if len(rest) < len(hits):
                    found[k] = rest  # never to a body whose name it does not abbreviate
                if not rest:
                    ekeys[i] = [kk for kk in ekeys[i] if kk != k]
            elif fit and acr != e.name and not ({s for kk in ekeys[i] if kk != k for s in found.get(kk, ())}
                                                 >= set(hits)):
                e.aliases.discard(acr)  # another body's acronym
                ekeys[i] = sorted({kk for a in e.aliases for kk in match_keys(label, a)})


def _parents_agree(a: set[str], b: set[str]) -> bool:
    """Two zones' places agree when either names none or one names a place inside the other's."""
    return not a or not b or any(set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split())
                                 for x in a for y in b)


def place_guard(store, label: str, ents, ekeys: list[list[str]], found: dict) -> None:
    """Zones named with different places are two ("Xinhua District of Shijiazhuang" and "Xinhua
    District of Cangzhou" share the key "xinhua district"): a City mention does not join a stored
    zone named with another place, and a bare one that fits two such zones joins neither (it is
    left as its own node, for review). ``ekeys`` and ``found`` are changed in place."""
    if label != "City":
        return
    cache: dict[str, set[str]] = {}

    def parents(node_id):
        if node_id not in cache:
            e = store.get_entity(node_id)
            cache[node_id] = {p for a in (e.aliases if e is not None else ()) if (p := zone_parent(a))}
        return cache[node_id]

    for i, e in enumerate(ents):
        mine = {p for a in e.aliases if (p := zone_parent(a))}
        for k in list(ekeys[i]):
            hits = found.get(k, ())
            if not hits or (not mine and len(hits) < 2):
                continue
            if mine:
                ok = [s for s in hits if _parents_agree(mine, parents(s))]
            else:  # a bare name: ambiguous when two of its zones disagree
                ok = [] if any(not _parents_agree(parents(x), parents(y)) for x in hits for y in hits) else hits
            if len(ok) < len(hits):
                if ok:
                    found[k] = ok
                else:
                    ekeys[i].remove(k)


def guard_keys(store, label: str, ents, ekeys: list[list[str]], found: dict) -> None:
    """What a shared key may not join: another body's acronym, zones of different places."""
    acronym_guard(store, label, ents, ekeys, found)
    place_guard(store, label, ents, ekeys, found)


def acronym_pairs(store, ids) -> list[tuple]:
    """(full, acronym) pairs: an acronym node and the one node of its label that the same document
    names with those initials ("IAE" for the Institute of Applied Ecology of the Chinese Academy
    of Sciences, "CFAST"); an acronym that fits two names of the document merges with neither."""
    out = []
    for i in sorted(ids):
        acr = store.get_entity(i)
        if acr is None or not is_acronym(acr.name):
            continue
        fitting = set()
        for d in store.documents_mentioning(acr.id, limit=20):
            for m in d.mentions:
                if m != acr.id and m.split(":", 1)[0] == acr.id.split(":", 1)[0]:
                    full = store.get_entity(m)
                    if full is not None and len(full.name.split()) > 1 and \
                            (initials(full.name).startswith(acr.name.upper()) or fits(acr.name, full.name)):
                        fitting.add(full.id)
        if len(fitting) == 1:
            out.append((store.get_entity(fitting.pop()), acr))
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
    from graph.shortforms import document_pairs

    gone = {o for _, o in done}
    for short, long_, score, docs, (x_name, y_name) in document_pairs(store, ids - gone, judged):
        x, y = store.get_entity(short.id), store.get_entity(long_.id)
        if x is None or y is None:
            continue
        survivor, other = sorted((x, y), key=lambda e: (-store.degree(e.id), -len(e.name), e.id))

        rule = (f"{x_name!r} / {y_name!r}: a shortened form used only where the full one is named "
                "(the same documents, no other entity of them it fits)")

        def by_docs(survivor=survivor, other=other, score=score, docs=docs, rule=rule):
            store.explain_merge(survivor, other, rule, score, [], docs)
            store._merge(survivor, other)

        store._atomically(by_docs)
        done.append((survivor.id, other.id))
    return done

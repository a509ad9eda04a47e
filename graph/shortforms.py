"""Shortened forms a document uses, merged on the evidence of the documents that use them.

An article names a body in full once and shortly after: "Shanghai Lingang Science and Innovation
Center" then "Lingang Innovation Center", "the 11th National People's Congress" then "the
National People's Congress", "Torch Center of the Ministry of Science and Technology" beside "the
Torch Center". The names alone do not say these are one entity ("Zhejiang University" is not
"Zhejiang University of Technology"), so ``form_score`` asks more of the form and
``document_pairs`` asks the documents:

* form: the shorter name's words in order inside the longer one, the same head word (the last
  word before any "of": a Center is not a Park); the longer one adds only places or a number in
  front ("Shanghai …", "11th …"), generic words inside ("… Science and Innovation Center"), the
  name of an entity of the same documents in front ("Science and Technology China Hulunbuir
  Innovation Base"), or "of" and a place or an entity of the same documents after; two names "X of
  P" and "X of Q" are one when P and Q are places and one names the other ("Lin-gang Special Area
  of Shanghai" / "… of the China (Shanghai) Pilot Free Trade Zone");
* the shorter name has a word that is neither generic nor a place, or, when it is named after a
  place, the longer one says first the place that place is in (Lingang is in Shanghai);
* numbers agree, or only the longer one has one (never two different numbered meetings);
* documents: the two share a document, every document naming one names the other, and in those
  documents the shorter form fits no other entity of its label (then it merges with neither).

>>> places, within = {"shanghai", "lingang", "zhejiang"}, {"lingang": {"shanghai"}}
>>> form_score("Lingang Innovation Center", "Shanghai Lingang Science and Innovation Center", places, within, set())
0.85
>>> form_score("National People's Congress", "11th National People's Congress", places, within, set())
0.85
>>> form_score("Torch Center", "Torch Center of the Ministry of Science and Technology", places, within,
...            {"ministry of science and technology"})
0.85
>>> form_score("CAST Annual Meeting", "22nd Annual Meeting of CAST", places, within, {"cast"})
0.85
>>> form_score("Zhejiang University", "Zhejiang University of Technology", places, within, set()) is None
True
>>> form_score("Zhejiang University", "Zhejiang Science and Technology University", places, within, set()) is None
True
>>> form_score("Peking University", "Peking University Science Park", places, within, set()) is None
True
>>> form_score("22nd Annual Meeting of CAST", "23rd Annual Meeting of CAST", places, within, {"cast"}) is None
True
"""
from __future__ import annotations

import bisect
import functools

from graph.ids import normalise
from graph.namewords import GENERIC, GLUE, LABELS, NUMBER, fullest

SCORE = 0.85
MAX_NAMES = 6  # names of one entity compared
MAX_DOCS = 50  # documents of one entity read
_LEGAL = {"co", "ltd", "company", "limited", "corporation", "corp", "inc", "llc", "plc"}


def _words(name: str) -> list[str]:
    return list(_words_of(name))


@functools.lru_cache(maxsize=1 << 16)
def _words_of(name: str) -> tuple[str, ...]:
    """The words of ``name`` (remembered: every pair of a document's names asks again)."""
    words = normalise(name).split()
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    return tuple(words)


def _split_of(words: list[str]) -> tuple[list[str], list[str]]:
    """(body, qualifier): "torch center of the ministry of …" is (torch center, ministry of …)."""
    if "of" not in words:
        return words, []
    i = words.index("of")
    qual = words[i + 1:]
    return words[:i], qual[1:] if qual[:1] == ["the"] else qual


def _embed(short: list[str], long_: list[str]) -> list[int] | None:
    """Positions of ``short``'s words in ``long_``, in order, the last word on the last word."""
    if not short or not long_ or short[-1] != long_[-1]:
        return None
    pos, j = [len(long_) - 1], len(long_) - 2
    for w in reversed(short[:-1]):
        while j >= 0 and long_[j] != w:
            j -= 1
        if j < 0:
            return None
        pos.append(j)
        j -= 1
    return pos[::-1]


def _generic(w: str, places: set[str]) -> bool:
    return w in GENERIC or w in GLUE or w in places or bool(NUMBER.search(w))


def _place_words(words: list[str], places: set[str]) -> bool:
    return bool(words) and all(w in places or w in GENERIC or w in GLUE for w in words) and \
        any(w in places for w in words)


def _body_fits(bs: list[str], bl: list[str], places: set[str], within: dict, names: set[str],
               place_names: set[str]) -> bool:
    pos = _embed(bs, bl)
    if pos is None:
        return False
    lead = bl[:pos[0]]
    inner = [bl[k] for k in range(pos[0], len(bl)) if k not in pos]
    if not all(_generic(w, places) for w in inner):
        return False
    if lead and " ".join(lead) not in names | place_names and not all(w in places or NUMBER.search(w) for w in lead):
        return False
    core = {w for w in bs if not _generic(w, places)}
    if core and max(map(len, core)) >= 3:
        return True
    own = {w for w in bs if w in places}  # named after a place: the longer form says where it is
    return bool(own and lead) and all(within.get(o, set()) & set(lead) for o in own)


def _quals_fit(qs: list[str], ql: list[str], places: set[str], place_names: set[str], names: set[str]) -> bool:
    def place(q):
        return " ".join(q) in place_names or _place_words(q, places)

    if qs and ql:
        return qs == ql or ((set(qs) <= set(ql) or set(ql) <= set(qs)) and place(qs) and place(ql))
    q = qs or ql
    return not q or place(q) or " ".join(q) in names


def form_score(a: str, b: str, places: set[str], within: dict, names: set[str],
               place_names: set[str] = frozenset()) -> float | None:
    """SCORE when ``a`` and ``b`` may be one entity's shortened and full form, given ``names``
    (normalised names of the entities the documents mention); None otherwise. ``within``: place
    word -> words of the places it is in; ``place_names``: normalised names of known places."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb or wa == wb:
        return None
    na, nb = set(NUMBER.findall(" ".join(wa))), set(NUMBER.findall(" ".join(wb)))
    if na and nb and na != nb:
        return None
    (ba, qa), (bb, qb) = _split_of(wa), _split_of(wb)
    forms = [(ba, qa, bb, qb)]
    if qa and not qb:  # "22nd Annual Meeting of CAST" is "CAST 22nd Annual Meeting"
        forms.append((qa + ba, [], bb, []))
    if qb and not qa:
        forms.append((ba, [], qb + bb, []))
    for x, qx, y, qy in forms:
        for (bs, qs), (bl, ql) in (((x, qx), (y, qy)), ((y, qy), (x, qx))):
            if len(bs) <= len(bl) and _body_fits(bs, bl, places, within, names, place_names) \
                    and _quals_fit(qs, ql, places, place_names, names):
                return SCORE
    return None


def _names(e) -> list[str]:
    out = [e.name, fullest(e), *sorted(a for a in e.aliases if a.isascii() and "," not in a)]
    return list(dict.fromkeys(out))[:MAX_NAMES]


def _hierarchy(store) -> tuple[set[str], dict[str, set[str]], set[str]]:
    """(words of place names, place word -> words of the province it is in, normalised names of
    every place). Place words come from short place names only ("Lingang", "Binhai New Area"):
    the words of "China (Shanghai) Pilot Free Trade Zone" are not places of their own."""
    words: set[str] = set()
    within: dict[str, set[str]] = {}
    names: set[str] = set()
    for e in store.iter_entities(("City", "Region")):
        own = {normalise(a) for a in e.aliases} | {normalise(e.name)}
        names |= own
        for n in own:
            proper = set(n.split()) - GENERIC - GLUE
            if len(proper) <= 2:
                words |= proper
        prov = e.properties.get("province")
        if prov:
            up = set(normalise(str(prov)).split()) - GENERIC
            for w in {w for n in own for w in n.split()} - GENERIC:
                within.setdefault(w, set()).update(up - {w})
    return words, within, names


def _head(name: str) -> str | None:
    """The word both names of a pair ``form_score`` joins end their bodies on (None: no such word):
    a pair whose names share none is no pair, without asking ``form_score``."""
    body, qual = _split_of(_words(name))
    return body[-1] if body else (qual[-1] if qual else None)


def _shapes(names: list[str]) -> list[tuple[frozenset, frozenset]]:
    """(words of the body, all words) of each name: what ``may_fit`` compares."""
    out = []
    for n in names:
        words = _words(n)
        out.append((frozenset(_split_of(words)[0]), frozenset(words)))
    return out


def may_fit(a: list[tuple[frozenset, frozenset]], b: list[tuple[frozenset, frozenset]]) -> bool:
    """False when ``form_score`` joins no name of ``a`` with one of ``b`` (``_shapes`` of both), for
    any ``names``: it embeds one name's body in the other's, so every word of one body is a word of
    the other name.

    >>> may_fit(_shapes(["Lingang Innovation Center"]), _shapes(["Shanghai Lingang Science and Innovation Center"]))
    True
    >>> may_fit(_shapes(["Amber Cobalt Institute"]), _shapes(["Basalt Dolomite Institute"]))
    False
    """
    return any(bx <= wy or by <= wx for bx, wx in a for by, wy in b)


def document_pairs(store, ids, judged=frozenset()) -> list[tuple]:
    """(shorter, longer, score, documents, (name, name)) of the entities touching ``ids`` that ``form_score``
    joins and whose documents agree (see the module's text); a pair a reviewer called different
    is left out."""
    ids = {i for i in ids if i.split(":", 1)[0].capitalize() in LABELS}
    if not ids:
        return []
    places, within, place_names = _hierarchy(store)
    docs_of: dict[str, set[str]] = {}
    cache: dict[str, object] = {}

    def ent(i):
        if i not in cache:
            cache[i] = store.get_entity(i)
        return cache[i]

    def docs(i):
        if i not in docs_of:
            docs_of[i] = {d.id for d in store.documents_mentioning(i, limit=MAX_DOCS)}
        return docs_of[i]

    # The entities are read in id order, each one's documents in order; a document's mentions are
    # known from its first reading on (``doc_names`` of a document not read yet is empty, and stays
    # so). A pair is looked at when it first comes up in that reading: found here from the smaller
    # entity's documents (the pair holds only if one's documents are all the other's), then looked
    # at in reading order, so that every name set is the one that reading gives
    order = [i for i in sorted(ids) if ent(i) is not None]
    rank = {i: n for n, i in enumerate(order)}
    lists: dict[str, list[str]] = {}
    read_at: dict[str, tuple[int, int]] = {}
    mentions: dict[str, set[str]] = {}
    of_label: dict[str, dict[str, list[str]]] = {}  # document -> label part of an id -> its mentions, sorted
    for n, i in enumerate(order):
        lists[i] = ids_i = []
        for p, d in enumerate(store.documents_mentioning(i, limit=MAX_DOCS)):
            ids_i.append(d.id)
            if d.id not in read_at:
                read_at[d.id] = (n, p)
                mentions[d.id] = set(d.mentions)
                by_label = of_label[d.id] = {}
                for m in sorted(d.mentions):
                    by_label.setdefault(m.split(":", 1)[0], []).append(m)
    prefixes = {i.split(":", 1)[0] for i in order}
    seen_as_other = {m for by_label in of_label.values() for p, ms in by_label.items() if p in prefixes for m in ms}

    def first(o, x):  # (position, place in the list) where ``x`` first comes up in ``o``'s reading
        px = x.split(":", 1)[0]
        for p, d in enumerate(lists[o]):
            if x in mentions[d]:
                ms = of_label[d].get(px, ())
                k = bisect.bisect_left(ms, x)
                if k < len(ms) and ms[k] == x:
                    return p, k
        return None

    heads: dict[str, set] = {}
    names_cache: dict[str, list[str]] = {}
    normalised: dict[str, frozenset] = {}

    def names_of_entity(e):  # ``_names`` of an entity, read once (nothing changes an entity here)
        if e.id not in names_cache:
            names_cache[e.id] = _names(e)
        return names_cache[e.id]

    def normalised_names(m):  # the normalised names of the entity ``m`` (none: no such entity)
        if m not in normalised:
            e = ent(m)
            normalised[m] = frozenset(normalise(n) for n in names_of_entity(e)) if e is not None else frozenset()
        return normalised[m]

    shapes: dict[str, list] = {}

    def shapes_of(e):
        if e.id not in shapes:
            shapes[e.id] = _shapes(names_of_entity(e))
        return shapes[e.id]

    def heads_of(e):
        if e.id not in heads:
            heads[e.id] = {_head(x) for x in names_of_entity(e)} - {None}
        return heads[e.id]
    # a pair ``form_score`` cannot join only reads its smaller entity's names, at its first pair: of
    # the pairs of each smaller entity, the first in reading order is kept; the pairs ``form_score``
    # may join (a head word in common) are all kept
    universe = sorted(seen_as_other | set(order))
    of_doc: dict[tuple[str, str], list[str]] = {}  # (document, label part) -> its entities, in id order
    of_head: dict[tuple[str, str, str], list[str]] = {}  # (document, label part, head word) -> same
    for m in universe:
        own = m.split(":", 1)[0]
        hs = heads_of(ent(m)) if ent(m) is not None else ()
        for d in docs(m):
            of_doc.setdefault((d, own), []).append(m)
            for h in hs:
                of_head.setdefault((d, own, h), []).append(m)
    # where every document an entity is read in mentions it (the reading's own invariant), the first
    # pair of an entity read is the first in id order that is read or comes after it: stop there
    exact = not judged and all(m in mentions[d] for m in universe for d in docs(m) if d in mentions)
    events, early = [], {}

    def pair_event(s, ds, t):  # the event of the pair (s, t) found from s; None: no such pair
        if t == s:
            return None
        dt = docs(t)
        if len(dt) < len(ds) or not ds <= dt or (len(dt) == len(ds) and t < s):
            return None
        ahead = rank.get(s, len(order)) <= rank.get(t, len(order))
        for o, x in ((s, t), (t, s)) if ahead else ((t, s), (s, t)):
            if o in rank:
                at = first(o, x)
                if at is not None:
                    event = (rank[o], *at, o, x)
                    break
        else:
            return None
        if ent(event[4]) is None or (judged and frozenset((s, t)) in judged):
            return None
        return event

    def keep_first(event):
        o, x = event[3], event[4]
        small = o if len(docs(o)) <= len(docs(x)) else x
        if small not in early or event < early[small]:
            early[small] = event

    for s in universe:
        ds = docs(s)
        if not ds:
            continue
        own = s.split(":", 1)[0]
        best = min(ds, key=lambda d: len(of_doc.get((d, own), ())))
        if ent(s) is not None:
            # a pair no name of which fits is left to the first-pair scan below (which sees every pair)
            mine = shapes_of(ent(s))
            near = sorted({t for h in heads_of(ent(s)) for t in of_head.get((best, own, h), ())})
            for t in near:
                if t == s or not may_fit(mine, shapes_of(ent(t))):
                    continue
                event = pair_event(s, ds, t)
                if event is not None:
                    events.append(event)
        fast = exact and s in rank
        for t in of_doc.get((best, own), ()):
            event = pair_event(s, ds, t)
            if event is None:
                continue
            keep_first(event)
            if fast and (t in rank or t > s):
                break
    events.extend(early.values())
    events.sort()
    named: dict[str, set[str]] = {}

    def doc_names(d, now):  # normalised names of the entities a document mentions (as read by ``now``)
        if d not in named:
            known = read_at.get(d, (len(order), 0)) <= now
            named[d] = set().union(*(normalised_names(m) for m in (mentions[d] if known else ())))
        return named[d]
    names_of: dict[str, list[set[str]]] = {}  # entity -> the names its documents mention (per document)
    joined: dict[str, set[str]] = {}  # entity -> those names in one set
    fits: dict[str, set[str]] = {}
    forms: dict[frozenset, tuple[str, str]] = {}
    seen: set[tuple[str, str]] = set()  # pairs looked at, smaller id first
    for n, p, _k, i, j in events:
        mine, theirs = docs(i), docs(j)
        small = i if len(mine) <= len(theirs) else j
        if not (mine <= theirs if small == i else theirs <= mine) or not docs_of[small]:
            continue
        key = (i, j) if i < j else (j, i)
        if key in seen:
            continue
        if judged and frozenset(key) in judged:
            continue
        seen.add(key)
        a, b = ent(i), ent(j)
        if b is None:
            continue
        parts = names_of.get(small)
        if parts is None:  # the documents' names as this reading gives them (joined when asked)
            parts = names_of[small] = [doc_names(x, (n, p)) for x in docs_of[small]]
        if not heads_of(a) & heads_of(b) or not may_fit(shapes_of(a), shapes_of(b)):
            continue  # no form of one ends on a word the other's does, or embeds: form_score joins none
        names = joined.get(small)
        if names is None:
            names = joined[small] = set().union(*parts)
        hit = next(((x, y) for x in names_of_entity(a) for y in names_of_entity(b)
                    if form_score(x, y, places, within, names, place_names)), None)
        if hit:
            fits.setdefault(i, set()).add(j)
            fits.setdefault(j, set()).add(i)
            forms[frozenset(key)] = hit
    out = []
    for i, others in sorted(fits.items()):
        j = next(iter(others))
        if len(others) != 1 or fits[j] != {i} or i > j:
            continue  # a form that fits two entities of those documents merges with neither
        short, long_ = sorted((ent(i), ent(j)), key=lambda e: (len(docs(e.id)), len(fullest(e)), e.id))
        out.append((short, long_, SCORE, sorted(docs(i) | docs(j)), forms[frozenset((i, j))]))
    return out

"""An in-memory trigram index of the embedded store's match keys, for the fuzzy stage of search.

Scoring every key with rapidfuzz grows with the graph (~0.5 s per query at 1M relations). The
index keeps the distinct keys once, with a bit mask of their labels, and a sorted array of
(trigram, key) pairs. A query takes the keys that share the most trigrams with it (Dice
coefficient on padded trigrams) — at most ``CANDIDATES`` — and only those are scored by
rapidfuzz. Small stores (at most ``SCAN_ALL`` keys) and queries shorter than three characters
score every key, exactly as a full scan does. Keys added by this process after the build are
kept in a side list that is always scored; keys deleted since are harmless (the store looks the
chosen keys up again).

>>> idx = KeyIndex([("jiaxing", "City"), ("jiaxing university", "Organisation"), ("hefei", "City")])
>>> idx.fuzzy("jiaxnig", ("City",), 10, scan_all=0)
['jiaxing']
>>> idx.add("jiaxin", "City")
>>> idx.fuzzy("jiaxnig", ("City", "Organisation"), 10, scan_all=0)
['jiaxing', 'jiaxing university', 'jiaxin']
"""
from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from graph.schema import ontology

SCAN_ALL = 20_000  # score every key up to this many (exact; ~25 ms)
CANDIDATES = 2_000  # keys scored by rapidfuzz per query above it
CUTOFF = 75


def _bits(labels) -> int:
    order = ontology().entity_labels
    return sum(1 << order.index(lab) for lab in labels if lab in order)


def _hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(hash, text index) of every padded trigram of ``texts`` (3 code points of 21 bits each)."""
    padded = [f" {t} " for t in texts]
    cp = np.frombuffer("\x00".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(cp) < 3:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    h = (cp[:-2] << np.uint64(42)) | (cp[1:-1] << np.uint64(21)) | cp[2:]
    lens = np.fromiter((len(p) + 1 for p in padded), dtype=np.int64, count=len(padded))
    owner = np.repeat(np.arange(len(padded), dtype=np.int64), lens)[: len(cp)]
    sep = cp == 0
    ok = ~(sep[:-2] | sep[1:-1] | sep[2:])
    return h[ok], owner[:-2][ok]


class KeyIndex:
    def __init__(self, rows, version=None):
        """``rows``: (key, label) pairs; ``version``: what the store reads to tell it is current."""
        self.version = version
        pos: dict[str, int] = {}
        masks: list[int] = []
        order = ontology().entity_labels
        for key, label in rows:
            i = pos.setdefault(key, len(pos))
            if i == len(masks):
                masks.append(0)
            if label in order:
                masks[i] |= 1 << order.index(label)
        self.keys = list(pos)
        self.mask = np.array(masks, dtype=np.uint32)
        h, k = _hashes(self.keys)
        o = np.lexsort((k, h))
        h, k = h[o], k[o]
        first = np.ones(len(h), dtype=bool)
        first[1:] = (h[1:] != h[:-1]) | (k[1:] != k[:-1])
        self.tri_h, self.tri_k = h[first], k[first].astype(np.int32)
        self.ntri = np.bincount(self.tri_k, minlength=len(self.keys))
        self.extra: dict[str, int] = {}  # keys written by this process since the build -> label bits

    def __len__(self) -> int:
        return len(self.keys) + len(self.extra)

    def add(self, key: str, label: str) -> None:
        self.extra[key] = self.extra.get(key, 0) | _bits((label,))

    def _candidates(self, qn: str, want: int, scan_all: int) -> list[str]:
        n = len(self.keys)
        allowed = (self.mask & np.uint32(want)) != 0
        if n <= scan_all or len(qn) < 3:
            return [self.keys[i] for i in np.flatnonzero(allowed)]
        qh = np.unique(_hashes([qn])[0])
        lo, hi = np.searchsorted(self.tri_h, qh, "left"), np.searchsorted(self.tri_h, qh, "right")
        post = [self.tri_k[a:b] for a, b in zip(lo, hi) if b > a]
        if not post:
            return []
        shared = np.bincount(np.concatenate(post), minlength=n)
        cand = np.flatnonzero((shared > 0) & allowed)
        if len(cand) > CANDIDATES:
            dice = shared[cand] / (len(qh) + self.ntri[cand])
            top = np.argpartition(-dice, CANDIDATES - 1)[:CANDIDATES]
            cand = np.sort(cand[top])
        return [self.keys[i] for i in cand]

    def fuzzy(self, qn: str, labels, limit: int, scan_all: int | None = None) -> list[str]:
        """Keys of ``labels`` whose rapidfuzz WRatio with ``qn`` is at least CUTOFF, best first
        (ties: older keys first), at most ``limit``."""
        want = _bits(labels)
        pool = self._candidates(qn, want, SCAN_ALL if scan_all is None else scan_all)
        pool += [k for k, bits in self.extra.items() if bits & want]
        hits = process.extract(qn, pool, scorer=fuzz.WRatio, limit=None, score_cutoff=CUTOFF)
        out = list(dict.fromkeys(k for k, _, _ in hits))
        return out[:limit]

"""Company names the head words do not type, made bodies by the place the sentence gives them (for
``innograph_entities``; the LOCATED_IN itself is read by the relation rules):

- "Hefei-based Guoxuan High-tech", "the Shenzhen-based Sunwoda": a capitalised name right after a
  place and "-based" (or another ``[chunk] place_cue_participles`` word: "Ningbo-headquartered");
- "Sunwoda, based in Shenzhen, ...", "Sunwoda is headquartered in Shenzhen", "Sunwoda, which is
  located in Shenzhen": a capitalised name before one of those participles and "in" a place;
- "Zoomlion, a construction machinery maker headquartered in Changsha", "Zoomlion, a Changsha-based
  machinery maker": a capitalised name before an appositive of a body's noun (``[constructions]``
  ``local_nouns``) that the participle or a place and "-based" qualifies.

A name the gazetteer knows as a whole keeps its own type; a run over a longer name's tokens, over a
person's, or of a nationality ("the Beijing-based Chinese company") is left alone.
"""
from __future__ import annotations

import numpy

from extract.components.unit_names import MAX_WORDS, _capital

MAX_MODIFIERS = 4  # "a construction machinery maker", "a leading new energy vehicle maker"
LEGAL = frozenset(("ltd", "limited", "inc", "co", "corp", "plc", "llc"))  # "X Co., Ltd.": the tail of a name, no name


class PlaceCueNames:
    """Organisation candidates from place cues, for one doc (see the module's docstring)."""

    def __init__(self, lex: dict, stop, surnames=frozenset()):
        c = lex.get("chunk", {})
        self.participles = set(c.get("place_cue_participles", ("based", "headquartered", "located", "situated")))
        self.body_nouns = set(lex.get("constructions", {}).get("local_nouns", ()))
        self.stop = set(stop)
        self.generic = set(c.get("generic", ()))
        self.surnames = surnames  # "Li, based in Beijing": a surname alone is a person
        self._ids = None  # the participles' string ids, made on the first doc

    def _run_after(self, doc, s, limit):
        """The end of a capitalised run from token s ("Guoxuan High-tech": a lower-case word written onto a
        hyphen goes on with it), else None."""
        e = s
        while e < limit and e - s < MAX_WORDS:
            t = doc[e]
            if _capital(t) and t.lower_ not in self.stop and not (e > s and t.is_sent_start):
                e += 1
            elif e > s and t.text in ("-", "–") and not doc[e - 1].whitespace_ and e + 1 < limit and not t.whitespace_ \
                    and doc[e + 1].is_alpha:
                e += 2  # "High-tech", "Hi-Tech"
            elif e > s and t.text == "&" and e + 1 < limit and _capital(doc[e + 1]):
                e += 1
            else:
                break
        return e if e > s else None

    def _run_before(self, doc, e, start):
        """The start of the capitalised run ending at token e (exclusive), from the sentence's start or
        after a lower-case word, a comma or "the"; else None."""
        s = e
        while s - 1 >= start and e - (s - 1) <= MAX_WORDS:
            t = doc[s - 1]
            if _capital(t) and t.lower_ not in self.stop:
                s -= 1
            elif t.is_alpha and t.is_lower and s - 2 >= start and doc[s - 2].text in ("-", "–") and not doc[s - 2].whitespace_:
                s -= 2  # "Guoxuan High-tech"
            elif t.text == "&" and s - 2 >= start:
                s -= 1
            else:
                break
        if s == e or not _capital(doc[s]) or doc[s].lower_.rstrip(".") in LEGAL:
            return None
        if s - 1 >= start and (_capital(doc[s - 1]) and doc[s - 1].lower_ not in self.stop):
            return None  # longer than a name
        return s

    def __call__(self, doc, gaz_spans, named, person_tokens, pinyin_tokens) -> list[tuple]:
        """(start, end, "Organisation", props, priority) for the names above; ``gaz_spans`` the spans the
        gazetteer knows ({(s, e): info}), ``named`` the tokens already in a body's or a project's name,
        ``person_tokens`` those the model reads as people (no one is "headquartered" or "X-based": those
        cues override it), ``pinyin_tokens`` those of pinyin names."""
        if self._ids is None:
            self._ids = numpy.array(sorted(doc.vocab.strings.add(w) for w in self.participles), dtype="uint64")
        hits = numpy.nonzero(numpy.isin(doc.to_array("LOWER"), self._ids))[0].tolist()  # the participles only
        if not hits:
            return []
        place_ends = {e: s for (s, e), i in gaz_spans.items() if i.get("label") in ("City", "Region")}
        place_starts = {s for (s, e), i in gaz_spans.items() if i.get("label") in ("City", "Region")}
        gaz_tokens = {x for (a, b) in gaz_spans for x in range(a, b)}
        out = []

        def free(s, e, strong=False):
            if (s, e) in gaz_spans or any(k in named or k in pinyin_tokens or (k in person_tokens and not strong) for k in range(s, e)):
                return False
            if doc[s].ent_type_ in ("NORP", "DATE", "CARDINAL", "ORDINAL", "MONEY", "PERCENT") or doc[s].pos_ == "ADJ":
                return False  # "the Beijing-based Chinese company"
            if e - s == 1 and not (doc[s].pos_ == "PROPN" or doc[s].is_sent_start and doc[s].tag_ == "NN"):
                return False  # one word: a proper noun (or a singular noun opening a sentence: "Zoomlion, a ... maker")
            if e - s == 1 and (doc[s].lower_ in self.body_nouns or doc[s].lower_ in self.generic or doc[s].lower_ in self.surnames):
                return False
            return not all(k in gaz_tokens for k in range(s, e))  # a place, not a body

        n = len(doc)
        for i in hits:
            t = doc[i]
            low = t.lower_
            sent = t.sent
            # "Hefei-based X": a place, a hyphen written onto it, the participle
            if i - 2 >= sent.start and doc[i - 1].text in ("-", "–") and not doc[i - 2].whitespace_ and (i - 1) in place_ends:
                k = i + 1
                e = self._run_after(doc, k, sent.end) if k < sent.end else None
                # the cue overrides the model's person reading of a word ("Hefei-based Guoxuan High-tech"), not
                # of a whole name of two or more words ("Hangzhou-based Jack Ma" is a person)
                strong = e is not None and (e - k == 1 or not all(doc[x].ent_type_ == "PERSON" for x in range(k, e)))
                if e is not None and free(k, e, strong) and doc[k].lower_ not in self.body_nouns:
                    out.append((k, e, "Organisation", {"kind": "enterprise"}, 3))
                # "X, a Changsha-based machinery maker"
                s_ = place_ends[i - 1]
                self._appositive(doc, s_, i, sent, free, out)
                continue
            # "X, based in Y", "X is headquartered in Y", "X, which is located in Y"
            if i + 1 >= sent.end or doc[i + 1].lower_ not in ("in", "at") or (i + 2) not in place_starts \
                    and not (i + 3 < n and doc[i + 2].lower_ == "the" and (i + 3) in place_starts):
                continue
            j = i
            while j - 1 > sent.start and doc[j - 1].lower_ in ("is", "was", "are", "were", "which", "that", "also", "now", "still", "been", "has", "have"):
                j -= 1
            if j - 1 >= sent.start and doc[j - 1].text == ",":
                e = j - 1
            elif j < i and doc[j].lower_ in ("is", "was", "are", "were", "has", "have"):
                e = j
            else:
                self._appositive(doc, i, i, sent, free, out)
                continue
            s = self._run_before(doc, e, sent.start)
            if s is not None and free(s, e, low == "headquartered"):
                out.append((s, e, "Organisation", {"kind": "enterprise"}, 3))
        return out

    def _appositive(self, doc, first, i, sent, free, out):
        """", a (construction machinery) maker headquartered in Y" / ", a Y-based maker": the name
        before the comma. ``first`` is the first token of the qualifying words, ``i`` the participle."""
        if first == i:  # "maker headquartered in": the noun right before the participle
            noun = i - 1
            if noun < sent.start or doc[noun].lower_ not in self.body_nouns:
                return
            j = noun - 1
        else:  # "a Changsha-based (machinery) maker": the noun after the participle
            noun = i + 1
            while noun < sent.end and noun - i <= MAX_MODIFIERS and doc[noun].is_lower and doc[noun].lower_ not in self.body_nouns:
                noun += 1
            if noun >= sent.end or doc[noun].lower_ not in self.body_nouns:
                return
            j = first - 1
        while j >= sent.start and (first != i or noun - j <= MAX_MODIFIERS) and doc[j].is_lower and doc[j].is_alpha \
                and doc[j].lower_ not in ("a", "an", "the"):
            j -= 1
        if j - 1 < sent.start or doc[j].lower_ not in ("a", "an", "the") or doc[j - 1].text != ",":
            return
        s = self._run_before(doc, j - 1, sent.start)
        if s is not None and free(s, j - 1):
            out.append((s, j - 1, "Organisation", {"kind": "enterprise"}, 3))

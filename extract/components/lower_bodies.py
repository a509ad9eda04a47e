"""Bodies and events named in lower case, for ``innograph_entities``.

English news about China often names a body or an event in lower case: "the municipal science and
technology bureau", "the provincial association for science and technology", "the city's science and
technology association", "the district market supervision bureau", "the county party committee", "the
science and technology innovation week of Jiaxing", "the 2021 science and technology activity week".

- A body: "the" (or "a", "its", an edition), lower-case nouns or adjectives ("science and technology" one
  phrase, a hyphened word one word), maybe a place or a possessive place before them ("the city's",
  "Jiaxing's"), and a body's head ([lower_names] body_heads), with maybe "of" / "for" a field ("for science
  and technology") or a place ("of Yuhang") after it.
- An event or a programme: the same with an event's or a programme's head ([lower_names] event_heads,
  programme_heads: "the provincial key research and development programme"), and a place in it or after "of"
  ("the science and technology innovation week of Jiaxing") or a field word ("the 2021 science and
  technology activity week": an edition right after "the" is part of an event's name).

Only a specific phrase is a name: one with a level word ("municipal", "county": [lower_names] level_words),
a field word ("science", "sci-tech"), a place, or a possessive place; three words at least, never a bare
generic ("the association", "the meeting") nor a body anaphor ("the municipal government": coref keys it
to the body named before), nor a phrase whose words all lie in an earlier name of the doc (it stands for
that name). The places inside stay entities of their own (nested, named); a place after "of" at the end
of the name gives the name's LOCATED_IN (extract.rules.surface, nested-place).

Not a component itself: :func:`lower_names` is asked by :class:`~extract.components.entities.EntityRecognizer`.
"""
from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extract.components.coref import BODY_ANAPHORS

_PLACE = ("City", "Region")
_DETS = ("the", "its", "their", "this")  # definite only: "an all-new technology institute" describes, names nothing
_POSS = ("'s", "’s")


class LowerNames:
    """The [lower_names] word lists of the lexicon and the matcher of their heads."""

    def __init__(self, lex: dict, fixed_pairs, is_edition):
        cfg = lex.get("lower_names", {})
        self.body_heads = {w: lex.get("organisation_heads", {}).get(w, "other") for w in cfg.get("body_heads", ())}
        self.event_heads = {w: "event" for w in cfg.get("event_heads", ())}
        self.event_heads.update({w: lex.get("project_heads", {}).get(w, "programme") for w in cfg.get("programme_heads", ())})
        self.of_heads = set(cfg.get("of_heads", ()))  # "the state key laboratory of silicon materials"
        self.level_words = set(cfg.get("level_words", ()))
        self.field_words = set(cfg.get("field_words", ()))
        self.place_nouns = set(cfg.get("place_nouns", ()))  # "the city's": a possessive place noun
        self.pair_prefixes = set(cfg.get("pair_prefixes", ()))  # "Sino-German": a pair of countries
        self.venue_heads = set(cfg.get("venue_heads", ()))  # "the Hangzhou exhibition center": a place alone makes no body
        self.stop_words = set(cfg.get("stop_words", ()))
        self.max_words = int(cfg.get("max_words", 6))
        self.min_tokens = int(cfg.get("min_tokens", 3))
        self.generic = set(lex.get("chunk", {}).get("generic", ())) | set(BODY_ANAPHORS)
        self.fixed_pairs = fixed_pairs
        self.is_edition = is_edition
        self._matchers: dict[int, PhraseMatcher] = {}

    def _heads(self, doc) -> list[int]:
        m = self._matchers.get(id(doc.vocab))
        if m is None:
            m = PhraseMatcher(doc.vocab, attr="LOWER")
            m.add("HEAD", [Doc(doc.vocab, words=[w]) for w in sorted(set(self.body_heads) | set(self.event_heads))])
            self._matchers[id(doc.vocab)] = m
        return sorted(s for _, s, _ in m(doc) if doc[s].is_lower)

    def _word(self, t) -> bool:
        return t.is_lower and t.is_alpha and t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") \
            and t.tag_ not in ("VBD", "VBZ", "VBP") and not t.is_stop and t.lower_ not in self.stop_words

    def _left(self, doc, j: int, place_end: dict) -> tuple[int, list]:
        """(start, the places inside) of the words before the head at j."""
        k, words, places = j, 0, []
        while k - 1 >= 0 and words < self.max_words:
            t = doc[k - 1]
            if k - 3 >= 0 and t.is_alpha and doc[k - 2].text in ("-", "–") and not doc[k - 2].whitespace_ \
                    and not doc[k - 3].whitespace_ and doc[k - 3].is_lower:
                k, words = k - 3, words + 1  # "sci-tech"
                continue
            if k - 3 >= 0 and t.is_alpha and doc[k - 2].text in ("-", "–") and not doc[k - 2].whitespace_ \
                    and not doc[k - 3].whitespace_ and doc[k - 3].lower_ in self.pair_prefixes:
                places.append(None)  # "the Sino-German science and technology innovation forum": two countries'
                k -= 3
                break
            if t.lower_ in ("and", "&") and k - 2 >= 0 and (doc[k - 2].lower_, doc[k].lower_) in self.fixed_pairs:
                k -= 1
                continue
            p = place_end.get(k)
            if p is not None:  # "Jiaxing science and technology week", "Jiaxing's science and technology bureau"
                places.append(p)
                k = p["s"]
                break
            if t.lower_ in _POSS and k - 2 >= 0 and doc[k - 2].lower_ == "people" and doc[k - 2].is_lower:
                k, words = k - 2, words + 1  # "the municipal people's congress standing committee"
                continue
            if t.lower_ in _POSS and k - 2 >= 0:
                p = place_end.get(k - 1)
                if p is not None:
                    places.append(p)
                    k = p["s"]
                    break
                if doc[k - 2].lower_ in self.place_nouns:  # "the city's"
                    k -= 2
                    places.append(None)
                    break
                break
            if not self._word(t):
                break
            k -= 1
            words += 1
        return k, places

    def _right(self, doc, e: int, place_start: dict) -> tuple[int, dict | None]:
        """(end, the place after "of") of "of Jiaxing", "for science and technology" after the head."""
        if e + 1 >= len(doc) or doc[e].lower_ not in ("of", "for"):
            return e, None
        r = e + 1 + (doc[e + 1].lower_ == "the")
        p = place_start.get(r)
        if p is not None and doc[e].lower_ == "of":
            end = p["e"] + (p["e"] < len(doc) and doc[p["e"]].lower_ in self.place_nouns)  # "of Jiaxing city"
            if end < len(doc) and doc[end].is_lower and doc[end].pos_ == "NOUN":
                return e, None  # "of the Yangtze River Delta area": the place is no end of the name
            return end, p
        if r > e + 1:
            return e, None  # "the municipal bureau of the ...": no lower-case complement of the name
        k = r
        while k < len(doc) and k - r < 4 and (self._word(doc[k]) or doc[k].lower_ in ("and", "&") and k > r
                                               and k + 1 < len(doc) and (doc[k - 1].lower_, doc[k + 1].lower_) in self.fixed_pairs):
            k += 1
        if k > r and doc[k - 1].pos_ == "NOUN" and (k >= len(doc) or not doc[k].text[:1].isupper()) \
                and (doc[e - 1].lower_ in self.of_heads or doc[e].lower_ == "for" or any(doc[x].lower_ in self.field_words for x in range(r, k))):
            return k, None  # "for science and technology", "for advanced materials", "laboratory of silicon materials"
        return e, None

    def _extend(self, doc, m: dict, place_start: dict) -> None:
        """'the talent innovation forum of Jiaxing': a lower-case event's name another reader made goes on
        with "of" and a place."""
        e, after = self._right(doc, m["e"], place_start)
        if after is None:
            return
        span = doc[m["s"]:e]
        m.update(e=e, text=span.text, end_char=span.end_char)
        after["nested"], after["host"], after["named"] = True, [m["s"], e], True

    def __call__(self, doc, mentions: list[dict]) -> list[dict]:
        """The mentions with the lower-case bodies and events of doc added."""
        if not self.body_heads and not self.event_heads:
            return mentions
        top = [m for m in mentions if not m.get("nested")]
        taken = {k: m for m in top for k in range(m["s"], m["e"])}
        place_end = {m["e"]: m for m in top if m["label"] in _PLACE}
        place_start = {m["s"]: m for m in top if m["label"] in _PLACE}
        added = []
        for j in self._heads(doc):
            low = doc[j].lower_
            if j in taken and taken[j]["e"] == j + 1 and taken[j]["label"] == "Project" and doc[taken[j]["s"]].is_lower \
                    and taken[j]["props"].get("kind") == "event" and taken[j] in top:
                self._extend(doc, taken[j], place_start)
                continue
            if j in taken or j + 1 < len(doc) and doc[j + 1].is_lower and doc[j + 1].pos_ in ("NOUN", "PROPN"):
                continue  # "the bureau chief", "the week-long": no name ends here
            k, places = self._left(doc, j, place_end)
            e, after = self._right(doc, j + 1, place_start)
            s = k
            while s < j and doc[s].lower_ in self.stop_words:
                s += 1
            lead = bool(places and places[0] and places[0]["s"] == s)  # "Jiaxing's science and technology bureau"
            if not lead and (s == 0 or not (doc[s - 1].lower_ in _DETS or self.is_edition(doc[s - 1]))):
                continue
            if s > 0 and self.is_edition(doc[s - 1]) and s - 2 >= 0 and doc[s - 2].lower_ in _DETS and low in self.event_heads:
                s -= 1  # "the 2021 science and technology activity week": the edition is part of the event's name
            inner = [places[0]] if places and places[0] else []
            if after is not None:
                inner.append(after)
            if any(x in taken and taken[x] not in inner for x in range(s, e)):
                continue
            words = [t.lower_ for t in doc[s:e] if t.is_alpha]
            if e - s < self.min_tokens or " ".join(words) in self.generic:
                continue
            fields = any(w in self.field_words for w in words)
            levels = any(w in self.level_words for w in words)
            if lead and doc[s - 1].lower_ not in _DETS and not (fields or levels):
                continue  # "held in Hangzhou exhibition center": a place-led name with no article needs a level or field
            if low in self.body_heads:
                # the body's own words (not its place's) say which body: "the management committee of the X
                # Zone" is the zone's committee, read as the zone (a title's organisation), "the district
                # market supervision bureau of Yuhang" a body of its own
                own = [t.lower_ for t in doc[s:e] if t.is_alpha and not any(p["s"] <= t.i < p["e"] for p in inner)]
                if after is not None and not any(w in self.field_words or w in self.level_words for w in own):
                    continue
                if not (fields or levels or (inner or places) and low not in self.venue_heads):
                    continue  # "the Hangzhou exhibition center": a venue, no body
                label, props = "Organisation", {"kind": self.body_heads[low]}
            else:
                level = self.event_heads[low] != "event" and levels
                if not (inner or places or fields or level):  # a programme may go by its level alone
                    continue
                label, props = "Project", {"kind": self.event_heads[low]}
            if self._named_before(doc, top, s, e, inner):
                continue
            span = doc[s:e]
            added.append({"s": s, "e": e, "label": label, "props": props, "prio": 3, "text": span.text,
                          "start_char": span.start_char, "end_char": span.end_char})
            for p in inner:
                p["nested"], p["host"], p["named"] = True, [s, e], True
            for x in range(s, e):
                taken[x] = added[-1]
        if not added:
            return mentions
        return sorted(mentions + added, key=lambda m: (m["s"], -m["e"]))

    @staticmethod
    def _named_before(doc, top, s, e, inner) -> bool:
        """Do the words of doc[s:e] (its places aside) all lie in a name met before it (an anaphor of it)?"""
        own = {t.lower_ for t in doc[s:e] if t.is_alpha and not any(p["s"] <= t.i < p["e"] for p in inner)}
        for m in top:
            if m["e"] > s or m["label"] not in ("Organisation", "Project") or m["e"] - m["s"] < 2:
                continue
            if own <= {t.lower_ for t in doc[m["s"]:m["e"]]}:
                return True
        return False

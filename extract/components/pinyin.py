"""Pinyin names of people: "Gu Haidong" (surname first) and "Haidong Gu" (given name first) are a person,
even where the given name is also a place the gazetteer knows (the city Haidong). Used by
:mod:`extract.components.entities` as Person candidates that win over the gazetteer."""
from __future__ import annotations


class PinyinPeople:
    """Person candidates ``(start, end, "Person", {}, 4)`` of pinyin names in a doc."""

    def __init__(self, names, surnames, title_words, honorifics=(), verbs=()):
        self.names = names
        self.surnames = surnames
        self.title_words = title_words
        self.honorifics = set(honorifics)  # "Dr.", "Mr.": a name follows
        self.verbs = set(verbs)  # "Gu Haidong Meets Delegation": a headline's capitalised verb ends the name

    def __call__(self, doc, gaz_tokens, gaz_starts) -> list[tuple]:
        """"Surname Given" (or "SURNAME Given", "Surname Gi-ven") not inside a longer name and not a
        known place of two words ("Hong Kong"): Person candidates."""
        out = []
        heads, title_words = self.names.heads, self.title_words
        for i in range(len(doc) - 1):
            if not self._pair(doc, i, gaz_tokens):
                continue
            if gaz_starts.get(i, i) >= i + 2:
                continue
            # inside a longer known name: "Guangdong-Hong Kong-Macao Greater Bay Area"
            if any(gs <= i and i + 2 <= ge and ge - gs > 2 for gs, ge in gaz_starts.items()):
                continue
            if i > 0 and self.names.namey(doc[i - 1]) and doc[i - 1].lower_ not in title_words and doc[i - 1].is_alpha \
                    and not doc[i - 1].is_sent_start and self.title_of_body(doc, i) is None:
                continue
            nxt = doc[i + 2] if i + 2 < len(doc) else None
            if nxt is not None and (nxt.lower_ in heads or (nxt.text[:1].isupper() and nxt.is_alpha and nxt.lower_ not in title_words
                                                            and nxt.lower_ not in self.verbs)):
                continue
            out.append((i, i + 2, "Person", {}, 4))
        return out + self.given_first(doc, gaz_tokens, gaz_starts)

    def _pair(self, doc, i, gaz_tokens) -> bool:
        """Are tokens i, i + 1 a pinyin surname and a capitalised given name ("Liu Wei", "Liu Huai'an")?"""
        sur, giv = doc[i], doc[i + 1]
        if sur.text.lower() not in self.surnames or not sur.text[:1].isupper() or not giv.text[:1].isupper():
            return False
        g = giv.text.replace("-", "").replace("'", "").replace("’", "")  # "Huai'an": a syllable mark
        if not g.isalpha() or not g[1:].islower() or len(g) < 2 or len(g) > 12 or giv.lower_ in self.names.heads \
                or giv.lower_ in self.title_words or giv.lower_ in self.names.stop_initial or giv.is_stop:
            return False
        return giv.pos_ == "PROPN" or giv.i in gaz_tokens

    def title_of_body(self, doc, i) -> int | None:
        """"Vice Governor of Hunan Zhao Gang", "President of the Chinese Academy of Sciences Liu Wei": a
        pinyin name at i right after "Title of BODY" (Chinese-government English style) -> the body's
        first token, else None. The body is a capitalised run (with its own "of", "and", "the", "'s") after an
        "of" that a title word comes right before; a comma or a sentence start ends the search."""
        k = i - 1
        while k > 0 and i - k <= 14 and not doc[k].is_sent_start:
            t = doc[k]
            b = k + 1 + (doc[k + 1].lower_ == "the")
            if t.lower_ == "of" and doc[k - 1].lower_ in self.title_words and doc[k - 1].lower_ not in self.names.heads:
                return b if b < i and self.names.namey(doc[b]) else None
            if not (self.names.namey(t) or t.lower_ in ("of", "the", "for", "and", "&", "'s", "’s")):
                return None
            k -= 1
        return None

    def given_first(self, doc, gaz_tokens, gaz_starts) -> list[tuple]:
        """"Haidong Gu, a professor at X", "Dr. Haidong Gu of X": a given name that is also a place, then a
        surname, then a comma or a verb, or after an honorific or a title (a name in Western order, not the
        city Haidong): Person candidates."""
        out = []
        for i in range(len(doc) - 2):
            giv, sur, nxt = doc[i], doc[i + 1], doc[i + 2]
            if i not in gaz_tokens or gaz_starts.get(i, i + 1) != i + 1 or i + 1 in gaz_tokens:
                continue  # the given name is a one-word place; the surname is none
            if sur.text.lower() not in self.surnames or not sur.text[:1].isupper() or not sur.text[1:].islower() \
                    or sur.is_stop or sur.is_sent_start or not giv.text[:1].isupper() or not giv.text[1:].islower():
                continue
            # "Dr. Haidong Gu of X": after an honorific or a title a name follows, whatever comes next
            titled = i > 0 and (doc[i - 1].lower_ in self.honorifics or doc[i - 1].lower_ in self.title_words)
            if not (nxt.text == "," or nxt.pos_ in ("VERB", "AUX") or titled):
                continue
            if titled:
                out.append((i, i + 2, "Person", {}, 4))
                continue
            if i > 0 and (self.names.namey(doc[i - 1]) and doc[i - 1].is_alpha and not doc[i - 1].is_sent_start
                          or doc[i - 1].lower_ in ("in", "at", "from", "of", "to")):
                continue  # "in Haidong Gu ...": a place after a preposition
            out.append((i, i + 2, "Person", {}, 4))
        return out

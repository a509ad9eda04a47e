"""Long capitalised names kept whole by :class:`extract.components.name_chunks.NameChunker` (issue #13):
the joins inside a name of seven words or more that the chunker's general rules would cut.

- a subject after "in" or "on" ("Fair for Trade in Services", "Joint Laboratory on Green Hydrogen
  Production and Storage Technology");
- "and" before a bare event head ("the China (Wuhan) International Optoelectronics Expo and Forum") or
  before a lone field word after of/for ("Base for Intelligent Equipment and Robotics"): no second name;
- a title word that is part of a facility's name ("Academician Expert Workstation of X Co., Ltd.",
  "Jiangsu Province Academician and Expert Workstation").

Two names joined by "and" stay two ("Zhejiang University and Westlake Institute for Advanced Study"),
and so does a name and a place after it (the chunker's own rules).  Word lists: lexicon ``[long_names]``.
"""
from __future__ import annotations

from extract.components.event_places import on_subject
from extract.components.shared import ORDINAL, is_acronym

_NOT_SUBJECT = ("GPE", "LOC", "DATE", "TIME", "PERSON")


class LongNames:
    """The lexicon's ``[long_names]`` word lists and the tests that use them."""

    def __init__(self, lex: dict):
        sec = lex.get("long_names", {})
        self.on_heads = set(sec.get("on_heads", ()))
        self.name_titles = set(sec.get("name_titles", ()))
        self.title_facilities = set(sec.get("title_facilities", ()))
        self.hyphen_ed = set(sec.get("hyphen_ed", ()))
        self.branch_words = set(sec.get("branch_words", ()))

    # -- joins inside a run ------------------------------------------------------------------
    def subject_on(self, chunker, doc, j) -> bool:
        """Does "on" at j join a body's subject to its name ("Joint Laboratory on Green Hydrogen",
        "Working Committee on Science Popularization")? Never before a place, a date or a person."""
        if not on_subject(doc, j, self.on_heads, chunker.stop_initial):
            return False
        k = j + 2 if doc[j + 1].lower_ == "the" else j + 1
        if k >= len(doc) or not chunker.namey(doc[k]) or doc[k].ent_type_ in _NOT_SUBJECT:
            return False
        # "Alibaba Group on Weibo said": a one-word platform or product the model names is no subject
        one_word = doc[k].ent_type_ in ("ORG", "PRODUCT") and (k + 1 >= len(doc) or doc[k + 1].ent_iob_ != "I")
        return not one_word

    @staticmethod
    def subject_in(chunker, doc, s, j, person_tokens, places) -> bool:
        """Does "in" at j join a subject to the name doc[s:j] ("X Fair for Trade in Services")?"""
        k = j + 1
        if k >= len(doc) or not chunker.namey(doc[k]) or doc[k].like_num or k in person_tokens or k in places \
                or doc[k].lower_ in chunker.stop_initial or ORDINAL.match(doc[k].text):
            return False
        of = next((x for x in range(s + 1, j - 1) if doc[x].lower_ in ("of", "for")), None)
        return of is not None and doc[of - 1].lower_ in chunker.heads and doc[of - 1].lower_ not in chunker.place_heads \
            and chunker.namey(doc[j - 1]) and doc[k].ent_type_ not in ("GPE", "LOC", "DATE")

    def hyphen_word(self, low: str) -> bool:
        """Is ``low``, after a hyphen, a participle that cuts a name ("CAST-initiated"), not a part of it
        ("Small and Medium-sized Enterprises")?"""
        return (low.endswith("ed") and low not in self.hyphen_ed) or low in ("led", "run", "built", "owned", "made")

    # -- titles --------------------------------------------------------------------------------
    def title_in_name(self, chunker, doc, i) -> bool:
        """Is the title word at i part of a facility's name ("Academician Expert Workstation",
        "Academician and Expert Workstation of X")? The capitalised run after it (over one "and") ends in
        a facility word."""
        if doc[i].lower_ not in self.name_titles or not doc[i].text[:1].isupper():
            return False
        k = i + 1
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1
        start = k
        while k < len(doc) and chunker.namey(doc[k]) and not doc[k].is_sent_start:
            k += 1
        return k > start and doc[k - 1].lower_ in self.title_facilities

    # -- "and" ---------------------------------------------------------------------------------
    def keeps_and(self, chunker, doc, start, k, e, gaz_starts) -> bool:
        """Is the "and" at k inside one name doc[start:e], not between two names?

        - "X Expo and Forum", "X Expo and Summit Forum": after an event's head, only event heads follow
          (one or two words, to the end or to of/on);
        - "X Base for Intelligent Equipment and Robotics": after a name with of/for, one head word alone
          or a trade ("... for Integrated Circuits and Semiconductor Equipment"; a company would be
          "Y Robotics", a known name or a place starts a name of its own), to the end or to the next of/for."""
        r = k + 1
        if r >= e or k - start < 2 or not chunker.namey(doc[r]):
            return False
        rend = next((m for m in range(r, e) if doc[m].lower_ in ("and", "&", ",", "of", "for", "on")), e)
        right = [t.lower_ for t in doc[r:rend]]
        if doc[k - 1].lower_ in chunker.event_heads and 1 <= len(right) <= 2 \
                and all(w in chunker.event_heads for w in right):
            return chunker.head_type(doc, start, k)[:2] == ("Project", "event")
        # "Joint Laboratory on Green Hydrogen Production and Storage Technology": an "on" subject goes on over
        # "and" up to the end of the name when no head of a body follows
        # (also after an event's head: "International Symposium on Advanced Materials and Green Manufacturing")
        if rend == e and r not in gaz_starts and any(doc[x].lower_ == "on" and (self.subject_on(chunker, doc, x) or on_subject(
                doc, x, chunker.event_heads, chunker.stop_initial)) for x in range(start + 1, k - 1)):
            return not any(w in chunker.heads and w not in chunker.trade_words for w in right)
        # a field or a trade after of/for, no body's head nor a known name of its own ("Semiconductor Equipment");
        # a head with an of/for part of its own starts a name ("USTC and Institute of Physics")
        if not 1 <= len(right) <= 3 or (rend < e and doc[rend].lower_ in ("of", "for", "on")) or r in gaz_starts or any(is_acronym(t.text) for t in doc[r:rend]) \
                or any(w in chunker.place_heads or (w in chunker.heads and w not in chunker.trade_words) for w in right[:-1]):
            return False
        last_ok = right[-1] in chunker.trade_words or (len(right) == 1 and right[-1] in chunker.heads)
        return last_ok and all(t.text[1:].islower() for t in doc[r:rend]) \
            and any(doc[x].lower_ in ("of", "for") for x in range(start + 1, k - 1)) \
            and chunker.head_type(doc, start, k)[0] is not None

    @staticmethod
    def company_after_and(chunker, doc, r, e, gaz_starts) -> bool:
        """'the Ningbo Center for Advanced Materials and Jiaxing Sunshine Technology': after "and", a place and
        capitalised words that end in a trade or a company's head, to the end of the run, is a company of its
        own, not a field of the name before."""
        g = gaz_starts.get(r)
        if g is None or e - g < 2 or any(doc[x].lower_ in ("of", "for", "and", "&") for x in range(r, e)):
            return False
        last = doc[e - 1].lower_
        return all(chunker.namey(doc[x]) for x in range(g, e)) \
            and (last in chunker.trade_words or chunker.org_heads.get(last.rstrip(".")) == "enterprise")

    def branch_parent(self, chunker, doc, m, k, nested) -> tuple[int, int, str] | None:
        """'Industrial and Commercial Bank of China Jiaxing Branch', 'China Council for the Promotion of
        International Trade Jiaxing Sub-council': the part after the "of" at k runs on into a place and a
        branch word, so the body the branch is part of is the name up to the place (start, end, kind), not
        the words after "of" ("China Jiaxing Branch"); else None."""
        s, e = m["s"], m["e"]
        if doc[e - 1].lower_ not in self.branch_words:
            return None
        place = next((n for n in nested if n["host"] == [s, e] and n["label"] in ("City", "Region")
                      and k + 1 < n["s"] and e - 3 <= n["e"] < e), None)
        if place is None:
            return None
        label, kind, _, start = chunker.head_type(doc, s, place["s"])
        return (s, place["s"], kind) if label == "Organisation" and start == s else None

"""Which body an office written after a person's name is held at (a part of
:class:`extract.rules.positions.PositionRules`, which sets the lexicon words these read: ``titles``,
``place_units``, ``sub_body_words``, ``unit_nouns``, ``based_words``).

"vice minister of science and technology" (the Ministry named in the sentence), "the Xiangtan branch of
Y" (Y), "academician of CAS and CAE" (both), "the Board of Directors of Y" (Y), "a researcher with Y",
"head of R&D at Y", "director of the publicity department of Y" (Y), "the Y-based company X" (X),
"at A's B Academy" (B).
"""
from __future__ import annotations

from extract.rules.common import ACTOR


class OfficeBodies:
    """The body after an office's "of" / "at" / "with": lower-case units and sub-bodies, places of a body."""

    BODY = ACTOR  # the labels of a body an office is held at

    @staticmethod
    def _ministry_of(doc, k, limit, top):
        """"X, vice minister of science and technology": the ministry named in the sentence as "the
        Ministry of" the same words (the minister's field is written in lower case)."""
        j = k
        while j < limit and doc[j].is_alpha and doc[j].text[:1].islower():
            j += 1
        words = " ".join(t.lower_ for t in doc[k:j])
        if not words:
            return None
        want = ("ministry of " + words, "the ministry of " + words)
        return next((m for m in top if m["label"] == "Organisation" and m["text"].lower() in want), None)

    def _place_unit_body(self, doc, place, limit, start_of):
        """"the Xiangtan branch of X", "the Beijing office of X": the body a place's unit belongs to."""
        q = place["e"]
        if q + 2 >= limit or doc[q].lower_ not in self.place_units or doc[q + 1].lower_ != "of":
            return None
        r = q + 2 + (doc[q + 2].lower_ == "the")
        org = start_of.get(r)
        return org if org is not None and org["label"] == "Organisation" else None

    def _and_body(self, doc, org, limit, start_of):
        """"... of A and B" (an office at A, then "and" and a body of A's label that no title or
        possessive goes on with: "of Hunan University and Sany Group chairman X" is no second office)."""
        q = org["e"]
        if q + 2 < limit and doc[q].text == "(" and doc[q + 2].text == ")":
            q += 3  # "the Chinese Academy of Sciences (CAS) and ..."
        if q + 1 >= limit or doc[q].lower_ != "and":
            return None
        r = q + 1 + (doc[q + 1].lower_ == "the")
        m = start_of.get(r)
        if m is None or m["label"] != org["label"] or m["key"] == org["key"] or m.get("anaphor"):
            return None
        nxt = doc[m["e"]] if m["e"] < limit else None
        if nxt is not None and (nxt.lower_ in self.titles or nxt.lower_ in ("'s", "’s", "of", "-") or nxt.text[:1].isupper()):
            return None
        return m

    def _after_sub_body(self, doc, k, limit, start_of):
        """From token k, the start of an unnamed sub-body ("Secretariat", "CPC Leading Group"): the
        organisation named in "... of (the) ORG" right after it, and where the sub-body ends."""
        i = k
        for _ in range(2):  # "the Board of Directors of X": a sub-body may have an "of" of its own
            while i < limit and i not in start_of and (doc[i].text[:1].isupper() or doc[i].lower_ in self.sub_body_words):
                i += 1
            if i == k or i >= limit:
                return None, (i if i > k else None)
            if doc[i].lower_ != "of":
                break
            r = i + 1
            if r < limit and doc[r].lower_ == "the":
                r += 1
            org = start_of.get(r)
            if org is not None and org["e"] < len(doc) and doc[org["e"]].text in ("-", "–") and not doc[org["e"] - 1].whitespace_:
                return None, None  # "of Wenzhou-Kean University": the place only begins the name
            if org is not None:
                return org, None
            if not (r < limit and (doc[r].text[:1].isupper() or doc[r].lower_ in self.sub_body_words - {"the", "'s", "’s", "-"})):
                break
            i = r
        return None, (i if i < limit and doc[i].text in (",", "and") else None)

    @staticmethod
    def _job_with(doc, e, tend) -> bool:
        """"X, a researcher with Y" / "X, chief engineer from Y": a job at Y only when the office comes
        right after the name's comma (with at most an article), not "X, director, with support from Y"."""
        k = e + 1
        if k < tend and doc[k].lower_ in ("a", "an", "the"):
            k += 1
        return all(doc[x].text not in (",", "(", ")") for x in range(k, tend))

    def _field_at(self, doc, k, limit, start_of):
        """"head of research and development at Y", "director of the robotics lab at Y": an office over a
        field or an unnamed unit written in lower case (or "R&D"), then "at" the body; and a lower-case
        unit (``[titles] unit_nouns``) "of" / "under" the body: "deputy director-general of the science
        department of Y", "director of the department of international cooperation of Y", "chief of the
        planning division under Y" (one "of" may belong to the unit's own name)."""
        q, unit = k, False
        for _ in range(2):
            while q < limit and q < k + 8 and q not in start_of and (doc[q].is_lower and (doc[q].is_alpha or doc[q].text in ("&", "-"))
                                                                      or doc[q].text.isupper() and len(doc[q].text) <= 4) \
                    and doc[q].pos_ not in ("VERB", "AUX", "ADP", "PRON", "CCONJ" if unit else ""):
                q += 1
            if q == k or q + 1 >= limit:
                return None
            unit = unit or doc[q - 1].lower_ in self.unit_nouns
            org = start_of.get(q + 1 + (doc[q + 1].lower_ == "the"))
            if doc[q].lower_ == "at":
                return org if org is not None and org["label"] == "Organisation" else None
            if not unit or doc[q].lower_ not in ("of", "under"):
                return None
            if org is not None:
                return org if org["label"] in self.BODY else None
            q += 1  # "the department of international cooperation of Y": the unit's own "of"
        return None

    def _described_body(self, doc, place, limit, start_of):
        """"chairman of the Shenzhen-based company BYD": a place before "-based" and a lower-case
        description only describes the body named after them, which holds the office."""
        q = place["e"]
        if q + 1 >= limit or doc[q].text not in ("-", "–") or doc[q + 1].lower_ not in self.based_words:
            return None
        q += 2
        while q < limit and q < place["e"] + 7 and q not in start_of and doc[q].is_lower and doc[q].is_alpha:
            q += 1
        org = start_of.get(q)
        return org if org is not None and org["label"] == "Organisation" and q > place["e"] + 2 else None

    @staticmethod
    def _possessed_body(doc, org, limit, start_of):
        """"chief scientist at Alibaba's DAMO Academy": a named body of the body before "'s" is the more
        specific one, where the office is held."""
        q = org["e"]
        if q + 1 >= limit or doc[q].lower_ not in ("'s", "’s"):
            return None
        m = start_of.get(q + 1)
        return m if m is not None and m["label"] == "Organisation" and m["key"] != org["key"] else None

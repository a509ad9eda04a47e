"""HOLDS_POSITION: people and their offices, from the title words of the lexicon's ``[titles]``.

"CAST executive vice president Huai Jinpeng", "Mayor of Jiaxing Zhang San", "Professor Li Hua and
Professor Wang Lei of the School of X", "Vice President of CAST Huai Jinpeng", "Huai Jinpeng,
executive vice president of CAST" (and several offices in a row), "X, CAST's president"; "its
chairman X", "X, its president" (:meth:`PositionRules.its_title`: the body "its" stands for), "He is
the president of Y", "She joined Y in 2010" (the one person of the sentence before). Also: titles
before the name with a body's word ("Xiangtan Municipal Party Secretary X", "board chairman X"), an "and" ("founder and
chairman X"), an honorific or a comma between ("chairman Mr. X", "the Y president, X,"), and the
earlier offices of such a chain ("Vice Chairman of A and President of B X"); after the name, lower-case
sub-bodies ("chairman of the board of directors of Y"), a place's unit of a body ("the Xiangtan branch
of Y": at Y), one title at two bodies ("academician of CAS and CAE"), one of a plural title ("one of
the vice presidents of Y"), an office over a field "at" a body ("head of R&D at Y"); "Y's X" (no title,
0.6); the host of a visit ("visited Y and met chairman X"); offices stated by verbs
(:mod:`extract.rules.office_verbs`); the body after an office's "of" / "at"
(:mod:`extract.rules.office_bodies`). A weak title ("member") lowers the confidence.
"""
from __future__ import annotations

from extract.rules.common import singular
from extract.rules.office_bodies import OfficeBodies
from extract.rules.office_verbs import OfficeVerbRules, office


class PositionRules(OfficeBodies):
    """The offices of a person mention in its sentence."""

    def __init__(self, lex: dict):
        self.titles = {w for t in lex["titles"]["words"] for w in t.replace("-", " - ").split()}
        # the last word of a title ("leader" of "team leader"): a run of title words ends in one ("whose team
        # at Y", "a graduate of Y" are no office)
        self.title_heads = {t.replace("-", " - ").split()[-1] for t in lex["titles"]["words"]}
        self.weak_titles = set(lex["titles"]["weak"])
        # "re-elected": 3 tokens; the longest first
        self.office_verbs = sorted((tuple(v.replace("-", " - ").split()) for v in lex["titles"].get("office_verbs", ())), key=len, reverse=True)
        self.office_aux = set(lex["titles"].get("office_aux", ()))
        # the words of an unnamed sub-body written in lower case ("chairman of the board of directors of Y")
        self.sub_body_words = set(lex["titles"].get("sub_body_words", ()))
        self.place_units = set(lex["titles"].get("place_unit_words", ()))
        self.both_words = set(lex["titles"].get("both_words", ()))
        self.honorifics = set(lex["titles"].get("honorifics", ()))
        self.title_prefixes = set(lex["titles"].get("title_prefixes", ()))
        self.office_openers = set(lex["titles"].get("office_openers", ()))  # "X – President of Y"
        self.unit_nouns = set(lex["titles"].get("unit_nouns", ()))  # "director of the publicity department of Y"
        self.based_words = set(lex["titles"].get("based_words", ()))  # "chairman of the Y-based company X"
        # this sentence's offices written "Title X of Y" (by Y) and "Title of Y X" (by X), for the title
        # after an "and" that shares the body (:meth:`_shared_body`): (doc, sentence start, {id: (mention, body)})
        self._sent_offices = (None, -1, {})
        self.by_verb = OfficeVerbRules(lex, self.titles, self.title_heads, self.weak_titles)  # "A appointed X as its president"

    def __call__(self, doc, sent, p, top, start_of, end_of, out):
        """The offices of person mention p (start_of/end_of: the sentence's mentions by first/end token)."""
        # before the name: "CAST executive vice president Huai Jinpeng", "Mayor of Jiaxing Zhang San"
        i = p["s"]
        while i - 1 > sent.start and doc[i - 1].lower_ in self.honorifics and doc[i - 2].lower_ in self.titles:
            i -= 1  # "chairman Mr. Li Hua", "vice president Prof. Li Hua"
        if i - 2 > sent.start and doc[i - 1].text == "," and doc[i - 2].lower_ in self.titles:
            i -= 1  # "the Hefei University president, Li Hua, said"
        j = self._title_start(doc, sent, i)
        title = self._title_run(doc, j, i)
        self.by_verb(doc, sent, p, top, out, title or "")
        if not title and i - 1 > sent.start and doc[i - 1].lower_ in ("'s", "’s"):
            # "Tsinghua University's Li Hua": a body's own person, no office said
            org = end_of.get(i - 1)
            if org is not None and org["label"] == "Organisation" and not org.get("anaphor"):
                out.append((p, "HOLDS_POSITION", org, {}, 0.6, "org-possessive-name"))
        if title:
            # the longest run of title words with a body right before it ("Xiangtan Municipal Committee
            # Secretary X": the body ends where the title begins, though "committee" is a title word too)
            org, jo = self._body_before_title(doc, sent, j, i, end_of)
            if org is not None and not (doc[jo].lower_ in self.title_prefixes and not self._title_run(doc, jo + 1, i)):
                self._hold(p, org, self._title_run(doc, jo, i), 0.85, "org-title-name", out)
                self._chain_before(doc, sent, p, org["s"], top, end_of, out)
                return
            if i < p["s"] and doc[i].text == ",":
                title = None  # "X, president, Li Hua": no body named before the title
            # "Professor Li Hua and Professor Wang Lei of the School of X": titled names, then "of ORG"
            people = {m["s"]: m for m in top if m["label"] == "Person"}
            k = p["e"]
            other_title = False  # "Vice Governor A and Vice Chairman B of CAST": "of CAST" is B's alone
            while k + 1 < sent.end and doc[k].lower_ in (",", "and"):
                k2 = k + 1
                while k2 < sent.end and (doc[k2].lower_ in self.titles or doc[k2].text == "-"):
                    k2 += 1
                if k2 > k + 1 and k2 in people:
                    other_title = other_title or (self._title_run(doc, k + 1, k2) or "").lower() != title.lower()
                    k = people[k2]["e"]
                    continue
                break
            if k + 1 < sent.end and doc[k].lower_ in ("of", "from"):
                k += 1
                if doc[k].lower_ == "the":
                    k += 1
                org = start_of.get(k)
                if org and org["label"] in self.BODY and not other_title:
                    self._hold(p, org, title, 0.8, "title-name-of-org", out)
                    self._note_office(doc, sent, org, org)
                    return
            if title and (p["e"] >= sent.end or doc[p["e"]].lower_ not in (",", "(", "of", "from", "at", "'s", "’s")):
                if self._shared_body(doc, sent, p, j, title, end_of, out):
                    return
                # "The delegation visited Y and was received by President X": the host's office is at Y
                self.by_verb.host_title(doc, sent, p, title, top, out)
            # "Vice President of CAST Huai Jinpeng" / "President of Zhejiang University, Wu Zhaohui"
        k = i
        if k - 1 >= sent.start and doc[k - 1].text == ",":
            k -= 1
        org = end_of.get(k)
        # "A, Vice Governor of Y B": an office right before B (no comma) is B's, though it follows A's comma
        if org and org["label"] in self.BODY and (k == i and i == p["s"] or not self._in_appositive_list(doc, sent, org["s"], top)):
            s0 = org["s"]
            if s0 - 1 >= sent.start and doc[s0 - 1].lower_ == "the":
                s0 -= 1
            if s0 - 1 >= sent.start and doc[s0 - 1].lower_ in ("of", "at"):
                j = self._title_start(doc, sent, s0 - 1)
                title = self._title_run(doc, j, s0 - 1)
                if not title:  # "Chairman of the Board of Y, X": an unnamed sub-body between
                    j, title = self._title_before_sub_body(doc, sent, s0 - 1)
                if title:
                    self._hold(p, org, title, 0.8, "title-of-org-name", out)
                    self._note_office(doc, sent, p, org)
                    self._chain_before(doc, sent, p, j, top, end_of, out)
                    return
        # "X was appointed president of Y", "X serves as director of Y", "X is the mayor of Y"
        if self._office_by_verb(doc, sent, p, start_of, out):
            return
        # after the name: "Huai Jinpeng, executive vice president of CAST", also several offices in a row
        # ("X, vice-chairperson of A, and president of B") up to the next person
        e = p["e"]
        # "Zhou Lin of Wuhan University", "Zhou Lin from the Yichang Bureau": works there (no title said)
        if e + 1 < sent.end and doc[e].lower_ in ("of", "from"):
            k = e + 2 if doc[e + 1].lower_ == "the" else e + 1
            org = start_of.get(k)
            if org is not None and org["label"] == "Organisation":
                out.append((p, "HOLDS_POSITION", org, {}, 0.6, "name-of-org"))
                return
        if e < sent.end and (doc[e].text in (",", "(") or self._office_opener(doc, sent, e)):
            found_any = False
            pending = []
            people_starts = {m["s"] for m in top if m["label"] == "Person"}
            j = e + 1
            limit = min(sent.end, e + 45)
            while j < limit:
                if j in people_starts:
                    break
                tok = doc[j]
                if tok.dep_ == "ROOT" and tok.pos_ == "VERB":
                    break
                # "Inspector (second level) of X": a bracketed grade between the title and "of"
                tend = j
                if tok.text == "(":
                    close = next((x for x in range(j + 1, min(limit, j + 6)) if doc[x].text == ")"), None)
                    if close is not None and close + 1 < limit and doc[close + 1].lower_ in ("of", "at") \
                            and doc[j - 1].lower_ in self.titles:
                        j = close + 1
                        tok = doc[j]
                if tok.lower_ == "of" and tend - 2 > e and doc[tend - 1].lower_ == "charge" and doc[tend - 2].lower_ == "in" \
                        and not found_any:
                    # "X, (the) person in charge of Y": an office with no title word
                    k = j + 1 + (j + 1 < sent.end and doc[j + 1].lower_ == "the")
                    org = start_of.get(k)
                    if org is not None and org["label"] in self.BODY:
                        self._hold(p, org, "person in charge", 0.75, "name-in-charge-of", out)
                        found_any = True
                        j = org["e"]
                        continue
                if tok.lower_ == "of" and not found_any and tend - 4 > e and doc[tend - 1].lower_ not in self.titles \
                        and singular(doc[tend - 1].lower_) in self.titles:
                    # "X, one of the (vice) presidents of Y": one office of a plural title
                    b = tend - 1
                    while b - 1 > e and doc[b - 1].lower_ in self.titles:
                        b -= 1
                    org = start_of.get(j + 1 + (j + 1 < sent.end and doc[j + 1].lower_ == "the"))
                    if [t.lower_ for t in doc[b - 3:b]] == ["one", "of", "the"] and org is not None and org["label"] in self.BODY:
                        title = " ".join([t.text for t in doc[b:tend - 1]] + [singular(doc[tend - 1].text)])
                        self._hold(p, org, title, 0.75, "name-one-of-titles", out)
                        found_any = True
                        j = org["e"]
                        continue
                if (tok.lower_ in ("of", "at", "with", "from", "for") or tok.lower_ == "to" and doc[tend - 1].lower_ in ("deputy", "delegate")) \
                        and tend - 1 > e and doc[tend - 1].lower_ in self.titles \
                        and (tok.lower_ in ("of", "at", "to") or self._job_with(doc, e, tend)):
                    k = j + 1
                    if k < sent.end and doc[k].lower_ in self.both_words:  # "academician of both A and B"
                        k += 1
                    if k < sent.end and doc[k].lower_ == "the":
                        k += 1
                    org = start_of.get(k)
                    if org is not None and org["label"] in ("City", "Region"):
                        org = self._place_unit_body(doc, org, limit, start_of) or org  # "the Y branch of X"
                        org = self._described_body(doc, org, limit, start_of) or org  # "the Y-based company X"
                    owner = None  # "at A's B Academy": the office is at B, and at A as B's parent
                    if org is not None and self._possessed_body(doc, org, limit, start_of) is not None:
                        owner, org = org, self._possessed_body(doc, org, limit, start_of)
                    b = tend
                    while b - 1 > e and (doc[b - 1].lower_ in self.titles or doc[b - 1].text == "-"):
                        b -= 1
                    title = self._title_run(doc, b, tend)
                    sub_end = None
                    if org is not None and org["e"] < limit and org["e"] not in start_of and doc[org["e"]].is_alpha \
                            and doc[org["e"]].text[:1].isupper():
                        k, org = org["e"], None  # "the CPC Leading Group": a name's prefix of a sub-body
                    if org is None and title and title.lower().endswith("minister"):
                        org = self._ministry_of(doc, k, limit, top)  # "vice minister of science and technology"
                    if org is None and title:
                        # "first Secretary of the Secretariat of CAST", "Secretary of the CPC Leading Group, ...":
                        # an unnamed sub-body; the office is held at the organisation named after it
                        org, sub_end = self._after_sub_body(doc, k, min(limit, k + 8), start_of)
                    if org is None and title and tok.lower_ in ("of", "for") and sub_end is None:
                        # "head of research and development at Y", "director of the publicity department of Y"
                        org = self._field_at(doc, k, limit, start_of)
                    if org is not None and org["e"] in people_starts and title:
                        break  # "A, Vice Minister of MOST B and C": an office right before B is B's
                    if org and org["label"] in self.BODY and title:
                        self._hold(p, org, title, 0.85 if not found_any else 0.8, "name-title-of-org", out)
                        if owner is not None and owner["label"] == "Organisation":
                            self._hold(p, owner, title, 0.75 if not found_any else 0.7, "name-title-of-org-parent", out)
                        pending = []
                        found_any = True
                        also = self._and_body(doc, org, limit, start_of) if org["s"] > j else None
                        j = org["e"]
                        if also is not None:  # "academician of CAS and CAE": the office at both
                            self._hold(p, also, title, 0.75, "name-title-of-orgs", out)
                            j = also["e"]
                        continue
                    if title and sub_end is not None:
                        pending.append(title)
                        j = sub_end
                        continue
                if found_any and tok.lower_ == "and":
                    # "X, president of A and (also) a CAST vice chairman": a later office of the chain written
                    # as body and title
                    k = j + 1 + (j + 1 < limit and doc[j + 1].lower_ == "also")
                    k += k < limit and doc[k].lower_ in ("a", "an", "the")
                    got = self._org_title(doc, sent, k, start_of, people_starts)
                    if got is not None and (got[0]["e"] >= limit or doc[got[0]["e"]].lower_ not in ("of", "at")):
                        self._hold(p, got[0], got[1], 0.75, "name-and-org-title", out)
                        j = got[0]["e"]
                        continue
                j += 1
            if pending and not found_any:
                # offices at unnamed sub-bodies only: held at the next organisation of the chain, if any
                org = next((m for m in top if m["s"] >= j and m["s"] < limit and m["label"] == "Organisation"), None)
                if org is not None and not any(doc[x].pos_ == "VERB" for x in range(e, org["s"])):
                    self._hold(p, org, pending[0], 0.75, "name-title-of-sub-body", out)
                    found_any = True
            # "X, the Hefei University president", "X, a Ganzhou official", also before a chain ("X, an NPC
            # deputy and chairman of Y")
            k = e + 1
            if k < sent.end and doc[k].lower_ in ("the", "a", "an"):
                k += 1
            got = self._org_title(doc, sent, k, start_of, people_starts)
            if got is not None:
                self._hold(p, got[0], got[1], 0.8, "name-org-title", out)
            elif not found_any and doc[e].text == "(":
                # "Li Hua (Zhejiang University) said": a body alone in the name's brackets is its affiliation
                org = start_of.get(e + 1)
                if org is not None and org["label"] == "Organisation" and not org.get("anaphor") \
                        and org["e"] < sent.end and doc[org["e"]].text == ")":
                    out.append((p, "HOLDS_POSITION", org, {}, 0.6, "name-bracket-org"))

    def _org_title(self, doc, sent, k, start_of, people_starts):
        """A body at token k and the title after it ("CAST vice chairman", "Sinopec's chief scientist"),
        the office no other person's name follows: (body, title), else None."""
        org = start_of.get(k)
        if not org or org["label"] not in self.BODY:
            return None
        j = org["e"]
        if j < sent.end and doc[j].lower_ in ("'s", "’s"):
            j += 1
        j2 = j  # "Xiangtan municipal Party secretary", "Sany Group board chairman": a title's prefix words too
        while j2 < sent.end and (doc[j2].lower_ in self.titles or doc[j2].text == "-" or doc[j2].lower_ in self.title_prefixes):
            j2 += 1
        while j2 > j and doc[j2 - 1].lower_ not in self.titles:
            j2 -= 1
        title = self._title_run(doc, j, j2)
        if not title or j2 in people_starts:
            return None
        return org, title

    def _office_opener(self, doc, sent, e) -> bool:
        """"X – President of Y –", "X: President of Y" (a list of speakers): a dash or colon after the
        name opens an office when a title word follows it right away (after at most an article)."""
        if doc[e].text not in self.office_openers or e + 1 >= sent.end:
            return False
        if doc[e].text == "-" and not (doc[e - 1].whitespace_ and doc[e].whitespace_):
            return False  # a hyphen inside a word
        k = e + 1 + (doc[e + 1].lower_ in ("the", "a", "an"))
        return k < sent.end and doc[k].lower_ in self.titles

    def _title_before_sub_body(self, doc, sent, of):
        """Back from the "of" (token ``of``) before a body, over an unnamed sub-body ("the Board", "the
        Party Committee") and its own "of", the title before it: (where it begins, title), else (of, None)."""
        q = of
        while q - 1 > sent.start and q > of - 5 and doc[q - 1].lower_ != "of" and doc[q - 1].lower_ not in self.titles \
                and (doc[q - 1].text[:1].isupper() or doc[q - 1].lower_ in self.sub_body_words):
            q -= 1
        if q == of or q - 1 <= sent.start or doc[q - 1].lower_ != "of":
            return of, None
        j = self._title_start(doc, sent, q - 1)
        return j, self._title_run(doc, j, q - 1)

    def _shared_body(self, doc, sent, p, j, title, end_of, out) -> bool:
        """"Yichang Mayor A and Vice Mayor B", "CAST President A and Vice President B", "Mayor A of Y and
        Vice Mayor B", "Mayor of Y A and Vice Mayor B": a title with no body of its own (from token j),
        right after "and" and a person whose office before the name names one, is held at that body; a
        place's title (``place_titles``) only at a place, another only at a body."""
        if j - 2 <= sent.start or doc[j - 1].lower_ != "and":
            return False
        p0 = end_of.get(j - 1)
        if p0 is None or p0["label"] not in self.BODY and p0["label"] != "Person":
            return False
        org = None
        if p0["label"] == "Person":
            org, _ = self._body_before_title(doc, sent, self._title_start(doc, sent, p0["s"]), p0["s"], end_of)
        if org is None:
            # "Mayor A of Wuhu and Vice Mayor B" (by the body Wuhu), "Mayor of Wuhu A and Vice Mayor B" (by A)
            org = self._noted_office(doc, sent, p0)
        if org is None:
            return False
        if self.by_verb.place_title(title) != (org["label"] in ("City", "Region")):
            return False
        self._hold(p, org, title, 0.7, "title-name-shared-body", out)
        return True

    def _note_office(self, doc, sent, by, org):
        """Remember for the rest of the sentence the body of an office found, by mention ``by``."""
        if self._sent_offices[0] is not doc or self._sent_offices[1] != sent.start:
            self._sent_offices = (doc, sent.start, {})
        self._sent_offices[2][id(by)] = (by, org)

    def _noted_office(self, doc, sent, by):
        """The body :meth:`_note_office` remembered by mention ``by`` in this sentence, else None."""
        d, start, noted = self._sent_offices
        got = noted.get(id(by)) if d is doc and start == sent.start else None
        return got[1] if got is not None and got[0] is by else None

    def _chain_before(self, doc, sent, p, start, top, end_of, out):
        """Earlier offices of a chain written before the name, back from token ``start`` where the last
        one begins: "Vice Chairman of CAST and President of CAE X", "Hefei University President and
        CAS Academician X". A chain that follows another person ("A, mayor of Y and Vice Governor X")
        is that person's, not X's."""
        people_end = {m["e"] for m in top if m["label"] == "Person"}
        found = []
        while start - 2 > sent.start and doc[start - 1].lower_ in ("and", ","):
            e2 = start - 1
            org = end_of.get(e2)
            if org is not None and org["label"] in self.BODY:  # "... T of ORG and"
                s0 = org["s"] - (org["s"] - 1 >= sent.start and doc[org["s"] - 1].lower_ == "the")
                if s0 - 1 <= sent.start or doc[s0 - 1].lower_ not in ("of", "at"):
                    break
                b = self._title_start(doc, sent, s0 - 1)
                title = self._title_run(doc, b, s0 - 1)
            else:  # "... ORG T and"
                org, b = self._body_before_title(doc, sent, self._title_start(doc, sent, e2), e2, end_of)
                if org is None:
                    break
                title = self._title_run(doc, b, e2)
                b = org["s"]
            if not title:
                break
            found.append((org, title))
            start = b
        if start in people_end or (start - 1 >= sent.start and doc[start - 1].text == "," and start - 1 in people_end) \
                or (start - 1 >= sent.start and start - 1 in people_end):
            return
        for org, title in found:
            self._hold(p, org, title, 0.75, "title-chain-before-name", out)

    def its_title(self, doc, sent, top, before, out):
        """"Its chairman Wang Li said ...", "Wang Li, its president, said ...": the office is held at
        the body "its" stands for, the nearest organisation before it in the sentence, else the one
        organisation (or the subject's) of the sentence before (``before``: its mentions). And "He is
        (also) the president of Y": the one person of the sentence before holds it."""
        first = doc[sent.start]
        if first.lower_ in ("he", "she") and first.dep_ in ("nsubj", "nsubjpass"):
            named = {m["key"]: m for m in before if m["label"] == "Person" and not m.get("anaphor")}
            if len(named) == 1:
                who = dict(next(iter(named.values())), s=first.i, e=first.i + 1)
                start_of = {m["s"]: m for m in top}
                n = len(out)
                if not self._office_by_verb(doc, sent, who, start_of, out):
                    self.by_verb(doc, sent, who, top, out, "")  # "He joined A in 2010", "She founded A"
                out[n:] = [(r[0], r[1], r[2], r[3], round(r[4] - 0.1, 2), "pronoun-" + r[5]) for r in out[n:]]
        people = [m for m in top if m["label"] == "Person"]
        for t in sent:
            if t.lower_ != "its" or t.i + 1 >= sent.end:
                continue
            j = t.i + 1
            while j < sent.end and (doc[j].lower_ in self.titles or doc[j].text == "-"):
                j += 1
            title = self._title_run(doc, t.i + 1, j)
            if not title:
                continue
            p = next((m for m in people if m["s"] == j), None)  # "its chairman Wang Li"
            if p is None and t.i - 2 >= sent.start and doc[t.i - 1].text == ",":  # "Wang Li, its chairman"
                p = next((m for m in people if m["e"] == t.i - 1), None)
            if p is None or j < sent.end and doc[j].lower_ in ("of", "at"):
                continue
            org = self._antecedent(doc, sent, top, before, (p["s"] if p["s"] < t.i else t.i))
            if org is not None:
                self._hold(p, org, title, 0.7, "its-title", out)

    @staticmethod
    def _antecedent(doc, sent, top, before, k):
        """The organisation "its" (at token k or after) stands for: the nearest before k in its sentence,
        else the one organisation of the sentence before, else that sentence's subject if it is one."""
        here = [m for m in top if m["label"] == "Organisation" and m["e"] <= k and not m.get("nested")]
        if here:
            return here[-1]
        orgs = {m["key"]: m for m in before if m["label"] == "Organisation" and not m.get("nested") and not m.get("anaphor")}
        if len(orgs) == 1:
            return next(iter(orgs.values()))
        subj = [m for m in orgs.values() if any(doc[x].dep_ in ("nsubj", "nsubjpass") and not m["s"] <= doc[x].head.i < m["e"]
                                                for x in range(m["s"], m["e"]))]
        return subj[0] if len(subj) == 1 else None

    def _office_by_verb(self, doc, sent, p, start_of, out) -> bool:
        """"X was appointed president of Y", "X serves as director of Y", "X is the mayor of Y"."""
        k = p["e"]
        while k < sent.end and doc[k].lower_ in self.office_aux:
            k += 1
        verb = next((v for v in self.office_verbs
                     if tuple(t.lower_ for t in doc[k:k + len(v)]) == v), None)
        if verb is None and k == p["e"]:
            return False
        k += len(verb) if verb else 0
        while k < sent.end and doc[k].lower_ in ("the", "a", "an"):
            k += 1
        j = k
        while j < sent.end and (doc[j].lower_ in self.titles or doc[j].text == "-"):
            j += 1
        title = self._title_run(doc, k, j)
        if not title or j + 1 >= sent.end or doc[j].lower_ not in ("of", "at"):
            return False
        r = j + 1
        if doc[r].lower_ == "the":
            r += 1
        org = start_of.get(r)
        if org is None or org["label"] not in self.BODY:
            return False
        self._hold(p, org, title, 0.8, "name-verb-title-of-org", out)
        return True

    def _body_before_title(self, doc, sent, j, i, end_of):
        """The body that ends right before the longest title run within tokens j..i-1 (or before its
        "'s"), and where that run begins; (None, j) if none."""
        for jj in range(j, i):
            if doc[jj].lower_ == "and" or not self._title_run(doc, jj, i):
                continue
            o = end_of.get(jj)
            if o is None and jj - 1 >= sent.start and doc[jj - 1].lower_ in ("'s", "’s"):
                o = end_of.get(jj - 1)
            if o is not None and o["label"] in self.BODY:
                return o, jj
        return None, j

    def _title_start(self, doc, sent, i):
        """Where the run of title words that ends at token i begins: title words, "-", a body's words of a
        title (``[titles] title_prefixes``: "board chairman", "Municipal Party Secretary") and an "and"
        between two titles ("founder and chairman")."""
        j = i
        while j - 1 >= sent.start:
            w = doc[j - 1].lower_
            if w in self.titles or w == "-" or w in self.title_prefixes:
                j -= 1
            elif w == "and" and j < i and j - 2 >= sent.start and doc[j - 2].lower_ in self.titles:
                j -= 1
            else:
                break
        while j < i and (doc[j].lower_ == "and" or doc[j].text == "-"):
            j += 1
        return j

    def _title_run(self, doc, i, j):
        """Tokens i..j-1 are all title words (with 'of the' not allowed; an "and" or a title's prefix word
        inside, not at an end), the last one a title's last word: the title text, else None."""
        if j <= i:
            return None
        toks = doc[i:j]
        if toks[-1].lower_ not in self.title_heads or toks[0].lower_ == "and":
            return None
        if all(t.lower_ in self.titles or t.text in ("-",) or t.lower_ in self.title_prefixes or t.lower_ == "and" for t in toks):
            return " ".join(t.text for t in toks).replace(" - ", "-")
        return None

    @staticmethod
    def _in_appositive_list(doc, sent, j, top):
        """"A, president of X, B, dean of Y": is token j inside the office list of an earlier person (A)?
        Then "president of X" belongs to A, not to the B that follows it."""
        prev = [m for m in top if m["label"] == "Person" and m["e"] <= j]
        if not prev:
            return False
        p0 = prev[-1]
        if p0["e"] >= sent.end or doc[p0["e"]].text != ",":
            return False
        return not any(doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (";", ":") for k in range(p0["e"], j))

    def _hold(self, p, org, title, conf, rule, out):
        out.append(office(p, org, title, conf, rule, self.weak_titles))

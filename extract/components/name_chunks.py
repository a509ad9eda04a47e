"""Name chunks for ``innograph_entities``: maximal runs of capitalised words joined by connectors,
grown over place names and lower-case organisation words, split at "and", and typed by their head
word with the lexicon (organisation, project and place heads).

Not a component itself: :class:`NameChunker` is what the entity recogniser uses to find and type
candidate names.
"""
from __future__ import annotations

from spacy.tokens import Doc

from extract.components.event_places import on_subject
from extract.components.field_series import join_field_series
from extract.components.long_names import LongNames
from extract.components.shared import ORDINAL, QUOTES_CLOSE, QUOTES_OPEN, is_acronym, possessive_quote

_STRIP_POS = {"VERB", "ADP", "DET", "ADV", "PRON", "SCONJ", "CCONJ", "AUX", "PART", "INTJ", "NUM", "PUNCT", "SYM"}
_TITLE_CUT = {"president", "vice", "chairman", "chairwoman", "director", "director-general", "secretary",
              "secretary-general", "minister", "governor", "mayor", "dean", "professor", "prof", "prof.",
              "academician", "ceo", "founder", "deputy", "mr", "mr.", "ms", "ms.", "dr", "dr.", "madam",
              "premier", "chairperson", "executive", "chief", "general", "party", "standing", "member",
              "members", "head", "leader", "representative", "ambassador", "spokesperson"}
# of these, the ones that only cut when followed by another title word (they also start names)
_TITLE_WEAK = {"executive", "chief", "general", "party", "standing", "member", "members", "head", "leader"}


_ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
_ORDINAL_BODIES = {"hospital", "institute", "school", "academy", "college", "factory", "bureau", "division"}

class NameChunker:
    """Finds and types candidate names with the ``[chunk]`` and ``*_heads`` sections of the lexicon."""

    def __init__(self, lex: dict):
        self.org_heads = {k.lower(): v for k, v in lex["organisation_heads"].items()}
        self.project_heads = {k.lower(): v for k, v in lex["project_heads"].items()}
        self.place_heads = {k.lower(): tuple(v) for k, v in lex["place_heads"].items()}
        self.connectors = set(lex["chunk"]["connectors"])
        self.stop_initial = set(lex["chunk"]["stop_initial"])
        self.generic = set(lex["chunk"]["generic"])
        self.heads = set(self.org_heads) | set(self.project_heads) | set(self.place_heads)
        self.event_heads = {k for k, v in self.project_heads.items() if v == "event"}
        self.group_nouns = set(lex["chunk"].get("group_nouns", ()))
        self.quote_inner_words, self.quote_event_heads = (set(lex["chunk"].get(k, ())) for k in ("quote_inner_words", "quote_event_heads"))
        self.quote_naming_words = set(lex["chunk"].get("quote_naming_words", ()))
        self.fixed_pairs = {tuple(p) for p in lex["chunk"].get("fixed_pairs", ())}
        self.project_zone_words = set(lex["chunk"].get("project_zone_words", ()))
        self.region_zone_words = set(lex["chunk"].get("region_zone_words", ()))  # "Wuhan Metropolitan Area": a Region
        self.heads_after = {k.lower(): (set(v["after"]), v["kind"]) for k, v in lex.get("project_heads_after", {}).items()}
        self.heads |= set(self.heads_after)  # never a person's name, a title before them is part of the name
        self.trade_words = set(lex["chunk"].get("trade_words", ()))
        self.slogan_words = set(lex.get("event_names", {}).get("slogan_words", ()))
        self.part_words = set(lex["chunk"].get("event_part_heads", ())) | set(lex["chunk"].get("event_part_mods", ()))
        self.bracket_heads = self.event_heads  # "Lakeside Innovation Challenge (Hefei)" names an edition
        # heads that name an event only with an edition ("the 10th National Congress of X", "2021 World
        # Intelligence Congress") and a standing body otherwise ("National People's Congress")
        ne = lex.get("numbered_event_heads", {})
        self.numbered_event_heads = set(ne.get("words", ()))
        self.edition_words = set(ne.get("edition_words", ()))
        self.long = LongNames(lex)  # long_names.py: the joins that keep a long name whole

    # -- chunking --------------------------------------------------------------------------
    def namey(self, t) -> bool:
        """Can token t be part of a name: capitalised, an ordinal ("21st") or Chinese?"""
        x = t.text
        return bool(x) and (x[0].isupper() or bool(ORDINAL.match(x)) or ("\u4e00" <= x[0] <= "\u9fff"))

    def ordinal_body(self, doc, s, e) -> bool:
        """"First Affiliated Hospital of X", "Second Institute of Oceanography": a capitalised ordinal
        that numbers a hospital, institute or school is part of its name."""
        if doc[s].lower_ not in _ORDINAL_WORDS or not doc[s].text[:1].isupper() or e - s < 3 \
                or (s + 1 < len(doc) and doc[s + 1].is_punct):
            return False
        h = self.first_segment_head(doc, s, e)
        return doc[h].lower_ in _ORDINAL_BODIES

    def title_cut(self, doc, i) -> bool:
        """Is token i a title word that separates names ("CAST Vice President Xu Yanhao")?"""
        low = doc[i].lower_
        if low not in _TITLE_CUT or self.long.title_in_name(self, doc, i):
            return False
        # "Academician Expert Service Activity", "Chief Engineer Training Camp": the capitalised run after the
        # title ends in a head word, so the title is part of a name
        k = i + 1
        while k < len(doc) and self.namey(doc[k]) and not doc[k].is_sent_start:
            k += 1
        if k > i + 1 and doc[k - 1].lower_ in self.heads and doc[k - 1].lower_ not in _TITLE_CUT:
            return False
        if low in _TITLE_WEAK:
            nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            return nxt in _TITLE_CUT and nxt not in _TITLE_WEAK
        return True

    def quote_end(self, doc, i) -> int | None:
        """If token i opens a short quoted name ("Xiangtan Academician Station"), the index of its closing quote."""
        if i >= len(doc) or doc[i].text not in QUOTES_OPEN:
            return None
        inner = False  # a lower-case function word inside ("Talents to the Countryside")
        for k in range(i + 1, min(len(doc), i + 16)):
            if doc[k].text in QUOTES_CLOSE and not possessive_quote(doc, i, k):
                if k <= i + 1 or not self.namey(doc[i + 1]):
                    return None
                return k if not inner or (not doc[k - 1].is_lower and self._programme_quote(doc, i, k)) else None
            if doc[k].lower_ in self.quote_inner_words and doc[k].is_lower and k > i + 1:
                # a small word of a Title Case slogan ("Scientists Walking into Villages") is no function
                # word of a lower-case phrase ("Talents to the Countryside")
                if not (doc[k].lower_ in self.slogan_words and k + 1 < len(doc) and self.namey(doc[k + 1])):
                    inner = True
                continue
            if doc[k - 1].text == "-" and not doc[k - 2].whitespace_ and not doc[k - 1].whitespace_ and doc[k].is_alpha:
                continue  # the second half of a hyphenated word: "Sci-tech"
            # "Innovation 2030", "Made in China 2025": a number inside the quotes is part of the name
            # "Academicians Walking into Enterprises", "Contributing to Innovation-driven Development": the small
            # words of a Title Case slogan, and a lower-case part after a hyphen
            if not (self.namey(doc[k]) or doc[k].lower_ in self.connectors or doc[k].text in ("-", "·", "(", ")", ",") or possessive_quote(doc, i, k)
                    or (doc[k].text.isdigit() and len(doc[k].text) <= 4 and k > i + 1)
                    or (doc[k].lower_ in self.slogan_words and k + 1 < len(doc) and self.namey(doc[k + 1]))
                    or (doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and doc[k].is_alpha and k - 2 > i)):
                return None
        return None

    def _programme_quote(self, doc, i, k) -> bool:
        """Is the quoted phrase doc[i + 1:k] named as a programme: a lower-case programme word right after
        it ('the "Talents to the Countryside" campaign') or a naming word right before it ('a
        programme called "Science Goes to the Mountains"')?"""
        after = doc[k + 1] if k + 1 < len(doc) else None
        kind = self.project_heads.get(after.lower_, "event") if after is not None else None
        return after is not None and after.is_lower and (kind != "event" or after.lower_ in self.quote_event_heads) \
            or self.named_programme(doc, i)

    def named_programme(self, doc, q) -> bool:
        """Does the opening quote at q follow a programme word and a naming word ('a scheme dubbed "X"',
        'the initiative, known as "X"')? ('a company named "X"' is no programme.)"""
        k = q - 1
        if k >= 1 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "known":
            k -= 1
        elif k < 0 or doc[k].lower_ not in self.quote_naming_words:
            return False
        k -= 1
        if k >= 0 and doc[k].text == ",":
            k -= 1
        return k >= 0 and doc[k].is_lower and self.project_heads.get(doc[k].lower_, "event") != "event"

    def chunks(self, doc: Doc, person_tokens: set[int], places: set[int] = frozenset()) -> list[tuple[int, int, bool]]:
        """Maximal runs of capitalised tokens joined by connectors: (start, end, quoted)."""
        out = []
        n = len(doc)
        i = 0
        while i < n:
            t = doc[i]
            q_end = self.quote_end(doc, i - 1) if i > 0 else None
            if not self.namey(t) or ((i in person_tokens or self.title_cut(doc, i)) and q_end is None):
                i += 1
                continue
            s = i
            j = i + 1
            while j < n:
                tj = doc[j]
                if q_end is not None and j < q_end:
                    j += 1  # inside quotes titles and people do not cut: "Xiangtan Academician Station"
                    continue
                if q_end is not None and j == q_end:
                    break
                if j in person_tokens or self.title_cut(doc, j):
                    break
                # a spaced dash ends a name: "Talent Program – Help Our Homeland ..."
                if tj.text in ("-", "–", "—", "--") and doc[j - 1].whitespace_ and tj.whitespace_:
                    break
                if tj.is_space or "\n" in tj.text_with_ws and tj.text_with_ws.strip() == "":
                    break
                if "\n" in doc[j - 1].whitespace_ or doc[j - 1].text_with_ws.endswith("\n"):
                    break
                if self.namey(tj):
                    j += 1
                    continue
                # "World 5G Convention": a digit written onto a capital ("5G") goes on with the name
                if tj.text.isdigit() and len(tj.text) <= 2 and not tj.whitespace_ and j + 1 < n and doc[j + 1].text[:1].isupper():
                    j += 1
                    continue
                low = tj.lower_
                prev = doc[j - 1]
                # lower-case word right after a hyphen inside a name: "Hi-tech", "Lin-gang" (not "CAST-initiated")
                if prev.text in ("-", "–") and j - 2 >= s and not tj.is_punct and not prev.whitespace_ \
                        and not self.long.hyphen_word(low):
                    j += 1
                    continue
                if tj.text in ("-", "–") and not prev.whitespace_ and not tj.whitespace_ and j + 1 < n:
                    j += 1
                    continue
                if low in ("'s", "’s") and prev.lower_ in ("people", "women", "children", "workers"):
                    j += 1
                    continue
                # "Science and Technology Workers' Day", "Farmers' Harvest Festival": a plural possessive
                if tj.text in ("'", "’") and prev.lower_.endswith("s") and not prev.whitespace_ and j + 1 < n \
                        and self.namey(doc[j + 1]) and j + 1 not in person_tokens and not (prev.lower_ == "sciences" and doc[j + 1].lower_ in self.org_heads):
                    j += 1  # ("the Chinese Academy of Sciences' Institute of X": two names)
                    continue
                # "Center for China's Agenda 21", "Museum of Xinjiang's History": a possessive inside the
                # part after of/for goes on with the name
                if low in ("'s", "’s") and j + 1 < n and self.namey(doc[j + 1]) and j + 1 not in person_tokens \
                        and any(doc[k].lower_ in ("of", "for") for k in range(s + 1, j - 1)):
                    j += 1
                    continue
                # "Center for China's Agenda 21": a short number ends the part after of/for
                if tj.text.isdigit() and len(tj.text) <= 2 and self.namey(prev) and not prev.like_num \
                        and any(doc[k].lower_ in ("of", "for") for k in range(s + 1, j - 1)) \
                        and (j + 1 >= n or doc[j + 1].is_punct or doc[j + 1].pos_ in ("CCONJ", "ADP", "AUX", "VERB", "SCONJ", "PART")):
                    j += 1
                    break
                if tj.text == "," and j + 1 < n and doc[j + 1].lower_.rstrip(".") == "ltd":
                    j += 1
                    continue
                if tj.text == "(" and j + 3 < n:
                    # "China (Shanghai) Pilot Free Trade Zone"
                    close = next((k for k in range(j + 1, min(n, j + 5)) if doc[k].text == ")"), None)
                    if close and close + 1 < n and self.namey(doc[close + 1]) and all(self.namey(doc[k]) for k in range(j + 1, close)):
                        j = close + 1
                        continue
                    # "Lakeside Innovation Challenge (Hefei)": a place in brackets after an event
                    if close and all(k in places for k in range(j + 1, close)) and doc[j - 1].lower_ in self.bracket_heads:
                        j = close + 1
                    break
                if tj.like_num and len(tj.text) == 4 and tj.text[:2] in ("19", "20") and prev.lower_ in self.event_heads:
                    j += 1  # "Silk Road Expo 2019"
                    break
                # "International Forum on Technology Transfer", "Symposium on Quantum Computing": "on"
                # joins an event's subject to its name
                # (never a date: "Forum on November 4th", "Summit on Monday")
                # "Fair for Trade in Services", "Center for Excellence in Brain Science": "in" inside the
                # part after of/for of a named body or event (never "in Beijing", "in 2021")
                if low == "in" and self.long.subject_in(self, doc, s, j, person_tokens, places):
                    j += 1
                    continue
                if low in self.connectors or on_subject(doc, j, self.event_heads, self.stop_initial) or self.long.subject_on(self, doc, j):
                    k = j + 1
                    if k < n and doc[k].lower_ == "the" and low in ("of", "for", "and", "on"):
                        k += 1
                    if k < n and self.namey(doc[k]) and k not in person_tokens and not self.title_cut(doc, k) \
                            and doc[k].text not in QUOTES_OPEN:
                        j = k
                        continue
                break
            # trim: leading stop words / sentence-initial function words; trailing connectors
            while s < j and ((doc[s].lower_ in self.stop_initial and not self.ordinal_body(doc, s, j) and not self.long.title_in_name(self, doc, s)) or (doc[s].is_sent_start and doc[s].pos_ in _STRIP_POS and not doc[s].text.isupper()
                                                                    and not self._numeral_in_name(doc, s, j))):
                s += 1
            # "Officials of X ...", "Leaders from X" opening a sentence: a plural common noun is no name
            if s + 2 < j and doc[s].is_sent_start and (doc[s].tag_ == "NNS" or doc[s].lower_ in self.group_nouns) \
                    and doc[s + 1].lower_ in ("of", "from"):
                s += 2
            # "Japan's Ministry of Education", "Shenzhen's Nanshan District": a place's possessive before a name
            # says where it is, it is not part of it
            if s + 2 < j and doc[s + 1].lower_ in ("'s", "’s") and s in places and self.namey(doc[s + 2]):
                s += 2
            while j > s and (doc[j - 1].lower_ in self.connectors or doc[j - 1].is_punct and doc[j - 1].text not in (")", ".")):
                j -= 1
            if j > s:
                quoted = s > 0 and doc[s - 1].text in QUOTES_OPEN and j < n and doc[j].text in QUOTES_CLOSE
                out.append((s, j, quoted))
            i = max(j, i + 1)
        return self._join_lists(doc, out, person_tokens, places)

    def _join_lists(self, doc, chunks, person_tokens, places):
        """A list of fields inside a name is one name: "Institute of Innovation, Creativity and
        Design", "Sino-Thai Science, Technology and Culture Center" (not "Peking University, Fudan
        University and ...", whose parts are names of their own)."""
        out = []
        chunks = join_field_series(self, doc, chunks, person_tokens, places)
        for s, e, q in chunks:
            if out and not q and not out[-1][2] and out[-1][1] + 1 == s and doc[s - 1].text == ",":
                ls, le, _ = out[-1]
                rest = None
                if e - s > 5 and doc[s + 3].lower_ in ("and", "&") and doc[s + 4].lower_ == "the":
                    rest, e = (s + 5, e), s + 3  # "... of A, B and C and the D Center": D starts a name
                ands = [k for k in range(s, e) if doc[k].lower_ in ("and", "&")]
                plain = not any(k in person_tokens or k in places for k in [le - 1, *range(s, e)])
                if plain and len(ands) == 1 and ands[0] == s + 1:
                    right = self.head_type(doc, s, e)[0]
                    left = self.head_type(doc, ls, le)[0]
                    # "... of Innovation, Creativity and Design": one field after of/for, two after the comma
                    a = le - ls >= 3 and doc[le - 2].lower_ in ("of", "for") and e - s == 3 and right is None
                    # "Sino-Thai Science, Technology and Culture Center": fields before a typed head
                    b = left is None and le - ls <= 4 and e - s >= 4 and right in ("Organisation", "Project") \
                        and doc[s + 2].lower_ not in self.heads
                    if a or b:
                        out[-1] = (ls, e, False)
                        if rest:
                            out.append((*rest, False))
                        continue
                if rest:
                    e = rest[1]
            out.append((s, e, q))
        return out

    @staticmethod
    def numbered_start(doc, s) -> int:
        """"the 863 Program", "the 10,000 Talents Program": the start of a programme's name over the number
        that names it (not a year: "the 2021 Plan")."""
        t = doc[s - 1] if s >= 2 else None
        if t is not None and t.like_num and not t.is_alpha and doc[s - 2].lower_ == "the" \
                and not (len(t.text) == 4 and t.text[:2] in ("19", "20")):
            return s - 1
        return s

    def _event_ends(self, doc, s, k) -> bool:
        """Is doc[s:k] a whole event's name that ends in its head ("the 7th China-South Asia Expo")?"""
        label, kind, h, start = self.head_type(doc, s, k)
        return label == "Project" and kind == "event" and start == s and h == k - 1

    def _numeral_in_name(self, doc, s, j) -> bool:
        """"Three Gorges University" opening a sentence: a number word that starts a longer name."""
        return doc[s].pos_ == "NUM" and doc[s].is_alpha and j - s >= 3 and self.namey(doc[s + 1])

    LOWER_ORG = {"government": "government", "party committee": "party", "municipal government": "government",
                  "provincial government": "government", "people's government": "government",
                  "city government": "government", "district government": "government",
                  "county government": "government", "municipal party committee": "party",
                  "provincial party committee": "party", "association for science and technology": "association",
                  "science and technology association": "association", "science and technology bureau": "government"}

    def extend(self, doc, chunks, gaz):
        """Grow chunks: to the end of a place name they cut ("Guangxi Zhuang autonomous region"), over a
        lower-case organisation word after a place ("Qingdao government"), and back over "government of"."""
        gaz_ends = {}
        for s, e, info in gaz:
            gaz_ends[s] = (e, info)
        lower_org = {tuple(k.split()): v for k, v in self.LOWER_ORG.items()}
        out = []
        n = len(doc)
        for s, e, quoted in chunks:
            for k in range(s, e):
                if k in gaz_ends and gaz_ends[k][0] > e:
                    e = gaz_ends[k][0]
            # after a place name, or after a place and its level word ("Jiande Municipal government")
            at_place = e - 1 >= s and any(gs <= e - 1 < ge for gs, ge, _ in gaz if ge == e)
            if not at_place and e - 2 >= s and doc[e - 1].lower_ in ("municipal", "provincial", "county", "district", "prefectural"):
                at_place = any(ge == e - 1 and info["label"] in ("City", "Region") for _, ge, info in gaz)
            if at_place:
                for words in sorted(lower_org, key=len, reverse=True):
                    toks = [t.lower_ for t in doc[e:e + len(words)]]
                    toks = [x.replace("’", "'") for x in toks]
                    joined = tuple(" ".join(toks).replace(" 's", "'s").split())
                    if joined == words or tuple(toks) == words:
                        e = e + len(toks) if tuple(toks) == words else e + len(words) + 1
                        break
                if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ == "government":
                    s -= 2
            out.append((s, min(e, n), quoted))
        return out

    def first_segment_head(self, doc, s, e) -> int:
        """Index of the head of the first segment of a name (the word before its first of/for)."""
        for k in range(s + 1, e):
            if doc[k].lower_ in ("of", "for", "on") and k > s:
                return k - 1
        h = e - 1
        # "Summit 2019", "Challenge (Shanghai)": the head is before the year or the bracket
        if h > s and doc[h].like_num and len(doc[h].text) == 4:
            h -= 1
        if h > s and doc[h].text == ")":
            k = h
            while k > s and doc[k].text != "(":
                k -= 1
            if k > s:
                h = k - 1
        return h

    def head_type(self, doc, s, e):
        """(label, kind or level, head index, start) of the name doc[s:e] by its head word; label None if untyped."""
        h = self.first_segment_head(doc, s, e)
        if doc[h].text == ")":  # "China (Shanghai) ..." never ends in ')' but be safe
            h -= 1
        low = doc[h].lower_.rstrip(".") if doc[h].lower_ not in self.heads else doc[h].lower_
        low = doc[h].lower_ if doc[h].lower_ in self.heads else low
        if low in self.numbered_event_heads and self._edition(doc, s, h):
            return "Project", "event", h, s
        if low in self.org_heads:
            return "Organisation", self.org_heads[low], h, s
        if low in self.project_heads:
            return "Project", self.project_heads[low], h, s
        if low in self.place_heads:
            label, level = self.place_heads[low]
            # "X Innovation Demonstration Zone": a programme's zone, not a place
            if level == "zone" and h - 1 > s and doc[h - 1].lower_ in self.project_zone_words:
                return "Project", "zone", h, s
            if level == "zone" and h - 1 > s and doc[h - 1].lower_ in self.region_zone_words:
                return "Region", "region", h, s
            return label, level, h, s
        if self._head_after(doc, s, h):
            return "Project", self._head_after(doc, s, h), h, s
        # "Report on the Work of the Quanzhou Municipal Government": the typed part after of/on
        for k in range(s + 1, e - 1):
            if doc[k].lower_ in ("of", "on", "for"):
                r = k + 1
                if doc[r].lower_ == "the":
                    r += 1
                if r < e and doc[r].text[:1].isupper():
                    h2 = self.first_segment_head(doc, r, e)
                    low2 = doc[h2].lower_
                    if low2 in self.org_heads:
                        return "Organisation", self.org_heads[low2], h2, r
                    if low2 in self.project_heads:
                        if self._whole_event(doc, s, k, r, low2):
                            return "Project", "event", h2, s
                        return "Project", self.project_heads[low2], h2, r
                    if self._head_after(doc, r, h2):
                        return "Project", self._head_after(doc, r, h2), h2, r
                break
        # "Zhejiang Wuyi Technology Co. Ltd." : look for an enterprise suffix anywhere at the end
        last = doc[e - 1].lower_
        if last in self.org_heads and self.org_heads[last] == "enterprise":
            return "Organisation", "enterprise", e - 1, s
        return None, None, None, s

    def _head_after(self, doc, s, h) -> str | None:
        """The kind of a head that types a name only after certain words ("the X Science Innovation
        Community", "X Training Course": lexicon [project_heads_after]), else None."""
        rule = self.heads_after.get(doc[h].lower_)
        return rule[1] if rule and h > s and doc[h - 1].lower_ in rule[0] else None

    def _whole_event(self, doc, s, k, r, head) -> bool:
        """"Wuxi Internet of Things Expo", "Festival of Science Week"? An event named after a phrase
        with "of" in it ("Internet of Things") is one name: the "of" has no article after it and the
        words before it are neither a head of their own nor a part of the event ("Opening Ceremony of")."""
        if self.project_heads.get(head) != "event" or r != k + 1 or k - s > 3:
            return False
        before = {doc[x].lower_ for x in range(s, k)}
        return not (before & self.heads) and not (before & self.part_words)

    def _edition(self, doc, s, h) -> bool:
        """Does the name doc[s:h] (before its head) say which edition it is: an ordinal, a year, "World"?"""
        toks = doc[max(0, s - 2):h]
        if any(t.lower_.startswith("people") for t in toks):  # "the 14th National People's Congress" is a body
            return False
        for t in toks:
            x = t.lower_
            if ORDINAL.match(t.text) or (t.like_num and len(x) == 4 and x[:2] in ("19", "20")) or x in self.edition_words:
                return True
        return False

    def _typed_whole(self, doc, s, e) -> bool:
        """Is doc[s:e] typed by the head of its own first part ("Ningbo Science and Technology Bureau"),
        not only by a name after its "of" ("Social Security and the Ministry of X")?"""
        label, _, h, start = self.head_type(doc, s, e)
        return label is not None and start == s and not any(
            doc[x].lower_ in ("and", "&") and (doc[x - 1].lower_, doc[x + 1].lower_) not in self.fixed_pairs for x in range(s + 1, h))

    def split_and(self, doc, s, e, gaz_starts) -> list[tuple[int, int]]:
        """Split "A and B" when both sides are names of their own."""
        pieces = []
        start = s
        for k in range(s + 1, e - 1):
            if doc[k].lower_ not in ("and", "&"):
                continue
            if (doc[k - 1].lower_, doc[k + 1].lower_) in self.fixed_pairs or self.long.keeps_and(self, doc, start, k, e, gaz_starts):
                continue  # "Taizhou Science and Technology Investment Group" is one name
            left_has = self.head_type(doc, start, k)[0] is not None or (start in gaz_starts and gaz_starts[start] == k) \
                or (k - start == 1 and is_acronym(doc[start].text))
            r = k + 1
            if r < e and doc[r].lower_ == "the":
                r += 1
            # right segment: its first part, up to the next and/&/of/for
            rend = next((m for m in range(r, e) if doc[m].lower_ in ("and", ",", "of", "for")), e)
            right_head = any(doc[m].lower_ in self.heads for m in range(r, rend))
            right_has = right_head or (r in gaz_starts and gaz_starts[r] >= rend)
            # "Jiangxia New District and Hanyang Economic and Technological Development Zone"
            if left_has and not right_has and r in gaz_starts and k - start >= 2 and doc[e - 1].lower_ in self.place_heads \
                    and self.head_type(doc, start, k)[0] == "City":
                right_has = True
            # "Nanchang University and Jiangling Motors": a name that ends in its own organisation word
            # before "and"; "the X Bureau of Science and Technology and the Y Science and Technology
            # Bureau": the right side is a whole typed name of its own
            if left_has and not right_has and r < e and self.namey(doc[r]) and (
                    (doc[k - 1].lower_.rstrip(".") in self.org_heads  # not "Ministry of University and Research"
                     and not any(doc[x].lower_ in ("of", "for") for x in range(start, k)))
                    or self._typed_whole(doc, r, e)
                    or (rend == e and e - r >= 2 and doc[e - 1].lower_ in self.trade_words and doc[r].pos_ == "PROPN"
                        and not any(doc[x].lower_ in ("of", "for") for x in range(start, k)))):
                right_has = True
            # "China International Aviation & Aerospace Exhibition": a trade word before "&" is a field of
            # the event named on the right, not a company
            if left_has and doc[k - 1].lower_ in self.trade_words and self.head_type(doc, start, k)[:2] == ("Organisation", "enterprise") \
                    and self.head_type(doc, r, e)[:2] == ("Project", "event"):
                continue
            # "the 7th X Expo and the 27th Y Import and Export Fair": a whole event's name, then "and the" and
            # another name
            if not right_has and r > k + 1 and r < e and self.namey(doc[r]) and self._event_ends(doc, start, k):
                right_has = True
            right_has = right_has or (left_has and self.long.company_after_and(self, doc, r, e, gaz_starts))
            if (left_has and right_has) or (right_head and r in gaz_starts and k - start >= 2):
                pieces.append((start, k))
                start = r
        pieces.append((start, e))
        return pieces

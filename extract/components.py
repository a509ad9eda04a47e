"""spaCy components of the InnoGraph extractor, registered under ``innograph_*`` names.

Order in the pipeline (see pipeline.cfg): the model's own components, then

- ``innograph_gazetteer``: China's places, countries and known organisations/projects (data files)
  found with PhraseMatchers;
- ``innograph_entities``: domain entity recognition (name chunks typed by their head word, acronyms
  defined in brackets, people with titles, the model's entities as a fallback) -> ``doc.ents``;
- ``innograph_coref``: in-document coreference (acronym/full name, short/full name, "the city");
- ``innograph_relations``: the six typed relations (relations.py).

Everything a later step needs is kept as plain data in ``doc.user_data["innograph"]``.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extract.resources import DATA_DIR, load_known, load_lexicon, load_places
from graph.ids import primary_key

UD = "innograph"
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
ACRONYM = re.compile(r"^[A-Z][A-Za-z&\-]*[A-Z]$")
def is_acronym(w: str) -> bool:
    """CAST, S&T, CUSTech, FTZ: short, no spaces, starts with a capital, two or more capitals."""
    return 2 <= len(w) <= 10 and w[:1].isupper() and sum(c.isupper() for c in w) >= 2 and " " not in w \
        and all(c.isalnum() or c in "&-" for c in w)


QUOTES_OPEN = {'"', "“", "‘", "'", "«", "「", "《"}
QUOTES_CLOSE = {'"', "”", "’", "'", "»", "」", "》"}


def ig(doc: Doc) -> dict:
    """The InnoGraph working area of a doc (plain data only)."""
    data = doc.user_data.get(UD)
    if data is None:
        data = doc.user_data[UD] = {"gaz": [], "mentions": [], "acronyms": {}, "skipped": 0}
    return data


# ---------------------------------------------------------------------------------------------
# Gazetteer
# ---------------------------------------------------------------------------------------------
class Gazetteer:
    """PhraseMatcher over places (provinces, cities, districts, zones, countries) and known entities."""

    def __init__(self, nlp: Language, name: str, data_dir: str, alias_file: str):
        self.name = name
        self.info: list[dict] = []
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        data_dir = data_dir or str(DATA_DIR)
        alias_file = alias_file or str(DATA_DIR / "aliases.tsv")
        surfaces_lower: dict[str, list[int]] = defaultdict(list)
        surfaces_exact: dict[str, list[int]] = defaultdict(list)

        self.lower_ok: set[str] = set()  # aliases written lower-case in the data ("northwest China")

        def add(idx: int, surface: str, exact: bool = False):
            surface = surface.strip()
            if not surface:
                return
            if surface[:1].islower() and " " in surface and idx < n_places:
                self.lower_ok.add(surface)
            (surfaces_exact if exact else surfaces_lower)[surface if exact else surface.lower()].append(idx)

        n_places = len(load_places(data_dir))  # entries before this index are places
        for p in load_places(data_dir):
            idx = len(self.info)
            self.info.append({"label": p.label, "canon": p.name, "level": p.level, "parent": p.parent,
                              "kind": "", "zh": p.zh})
            forms = [p.name, *p.aliases]
            if p.label == "Region" and p.level == "province":
                forms += [f"{p.name} province", f"{p.name} sheng", f"{p.name} region"]
            if p.label == "City" and p.level == "city":
                forms += [f"{p.name} city", f"{p.name} municipality", f"{p.name} shi"]
            if p.label == "City" and p.level == "district":
                base = re.sub(r" (District|County)$", "", p.name)
                forms += [base, f"{base} district", f"{base} county", f"{base} city"]
            if p.label == "City" and p.level == "zone" and p.name.endswith(" New Area"):
                forms += [p.name[: -len(" New Area")] + " New District"]
            for f in forms:
                for v in {f, f.replace("'", ""), f.replace("'", "’")}:
                    add(idx, v, exact=bool(ACRONYM.match(v)) and v.isupper() and len(v) <= 5)
            if p.zh:
                add(idx, p.zh)
                add(idx, p.zh + ("市" if p.label == "City" else "省"))
        for k in load_known(alias_file):
            idx = len(self.info)
            self.info.append({"label": k.label, "canon": k.name, "level": "", "parent": "", "kind": k.kind, "zh": ""})
            for f in [k.name, *k.aliases]:
                is_acr = (f.isupper() or bool(ACRONYM.match(f))) and " " not in f and len(f) <= 8
                add(idx, f, exact=is_acr)
        self.surface_index = {}
        for s, idxs in surfaces_lower.items():
            self.lower.add(s, [nlp.make_doc(s)])
            self.surface_index[s] = idxs
        for s, idxs in surfaces_exact.items():
            self.exact.add("=" + s, [nlp.make_doc(s)])
            self.surface_index["=" + s] = idxs
        # known acronyms -> entry (used by the entity step for later mentions)
        self.known_acronyms = {s[1:]: idxs[0] for s, idxs in self.surface_index.items() if s.startswith("=")}

    def choose(self, idxs: list[int], surface: str) -> int:
        """Pick one entry for an ambiguous surface form ("Jilin": the province unless 'city' is said)."""
        low = surface.lower()
        if len(idxs) == 1:
            return idxs[0]
        if low.endswith((" city", " shi", " municipality")):
            for i in idxs:
                if self.info[i]["label"] == "City" and self.info[i]["level"] == "city":
                    return i
        if low.endswith((" district", " county")):
            for i in idxs:
                if self.info[i]["level"] in ("district", "county"):
                    return i
        for pref in (("Region", "province"), ("Region", "country"), ("City", "city"), ("Region", "region")):
            for i in idxs:
                if (self.info[i]["label"], self.info[i]["level"]) == pref:
                    return i
        return idxs[0]

    def __call__(self, doc: Doc) -> Doc:
        data = ig(doc)
        found = []
        vocab_strings = doc.vocab.strings
        for match_id, s, e in self.lower(doc):
            key = vocab_strings[match_id]
            span = doc[s:e]
            first = span[0].text
            if first[:1].islower() and span.text not in self.lower_ok:  # place names are written with a capital (or in Chinese)
                continue
            found.append((s, e, key))
        for match_id, s, e in self.exact(doc):
            found.append((s, e, vocab_strings[match_id]))
        # longest first, no overlaps
        found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        taken = set()
        out = []
        for s, e, key in found:
            if any(i in taken for i in range(s, e)):
                continue
            taken.update(range(s, e))
            surface = doc[s:e].text
            i = self.choose(self.surface_index[key], surface)
            info = dict(self.info[i])
            # an explicit suffix decides the label: "Jilin city" is a City, "Jilin province" a Region
            low = surface.lower()
            if low.endswith(" province") or low.endswith(" region"):
                if info["label"] == "City" and info["level"] == "city" and not self._is_municipality(info):
                    info["label"] = "Region"
            out.append([s, e, info])
        out.sort()
        data["gaz"] = out
        return doc

    @staticmethod
    def _is_municipality(info):
        return info["canon"] in ("Beijing", "Tianjin", "Shanghai", "Chongqing")


@Language.factory("innograph_gazetteer", default_config={"data_dir": "", "alias_file": ""})
def make_gazetteer(nlp: Language, name: str, data_dir: str, alias_file: str):
    return Gazetteer(nlp, name, data_dir, alias_file)


# ---------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------
_MODEL_MAP = {"GPE": "City", "LOC": "Region", "ORG": "Organisation", "PERSON": "Person",
              "EVENT": "Project", "FAC": "Organisation"}
_STRIP_POS = {"VERB", "ADP", "DET", "ADV", "PRON", "SCONJ", "CCONJ", "AUX", "PART", "INTJ", "NUM", "PUNCT", "SYM"}
_TITLE_CUT = {"president", "vice", "chairman", "chairwoman", "director", "director-general", "secretary",
              "secretary-general", "minister", "governor", "mayor", "dean", "professor", "prof", "prof.",
              "academician", "ceo", "founder", "deputy", "mr", "mr.", "ms", "ms.", "dr", "dr.", "madam",
              "premier", "chairperson", "executive", "chief", "general", "party", "standing", "member",
              "members", "head", "leader", "representative", "ambassador", "spokesperson"}
# of these, the ones that only cut when followed by another title word (they also start names)
_TITLE_WEAK = {"executive", "chief", "general", "party", "standing", "member", "members", "head", "leader"}


class EntityRecognizer:
    def __init__(self, nlp: Language, name: str, lexicon: str, min_len: int):
        self.name = name
        lex = load_lexicon(lexicon or str(DATA_DIR / "lexicon.toml"))
        self.org_heads = {k.lower(): v for k, v in lex["organisation_heads"].items()}
        self.project_heads = {k.lower(): v for k, v in lex["project_heads"].items()}
        self.place_heads = {k.lower(): tuple(v) for k, v in lex["place_heads"].items()}
        self.connectors = set(lex["chunk"]["connectors"])
        self.stop_initial = set(lex["chunk"]["stop_initial"])
        self.generic = set(lex["chunk"]["generic"])
        self.titles = sorted(lex["titles"]["words"], key=lambda t: -len(t.split()))
        self.heads = set(self.org_heads) | set(self.project_heads) | set(self.place_heads)
        self.event_heads = {k for k, v in self.project_heads.items() if v == "event"}
        self.bracket_heads = self.event_heads  # "Lakeside Innovation Challenge (Hefei)" names an edition
        self.min_len = min_len

    # -- chunking --------------------------------------------------------------------------
    def _namey(self, t) -> bool:
        x = t.text
        return bool(x) and (x[0].isupper() or bool(ORDINAL.match(x)) or ("\u4e00" <= x[0] <= "\u9fff"))

    def _cut(self, doc, i) -> bool:
        """Is token i a title word that separates names ("CAST Vice President Xu Yanhao")?"""
        low = doc[i].lower_
        if low not in _TITLE_CUT:
            return False
        if low in _TITLE_WEAK:
            nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            return nxt in _TITLE_CUT and nxt not in _TITLE_WEAK
        if low == "secretary" and i + 1 < len(doc) and doc[i + 1].lower_ in ("general", "-"):
            return True
        return True

    def _quote_end(self, doc, i) -> int | None:
        """If token i opens a short quoted name ("Xiangtan Academician Station"), the index of its closing quote."""
        if i >= len(doc) or doc[i].text not in QUOTES_OPEN:
            return None
        for k in range(i + 1, min(len(doc), i + 16)):
            if doc[k].text in QUOTES_CLOSE:
                return k if k > i + 1 and self._namey(doc[i + 1]) else None
            if not (self._namey(doc[k]) or doc[k].lower_ in self.connectors or doc[k].text in ("-", "·", "(", ")", ",")):
                return None
        return None

    def chunks(self, doc: Doc, person_tokens: set[int], places: set[int] = frozenset()) -> list[tuple[int, int, bool]]:
        """Maximal runs of capitalised tokens joined by connectors: (start, end, quoted)."""
        out = []
        n = len(doc)
        i = 0
        while i < n:
            t = doc[i]
            q_end = self._quote_end(doc, i - 1) if i > 0 else None
            if not self._namey(t) or ((i in person_tokens or self._cut(doc, i)) and q_end is None):
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
                if j in person_tokens or self._cut(doc, j):
                    break
                # a spaced dash ends a name: "Talent Program – Help Our Homeland ..."
                if tj.text in ("-", "–", "—", "--") and doc[j - 1].whitespace_ and tj.whitespace_:
                    break
                if tj.is_space or "\n" in tj.text_with_ws and tj.text_with_ws.strip() == "":
                    break
                if "\n" in doc[j - 1].whitespace_ or doc[j - 1].text_with_ws.endswith("\n"):
                    break
                if self._namey(tj):
                    j += 1
                    continue
                low = tj.lower_
                prev = doc[j - 1]
                # lower-case word right after a hyphen inside a name: "Hi-tech", "Lin-gang" (not "CAST-initiated")
                if prev.text in ("-", "–") and j - 2 >= s and not tj.is_punct and not prev.whitespace_ \
                        and not (low.endswith("ed") or low in ("led", "run", "built", "owned", "made")):
                    j += 1
                    continue
                if tj.text in ("-", "–") and not prev.whitespace_ and not tj.whitespace_ and j + 1 < n:
                    j += 1
                    continue
                if low in ("'s", "’s") and prev.lower_ in ("people", "women", "children", "workers"):
                    j += 1
                    continue
                if tj.text == "," and j + 1 < n and doc[j + 1].lower_.rstrip(".") == "ltd":
                    j += 1
                    continue
                if tj.text == "(" and j + 3 < n:
                    # "China (Shanghai) Pilot Free Trade Zone"
                    close = next((k for k in range(j + 1, min(n, j + 5)) if doc[k].text == ")"), None)
                    if close and close + 1 < n and self._namey(doc[close + 1]) and all(self._namey(doc[k]) for k in range(j + 1, close)):
                        j = close + 1
                        continue
                    # "Lakeside Innovation Challenge (Hefei)": a place in brackets after an event
                    if close and all(k in places for k in range(j + 1, close)) and doc[j - 1].lower_ in self.bracket_heads:
                        j = close + 1
                    break
                if tj.like_num and len(tj.text) == 4 and tj.text[:2] in ("19", "20") and prev.lower_ in self.event_heads:
                    j += 1  # "Silk Road Expo 2019"
                    break
                if low in self.connectors:
                    k = j + 1
                    if k < n and doc[k].lower_ == "the" and low in ("of", "for", "and", "on"):
                        k += 1
                    if k < n and self._namey(doc[k]) and k not in person_tokens and not self._cut(doc, k) \
                            and doc[k].text not in QUOTES_OPEN:
                        j = k
                        continue
                break
            # trim: leading stop words / sentence-initial function words; trailing connectors
            while s < j and (doc[s].lower_ in self.stop_initial or (doc[s].is_sent_start and doc[s].pos_ in _STRIP_POS and not doc[s].text.isupper())):
                s += 1
            while j > s and (doc[j - 1].lower_ in self.connectors or doc[j - 1].is_punct and doc[j - 1].text not in (")", ".")):
                j -= 1
            if j > s:
                quoted = s > 0 and doc[s - 1].text in QUOTES_OPEN and j < n and doc[j].text in QUOTES_CLOSE
                out.append((s, j, quoted))
            i = max(j, i + 1)
        return out

    _LOWER_ORG = {"government": "government", "party committee": "party", "municipal government": "government",
                  "provincial government": "government", "people's government": "government",
                  "city government": "government", "district government": "government",
                  "county government": "government", "municipal party committee": "party",
                  "provincial party committee": "party", "association for science and technology": "association",
                  "science and technology association": "association", "science and technology bureau": "government"}

    def _extend(self, doc, chunks, gaz):
        """Grow chunks: to the end of a place name they cut ("Guangxi Zhuang autonomous region"), over a
        lower-case organisation word after a place ("Qingdao government"), and back over "government of"."""
        gaz_ends = {}
        for s, e, info in gaz:
            gaz_ends[s] = (e, info)
        lower_org = {tuple(k.split()): v for k, v in self._LOWER_ORG.items()}
        out = []
        n = len(doc)
        for s, e, quoted in chunks:
            for k in range(s, e):
                if k in gaz_ends and gaz_ends[k][0] > e:
                    e = gaz_ends[k][0]
            if e - 1 >= s and any(gs <= e - 1 < ge for gs, ge, _ in gaz if ge == e):
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

    def _first_segment_head(self, doc, s, e) -> int:
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

    def _head_type(self, doc, s, e):
        h = self._first_segment_head(doc, s, e)
        if doc[h].text == ")":  # "China (Shanghai) ..." never ends in ')' but be safe
            h -= 1
        low = doc[h].lower_.rstrip(".") if doc[h].lower_ not in self.heads else doc[h].lower_
        low = doc[h].lower_ if doc[h].lower_ in self.heads else low
        if low in self.org_heads:
            return "Organisation", self.org_heads[low], h, s
        if low in self.project_heads:
            return "Project", self.project_heads[low], h, s
        if low in self.place_heads:
            label, level = self.place_heads[low]
            return label, level, h, s
        # "Report on the Work of the Quanzhou Municipal Government": the typed part after of/on
        for k in range(s + 1, e - 1):
            if doc[k].lower_ in ("of", "on", "for"):
                r = k + 1
                if doc[r].lower_ == "the":
                    r += 1
                if r < e and doc[r].text[:1].isupper():
                    h2 = self._first_segment_head(doc, r, e)
                    low2 = doc[h2].lower_
                    if low2 in self.org_heads:
                        return "Organisation", self.org_heads[low2], h2, r
                    if low2 in self.project_heads:
                        return "Project", self.project_heads[low2], h2, r
                break
        # "Zhejiang Wuyi Technology Co. Ltd." : look for an enterprise suffix anywhere at the end
        last = doc[e - 1].lower_
        if last in self.org_heads and self.org_heads[last] == "enterprise":
            return "Organisation", "enterprise", e - 1, s
        return None, None, None, s

    def _split_and(self, doc, s, e, gaz_starts) -> list[tuple[int, int]]:
        """Split "A and B" when both sides are names of their own."""
        pieces = []
        start = s
        for k in range(s + 1, e - 1):
            if doc[k].lower_ not in ("and", "&"):
                continue
            left_has = self._head_type(doc, start, k)[0] is not None or (start in gaz_starts and gaz_starts[start] == k) \
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
                    and self._head_type(doc, start, k)[0] == "City":
                right_has = True
            if (left_has and right_has) or (right_head and r in gaz_starts and k - start >= 2):
                pieces.append((start, k))
                start = r
        pieces.append((start, e))
        return pieces

    def __call__(self, doc: Doc) -> Doc:
        data = ig(doc)
        gaz = data["gaz"]
        gaz_starts = {s: e for s, e, _ in gaz}
        gaz_by_span = {(s, e): info for s, e, info in gaz}
        gaz_tokens = {k for s, e, _ in gaz for k in range(s, e)}
        cands = []  # (start, end, label, props, priority)
        person_tokens = set()
        model_ents = []
        for ent in doc.ents:
            lab = _MODEL_MAP.get(ent.label_)
            if lab:
                model_ents.append((ent.start, ent.end, lab))
            if ent.label_ == "PERSON":
                s, e = ent.start, ent.end
                if any(doc[k].lower_ in self.heads for k in range(s, e)):
                    continue
                # not a person: a place name, or a cut through a hyphenated word ("Hubei Sci" | "-tech")
                if any(k in gaz_tokens for k in range(s, e)) or (e < len(doc) and doc[e].text in ("-", "–") and not doc[e - 1].whitespace_) \
                        or any(doc[k].text[:1].islower() for k in range(s, e)):
                    continue
                person_tokens.update(range(s, e))
        headline = self._headline_sentences(doc)
        # 1. name chunks typed by their head word
        place_tokens = {k for s, e, info in gaz if info["label"] in ("City", "Region") for k in range(s, e)}
        for cs, ce, quoted in self._extend(doc, self.chunks(doc, person_tokens, place_tokens), gaz):
            # "the City of Perth of Australia": a country after a place name says where it is, it is not part of it
            for k in range(ce - 2, cs, -1):
                if doc[k].lower_ == "of" and gaz_by_span.get((k + 1, ce), {}).get("level") == "country" \
                        and self._head_type(doc, cs, k)[0] == "City":
                    ce = k
                    break
            for s, e in self._split_and(doc, cs, ce, gaz_starts):
                while s < e and (doc[s].lower_ in self.stop_initial or doc[s].lower_ in self.connectors):
                    s += 1
                if e - s <= 0:
                    continue
                label, kind, h, s = self._head_type(doc, s, e)
                text_low = doc[s:e].text.lower()
                if (s, e) in gaz_by_span:
                    continue  # the gazetteer knows it
                if label is None:
                    if quoted and e - s >= 2 and not any(doc[k].i in person_tokens for k in range(s, e)):
                        cands.append((s, e, "Project", {"kind": "programme"}, 3))
                    continue
                if text_low in self.generic or all(doc[k].lower_ in self.generic or doc[k].lower_ in self.connectors or doc[k].is_punct for k in range(s, e)):
                    continue
                if any(s <= k < e for k in headline) and not quoted:
                    continue
                if e - s < 2 and label != "Organisation":
                    continue
                # "Hubei's 1st National Photonics Base": an ordinal is part of an edition's name (events) only
                if label == "Project" and kind != "event" and ORDINAL.match(doc[s].text) and e - s >= 3:
                    s += 1
                props = {}
                if label == "Organisation":
                    props["kind"] = kind
                elif label == "Project":
                    props["kind"] = kind
                else:
                    props["level"] = kind
                cands.append((s, e, label, props, 3))
        # 2. gazetteer (a known organisation's short name inside a person's name is the person: "Liu Xinhua")
        person_spans = [(ps, pe) for ps, pe, lab in model_ents if lab == "Person" and pe - ps >= 2
                        and all(self._namey(doc[k]) for k in range(ps, pe))]
        for s, e, info in gaz:
            if info["label"] == "Organisation" and any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in person_spans):
                continue
            props = {k: info[k] for k in ("level", "kind") if info.get(k)}
            if info.get("parent"):
                props["parent"] = info["parent"]
            cands.append((s, e, info["label"], dict(props, canon=info["canon"]), 2))
        # 3. the model's entities as fallback
        title_words = {w for t in self.titles for w in t.split()}
        for s, e, lab in model_ents:
            s2, e2 = s, e
            while s2 < e2 and (doc[s2].lower_ in self.stop_initial or doc[s2].is_punct):
                s2 += 1
            while e2 > s2 and doc[e2 - 1].is_punct and doc[e2 - 1].text not in (".",):
                e2 -= 1
            if e2 <= s2:
                continue
            span = doc[s2:e2]
            if not any(self._namey(t) for t in span) or span.text.lower() in self.generic:
                continue
            if lab == "Person":
                if not all((self._namey(t) and (t.is_alpha or t.text.rstrip(".").isalpha() or "-" in t.text)) or t.text in ("-", "·") for t in span) or e2 - s2 > 4:
                    continue
                # "State Councilor", "Dean": an office, not a name
                if span[-1].lower_ in title_words or span[0].lower_ in ("state", "former") or all(t.lower_ in title_words for t in span):
                    continue
                if any(t.text in QUOTES_OPEN or t.text in QUOTES_CLOSE for t in span):
                    continue
            if lab == "Organisation" and len(span) == 1 and not span[0].text.isupper() and span[0].pos_ != "PROPN":
                continue
            if lab in ("City", "Region") and (s2, e2) not in gaz_by_span:
                low = span.text.lower()
                if low.endswith((" province", " region", " autonomous region")):
                    lab = "Region"
            if any(s2 <= k < e2 for k in headline) and lab not in ("Person",):
                continue
            cands.append((s2, e2, lab, {}, 1))
        # 3b. people the model missed: "Zhou Ming, executive vice president of ...", "FANG Yunting, director of ..."
        title_words = {w for t in self.titles for w in t.split()}
        for i in range(len(doc) - 3):
            for n in (2, 3):
                if i + n + 1 >= len(doc):
                    continue
                toks = doc[i:i + n]
                if doc[i + n].text != "," or not all(t.is_alpha and t.text[0].isupper() and len(t) <= 12 for t in toks):
                    continue
                if i > 0 and doc[i - 1].is_alpha and doc[i - 1].text[0].isupper():
                    continue
                k = i + n + 1
                if doc[k].lower_ in ("the", "a", "an", "former") and k + 1 < len(doc):
                    k += 1
                if doc[k].lower_ not in title_words or any(t.lower_ in self.heads or t.lower_ in title_words or t.i in gaz_tokens for t in toks):
                    continue
                cands.append((i, i + n, "Person", {}, 1))
        # 4. acronyms: defined in brackets, known ones, and their later uses
        mentions = self._select(doc, cands)
        self._acronyms(doc, mentions, data)
        data["mentions"] = mentions
        # doc.ents: the top-level mentions
        ents = []
        for m in mentions:
            if m.get("nested"):
                continue
            ents.append(Span(doc, m["s"], m["e"], label=m["label"]))
        try:
            doc.set_ents(sorted(ents, key=lambda x: x.start), default="outside")
        except ValueError:
            data["skipped"] += 1
        return doc

    def _headline_sentences(self, doc) -> set[int]:
        """Tokens of Title Case Headline Sentences, where capitals say nothing about names."""
        out = set()
        for sent in doc.sents:
            words = [t for t in sent if t.is_alpha and not t.is_stop]
            # a sentence with a verb written in lower case is prose full of names, not a title-case headline
            if any(t.pos_ in ("VERB", "AUX") and t.text[:1].islower() and t.is_alpha for t in sent):
                continue
            if len(words) >= 4 and sum(1 for t in words if t.text[0].isupper()) / len(words) > 0.85:
                tell = [t for t in sent if t.i > sent.start and t.is_alpha and t.text[0].isupper()
                        and (t.pos_ in ("VERB", "AUX", "ADV") or (t.is_stop and t.lower_ not in ("of", "and", "for", "the")))]
                if tell:
                    out.update(range(sent.start, sent.end))
        return out

    def _select(self, doc, cands):
        """Greedy: priority, then length; overlapping lower candidates become nested mentions."""
        cands.sort(key=lambda c: (-c[4], -(c[1] - c[0]), c[0]))
        chosen = []
        taken = {}
        nested = []
        for s, e, label, props, prio in cands:
            overlap = {taken[k] for k in range(s, e) if k in taken}
            if not overlap:
                idx = len(chosen)
                chosen.append({"s": s, "e": e, "label": label, "props": props, "prio": prio})
                for k in range(s, e):
                    taken[k] = idx
            elif prio >= 2 and len(overlap) == 1:
                host = chosen[next(iter(overlap))]
                if host["s"] <= s and e <= host["e"] and (s, e) != (host["s"], host["e"]):
                    nested.append({"s": s, "e": e, "label": label, "props": props, "prio": prio,
                                   "nested": True, "host": [host["s"], host["e"]]})
                elif (s, e) == (host["s"], host["e"]) and props.get("canon") and not host["props"].get("canon"):
                    host["props"]["canon"] = props["canon"]
        # an organisation name "A of (the) B" holds B as a nested name too
        for m in chosen:
            if m["label"] not in ("Organisation", "Project", "City"):
                continue
            for k in range(m["s"] + 1, m["e"] - 1):
                if doc[k].lower_ in ("of", "for") :
                    r = k + 1
                    if doc[r].lower_ == "the":
                        r += 1
                    if r >= m["e"]:
                        continue
                    label, kind, h, r = self._head_type(doc, r, m["e"])
                    if label == "Organisation" and m["e"] - r >= 2:
                        if not any(n["s"] == r and n["e"] == m["e"] for n in nested):
                            nested.append({"s": r, "e": m["e"], "label": label, "props": {"kind": kind},
                                           "prio": 2, "nested": True, "host": [m["s"], m["e"]]})
                    break
        out = []
        for m in chosen + nested:
            span = doc[m["s"]:m["e"]]
            m["text"] = span.text
            m["start_char"], m["end_char"] = span.start_char, span.end_char
            out.append(m)
        out.sort(key=lambda m: (m["s"], -m["e"]))
        return out

    def _acronyms(self, doc, mentions, data):
        """"Full Name (ACR)" defines ACR; later uses of ACR are mentions of the full name."""
        by_end = {m["e"]: m for m in mentions if not m.get("nested")}
        acr = data["acronyms"]
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(" or doc[i + 2].text != ")":
                continue
            cand = doc[i + 1].text
            if not is_acronym(cand):
                continue
            m = by_end.get(i)
            if m is None or m["label"] == "Person":
                continue
            target = m
            # the acronym may stand for a suffix of the name: "... of X Y Z City (XYZC)"
            def initials(s, e):
                return "".join(t.text[0].upper() for t in doc[s:e]
                               if self._namey(t) and t.lower_ not in ("and", "of", "for", "the"))
            if initials(m["s"], m["e"]) != cand.upper().replace("&", ""):
                for s2 in range(m["s"] + 1, m["e"] - 1):
                    if initials(s2, m["e"]) == cand.upper():
                        label, kind, h, _ = self._head_type(doc, s2, m["e"])
                        if label:
                            target = {"s": s2, "e": m["e"], "label": label, "props": {"kind" if label != "City" else "level": kind},
                                      "prio": 2, "nested": True, "host": [m["s"], m["e"]], "text": doc[s2:m["e"]].text,
                                      "start_char": doc[s2].idx, "end_char": doc[m["e"] - 1].idx + len(doc[m["e"] - 1])}
                            mentions.append(target)
                        break
            acr[cand] = {"label": target["label"], "text": target["text"], "canon": target["props"].get("canon")}
            mentions.append({"s": i + 1, "e": i + 2, "label": target["label"], "props": dict(target["props"]),
                             "prio": 2, "text": cand, "acronym_of": target["text"], "nested": True,
                             "start_char": doc[i + 1].idx, "end_char": doc[i + 1].idx + len(cand)})
        if not acr:
            return
        covered = {k for m in mentions for k in range(m["s"], m["e"])}
        for t in doc:
            if t.text in acr and t.i not in covered:
                a = acr[t.text]
                mentions.append({"s": t.i, "e": t.i + 1, "label": a["label"], "props": {"canon": a["canon"]} if a["canon"] else {},
                                 "prio": 2, "text": t.text, "acronym_of": a["text"],
                                 "start_char": t.idx, "end_char": t.idx + len(t.text)})
        mentions.sort(key=lambda m: (m["s"], -m["e"]))


@Language.factory("innograph_entities", default_config={"lexicon": "", "min_len": 1})
def make_entities(nlp: Language, name: str, lexicon: str, min_len: int):
    return EntityRecognizer(nlp, name, lexicon, min_len)


# ---------------------------------------------------------------------------------------------
# In-document coreference
# ---------------------------------------------------------------------------------------------
_ANAPHORS = {"the city": "City", "this city": "City", "our city": "City", "the province": "Region",
             "this province": "Region", "the municipality": "City", "the county": "City", "the district": "City"}


class Coreference:
    """Groups mentions of one entity: acronym and full name, short and full name, "the city"."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        dep = load_lexicon(str(DATA_DIR / "lexicon.toml")).get("dep", {})
        self.event_nouns = set(dep.get("event_nouns", ()))
        self.event_mods = set(dep.get("event_ceremony_mods", ())) | {"annual", "whole", "two-day", "three-day", "same"}

    @staticmethod
    def _edition_base(text: str) -> str:
        """"Silk Road Expo 2019" -> "Silk Road Expo"; "21st X" -> "X"."""
        words = text.split()
        if len(words) > 2 and re.fullmatch(r"(19|20)\d\d", words[-1]):
            words = words[:-1]
        if len(words) > 2 and (re.fullmatch(r"(19|20)\d\d", words[0]) or ORDINAL.match(words[0])):
            words = words[1:]
        return " ".join(words)

    @staticmethod
    def key(label: str, text: str) -> str:
        return f"{label}|{primary_key(label, text)}"

    def __call__(self, doc: Doc) -> Doc:
        data = ig(doc)
        mentions = data["mentions"]
        # 1. a key per mention: its canonical name if the gazetteer knows it, else its own text
        for m in mentions:
            name = m["props"].get("canon") or m.get("acronym_of") or m["text"]
            m["key"] = self.key(m["label"], name)
        # an event's edition ("Silk Road Expo 2019", "21st ... Meeting") and its plain name are one
        # entity in a document when the plain name is also used
        plain = {}
        for m in mentions:
            if m["label"] == "Project" and not m.get("acronym_of"):
                plain.setdefault(self.key("Project", self._edition_base(m["text"])), []).append(m)
        for group in plain.values():
            keys = {m["key"] for m in group}
            if len(keys) > 1:
                canon = next((m["key"] for m in group if m["props"].get("canon")), None)
                longest = max(group, key=lambda m: (len(m["text"]), -m["s"]))["key"]
                for m in group:
                    m["key"] = canon or longest
        # an acronym's key is the key of the mention it abbreviates
        full_keys = {}
        for m in mentions:
            if not m.get("acronym_of"):
                full_keys.setdefault(self.key(m["label"], m["text"]), m["key"])
        for m in mentions:
            if m.get("acronym_of"):
                m["key"] = full_keys.get(self.key(m["label"], m["acronym_of"]), m["key"])
        # 2. people: "Huai" after "Huai Jinpeng"
        people = defaultdict(set)
        for m in mentions:
            if m["label"] == "Person" and len(m["text"].split()) >= 2:
                parts = m["text"].replace("-", " ").split()
                for p in (parts[0], parts[-1]):
                    people[p.lower()].add(m["key"])
        for m in mentions:
            if m["label"] == "Person" and len(m["text"].split()) == 1:
                ks = people.get(m["text"].lower())
                if ks and len(ks) == 1:
                    m["key"] = next(iter(ks))
                    m["short"] = True
        # 2b. organisations: "Binzhou X Institute" and "X Institute" (a leading place name dropped)
        places = {m["text"].lower() for m in mentions if m["label"] in ("City", "Region")}
        org_keys = {}
        for m in mentions:
            if m["label"] == "Organisation":
                org_keys.setdefault(m["text"].lower(), m["key"])
        for m in mentions:
            if m["label"] != "Organisation":
                continue
            words = m["text"].split()
            for i in range(1, min(3, len(words) - 1)):
                head, rest = " ".join(words[:i]).lower(), " ".join(words[i:]).lower()
                if head in places and rest in org_keys and len(words) - i >= 2:
                    target = org_keys[rest]
                    for x in mentions:
                        if x["key"] == target:
                            x["key"] = m["key"]
                    org_keys[rest] = m["key"]
        # 3. the same name typed City in one place and Region in another is one entity, unless the
        #    text says which ("Jilin city" vs "Jilin province"): follow the gazetteer's label
        by_pk = defaultdict(set)
        for m in mentions:
            if m["label"] in ("City", "Region"):
                by_pk[m["key"].split("|", 1)[1]].add(m["label"])
        for m in mentions:
            pk = m["key"].split("|", 1)[1]
            if m["label"] in ("City", "Region") and len(by_pk[pk]) > 1 and m["prio"] < 2:
                gl = next((x["label"] for x in mentions if x["key"].split("|", 1)[1] == pk and x["prio"] >= 2), None)
                if gl:
                    m["label"] = gl
                    m["key"] = self.key(gl, m["props"].get("canon") or m["text"])
        # 4. "the city" -> the last City named before it
        anaphora = []
        last = {}
        ments = sorted((m for m in mentions if not m.get("nested")), key=lambda m: m["s"])
        mi = 0
        for t in doc:
            while mi < len(ments) and ments[mi]["s"] <= t.i:
                mm = ments[mi]
                if mm["label"] in ("City", "Region"):
                    last[mm["label"]] = mm
                mi += 1
            if t.i + 1 < len(doc):
                two = f"{t.lower_} {doc[t.i + 1].lower_}"
                lab = _ANAPHORS.get(two)
                if lab and lab in last and (t.i + 2 >= len(doc) or not self._is_name_start(doc[t.i + 2])):
                    ant = last[lab]
                    anaphora.append({"s": t.i, "e": t.i + 2, "label": lab, "props": {}, "prio": 0,
                                     "text": doc[t.i:t.i + 2].text, "key": ant["key"], "anaphor": True,
                                     "start_char": t.idx, "end_char": doc[t.i + 1].idx + len(doc[t.i + 1])})
        # "the Challenge", "the programme", "the Center": the last project/organisation with that head
        generic_project = {"programme", "program", "project", "initiative", "platform"}
        last_by_head = {}
        ordered = sorted((m for m in mentions if m["label"] in ("Project", "Organisation") and not m.get("acronym_of")),
                         key=lambda m: m["s"])
        oi = 0
        last_project = None
        last_company = None  # "the company": the last enterprise named before
        last_event = None  # "the event", "the conference", "this forum", "the opening ceremony": the last event named
        for t in doc:
            while oi < len(ordered) and ordered[oi]["e"] <= t.i:
                mm = ordered[oi]
                last_by_head[(mm["label"], doc[mm["e"] - 1].lower_)] = mm
                if mm["label"] == "Organisation" and not mm.get("nested") and mm["props"].get("kind") in (None, "", "enterprise"):
                    last_company = mm
                if mm["label"] == "Project":
                    last_project = mm
                    if mm["props"].get("kind") == "event" and not mm.get("nested"):
                        last_event = mm
                oi += 1
            if t.lower_ not in ("the", "this") or t.i + 1 >= len(doc):
                continue
            h = doc[t.i + 1]
            end = t.i + 2
            # "the opening ceremony", "the annual meeting": one modifier before an event noun
            if h.lower_ in self.event_mods and end < len(doc) and doc[end].lower_ in self.event_nouns:
                h = doc[end]
                end += 1
            if end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in ("of", "for")):
                continue
            if h.text[:1].isupper() and end - t.i > 2:
                continue
            low = h.lower_
            ant = None
            if end - t.i == 2:
                ant = last_by_head.get(("Project", low)) or last_by_head.get(("Organisation", low))
                if t.lower_ == "this" and ant is not None and ant["label"] != "Project":
                    ant = None
            if ant is None and low in self.event_nouns and h.text.islower():
                ant = last_event
            if ant is None and low in generic_project and t.lower_ == "the":
                ant = last_project
            if ant is None and low in ("company", "firm", "enterprise") and end - t.i == 2 and last_company is not None:
                ant = last_company
            if ant is not None and ant["s"] != t.i + 1:
                anaphora.append({"s": t.i, "e": end, "label": ant["label"], "props": {}, "prio": 0,
                                 "text": doc[t.i:end].text, "key": ant["key"], "anaphor": True,
                                 "start_char": t.idx, "end_char": h.idx + len(h)})
        data["anaphora"] = anaphora
        return doc

    @staticmethod
    def _is_name_start(t) -> bool:
        return t.text[:1].isupper() and t.lower_ not in ("in", "of")


@Language.factory("innograph_coref")
def make_coref(nlp: Language, name: str):
    return Coreference(nlp, name)


# ---------------------------------------------------------------------------------------------
# Line breaks are sentence breaks (titles, list items, captions), set before the parser runs
# ---------------------------------------------------------------------------------------------
# a news dateline before the first sentence of a paragraph: "Jiaxing (嘉兴), 18 June 2021 - ",
# "LANZHOU, China, May 3, 2021 /Newswire/ -- ", "BEIJING: "
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(r"^(?:date \S+[ \t]+)?[A-Z][^\n,]{0,40},[^\n]{0,60}?(?:\b(?:19|20)\d\d\b|\b" + _MONTH
                      + r"[ \t]+\d{1,2}\b)[^\n]{0,30}?[ \t](?:--|-|–|—)[ \t]+(?=\S)", re.M)
DATELINE_CAPS = re.compile(r"^[A-Z]{3,}(?:[ \t][A-Z]{3,})?:[ \t]+(?=[A-Z])", re.M)


@Language.component("innograph_lines")
def line_breaks(doc: Doc) -> Doc:
    """Line breaks are sentence breaks; so is the end of a dateline ("Jiaxing, 18 June 2021 - ")."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not doc[i].is_space:
                doc[i].is_sent_start = True
    text = doc.text
    if "," in text or ":" in text:
        found = [(m.end(), m.group(0)) for rx in (DATELINE, DATELINE_CAPS) for m in rx.finditer(text)]
        if found:
            by_char = {t.idx: t for t in doc}
            for pos, line in found:
                t = by_char.get(pos)
                if t is not None and t.i > 0:
                    t.is_sent_start = True
                    year = re.search(r"\b(19|20)\d\d\b", line)
                    if year:  # the year of the dateline is the year of the sentence it opens
                        ig(doc).setdefault("dateline_years", {})[t.i] = int(year.group(0))
    return doc

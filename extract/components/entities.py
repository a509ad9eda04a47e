"""``innograph_entities``: domain entity recognition -> ``doc.ents`` and the mention list.

Candidates, best first: name chunks typed by their head word (:mod:`extract.components.name_chunks`),
the gazetteer's matches, the model's own entities as a fallback, and people with titles the model
missed; then acronyms defined in brackets ("Full Name (ACR)") and their later uses. The chosen
mentions, with nested ones ("A of the B" holds B), go to ``doc.user_data["innograph"]["mentions"]``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.components.defined_acronyms import defined_acronyms
from extract.components.event_names import EventNames
from extract.components.event_places import bracket_aliases, quoted_programme_events
from extract.components.name_chunks import NameChunker
from extract.components.pinyin import PinyinPeople
from extract.components.place_cue_names import PlaceCueNames
from extract.components.shared import ORDINAL, QUOTES_CLOSE, QUOTES_OPEN, ig, is_acronym
from extract.components.unit_names import unit_name_candidates
from extract.resources import DATA_DIR, load_lexicon, load_surnames

# legal suffixes of a company's name
_LEGAL = {"co", "ltd", "limited", "corp", "corporation", "inc", "incorporated", "llc", "plc", "gmbh", "company", "group"}
_MODEL_MAP = {"GPE": "City", "LOC": "Region", "ORG": "Organisation", "PERSON": "Person",
              "EVENT": "Project", "FAC": "Organisation"}


class EntityRecognizer:
    """Typed mentions of a doc from name chunks, the gazetteer, the model's entities and acronyms."""

    def __init__(self, nlp: Language, name: str, lexicon: str, min_len: int):
        self.name = name
        lex = load_lexicon(lexicon or str(DATA_DIR / "lexicon.toml"))
        self.names = NameChunker(lex)
        self.title_words = {w for t in lex["titles"]["words"] for w in t.split()}
        self.min_len = min_len  # a setting of pipeline.cfg; no rule reads it
        self.surnames = load_surnames()
        self.role_city_words = set(lex["chunk"].get("role_city_words", ()))
        self.edge_verbs = set(lex["chunk"].get("edge_verbs", ()))
        self.trade_words = set(lex["chunk"].get("trade_words", ()))
        self.street_words = set(lex["chunk"].get("street_words", ()))
        self.feature_words = set(lex["chunk"].get("natural_feature_words", ()))
        self.document_words = set(lex["chunk"].get("document_words", ()))
        self.events = EventNames(lex["chunk"].get("event_part_heads", ()), lex["chunk"].get("event_part_mods", ()),
                                 lex["chunk"].get("edition_words", ()), self.names.head_type, lex)
        self.theme_words = set(lex["chunk"].get("theme_words", ()))
        self.pinyin = PinyinPeople(self.names, self.surnames, self.title_words, lex["titles"].get("honorifics", ()), self.edge_verbs)
        self.headline_preps = set(lex["chunk"].get("headline_preps", ()))
        self.unit_name_nouns = set(lex["chunk"].get("unit_name_nouns", ()))
        self.place_cue_names = PlaceCueNames(lex, self.names.stop_initial, self.surnames)  # "Hefei-based X", "X, based in Y"

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
            if ent.label_ == "PERSON" and self.events.in_event_name(doc, ent.start, ent.end):
                continue  # "... Achievements Transfer and Transformation Conference": inside an event's name
            if lab:
                model_ents.append((ent.start, ent.end, lab, ent.label_))
            if ent.label_ == "PERSON":
                s, e = ent.start, ent.end
                if any(doc[k].lower_ in self.names.heads for k in range(s, e)):
                    continue
                # not a person: a place name, or a cut through a hyphenated word ("Hubei Sci" | "-tech")
                if any(k in gaz_tokens for k in range(s, e)) or (e < len(doc) and doc[e].text in ("-", "–") and not doc[e - 1].whitespace_) \
                        or any(doc[k].text[:1].islower() for k in range(s, e)):
                    continue
                person_tokens.update(range(s, e))
        headline = self._headline_sentences(doc)
        skip_gaz = set()
        # 1. name chunks typed by their head word
        place_tokens = {k for s, e, info in gaz if info["label"] in ("City", "Region") for k in range(s, e)}
        # pinyin names (3c below); "President of Xiangtan University Sun Li": the body's name ends before the name
        pinyin = self.pinyin(doc, gaz_tokens, gaz_starts)
        titled = [ps for ps, _, _, _, _ in pinyin if self.pinyin.title_of_body(doc, ps) is not None]
        for cs, ce, quoted in self.names.extend(doc, self.names.chunks(doc, person_tokens, place_tokens), gaz):
            ce = next((ps for ps in titled if cs < ps < ce), ce)
            # "the City of Perth of Australia", "Jiande Municipality of Zhejiang Province": a country or
            # province after a place name says where it is, it is not part of it
            for k in range(ce - 2, cs, -1):
                if doc[k].lower_ == "of" and gaz_by_span.get((k + 1, ce), {}).get("level") in ("country", "province") \
                        and self.names.head_type(doc, self._after_last_and(doc, cs, k), k)[0] == "City":
                    ce = k
                    break
            prev_piece = None
            for s, e in self.names.split_and(doc, cs, ce, gaz_starts):
                piece, prev_piece = prev_piece, (s, e)
                # "Huainan Municipal Party Committee and Municipal Government": the place is shared
                shared = self._shared_place(doc, piece, s, e, gaz_by_span)
                if shared:
                    cands.append(shared)
                    continue
                while s < e and ((doc[s].lower_ in self.names.stop_initial and not self.names.ordinal_body(doc, s, e) and not self.names.long.title_in_name(self.names, doc, s))
                                 or doc[s].lower_ in self.names.connectors
                                 or ((doc[s].lower_ in self.edge_verbs or (doc[s].pos_ == "VERB" and doc[s].lower_.endswith("ing")))
                                     and s + 1 < e and not quoted)):  # '"Contributing to X"': a quoted name keeps its verb
                    s += 1
                while e - 1 > s and doc[e - 1].lower_ in self.edge_verbs:
                    e -= 1  # "SITI Zhejiang Institute of Innovation Established": a headline's verb
                # "Harbin Hosts 3rd X Forum": a headline's capitalised verb inside the run; the name is after it
                cut = next((k for k in range(e - 3, s, -1) if doc[k].lower_ in self.edge_verbs and doc[k].text[:1].isupper()
                            and self.names.head_type(doc, k + 1, e)[::3] == ("Project", k + 1)), None)
                if cut is not None:
                    s = cut + 1
                if e - s <= 0:
                    continue
                label, kind, h, s = self.names.head_type(doc, s, e)
                text_low = doc[s:e].text.lower()
                if (s, e) in gaz_by_span:
                    continue  # the gazetteer knows it
                # "an Innovation China Hub City", "an Innovation China Pilot Zone": a programme and a role, not a
                # city (a zone of a name the gazetteer does not know is a programme: head_type)
                if (label == "City" or (kind == "zone" and any(ge == e - 2 and i["label"] == "Project" and gs >= s for (gs, ge), i in gaz_by_span.items()))) \
                        and e - s >= 3 and doc[e - 2].lower_ in self.role_city_words:
                    continue
                # 'themed "Science for Development"': a theme or a title, not a programme
                if quoted and any(doc[k].lower_ in self.theme_words for k in range(max(0, s - 4), s - 1)):
                    continue
                if quoted and s >= 3 and doc[s - 2].lower_ in ("on", "about") and doc[s - 3].lower_ in self.names.event_heads:
                    continue  # 'the conference on "Innovation in China"': the subject of an event, not a programme
                # "Wuxi CPPCC": a place and a national body's acronym name the body's local committee
                if label is None and e - s >= 2 and is_acronym(doc[e - 1].text):
                    place = next((pe for (gs, pe), info in gaz_by_span.items() if gs == s and info["label"] in ("City", "Region")), None)
                    body = gaz_by_span.get((e - 1, e), {})
                    if place == e - 1 and body.get("label") == "Organisation" and body.get("kind") in ("government", "party"):
                        cands.append((s, e, "Organisation", {"kind": body["kind"]}, 3))
                        skip_gaz.add((e - 1, e))  # the local committee, not the national body inside it
                        continue
                # '"Hundred Cities, Thousand Enterprises" action': a quoted name and a programme word; an event
                # word after a quoted name a body's word ends ('"Experts Walking into Enterprises" activity')
                if quoted and label != "Project" and e + 1 < len(doc) and doc[e + 1].is_lower \
                        and doc[e + 1].lower_ in self.names.project_heads \
                        and (self.names.project_heads[doc[e + 1].lower_] != "event" or label == "Organisation"):
                    cands.append((s, e, "Project", {"kind": self.names.project_heads[doc[e + 1].lower_]}, 3))
                    continue
                # 'a scheme dubbed "Experts into Every Village"': a quoted name after a naming word is a programme
                if quoted and label != "Project" and self.names.named_programme(doc, s - 1):
                    cands.append((s, e, "Project", {"kind": "programme"}, 3))
                    continue
                if label is None:
                    if quoted and e - s >= 2 and not any(doc[k].i in person_tokens for k in range(s, e)):
                        # '"Scientists Walking into Villages" activity': an event word after the quote makes it an event
                        ev = e + 1 < len(doc) and doc[e + 1].is_lower and self.names.project_heads.get(doc[e + 1].lower_) == "event"
                        cands.append((s, e, "Project", {"kind": "event" if ev else "programme"}, 3))
                    # "the Green Seeds initiative", "the Spring Sowing campaign": a name typed by the
                    # lower-case programme word right after it
                    elif e - s >= 2 and e < len(doc) and doc[e].is_lower and doc[e].lower_ in self.names.project_heads \
                            and (s, e) not in gaz_by_span and not any(k in person_tokens or k in place_tokens for k in range(s, e)):
                        kind = self.names.project_heads[doc[e].lower_]
                        cands.append((s, e, "Project", {"kind": kind}, 3))
                    continue
                # '"Green Seeds" Advisory Committee', '"Green Seeds" Service Station': a body or platform
                # named after a quoted programme (the programme stays, nested in it)
                qs = self._quoted_before(doc, s)
                if qs is not None and label in ("Organisation", "Project") and kind != "event":
                    s = qs
                    text_low = doc[s:e].text.lower()
                if text_low in self.names.generic or all(doc[k].lower_ in self.names.generic or doc[k].lower_ in self.names.connectors or doc[k].is_punct for k in range(s, e)):
                    continue
                if any(s <= k < e for k in headline) and not quoted:
                    # in a Title Case headline only an event's name after the last verb is kept
                    # ("Xianning Hosts 2021 Pilot Cities Meeting")
                    # (a capitalised preposition is a headline's word too: "X Shine At The Expo")
                    cut = max((k + 1 for k in range(s, e) if doc[k].lower_ in self.edge_verbs or doc[k].pos_ in ("VERB", "AUX")
                               or (k > s and doc[k].pos_ == "ADP" and doc[k].text[:1].isupper() and doc[k].lower_ in self.headline_preps)), default=s)
                    if not (label == "Project" and kind == "event" and e - cut >= 2 and self.names.head_type(doc, cut, e)[:2] == ("Project", "event")):
                        continue
                    s = cut
                    while s < e and doc[s].lower_ in self.names.stop_initial:
                        s += 1  # "At The Expo"
                if e - s < 2 and label != "Organisation":
                    continue
                # "Hubei's 1st National Photonics Base": an ordinal is part of an edition's name (events) only
                # (but "the 14th Five-Year Plan": the ordinal says which plan)
                if label == "Project" and kind != "event" and ORDINAL.match(doc[s].text) and e - s >= 3 \
                        and doc[s + 1:s + 4].text.lower().replace(" ", "") != "five-year":
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
        person_spans = [(ps, pe) for ps, pe, lab, _ in model_ents if lab == "Person" and pe - ps >= 2
                        and all(self.names.namey(doc[k]) for k in range(ps, pe)) and not any(ps < t < pe for t in titled)]
        for s, e, info in gaz:
            if (s, e) in skip_gaz:
                continue
            if info["label"] == "Organisation" and any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in person_spans):
                continue
            props = {k: info[k] for k in ("level", "kind") if info.get(k)}
            if info.get("parent"):
                props["parent"] = info["parent"]
            cands.append((s, e, info["label"], dict(props, canon=info["canon"]), 2))
        # 3. the model's entities as fallback
        title_words = self.title_words
        for s, e, lab, ent_label in model_ents:
            s2, e2 = s, e
            while s2 < e2 and (doc[s2].lower_ in self.names.stop_initial or doc[s2].is_punct):
                s2 += 1
            # "the Board of Directors of": a trailing connector is not part of the name
            while e2 > s2 and (doc[e2 - 1].is_punct and doc[e2 - 1].text not in (".",) or doc[e2 - 1].lower_ in self.names.connectors
                               or doc[e2 - 1].lower_ in ("'s", "’s")):  # "Huaqin Technology's new base": the owner's name
                e2 -= 1
            cut = next((t for t in titled if s2 < t < e2), None)  # "Chairman of Zoomlion Zhan Chunxin": ORG up to the name
            if e2 <= s2 or (cut is not None and lab == "Person"):
                continue
            e2 = cut or e2
            span = doc[s2:e2]
            if not any(self.names.namey(t) for t in span) or span.text.lower() in self.names.generic:
                continue
            if lab == "Person":
                if not all((self.names.namey(t) and (t.is_alpha or t.text.rstrip(".").isalpha() or "-" in t.text)) or t.text in ("-", "·") for t in span) or e2 - s2 > 4:
                    continue
                # "State Councilor", "Dean": an office, not a name
                if span[-1].lower_ in title_words or span[0].lower_ in ("state", "former") or all(t.lower_ in title_words for t in span):
                    continue
                if any(t.text in QUOTES_OPEN or t.text in QUOTES_CLOSE for t in span):
                    continue
                # "Hengtai Glass": a brand and a trade is a company, not a person
                if len(span) >= 2 and span[-1].lower_ in self.trade_words and span[0].lower_ not in self.surnames:
                    lab = "Organisation"
            if lab == "Organisation" and (len(span) == 1 and not span[0].text.isupper() and span[0].pos_ != "PROPN"
                                          or span[-1].lower_ in self.document_words and (s2, e2) not in gaz_by_span):
                continue  # a common noun; "the Implementation Measures": a document's title, no body
            # "the Memorandum on Establishing a Friendly Cooperation Relationship", "the Guide to Building
            # Innovative Cities": a gerund in a name without a body's head word is a document's title, no body
            if lab == "Organisation" and any(t.tag_ == "VBG" and t.i not in gaz_tokens for t in span) \
                    and not any(t.lower_ in self.names.org_heads for t in span) and span[-1].lower_ not in self.trade_words:
                continue
            if lab in ("City", "Region") and (s2, e2) not in gaz_by_span:
                # "Salt Lake Industry", "the Forum Secretariat": a name ending in a trade, a body's head or a
                # title is no place the model's GPE / LOC says
                last = span[-1].lower_
                if last in self.trade_words or last in self.names.org_heads or last in self.title_words \
                        or (len(span) >= 2 and last in self.feature_words):  # "the Xin'an River": a river, no region
                    continue
                low = span.text.lower()
                if low.endswith((" province", " region", " autonomous region")):
                    lab = "Region"
            if any(s2 <= k < e2 for k in headline) and lab not in ("Person",):
                continue
            props = {}
            # "the World Economic Forum" read as ORG, "the Games" as EVENT: an event by its head word
            if lab in ("Organisation", "Project"):
                hl, hk, _, hs = self.names.head_type(doc, s2, e2)
                if (hl == "Project" and hk == "event" and hs == s2) or (ent_label == "EVENT" and hl is None):
                    lab, props = "Project", {"kind": "event"}
                elif ent_label == "EVENT" and hl in ("Organisation", "Project") and hs == s2:
                    lab, props = hl, {"kind": hk}
                elif lab == "Organisation" and hl == "Project" and hs == s2 and doc[e2 - 1].lower_ in self.names.project_heads:
                    lab, props, s2 = "Project", {"kind": hk}, self.names.numbered_start(doc, s2)  # "the 863 Program" read as ORG
            cands.append((s2, e2, lab, props, 1))
        # 3b. people the model missed: "Zhou Ming, executive vice president of ...", "FANG Yunting, director of ..."
        title_words = self.title_words
        texts = [t.text for t in doc]  # read once: the loop looks at every token
        for i in range(len(doc) - 3):
            for n in (2, 3):
                if i + n + 1 >= len(doc) or texts[i + n] != ",":
                    continue
                toks = doc[i:i + n]
                if not all(t.is_alpha and t.text[0].isupper() and len(t) <= 12 for t in toks):
                    continue
                if i > 0 and doc[i - 1].is_alpha and doc[i - 1].text[0].isupper():
                    continue
                k = i + n + 1
                if doc[k].lower_ in ("the", "a", "an", "former") and k + 1 < len(doc):
                    k += 1
                if doc[k].lower_ not in title_words or any(t.lower_ in self.names.heads or t.lower_ in title_words or t.i in gaz_tokens for t in toks):
                    continue
                cands.append((i, i + n, "Person", {}, 1))
        # 3b'. companies made bodies by a unit noun beside them ("X, a subsidiary of Y", "its subsidiary X")
        named = {k for s, e, lab, _, pr in cands if lab in ("Organisation", "Project") and pr >= 2 for k in range(s, e)}
        cands += unit_name_candidates(doc, self.unit_name_nouns, gaz_by_span, self.names.stop_initial, named)
        cands += self.place_cue_names(doc, gaz_by_span, named, person_tokens, {k for s, e, *_ in pinyin for k in range(s, e)})
        # 3c. pinyin names: a surname and a capitalised given name are a person, even where the given
        #     name is also a place ("Gu Haidong", not the city Haidong)
        cands += pinyin
        # 4. acronyms: defined in brackets, known ones, and their later uses
        mentions = quoted_programme_events(doc, self._select(doc, cands), self.events.is_edition)
        mentions = bracket_aliases(doc, self.events.parts(doc, self.events.editions(doc, mentions)))
        defined_acronyms(self.names, doc, mentions, data)
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

    @staticmethod
    def _after_last_and(doc, s, e) -> int:
        """The start of the last name of "A and (the) B" in doc[s:e] (s when there is no "and")."""
        for k in range(e - 1, s, -1):
            if doc[k].lower_ in ("and", "&"):
                return k + 1 + (k + 1 < e and doc[k + 1].lower_ == "the")
        return s

    _LEVEL_WORDS = ("municipal", "provincial", "city", "county", "district", "prefectural")

    def _shared_place(self, doc, piece, s, e, gaz_by_span):
        """The second body of "X Municipal A and Municipal B" is X's too: an Organisation candidate
        named "X Municipal B" (its canonical name), or None."""
        if piece is None or piece[1] != s - 1 or doc[s - 1].lower_ not in ("and", "&") or e - s < 2:
            return None
        ps = piece[0]
        place = next((pe for (gs, pe), info in gaz_by_span.items() if gs == ps and info["label"] in ("City", "Region")), None)
        if place is None or place >= s - 2 or doc[place].lower_ != doc[s].lower_ or doc[s].lower_ not in self._LEVEL_WORDS:
            return None
        label, kind, _, start = self.names.head_type(doc, s, e)
        if label != "Organisation" or start != s:
            return None
        return (s, e, "Organisation", {"kind": kind, "canon": f"{doc[ps:place].text} {doc[s:e].text}"}, 3)

    def _quoted_before(self, doc, s) -> int | None:
        """The opening quote of a short quoted name that ends right before token s, else None."""
        if s < 3 or doc[s - 1].text not in QUOTES_CLOSE:
            return None
        for k in range(s - 2, max(-1, s - 11), -1):
            if doc[k].text in QUOTES_OPEN:
                return k if k < s - 2 else None
            if not (self.names.namey(doc[k]) or doc[k].lower_ in self.names.connectors or doc[k].like_num or doc[k].text in ("-", ",")):
                return None
        return None

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
            if label == "Organisation" and doc[e - 1].lower_ in self.street_words and s > 0 \
                    and (doc[s - 1].like_num or doc[s - 1].lower_ in ("no.", "no")):
                continue  # "No. 18 Wenyi Road", "66 Hengshan Road": a street of an address, no body
            overlap = {taken[k] for k in range(s, e) if k in taken}
            if not overlap:
                idx = len(chosen)
                chosen.append({"s": s, "e": e, "label": label, "props": props, "prio": prio})
                for k in range(s, e):
                    taken[k] = idx
            elif prio >= 2 and len(overlap) == 1:
                host = chosen[next(iter(overlap))]
                # "Huawei Technologies Co., Ltd.": a known company and its legal suffix are one name
                if s == host["s"] and e < host["e"] and label == "Organisation" and props.get("canon") \
                        and not host["props"].get("canon") and all(doc[k].lower_.rstrip(".") in _LEGAL or doc[k].is_punct for k in range(e, host["e"])):
                    host["props"]["canon"] = props["canon"]
                    continue
                # "Wuhan University" inside "Wuhan University of Technology": another body, not a part
                if s == host["s"] and e < host["e"] and label == "Organisation" and doc[e].lower_ == "of" \
                        and self.names.first_segment_head(doc, host["s"], host["e"]) == e - 1:
                    continue
                # "Ministry of Education" inside "Ministry of Education, Culture, Sports, Science and
                # Technology": the first field of a series, not a body of its own
                if label == "Organisation" and host["label"] == "Organisation" and e + 1 < host["e"] and doc[e].text == "," \
                        and e - s >= 3 and doc[e - 2].lower_ in ("of", "for"):
                    continue
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
                if doc[k].lower_ in ("of", "for"):
                    if any(n["s"] < k < n["e"] - 1 and n["host"] == [m["s"], m["e"]] for n in nested):
                        continue  # "Chinese Academy of Sciences Institute of X": the "of" of a name inside it
                    if doc[k].lower_ == "for" and m["label"] == "Project":
                        break  # "Symposium for the Exchange of X", "Fund for the Alliance of Y": its subject, no body
                    r = k + 1
                    if doc[r].lower_ == "the":
                        r += 1
                    if r >= m["e"]:
                        continue
                    bp = self.names.long.branch_parent(self.names, doc, m, k, nested)  # "X Bank of China Jiaxing Branch"
                    if bp is not None:
                        nested.append({"s": bp[0], "e": bp[1], "label": "Organisation", "props": {"kind": bp[2]}, "prio": 2, "nested": True, "host": [m["s"], m["e"]]})
                        break
                    label, kind, h, r = self.names.head_type(doc, r, m["e"])
                    if label == "Organisation" and m["e"] - r >= 2 and doc[r:m["e"]].text.lower() not in self.names.generic:
                        if not any(n["s"] == r and n["e"] == m["e"] for n in nested):
                            nested.append({"s": r, "e": m["e"], "label": label, "props": {"kind": kind},
                                           "prio": 2, "nested": True, "host": [m["s"], m["e"]]})
                    break
        self._district_of_city(doc, chosen, nested)
        self._place_of_body(doc, chosen, nested)
        out = []
        for m in chosen + nested:
            span = doc[m["s"]:m["e"]]
            m["text"] = span.text
            m["start_char"], m["end_char"] = span.start_char, span.end_char
            out.append(m)
        out.sort(key=lambda m: (m["s"], -m["e"]))
        return out

    def _district_of_city(self, doc, chosen, nested):
        """"Nansha District of Guangzhou", "Xixian New Area of Xi'an": the district goes by its own name
        ("Nansha District", the whole as a mention) and the place after "of" is named in its own right
        (the district is LOCATED_IN it: extract.rules.surface, nested-place)."""
        for m in chosen:
            if m["label"] != "City" or m["props"].get("canon"):
                continue
            k = next((k for k in range(m["s"] + 2, m["e"] - 1) if doc[k].lower_ == "of"), None)
            if k is None or self.names.place_heads.get(doc[k - 1].lower_, ("",))[0] != "City":
                continue
            r = k + 2 if doc[k + 1].lower_ == "the" else k + 1
            place = next((n for n in nested if (n["s"], n["e"]) == (r, m["e"]) and n["label"] in ("City", "Region")
                          and n["host"] == [m["s"], m["e"]]), None)
            if place is None:
                continue
            m["props"] = dict(m["props"], canon=doc[m["s"]:k].text)
            place["named"] = True

    _BODY_PLACE_LEVELS = ("province", "city", "district", "county")

    def _place_of_body(self, doc, chosen, nested):
        """"the Department of Science and Technology of the Guangxi Zhuang Autonomous Region": a place of
        China the gazetteer knows, named after "of (the)" at the end of a body's name, is named in its own
        right (an entity; the body's other relations to it follow). A place at the start of a name
        ("Zhejiang University") is no such statement."""
        hosts = {(m["s"], m["e"]): m for m in chosen if m["label"] == "Organisation"}
        for n in nested:
            host = hosts.get(tuple(n["host"]))
            if host is None or n["label"] not in ("City", "Region") or n["e"] != host["e"] or not n["props"].get("canon") \
                    or n["props"].get("level") not in self._BODY_PLACE_LEVELS:
                continue
            k = n["s"] - 1
            if k > host["s"] and doc[k].lower_ == "the":
                k -= 1
            if k > host["s"] and doc[k].lower_ == "of":
                n["named"] = True


@Language.factory("innograph_entities", default_config={"lexicon": "", "min_len": 1})
def make_entities(nlp: Language, name: str, lexicon: str, min_len: int):
    return EntityRecognizer(nlp, name, lexicon, min_len)

"""``innograph_coref``: in-document coreference.

Gives every mention a key (its canonical name if the gazetteer knows it, else its own text) and
makes the mentions of one entity share it: an acronym and its full name, "Huai" after "Huai
Jinpeng", an event's edition and its plain name, "X Institute" after "Binzhou X Institute". It also
finds anaphors ("the city", "the forum", "the company") and keeps them, keyed to their antecedent,
in ``doc.user_data["innograph"]["anaphora"]``.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from extract.components.shared import ORDINAL, ig
from extract.resources import DATA_DIR, load_lexicon
from graph.ids import primary_key

_ANAPHORS = {"the city": "City", "this city": "City", "our city": "City", "the province": "Region",
             "this province": "Region", "the municipality": "City", "the county": "City", "the district": "City"}
_ZONE_HEADS = ("zone", "park", "area")  # "the zone", "the park", "the new area"
# "the municipal government" -> the last organisation whose name has these words ("Wuhu Municipal
# Government"); longer phrases first
BODY_ANAPHORS = ("municipal party committee", "provincial party committee", "municipal people's government",
                 "provincial people's government", "municipal government", "provincial government", "city government",
                 "county government", "district government", "municipal committee", "provincial committee")


class Coreference:
    """Groups mentions of one entity: acronym and full name, short and full name, "the city"."""

    _edition_words: frozenset = frozenset()

    def __init__(self, nlp: Language, name: str):
        self.name = name
        lex = load_lexicon(str(DATA_DIR / "lexicon.toml"))
        dep = lex.get("dep", {})
        # "the coastal city", "the port city", "the provincial capital": a place's epithet before its noun
        self.place_epithets = set(lex.get("places", {}).get("anaphor_epithets", ()))
        self.event_nouns = set(dep.get("event_nouns", ()))
        self.event_mods = set(dep.get("event_ceremony_mods", ())) | {"annual", "whole", "two-day", "three-day", "same"}
        # "the Fifth X Congress" and "X Congress" are one event, as "the 5th X Congress" is ([chunk] edition_words)
        Coreference._edition_words = frozenset(load_lexicon(str(DATA_DIR / "lexicon.toml")).get("chunk", {}).get("edition_words", ()))

    @staticmethod
    def _edition_base(text: str) -> str:
        """"Silk Road Expo 2019" -> "Silk Road Expo"; "21st X" -> "X"."""
        words = text.split()
        if len(words) > 2 and re.fullmatch(r"(19|20)\d\d", words[-1]):
            words = words[:-1]
        if len(words) > 2 and (re.fullmatch(r"(19|20)\d\d", words[0]) or ORDINAL.match(words[0])
                               or words[0].lower() in Coreference._edition_words):
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
        zones = {}  # "the zone", "the park", "the new area": the last City whose name ends so
        for t in doc:
            while mi < len(ments) and ments[mi]["s"] <= t.i:
                mm = ments[mi]
                if mm["label"] in ("City", "Region"):
                    last[mm["label"]] = mm
                if mm["label"] == "City" and doc[mm["e"] - 1].lower_ in _ZONE_HEADS:
                    zones[doc[mm["e"] - 1].lower_] = mm
                mi += 1
            if t.lower_ in ("the", "this") and t.i + 1 < len(doc):
                z = self._zone_anaphor(doc, t.i, zones)
                if z is not None:
                    end, ant = z
                    anaphora.append({"s": t.i, "e": end, "label": "City", "props": {}, "prio": 0,
                                     "text": doc[t.i:end].text, "key": ant["key"], "anaphor": True,
                                     "start_char": t.idx, "end_char": doc[end - 1].idx + len(doc[end - 1])})
                    continue
            if t.i + 1 < len(doc):
                two = f"{t.lower_} {doc[t.i + 1].lower_}"
                n = 2
                if t.i + 3 < len(doc) and doc[t.i + 1].lower_ in self.place_epithets and doc[t.i + 1].is_lower and doc[t.i + 3].lower_ != "of":
                    two, n = f"{t.lower_} {doc[t.i + 2].lower_}", 3  # "the coastal city"
                lab = _ANAPHORS.get(two)
                # "the coastal city, Xiamen": the apposition names the city (no antecedent)
                named_after = t.i + n + 1 < len(doc) and doc[t.i + n].text == "," and n == 3 and self._is_name_start(doc[t.i + n + 1])
                if lab and lab in last and not named_after and (t.i + n >= len(doc) or not self._is_name_start(doc[t.i + n])):
                    ant = last[lab]
                    anaphora.append({"s": t.i, "e": t.i + n, "label": lab, "props": {}, "prio": 0,
                                     "text": doc[t.i:t.i + n].text, "key": ant["key"], "anaphor": True,
                                     "start_char": t.idx, "end_char": doc[t.i + n - 1].idx + len(doc[t.i + n - 1])})
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
                # "the Association" after "China Association for Science and Technology": the head
                # noun before the name's first "of" / "for" is its head too
                inner = next((k for k in range(mm["s"] + 1, mm["e"] - 1) if doc[k].lower_ in ("of", "for")), None)
                if inner is not None and not mm.get("nested") and doc[inner - 1].is_alpha:
                    last_by_head[(mm["label"], doc[inner - 1].lower_)] = mm
                if mm["label"] == "Organisation" and not mm.get("nested"):
                    low_text = mm["text"].lower()
                    for body in BODY_ANAPHORS:
                        if all(w in low_text for w in body.split()):
                            last_by_head[("Body", body)] = mm
                if mm["label"] == "Organisation" and not mm.get("nested") and mm["props"].get("kind") in (None, "", "enterprise"):
                    last_company = mm
                if mm["label"] == "Project":
                    last_project = mm
                    head = doc[mm["e"] - 1]
                    if not mm.get("nested") and (mm["props"].get("kind") == "event" or mm["e"] - mm["s"] >= 2
                                                 and head.lower_ in self.event_nouns and head.text[:1].isupper()):
                        last_event = mm  # an event, or a name headed by an event noun ("... Work Conference")
                oi += 1
            if t.lower_ not in ("the", "this") or t.i + 1 >= len(doc):
                continue
            # "the municipal government", "the provincial party committee": the last body so named
            body = self._body_anaphor(doc, t.i)
            if body is not None:
                phrase, end = body
                ant = last_by_head.get(("Body", phrase))
                if ant is not None:
                    anaphora.append({"s": t.i, "e": end, "label": "Organisation", "props": {}, "prio": 0,
                                     "text": doc[t.i:end].text, "key": ant["key"], "anaphor": True,
                                     "start_char": t.idx, "end_char": doc[end - 1].idx + len(doc[end - 1])})
                continue
            h = doc[t.i + 1]
            end = t.i + 2
            # "the two-day event", "the week-long forum", "this year's conference": a length or the year
            # before an event noun (the tokenizer splits "two-day" into three tokens)
            lead = self._event_lead(doc, t.i)
            if lead is not None:
                h, end = doc[lead], lead + 1
            # "the opening ceremony", "the annual meeting": one modifier before an event noun
            elif h.lower_ in self.event_mods and end < len(doc) and doc[end].lower_ in self.event_nouns:
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
                also = self._coordinated(doc, ordered, ant) if ant["label"] == "Project" else []
                if also:  # "the 3rd A Challenge and the 1st B Challenge ... The Challenge is hosted by X": both
                    anaphora[-1]["also"] = [m["key"] for m in also]
        anaphora += self._it_subject(doc, mentions)
        data["anaphora"] = anaphora
        return doc

    @staticmethod
    def _it_subject(doc, mentions) -> list[dict]:
        """"Hefei High-tech Zone was founded in 1991. It is home to ...": a sentence-initial "It" as the
        subject stands for the previous sentence's subject when that is a named body or place (not
        "It is expected that ...", not "It was attended by": an event's own rules read those)."""
        out = []
        by_start = {}
        for m in mentions:
            if not m.get("nested") and m["label"] in ("Organisation", "City"):
                by_start.setdefault(m["s"], m)
        prev_subj = None
        for sent in doc.sents:
            first = sent[0]
            if prev_subj is not None and first.text == "It" and first.dep_ in ("nsubj", "nsubjpass") and first.head.pos_ in ("VERB", "AUX") \
                    and not any(c.dep_ in ("ccomp", "xcomp", "acomp") and c.i > first.head.i for c in first.head.children
                                if first.head.lemma_ == "be"):
                out.append({"s": first.i, "e": first.i + 1, "label": prev_subj["label"], "props": {}, "prio": 0,
                            "text": first.text, "key": prev_subj["key"], "anaphor": True,
                            "start_char": first.idx, "end_char": first.idx + len(first)})
                continue  # "It is ... It has ...": the same subject goes on
            prev_subj = None
            root = sent.root
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                m = next((by_start[k] for k in range(subj.left_edge.i, subj.i + 1) if k in by_start
                          and by_start[k]["s"] <= subj.i < by_start[k]["e"]), None)
                if m is not None and not any(c.dep_ == "conj" for c in subj.children):
                    prev_subj = m
        return out

    @staticmethod
    def _coordinated(doc, ordered, ant) -> list[dict]:
        """The names of ant's head coordinated before it: "the third A Challenge and the first B
        Challenge" (only "and", commas, articles and editions between them)."""
        def head_of(m):  # "China Innovation Challenge (Shanghai)": the head before a bracketed place
            k = m["e"] - 1
            if doc[k].text == ")":
                k = next((q - 1 for q in range(k, m["s"], -1) if doc[q].text == "("), k)
            return doc[k].lower_

        head = head_of(ant)
        out, cur = [], ant
        for m in reversed([x for x in ordered if x["e"] <= ant["s"] and not x.get("nested") and x["label"] == "Project"]):
            gap = doc[m["e"]:cur["s"]]
            if m["e"] > cur["s"] or head_of(m) != head or not any(t.lower_ in ("and", ",") for t in gap) \
                    or not all(t.lower_ in ("and", ",", "the", "&") or t.like_num or ORDINAL.match(t.text)
                               or t.lower_ in ("first", "second", "third", "fourth", "fifth") for t in gap):
                break
            if m["key"] != ant["key"]:
                out.append(m)
            cur = m
        return out

    def _event_lead(self, doc, i) -> int | None:
        """Index of the event noun after "the two-day", "the week-long", "this year's", "the annual
        two-day" at token i, else None."""
        k = i + 1
        if doc[i].lower_ == "this" and k + 1 < len(doc) and doc[k].lower_ == "year" and doc[k + 1].lower_ in ("'s", "’s"):
            k += 2
        elif k + 2 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ in ("day", "long", "week", "month"):
            k += 3
        else:
            return None
        if k < len(doc) and doc[k].lower_ in self.event_mods:
            k += 1
        if k < len(doc) and doc[k].lower_ in self.event_nouns and doc[k].text.islower():
            return k
        return None

    @staticmethod
    def _zone_anaphor(doc, i, zones):
        """(end, antecedent) for "the zone", "the park", "the new area", "the high-tech zone" at token i
        (lower case, not followed by a name or "of"), when a City so named came before; else None."""
        k = i + 1
        if doc[k].lower_ == "new" and k + 1 < len(doc) and doc[k + 1].lower_ == "area":
            k += 1
        elif doc[k].lower_ in ("high", "hi") and k + 3 < len(doc) and doc[k + 1].text == "-" and doc[k + 2].lower_ == "tech":
            k += 3
        elif doc[k].lower_ in ("industrial", "development", "science", "tech", "technology", "economic") and k + 1 < len(doc) \
                and doc[k + 1].lower_ in _ZONE_HEADS:
            k += 1
        h = doc[k]
        if h.lower_ not in _ZONE_HEADS or not h.text.islower() or h.lower_ not in zones:
            return None
        if k + 1 < len(doc) and (doc[k + 1].lower_ in ("of", "for", "'s", "’s") or doc[k + 1].text[:1].isupper()):
            return None
        return k + 1, zones[h.lower_]

    @staticmethod
    def _body_anaphor(doc, i):
        """("municipal government", end) for "the municipal government" at token i (lower case, not
        followed by a name: "the municipal government of Wuhu" names its own), else None."""
        for phrase in BODY_ANAPHORS:
            words = phrase.split()
            end = i + 1 + len(words)
            if end <= len(doc) and [t.lower_ for t in doc[i + 1:end]] == words and doc[i + 1].text.islower():
                if end < len(doc) and doc[end].lower_ in ("of", "for") or end < len(doc) and doc[end].text[:1].isupper():
                    return None
                return phrase, end
        return None

    @staticmethod
    def _is_name_start(t) -> bool:
        return t.text[:1].isupper() and t.lower_ not in ("in", "of")


@Language.factory("innograph_coref")
def make_coref(nlp: Language, name: str):
    return Coreference(nlp, name)

"""``innograph_gazetteer``: China's places, countries and known organisations/projects, found with
PhraseMatchers over the data files (extract/data: provinces, regions, cities, aliases.tsv).

Its matches (token start, end and the entry's label, canonical name, level, parent, kind) go to
``doc.user_data["innograph"]["gaz"]`` for the entity recogniser.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extract.components.shared import ACRONYM, ig
from extract.resources import DATA_DIR, load_known, load_places


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

        self.lower_ok: set[str] = set()  # aliases written lower-case in the data ("northwest China", "rural revitalization strategy")

        def add(idx: int, surface: str, exact: bool = False):
            surface = surface.strip()
            if not surface:
                return
            if surface[:1].islower() and " " in surface:  # places and the few programmes the data writes so
                self.lower_ok.add(surface)
            (surfaces_exact if exact else surfaces_lower)[surface if exact else surface.lower()].append(idx)

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
            if p.label == "City" and p.level == "county":  # county-level cities: "Kunshan City", "Yiwu shi"
                forms += [f"{p.name} city", f"{p.name} shi", f"{p.name} county-level city"]
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

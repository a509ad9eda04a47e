"""LOCATED_IN from a name alone: a body or zone named after the place it is in (less sure than a
stated place, and only when the article names that place as an entity of its own: the relation is
keyed as the article's own mention of the place would be).

- "Jiangyin Municipal Government", "Ningbo Institute of X": the kinds of the lexicon's
  ``[place_named]`` ``kinds`` are in the place their name begins with;
- the ``city_kinds`` (a centre, a university) only after a city, district or county ("Zhejiang
  University" is no address), and not when a second city follows in the name (an enclave: "the
  Wucheng District Shanghai Innovation Center");
- a park named a "city" ("X Sci-Tech City"), a district or zone the gazetteer does not know: the city
  it begins with; "the China (Hefei) Pilot Free Trade Zone": the city or province in its brackets.
"""
from __future__ import annotations

from extract.resources import load_places
from graph.ids import primary_key


class NamesakeRules:
    """The LOCATED_IN relations a name gives, for one sentence's mentions."""

    def __init__(self, lex: dict, places):
        self.places = places
        self.place_named_kinds = set(lex.get("place_named", {}).get("kinds", ()))
        self.city_named_kinds = set(lex.get("place_named", {}).get("city_kinds", ()))
        # place names (and aliases, lower case) -> (label, canonical name, level), countries and wide regions left out
        self.named_places = {}
        for p in load_places():
            if p.level in ("country", "region"):
                continue
            for n in [p.name] + list(p.aliases):
                self.named_places.setdefault(n.lower(), (p.label, p.name, p.level))

    def __call__(self, doc, sent, top, out):
        """"Jiangyin Technology Transfer Center" -> in Jiangyin: the place its name begins with, keyed
        as the article's own mention of that place would be (no place entity, no relation)."""
        for m in top:
            if m.get("anaphor") or m.get("nested") or m.get("acronym_of"):
                continue
            kind = m["props"].get("kind")
            # a company only after a city (district, county); a park named a "city" ("X Sci-Tech City",
            # no gazetteer entry of its own) after the city it is in
            city_only = m["label"] == "Organisation" and kind in self.city_named_kinds
            zone = m["label"] == "City" and not m["props"].get("canon") and 0 < self.places.rank(m) <= 1
            if not (m["label"] == "Organisation" and kind in self.place_named_kinds or city_only or zone):
                continue  # a centre may carry its home city's name elsewhere ("the X Hangzhou Center")
            if any(r[0] is m and r[1] == "LOCATED_IN" and r[2]["props"].get("level") not in ("country", "region") for r in out):
                continue  # the sentence says where it is ("China (Hefei) X Zone": not the country only)
            words = m["text"].split()
            for n in (3, 2, 1):
                if n >= len(words):
                    continue
                hit = self.named_places.get(" ".join(words[:n]).lower())
                if hit is None or not words[n][:1].isupper():
                    continue
                label, canon, level = hit
                if (city_only or zone) and (label != "City" or level not in ("city", "district", "county")):
                    break
                if city_only and any(self.named_places.get(w.strip("()").lower(), ("",))[0] == "City" for w in words[n:]):
                    break  # "the Wucheng District Shanghai Innovation Center": one city's centre in another
                place = {"key": f"{label}|{primary_key(label, canon)}", "label": label, "s": m["s"], "e": m["s"] + n,
                         "text": " ".join(words[:n]), "props": {"canon": canon, "level": level}}
                conf = 0.5 if city_only else 0.55
                out.append((m, "LOCATED_IN", place, {}, conf, "named-after-city" if city_only else "named-after-place"))
                break
            else:
                if zone:  # "the China (Hefei) Pilot Free Trade Zone": a zone with its city in brackets
                    self._bracket_city(doc, m, out)

    def _bracket_city(self, doc, m, out):
        """The city (province) in brackets inside a zone's name, keyed as the article's own mention of it would be."""
        for k in range(m["s"] + 1, m["e"] - 2):
            if doc[k].text != "(":
                continue
            j = next((q for q in range(k + 1, min(k + 5, m["e"])) if doc[q].text == ")"), None)
            hit = self.named_places.get(doc[k + 1:j].text.lower()) if j else None
            if hit is not None and hit[2] in ("city", "province"):
                label, canon, level = hit
                place = {"key": f"{label}|{primary_key(label, canon)}", "label": label, "s": k + 1, "e": j,
                         "text": doc[k + 1:j].text, "props": {"canon": canon, "level": level}}
                out.append((m, "LOCATED_IN", place, {}, 0.6, "named-after-place"))
            return


"""PART_OF and LOCATED_IN stated by the way news names a unit, its owner or its home.

- a unit "at" its body: "the School of Materials Science and Engineering at Tianjin University",
  "the Institute of Physics at the Chinese Academy of Sciences" (the unit's name begins with a unit
  noun, "School of", "College of", "Department of");
- a unit, its bracketed acronym, then "of" its body: "the Dalian Institute of Chemical Physics (DICP)
  of the Chinese Academy of Sciences" (the bracket ends the name, so the "of" is the unit's owner);
- a unit ending a longer name, then its body after a comma: "the X Company of Institute of Process
  Engineering, Chinese Academy of Sciences" -> the institute is part of the academy (the unit named
  whole is read by :mod:`extract.rules.partners`);
- "the CAS-affiliated A", "the Huaxin-owned A": A is part of the body named before the dash;
- ownership: "A, a company (wholly) owned by B", "A, owned by B", "A, which is owned by B";
- a school or college of one university with no owner in its sentence: "the team at the School of
  Materials" in an article that names one university only (:meth:`UnitRules.orphans`, over the
  whole text);
- a unit named after its place, then its parent after a comma: "the Kunming Institute of Botany,
  Chinese Academy of Sciences", "the Shenzhen Institutes of Advanced Technology, CAS" (the parent an
  academy, or a university that does not go on a list; the words are the lexicon's ``[units]``);
- a unit at its parent, beyond "School of": "the State Key Laboratory of X at Y University", "the Z
  Research Center at the Y Institute";
- a unit and its parent named apart: "the National Observatories of the Chinese Academy of Sciences";
- "A, directly under B", "A, subordinate / attached to B" (the lexicon's ``[units]`` ``under_words``);
- a place that is home to bodies: "Suzhou is home to A and B", "Suzhou, home to A, ..." and "A, B and
  C are based / located in Suzhou" (read elsewhere) -> each body is in the place.

The words are the lexicon's ``[constructions]`` ``unit_nouns``.
"""
from __future__ import annotations

from extract.rules.common import PLACE

OWN_WORDS = ("owned", "controlled", "run", "operated")


class UnitRules:
    """The PART_OF / LOCATED_IN relations of one sentence stated by the constructions above."""

    def __init__(self, lex: dict, dep):
        self.dep = dep
        self.unit_nouns = set(lex.get("constructions", {}).get("unit_nouns", ())) | {"faculty", "school", "college"}
        u = lex.get("units", {})
        self.unit_heads = frozenset(u.get("unit_heads", ()))
        self.parent_heads = frozenset(u.get("parent_heads", ()))
        self.list_parent_heads = frozenset(u.get("list_parent_heads", ()))
        self.at_parent_words = frozenset(u.get("at_parent_words", ()))
        self.university_endings = tuple(" " + w for w in u.get("university_endings", ()))
        self.under_words = [tuple(w) for w in u.get("under_words", ())]
        self.home_verbs = frozenset(u.get("home_verbs", ()))

    def __call__(self, doc, sent, top, out, ms=()):
        """ms: all the sentence's mentions, nested ones too (top: those not nested)."""
        names = [m for m in top if not m.get("anaphor")]
        self._inner = {}  # host span -> the mentions nested in it
        for m in ms:
            if m.get("nested") and m.get("host"):
                self._inner.setdefault(tuple(m["host"]), []).append(m)
        starts = {m["s"]: m for m in names}
        self._unit_at(doc, sent, names, starts, out)
        self._acronym_of(doc, sent, names, starts, out)
        self._owned_by(doc, sent, names, starts, out)
        self._nested_unit_comma(doc, sent, names, starts, out)
        self._dash_affiliated(doc, sent, names, starts, out)
        self._place_unit_comma(doc, sent, names, starts, out)
        self._head_unit_at(doc, sent, names, starts, out)
        self._unit_of_parent(doc, sent, names, starts, out)
        self._is_under(doc, sent, names, starts, out)
        self._home_to(doc, sent, top, out)

    @staticmethod
    def _after(doc, sent, starts, k, skip=("the",)):
        while k < sent.end and doc[k].lower_ in skip:
            k += 1
        return starts.get(k)

    def _is_unit(self, m) -> bool:
        """"School of X", "College of Y", "Department of Z": a name that begins with a unit noun and "of"."""
        w = m["text"].split()
        return len(w) >= 3 and w[0].lower() in self.unit_nouns and w[1].lower() in ("of", "for")

    def _at_body(self, doc, sent, names, starts):
        """The pairs (A, B) of two bodies "A at (the) B" in the sentence."""
        for a in names:
            if a["label"] != "Organisation" or a["e"] + 1 >= sent.end or doc[a["e"]].lower_ != "at":
                continue
            b = self._after(doc, sent, starts, a["e"] + 1)
            if b is not None and b["label"] == "Organisation" and b["key"] != a["key"]:
                yield a, b

    def _unit_at(self, doc, sent, names, starts, out):
        """"the School of Materials Science and Engineering at Tianjin University"."""
        for a, b in self._at_body(doc, sent, names, starts):
            if self._is_unit(a):
                out.append((a, "PART_OF", b, {}, 0.65, "unit-at-body"))

    def _acronym_of(self, doc, sent, names, starts, out):
        """"the Dalian Institute of Chemical Physics (DICP) of CAS": the bracket closes the unit's name."""
        for a in names:
            k = a["e"]
            if a["label"] != "Organisation" or k + 3 >= sent.end or doc[k].text != "(" or doc[k + 2].text != ")":
                continue
            if doc[k + 3].lower_ != "of" or not any(w.lower() in self.unit_nouns for w in a["text"].split()):
                continue
            b = self._after(doc, sent, starts, k + 4)
            if b is not None and b["label"] == "Organisation" and b["key"] != a["key"]:
                out.append((a, "PART_OF", b, {}, 0.7, "unit-acronym-of"))

    def _nested_unit_comma(self, doc, sent, names, starts, out):
        """"the X Company of Institute of Y, Chinese Academy of Sciences": the unit nested at the end of
        the name is part of the body after the comma."""
        for host in names:
            k = host["e"]
            if host["label"] != "Organisation" or k + 1 >= sent.end or doc[k].text != ",":
                continue
            unit = next((m for m in self._inner.get((host["s"], host["e"]), ()) if m["e"] == host["e"] and m["s"] > host["s"]
                         and m["label"] == "Organisation" and self._is_unit(m)), None)
            b = self._after(doc, sent, starts, k + 1)
            if unit is None or b is None or b["label"] != "Organisation" or b["key"] in (unit["key"], host["key"]) \
                    or doc[b["e"] - 1].lower_ not in self.parent_heads or self._is_unit(b):
                continue
            out.append((unit, "PART_OF", b, {}, 0.65, "nested-unit-comma-parent"))

    def _unit_head(self, m) -> bool:
        """A unit by its head word: the word before the name's first "of", or its last word
        ("State Key Laboratory of X", "Y Research Center"); not a university named an institute."""
        w = m["text"].lower().split()
        if len(w) < 2 or m["text"].lower().endswith(self.university_endings):
            return False
        head = w[w.index("of") - 1] if "of" in w[1:] else w[-1]
        return head in self.unit_heads

    def _place_unit_comma(self, doc, sent, names, starts, out):
        """"the Kunming Institute of Botany, Chinese Academy of Sciences": a unit whose name begins with
        a place (or a word, "Institute of X" is read by partners.py), then its parent after a comma."""
        for a in names:
            k = a["e"]
            if a["label"] != "Organisation" or k + 1 >= sent.end or doc[k].text != "," or self._is_unit(a) or not self._unit_head(a):
                continue
            b = self._after(doc, sent, starts, k + 1)
            if b is None or b["label"] != "Organisation" or b["key"] == a["key"]:
                continue
            head = doc[b["e"] - 1].lower_
            acronym = b.get("acronym_of") or (b["e"] - b["s"] == 1 and doc[b["s"]].text.isupper())
            if head not in self.parent_heads and not acronym or self._unit_head(b):
                continue
            if head not in self.list_parent_heads and not acronym:
                # a university parent only where no list goes on ("A Institute, B University, C ..." is a list)
                e = b["e"]
                nxt = doc[e].lower_ if e < sent.end else "."
                if nxt == "," and e + 1 < sent.end and (e + 1 in starts or doc[e + 1].lower_ in ("and", "&", "the")):
                    nxt = "and"
                before = doc[a["s"] - 1].lower_ if a["s"] > sent.start else ""
                if nxt in ("and", "&") or before in (",", "and", "&"):
                    continue
            if acronym and b["e"] < sent.end and doc[b["e"]].lower_ not in (",", ")", ".", ";", "and"):
                continue  # "A Institute, CAS, ..." : the acronym closes the phrase ("A Institute, CAS Holdings" does not)
            out.append((a, "PART_OF", b, {}, 0.65, "place-unit-comma-parent"))

    def _head_unit_at(self, doc, sent, names, starts, out):
        """"the State Key Laboratory of X at Y University", "the Z Research Center at the Y Institute":
        a unit by its head word at a body that is a parent by its words."""
        for a, b in self._at_body(doc, sent, names, starts):
            if not self._is_unit(a) and self._unit_head(a) \
                    and self.at_parent_words & set(b["text"].lower().split()):
                out.append((a, "PART_OF", b, {}, 0.65, "unit-at-parent"))

    def _unit_of_parent(self, doc, sent, names, starts, out):
        """"the National Observatories of the Chinese Academy of Sciences", named apart: a unit by its
        head word, "of (the)", then a parent by its last word."""
        for a in names:
            k = a["e"]
            if a["label"] != "Organisation" or k + 1 >= sent.end or doc[k].lower_ != "of" or not self._unit_head(a):
                continue
            b = self._after(doc, sent, starts, k + 1)
            if b is not None and b["label"] == "Organisation" and b["key"] != a["key"] \
                    and doc[b["e"] - 1].lower_ in self.parent_heads and not self._unit_head(b):
                out.append((a, "PART_OF", b, {}, 0.7, "unit-of-parent"))

    def _is_under(self, doc, sent, names, starts, out):
        """"A, directly under B", "A (is) subordinate to B", "A is attached to B": B is A's parent ("A is
        under B" is :meth:`extract.rules.clauses.ClauseRules._be_under`'s, "A, under B" surface.py's)."""
        for a in names:
            k = a["e"]
            if a["label"] != "Organisation":
                continue
            if k < sent.end and doc[k].text == ",":
                k += 1
            be = k < sent.end and doc[k].lemma_ == "be"
            k += be
            for w in self.under_words:
                n = len(w)
                if be and w[-1] == "under":
                    continue  # "A is (directly) under B": ClauseRules._be_under reads the copula's "under"
                if tuple(t.lower_ for t in doc[k:min(k + n, sent.end)]) != w:
                    continue
                b = self._after(doc, sent, starts, k + n)
                if b is not None and b["label"] == "Organisation" and b["key"] != a["key"]:
                    out.append((a, "PART_OF", b, {}, 0.7, "is-under"))
                break

    def _dash_affiliated(self, doc, sent, names, starts, out):
        """"the CAS-affiliated Institute of X", "the Huaxin Group-owned Y Co.": the body after the
        participle is part of the one before the dash."""
        ends = {m["e"]: m for m in names}
        for t in sent:
            if t.lower_ not in ("affiliated", "owned", "run", "controlled") or t.i - 2 < sent.start or doc[t.i - 1].text not in ("-", "–"):
                continue
            b, a = ends.get(t.i - 1), starts.get(t.i + 1)
            if a is not None and b is not None and a["label"] == b["label"] == "Organisation" and a["key"] != b["key"]:
                out.append((a, "PART_OF", b, {}, 0.75, "x-affiliated"))

    def _owned_by(self, doc, sent, names, starts, out):
        """"A, a company wholly owned by B" / "A, owned by B" / "A, which is owned by B"."""
        for a in names:
            if a["label"] != "Organisation" or a["e"] + 3 >= sent.end or doc[a["e"]].text != ",":
                continue
            for k in range(a["e"] + 1, min(sent.end - 2, a["e"] + 8)):
                t = doc[k]
                if k in starts or t.text in (",", ";", "(") or t.pos_ == "VERB" and t.lower_ not in OWN_WORDS:
                    break
                if t.lower_ in OWN_WORDS and doc[k + 1].lower_ == "by":
                    b = self._after(doc, sent, starts, k + 2)
                    if b is not None and b["label"] == "Organisation" and b["key"] != a["key"]:
                        out.append((a, "PART_OF", b, {}, 0.7, "owned-by"))
                    break

    def _home_to(self, doc, sent, top, out):
        """"Suzhou is home to A and B" / "Suzhou, home to A, ...": each listed body is in the place."""
        at = self.dep.index(top)
        for t in sent:
            if t.lower_ != "home" or t.i + 2 >= sent.end or doc[t.i + 1].lower_ != "to":
                continue
            # the place: the subject of "is home to", or the name before ", home to"
            place = None
            if t.dep_ in ("attr", "advmod", "acomp") and t.head.lemma_ == "be":
                place = self.dep.subject_name(t.head, at)
            elif t.i - 2 >= sent.start and doc[t.i - 1].text == ",":
                place = at.get(t.i - 2)
            if place is None or place["label"] not in PLACE:
                continue
            obj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
            found = self.dep.members(doc, obj, at, ("Organisation",), sent) if obj is not None else []
            if not found:
                first = at.get(t.i + 2)
                found = self.dep.expand(doc, first, at, ("Organisation",), sent) if first is not None and first["label"] == "Organisation" else []
            for m in found:
                if not m.get("anaphor") and m["key"] != place["key"]:
                    out.append((m, "LOCATED_IN", place, {}, 0.7, "home-to"))
        # "Xi'an hosts A and B", "Hefei houses A": a place's present-tense verb of housing, its named bodies
        for t in sent:
            if t.lemma_.lower() not in self.home_verbs or t.tag_ not in ("VBZ", "VBP"):
                continue
            place = self.dep.subject_name(t, at, PLACE)
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            first = at.get(obj.i) if obj is not None else None
            if place is None or first is None or first["label"] != "Organisation" or first.get("anaphor"):
                continue
            for m in self.dep.expand(doc, first, at, ("Organisation",), sent):
                if not m.get("anaphor") and m["key"] != place["key"]:
                    out.append((m, "LOCATED_IN", place, {}, 0.7, "home-verb"))

    ACADEMIC = ("school", "college", "faculty")

    def orphans(self, doc, mentions, found_keys, sents):
        """"The team at the School of X" in a text that names one university only (and no other
        owner for X): the school is part of that university. ``found_keys``: the (source, type) of the
        relations found so far; returns (unit, university, sentence) triples, one per unit."""
        unis = {m["key"]: m for m in mentions if m["label"] == "Organisation" and not m.get("anaphor")
                and "university" in m["text"].lower().split() and not self._is_unit(m)}
        if len(unis) != 1:
            return []
        uni = next(iter(unis.values()))
        hosts = {tuple(m["host"]) for m in mentions if m.get("nested") and m.get("host") and m["label"] == "Organisation"}
        out, done = [], set()
        for m in mentions:
            if m["label"] != "Organisation" or m.get("nested") or m.get("anaphor") or not self._is_unit(m) \
                    or m["text"].split()[0].lower() not in self.ACADEMIC or (m["s"], m["e"]) in hosts \
                    or m["key"] in done or (m["key"], "PART_OF") in found_keys:
                continue
            sent = next((x for x in sents if x.start <= m["s"] < x.end), None)
            if sent is not None:
                done.add(m["key"])
                out.append((m, uni, sent))
        return out

"""LOCATED_IN of an address stated around a name (called by :class:`extract.rules.clauses.ClauseRules`
with the sentence's name index):

- a fronted participle of place: "Headquartered in Y, X ...", "Located in the north of Y, Z, the X
  ..." -> X LOCATED_IN Y (read on the tokens: the parser often hangs X on the place);
- a seat: "The headquarters of X are in Y", "X's headquarters is located in Y" -> X LOCATED_IN Y;
- a place and the one the gazetteer puts it in, one of them named inside a longer name
  ("Fengtai District and Tongzhou District of Beijing") -> Fengtai LOCATED_IN Beijing;
- "X in eastern China's Jiangsu Province" -> X LOCATED_IN Jiangsu (not China: the sentence names
  the province as X's place);
- a body's epithet of place: "SMIC, Shanghai's largest chipmaker", "Geely, a carmaker from Zhejiang",
  "the Shenzhen company DJI" -> X LOCATED_IN Y (a province or smaller: "China's largest" is no address);
- a group of bodies in a place and its members: "universities in Wuhan, including A and B" -> A, B
  LOCATED_IN Wuhan;

The words are the lexicon's ``[clauses]`` section, with ``[dep]`` ``place_nouns`` / ``locate_verbs``
and ``[places]`` ``part_nouns``.
"""
from __future__ import annotations

from extract.rules.common import PLACE, singular
from extract.rules.places import LEVEL_RANK

PROVINCE_RANK = LEVEL_RANK["province"]


def after_comma(doc, sent, k, at):
    """The name that opens the main clause after a fronted phrase ending at token k (", the X")."""
    if k >= sent.end or doc[k].text != ",":
        return None
    k += 1
    while k < sent.end and doc[k].lower_ == "the":
        k += 1
    m = at.get(k)
    return m if m is not None and m["s"] == k and not m.get("anaphor") else None


class AddressRules:
    """The LOCATED_IN relations of one sentence stated by the addresses above."""

    def __init__(self, lex: dict, dep, places):
        c = lex.get("clauses", {})
        self.dep = dep
        self.places = places
        self.fronted = set(c.get("fronted_place_participles", ()))
        self.fronted_words = set(c.get("fronted_place_words", ())) | set(lex.get("places", {}).get("part_nouns", ()))
        self.locate = set(lex["dep"].get("locate_verbs", ()))
        self.seat_nouns = set(c.get("seat_nouns", ()))
        self.group_nouns = set(c.get("located_group_nouns", ()))
        self.epithets = set(c.get("body_epithets", ()))
        self.not_epithets = set(lex["dep"].get("place_nouns", ())) | set(c.get("person_nouns", ()))

    def __call__(self, doc, sent, top, at, out, ms=()):
        self._fronted_place(doc, sent, at, out)
        self._seat_in(doc, sent, at, out)
        self._group_in(doc, sent, at, out)
        self._nested_parent(top, ms, out)
        self._in_possessive(doc, sent, at, out)
        self._epithet_place(doc, sent, top, at, out)

    # -- "Headquartered in Y, X ..." -------------------------------------------------------------
    def _fronted_place(self, doc, sent, at, out):
        k = sent.start
        if doc[k].lower_ not in self.fronted or k + 1 >= sent.end or doc[k + 1].lower_ not in ("in", "at"):
            return
        k += 1
        while k < sent.end and k not in at and doc[k].lower_ in self.fronted_words:
            k += 1
        place = at.get(k)
        if place is None or place["s"] != k or place["label"] not in PLACE or place.get("anaphor"):
            return
        k = place["e"]
        # "in Hefei, Anhui Province, the company ...": the wider places of the address
        while k + 1 < sent.end and doc[k].text == "," and k + 1 in at and at[k + 1]["s"] == k + 1 \
                and at[k + 1]["label"] in PLACE and at[k + 1]["e"] < sent.end and doc[at[k + 1]["e"]].text == ",":
            k = at[k + 1]["e"]
        x = after_comma(doc, sent, k, at)
        if x is not None and x["label"] in ("Organisation", "City", "Project") and self.places.may_lie_in(x, place):
            out.append((x, "LOCATED_IN", place, {}, 0.75, "fronted-place"))

    # -- "The headquarters of X are in Y", "X's headquarters is located in Y" -------------------------
    def _seat_in(self, doc, sent, at, out):
        for n in sent:
            if n.lower_ not in self.seat_nouns or n.dep_ not in ("nsubj", "nsubjpass") or n.i in at:
                continue
            owner = None
            for c in n.children:
                if c.dep_ == "poss" and c.i in at:
                    owner = at[c.i]
                elif c.dep_ == "prep" and c.lower_ == "of":
                    got = self.dep.pobj_names(c, at, ("Organisation",))
                    owner = got[0] if got else owner
            if owner is None or owner["label"] != "Organisation" or owner.get("anaphor"):
                continue
            v = n.head
            if v.lemma_ != "be" and v.lemma_.lower() not in self.locate:
                continue
            for y in self.dep.prep_names(v, at, PLACE, ("in", "at")):
                if self.places.may_lie_in(owner, y):
                    out.append((owner, "LOCATED_IN", y, {}, 0.75, "seat-in"))

    # -- "universities in Wuhan, including A and B" ------------------------------------------------
    def _group_in(self, doc, sent, at, out):
        """Read on the tokens (the parser hangs the list anywhere): a plural noun, "in" / "from" (or
        "based in", "located in") and a place, then a list marker and the names."""
        for n in sent:
            # "Universities in Y" opening a sentence: the parser may read it as a proper noun, its lemma unchanged
            if n.lemma_.lower() not in self.group_nouns and singular(n.lower_) not in self.group_nouns \
                    or n.tag_ not in ("NNS", "NNPS") or n.i in at:
                continue
            k = n.i + 1
            if k + 2 < sent.end and doc[k].lower_ in ("based", "located", "headquartered", "situated", "registered") and doc[k + 1].lower_ == "in":
                k += 1  # "companies based in Xiamen, including A and B"
            if k + 1 >= sent.end or doc[k].lower_ not in ("in", "from"):
                continue
            place = at.get(k + 1)
            if place is None or place["s"] != k + 1 or place["label"] not in PLACE or place.get("anaphor"):
                continue
            first = self._listed_first(doc, sent, place["e"], at)
            if first is None:
                continue
            for m in self.dep.expand(doc, first, at, ("Organisation",), sent):
                if not m.get("anaphor") and self.places.may_lie_in(m, place):
                    out.append((m, "LOCATED_IN", place, {}, 0.7, "group-in"))


    def _epithet_place(self, doc, sent, top, at, out):
        """A body described by a common noun of its place: "SMIC, Shanghai's largest chipmaker", "Geely,
        a carmaker from Zhejiang" (an apposition), "the Shenzhen company DJI" (the noun before the
        name). A country or a wider region is no address ("Alibaba, China's largest ..."); nor is a
        place noun ("Pudong, Shanghai's new district" is the gazetteer's) or a person's noun."""
        for n in sent:
            if n.dep_ != "appos" or n.pos_ != "NOUN" or n.i in at or n.head.i >= n.i:
                continue
            x = at.get(n.head.i)
            if x is None or x["label"] != "Organisation" or x.get("anaphor") or n.lemma_.lower() in self.not_epithets:
                continue
            for c in n.children:
                places = []
                if c.dep_ == "poss" and c.i in at:
                    places = [at[c.i]]
                elif c.dep_ == "prep" and c.lower_ in ("from", "in"):
                    places = self.dep.pobj_names(c, at, PLACE)
                for y in places:
                    if y["label"] in PLACE and 0 < self.places.rank(y) <= PROVINCE_RANK and self.places.may_lie_in(x, y):
                        out.append((x, "LOCATED_IN", y, {}, 0.7, "epithet-place"))
        # "the Shenzhen company DJI": a place, one to three lower-case words ending in a body noun, the name
        for y in top:
            if y["label"] not in PLACE or y.get("anaphor") or not (0 < self.places.rank(y) <= PROVINCE_RANK):
                continue
            k = y["e"]
            words = 0
            # the words are the body's description, not a clause: no verb but a modifier ("Beijing regulators
            # fined companies including A" says nothing of where A is; "Shanghai listed companies" does)
            while k < sent.end and words < 3 and k not in at and doc[k].is_lower and doc[k].is_alpha \
                    and doc[k].lower_ not in self.dep.list_markers \
                    and not (doc[k].pos_ in ("VERB", "AUX") and doc[k].dep_ not in ("amod", "compound")):
                k += 1
                words += 1
            if not words or k >= sent.end or singular(doc[k - 1].lower_) not in self.epithets:
                continue
            x = at.get(k)
            if x is not None and x["s"] == k and x["label"] == "Organisation" and not x.get("anaphor") and self.places.may_lie_in(x, y):
                out.append((x, "LOCATED_IN", y, {}, 0.7, "epithet-place"))
            elif x is None and doc[k - 1].lower_ != singular(doc[k - 1].lower_):
                self._epithet_list(doc, sent, k, y, at, out)

    def _listed_first(self, doc, sent, k, at):
        """The first body of a list that a list marker at k opens (after an optional comma: ", including
        A and B", "such as the A"), or None."""
        k += k < sent.end and doc[k].text == ","
        if k >= sent.end or doc[k].lower_ not in self.dep.list_markers:
            return None
        k += 1
        while k < sent.end and doc[k].lower_ in ("as", "the"):
            k += 1
        first = at.get(k)
        if first is None or first["s"] != k or first["label"] != "Organisation" or first.get("anaphor"):
            return None
        return first

    def _epithet_list(self, doc, sent, k, y, at, out):
        """"Ningbo enterprises such as A and B", "the Ningbo companies, including A and B": a plural body
        noun of a place, a list marker, then the names (each in the place)."""
        first = self._listed_first(doc, sent, k, at)
        if first is None:
            return
        have = {r[0]["key"] for r in out if r[1] == "LOCATED_IN" and r[2]["key"] == y["key"]}
        for m in self.dep.expand(doc, first, at, ("Organisation",), sent):
            if not m.get("anaphor") and m["key"] not in have and self.places.may_lie_in(m, y):
                out.append((m, "LOCATED_IN", y, {}, 0.7, "epithet-place"))

    def _in_possessive(self, doc, sent, at, out):
        """"X in eastern China's Jiangsu Province": X is in the place the region's possessive names (the
        words before the region, "eastern", keep the plain "X in Y" reading from it)."""
        for t in sent:
            if t.lower_ != "in" or t.i == sent.start:
                continue
            x = at.get(t.i - 1)
            if x is None or x["e"] != t.i or x["label"] not in ("Organisation", "City", "Project") or x.get("anaphor"):
                continue
            k = t.i + 1
            while k < sent.end and k not in at and doc[k].pos_ in ("ADJ", "DET"):
                k += 1
            r = at.get(k)
            if r is None or r["s"] != k or r["label"] not in PLACE or r["e"] + 1 >= sent.end \
                    or doc[r["e"]].lower_ not in ("'s", "’s"):
                continue
            p = at.get(r["e"] + 1)
            if p is not None and p["s"] == r["e"] + 1 and p["label"] in PLACE and self.places.may_lie_in(x, p):
                out.append((x, "LOCATED_IN", p, {}, 0.75, "in-possessive"))

    def _nested_parent(self, top, ms, out):
        """A place and the one place the gazetteer puts it in, one of them named inside a longer name of
        this sentence ("Fengtai District and Tongzhou District of Beijing", "Fengtai District signed with
        the Science and Technology Commission of Beijing"): the top-level pairs are the surface rules'."""
        nested = [m for m in ms if m.get("nested") and m.get("named") and not m.get("anaphor") and m["label"] in PLACE]
        if not nested:
            return
        here = [m for m in top if m["label"] in PLACE and not m.get("anaphor")] + nested
        by_name: dict[str, list] = {}
        for m in here:
            by_name.setdefault((m["props"].get("canon") or m["text"]).lower(), []).append(m)
        for a in here:
            parents = self.places.parents_of((a["props"].get("canon") or a["text"]).lower()) or set()
            if len(parents) != 1:
                continue  # a name two places share says no parent
            for b in by_name.get(next(iter(parents)), ()):
                if (a.get("nested") or b.get("nested")) and self.places.may_lie_in(a, b):
                    out.append((a, "LOCATED_IN", b, {}, 0.6, "gazetteer-nested"))

"""Relation rules over the words around names, one sentence at a time.

- nested names: "A of the B" (A PART_OF B), "B's A", a project named after its organiser, a name
  ending in a place;
- apposition ("Xiangfudang, Jiashan, Jiaxing"; "Harbin, capital city of Heilongjiang"), possessives
  ("East China's Zhejiang province", "CAST's HOME Program"), "X-based Y", "CAST-launched P", a place
  in brackets ("Hubei Institute of Optics (Wuhan)"), "X (located) in Y";
- people with titles, by :mod:`extract.rules.positions`, as each person is reached;
- a city and its province named in one sentence (the gazetteer's knowledge).
"""
from __future__ import annotations

from extract.rules.common import PLACE, QUOTES
from extract.rules.places import PlaceHierarchy
from extract.rules.positions import PositionRules
from graph.ids import primary_key

# the heads of an event that is a body's own gathering ("the Annual Meeting of X", "the 10th Congress of X")
OWN_MEETINGS = ("meeting", "congress", "conference", "assembly", "session", "plenary", "symposium", "forum", "summit", "convention")


class SurfaceRules:
    """LOCATED_IN, PART_OF and ORGANISES from the words next to names; HOLDS_POSITION via PositionRules."""

    def __init__(self, lex: dict, places: PlaceHierarchy, positions: PositionRules):
        self.places = places
        self.positions = positions
        self.org_verbs = set(lex["dep"]["organise_verbs"]) | set(lex["dep"]["guide_verbs"])
        self.place_named_kinds = set(lex.get("place_named", {}).get("kinds", ()))
        self.epithets = [tuple(p) for p in lex.get("surface", {}).get("epithet_phrases", ())]
        self.programme_words = set(lex.get("attendance", {}).get("programme_words", ())) - {"event", "activity"}

    def _epithet_before(self, doc, sent, start) -> bool:
        """"Shenzhen, known as China's Silicon Valley", "dubbed the Venice of the East": the possessive is
        a nickname after an epithet phrase (the lexicon's ``[surface] epithet_phrases``), not a place in a place."""
        k = start
        while k > sent.start and doc[k - 1].lower_ in ("the", "a", "an"):
            k -= 1
        words = tuple(t.lower_ for t in doc[max(sent.start, k - 3):k])
        return any(words[len(words) - len(p):] == p for p in self.epithets if len(p) <= len(words))

    @staticmethod
    def _starts_clause(doc, b) -> bool:
        """"Under the P programme, Wuxi has set up ...": the place after the comma is the subject of
        the clause that follows, no apposition."""
        for k in range(b["s"], b["e"]):
            h = doc[k].head
            if not (b["s"] <= h.i < b["e"]):
                return doc[k].dep_ in ("nsubj", "nsubjpass") and h.i >= b["e"] and h.pos_ in ("VERB", "AUX")
        return False

    @staticmethod
    def _tail_of_name(doc, sent, a) -> bool:
        """"Yangtze Delta Region Institute of Tsinghua University, Zhejiang" (the outer name not read as one):
        a body after a capitalised "X of" ends a longer name; a place after the comma belongs to that whole
        name, not to the body nested in it."""
        k = a["s"]
        return a["label"] == "Organisation" and k - 2 >= sent.start and doc[k - 1].lower_ == "of" and doc[k - 2].is_title \
            and doc[k - 2].pos_ in ("PROPN", "NOUN")

    BRANCH_WORDS = {"branch", "sub-branch", "subsidiary", "office", "representative", "research", "institute", "center", "centre",
                    "base", "campus", "school", "graduate", "division", "station", "laboratory", "lab"}

    def _branch_place(self, doc, host, m, ms) -> bool:
        """Is the city m, inside the organisation name host, the place of a branch: in brackets
        ("X (Ganzhou) Co., Ltd."), right after the parent's own name and before branch words ("Zhejiang
        University Ningbo Research Institute"), or first and followed by "Branch" ("Jiangyin Branch ...")?"""
        if m["e"] >= host["e"]:
            return False  # a place ending the name is read by nested-place
        if m["s"] == host["s"]:
            return doc[m["e"]].lower_ == "branch"
        if doc[m["s"] - 1].text == "(" and m["e"] < len(doc) and doc[m["e"]].text == ")":
            # a company's local incorporation ("X (Ganzhou) Co., Ltd."); a centre's bracket may name the
            # place it serves from elsewhere ("the Shanghai Innovation (Dongyang) Center": Dongyang's enclave)
            return host["props"].get("kind") == "enterprise"
        parent = next((o for o in ms if o.get("nested") and list(o.get("host") or ()) == [host["s"], host["e"]]
                       and o["label"] == "Organisation" and o["s"] == host["s"] and o["e"] == m["s"]), None)
        return parent is not None and doc[m["e"]].lower_ in self.BRANCH_WORDS

    def _programme_of(self, doc, host, m) -> bool:
        """Is the body m, ending the project name host, the owner of a programme ("X Programme of (the) m")?"""
        k = m["s"] - 1 - (doc[m["s"] - 1].lower_ == "the")
        return k - 1 > host["s"] and doc[k].lower_ == "of" and doc[k - 1].lower_ in self.programme_words

    def __call__(self, doc, sent, ms, out):
        """Append the relations of one sentence (ms: its mentions, by position) to out."""
        top = [m for m in ms if not m.get("nested") or m.get("anaphor")]
        top.sort(key=lambda m: m["s"])
        start_of = {m["s"]: m for m in top}
        # an anaphor begins with its article ("the municipal government"); rules that skip "the" look it
        # up at its head word
        for m in top:
            if m.get("anaphor") and m["label"] in ("Organisation", "City", "Region") and doc[m["s"]].lower_ in ("the", "this"):
                start_of.setdefault(m["s"] + 1, m)
        end_of = {m["e"]: m for m in top}

        def next_mention(i, skip=("the",)):
            while i < sent.end and doc[i].lower_ in skip:
                i += 1
            m = start_of.get(i)
            # "in East China's Zhejiang province": the possessed place is the one meant
            if m and m["label"] in PLACE and m["e"] + 1 < sent.end and doc[m["e"]].lower_ in ("'s", "’s"):
                m2 = start_of.get(m["e"] + 1)
                if m2 and m2["label"] in PLACE:
                    return m2
            return m

        # ---- nested names: "A of the B", "B's A", prefix organisations ------------------------
        for m in ms:
            if not m.get("nested") or m.get("acronym_of") or "host" not in m:
                continue
            host = next((h for h in top if [h["s"], h["e"]] == list(m["host"])), None)
            if host is None:
                continue
            if host["label"] == "Organisation" and m["label"] == "Organisation":
                out.append((host, "PART_OF", m, {}, 0.75, "nested-of"))
            elif host["label"] == "Project" and m["label"] == "Organisation" and m["s"] == host["s"]:
                out.append((m, "ORGANISES", host, {}, 0.6, "nested-prefix"))
            elif host["label"] == "Project" and m["label"] == "Organisation" and m["e"] == host["e"] \
                    and self._programme_of(doc, host, m):
                # "the Sci-Tech Volunteer Programme of the X Association" read as one name: the body's programme
                out.append((m, "ORGANISES", host, {}, 0.6, "nested-programme-of"))
            elif host["label"] == "Project" and m["label"] == "Project" and m["s"] <= host["s"] + 1 and m["e"] < host["e"] \
                    and m["props"].get("kind") == "programme":
                # "the (“)Innovation China(”) Ganzhou Innovation Base": a base or station of the programme
                out.append((host, "PART_OF", m, {}, 0.65, "nested-programme"))
            elif host["label"] in ("Organisation", "Project", "City") and m["label"] in PLACE and m["e"] == host["e"]:
                out.append((host, "LOCATED_IN", m, {}, 0.6, "nested-place"))
            elif host["label"] == "Organisation" and m["label"] in PLACE \
                    and all(doc[k].text.isupper() for k in range(host["s"], m["s"])) and m["s"] - host["s"] <= 1 \
                    and host["props"].get("kind") in self.place_named_kinds and m["props"].get("level") not in ("country", "region"):
                # "Xianning municipal Party committee", "CPC Wuxi Municipal Committee", "Ningbo Institute of X":
                # a body named after its place
                out.append((host, "LOCATED_IN", m, {}, 0.6, "name-place"))
            elif host["label"] == "Organisation" and m["label"] == "City" and self._branch_place(doc, host, m, ms):
                # "Huawei (Ganzhou) Co., Ltd.", "Zhejiang University Ningbo Research Institute", "Jiangyin Branch
                # Center of X": a branch or local company named after its place
                out.append((host, "LOCATED_IN", m, {}, 0.6, "name-branch-place"))
            elif host["label"] == "City" and m["label"] in PLACE and m["s"] == host["s"] and m["e"] < host["e"] \
                    and host["props"].get("level") in ("zone", "district", "county") and not self.places.parent_conflict(host, m) \
                    and not (self.places.rank(m) and self.places.rank(host) and self.places.rank(host) >= self.places.rank(m)):
                # "Hangzhou Xiaoshan Economic and Technological Development Zone": a zone named after its city
                out.append((host, "LOCATED_IN", m, {}, 0.6, "name-place"))

        # "the 10th National Congress of CAST", "the 2022 Annual Meeting of the X Society": a body's own meeting
        for m in ms:
            if not m.get("nested") or m.get("acronym_of") or m["label"] != "Organisation":
                continue
            k = m["s"] - 1 - (doc[m["s"] - 1].lower_ == "the")
            host = next((h for h in top if h["label"] == "Project" and h["props"].get("kind") == "event" and h["e"] == m["e"]
                         and h["s"] < k - 1), None)
            if host is not None and doc[k].lower_ == "of" and doc[k - 1].lower_ in OWN_MEETINGS:
                out.append((m, "ORGANISES", host, {}, 0.6, "nested-own-meeting"))

        for a in top:
            e = a["e"]
            nxt = doc[e] if e < sent.end else None
            # ---- apposition of places: "Xiangfudang, Jiashan, Jiaxing" ; "Harbin, capital city of Heilongjiang"
            if nxt is not None and nxt.text == "," and a["label"] in ("City", "Organisation", "Project", "Region"):
                k = e + 1
                # "capital (city) of"
                if k + 2 < sent.end and doc[k].lower_ == "capital":
                    k2 = k + 1
                    if doc[k2].lower_ == "city":
                        k2 += 1
                    if doc[k2].lower_ == "of":
                        b = next_mention(k2 + 1)
                        if b and b["label"] in PLACE:
                            out.append((a, "LOCATED_IN", b, {}, 0.9, "capital-of"))
                            continue
                if k + 1 < sent.end and doc[k].lower_ == "in" and a["label"] != "Region":
                    k += 1  # "the Baoji High-tech Zone, in northwest China's Shaanxi province,"
                b = next_mention(k)
                poss = None
                if b and b["label"] in PLACE and b["e"] + 1 < sent.end and doc[b["e"]].lower_ in ("'s", "’s"):
                    poss = b
                    b = start_of.get(b["e"] + 1)
                if b and b["label"] in PLACE and a["label"] != "Region" or (b and b["label"] == "Region" and a["label"] == "Region"):
                    after = doc[b["e"]].lower_ if b["e"] < sent.end else ""
                    in_list = after in ("and", "or") or (after == "," and b["e"] + 1 < sent.end and start_of.get(b["e"] + 1, {}).get("label") in PLACE
                                                         and self.places.rank(start_of[b["e"] + 1]) == self.places.rank(b))
                    ra, rb = self.places.rank(a), self.places.rank(b)
                    ok = not in_list and not (ra and rb and ra >= rb) and not self.places.parent_conflict(a, b) \
                        and not self._starts_clause(doc, b) and not self._tail_of_name(doc, sent, a)
                    if ok:
                        out.append((a, "LOCATED_IN", b, {}, 0.75, "apposition"))
                    if poss is not None and b is not None:
                        out.append((b, "LOCATED_IN", poss, {}, 0.8, "possessive"))
            # ---- possessive: "East China's Zhejiang province", "CAST's HOME Program", "the Academy of Sciences' X"
            if nxt is not None and (nxt.lower_ in ("'s", "’s") or nxt.text in ("'", "’") and doc[e - 1].lower_.endswith("s") and not doc[e - 1].whitespace_):
                k = e + 1
                while k < sent.end and k < e + 3 and doc[k].text in QUOTES:  # CAST's "Talent Program"
                    k += 1
                b = start_of.get(k)
                if b:
                    if a["label"] in PLACE and b["label"] in ("City", "Region", "Organisation", "Project"):
                        if not (self.places.rank(a) and self.places.rank(b) and self.places.rank(b) >= self.places.rank(a)) \
                                and not self._epithet_before(doc, sent, a["s"]):
                            out.append((b, "LOCATED_IN", a, {}, 0.8, "possessive"))
                    elif a["label"] == "Organisation" and b["label"] == "Organisation":
                        out.append((b, "PART_OF", a, {}, 0.6, "possessive"))
                    elif a["label"] == "Organisation" and b["label"] == "Project":
                        out.append((a, "ORGANISES", b, {}, 0.7, "possessive"))
            # ---- "the Jinan Institute (,) under Shandong University": a body under another is part of it
            k = e + 1 if nxt is not None and nxt.text == "," else e
            if a["label"] == "Organisation" and k + 1 < sent.end and doc[k].lower_ == "under":
                b = next_mention(k + 1)
                if b is not None and b["label"] == "Organisation" and b["key"] != a["key"]:
                    out.append((a, "PART_OF", b, {}, 0.7, "under"))
            # ---- "X-based Y"
            if e + 2 < sent.end and doc[e].text in ("-", "–") and doc[e + 1].lower_ == "based" and a["label"] in PLACE:
                b = next_mention(e + 2)
                if b is None:
                    b = next((m for m in top if m["s"] > e + 1 and m["s"] <= e + 6 and m["label"] in ("Organisation", "Project")), None)
                if b is None:
                    # "Zoomlion, a Changsha-based machinery maker": the body the appositive describes
                    noun = doc[e + 1]
                    while noun.dep_ in ("amod", "compound", "npadvmod") and noun.head is not noun and noun.head.i > noun.i:
                        noun = noun.head
                    if noun.dep_ == "appos" and noun.pos_ == "NOUN":
                        b = next((m for m in top if m["s"] <= noun.head.i < m["e"] and m["e"] <= a["s"]), None)
                if b and b["label"] in ("Organisation", "Project", "City"):
                    out.append((b, "LOCATED_IN", a, {}, 0.85, "x-based"))
            # ---- "CAST-launched Talent Program", "a Tsinghua-led project": the organiser in a compound modifier
            if e + 2 < sent.end and doc[e].text in ("-", "–") and not doc[e - 1].whitespace_ and a["label"] in ("Organisation", "Person") \
                    and (doc[e + 1].lemma_.lower() in self.org_verbs or doc[e + 1].lower_ in ("led", "run", "backed", "funded")):
                k = e + 2
                while k < sent.end and k < e + 5 and doc[k].text in QUOTES and k not in start_of:
                    k += 1
                b = start_of.get(k)
                if b and b["label"] == "Project":
                    out.append((a, "ORGANISES", b, {}, 0.8, "x-initiated"))
            # ---- "Hubei Institute of Optics (Wuhan)", "Japan (Osaka)": a place in brackets
            if e + 2 < sent.end and doc[e].text == "(" and a["label"] in ("Organisation", "Project", "City", "Region"):
                b = start_of.get(e + 1)
                if b and b["label"] in PLACE and b["e"] < sent.end and doc[b["e"]].text == ")":
                    ra, rb = self.places.rank(a), self.places.rank(b)
                    rb = rb or (2 if b["label"] == "City" else 0)  # a city the gazetteer does not know
                    if a["label"] in PLACE and ra and rb and rb < ra:
                        out.append((b, "LOCATED_IN", a, {}, 0.7, "bracket-place"))
                    elif not (a["label"] in PLACE and (not ra or not rb or ra >= rb)) and not self.places.parent_conflict(a, b):
                        out.append((a, "LOCATED_IN", b, {}, 0.7, "bracket-place"))
            # ---- "X in Y" / "X located in Y" / "the city of X in Y"
            k = e
            # "Hanjiang Photonics Co. (HJPC) in Yichang County": over the acronym in brackets
            if k + 3 < sent.end and doc[k].text == "(" and doc[k + 2].text == ")" and doc[k + 3].lower_ in ("in", "located", "based"):
                k += 3
            if k < sent.end and doc[k].lower_ in ("located", "based", "headquartered", "situated", "held", "opened", "opens", "concluded", "concludes", "settled", "registered", "established"):
                k += 1
            # "held by A in Y" / "founded by A in Y": Y is where the thing done is, not the agent
            by = a["s"] - 1 - (a["s"] - 2 >= sent.start and doc[a["s"] - 1].lower_ == "the")
            agent = k == e and by >= sent.start and doc[by].lower_ == "by" and doc[by].dep_ == "agent"
            if agent and k < sent.end and doc[k].lower_ == "in":
                # "the X Center, set up by A in Y": the thing done is in Y
                v = doc[by].head
                theme = v.head if v.dep_ in ("acl", "relcl") else next((c for c in v.children if c.dep_ == "nsubjpass"), None)
                t_m = next((m for m in top if theme is not None and m["s"] <= theme.i < m["e"] and m is not a), None)
                b = next_mention(k + 1)
                if t_m is not None and t_m["label"] in ("City", "Organisation", "Project") and b and b["label"] in PLACE \
                        and b["key"] != t_m["key"] and not (self.places.rank(t_m) and self.places.rank(b) and self.places.rank(t_m) >= self.places.rank(b)):
                    out.append((t_m, "LOCATED_IN", b, {}, 0.7, "done-by-in"))
            if k < sent.end and doc[k].lower_ == "in" and a["label"] in ("City", "Organisation", "Project") and not agent:
                b = next_mention(k + 1)
                if b and b["label"] in PLACE and not (self.places.rank(a) and self.places.rank(b) and self.places.rank(a) >= self.places.rank(b)) \
                        and not (a["label"] in PLACE and self.places.parent_conflict(a, b)):
                    conf = 0.8 if k > e and doc[k - 1].text != ")" else 0.7
                    out.append((a, "LOCATED_IN", b, {}, conf, "in"))
            # ---- people with titles
            if a["label"] == "Person":
                self.positions(doc, sent, a, top, start_of, end_of, out)

        # gazetteer knowledge: a city and its province named in one sentence
        # (each place's key computed once and indexed, each mention key paired once: linear in the
        # places of a sentence, not quadratic)
        places = [m for m in top if m["label"] in PLACE and not m.get("anaphor")]
        by_key: dict[str, dict] = {}  # primary key -> {mention key: index of its first mention}
        for n, m in enumerate(places):
            by_key.setdefault(primary_key(m["label"], m["props"].get("canon") or m["text"]), {}).setdefault(m["key"], n)
        done = set()
        for a in places:
            name = (a["props"].get("canon") or a["text"]).lower()
            if (a["key"], name) in done:  # the same pairs again
                continue
            done.add((a["key"], name))
            parents = self.places.parents_of(name)
            for n in sorted(n for p in parents or () for n in by_key.get(p, {}).values()):
                if places[n]["key"] != a["key"]:
                    out.append((a, "LOCATED_IN", places[n], {}, 0.6, "gazetteer"))

"""Typed relation extraction: rules over the parse and the mentions, a trigger lexicon kept as data.

Each rule reads one sentence and yields (source mention, type, target mention, properties,
confidence, rule name). Only the six typed relations of ONTOLOGY.md are produced; two names in one
sentence are never a relation by themselves.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract.components import ig
from extract.deprel import DepInterpreter, _singular
from extract.resources import DATA_DIR, load_lexicon, load_places
from graph.ids import primary_key
from graph.schema import ontology

PLACE = ("City", "Region")
ACTOR = ("City", "Region", "Organisation")
QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»", "《", "》"}
YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
LEVEL_RANK = {"zone": 0.5, "district": 1, "county": 1, "city": 2, "province": 3, "region": 4, "country": 5}


class RelationExtractor:
    def __init__(self, nlp, name, lexicon, min_confidence, dep_patterns=""):
        self.name = name
        lex = load_lexicon(lexicon or str(DATA_DIR / "lexicon.toml"))
        self.dep = DepInterpreter(lexicon or str(DATA_DIR / "lexicon.toml"), dep_patterns)
        trig = lex["triggers"]
        self.t_org_passive = set(trig["organises_passive"])
        self.t_org_active = set(trig["organises_active"])
        self.t_part = set(trig["participates"])
        self.t_coop = set(trig["cooperates"])
        self.t_partof = set(trig["part_of"])
        self.org_verbs = set(lex["dep"]["organise_verbs"]) | set(lex["dep"]["guide_verbs"])
        self.titles = {w for t in lex["titles"]["words"] for w in t.replace("-", " - ").split()}
        self.weak_titles = set(lex["titles"]["weak"])
        self.min_conf = min_confidence
        # gazetteer knowledge: place -> parent and level
        self.parent = {}
        self.level = {}
        for p in load_places():
            self.level.setdefault(p.name.lower(), p.level)
            if p.parent:
                self.parent.setdefault(p.name.lower(), set()).add(p.parent.lower())
        members = DATA_DIR / "region_members.tsv"
        if members.exists():
            for line in members.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#") and "\t" in line:
                    a, b = line.split("\t")[:2]
                    self.parent.setdefault(a.strip().lower(), set()).add(primary_key("Region", b.strip()))

    # -- helpers ---------------------------------------------------------------------------
    def _title_run(self, doc, i, j):
        """Tokens i..j-1 are all title words (with 'of the' not allowed): the title text, else None."""
        if j <= i:
            return None
        toks = doc[i:j]
        if all(t.lower_ in self.titles or t.text in ("-",) for t in toks):
            return " ".join(t.text for t in toks).replace(" - ", "-")
        return None

    def _year(self, sent):
        for t in sent:
            if YEAR.match(t.text):
                return int(t.text)
        return None

    def _rank(self, m):
        lvl = m["props"].get("level") or self.level.get((m["props"].get("canon") or m["text"]).lower())
        if not lvl:
            low = m["text"].lower()
            for suf, lv in ((" province", "province"), (" region", "region"), (" city", "city"), (" county", "county"), (" district", "district"), (" zone", "zone")):
                if low.endswith(suf):
                    lvl = lv
        return LEVEL_RANK.get(lvl or "", 0)

    def _known_parent_conflict(self, a, b):
        """True when the gazetteer says a's parent is some other place than b."""
        an = (a["props"].get("canon") or a["text"]).lower()
        bn = primary_key(b["label"], b["props"].get("canon") or b["text"])
        parents = self.parent.get(an)
        if not parents:
            return False
        # walk one more level (district -> city -> province)
        up = set(parents)
        for p in parents:
            up |= self.parent.get(p, set())
        return bn not in up

    # -- main ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        data = ig(doc)
        mentions = [m for m in data.get("mentions", [])] + list(data.get("anaphora", []))
        rels = []
        # sentences, merged where the parser split inside a name ("Zhou" | "Ming, vice president ...")
        inside = set()
        for m in mentions:
            inside.update(range(m["s"] + 1, m["e"]))
        sents = []
        for sent in doc.sents:
            if sents and sent.start in inside:
                sents[-1] = doc[sents[-1].start:sent.end]
            else:
                sents.append(sent)
        sent_of = {}
        for sent in sents:
            for k in range(sent.start, sent.end):
                sent_of[k] = sent.start
        by_sent = {}
        for m in mentions:
            by_sent.setdefault(sent_of.get(m["s"], 0), []).append(m)
        dep_by_sent = {}
        for mt in data.get("dep", []):
            anchor = mt["nodes"].get("TRIGGER", min(mt["nodes"].values()))
            dep_by_sent.setdefault(sent_of.get(anchor, 0), []).append(mt)
        for sent in sents:
            ms = sorted(by_sent.get(sent.start, []), key=lambda m: (m["s"], -m["e"]))
            if len(ms) < 1:
                continue
            found = []
            try:
                self._rules(doc, sent, ms, found)
                top = sorted((m for m in ms if not m.get("nested") or m.get("anaphor")), key=lambda m: m["s"])
                year = self._year(sent) or data.get("dateline_years", {}).get(sent.start)
                self.dep(doc, sent, top, dep_by_sent.get(sent.start, []), found, year, self)
            except Exception:  # noqa: BLE001 - a rule that trips on one sentence must not sink the doc
                data["skipped"] = data.get("skipped", 0) + 1
                continue
            for src, typ, tgt, props, conf, rule in found:
                if src["key"] == tgt["key"] or conf < self.min_conf:
                    continue
                if not ontology().allows(src["label"], typ, tgt["label"]):
                    continue
                rels.append({"source_key": src["key"], "target_key": tgt["key"], "type": typ,
                             "properties": props, "confidence": conf, "rule": rule,
                             "sent_start": sent.start_char, "sent_end": sent.end_char})
        data["relations"] = rels
        return doc

    def _rules(self, doc, sent, ms, out):
        top = [m for m in ms if not m.get("nested") or m.get("anaphor")]
        top.sort(key=lambda m: m["s"])
        start_of = {m["s"]: m for m in top}
        end_of = {m["e"]: m for m in top}
        year = self._year(sent) or ig(doc).get("dateline_years", {}).get(sent.start)

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
            elif host["label"] in ("Organisation", "Project", "City") and m["label"] in PLACE and m["e"] == host["e"]:
                out.append((host, "LOCATED_IN", m, {}, 0.6, "nested-place"))

        for idx, a in enumerate(top):
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
                b = next_mention(k)
                poss = None
                if b and b["label"] in PLACE and b["e"] + 1 < sent.end and doc[b["e"]].lower_ in ("'s", "’s"):
                    poss = b
                    b = start_of.get(b["e"] + 1)
                if b and b["label"] in PLACE and a["label"] != "Region" or (b and b["label"] == "Region" and a["label"] == "Region"):
                    after = doc[b["e"]].lower_ if b["e"] < sent.end else ""
                    in_list = after in ("and", "or") or (after == "," and b["e"] + 1 < sent.end and start_of.get(b["e"] + 1, {}).get("label") in PLACE
                                                         and self._rank(start_of[b["e"] + 1]) == self._rank(b))
                    ra, rb = self._rank(a), self._rank(b)
                    ok = not in_list and not (ra and rb and ra >= rb) and not self._known_parent_conflict(a, b)
                    if a["label"] in ("Organisation", "Project") and not (idx == 0 or True):
                        ok = False
                    if ok:
                        out.append((a, "LOCATED_IN", b, {}, 0.75, "apposition"))
                    if poss is not None and b is not None:
                        out.append((b, "LOCATED_IN", poss, {}, 0.8, "possessive"))
            # ---- possessive: "East China's Zhejiang province", "CAST's HOME Program"
            if nxt is not None and nxt.lower_ in ("'s", "’s"):
                k = e + 1
                while k < sent.end and k < e + 3 and doc[k].text in QUOTES:  # CAST's "Talent Program"
                    k += 1
                b = start_of.get(k)
                if b:
                    if a["label"] in PLACE and b["label"] in ("City", "Region", "Organisation", "Project"):
                        if not (self._rank(a) and self._rank(b) and self._rank(b) >= self._rank(a)):
                            out.append((b, "LOCATED_IN", a, {}, 0.8, "possessive"))
                    elif a["label"] == "Organisation" and b["label"] == "Organisation":
                        out.append((b, "PART_OF", a, {}, 0.6, "possessive"))
                    elif a["label"] == "Organisation" and b["label"] == "Project":
                        out.append((a, "ORGANISES", b, {}, 0.7, "possessive"))
            # ---- "X-based Y"
            if e + 2 < sent.end and doc[e].text in ("-", "–") and doc[e + 1].lower_ == "based" and a["label"] in PLACE:
                b = next_mention(e + 2, skip=("the",) + tuple(t for t in ()))
                if b is None:
                    b = next((m for m in top if m["s"] > e + 1 and m["s"] <= e + 6 and m["label"] in ("Organisation", "Project")), None)
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
                    ra, rb = self._rank(a), self._rank(b)
                    rb = rb or (2 if b["label"] == "City" else 0)  # a city the gazetteer does not know
                    if a["label"] in PLACE and ra and rb and rb < ra:
                        out.append((b, "LOCATED_IN", a, {}, 0.7, "bracket-place"))
                    elif not (a["label"] in PLACE and (not ra or not rb or ra >= rb)) and not self._known_parent_conflict(a, b):
                        out.append((a, "LOCATED_IN", b, {}, 0.7, "bracket-place"))
            # ---- "X in Y" / "X located in Y" / "the city of X in Y"
            k = e
            # "Hanjiang Photonics Co. (HJPC) in Yichang County": over the acronym in brackets
            if k + 3 < sent.end and doc[k].text == "(" and doc[k + 2].text == ")" and doc[k + 3].lower_ in ("in", "located", "based"):
                k += 3
            if k < sent.end and doc[k].lower_ in ("located", "based", "headquartered", "situated", "held", "opened", "opens", "concluded", "concludes", "settled", "registered", "established"):
                k += 1
            if k < sent.end and doc[k].lower_ == "in" and a["label"] in ("City", "Organisation", "Project"):
                b = next_mention(k + 1)
                if b and b["label"] in PLACE and not (self._rank(a) and self._rank(b) and self._rank(a) >= self._rank(b)) \
                        and not (a["label"] in PLACE and self._known_parent_conflict(a, b)):
                    conf = 0.8 if k > e and doc[k - 1].text != ")" else 0.7
                    out.append((a, "LOCATED_IN", b, {}, conf, "in"))
            # ---- people with titles
            if a["label"] == "Person":
                self._person(doc, sent, a, top, start_of, end_of, out)

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
            parents = self.parent.get(name)
            for n in sorted(n for p in parents or () for n in by_key.get(p, {}).values()):
                if places[n]["key"] != a["key"]:
                    out.append((a, "LOCATED_IN", places[n], {}, 0.6, "gazetteer"))
        self._organises(doc, sent, top, out)
        self._participates(doc, sent, top, out, year)
        self._cooperates(doc, sent, top, out)

    # -- HOLDS_POSITION --------------------------------------------------------------------
    def _person(self, doc, sent, p, top, start_of, end_of, out):
        # before the name: "CAST executive vice president Huai Jinpeng", "Mayor of Jiaxing Zhang San"
        i = p["s"]
        j = i
        while j - 1 >= sent.start and (doc[j - 1].lower_ in self.titles or doc[j - 1].text == "-"):
            j -= 1
        title = self._title_run(doc, j, i)
        if title:
            org = end_of.get(j)
            if org is None and j - 1 >= sent.start and doc[j - 1].lower_ in ("'s", "’s"):
                org = end_of.get(j - 1)
            if org and org["label"] in ("Organisation", "City", "Region"):
                self._hold(p, org, title, 0.85, "org-title-name", out)
                return
            # "Professor Li Hua and Professor Wang Lei of the School of X": titled names, then "of ORG"
            people = {m["s"]: m for m in top if m["label"] == "Person"}
            k = p["e"]
            while k + 1 < sent.end and doc[k].lower_ in (",", "and"):
                k2 = k + 1
                while k2 < sent.end and (doc[k2].lower_ in self.titles or doc[k2].text == "-"):
                    k2 += 1
                if k2 > k + 1 and k2 in people:
                    k = people[k2]["e"]
                    continue
                break
            if k + 1 < sent.end and doc[k].lower_ in ("of", "from"):
                k += 1
                if doc[k].lower_ == "the":
                    k += 1
                org = start_of.get(k)
                if org and org["label"] in ("Organisation", "City", "Region"):
                    self._hold(p, org, title, 0.8, "title-name-of-org", out)
                    return
            # "Vice President of CAST Huai Jinpeng" / "President of Zhejiang University, Wu Zhaohui"
        k = i
        if k - 1 >= sent.start and doc[k - 1].text == ",":
            k -= 1
        org = end_of.get(k)
        if org and org["label"] in ("Organisation", "City", "Region") and not self._in_appositive_list(doc, sent, org["s"], top):
            s0 = org["s"]
            if s0 - 1 >= sent.start and doc[s0 - 1].lower_ == "the":
                s0 -= 1
            if s0 - 1 >= sent.start and doc[s0 - 1].lower_ in ("of", "at"):
                j = s0 - 1
                while j - 1 >= sent.start and (doc[j - 1].lower_ in self.titles or doc[j - 1].text == "-"):
                    j -= 1
                title = self._title_run(doc, j, s0 - 1)
                if title:
                    self._hold(p, org, title, 0.8, "title-of-org-name", out)
                    return
        # after the name: "Huai Jinpeng, executive vice president of CAST", also several offices in a row
        # ("X, vice-chairperson of A, and president of B") up to the next person
        e = p["e"]
        if e < sent.end and doc[e].text in (",", "("):
            found_any = False
            people_starts = {m["s"] for m in top if m["label"] == "Person"}
            j = e + 1
            limit = min(sent.end, e + 45)
            while j < limit:
                if j in people_starts:
                    break
                tok = doc[j]
                if tok.dep_ == "ROOT" and tok.pos_ == "VERB":
                    break
                if tok.lower_ in ("of", "at") and j - 1 > e and doc[j - 1].lower_ in self.titles:
                    k = j + 1
                    if k < sent.end and doc[k].lower_ == "the":
                        k += 1
                    org = start_of.get(k)
                    if org and org["label"] in ("Organisation", "City", "Region"):
                        b = j
                        while b - 1 > e and (doc[b - 1].lower_ in self.titles or doc[b - 1].text == "-"):
                            b -= 1
                        title = self._title_run(doc, b, j)
                        if title:
                            self._hold(p, org, title, 0.85 if not found_any else 0.8, "name-title-of-org", out)
                            found_any = True
                            j = org["e"]
                            continue
                j += 1
            if found_any:
                return
            k = e + 1
            org = start_of.get(k)
            if org and org["label"] in ("Organisation", "City", "Region"):
                j = org["e"]
                if j < sent.end and doc[j].lower_ in ("'s", "’s"):
                    j += 1
                j2 = j
                while j2 < sent.end and (doc[j2].lower_ in self.titles or doc[j2].text == "-"):
                    j2 += 1
                title = self._title_run(doc, j, j2)
                if title:
                    self._hold(p, org, title, 0.8, "name-org-title", out)

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
        t = title.strip()
        if t.lower() in self.weak_titles:
            conf -= 0.2
        out.append((p, "HOLDS_POSITION", org, {"title": t}, conf, rule))

    # -- ORGANISES ---------------------------------------------------------------------------
    def _by_agents(self, doc, sent, top, i):
        """Organisations (and people) in a by-phrase starting at token i: "by A, B and C"."""
        agents = []
        start_of = {m["s"]: m for m in top}
        k = i
        while k < sent.end:
            while k < sent.end and doc[k].lower_ in ("the", ",", "and", "as", "well", "jointly", "also", "both"):
                if doc[k].lower_ == "as" and not (k + 1 < sent.end and doc[k + 1].lower_ == "well"):
                    break
                k += 1
            m = start_of.get(k)
            if m is None:
                break
            # "the Institute of X University, Zhejiang": a place after a bare comma locates, it does not list
            if agents and m["label"] in ("City", "Region") and agents[-1]["label"] not in ("City", "Region") \
                    and not any(doc[q].lower_ in ("and", "&", "well") for q in range(agents[-1]["e"], k)):
                break
            # "... with B, and C launched D": C is the subject of a clause of its own
            if agents and any(doc[q].dep_ in ("nsubj", "nsubjpass") and doc[q].head.i >= m["e"] for q in range(m["s"], m["e"])):
                break
            if m["label"] in ("Organisation", "Person", "City", "Region"):
                agents.append(m)
            k = m["e"]
            if k + 2 < sent.end and doc[k].text == "(" and doc[k + 2].text == ")":
                k += 3
            # "the People's Government of X" is a single mention; stop at anything else
            if k < sent.end and doc[k].text not in (",", "and") and doc[k].lower_ not in ("as",):
                break
        return agents

    def _organises(self, doc, sent, top, out):
        projects = [m for m in top if m["label"] == "Project"]
        if not projects:
            return
        for t in sent:
            low = t.lower_
            if low == "by" and t.i - 1 >= sent.start:
                # trigger right before "by": "co-hosted by", "launched by", "organized by"
                j = t.i - 1
                trig = doc[j].lower_
                if trig in ("jointly", "also"):
                    j -= 1
                    trig = doc[j].lower_
                if j - 2 >= sent.start and doc[j - 1].text == "-" and doc[j - 2].lower_ == "co":
                    pass
                if trig not in self.t_org_passive and not trig.endswith(("hosted", "sponsored", "organised", "organized")):
                    continue
                agents = [a for a in self._by_agents(doc, sent, top, t.i + 1) if a["label"] in ("Organisation", "Person")]
                if not agents:
                    continue
                # the thing organised: the project right before the trigger, else the next project
                # after the by-phrase (a fronted "Co-hosted by A and B, the X ...")
                before = [m for m in projects if m["e"] <= j and j - m["e"] <= 12]
                after = [m for m in projects if m["s"] > agents[-1]["e"]]
                target = None
                fronted = all(not (doc[x].is_alpha and doc[x].pos_ in ("NOUN", "PROPN", "PRON", "AUX")) or doc[x].lower_ in ("co",)
                              for x in range(sent.start, j))  # "Co-hosted by A, the P ..." but not "It was approved by A"
                if fronted and after:
                    target = after[0]
                elif before:
                    target = before[-1]
                elif after and after[0]["s"] - agents[-1]["e"] <= 4 \
                        and not any(doc[x].pos_ == "ADP" for x in range(agents[-1]["e"], after[0]["s"])):
                    target = after[0]  # not "supported by A under the P programme"
                if target is None:
                    continue
                role = "guide" if trig.startswith("guid") else None
                for a in agents:
                    out.append((a, "ORGANISES", target, {"role": role} if role else {}, 0.8, "passive-by"))
                if len(agents) >= 2 and (doc[t.i - 1].lower_ == "jointly" or doc[max(sent.start, t.i - 3)].lower_ == "co"
                                         or trig.startswith("co")):
                    acts = [a for a in agents if a["label"] in ACTOR]
                    for x in range(len(acts)):
                        for y in range(x + 1, len(acts)):
                            out.append((acts[x], "COOPERATES_WITH", acts[y], {}, 0.6, "co-organisers"))
            elif low in self.t_org_active and t.pos_ == "VERB" and t.dep_ not in ("amod", "acl"):
                subj = [c for c in t.children if c.dep_ in ("nsubj",)]
                if not subj:
                    continue
                sm = self._mention_at(top, subj[0])
                if sm is None or sm["label"] not in ("Organisation", "Person"):
                    continue
                objs = [m for m in projects if m["s"] > t.i and self._in_subtree(t, doc[m["s"]]) and not self._crosses_verb(doc, t.i, m["s"])]
                conj = [sm] + [self._mention_at(top, c) for c in subj[0].conjuncts]
                for ag in conj:
                    if ag is None or ag["label"] not in ("Organisation", "Person"):
                        continue
                    for o in objs[:1]:
                        out.append((ag, "ORGANISES", o, {}, 0.75, "active-verb"))
        # "Innovation China is a programme of CAST"
        for p in projects:
            k = p["e"]
            if k + 3 < sent.end and doc[k].lower_ in ("is", "was") and doc[k + 1].lower_ in ("a", "an", "the"):
                j = k + 2
                while j < sent.end and doc[j].lower_ in ("programme", "program", "project", "initiative", "platform", "brand", "event", "activity", "national", "key", "major", "flagship", "important"):
                    j += 1
                if j < sent.end and j > k + 2 and doc[j].lower_ in ("of", "by", "launched", "initiated"):
                    j += 1
                    if doc[j].lower_ == "by":
                        j += 1
                    m = self._mention_at(top, doc[j]) if j < sent.end else None
                    if m is None and j < sent.end and doc[j].lower_ == "the":
                        m = self._mention_at(top, doc[j + 1])
                    if m and m["label"] == "Organisation":
                        out.append((m, "ORGANISES", p, {}, 0.75, "programme-of"))

    @staticmethod
    def _mention_at(top, tok):
        for m in top:
            if m["s"] <= tok.i < m["e"]:
                return m
        return None

    @staticmethod
    def _in_subtree(head, tok):
        return head.left_edge.i <= tok.i <= head.right_edge.i

    @staticmethod
    def _crosses_verb(doc, i, j):
        return any(doc[k].pos_ == "VERB" and doc[k].dep_ in ("ROOT", "ccomp", "conj") for k in range(i + 1, j))

    # -- PARTICIPATES_IN ---------------------------------------------------------------------
    def _participates(self, doc, sent, top, out, year):
        projects = [m for m in top if m["label"] == "Project"]
        if not projects:
            return
        words = {t.lower_ for t in sent}
        if not (words & self.t_part):
            return
        props = {"year": year} if year else {}
        for t in sent:
            low = t.lower_
            if low not in self.t_part:
                continue
            # "X was selected as / named / approved as ... P"; "X joined / took part in / attended P"
            if t.pos_ in ("VERB", "AUX"):
                subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not subj:
                    continue
                sm = self._mention_at(top, subj[0])
                if sm is None or sm["label"] not in ("City", "Region", "Organisation", "Person"):
                    continue
                objs = [m for m in projects if m["s"] > t.i and self._in_subtree(t, doc[m["s"]]) and m["s"] - t.i <= 25
                        and not self._crosses_verb(doc, t.i, m["s"])]
                if not objs:
                    continue
                role = self._role(doc, t.i, objs[0]["s"])
                p = dict(props, role=role) if role else dict(props)
                agents = [sm] + [self._mention_at(top, c) for c in subj[0].conjuncts]
                for ag in agents:
                    if ag is None or ag["label"] not in ("City", "Region", "Organisation", "Person"):
                        continue
                    if ag["label"] == "Person" and low not in ("attended", "participated", "joined", "took", "won", "received", "awarded"):
                        continue
                    out.append((ag, "PARTICIPATES_IN", objs[0], p, 0.75, "verb-subject"))
        # enumerations: "four cities were on the list, namely A, B, C and D" / "including A, B and C"
        for t in sent:
            if t.lower_ in ("namely", "including", "include", "includes", "are", "were", ":") and any(p["s"] < t.i for p in projects):
                members = []
                k = t.i + 1
                start_of = {m["s"]: m for m in top}
                while k < sent.end:
                    while k < sent.end and doc[k].lower_ in (",", "and", "the", "as", "well"):
                        k += 1
                    m = start_of.get(k)
                    if m is None or m["label"] not in ("City", "Organisation", "Region"):
                        break
                    members.append(m)
                    k = m["e"]
                if len(members) >= 2:
                    proj = [p for p in projects if p["s"] < t.i][-1]
                    role = self._role(doc, sent.start - 1, t.i)
                    for m in members:
                        out.append((m, "PARTICIPATES_IN", proj, dict(props, role=role) if role else dict(props), 0.65, "enumeration"))

    def _role(self, doc, i, j):
        words = [_singular(t.lower_) for t in doc[i + 1:j] if t.is_alpha]
        for rw in self.dep.role_words:
            n = len(rw)
            if any(tuple(words[k:k + n]) == rw for k in range(len(words) - n + 1)):
                return " ".join(rw)
        return None

    # -- COOPERATES_WITH ---------------------------------------------------------------------
    def _cooperates(self, doc, sent, top, out):
        words = {t.lower_ for t in sent}
        if not (words & self.t_coop):
            return
        actors = [m for m in top if m["label"] in ACTOR]
        if len(actors) < 2:
            return
        for t in sent:
            low = t.lower_
            # "cooperation between A and B"
            if low == "between":
                ms = self._by_agents(doc, sent, top, t.i + 1)
                ms = [m for m in ms if m["label"] in ACTOR]
                if len(ms) >= 2 and any(doc[k].lower_ in self.t_coop for k in range(max(sent.start, t.i - 4), t.i)):
                    for x in range(len(ms)):
                        for y in range(x + 1, len(ms)):
                            out.append((ms[x], "COOPERATES_WITH", ms[y], {}, 0.75, "between"))
            # "jointly built by A, B and C"
            if low == "by" and t.i - 2 >= sent.start and "jointly" in (doc[t.i - 2].lower_, doc[t.i - 1].lower_):
                ms = [m for m in self._by_agents(doc, sent, top, t.i + 1) if m["label"] in ACTOR]
                for x in range(len(ms)):
                    for y in range(x + 1, len(ms)):
                        out.append((ms[x], "COOPERATES_WITH", ms[y], {}, 0.7, "jointly-by"))
            # "A signed an agreement with B", "A cooperates with B", "A, together with B"
            if low == "with" and t.i + 1 < sent.end:
                trig_near = any(doc[k].lower_ in self.t_coop for k in range(max(sent.start, t.i - 6), t.i))
                if not trig_near:
                    continue
                bs = [m for m in self._by_agents(doc, sent, top, t.i + 1) if m["label"] in ACTOR]
                if not bs:
                    continue
                head = t.head
                while head.dep_ not in ("ROOT",) and head.pos_ not in ("VERB",) and head.head is not head:
                    head = head.head
                subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                a = self._mention_at(top, subj[0]) if subj else None
                if a is None:
                    before = [m for m in actors if m["e"] <= t.i and not any(doc[k].pos_ == "VERB" and doc[k].dep_ == "ROOT" for k in range(m["e"], t.i))]
                    a = before[-1] if before else None
                if a is None or a["label"] not in ACTOR:
                    continue
                alist = [a] + [self._mention_at(top, c) for c in (subj[0].conjuncts if subj else ())]
                for x in alist:
                    if x is None or x["label"] not in ACTOR:
                        continue
                    for b in bs:
                        out.append((x, "COOPERATES_WITH", b, {}, 0.75, "with"))
            # "A and B signed an agreement / jointly built ..."
            if low in self.t_coop and t.pos_ in ("VERB", "ADV", "NOUN"):
                verb = t if t.pos_ == "VERB" else t.head
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    group = [self._mention_at(top, subj[0])] + [self._mention_at(top, c) for c in subj[0].conjuncts]
                    group = [g for g in group if g is not None and g["label"] in ACTOR]
                    uniq = []
                    for g in group:
                        if g not in uniq:
                            uniq.append(g)
                    for x in range(len(uniq)):
                        for y in range(x + 1, len(uniq)):
                            out.append((uniq[x], "COOPERATES_WITH", uniq[y], {}, 0.7, "coordinated-subject"))


@Language.factory("innograph_relations", default_config={"lexicon": "", "min_confidence": 0.5, "dep_patterns": ""})
def make_relations(nlp, name, lexicon, min_confidence, dep_patterns):
    return RelationExtractor(nlp, name, lexicon, min_confidence, dep_patterns)


def finalize_relations(rels, key_to_ent, cleaned) -> list[dict]:
    """Mention keys -> entities; ontology check; one row per (source, type, target), best first."""
    best = {}
    onto = ontology()
    for r in rels:
        s = key_to_ent.get(r["source_key"])
        t = key_to_ent.get(r["target_key"])
        if s is None or t is None or s["id"] == t["id"]:
            continue
        if not onto.allows(s["type"], r["type"], t["type"]):
            continue
        src, tgt = s, t
        if onto.relations[r["type"]].symmetric and t["id"] < s["id"]:
            src, tgt = t, s
        key = (src["id"], r["type"], tgt["id"])
        if key in best and best[key]["confidence"] >= r["confidence"]:
            continue
        start, end = cleaned.span_to_original(r["sent_start"], r["sent_end"])
        best[key] = {"source": src["name"], "source_id": src["id"], "type": r["type"], "target": tgt["name"],
                     "target_id": tgt["id"], "properties": {k: v for k, v in r["properties"].items() if v not in (None, "")},
                     "evidence": cleaned.text[r["sent_start"]:r["sent_end"]].strip(), "start": start, "end": end,
                     "confidence": round(float(r["confidence"]), 2), "extractor": f"innograph/{r['rule']}"}
    return sorted(best.values(), key=lambda x: (x["start"], x["type"], x["source_id"], x["target_id"]))

"""LOCATED_IN from constructions of English news the surface and dependency rules do not read.

- a place hosts an event: "Hangzhou hosted / will host E" -> E is in Hangzhou (a place runs
  nothing: ORGANISES needs an organisation);
- an event and the place of its verb: "E kicked off / closed / concluded in Y", "E was held at the
  X Center in Y";
- headquarters: "A has its headquarters in Y", "A, with its headquarters in Y", "the
  Y-headquartered A", "the Y-hosted E";
- an appositive with a place: "A, a research institute from Y", "A, a Y research institute";
- a venue and its place: "Tianjin's X Convention Center hosted panels as part of E" -> E is in
  Tianjin; "A will be built / is located in the X Center of Shangcheng District", "E was held at the
  X Hall of Y" -> A, E are in the place the sentence puts the venue in (``[venues]`` ``site_verbs``);
- a body from a place: "A from Y showed ..." -> A is in Y (a body, not a person: people travel);
- a list of bodies (or of cities) in one place: "A, B and C in Y" -> each is in Y, as the last one is;
- a region in a wider one: "Silicon Valley in the US", "Zhejiang in East China" (the gazetteer's
  parents, where it knows them, must agree);
- a body at a place: "the Talent Enclave at the Hangzhou Future Sci-Tech City" (a city, district,
  zone or park: "at" a province or a country is no address);
- the first of its kind in a place: "A has been named a national base, the first of its kind in
  Henan province" -> A (the clause's subject) is in Henan (a province or a smaller place: "the
  first in China" says no more than the country);
- "respectively": "A and B, set up in Shanghai and Hangzhou respectively" -> A in Shanghai, B in
  Hangzhou (and neither in the other's place);
- a body or zone named after its place ("Jiangyin Municipal Government" in Jiangyin):
  :mod:`extract.rules.namesakes`;
- a city (district, county) and the province (city) the gazetteer puts it in, named in different
  sentences of one article: the place is in it (0.55; never a wider region: "the Yangtze River
  Delta" is no address).

The words are the lexicon's ``[constructions]`` section (``host_verbs``, ``event_verbs``).
"""
from __future__ import annotations

from extract.rules.common import PLACE, QUOTES
from extract.rules.facilities import FacilityRules
from extract.rules.gatherings import GatheringRules
from extract.rules.namesakes import NamesakeRules
from extract.rules.place_founders import PlaceFounderRules
from extract.rules.places import ArticleParents
from extract.rules.residence import ResidenceRules
from graph.ids import primary_key

NAME_ONLY = ("name-place", "named-after-place", "named-after-city", "nested-place")  # a place the name alone gives


class LocationRules:
    """The LOCATED_IN relations of one sentence stated by the constructions above."""

    def __init__(self, lex: dict, dep, places):
        c = lex.get("constructions", {})
        self.dep = dep
        self.places = places
        self.host_verbs = set(c.get("host_verbs", ()))
        self.event_verbs = set(c.get("event_verbs", ()))
        self.kind_nouns = set(c.get("local_nouns", ())) | set(c.get("kind_nouns", ()))
        self.place_nouns = set(lex["dep"].get("place_nouns", ()))
        self.site_verbs = set(lex.get("venues", {}).get("site_verbs", ()))
        self.host_phrases = [tuple(x) for x in lex.get("places", {}).get("host_phrases", ())]
        self.article = ArticleParents(places)  # a city and its province named in two sentences
        self.residence = ResidenceRules(lex, dep, places)  # "A moved into Y"; "A, B and C are based in Y"
        self.namesakes = NamesakeRules(lex, places)  # a body or zone named after its place
        self.named_places = self.namesakes.named_places
        self.facilities = FacilityRules(lex, places)  # "X's Nanchang base", "the Weihai campus of X"
        self.founders = PlaceFounderRules(lex, dep, places)  # "Wuhan will set up the X Base"
        self.gatherings = GatheringRules(lex, dep, places)  # "experts gathered in Wuxi for E"

    def __call__(self, doc, sent, top, out, ms=()):
        at = self.dep.index(top)
        self._place_hosts(doc, sent, at, out)
        self._event_verb_in(doc, sent, at, out)
        self._headquarters(doc, sent, at, out)
        self._appositive_place(doc, sent, top, at, out)
        self.namesakes(doc, sent, top, out)
        self._place_of_place(doc, sent, top, at, out)
        self._copula_kind_in(doc, sent, top, at, out)
        self._possessive_ordinal(doc, sent, top, at, out)
        self._respectively(doc, sent, top, out)
        self._venue_hosts(doc, sent, at, out)
        self._body_from(doc, sent, top, at, out)
        self._list_in(doc, sent, top, out)
        self._region_in(doc, sent, top, at, out)
        self._at_place(doc, sent, top, at, out)
        self._first_in(doc, sent, top, at, out)
        self._at_venue(doc, sent, at, out)
        self.residence(doc, sent, at, out)
        self.facilities(doc, sent, top, at, out)
        self.founders(doc, sent, at, out)
        self.gatherings(doc, sent, at, out)
        # a place named in its own right inside a body's name ("the Department of X of Guangxi") counts too
        self.article(doc, top + [m for m in ms if m.get("nested") and m.get("named") and not m.get("anaphor")], out)

    def _place_hosts(self, doc, sent, at, out):
        """"Hangzhou hosted the 2023 X Conference", "Chengdu played host to E": the event is in the host city."""
        for v in sent:
            for verb, noun, prep in self.host_phrases:
                if v.lemma_.lower() != verb:
                    continue
                place = self.dep.subject_name(v, at, PLACE)
                if place is None:
                    continue
                for n in v.children:
                    # "played host to E" (the preposition on the verb or the noun), "the host city of E"
                    if n.dep_ in ("dobj", "attr") and n.i not in at and (n.lemma_.lower() == noun or any(
                            c.dep_ == "compound" and c.lemma_.lower() == noun for c in n.children)):
                        for c in list(n.children) + [c for c in v.children if c.i > n.i]:
                            if c.dep_ == "prep" and c.lower_ == prep:
                                for p in c.children:
                                    ev = at.get(p.i) if p.dep_ == "pobj" else None
                                    if ev is not None and ev["label"] == "Project" and self.dep.is_event(doc, ev) and self.places.may_lie_in(ev, place):
                                        out.append((ev, "LOCATED_IN", place, {}, 0.7, "place-hosts"))
        for v in sent:
            if v.lemma_.lower() not in self.host_verbs or v.pos_ not in ("VERB", "AUX") or self.dep.is_passive(v):
                continue
            place = self.dep.subject_name(v, at)
            if place is None or place["label"] not in PLACE:
                continue
            for c in v.children:
                if c.dep_ != "dobj":
                    continue
                ev = at.get(c.i)
                if ev is not None and ev["label"] == "Project" and self.dep.is_event(doc, ev) and self.places.may_lie_in(ev, place):
                    out.append((ev, "LOCATED_IN", place, {}, 0.75, "place-hosts"))

    def _event_verb_in(self, doc, sent, at, out):
        """"E kicked off in Y", "E concluded in Y", "E was held at the X Center in Y"."""
        for v in sent:
            if v.lemma_.lower() not in self.event_verbs or v.pos_ not in ("VERB", "AUX"):
                continue
            ev = self.dep.subject_name(v, at)
            if ev is None or ev["label"] != "Project" or not self.dep.is_event(doc, ev):
                continue
            if any(c.lower_ in ("will", "would", "'ll") for c in v.children) and ev.get("anaphor"):
                continue  # "the forum will be held in Y next year": a later edition
            preps = [c for c in v.children if c.dep_ == "prep"]
            # "at the X Center in Y": the place of the venue
            for c in list(preps):
                if c.lower_ == "at":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            preps += [x for x in p.children if x.dep_ == "prep" and x.lower_ == "in"]
            for c in preps:
                if c.lower_ != "in":
                    continue
                for p in c.children:
                    place = at.get(p.i) if p.dep_ == "pobj" else None
                    if place is not None and self.places.may_lie_in(ev, place):
                        out.append((ev, "LOCATED_IN", place, {}, 0.7, "event-verb-in"))

    def _headquarters(self, doc, sent, at, out):
        """"A has its headquarters in Y", "A, with its headquarters in Y", "the Y-headquartered A"."""
        for t in sent:
            low = t.lower_
            if low in ("headquarters", "hq", "head") and t.i + 2 < sent.end and t.i - 1 >= sent.start and doc[t.i - 1].lower_ == "its":
                k = t.i + 1
                if low == "head" and doc[k].lower_ == "office":
                    k += 1
                if k + 1 >= sent.end or doc[k].lower_ not in ("in", "at"):
                    continue
                place = at.get(k + 1)
                if place is None or place["s"] != k + 1:
                    continue
                # the owner: the subject of "has", or the name before ", with its headquarters"
                j = t.i - 2
                while j >= sent.start and doc[j].lower_ in ("has", "have", "had", "with", ",", "set", "moved", "established", "built"):
                    j -= 1
                owner = at.get(j)
                if owner is not None and owner["e"] == j + 1 and owner["label"] == "Organisation" and self.places.may_lie_in(owner, place):
                    out.append((owner, "LOCATED_IN", place, {}, 0.75, "headquarters-in"))
            elif low in ("headquartered", "hosted") and t.i - 2 >= sent.start and doc[t.i - 1].text in ("-", "–"):
                place = at.get(t.i - 2)
                k = t.i + 1
                while k < sent.end and (doc[k].like_num or doc[k].lower_ in ("the", "a", "an")) and k not in at:
                    k += 1  # "the Ningbo-hosted 2024 Expo"
                org = at.get(k)
                if place is not None and place["e"] == t.i - 1 and org is not None and org["s"] <= k \
                        and org["label"] in ("Organisation", "Project") and self.places.may_lie_in(org, place) \
                        and (low == "headquartered" or org["label"] == "Project" and self.dep.is_event(doc, org)):
                    out.append((org, "LOCATED_IN", place, {}, 0.8 if low == "headquartered" else 0.75, f"x-{low}"))

    def _appositive_place(self, doc, sent, top, at, out):
        """"A, a research institute from Y", "A, a Y research institute": the body is in Y."""
        for a in top:
            if a["label"] != "Organisation" or a["e"] + 3 >= sent.end or doc[a["e"]].text != ",":
                continue
            k = a["e"] + 1
            if doc[k].lower_ not in ("a", "an", "the"):
                continue
            k += 1
            # "a Y research institute": a place that begins the appositive noun phrase
            place = at.get(k)
            if place is not None and place["s"] == k and place["label"] in PLACE and place["e"] < sent.end:
                noun = doc[place["e"] - 1].head
                if noun.i >= place["e"] and noun.dep_ == "appos" and noun.lemma_.lower() in self.kind_nouns \
                        and all(doc[x].dep_ in ("compound", "amod") for x in range(place["e"], noun.i)) and self.places.may_lie_in(a, place):
                    out.append((a, "LOCATED_IN", place, {}, 0.65, "appositive-place"))
                continue
            # "a research institute from Y"
            j = k
            while j < sent.end and j < k + 5 and doc[j].is_alpha and doc[j].lower_ not in ("from", "of", "in", "at") and j not in at:
                j += 1
            if j + 1 >= sent.end or doc[j].lower_ != "from" or doc[j - 1].lemma_.lower() not in self.kind_nouns:
                continue
            place = at.get(j + 1)
            if place is not None and place["s"] == j + 1 and self.places.may_lie_in(a, place):
                out.append((a, "LOCATED_IN", place, {}, 0.7, "appositive-from-place"))

    def _place_of_place(self, doc, sent, top, at, out):
        """"Ruijin City of Jiangxi Province", "Jiande Municipality of Zhejiang": a place of a wider one."""
        for a in top:
            if a["label"] != "City" or a.get("anaphor") or a["e"] + 1 >= sent.end or doc[a["e"]].lower_ != "of":
                continue
            k = a["e"] + 1
            if doc[k].lower_ == "the":
                k += 1
            b = at.get(k)
            if b is None or b["s"] != k or b.get("anaphor") or not self.places.may_lie_in(a, b):
                continue
            ra, rb = self.places.rank(a), self.places.rank(b)
            if rb and (not ra or ra < rb):  # a place of a known wider one ("of Zhejiang Province"), not "of X Company"
                out.append((a, "LOCATED_IN", b, {}, 0.75, "place-of-place"))

    def _copula_kind_in(self, doc, sent, top, at, out):
        """"A is a company in Y", "A is a research institute based in Y"; "X, a county-level city
        under Y" (a place under a wider one): the body or place is in Y."""
        for a in top:
            if a["label"] not in ("Organisation", "City") or a.get("anaphor"):
                continue
            root = doc[a["s"]:a["e"]].root
            nouns = []
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                nouns = [c for c in root.head.children if c.dep_ == "attr" and c.i > root.i]
            nouns += [c for c in root.children if c.dep_ == "appos"]
            for n in nouns:
                if n.i in at:
                    continue
                lemma = n.lemma_.lower()
                kinds = self.place_nouns if a["label"] == "City" else self.kind_nouns
                if lemma not in kinds:
                    continue
                preps = [c for c in n.children if c.dep_ == "prep"]
                for c in n.children:  # "a company based / located in Y"
                    if c.dep_ == "acl" and c.lower_ in ("based", "located", "headquartered", "situated"):
                        preps += [x for x in c.children if x.dep_ == "prep"]
                for c in preps:
                    if c.lower_ not in ("in", "under") or c.lower_ == "under" and a["label"] != "City":
                        continue
                    for p in c.children:
                        place = at.get(p.i) if p.dep_ == "pobj" else None
                        if place is not None and not place.get("anaphor") and self.places.may_lie_in(a, place):
                            out.append((a, "LOCATED_IN", place, {}, 0.75, "copula-kind-in"))

    def _possessive_ordinal(self, doc, sent, top, at, out):
        """"Henan's first / 1st / largest X": X is in Henan (the plain possessive is read elsewhere)."""
        for a in top:
            if a["label"] not in PLACE or a.get("anaphor") or a["e"] + 2 >= sent.end or doc[a["e"]].lower_ not in ("'s", "’s"):
                continue
            k = a["e"] + 1
            w = doc[k]
            if not (w.tag_ in ("JJS", "CD") or w.lower_ in ("first", "second", "third", "only", "1st", "2nd", "3rd", "new", "latest")
                    or w.lower_.endswith(("th", "st", "nd", "rd")) and w.text[:1].isdigit()):
                continue
            b = at.get(k + 1)
            if b is not None and b["s"] == k + 1 and b["label"] in ("Organisation", "Project", "City") and self.places.may_lie_in(b, a):
                out.append((b, "LOCATED_IN", a, {}, 0.75, "possessive-ordinal"))

    @staticmethod
    def _run_before(doc, ms, end, start, labels):
        """The list of mentions of the labels ending right before token end (over "," "and" "the"), not before start."""
        by_end = {m["e"]: m for m in ms if m["label"] in labels}
        run = []
        k = end
        while k > start:
            j = k
            while j > start and doc[j - 1].lower_ in (",", "and", "the", "&"):
                j -= 1
            m = by_end.get(j)
            if m is None or (run and j == k):
                break
            run.insert(0, m)
            k = m["s"]
        return run

    def _respectively(self, doc, sent, top, out):
        """"A and B were set up in Shanghai and Hangzhou, respectively": the i-th of one list is in the
        i-th place of the other (within one clause, up to a semicolon)."""
        ms = [m for m in top if not m.get("anaphor")]
        for t in sent:
            if t.lower_ != "respectively":
                continue
            start = max([x.i + 1 for x in doc[sent.start:t.i] if x.text == ";"], default=sent.start)
            places = self._run_before(doc, ms, t.i, start, PLACE)
            if len(places) < 2:
                continue
            k = places[0]["s"]
            while k > start and doc[k - 1].lower_ in ("in", "at", "of", "from", "the"):
                k -= 1
            things = []
            for e in range(k, start, -1):  # the nearest list of the same length before the places
                run = self._run_before(doc, ms, e, start, ("Organisation", "Project", "City"))
                if len(run) == len(places) and not any(r in places for r in run):
                    things = run
                    break
            if not things:
                # "A and an offsite centre established by X in Hangzhou and Shanghai, respectively": the
                # named ones before an unnamed last member take the first places
                for e in range(k, start, -1):
                    run = self._run_before(doc, ms, e, start, ("Organisation", "Project", "City"))
                    if len(run) == len(places) - 1 and e + 1 < k and doc[e].lower_ == "and" \
                            and doc[e + 1].lower_ in ("a", "an", "another") and not any(r in places for r in run):
                        things = run
                        break
            if not things:
                continue
            pairs = {(a["key"], b["key"]) for a, b in zip(things, places)}
            keys_a, keys_b = {a["key"] for a in things}, {b["key"] for b in places}
            out[:] = [r for r in out if not (r[1] == "LOCATED_IN" and r[0]["key"] in keys_a and r[2]["key"] in keys_b
                                             and (r[0]["key"], r[2]["key"]) not in pairs)]
            for a, b in zip(things, places):
                if self.places.may_lie_in(a, b):
                    out.append((a, "LOCATED_IN", b, {}, 0.7, "respectively"))

    def _venue_place(self, venue, out):
        """The place the sentence's relations put a venue in (the smallest, when several), else None."""
        if venue is None or venue["label"] != "Organisation":
            return None
        places = [r[2] for r in out if r[1] == "LOCATED_IN" and r[0]["key"] == venue["key"] and r[2]["label"] in PLACE
                  and r[5] != "named-after-city"]  # (a centre's name alone does not place what it hosts)
        if not places:
            return self._venue_named_after(venue)
        return min(places, key=lambda p: self.places.rank(p) or 9, default=None)

    VENUE_HEADS = ("center", "centre", "hall", "hotel", "stadium", "auditorium", "theatre", "theater", "arena", "gymnasium")

    def _venue_named_after(self, venue):
        """"the Ningbo International Convention Center": a venue (a hall, hotel, convention or expo
        centre) whose name begins with a city is in that city (as the article's own mention of it)."""
        words = venue["text"].split()
        if words[0].lower() == "the":
            words = words[1:]
        if len(words) < 3 or words[-1].lower() not in self.VENUE_HEADS or (
                words[-1].lower() in ("center", "centre") and not {"convention", "exhibition", "expo", "conference"} & {w.lower() for w in words}):
            return None
        for n in (2, 1):
            hit = self.named_places.get(" ".join(words[:n]).lower())
            if hit is not None and hit[0] == "City" and words[n][:1].isupper():
                label, canon, level = hit
                return {"key": f"{label}|{primary_key(label, canon)}", "label": label, "s": venue["s"], "e": venue["s"] + n,
                        "text": " ".join(words[:n]), "props": {"canon": canon, "level": level}}
        return None

    def _venue_hosts(self, doc, sent, at, out):
        """"Tianjin's X Convention Center hosted panels as part of E", "the X Hall of Y hosted E": the
        event is where its venue is."""
        for v in sent:
            if v.lemma_.lower() not in self.host_verbs or v.pos_ not in ("VERB", "AUX") or self.dep.is_passive(v):
                continue
            place = self._venue_place(self.dep.subject_name(v, at), out)
            if place is None:
                continue
            heads = [c for c in v.children if c.dep_ == "dobj"]
            # "... as (a) part of E": the event of the part the venue hosted
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ == "as":
                    heads += [x for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() == "part"
                              for q in p.children if q.dep_ == "prep" and q.lower_ == "of" for x in q.children if x.dep_ == "pobj"]
            for c in heads:
                ev = at.get(c.i)
                if ev is not None and ev["label"] == "Project" and self.dep.is_event(doc, ev) and self.places.may_lie_in(ev, place):
                    out.append((ev, "LOCATED_IN", place, {}, 0.7, "venue-hosts"))

    def _at_venue(self, doc, sent, at, out):
        """"A will be built in the X Center of Shangcheng District", "E was held at the Y Hall of Z":
        the subject is where the venue is (a venue named as an organisation the sentence places)."""
        for v in sent:
            lemma = v.lemma_.lower()
            if lemma not in self.site_verbs and lemma not in self.event_verbs or v.pos_ not in ("VERB", "AUX"):
                continue
            a = self.dep.subject_name(v, at)
            if a is None:  # "..., and A will be built in V": the name right before the verb's auxiliaries
                k = v.i
                while k - 1 > sent.start and doc[k - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
                    k -= 1
                a = at.get(k - 1) if k < v.i else None
                a = a if a is not None and a["e"] == k else None
            if a is None or a.get("anaphor") or a["label"] not in ("Organisation", "Project"):
                continue
            if a["label"] == "Project" and lemma not in self.site_verbs and not self.dep.is_event(doc, a):
                continue
            if any(r[0]["key"] == a["key"] and r[1] == "LOCATED_IN" for r in out):
                continue  # the sentence says where it is
            for c in v.children:
                if c.dep_ != "prep" or c.lower_ not in ("in", "at"):
                    continue
                for p in c.children:
                    place = self._venue_place(at.get(p.i), out) if p.dep_ == "pobj" else None
                    if place is not None and self.places.may_lie_in(a, place):
                        out.append((a, "LOCATED_IN", place, {}, 0.65, "at-venue"))

    def _body_from(self, doc, sent, top, at, out):
        """"Huaxin Co. from Ningbo showed a robot", "engineers of A from Ningbo": A is in Ningbo (the
        place ends a phrase: not "from Ningbo University", not "from Ningbo to Shanghai")."""
        for a in top:
            k = a["e"]
            if a["label"] != "Organisation" or a.get("anaphor") or k + 1 >= sent.end or doc[k].lower_ != "from":
                continue
            place = at.get(k + 1)
            if place is None or place["s"] != k + 1 or place.get("anaphor") or place["props"].get("level") == "country":
                continue
            e = place["e"]
            if e < sent.end and (doc[e].lower_ in ("to", "and", "'s", "’s", "-") or doc[e].text[:1].isupper()):
                continue
            if self.places.may_lie_in(a, place) and not any(r[0]["key"] == a["key"] and r[1] == "LOCATED_IN" for r in out):
                out.append((a, "LOCATED_IN", place, {}, 0.7, "body-from-place"))

    def _list_in(self, doc, sent, top, out):
        """"A, B and C in Y", "Cixi and Yuyao in Ningbo": the bodies (cities) listed before C are in Y
        too, when C is (by "in")."""
        ms = [m for m in top if not m.get("anaphor")]
        for c, typ, place, _p, conf, rule in list(out):
            if typ != "LOCATED_IN" or rule != "in" or c["label"] not in ("Organisation", "City") or not (sent.start <= c["s"] < sent.end):
                continue
            if c["s"] - 1 <= sent.start or doc[c["s"] - 1].lower_ not in ("and", "&"):
                continue
            run = self._run_before(doc, ms, c["e"], sent.start, (c["label"],))
            if len(run) < 2 or run[-1] is not c:
                continue
            for a in run[:-1]:  # (not when the sentence puts a elsewhere)
                if self.places.may_lie_in(a, place) and not any(r[0]["key"] == a["key"] and r[1] == "LOCATED_IN" and r[2]["key"] != place["key"] for r in out):
                    out.append((a, "LOCATED_IN", place, {}, round(conf - 0.05, 2), "list-in-place"))

    def _region_in(self, doc, sent, top, at, out):
        """"second only to Silicon Valley in the US", "Zhejiang in East China": a region (a province or
        a multi-city region) in a wider region of known rank."""
        for a in top:
            k = a["e"]
            if a["label"] != "Region" or a.get("anaphor") or k + 1 >= sent.end or doc[k].lower_ != "in":
                continue
            k += 1 + (k + 2 < sent.end and doc[k + 1].lower_ == "the")
            b = at.get(k)
            if b is None or b["s"] != k or b["label"] != "Region" or b.get("anaphor"):
                continue
            if b["e"] < sent.end and doc[b["e"]].lower_ in ("'s", "’s", "and", "-"):
                continue  # "in China's ...", "in A and B"
            ra, rb = self.places.rank(a), self.places.rank(b)
            if ra and rb and ra < rb and self.places.may_lie_in(a, b):
                out.append((a, "LOCATED_IN", b, {}, 0.7, "region-in-region"))

    def _at_place(self, doc, sent, top, at, out):
        """"the Talent Enclave at the Hangzhou Future Sci-Tech City": a body or event at a city-level place."""
        for a in top:
            k = a["e"]
            if k < sent.end and doc[k].text in QUOTES:
                k += 1  # "the “Talent Enclave” at ..."
            if a["label"] not in ("Organisation", "Project") or a.get("anaphor") or k + 1 >= sent.end or doc[k].lower_ != "at":
                continue
            k += 1 + (k + 2 < sent.end and doc[k + 1].lower_ == "the")
            b = at.get(k)
            if b is None or b["s"] != k or b["label"] != "City" or b.get("anaphor") \
                    or b["e"] < sent.end and doc[b["e"]].lower_ in ("'s", "’s", "-"):
                continue
            if self.places.may_lie_in(a, b) and not any(r[0]["key"] == a["key"] and r[1] == "LOCATED_IN" and r[2]["key"] == b["key"] for r in out):
                out.append((a, "LOCATED_IN", b, {}, 0.7, "at-place"))

    def _first_in(self, doc, sent, top, at, out):
        """", the first of its kind in Y" / ", the first X in Y" after a clause: its subject is in Y."""
        for t in sent:
            if t.lower_ != "first" or t.i - 2 < sent.start or doc[t.i - 1].lower_ != "the" or doc[t.i - 2].text != ",":
                continue
            k = t.i + 1
            if tuple(x.lower_ for x in doc[k:k + 3]) == ("of", "its", "kind"):
                k += 3
            else:
                while k < min(sent.end, t.i + 4) and doc[k].is_alpha and doc[k].lower_ not in ("in", "of", "to") and k not in at:
                    k += 1
            if k + 1 >= sent.end or doc[k].lower_ != "in":
                continue
            place = at.get(k + 1)
            if place is not None and place["e"] + 1 < sent.end and doc[place["e"]].lower_ in ("'s", "’s"):
                place = at.get(place["e"] + 1)  # "in Central China's Henan province"
            if place is None or place["label"] not in PLACE or place.get("anaphor") or place["props"].get("level") in ("country", "region"):
                continue
            # the subject of the nearest verb before the comma ("A has been named X, the first ...")
            verb = next((v for v in reversed(doc[sent.start:t.i - 2]) if v.pos_ == "VERB"), None)
            a = self.dep.subject_name(verb, at) if verb is not None else None
            if a is not None and not a.get("anaphor") and a["label"] in ("City", "Organisation", "Project") and self.places.may_lie_in(a, place) \
                    and not any(r[0]["key"] == a["key"] and r[1] == "LOCATED_IN" and r[5] not in NAME_ONLY for r in out):
                out.append((a, "LOCATED_IN", place, {}, 0.65, "first-in-place"))

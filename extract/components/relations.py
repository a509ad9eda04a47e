"""``innograph_relations``: the six typed relations of ONTOLOGY.md, one sentence at a time.

For each sentence (merged where the parser split inside a name) it runs the relation rules of
:mod:`extract.rules` in order (the surface rules with HOLDS_POSITION, the trigger-word rules, the
dependency patterns matched by ``innograph_depmatch``), keeps what the ontology allows above the
confidence threshold, and stores rows keyed by mention key in ``doc.user_data["innograph"]["relations"]``.
:func:`finalize_relations` turns those rows into the contract's relations once the entities of a
document are known.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.components.shared import ig, sentences
from extract.resources import DATA_DIR, load_lexicon
from extract.rules.acronyms import bare_acronyms, nested_acronyms
from extract.rules.attendance import AttendanceRules
from extract.rules.clauses import ClauseRules, not_partners_in_place
from extract.rules.common import sentence_year
from extract.rules.constructions import ConstructionRules
from extract.rules.dates import office_start_words, validity
from extract.rules.dependency import DepInterpreter
from extract.rules.discourse import DiscourseRules
from extract.rules.followups import FollowUpRules
from extract.rules.implicit import ImplicitProgrammeRules
from extract.rules.itemlists import ItemListRules
from extract.rules.locations import NAME_ONLY, LocationRules
from extract.rules.organisers import OrganiserRules
from extract.rules.partners import PartnerRules
from extract.rules.places import PlaceHierarchy
from extract.rules.positions import PositionRules
from extract.rules.support import SupportRules
from extract.rules.surface import SurfaceRules
from extract.rules.triggers import TriggerRules
from extract.rules.units import UnitRules
from graph.schema import ontology

TIMED = ("COOPERATES_WITH", "PARTICIPATES_IN", "HOLDS_POSITION", "ORGANISES")  # relations a date can bound


class RelationExtractor:
    """Runs the relation rules over each sentence of a doc."""

    def __init__(self, nlp, name, lexicon, min_confidence, dep_patterns=""):
        self.name = name
        lexicon = lexicon or str(DATA_DIR / "lexicon.toml")
        lex = load_lexicon(lexicon)
        self.min_conf = min_confidence
        places = PlaceHierarchy.load(lex)
        self.places = places
        self.surface = SurfaceRules(lex, places, PositionRules(lex))
        self.triggers = TriggerRules(lex)
        self.discourse = DiscourseRules(lex)
        self.dep = DepInterpreter(lexicon, places, dep_patterns)
        self.attendance = AttendanceRules(lex, self.dep)
        self.constructions = ConstructionRules(lex, self.dep)
        self.locations = LocationRules(lex, self.dep, places)
        self.partners = PartnerRules(lex, self.dep)
        self.items = ItemListRules(lex)
        self.implicit = ImplicitProgrammeRules(lex, self.dep)
        self.support = SupportRules(lex, self.dep)
        self.organisers = OrganiserRules(lex, self.dep)
        self.units = UnitRules(lex, self.dep)
        self.clauses = ClauseRules(lex, self.dep, places)
        self.followups = FollowUpRules(lex, self.dep)
        self.office_heads = frozenset(lex.get("constructions", {}).get("office_heads", ()))

    def __call__(self, doc: Doc) -> Doc:
        data = ig(doc)
        mentions = [m for m in data.get("mentions", [])] + list(data.get("anaphora", []))
        mentions += bare_acronyms(doc, mentions)
        mentions += nested_acronyms(doc, mentions)
        rels = []
        # sentences, merged where the parser split inside a name ("Zhou" | "Ming, vice president ...")
        sents = sentences(doc, mentions)
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
        programme = None  # the programme the article last named (a sentence may leave it implicit)
        event = None  # the event the article last named ("X attended and spoke": at that event)
        memo: dict = {}  # what a rule keeps from sentence to sentence ("A and B ... the two sides")
        self.dep.reset()  # the token index of the last sentence's mentions
        self.locations.article.reset()  # the places of the article's earlier sentences
        self.followups.reset()  # "Three cities joined P." then "They are A, B and C."
        self.items.reset()  # a list laid out as lines ("The hub cities are:" then "• A", "• B")
        before: list = []  # the mentions of the sentence before ("Its chairman X ...": the body it names)
        for sent in sents:
            ms = sorted(by_sent.get(sent.start, []), key=lambda m: (m["s"], -m["e"]))
            prev_ms, before = before, ms
            # a sentence with no name may still say "the two sides", or lead a list ("The hub cities are:")
            if not ms and not memo.get("pair") and not self.items.lead and not self.items.leads(sent):
                self.followups.lead(doc, sent, programme, event)  # "Five cities were selected as pilot cities."
                continue
            found = []
            try:
                self.surface(doc, sent, ms, found)
                top = sorted((m for m in ms if not m.get("nested") or m.get("anaphor")), key=lambda m: m["s"])
                self.surface.positions.its_title(doc, sent, top, prev_ms, found)
                year = sentence_year(sent) or data.get("dateline_years", {}).get(sent.start)
                self.triggers(doc, sent, top, found, year)
                self.dep(doc, sent, top, dep_by_sent.get(sent.start, []), found, year)
                self.organisers(doc, sent, top, found)
                self.discourse(doc, sent, top, found, year, programme)
                self.implicit(doc, sent, top, programme, found, year)
                named = [m for m in top if self._event_name(doc, m) and not m.get("anaphor")]
                self.attendance(doc, sent, top, named[-1] if named else event, found, year)
                self.attendance.inverted(doc, sent, top, named[-1] if named else event, found, year)
                self.constructions(doc, sent, top, found, year)
                self.support(doc, sent, top, named[-1] if named else event, found)
                self.locations(doc, sent, top, found, ms)
                self.units(doc, sent, top, found, ms)
                self.clauses(doc, sent, top, found, ms)
                self.partners(doc, sent, top, found, memo)
                self.items(doc, sent, top, found, programme, named[-1] if named else event, year)
                self.followups(doc, sent, top, programme, named[-1] if named else event, found, year)
            except Exception:  # noqa: BLE001 - a rule that trips on one sentence must not sink the doc
                data["skipped"] = data.get("skipped", 0) + 1
                continue
            found.extend(held_at_parent(found, ms, doc, self.office_heads))
            found = stated_place_wins(found, self.places)
            found = self.clauses.modifier_places(doc, not_partners_in_place(doc, found, NAME_ONLY))
            found.extend(ceremony_of_body(doc, found, ms, self.constructions.ceremony_nouns))
            found.extend(dash_cooperation_in_names(doc, ms, self.discourse.coop_nouns))
            found = self.attendance.respectively(sent, self.attendance.venues_organise_nothing(doc, found))
            # the validity the sentence states ("since 2020", "in May"), against the article's date
            ref = data.get("published") or (str(year) if year else None)
            when = validity(sent.text, ref) if found else {}
            # an office the sentence only names (a title, an apposition) takes a point date ("in 2022")
            # only when the sentence says the office begins ("became mayor in 2018")
            office_when = when if not when or any(t.lower_ in office_start_words() for t in sent) \
                else validity(sent.text, ref, points=False)
            progs = [m for m in ms if m["label"] == "Project" and m["props"].get("kind") not in ("event",) and not m.get("anaphor")]
            if progs:
                programme = progs[-1]
            events = [m for m in ms if self._event_name(doc, m) and not m.get("anaphor") and not m.get("nested")]
            if events:
                event = events[-1]
            else:
                # "X attended the launching ceremony of P. Y and Z also attended.": the event a person of
                # this sentence attended, named by a common noun, is the article's current event
                went = [t for s_, typ, t, _, _, _ in found if typ == "PARTICIPATES_IN" and s_["label"] == "Person"
                        and t["label"] == "Project" and self._event_like(doc, t)]
                if went:
                    event = went[-1]
            for src, typ, tgt, props, conf, rule in found:
                if src["key"] == tgt["key"] or conf < self.min_conf:
                    continue
                if not ontology().allows(src["label"], typ, tgt["label"]):
                    continue
                stated = office_when if typ == "HOLDS_POSITION" else when
                if stated and typ in TIMED:
                    props = {**props, **stated}
                for key in [tgt["key"]] + list(tgt.get("also") or ()):  # an anaphor of coordinated names: each
                    rels.append({"source_key": src["key"], "target_key": key, "type": typ,
                                 "properties": props, "confidence": conf, "rule": rule,
                                 "sent_start": sent.start_char, "sent_end": sent.end_char})
        found_keys = {(r["source_key"], r["type"]) for r in rels}
        for unit, uni, sent in self.units.orphans(doc, mentions, found_keys, sents):
            rels.append({"source_key": unit["key"], "target_key": uni["key"], "type": "PART_OF", "properties": {},
                         "confidence": 0.6, "rule": "unit-of-the-one-university",
                         "sent_start": sent.start_char, "sent_end": sent.end_char})
        data["relations"] = rels
        return doc


    def _event_name(self, doc, m) -> bool:
        """A Project mention that names an event: of kind event, or a name of two words or more whose head
        is an event noun ("the 2021 Innovation China Work Conference" typed a programme)."""
        if m["label"] != "Project":
            return False
        return m["props"].get("kind") == "event" or (m["e"] - m["s"] >= 2 and doc[m["e"] - 1].lower_ in self.dep.event_nouns
                                                      and doc[m["e"] - 1].text[:1].isupper())

    def _event_like(self, doc, m) -> bool:
        """An event mention, or a name or noun phrase whose head is an event noun ("the signing ceremony")."""
        return self.dep.is_event(doc, m) or doc[m["e"] - 1].lower_ in self.dep.event_nouns \
            or doc[doc[m["s"]:m["e"]].root.i].lower_ in self.dep.event_nouns


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
        best[key] = {"source": stated_name(src), "source_id": src["id"], "type": r["type"], "target": stated_name(tgt),
                     "target_id": tgt["id"], "properties": {k: v for k, v in r["properties"].items() if v not in (None, "")},
                     "evidence": cleaned.text[r["sent_start"]:r["sent_end"]].strip(), "start": start, "end": end,
                     "confidence": round(float(r["confidence"]), 2), "extractor": f"innograph/{r['rule']}"}
    return sorted(best.values(), key=lambda x: (x["start"], x["type"], x["source_id"], x["target_id"]))


def stated_name(ent: dict) -> str:
    """The name an entity goes by in its document: its name when the article writes it, else the
    longest way the article does name it (an entity named after the alias table, "Innovation China",
    for an article that only says "Science and Technology China"). A relation then reads as stated.

    >>> stated_name({"name": "Innovation China", "mentions": ["Sci-Tech China", "Science and Technology China"]})
    'Science and Technology China'
    >>> stated_name({"name": "Jiaxing", "mentions": ["Jiaxing"]})
    'Jiaxing'
    """
    mentions = [m for m in ent.get("mentions") or () if m]
    if not mentions or ent["name"] in mentions:
        return ent["name"]
    return max(mentions, key=lambda m: (len(m), m))


def stated_place_wins(found: list, places) -> list:
    """A body named after one city but stated to be in another of the same level ("the Jinhua Park,
    established by Jinhua in Hangzhou", an enclave) is not in the city of its name: the place the
    sentence states replaces the one only the name gives (a district of the named city does not)."""
    stated = [(s, t) for s, typ, t, _p, _c, rule in found if typ == "LOCATED_IN" and rule not in NAME_ONLY]
    if not stated:
        return found
    out = []
    for row in found:
        src, typ, tgt, _p, _c, rule = row
        if typ == "LOCATED_IN" and rule in NAME_ONLY and tgt["label"] == "City":
            rival = any(s["key"] == src["key"] and t["key"] != tgt["key"] and t["label"] == "City"
                        and places.rank(t) and places.rank(t) == places.rank(tgt) for s, t in stated)
            if rival:
                continue
        out.append(row)
    return out


def office_of(doc, m, office_heads) -> bool:
    """Is the name an office of a body ("General Office of X", "Department of Y of X"): the word before
    its first "of" is an office noun (the lexicon's ``[constructions]`` ``office_heads``; an agency of
    its own, "Torch Center of X", is not)."""
    k = next((q for q in range(m["s"], m["e"]) if doc[q].lower_ == "of"), None)
    return k is not None and k > m["s"] and doc[k - 1].lower_ in office_heads


def held_at_parent(found: list, ms: list[dict], doc=None, office_heads=frozenset()) -> list:
    """An office at "A of B" is also held at B: "director of the Department of X of CAST" holds a
    position at CAST, "member of the Party Committee of Y Group" at Y Group. The body at the end of
    the name (every Organisation nested at its end, "of B", "of C") gets the office too, a little less
    sure than the body named whole. So with what "A of B" organises: B organises it too.

    >>> host = {"key": "h", "s": 0, "e": 6, "label": "Organisation"}
    >>> inner = {"key": "c", "s": 5, "e": 6, "label": "Organisation", "nested": True, "host": [0, 6]}
    >>> p = {"key": "p", "s": 9, "e": 11, "label": "Person"}
    >>> [(t["key"], c, r) for _, _, t, _, c, r in held_at_parent([(p, "HOLDS_POSITION", host, {"title": "director"}, 0.85, "x")], [host, inner])]
    [('c', 0.75, 'x-parent')]
    """
    out = []
    for src, typ, tgt, props, conf, rule in found:
        if typ == "ORGANISES" and doc is not None and src["label"] == "Organisation" and not src.get("nested"):
            # "the General Office of CAST launched P": the body the office belongs to runs P too
            for m in ms:
                if m.get("nested") and list(m.get("host") or ()) == [src["s"], src["e"]] and m["label"] == "Organisation" \
                        and m["e"] == src["e"] and m["s"] - 1 > src["s"] and not m.get("acronym_of") \
                        and "of" in (doc[m["s"] - 1].lower_, doc[m["s"] - 2].lower_) and office_of(doc, src, office_heads):
                    out.append((m, typ, tgt, props, round(conf - 0.1, 2), f"{rule}-parent"))
            continue
        if typ != "HOLDS_POSITION" or tgt["label"] != "Organisation" or tgt.get("nested"):
            continue
        for m in ms:
            if m.get("nested") and list(m.get("host") or ()) == [tgt["s"], tgt["e"]] and m["label"] == "Organisation" \
                    and m["e"] == tgt["e"] and m["s"] > tgt["s"] and not m.get("acronym_of"):
                out.append((src, typ, m, props, round(conf - 0.1, 2), f"{rule}-parent"))
    return out


def dash_cooperation_in_names(doc, ms: list[dict], coop_nouns: set[str]) -> list:
    """Two bodies joined by a dash inside the name of a cooperation: "the Jiaxing-Huzhou Science
    Cooperation Zone", "the Fudan-Hengtai Joint Laboratory" name a cooperation of the two (both
    nested in the name, a cooperation word after them in it)."""
    out = []
    by_host: dict[tuple, list] = {}
    for m in ms:
        if m.get("nested") and m.get("host") and m["label"] in ("City", "Region", "Organisation") and not m.get("acronym_of"):
            by_host.setdefault(tuple(m["host"]), []).append(m)
    for (_hs, he), inner in by_host.items():
        inner.sort(key=lambda m: m["s"])
        for a, b in zip(inner, inner[1:]):
            if b["s"] == a["e"] + 1 and doc[a["e"]].text in ("-", "–", "—") and a["key"] != b["key"] \
                    and any(doc[k].lower_ in coop_nouns for k in range(b["e"], he)):
                out.append((a, "COOPERATES_WITH", b, {}, 0.65, "dash-cooperation-name"))
    return out


def ceremony_of_body(doc, found, ms: list[dict], ceremony_nouns: set[str]) -> list:
    """"The Opening Ceremony of the X Institute was held in Y", named as one event: the body (or
    project) the ceremony opens, nested at the end of the event's name after "of", is in Y too."""
    out = []
    for src, typ, tgt, _props, conf, rule in found:
        if typ != "LOCATED_IN" or src["label"] != "Project" or src.get("nested") or src.get("anaphor"):
            continue
        if not any(doc[k].lower_ in ceremony_nouns for k in range(src["s"], min(src["e"], src["s"] + 3))):
            continue
        for m in ms:
            if m.get("nested") and list(m.get("host") or ()) == [src["s"], src["e"]] and m["e"] == src["e"] \
                    and m["label"] in ("Organisation", "Project") and m["s"] - 1 > src["s"] \
                    and doc[m["s"] - 1].lower_ in ("of", "the") and not m.get("acronym_of"):
                out.append((m, "LOCATED_IN", tgt, {}, round(min(conf, 0.75) - 0.05, 2), f"{rule}-ceremony"))
    return out


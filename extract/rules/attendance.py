"""PARTICIPATES_IN for attendance that names no event: the event is the one the article last named.

News on a meeting names it once and then reports who came: "X, mayor of Y, attended and delivered
a speech", "A, B and other leaders were present", "It was attended by A and B". The attendance verb
has no object (when it has one, "attended the forum", the dependency patterns read it); the
participants are its subject, or the "by" agent of "it was attended by", with every member of a list.
The event is the last Event named before or in the sentence; the relation is a little less sure
than one whose event is named in the sentence.

Speaking counts too when the sentence names no other event: "X delivered a speech / gave a keynote
report", "In his speech, X said ...", "X pointed out / stressed that ..." (the last less sure), and
"experts from A and B made presentations" (the bodies named with a group noun).

The current event also gets: the people listed after "including" for a plural noun of people
("Officials were present, including A"); the agents of a passive attendance whose subject is a part
of the event ("The launch was attended by A on Monday"), or of a passive speech ("The keynote
speeches were delivered by A"); people who attend or visit an unnamed part of it ("attended the
opening", "took part in the dialogue", "visited the exhibition"); a ceremony's acts ("A unveiled the
plaque", "issued certificates"); "A shared his views"; and the bodies spoken for ("X spoke on
behalf of A", unless A organises the event).

The shapes that name their event ("A sent a delegation to E", a fronted "At E, A and B signed ...",
headlines, "the P program of A") are :mod:`extract.rules.event_shapes`, called from here.

Two filters run over every sentence's relations (called from extract/components/relations.py): a
venue that hosts an event is its site, not an organiser ("the X Convention Center hosted E"), and "A and B
held E1 and E2 respectively" pairs the i-th organiser with the i-th event.

The words are the lexicon's ``[attendance]`` section and the ``speech_*`` words of ``[constructions]``.
"""
from __future__ import annotations

from extract.rules.common import ACTOR, names_from, noun_lemma
from extract.rules.event_shapes import NamedEventRules

MANNER_PREPS = ("via", "through", "by", "in", "online")  # "attended via video link", "attended in person"


class AttendanceRules:
    """Attendance without a named event, linked to the article's current event."""

    def __init__(self, lex: dict, dep):
        a = lex.get("attendance", {})
        self.verbs = set(a.get("verbs", ()))
        self.adjectives = set(a.get("adjectives", ()))
        self.pronouns = set(a.get("pronouns", ()))
        self.confidence = float(a.get("confidence", 0.6))
        self.dep = dep  # the dependency interpreter: subjects and lists
        c = lex.get("constructions", {})
        self.speech_verbs = set(c.get("speech_verbs", ()))
        self.speech_nouns = set(c.get("speech_nouns", ()))
        self.remark_verbs = set(c.get("remark_verbs", ()))
        self.group_nouns = set(lex.get("discourse", {}).get("group_nouns", ()))
        self.witness_verbs = set(c.get("witness_verbs", ()))
        self.witnessed = set(c.get("witnessed_nouns", ()))
        self.guest_nouns = set(a.get("guest_nouns", ()))
        self.exhibit_verbs = set(a.get("exhibit_verbs", ()))
        self.share_verbs = set(a.get("share_verbs", ()))
        self.organise_verbs = set(a.get("organise_verbs", ()))
        self.event_parts = set(a.get("event_parts", ()))
        self.people_nouns = set(a.get("people_nouns", ()))
        self.share_objects = set(a.get("share_objects", ()))
        self.part_verbs = set(a.get("part_verbs", ()))
        self.venue_heads = [tuple(v.split()) for v in a.get("venue_heads", ())]
        self.gather_verbs = set(a.get("gather_verbs", ()))
        self.act_verbs = set(a.get("act_verbs", ()))
        self.act_objects = set(a.get("act_objects", ()))
        self.named = NamedEventRules(lex, dep)  # the shapes that name their event
        self._doc, self._organisers = None, set()  # the (body, event) pairs of ORGANISES found so far in the doc
        self._title_doc, self._title_events = None, []  # the events the article's first sentence (its title) names

    def __call__(self, doc, sent, top, event, out, year=None):
        """Append PARTICIPATES_IN (participant, event) to out; event is the current event mention or None."""
        self.named(doc, sent, top, out, year)
        if doc is not self._title_doc:
            self._title_doc, self._title_events = doc, []
        if sent.start == 0:
            self._title_events = [m for m in top if m["label"] == "Project" and not m.get("anaphor") and self.dep.is_event(doc, m)]
        if event is None:
            return
        at = self.dep.index(top)
        props = {"year": year} if year else {}
        self._people_including(doc, sent, at, event, out, props)
        labels = tuple(x for x in ACTOR if x != "Region") + ("Person",)
        for t in sent:
            low = t.lemma_.lower()
            # a passive attendance's object is its subject: "It was attended by A on Monday"
            if t.pos_ == "VERB" and low in self.verbs and (self.dep.is_passive(t) or not self._has_object(t)):
                if self.dep.is_passive(t):
                    subj = self.dep.subject(t)
                    if subj is None or not (subj.lower_ in self.pronouns or self._part_of_event(subj, at)):
                        continue
                    for c in t.children:
                        if c.dep_ == "agent":
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    self._emit(doc, sent, at, p, labels, event, props, out)
                    continue
                subj = self.dep.subject(t)
                if subj is not None:
                    n = len(out)
                    self._emit(doc, sent, at, subj, labels, event, props, out)
                    if len(out) == n and subj.i not in at and noun_lemma(subj) in self.group_nouns:
                        # "Representatives of A and B attended": the bodies of the group noun
                        self._speaker(doc, sent, at, subj, labels, event, props, out, self.confidence, "attended-current-event")
            elif t.pos_ == "VERB" and low in self.part_verbs and not self.dep.is_passive(t) and self._part_object(t, at) \
                    and not self._names_other(t, at, event):
                # "A, B and C attended the opening", "A took part in the dialogue": an unnamed part of the event
                subj = self.dep.subject(t)
                if subj is not None:
                    self._emit(doc, sent, at, subj, labels, event, props, out)
            elif t.pos_ == "VERB" and low in self.act_verbs and self._act_object(t) and not self.dep.is_passive(t) \
                    and not self._names_other(t, at, event):
                # "X unveiled the plaque", "X issued certificates to the winners": a ceremony's act
                self._speaker(doc, sent, at, self.dep.subject(t), ("Person",), event, props, out,
                              round(self.confidence - 0.05, 2), "ceremony-act-current-event")
            elif t.pos_ == "VERB" and (low in self.speech_verbs or low in self.act_verbs) and self.dep.is_passive(t) \
                    and self._passive_part(t, at) and not self._names_other(t, at, event):
                # "The keynote speeches were delivered by A and B", "The plaque was unveiled by A"
                for c in t.children:
                    if c.dep_ == "agent":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                for m in self.dep.members(doc, p, at, ("Person",), sent, offices=True):
                                    if not m.get("anaphor") and m["key"] != event["key"]:
                                        out.append((m, "PARTICIPATES_IN", event, dict(props), self.confidence, "delivered-by-current-event"))
            elif t.pos_ == "VERB" and low in self.witness_verbs and self._witness_object(t) and not self._names_other(t, at, event):
                self._speaker(doc, sent, at, self.dep.subject(t), labels, event, props, out, self.confidence, "witnessed-current-event")
            elif t.pos_ == "VERB" and low in self.speech_verbs and self._speech_object(t) and not self._names_other(t, at, event):
                self._speaker(doc, sent, at, self.dep.subject(t), labels, event, props, out, self.confidence)
            elif t.pos_ == "VERB" and low in self.remark_verbs and (low != "point" or any(c.lower_ == "out" for c in t.children)) \
                    and not self._names_other(t, at, event):
                self._speaker(doc, sent, at, self.dep.subject(t), ("Person",), event, props, out, round(self.confidence - 0.05, 2))
            elif t.lower_ in self.speech_nouns and t.dep_ == "pobj" and t.head.lower_ == "in" \
                    and any(c.lower_ in ("his", "her", "their") for c in t.children):
                # "In his speech, X said ...": the subject of the verb the phrase modifies
                v = t.head.head
                if v.pos_ == "VERB" and not self._names_other(v, at, event):
                    self._speaker(doc, sent, at, self.dep.subject(v), ("Person",), event, props, out, self.confidence)
            elif t.pos_ == "VERB" and low in self.exhibit_verbs and self._shows_own(t) and not self._names_other(t, at, event) \
                    and (low != "bring" or self._to_event(t, at, event)):
                # "A, B and C exhibited their products": bodies (not people) at the current event
                self._speaker(doc, sent, at, self.dep.subject(t), ("Organisation",), event, props, out,
                              round(self.confidence - 0.05, 2), "exhibited-current-event")
            elif t.pos_ == "VERB" and low in self.share_verbs and not self._names_other(t, at, event):
                subj = self.dep.subject(t)
                if any(c.dep_ == "dobj" and c.lemma_.lower() in self.share_objects for c in t.children):
                    # "A shared his views on X": a person speaking at the current event
                    self._speaker(doc, sent, at, subj, ("Person",), event, props, out, round(self.confidence - 0.05, 2),
                                  "shared-current-event")
                elif subj is not None and subj.i not in at and noun_lemma(subj) in self.group_nouns:
                    # "Experts from A and B shared their views": the bodies of the group noun
                    self._speaker(doc, sent, at, subj, labels, event, props, out, self.confidence, "shared-current-event")
            elif t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in self.guest_nouns and t.i not in at and not self._names_other(t, at, event):
                self._guests(doc, sent, at, t, event, props, out)
            elif t.pos_ in ("NOUN", "PROPN") and self.named.is_organiser_noun(t) and t.i not in at and not self._names_other(t, at, event):
                self._guests(doc, sent, at, t, event, {}, out, "ORGANISES", ("Organisation",), "organisers-current-event")
            elif t.pos_ == "VERB" and (low in self.organise_verbs or low.replace("-", "") in self.organise_verbs) \
                    and self.dep.is_passive(t) and not self._names_other(t, at, event):
                subj = self.dep.subject(t)
                if subj is not None and subj.lower_ in self.pronouns:
                    # "It was hosted by A and organised by B": the current event's organisers
                    for c in t.children:
                        if c.dep_ == "agent":
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    for m in self.dep.members(doc, p, at, ("Organisation",), sent):
                                        if not m.get("anaphor"):
                                            out.append((m, "ORGANISES", event, {}, self.confidence, "organised-current-event"))
            elif t.lower_ in self.adjectives and t.dep_ == "acomp" and not self._has_object(t):
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    self._emit(doc, sent, at, subj, labels, event, props, out)

    def _people_including(self, doc, sent, at, event, out, props):
        """"More than 300 people attended the ceremony, including A, vice mayor of X, and B"; "Officials
        and experts were present, including A"; "the event brought together leaders, including A": the
        people listed after "including" for a plural noun of people (or in a clause of attending) take
        part in the article's current event, when the sentence names no other event or programme."""
        for t in sent:
            if t.lower_ not in ("including", "includes", "included", "include") or t.dep_ not in ("prep", "ROOT", "conj", "acl", "advcl"):
                continue
            pobj = next((c for c in t.children if c.dep_ in ("pobj", "dobj")), None)
            if pobj is None or pobj.i not in at or at[pobj.i]["label"] != "Person":
                continue
            head = t.head if t.dep_ != "ROOT" else t
            verb = next((x for x in [head, *head.ancestors] if x.pos_ in ("VERB", "AUX")), None)
            nouns = [head] + ([self.dep.subject(verb)] if verb is not None else [])
            people = any(n is not None and n.i not in at and n.lemma_.lower() in self.people_nouns for n in nouns)
            attending = verb is not None and (verb.lemma_.lower() in self.verbs or verb.lemma_.lower() in self.gather_verbs
                                              or any(c.lower_ in self.adjectives for c in verb.children))
            if not (people or attending) or (verb is not None and self._names_other(verb, at, event)):
                continue
            for m in self.dep.members(doc, pobj, at, ("Person",), sent, offices=True):
                if not m.get("anaphor") and m["key"] != event["key"]:
                    out.append((m, "PARTICIPATES_IN", event, dict(props), self.confidence, "people-including-current-event"))

    @staticmethod
    def _to_event(v, at, event) -> bool:
        """"brought its new car to the fair": the verb's "to" names the current event."""
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(p.i in at and at[p.i]["key"] == event["key"] for p in c.children)
                   for c in v.children)

    @staticmethod
    def _shows_own(v) -> bool:
        """"exhibited their products", "showcased its latest robots": the subject shows what is its own."""
        return any(c.dep_ == "dobj" and any(x.lower_ in ("its", "their") for x in c.children) for c in v.children)

    def _guests(self, doc, sent, at, noun, event, props, out, typ="PARTICIPATES_IN", labels=("Person", "Organisation", "City"),
                rule="guests-current-event"):
        """"Guests included A and B" / "the participants were A and B"; "A was among the guests"
        (and the same for the organisers: "the organisers were A and B")."""
        if any(c.dep_ == "prep" for c in noun.children):
            return  # "guests from A": a group noun, read by the speakers' rules
        head = noun.head
        found = []
        label_end = self._label_line(doc, sent, noun)
        if label_end is not None:
            # "Organizer: A" / "Co-organizers: A, B and C" / "Guests: A; B": a label line of the article's
            # events (those its title names, else the current event)
            found = names_from(doc, sent, at, label_end, labels, lambda q: doc[q].lower_ in (",", ";", "and", "the", "、"))[0]
            for ev in self._title_events or [event]:
                out.extend((m, typ, ev, dict(props), self.confidence, rule) for m in found
                           if m["key"] != ev["key"] and not m.get("anaphor"))
            return
        elif noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ("include", "be", "comprise"):
            for obj in (c for c in head.children if c.dep_ in ("dobj", "attr") and c.i > head.i):
                found += self.dep.members(doc, obj, at, labels, sent, offices=True)
        elif noun.dep_ == "pobj" and (head.lower_ == "among" or head.lower_ == "of" and head.head.lower_ == "one") \
                and (head.head.lemma_.lower() == "be" or head.head.lower_ == "one" and head.head.head.lemma_.lower() == "be"):
            head = head if head.lower_ == "among" else head.head  # "A was one of the participants"
            subj = self.dep.subject(head.head)
            if subj is not None:
                found += self.dep.members(doc, subj, at, labels, sent, offices=True)
        elif noun.dep_ == "attr" and head.lemma_.lower() in ("be", "become") or \
                noun.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in ("serve", "act", "be", "join"):
            # "B was the co-organiser", "A served as a guest speaker": the subject, of the current event
            subj = self.dep.subject(head if noun.dep_ == "attr" else head.head)
            if subj is not None and subj.i in at:
                found += self.dep.members(doc, subj, at, labels, sent, offices=True)
        if any(m["label"] == "Person" for m in found):
            found = [m for m in found if m["label"] == "Person"]  # a list of people: the bodies are their offices
        for m in found:
            if m["key"] != event["key"] and not m.get("anaphor"):
                out.append((m, typ, event, dict(props), self.confidence, rule))

    @staticmethod
    def _label_line(doc, sent, noun):
        """"Organizers: A, B" at the head of its own line: the token after the colon, else None."""
        k = noun.i + 1
        if k >= sent.end or doc[k].text != ":":
            return None
        first = noun.i
        while first > sent.start and doc[first - 1].lower_ in ("co", "-", "main", "chief"):
            first -= 1
        line_start = first == 0 or doc[first - 1].is_space or doc[first - 1].text_with_ws.endswith("\n")
        return k + 1 if line_start else None

    def _part_of_event(self, subj, at) -> bool:
        """"The launch / the opening ceremony / the activity (was attended by ...)": a common noun of an
        event or a part of one, not a name."""
        return subj.i not in at and subj.pos_ == "NOUN" and subj.lemma_.lower() in self.event_parts

    def _part_object(self, v, at) -> bool:
        """"attended the opening", "took part in the dialogue", "visited the exhibition": the verb's object
        (or its "in" / "at" / "over") is a common noun of a part of an event, not a name (the caller checks
        that the clause names no other event)."""
        def part(n):
            if n.i in at:  # "the exhibition" standing for the current event itself
                return bool(at[n.i].get("anaphor")) and n.lemma_.lower() in self.event_parts
            return n.pos_ == "NOUN" and n.lemma_.lower() in self.event_parts
        for c in v.children:
            if c.dep_ == "dobj" and part(c) and v.lemma_.lower() != "take":
                return True
            if c.dep_ == "prep" and c.lower_ in ("in", "at", "over") and any(p.dep_ == "pobj" and part(p) for p in c.children) \
                    and (v.lemma_.lower() != "take" or any(x.dep_ == "dobj" and x.lower_ == "part" for x in v.children)):
                return True
        return False

    def _act_object(self, v) -> bool:
        """"unveiled the plaque", "issued certificates", "read out the list of winners"."""
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.act_objects for c in v.children)

    def _passive_part(self, v, at) -> bool:
        """The subject of a passive speech or act: "the keynote speeches", "the plaque"."""
        subj = self.dep.subject(v)
        return subj is not None and subj.i not in at and (subj.lemma_.lower() in self.speech_nouns and v.lemma_.lower() in self.speech_verbs
                                                         or subj.lemma_.lower() in self.act_objects and v.lemma_.lower() in self.act_verbs)

    def _witness_object(self, v) -> bool:
        """"witnessed the signing / the ceremony": an unnamed part of the event."""
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.witnessed for c in v.children)

    def inverted(self, doc, sent, top, event, out, year=None):
        """The inverted attendance of the sentence (:meth:`_inverted`), then the bodies spoken for
        (:meth:`on_behalf`, which reads what every rule before found in the sentence)."""
        self._inverted(doc, sent, top, event, out, year)
        if doc is not self._doc:
            self._doc, self._organisers = doc, set()
        self._organisers.update((row[0]["key"], row[2]["key"]) for row in out if row[1] == "ORGANISES")
        self.on_behalf(doc, sent, top, out)

    def _inverted(self, doc, sent, top, event, out, year=None):
        """"Also attending (the meeting) were A, mayor of X, and B"; "Present at the forum were A and
        B"; "Among those attending were A and B"; "Attending were Hubei Vice Governor A and B": the
        people after the copula (a place or body before a name is that person's office, not a guest)."""
        if event is None:
            return
        k = sent.start
        if k < sent.end and doc[k].lower_ == "also":
            k += 1
        if k + 2 < sent.end and doc[k].lower_ == "among" and doc[k + 1].lower_ in ("those", "the", "them"):
            k += 2  # "Among those attending / present were"
            if doc[k].lower_ in ("also",):
                k += 1
        if k >= sent.end or doc[k].lower_ not in ("attending", "joining", "participating", "present"):
            return
        v = next((x for x in range(k + 1, min(sent.end, k + 12)) if doc[x].lower_ in ("were", "was", "are", "is", "included", "include")), None)
        if v is None:
            return
        at = self.dep.index(top)
        # the event named between ("Attending the forum were"), else the article's current one
        named = next((at[x] for x in range(k + 1, v) if x in at and at[x]["label"] == "Project"), None)
        if named is None and any(x in at for x in range(k + 1, v)):
            return  # "Present at the Hangzhou office were": not the event
        target = named or event
        labels = ("Person", "Organisation", "City")
        props = {"year": year} if year else {}
        conf = 0.7 if named else self.confidence
        after = [m for m in top if m["s"] > v and m["e"] <= sent.end and not m.get("anaphor")]
        people = [m for m in after if m["label"] == "Person"]
        if people:
            found = people  # a list of people: the places and bodies between are their offices
        else:
            first = at.get(v + 1)
            if first is None or first["s"] != v + 1:
                return
            found = self.dep.expand(doc, first, at, labels, sent, offices=True)
        for m in found:
            if m["key"] != target["key"] and not m.get("anaphor"):
                out.append((m, "PARTICIPATES_IN", target, dict(props), conf, "attending-were"))

    def _speech_object(self, v) -> bool:
        """"delivered a speech", "gave a keynote report", "made presentations"."""
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.speech_nouns for c in v.children)

    @staticmethod
    def _names_other(v, at, event) -> bool:
        """Does the verb's clause name an event or programme of its own ("spoke at the X Forum")?"""
        for x in v.subtree:
            m = at.get(x.i)
            if m is not None and m["label"] == "Project" and m["key"] != event["key"]:
                return True
        return False

    def _speaker(self, doc, sent, at, subj, labels, event, props, out, conf, rule="spoke-current-event"):
        """The speakers: the subject's names, or the bodies of a group noun ("experts from A and B")."""
        if subj is None:
            return
        if subj.i in at:
            for m in self.dep.members(doc, subj, at, labels, sent, offices=True):
                if m["key"] != event["key"] and not m.get("anaphor"):
                    out.append((m, "PARTICIPATES_IN", event, dict(props), conf, rule))
            return
        if noun_lemma(subj) in self.group_nouns:
            for c in subj.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            for m in self.dep.members(doc, p, at, ("Organisation", "City", "Region"), sent):
                                if not m.get("anaphor"):
                                    out.append((m, "PARTICIPATES_IN", event, dict(props), round(conf - 0.05, 2), rule))

    def is_venue(self, doc, m) -> bool:
        """"the X International Convention Center", "the Y Grand Hotel": a body named as a site of events."""
        words = tuple(t.lower_ for t in doc[max(m["s"], m["e"] - 3):m["e"]])
        return m["label"] == "Organisation" and any(words[-len(v):] == v for v in self.venue_heads)

    def respectively(self, sent, found: list) -> list:
        """"A and B held E1 and E2 respectively": of every pairing of n organisers (or participants) with n
        events the sentence gave, keep the i-th with the i-th, in the order they are written; the
        cooperation the list alone gave among them goes (each did its own)."""
        if not any(t.lower_ == "respectively" for t in sent):
            return found
        out = list(found)
        for typ in ("ORGANISES", "PARTICIPATES_IN"):
            rows = [f for f in found if f[1] == typ]
            srcs = sorted({f[0]["s"]: f[0] for f in rows}.values(), key=lambda m: m["s"])
            tgts = sorted({f[2]["s"]: f[2] for f in rows}.values(), key=lambda m: m["s"])
            if len(srcs) < 2 or len(srcs) != len(tgts):
                continue
            pairs = {(f[0]["s"], f[2]["s"]) for f in rows}
            if len(pairs) != len(srcs) * len(tgts):
                continue  # not every pairing: the rules did not read it as a cross product
            keep = {(a["s"], b["s"]) for a, b in zip(srcs, tgts)}
            out = [f for f in out if f[1] != typ or (f[0]["s"], f[2]["s"]) in keep]
            # "respectively" distributes: each did its own, so the list states no cooperation among them
            own = {m["s"] for m in srcs}
            out = [f for f in out if not (f[1] == "COOPERATES_WITH" and f[0]["s"] in own and f[2]["s"] in own)]
        return out

    def venues_organise_nothing(self, doc, found: list) -> list:
        """"Tianjin's X Convention Center hosted panels of E": a venue that hosts an event is where it is
        held (:mod:`extract.rules.locations`), not one of its organisers; drop such ORGANISES."""
        return [f for f in found if not (f[1] == "ORGANISES" and self.dep.is_event(doc, f[2]) and self.is_venue(doc, f[0]))]

    @staticmethod
    def _behalf(c) -> bool:
        """"on behalf of A": for whom, not what."""
        return c.lower_ == "on" and any(p.dep_ == "pobj" and p.lower_ == "behalf" for p in c.children)

    @classmethod
    def _has_object(cls, t) -> bool:
        """Does the verb say what was attended (an object, a prepositional phrase, a clause)? "via
        video link", "in person", "by video", "on behalf of A" say how or for whom, not what."""
        return any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "dative", "prt")
                   or c.dep_ == "prep" and not cls._behalf(c)
                   and not (c.lower_ in MANNER_PREPS and not any(x.dep_ == "prep" for x in c.subtree if x is not c))
                   for c in t.children)

    def on_behalf(self, doc, sent, top, out):
        """"X delivered a speech on behalf of A", "X attended E on behalf of A and B": the bodies X
        speaks for take part in the event X takes part in (found by the other rules of the sentence);
        a little less sure than X's own part."""
        at = self.dep.index(top)
        for t in sent:
            if t.lower_ != "behalf" or t.dep_ != "pobj" or t.head.lower_ != "on":
                continue
            of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is None:
                continue
            bodies = [m for m in self.dep.members(doc, pobj, at, ("Organisation", "City", "Region"), sent) if not m.get("anaphor")]
            verb = t.head.head
            speakers = {m["key"] for m in self.dep.members(doc, self.dep.subject(verb), at, ("Person",), sent)} \
                if verb.pos_ in ("VERB", "AUX") and self.dep.subject(verb) is not None else set()
            went = [(row[2], row[3]) for row in out if row[1] == "PARTICIPATES_IN" and row[0]["label"] == "Person"
                    and row[0]["key"] in speakers and sent.start <= row[0]["s"] < sent.end]
            for ev, props in went[:1]:
                for b in bodies:
                    # an organiser speaking for itself is the host, not a participant
                    if b["key"] != ev["key"] and (b["key"], ev["key"]) not in self._organisers:
                        out.append((b, "PARTICIPATES_IN", ev, {k: v for k, v in props.items() if k == "year"}, 0.6, "on-behalf-of"))

    def _emit(self, doc, sent, at, tok, labels, event, props, out):
        for m in self.dep.members(doc, tok, at, labels, sent, offices=True):
            if m["key"] != event["key"] and not m.get("anaphor"):
                out.append((m, "PARTICIPATES_IN", event, dict(props), self.confidence, "attended-current-event"))

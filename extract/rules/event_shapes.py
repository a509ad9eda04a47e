"""Shapes of attendance and organising that name their event, read from the words because the parse
often misses them (helper of :mod:`extract.rules.attendance`, called for every sentence):

- "Nearly 300 people attended the forum, including A and B": the people listed after the event;
- "A sent a delegation to E": the sender takes part;
- "At E, A and B signed ...": a fronted event whose list the parser hangs on the event;
- "CAST Holds 2021 X Conference": a Title Case headline, the bodies before the verb organise;
- "the P program of CAST": a programme or event "of" a body is the body's (it organises, less sure);
- "A and B were the co-organisers of E", "A, one of the hosts of E,", "A served as the host unit of E":
  every member of the subject (or of the name the noun stands beside) organises the event;
- "A won the first prize at E", "a team from A won the gold award in E": the winners take part;
- "X was invited to E", "A was honoured at E", "X met investors on the sidelines of E": the subject takes part;
- "E gathered experts from A and B": the bodies of the group noun an event drew take part.

The words are the lexicon's ``[attendance]`` section (``send_verbs``, ``envoy_nouns``,
``fronted_preps``, ``headline_organise``, ``programme_words``, ``organiser_nouns``,
``win_verbs``, ``prize_nouns``, ``win_preps``, ``passive_take_part``,
``sideline_nouns``, ``draw_verbs``).
"""
from __future__ import annotations

from extract.components.shared import ORDINAL

# the names a headline may list before its verb ("A, B and Hubei Province Co-host E")
HEADLINE_LIST = ("Organisation", "Region", "City")


class NamedEventRules:
    """PARTICIPATES_IN and ORGANISES where the sentence names the event."""

    def __init__(self, lex: dict, dep):
        a = lex.get("attendance", {})
        self.dep = dep
        self.send_verbs = set(a.get("send_verbs", ()))
        self.envoy_nouns = set(a.get("envoy_nouns", ()))
        self.fronted_preps = set(a.get("fronted_preps", ()))
        self.headline_organise = set(a.get("headline_organise", ()))
        self.programme_words = set(a.get("programme_words", ()))
        self.organiser_nouns = set(a.get("organiser_nouns", ()))
        self.win_verbs = set(a.get("win_verbs", ()))
        self.prize_nouns = set(a.get("prize_nouns", ()))
        self.win_preps = set(a.get("win_preps", ()))
        self.max_apposition = 16  # "At E, X, <title of a body>, said": the longest title between commas
        # "X was invited to E", "X was honoured at E": passive verbs whose subject takes part, and their prepositions
        self.passive_take_part = {k: set(v) for k, v in a.get("passive_take_part", {}).items()}
        self.sideline_nouns = set(a.get("sideline_nouns", ()))
        self.draw_verbs = set(a.get("draw_verbs", ()))
        self.unit_nouns = set(a.get("organiser_unit_nouns", ()))
        self.unit_mods = set(a.get("organiser_unit_mods", ()))
        self.serve_verbs = set(a.get("serve_verbs", ()))

    def __call__(self, doc, sent, top, out, year=None):
        """Append the relations of the shapes above found in ``sent`` to ``out``."""
        at = self.dep.index(top)  # token position -> top-level mention (built once for every shape)
        props = {"year": year} if year else {}
        self._including_after(doc, sent, at, out, props)
        self._sent_to(doc, sent, at, out, props)
        self._fronted_at(doc, sent, at, out, props)
        self._headline_organiser(doc, sent, at, out)
        self._programme_of_body(doc, sent, top, at, out)
        self._organiser_nouns_of(doc, sent, at, out)
        self._won_at(doc, sent, at, out, props)
        self._passive_at(doc, sent, at, out, props)
        self._event_drew(doc, sent, at, out, props)

    def _event_drew(self, doc, sent, at, out, props):
        """"E attracted / gathered / brought together experts from A and B": the bodies of a group noun the
        event (its subject) drew take part in it (less sure than a body named as the object)."""
        for v in sent:
            if v.pos_ != "VERB" or v.lemma_.lower() not in self.draw_verbs or self.dep.is_passive(v):
                continue
            subj = self.dep.subject(v)
            ev = at.get(subj.i) if subj is not None else None
            if ev is None or ev.get("anaphor") or not self.dep.is_event(doc, ev):
                continue
            for obj in (c for c in v.children if c.dep_ == "dobj" and c.i not in at and c.lemma_.lower() in self.dep.group_nouns):
                for m in self.dep.group_members(doc, obj, at, sent):
                    if m["label"] == "Organisation" and m["key"] != ev["key"]:
                        out.append((m, "PARTICIPATES_IN", ev, dict(props), 0.6, "event-drew-group"))

    def _events_of(self, doc, v, preps, at):
        """The named events of the prepositions ``preps`` of word v ("at E", "to E", "the sidelines of E")."""
        return [m for c in v.children if c.dep_ == "prep" and c.lower_ in preps
                for p in c.children if p.dep_ == "pobj" for m in self.dep.named(p, at, ("Project",))
                if self.dep.is_event(doc, m) and not m.get("anaphor")]

    def _passive_at(self, doc, sent, at, out, props):
        """"X was invited to E", "A was honoured at E" (lexicon ``passive_take_part``: a passive verb and its
        prepositions), "X met investors on the sidelines of E" (``sideline_nouns``): the subject takes part."""
        for t in sent:
            low = t.lemma_.lower()
            if t.pos_ == "VERB" and low in self.passive_take_part and self.dep.is_passive(t):
                events, v, rule = self._events_of(doc, t, self.passive_take_part[low], at), t, "passive-at-event"
            elif t.lower_ in self.sideline_nouns and t.dep_ == "pobj" and t.head.lower_ in ("on", "at") and t.head.head.pos_ == "VERB":
                events = self._events_of(doc, t, ("of",), at)
                v, rule = t.head.head, "sidelines-of-event"
            else:
                continue
            subj = self.dep.subject(v)
            if not events or subj is None:
                continue
            for m in self.dep.members(doc, subj, at, ("Organisation", "Person"), sent, offices=True):
                if not m.get("anaphor") and m["key"] != events[0]["key"]:
                    out.append((m, "PARTICIPATES_IN", events[0], dict(props), 0.65, rule))

    def _won_at(self, doc, sent, at, out, props):
        """"A won the first prize at E", "A team from B won the gold award in E": the winners (every member of
        the subject, a group noun's body included) take part in the event as winners."""
        for v in sent:
            if v.pos_ != "VERB" or v.lemma_.lower() not in self.win_verbs or self.dep.is_passive(v):
                continue
            if not any(c.dep_ == "dobj" and c.lemma_.lower() in self.prize_nouns for c in v.children):
                continue
            events = self._events_of(doc, v, self.win_preps, at)
            subj = self.dep.subject(v)
            if not events or subj is None:
                continue
            role = {"role": "winner", **props}
            # above triggers' verb-subject row for "A won at E" (0.75), which carries no role: one row per
            # pair is kept, the surest, and a prize won at the event is surer than a bare "won at"
            winners, conf = self.dep.members(doc, subj, at, ("Organisation", "Person"), sent), 0.8
            if not winners and subj.i not in at and subj.lemma_.lower() in self.dep.group_nouns:
                winners, conf = self.dep.group_members(doc, subj, at, sent), 0.65  # "a team from A"
            for m in winners:
                if not m.get("anaphor") and m["key"] != events[0]["key"] and m["label"] in ("Organisation", "Person"):
                    out.append((m, "PARTICIPATES_IN", events[0], dict(role), conf, "won-at-event"))

    def is_organiser_noun(self, t) -> bool:
        """"organiser", "hosts", and a unit named by its part ("the host units", "the undertaking unit")."""
        low = t.lemma_.lower()
        return low in self.organiser_nouns or (low in self.unit_nouns and any(
            c.dep_ in ("compound", "amod", "nmod") and c.lower_ in self.unit_mods for c in t.children))

    def _organiser_nouns_of(self, doc, sent, at, out):
        """"A and B were the co-organisers of E", "A, B and C are the hosts of E", "A, one of the sponsors of
        E,": an organiser noun with "of" and an event; its subject (copula) or the name it stands beside
        (apposition), with every member of a list, organises the event (a body: a person who "hosts" a
        forum may be its master of ceremonies)."""
        for n in sent:
            if n.pos_ != "NOUN" or not self.is_organiser_noun(n):
                continue
            of = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is None:
                continue
            if n.i in at:
                continue
            events = [m for m in self.dep.named(pobj, at, ("Project",)) if not m.get("anaphor")]
            if not events:
                continue
            head = n
            if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ == "one":
                head = n.head.head  # "A, one of the hosts of E"
            if head.dep_ == "attr" and head.head.lemma_ == "be":
                subj = self.dep.subject(head.head)
            elif head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.lemma_.lower() in self.serve_verbs:
                subj = self.dep.subject(head.head.head)  # "A served as the host unit of E"
            elif head.dep_ == "appos" and head.head.i < head.i:
                subj = head.head
            else:
                continue
            if subj is None:
                continue
            # a person who "hosts" an event may be its master of ceremonies: bodies only
            for m in self.dep.members(doc, subj, at, ("Organisation",), sent):
                if not m.get("anaphor") and m["key"] != events[0]["key"]:
                    out.append((m, "ORGANISES", events[0], {}, 0.75, "organiser-nouns-of"))

    def _including_after(self, doc, sent, at, out, props):
        """"Nearly 300 people attended the forum, including A and B": the people listed after the event
        a plural common noun attended (the parser hangs "including" on the event)."""
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in ("attend", "join") or self.dep.is_passive(t):
                continue
            subj = self.dep.subject(t)
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if subj is None or obj is None or subj.tag_ != "NNS" or subj.i > t.i:
                continue
            if subj.i in at:
                continue
            target = self.dep.named(obj, at, ("Project",))
            incl = next((c for c in list(obj.children) + list(t.children) if c.dep_ == "prep" and c.lower_ == "including"
                         and c.i > obj.i), None)
            if not target or incl is None:
                continue
            for p in (c for c in incl.children if c.dep_ == "pobj"):
                for m in self.dep.members(doc, p, at, ("Person", "Organisation"), sent, offices=True):
                    if not m.get("anaphor") and m["key"] != target[0]["key"]:
                        out.append((m, "PARTICIPATES_IN", target[0], dict(props), 0.7, "attended-including"))

    def _headline_organiser(self, doc, sent, at, out):
        """"CAST Holds 2021 X Conference in Beijing", "A, B Co-host X Forum": a Title Case headline whose
        capitalised verb the parser reads as a name; the bodies before it organise the event after it."""
        # the second half of a hyphened word may stay lower case ("Sci-tech", "High-tech")
        words = [t for t in sent if t.is_alpha and t.lower_ not in ("of", "and", "for", "the", "in", "on", "at", "to", "a", "an", "with")
                 and not (t.i > sent.start and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_)]
        if len(words) < 3 or not all(t.text[:1].isupper() for t in words):
            return
        for t in sent:
            if t.lower_ not in self.headline_organise or t.i in at:
                continue
            k = t.i + 1
            while k < sent.end and k not in at and (doc[k].like_num or ORDINAL.match(doc[k].text) or doc[k].lower_ in ("the", "a")):
                k += 1  # the edition: "Holds 2021 X", "Hosts 3rd X"
            ev = at.get(k)
            if ev is None or ev["s"] != k or not self.dep.is_event(doc, ev) or ev.get("anaphor"):
                continue
            left = at.get(t.i - 1)
            # the list may name a province or city beside the bodies ("CAST and Hubei Province Co-host E"):
            # walk over it, only the bodies organise
            if left is None or left["e"] != t.i or left["label"] not in HEADLINE_LIST:
                continue
            for m in self.dep.expand(doc, left, at, HEADLINE_LIST, sent) + self._left_list(doc, left, at, sent):
                if not m.get("anaphor") and m["label"] == "Organisation":
                    out.append((m, "ORGANISES", ev, {}, 0.7, "headline-organiser"))

    def _programme_of_body(self, doc, sent, top, at, out):
        """"the Innovation China program of CAST", "the 2021 X Forum of the Ministry of Y": a programme or
        event followed by "of" and a body is the body's (the body runs it); less sure than a verb."""
        for m in top:
            if m["label"] != "Project" or m.get("anaphor") or m["e"] + 1 >= sent.end:
                continue
            k = m["e"]
            if doc[k].lower_ in self.programme_words and k + 1 < sent.end:  # "the P program of A"
                k += 1
            if doc[k].lower_ != "of":
                continue
            k += 1 + (k + 1 < sent.end and doc[k + 1].lower_ == "the")
            body = at.get(k)
            if body is None or body["s"] != k or body["label"] != "Organisation" or body.get("anaphor"):
                continue
            if body["e"] < sent.end and doc[body["e"]].lower_ in ("and", "&", ","):
                continue  # "the P of A and B": a list, perhaps of places or members
            out.append((body, "ORGANISES", m, {}, 0.6, "programme-of-body"))

    @staticmethod
    def _left_list(doc, last, at, sent):
        """The names before the last one of a headline list ("A, B and C Co-host ..."), over commas and "and"."""
        out, k = [], last["s"]
        while k - 2 >= sent.start and doc[k - 1].lower_ in (",", "and", "&"):
            x = at.get(k - 2)
            if x is None or x["e"] != k - 1 or x["label"] not in HEADLINE_LIST:
                break
            out.append(x)
            k = x["s"]
        return out

    def _sent_to(self, doc, sent, at, out, props):
        """"A sent a delegation to E", "A and B sent teams to the E": the senders take part in the event."""
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in self.send_verbs or self.dep.is_passive(t):
                continue
            if not any(c.dep_ == "dobj" and c.lemma_.lower() in self.envoy_nouns for c in t.children):
                continue
            subj = self.dep.subject(t)
            targets = self._events_of(doc, t, ("to",), at)
            if subj is None or not targets:
                continue
            for m in self.dep.members(doc, subj, at, ("Organisation", "City", "Region", "Person"), sent):
                if not m.get("anaphor") and m["key"] != targets[0]["key"]:
                    out.append((m, "PARTICIPATES_IN", targets[0], dict(props), 0.7, "sent-delegation"))

    def _fronted_at(self, doc, sent, at, out, props):
        """"At the 2023 X Expo, A and B showcased ...": a sentence that opens with "At / During E," and
        goes on with a list of names and its verb; the parser often reads the list as an apposition of
        E, and the verb then has no subject. Only where the verb really has none."""
        k = sent.start
        if k >= sent.end or doc[k].lower_ not in self.fronted_preps:
            return
        k += 1
        while k < sent.end and doc[k].lower_ in ("the", "this", "a"):
            k += 1
        ev = at.get(k)
        if ev is None or ev["s"] > k or not self.dep.is_event(doc, ev) or ev.get("anaphor") \
                or ev["e"] >= sent.end or doc[ev["e"]].text != ",":
            return
        first = at.get(ev["e"] + 1)
        if first is None or first["s"] != ev["e"] + 1 or first["label"] not in ("Organisation", "City", "Region", "Person"):
            return
        names = self.dep.expand(doc, first, at, ("Organisation", "City", "Region", "Person"), sent)
        end = max(m["e"] for m in names)
        # "At E, Zhou Wei, director of the X Department, introduced ...": the person's title between commas
        if len(names) == 1 and names[0]["label"] == "Person" and end < sent.end and doc[end].text == ",":
            close = next((x for x in range(end + 1, min(sent.end, end + self.max_apposition)) if doc[x].text == ","), None)
            if close is not None and not any(doc[x].pos_ in ("VERB", "AUX") for x in range(end + 1, close)):
                end = close + 1
        v = doc[end] if end < sent.end else None
        while v is not None and v.pos_ in ("AUX", "ADV") and v.i + 1 < sent.end:
            v = doc[v.i + 1]
        if v is None or v.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            return
        for m in names:
            if not m.get("anaphor") and m["key"] != ev["key"]:
                out.append((m, "PARTICIPATES_IN", ev, dict(props), 0.65, "fronted-at-event"))

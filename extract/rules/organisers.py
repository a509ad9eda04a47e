"""ORGANISES stated around an organising verb the other rules read only for its own subject or object:

- a gerund after an adjective or noun of duty: "A is responsible for organising E", "A took the lead in
  hosting E", "A is in charge of holding E", "A was tasked with organising E" -> A organises E;
- a partner of a joint verb with a purpose: "A teamed up / joined hands / worked with B to host E" ->
  B organises E too (A is the verb's subject, read by the dependency patterns);
- a partner phrase between the subject and its verb: "A, in conjunction with B and C, held E",
  "A, in cooperation with B, launched P" -> B and C organise it too.

("A organised E with B", no "co-" verb and no partner phrase, does not say that B organises: not read.)

The words are the lexicon's ``[organisers]`` section (``duty_words``, ``partner_verbs``), the organising
verbs ``[dep] organise_verbs`` (less the guiding ones) and the partner phrases ``[triggers] organise_with``.
"""
from __future__ import annotations

from extract.rules.common import ACTOR

TARGETS = ("Project",)


class OrganiserRules:
    """The ORGANISES relations of the shapes above in one sentence."""

    def __init__(self, lex: dict, dep):
        self.dep = dep
        d = lex["dep"]
        self.organise_verbs = set(d["organise_verbs"]) - set(d.get("guide_verbs", ()))
        o = lex.get("organisers", {})
        self.duty_words = set(o.get("duty_words", ()))
        self.partner_verbs = set(o.get("partner_verbs", ()))
        self.with_phrases = [tuple(x.split()) for x in lex.get("triggers", {}).get("organise_with", ())]

    def __call__(self, doc, sent, top, out):
        at = self.dep.index(top)
        if not any(m["label"] == "Project" for m in top):
            return
        for v in sent:
            if v.pos_ != "VERB" or v.lemma_.lower() not in self.organise_verbs:
                continue
            targets = self._objects(doc, v, at)
            if not targets:
                continue
            if v.tag_ == "VBG" and v.dep_ == "pcomp":
                self._duty(doc, sent, v, targets, at, out)
            if v.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                self._purpose_partner(doc, sent, v, targets, at, out)
            if v.tag_ != "VBN" or v.dep_ not in ("acl", "amod"):
                self._fronted_partners(doc, sent, v, targets, at, out)

    def _objects(self, doc, v, at):
        """The projects and events a verb's direct object names ("the X Forum", "the opening ceremony of X")."""
        out = []
        for c in v.children:
            if c.dep_ == "dobj":
                for m in self.dep.named(c, at, TARGETS):
                    if not m.get("anaphor") or self.dep.is_event(doc, m):
                        out.append(m)
        return out

    def _organisers(self, doc, sent, tok, at):
        """The bodies and people a token names, with the names listed with it."""
        got = self.dep.named(tok, at, ACTOR, loose=False)
        if not got:
            return []
        return [m for m in self.dep.expand(doc, got[0], at, ACTOR, sent)
                if m["label"] in ("Organisation", "Person") and not m.get("anaphor")]

    def _duty(self, doc, sent, v, targets, at, out):
        """"A is responsible for organising E": from the gerund up through its preposition and the word of
        duty it hangs on to the clause's verb, whose subject organises."""
        prep = v.head
        word = prep.head
        if prep.dep_ != "prep" or word.lemma_.lower() not in self.duty_words:
            return
        verb = word
        for _ in range(3):  # "responsible" (acomp) / "lead" (dobj) / "charge" (pobj of "in") -> the verb
            if verb.pos_ in ("VERB", "AUX"):
                break
            verb = verb.head if verb.head.i != verb.i else verb
        if verb.pos_ not in ("VERB", "AUX"):
            return
        # "B congratulated A on hosting E": a verb with an object of its own names someone else's duty
        if any(c.dep_ == "dobj" and c.i in at for c in verb.children):
            return
        subj = self.dep.subject(verb)
        if subj is None:
            return
        for a in self._organisers(doc, sent, subj, at):
            for t in targets:
                if a["key"] != t["key"]:
                    out.append((a, "ORGANISES", t, {}, 0.7, "duty-to-organise"))

    def _purpose_partner(self, doc, sent, v, targets, at, out):
        """"A teamed up with B to host E": the partner after the joint verb's "with" organises E."""
        head = v.head
        if head.pos_ != "VERB" or head.lemma_.lower() not in self.partner_verbs or head.i > v.i:
            return
        for w in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"):
            for p in (c for c in w.children if c.dep_ == "pobj"):
                for b in self._organisers(doc, sent, p, at):
                    for t in targets:
                        out.append((b, "ORGANISES", t, {}, 0.7, "partner-to-organise"))

    def _fronted_partners(self, doc, sent, v, targets, at, out):
        """"A, in conjunction with B and C, held E": a partner phrase right after the subject, before the verb."""
        subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i), None)
        if subj is None:
            return
        first = self.dep.named(subj, at, ACTOR, loose=False)
        if not first:
            return
        k = max(m["e"] for m in self.dep.expand(doc, first[0], at, ACTOR, sent))
        if k < sent.end and doc[k].text == ",":
            k += 1
        for ph in self.with_phrases:
            if tuple(t.lower_ for t in doc[k:min(sent.end, k + len(ph))]) != ph:
                continue
            j = k + len(ph)
            while j < v.i and doc[j].lower_ == "the":
                j += 1
            b0 = at.get(j)
            if b0 is None or b0["s"] != j or b0["e"] > v.i:
                return
            for b in self.dep.expand(doc, b0, at, ACTOR, sent):
                if b["e"] <= v.i and b["label"] == "Organisation" and not b.get("anaphor"):
                    for t in targets:
                        out.append((b, "ORGANISES", t, {}, 0.7, "subject-with-partner"))
            return

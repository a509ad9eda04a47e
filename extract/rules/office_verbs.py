"""HOLDS_POSITION stated by verbs, read from the dependency parse (helper of
:mod:`extract.rules.positions`; the verb words are the lexicon's ``[titles]``):

"A appointed X (as) its president", "A, headed / founded by X", "the A team led by X", "A, whose
chairman is X", "X founded / heads A", "X joined A", "X works at A", "X is from A", "X signed on behalf
of A". A title the sentence names is kept; without one the link is weaker (0.55-0.65).
"""
from __future__ import annotations

from extract.rules.common import ACTOR as BODY  # the labels of a body an office is held at
from extract.rules.dependency import DepInterpreter


def office(p, org, title, conf, rule, weak_titles, rounded=False) -> tuple:
    """The HOLDS_POSITION tuple of person mention p at body org (both office rule modules build it): a
    weak title (``[titles] weak``: "member") costs 0.2, a resolved anaphor ("the municipal government")
    0.05 (with ``rounded``, the confidence is rounded to two places: the verb rules round, the title
    rules never have, and rounding theirs changes which evidence the corpus output keeps); no title, no ``title`` property."""
    t = (title or "").strip()
    if t.lower() in weak_titles:
        conf -= 0.2
    if org.get("anaphor"):
        conf -= 0.05
    return (p, "HOLDS_POSITION", org, {"title": t} if t else {}, round(conf, 2) if rounded else conf, rule)


class OfficeVerbRules:
    """The offices a person mention gets from the verbs around it."""

    def __init__(self, lex: dict, titles: set, title_heads: set, weak_titles: set):
        t = lex["titles"]
        self.titles = titles
        self.title_heads = title_heads  # "leader", not "team"
        self.weak_titles = weak_titles
        self.appoint_verbs = set(t.get("appoint_verbs", ()))
        self.lead_verbs = dict(t.get("lead_verbs", {}))
        self.group_nouns = set(t.get("group_nouns", ()))
        self.member_verbs = set(t.get("member_verbs", ()))
        self.work_verbs = set(t.get("work_verbs", ()))
        self.work_preps = set(t.get("work_preps", ()))
        self.visit_verbs = set(t.get("visit_verbs", ()))
        self.visit_nouns = set(t.get("visit_nouns", ()))
        self.place_titles = set(t.get("place_titles", ()))
        # "officials from Zibo, including X": a place's people, as good as a place's title
        self.place_people = set(t.get("place_people", ())) | self.place_titles
        # "researchers from A, including X": the words that open a list, as the dependency interpreter reads them
        self.list_markers = set(lex["dep"]["list_markers"])

    def __call__(self, doc, sent, p, top, out, own=""):
        """Offices stated by a verb, read from the parse (the verb words are the lexicon's ``[titles]``):
        "A appointed X (as) its president", "A, headed / founded by X", "the A team led by X", "A,
        whose chairman is X", "X founded / heads A", "X joined A", "X works at A", "X is from A",
        "X signed on behalf of A". A title the sentence names is kept; without one the link is weaker.
        ``own``: the title written before p's name ("Vice Mayor" of "Vice Mayor X"), as
        :class:`~extract.rules.positions.PositionRules` found it, else ""."""
        at = {k: m for m in top for k in range(m["s"], m["e"]) if m is not p}
        x = doc[p["s"]:p["e"]].root
        while x.dep_ == "conj" and x.head is not x and x.head.i not in range(p["s"], p["e"]):
            if at.get(x.head.i, {}).get("label") != "Person":
                break
            x = x.head  # "led by X and Y": Y as X
        v = x.head

        def body(tok, labels=BODY):
            m = at.get(tok.i) if tok is not None else None
            return m if m is not None and m["label"] in labels else None

        def hold(org, title, conf, rule):
            if org is not None:
                out.append(office(p, org, title, conf, rule, self.weak_titles, rounded=True))

        lemma = v.lemma_.lower()
        # "A appointed X (as) its president", "A named X its chief scientist"
        if x.dep_ in ("dobj", "oprd") and lemma in self.appoint_verbs and not DepInterpreter.is_passive(v):
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            org = body(subj)
            noun = next((g for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"), None)
            noun = noun or next((c for c in list(v.children) + list(x.children)
                                 if c.dep_ in ("oprd", "attr", "appos") and c.lower_ in self.titles and c is not x), None)
            title = self._noun_title(noun)
            if noun is not None:  # "appointed X as president of B": the office is at B
                of = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
                org = body(of) or org
            hold(org, title, 0.75 if title else 0.65, "appointed-by-body")
            return
        # "A, headed / founded by X", "the A team led by X", "a delegation from A, led by Vice President X"
        if x.dep_ == "pobj" and v.dep_ == "agent" and v.head.lemma_.lower() in self.lead_verbs:
            verb = v.head
            theme = verb.head if verb.dep_ in ("acl", "relcl") else next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if theme is None:
                return
            org = body(theme, ("Organisation",))
            if org is not None:
                hold(org, self.lead_verbs[verb.lemma_.lower()], 0.7, "body-led-by")
            elif self._group(theme) and theme.i not in at:
                # "the A team led by X", "researchers at A, led by Professor X": X's office is at A; "the
                # Jiaxing delegation led by Vice Mayor X" at the place only with a place's title
                for org in self._group_sources(theme, body):
                    if org["label"] == "Organisation" or self.place_title(own):
                        hold(org, own, 0.7 if own else 0.65, "group-led-by")
                        break
            return
        # "researchers from A, including X and Y", "officials of A such as X": each one's office is at A
        noun = v.head
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in self.GROUP_PREPS:
            # "officials from A, including X": the parser may hang the list on A
            noun = noun if self._plural_title(noun) else noun.head.head
        if x.dep_ == "pobj" and (v.lower_ in self.list_markers or v.lower_ == "as" and any(c.lower_ == "such" for c in v.children)) \
                and v.dep_ == "prep" and self._plural_title(noun) and noun.i not in at:
            # "leaders of A such as Vice Mayor X": the person's own title, else the group's; at a place only a
            # place's title or a place's people ("officials from Zibo"), not "experts from Beijing"
            title = own or self._noun_title(noun, lemma=True)
            for org in self._group_sources(noun, body):
                if org["label"] == "Organisation" or self.place_title(title, self.place_people):
                    hold(org, title, 0.7, "group-member-title")
                    break
            return
        # "A, whose chairman is X"
        if x.dep_ == "attr" and lemma == "be" and v.dep_ == "relcl":
            n = next((c for c in v.children if c.dep_ == "nsubj" and any(g.lower_ == "whose" for g in c.children)), None)
            if n is not None and n.lower_ in self.titles:
                hold(body(v.head), self._noun_title(n), 0.75, "whose-title-is")
            return
        # "X, who works at A / joined A in 2005 / founded A": the name's relative clause is a verb of its own
        verbs = [c for c in x.children if c.dep_ == "relcl" and not DepInterpreter.is_passive(c)
                 and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)]
        if x.dep_ == "nsubj" and not DepInterpreter.is_passive(v):
            verbs.insert(0, v)
        for w in verbs:
            self._subject_verb(w, hold, body)
        if x.dep_ != "nsubj" or DepInterpreter.is_passive(v):
            return
        # "X signed the agreement on behalf of A" / "On behalf of A, X signed ...": one person for one body
        people = [c for c in [x] + list(x.conjuncts) if at.get(c.i, {}).get("label") == "Person" or c is x]
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "on":
                b = next((g for g in c.children if g.dep_ == "pobj" and g.lower_ == "behalf"), None)
                of = next((g for q in (b.children if b is not None else ()) if q.lower_ == "of" for g in q.children if g.dep_ == "pobj"), None)
                org = body(of)
                if org is not None and len(people) == 1 and not any(g.dep_ == "conj" for g in of.children):
                    hold(org, "", 0.55, "on-behalf-of")  # speaking for a body: the weakest sign of a post

    def _subject_verb(self, v, hold, body):
        """The office a verb gives its subject: "X founded A", "X heads A", "X joined A", "X works at A",
        "X is from A"."""
        lemma = v.lemma_.lower()
        objs = [c for c in v.children if c.dep_ == "dobj"]
        preps = [(c.lower_, g) for c in v.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if lemma in self.lead_verbs:  # "X founded A", "X heads A"
            for o in objs:
                hold(body(o, ("Organisation",)), self.lead_verbs[lemma], 0.7, "person-leads-body")
        elif lemma in self.member_verbs:  # "X joined A in 2005"
            for o in objs:
                hold(body(o, ("Organisation",)), "", 0.6, "person-joined-body")
        elif lemma in self.work_verbs:  # "X works at A", "X has worked for A for ten years"
            for prep, o in preps:
                if prep in self.work_preps:
                    hold(body(o, ("Organisation",)), "", 0.65, "person-works-at")
        elif lemma in ("be", "come") and not objs:  # "X is from A"
            for prep, o in preps:
                if prep == "from" and not any(c.dep_ == "attr" for c in v.children):
                    hold(body(o, ("Organisation",)), "", 0.6, "person-from-body")

    GROUP_PREPS = ("from", "of", "at", "with")

    def _plural_title(self, noun) -> bool:
        """"researchers", "experts", "officials": a title in the plural."""
        return noun.tag_ == "NNS" and noun.lemma_.lower() in self.title_heads

    def _group(self, noun) -> bool:
        """A group noun ("team", "delegation") or a plural title ("researchers", "experts")."""
        return noun.lemma_.lower() in self.group_nouns or self._plural_title(noun)

    def _group_sources(self, noun, body):
        """The bodies a group noun comes from: its name modifiers ("the A team") and its "from" / "of" /
        "at" / "with" phrases ("researchers at A")."""
        src = [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod")]
        src += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in self.GROUP_PREPS for g in c.children if g.dep_ == "pobj"]
        return [m for m in (body(c) for c in src) if m is not None]

    def place_title(self, title, words=None) -> bool:
        """Is title a place's office ("Vice Mayor": its last word is one of ``place_titles``, or of
        ``words`` if given)?"""
        return bool(title) and title.lower().split()[-1] in (self.place_titles if words is None else words)

    def _noun_title(self, noun, lemma=False) -> str:
        """The title a noun of office names, with its title-word modifiers ("chief scientist"); with
        ``lemma``, a plural's in the singular ("vice mayors" -> "vice mayor")."""
        head = (noun.lemma_ if lemma else noun.text) if noun is not None else ""
        if head.lower() not in self.title_heads:
            return ""
        words = [t.text for t in noun.lefts if t.lower_ in self.titles or t.text == "-"] + [head]
        return " ".join(words).replace(" - ", "-")

    def host_title(self, doc, sent, p, title, top, out):
        """"The delegation visited Y and was received by President X", "At Y, the guests met Vice
        President X": a title before a name with no body of its own, in a sentence about a visit to one
        body, is the host's office there. Not the visitor's ("Vice Governor X visited Y"); a place's
        title (``place_titles``: "mayor") only at a place, a body's only at a body."""
        at = {k: m for m in top for k in range(m["s"], m["e"])}
        x = doc[p["s"]:p["e"]].root
        if x.dep_ == "nsubj" and x.head.lemma_.lower() in self.visit_verbs:
            return
        # "The A delegation led by Vice Mayor X visited Y": X is of the visiting party, not Y's host
        if any(c.dep_ == "nsubj" and c.left_edge.i <= x.i <= c.right_edge.i for t in sent
               if t.pos_ == "VERB" and t.lemma_.lower() in self.visit_verbs for c in t.children):
            return
        visited = {}
        for t in sent:
            low = t.lemma_.lower()
            objs = []
            if t.pos_ == "VERB" and low in self.visit_verbs:
                objs = [c for c in t.children if c.dep_ == "dobj"]
            elif t.pos_ == "NOUN" and low in self.visit_nouns:
                objs = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
            elif t.lower_ == "at" and t.i == sent.start:
                objs = [g for g in t.children if g.dep_ == "pobj"]  # "At Y, ..."
            for o in objs + [c for ob in objs for c in ob.conjuncts]:
                m = at.get(o.i)
                if m is not None and m["label"] in BODY:
                    visited[m["key"]] = m
        if len(visited) != 1:
            return
        org = next(iter(visited.values()))
        if self.place_title(title) != (org["label"] in ("City", "Region")):
            return
        out.append(office(p, org, title, 0.6, "visit-host-title", self.weak_titles, rounded=True))


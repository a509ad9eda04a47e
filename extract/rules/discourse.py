"""Relations stated across a list, a group noun or the article's programme, one sentence at a time.

- a list of places with a membership role and no programme named in the sentence: the programme
  the article is about ("Five cities were on the list of the first batch, namely A, B, C and D",
  after a sentence naming the programme);
- "A, B and C are among / are (one of) the pilot cities of P": the subject list and the role;
- people and bodies through a group noun: "representatives from A, B and C attended E", "the A and B
  delegations took part in E", "officials of A addressed E";
- cooperation as a compound or a passive: "the A-B cooperation", "the A-B-C cooperation" (every
  pair), "an agreement signed by A and B", "A and B join forces / join hands".

The words are the lexicon's ``[discourse]`` section.
"""
from __future__ import annotations

from extract.rules.common import ACTOR, PLACE, cooperate_all, find_role, role_phrases, singular

DASHES = ("-", "–", "—", "−")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


class DiscourseRules:
    """The relations of one sentence that need a list, a group noun or the article's programme."""

    def __init__(self, lex: dict):
        d = lex.get("discourse", {})
        self.place_roles = [tuple(r.split()) for r in d.get("place_roles", ())]
        self.all_roles = role_phrases(lex["dep"])
        self.group_nouns = set(d.get("group_nouns", ()))
        self.attend_verbs = set(d.get("attend_verbs", ()))
        self.attend_preps = set(d.get("attend_preps", ()))
        self.coop_nouns = set(d.get("cooperation_nouns", ()))
        self.sign_words = set(d.get("sign_words", ()))
        self.force_nouns = set(d.get("force_nouns", ()))
        self.among_words = set(d.get("among_words", ()))
        self.join_words = set(d.get("join_words", ()))
        self.delegation_nouns = set(d.get("delegation_nouns", ()))
        self.organiser_nouns = set(d.get("organiser_nouns", ()))
        self.attendee_nouns = set(d.get("attendee_nouns", ()))
        self.titles = {w for t in lex["titles"]["words"] for w in t.split()}
        self.facility_kinds = set(d.get("facility_kinds", ()))

    def __call__(self, doc, sent, top, out, year, programme):
        """Append relations to out; ``programme`` is the article's current programme mention (or None)."""
        at = {}
        for m in top:
            for k in range(m["s"], m["e"]):
                at.setdefault(k, m)
        start_of = {m["s"]: m for m in top}
        projects = [m for m in top if m["label"] == "Project"]
        props = {"year": year} if year else {}
        self._implicit_programme(doc, sent, top, start_of, projects, programme, props, out)
        self._among(doc, sent, top, at, start_of, projects, props, out)
        self._group_attend(doc, sent, top, at, projects, props, out)
        self._cooperation(doc, sent, top, start_of, out)
        self._join_surface(doc, sent, top, start_of, projects, props, out)
        self._appositive_role(doc, sent, top, start_of, props, out)
        self._led_by(doc, sent, top, start_of, out)
        self._organiser_nouns(doc, sent, top, start_of, projects, out)
        self._attendee_lists(doc, sent, top, props, out)
        self._bracketed_people(doc, sent, top, start_of, out)

    # -- lists ---------------------------------------------------------------------------------
    @staticmethod
    def _runs(doc, sent, top, start_of, labels):
        """Maximal lists of mentions of the labels joined by ",", "and", "as well as": [[m, ...], ...]."""
        runs, cur = [], []
        ms = sorted((m for m in top if m["label"] in labels and not m.get("anaphor")), key=lambda m: m["s"])
        for m in ms:
            if cur:
                gap = [doc[k] for k in range(cur[-1]["e"], m["s"])]
                # "A (B), C": a bracketed acronym or place inside the list
                words = [t.lower_ for t in gap if t.text not in ("(", ")") and not (t.i > cur[-1]["e"] and doc[t.i - 1].text == "(")]
                if gap and all(w in (",", "and", "&", "as", "well", "the", "or") for w in words):
                    cur.append(m)
                    continue
                runs.append(cur)
            cur = [m]
        if cur:
            runs.append(cur)
        return runs

    def _implicit_programme(self, doc, sent, top, start_of, projects, programme, props, out):
        """"Four cities were on the list, namely A, B, C and D" with the programme named before."""
        if projects or programme is None or programme["props"].get("kind") in self.facility_kinds:
            return  # a station or a platform has no pilot cities: the role is a programme's
        words = [singular(t.lower_) for t in sent if t.is_alpha]
        if find_role(words, self.place_roles) is None:
            return
        role = find_role(words, self.all_roles)  # the role itself ("pilot city"), not "on the list"
        p = dict(props, role=role) if role and role not in ("list", "batch", "one", "part") else dict(props)
        for run in self._runs(doc, sent, top, start_of, PLACE):
            if len(run) >= 2:
                for m in run:
                    out.append((m, "PARTICIPATES_IN", programme, dict(p), 0.6, "list-programme"))
            elif role and role not in ("list", "batch", "one", "part") and self._holds_role(doc, run[0], role):
                out.append((run[0], "PARTICIPATES_IN", programme, dict(p), 0.6, "role-programme"))

    def _holds_role(self, doc, m, role) -> bool:
        """Is the role said of this one place: "X was named a pilot city", "X became one of the hub
        cities", "As a pilot city, X ...", "X, a pilot city, ..." (the subject's clause, or its
        appositive, holds the role words)?"""
        root = doc[m["s"]:m["e"]].root
        want = tuple(role.split())
        spans = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX"):
            v = root.head
            spans += [c for c in v.children if c.dep_ in ("attr", "oprd", "xcomp", "prep", "dobj", "acomp") and c.i != root.i]
        for c in spans:
            words = [singular(t.lower_) for t in c.subtree if t.is_alpha]
            if find_role(words, [want]):
                return True
        return False

    def _among(self, doc, sent, top, at, start_of, projects, props, out):
        """"A, B and C are among / one of the pilot cities of P": the subject list joins P."""
        for p in projects:
            # "the (first) pilot cities of (the) P"
            k = p["s"] - 1
            if k >= sent.start and doc[k].lower_ == "the":
                k -= 1
            if k < sent.start or doc[k].lower_ not in ("of", "in"):
                continue
            j = k
            while j - 1 >= sent.start and doc[j - 1].is_alpha and doc[j - 1].lower_ not in self.among_words \
                    and doc[j - 1].pos_ not in ("VERB", "AUX") and j - 1 not in at and k - j < 6:
                j -= 1
            role = find_role([singular(t.lower_) for t in doc[j:k] if t.is_alpha], self.all_roles)
            if role is None:
                continue
            q = j - 1
            while q >= sent.start and doc[q].lower_ in ("the", "first", "second", "third", "new", "latest", "batch", "of", "a"):
                q -= 1
            if q < sent.start or doc[q].lower_ not in self.among_words:
                continue
            # the subject list right before the copula: "A, B and C are among"
            v = q - 1 if doc[q].lower_ not in ("are", "is", "was", "were") else q
            while v >= sent.start and doc[v].lower_ in ("are", "is", "was", "were", "now", "also", "all", "both", "have", "has", "been", "become", "became"):
                v -= 1
            last = next((m for m in top if m["e"] == v + 1), None)
            if last is None or last["label"] not in ("City", "Region", "Organisation"):
                continue
            run = next((r for r in self._runs(doc, sent, top, start_of, ("City", "Region", "Organisation")) if last in r), [last])
            for m in run:
                out.append((m, "PARTICIPATES_IN", p, dict(props, role=role), 0.7, "among-role-of"))

    def _join_surface(self, doc, sent, top, start_of, projects, props, out):
        """"Wuxi Joins Innovation China Hub Cities", "Jiaxing to Become an Innovation China Hub City":
        the words alone, for headlines whose parse cannot be trusted."""
        for p in projects:
            k = p["s"] - 1
            while k >= sent.start and doc[k].lower_ in ("a", "an", "the", "as", "of", "one", "among"):
                k -= 1
            if k < sent.start or doc[k].lower_ not in self.join_words:
                continue
            v = k - 1
            while v >= sent.start and doc[v].lower_ in ("to", "will", "has", "have", "is", "are", "was", "were", "officially", "formally", "successfully"):
                v -= 1
            last = next((m for m in top if m["e"] == v + 1 and m["label"] in ("City", "Region", "Organisation")), None)
            if last is None:
                continue
            role = find_role([singular(t.lower_) for t in doc[p["s"]:min(sent.end, p["e"] + 4)] if t.is_alpha], self.all_roles)
            group = next((r for r in self._runs(doc, sent, top, start_of, ("City", "Region", "Organisation")) if last in r), [last])
            for m in group:
                out.append((m, "PARTICIPATES_IN", p, dict(props, role=role) if role else dict(props), 0.65, "joins-surface"))

    def _appositive_role(self, doc, sent, top, start_of, props, out):
        """"Wuxi, an Innovation China pilot city, ...", "Wuxi, one of the hub cities of P"."""
        for a in top:
            if a["label"] not in ("City", "Region", "Organisation") or a["e"] + 2 >= sent.end or doc[a["e"]].text != ",":
                continue
            k = a["e"] + 1
            # "A, an P pilot city", "A and B, the two P pilot cities", "A, one of the first hub cities of P"
            while k < sent.end and (doc[k].lower_ in ("a", "an", "the", "one", "of", "first", "new", "national", "all", "both")
                                    or doc[k].like_num and not doc[k].text[:1].isupper() or doc[k].lower_ in NUMBER_WORDS):
                k += 1
            p = start_of.get(k)
            if p is not None and p["label"] == "Project":
                role = find_role([singular(t.lower_) for t in doc[p["e"]:min(sent.end, p["e"] + 3)] if t.is_alpha], self.all_roles)
            else:  # "one of the pilot cities of P"
                j = k
                while j < sent.end and j < k + 5 and j not in start_of and doc[j].is_alpha:
                    j += 1
                role = find_role([singular(t.lower_) for t in doc[k:j] if t.is_alpha], self.all_roles)
                p = start_of.get(j + (1 if j < sent.end and doc[j].lower_ == "the" else 0)) if role and doc[j - 1].lower_ == "of" else None
                if p is not None and p["label"] != "Project":
                    p = None
            if p is not None and role:
                group = [a]
                # "A and B, two pilot cities of P" / "A, B and C, all hub cities of P": the whole list
                if any(doc[x].tag_ in ("NNS", "NNPS") or doc[x].like_num or doc[x].lower_ in ("both", "all")
                       for x in range(a["e"] + 1, p["s"])):
                    group = next((r for r in self._runs(doc, sent, top, start_of, (a["label"],)) if r[-1] is a), [a])
                for m in group:
                    out.append((m, "PARTICIPATES_IN", p, dict(props, role=role), 0.7, "appositive-role"))

    def _organiser_nouns(self, doc, sent, top, start_of, projects, out):
        """"The organizers of E include A and B"; "with A as the organizer": A organises E."""
        if not projects:
            return
        for t in sent:
            if t.lower_ not in self.organiser_nouns:
                continue
            group = []
            k = t.i - 1
            while k >= sent.start and k > t.i - 4 and doc[k].lower_ in ("the", "an", "a", "co", "-", "main", "chief"):
                k -= 1
            if k >= sent.start and doc[k].lower_ == "as":
                # "with A as (the) organizer"
                last = next((m for m in top if m["e"] == k and m["label"] in ("Organisation", "Person")), None)
                # "with (the) A as the organizer and (the) B as the co-organizer"
                b = last["s"] - 1 if last is not None else sent.start - 1
                if b - 1 >= sent.start and doc[b].lower_ == "the":
                    b -= 1
                if last is not None and b >= sent.start and doc[b].lower_ in ("with", "and", ","):
                    group = next((r for r in self._runs(doc, sent, top, start_of, ("Organisation",)) if last in r), [last])
            else:
                # "the organizers (of E) include / are A and B"
                k = t.i + 1
                if k < sent.end and doc[k].lower_ == "of":
                    p = next((start_of[x] for x in range(k + 1, min(sent.end, k + 4)) if x in start_of), None)
                    k = p["e"] if p is not None else k
                if k < sent.end and doc[k].lower_ in ("include", "included", "includes", "are", "were", "is", "was", ":"):
                    k += 1
                    while k < sent.end and doc[k].lower_ in ("the",):
                        k += 1
                    first = start_of.get(k)
                    if first is not None and first["label"] == "Organisation":
                        group = next((r for r in self._runs(doc, sent, top, start_of, ("Organisation",)) if first in r), [first])
            if not group:
                continue
            target = min(projects, key=lambda p: abs(p["s"] - t.i))
            for m in group:
                out.append((m, "ORGANISES", target, {}, 0.7, "organiser-noun"))

    def _attendee_lists(self, doc, sent, top, props, out):
        """Everyone in a list of attendees, over their appositive titles: "E was attended by A, mayor
        of X, B, president of Y, and ..."; "also present (at E) were A and B"; "leaders attending E
        included A and B"; "A and B were among the guests at E"."""
        events = [m for m in top if m["label"] == "Project"]
        if not events:
            return
        words = [t.lower_ for t in sent]
        people = [m for m in top if m["label"] == "Person"]
        if not people:
            return
        start = None
        before = False
        for t in sent:
            low, nxt = t.lower_, (doc[t.i + 1].lower_ if t.i + 1 < sent.end else "")
            if low == "attended" and nxt == "by":
                start = t.i + 2
            elif low == "present" and ("were" in words[t.i - sent.start:] or (t.i > sent.start and doc[t.i - 1].lower_ in ("were", "was"))):
                start = next((k + 1 for k in range(t.i, sent.end) if doc[k].lower_ in ("were", "was")), None) \
                    if not (t.i > sent.start and doc[t.i - 1].lower_ in ("were", "was")) else None
                before = start is None
                start = start if start is not None else sent.start
            elif t.lemma_.lower() in ("attend", "join") and t.dep_ in ("acl", "amod") and t.head.lemma_.lower() in self.attendee_nouns:
                start = next((k + 1 for k in range(t.i, sent.end) if doc[k].lemma_.lower() in ("include", "be")), None)
            elif low == "among" and nxt in ("the", "them") or (low in self.attendee_nouns and nxt in ("included", "include", "includes", "were", "are")):
                if low == "among":
                    before = True
                    start = sent.start
                else:
                    start = t.i + 2
            if start is not None:
                break
        if start is None:
            return
        stop = sent.end
        members = [m for m in people if (m["s"] >= start and m["e"] <= stop) if not before] if not before else \
            [m for m in people if m["e"] <= next((k for k in range(sent.start, sent.end) if doc[k].lower_ in ("were", "was", "are", "is")), sent.end)]
        if not members:
            return
        target = min(events, key=lambda e: abs(e["s"] - members[0]["s"]))
        for m in members:
            out.append((m, "PARTICIPATES_IN", target, dict(props), 0.7, "attendee-list"))

    # -- people ------------------------------------------------------------------------------
    def _led_by(self, doc, sent, top, start_of, out):
        """"A delegation from ORG led by P(, Title ...)": P holds an office at ORG."""
        if not any(t.lemma_.lower() in self.delegation_nouns for t in sent):
            return
        for t in sent:
            if t.lower_ != "led" or t.i + 2 >= sent.end or doc[t.i + 1].lower_ != "by":
                continue
            p = start_of.get(t.i + 2)
            if p is None or p["label"] != "Person":
                continue
            k = t.i - 1
            if k >= sent.start and doc[k].text == ",":
                k -= 1
            org = next((m for m in top if m["e"] == k + 1 and m["label"] in ("Organisation", "City", "Region")), None)
            if org is None or not any(doc[x].lemma_.lower() in self.delegation_nouns for x in range(sent.start, org["s"])):
                continue
            title = "head of delegation"
            j = p["e"]
            if j + 1 < sent.end and doc[j].text == ",":
                run = []
                for x in range(j + 1, min(sent.end, j + 5)):
                    if doc[x].lower_ in self.titles:
                        run.append(doc[x].text)
                    else:
                        break
                title = " ".join(run) or title
            out.append((p, "HOLDS_POSITION", org, {"title": title}, 0.7, "delegation-led-by"))

    def _bracketed_people(self, doc, sent, top, start_of, out):
        """"two vice presidents of ORG (P1 and P2)": each holds the office at ORG."""
        for org in top:
            if org["label"] not in ("Organisation", "City", "Region") or org["e"] >= sent.end or doc[org["e"]].text != "(":
                continue
            k = org["s"] - 1
            if k >= sent.start and doc[k].lower_ == "the":
                k -= 1
            if k < sent.start or doc[k].lower_ != "of":
                continue
            b = k
            while b - 1 >= sent.start and (doc[b - 1].lower_ in self.titles or singular(doc[b - 1].lower_) in self.titles):
                b -= 1
            if b == k:
                continue
            title = " ".join(singular(t.lower_) if i == k - b - 1 else t.lower_ for i, t in enumerate(doc[b:k]))
            people, j = [], org["e"] + 1
            while j < sent.end:
                m = start_of.get(j)
                if m is None or m["label"] != "Person":
                    break
                people.append(m)
                j = m["e"]
                while j < sent.end and doc[j].lower_ in (",", "and"):
                    j += 1
            if people and j < sent.end and doc[j].text == ")":
                for m in people:
                    out.append((m, "HOLDS_POSITION", org, {"title": title}, 0.8, "title-of-org-bracketed-people"))

    # -- group nouns -------------------------------------------------------------------------
    def _group_attend(self, doc, sent, top, at, projects, props, out):
        """"Representatives from A and B attended E"; "the A and B delegations took part in E"."""
        if not projects:
            return
        for t in sent:
            if t.lemma_.lower() not in self.attend_verbs or t.pos_ not in ("VERB",):
                continue
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj or subj[0].i in at or subj[0].lemma_.lower() not in self.group_nouns:
                continue
            head = subj[0]
            members = []
            for x in head.subtree:
                m = at.get(x.i)
                if m and m["label"] in ACTOR + ("Person",) and m not in members and x.i < t.i and not m.get("anaphor"):
                    members.append(m)
            if not members:
                continue
            # the event: the verb's object, or the object of its "in/at/over" (take part in, spoke at)
            target = None
            for x in t.subtree:
                if x.i <= t.i or x.i - t.i > 12:
                    continue
                m = at.get(x.i)
                if m and m["label"] == "Project":
                    target = m
                    break
            if target is None:
                continue
            if any(doc[k].pos_ == "VERB" and doc[k].dep_ in ("conj", "ccomp") for k in range(t.i + 1, target["s"])):
                continue
            people = [m for m in members if m["label"] == "Person"]
            if people:
                # "Leaders of A, including X and Y, attended E": the people named attended; A is their office
                for m in people:
                    out.append((m, "PARTICIPATES_IN", target, dict(props), 0.7, "group-attended-people"))
                continue
            for m in members:
                out.append((m, "PARTICIPATES_IN", target, dict(props), 0.65, "group-attended"))

    # -- cooperation -------------------------------------------------------------------------
    @staticmethod
    def _dash_chains(doc, sent, actors, start_of):
        """Maximal chains of bodies or places joined by dashes ("A-B-C"), of two names or more."""
        chains, inside = [], set()
        for a in sorted(actors, key=lambda m: m["s"]):
            if id(a) in inside:
                continue
            chain = [a]
            while chain[-1]["e"] + 1 < sent.end and doc[chain[-1]["e"]].text in DASHES:
                b = start_of.get(chain[-1]["e"] + 1)
                if b is None or b["label"] not in ACTOR or any(b is c for c in chain):
                    break
                chain.append(b)
                inside.add(id(b))
            if len(chain) >= 2:
                chains.append(chain)
        return chains

    def _cooperation(self, doc, sent, top, start_of, out):
        actors = [m for m in top if m["label"] in ACTOR]
        if len(actors) < 2:
            return
        for chain in self._dash_chains(doc, sent, actors, start_of):
            # "the Lishui-Huzhou cooperation", "China-Arab States Science Cooperation Agreement", "the
            # Changsha-Zhuzhou-Xiangtan cooperation": every pair of the chain cooperates
            last = chain[-1]["e"]
            if any(doc[k].lower_ in self.coop_nouns for k in range(last, min(sent.end, last + 4))):
                cooperate_all(chain, 0.7, "dash-cooperation", out)
        # "Suzhou and Wuxi cooperation deepens", "the Jilin and Zhejiang partnership": a list of bodies or
        # places right before a cooperation noun
        for run in self._runs(doc, sent, top, start_of, ACTOR):
            e = run[-1]["e"]
            if len(run) >= 2 and e < sent.end and doc[e].lower_ in ("cooperation", "co-operation", "collaboration", "partnership") \
                    and any(doc[k].lower_ in ("and", "&") for k in range(run[-2]["e"], run[-1]["s"])):
                cooperate_all(run, 0.7, "list-cooperation", out)
        for t in sent:
            low = t.lower_
            # "an agreement signed by A and B", "signed between A and B"
            if low in ("by", "between") and t.i - 1 >= sent.start and doc[t.i - 1].lower_ in self.sign_words:
                group = []
                k = t.i + 1
                while k < sent.end:
                    while k < sent.end and doc[k].lower_ in ("the", ",", "and", "&", "both"):
                        k += 1
                    m = start_of.get(k)
                    if m is None or m["label"] not in ACTOR:
                        break
                    group.append(m)
                    k = m["e"]
                    if k + 2 < sent.end and doc[k].text == "(" and doc[k + 2].text == ")":
                        k += 3
                cooperate_all(group, 0.7, "signed-by", out)
            # "A and B join forces / joined hands" (headlines too, where the parse is unreliable): the list
            # of bodies right before the verb
            if low in self.force_nouns and t.i - 1 >= sent.start and doc[t.i - 1].lemma_.lower() in ("join", "unite", "combine", "pool"):
                v = t.i - 2
                while v >= sent.start and doc[v].lower_ in ("will", "to", "have", "has", "had", "would", "further", "also", "jointly"):
                    v -= 1
                last = next((m for m in actors if m["e"] == v + 1), None)
                if last is None:
                    continue
                group = next((r for r in self._runs(doc, sent, top, start_of, ACTOR) if last in r), [last])
                cooperate_all(group, 0.7, "join-forces", out)

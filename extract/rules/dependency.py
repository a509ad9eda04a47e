"""Relations from the dependency parse: the matches of ``innograph_depmatch`` turned into typed
relations by :class:`DepInterpreter` (called per sentence by ``innograph_relations``).

The patterns are data (extract/data/dep_patterns.json, see extract/rules/patterns.py); each says which
matched nodes are the source and the target of which relation. The interpreter turns those nodes
into entity mentions:

- a node inside a name is that name; a common noun leads to the name it governs ("a pilot city of
  P", "the opening ceremony of P", "the \"P\" title", "a platform - the P");
- ``$subject`` is the grammatical subject of the trigger, followed through conjoined verbs
  ("guided by A, co-sponsored by B and hosted by C"), participles ("P, hosted by A";
  "Hosted by A, P opened"), relative clauses ("P, which was launched by A") and "to"-infinitives;
- lists distribute the relation over every conjunct: "A, B and C", "enterprises including A and B",
  "two bodies: A and B", "namely A and B" (the list walking is :mod:`extract.rules.coordination`).

Two names in one sentence are never a relation by themselves: every relation needs its pattern.
"""
from __future__ import annotations

from extract.resources import load_lexicon
from extract.rules.common import ACTOR, cooperate_all, find_role, noun_lemma, role_phrases, singular
from extract.rules.coordination import ListWalker
from extract.rules.patterns import PATTERNS, load_patterns
from extract.rules.places import PlaceHierarchy

REL_PRONOUNS = {"which", "that", "who", "whom", "whose"}
# "A and B, both based in Y": a pronoun in apposition to a list stands for every name of it
LIST_PRONOUNS = {"both", "all", "each"}
# the labels each relation's source and target may have
RELATION_ENDS = {
    "ORGANISES": (("Organisation", "Person"), ("Project",)),
    "PARTICIPATES_IN": (("City", "Region", "Organisation", "Person"), ("Project",)),
    "COOPERATES_WITH": (ACTOR, ACTOR),
    "LOCATED_IN": (("Organisation", "City", "Project", "Region"), ("City", "Region")),
    "PART_OF": (("Organisation", "Project"), ("Organisation", "Project")),
    "HOLDS_POSITION": (("Person",), ("Organisation", "City", "Region")),
}


class DepInterpreter(ListWalker):
    """Matched nodes -> mentions -> typed relations (called per sentence by innograph_relations)."""

    def __init__(self, lexicon: str, places: PlaceHierarchy, patterns: str = ""):
        full = load_lexicon(lexicon)
        lex = full["dep"]
        # "attended by representatives of A and B": people nouns that stand for the bodies named with them
        self.group_nouns = set(full.get("discourse", {}).get("group_nouns", ()))
        self.title_words = frozenset(w for t in full.get("titles", {}).get("words", ()) for w in t.lower().split())
        self.build_verbs = set(lex.get("build_verbs", ()))
        self.places = places
        self.specs = {p["name"]: p for p in load_patterns(patterns or str(PATTERNS), lexicon)}
        self.role_words = role_phrases(lex)
        self.role_heads = {w for r in lex["role_words"] for w in r.split()} | {w + "s" for r in lex["role_words"] for w in r.split()}
        self.list_markers = set(lex["list_markers"])
        self.event_nouns = set(lex["event_nouns"])
        self.time_nouns = set(lex["time_nouns"])
        self.partner_modifiers = set(lex.get("partner_modifiers", ()))
        self.address_nouns = set(lex.get("address_nouns", ()))
        self.founder_plain = set(lex.get("founder_plain_words", ())) | {w for g in full["chunk"].get("generic", ()) for w in g.split()}
        self.subsidiary_nouns = set(lex.get("subsidiary_nouns", ()))
        self.founder_parent_kinds = set(lex.get("founder_parent_kinds", ()))
        self._index_memo = None  # (top, its length, its index): see index()

    # -- mentions ----------------------------------------------------------------------------
    def reset(self):
        """Forget the index of the last sentence (called once per document, as the other per-article state)."""
        self._index_memo = None

    def index(self, top):
        """Token position -> the top-level mention on it. Every rule of a sentence asks for the index of
        the same list ``top``: it is built once and kept until another list (or the same list grown or
        shrunk) comes; the rules only read both."""
        memo = self._index_memo
        if memo is not None and memo[0] is top and memo[1] == len(top):
            return memo[2]
        at = {}
        for m in top:
            for k in range(m["s"], m["e"]):
                # anaphors ("the forum") and names never overlap; a name wins if they did
                if k not in at or at[k].get("anaphor"):
                    at[k] = m
        self._index_memo = (top, len(top), at)
        return at

    def named(self, tok, at, labels, depth=0, loose=True):
        """The names a token stands for: itself, else (loose) the name its common noun governs."""
        m = at.get(tok.i)
        if m is not None:
            return [m] if m["label"] in labels else []
        if depth > 3 or tok.pos_ in ("VERB", "AUX", "PRON") and tok.lower_ not in ("one",):
            return []
        # "Zoomlion, a machinery maker in Changsha": an appositive noun stands for the name it describes
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.i in at and tok.head.i < tok.i:
            h = at[tok.head.i]
            return [h] if h["label"] in labels and h["label"] == "Organisation" else []
        if loose and "City" in labels and tok.lower_ in self.address_nouns \
                and any(t.like_num or t.lower_ in ("no", "no.") for t in tok.subtree):
            # "located at No. 8 X Road, Y District, Z": the first place an address names is the nearest one
            # (an address carries a number: "a number of universities in Beijing" is none)
            for t in tok.subtree:
                m = at.get(t.i)
                if t.i > tok.i and m is not None and m["label"] in ("City", "Region") and not m.get("anaphor"):
                    return [m] if m["label"] in labels else []
        if loose:
            # "the "P" title", "the P platform", "a platform - the P", "P's base"
            mods = ("compound", "nmod", "appos", "amod", "npadvmod") if "Project" in labels else ("appos",)
            for c in tok.children:
                if c.dep_ in mods and c.i in at and at[c.i]["label"] in labels:
                    return [at[c.i]]
            if "Project" in labels:
                # "an Innovation China hub city": the name modifies the role word before the head
                for c in tok.children:
                    if c.dep_ == "compound" and c.i < tok.i and c.i not in at and c.lower_ in self.role_heads:
                        for g in c.children:
                            if g.dep_ == "compound" and g.i in at and at[g.i]["label"] == "Project":
                                return [at[g.i]]
            # "a pilot city of P", "one of the hub cities of P", "the opening ceremony of P"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            r = self.named(p, at, labels, depth + 1, loose)
                            if r:
                                return r
        return []

    def is_event(self, doc, m) -> bool:
        """A meeting, forum, fair or ceremony: a Project mention of kind event, or "the forum"."""
        if m.get("anaphor"):
            return doc[m["e"] - 1].lower_ in self.event_nouns
        return m["label"] == "Project" and m["props"].get("kind") == "event"

    # -- clause structure -----------------------------------------------------------------------
    def subject(self, v, depth=0):
        """The subject of verb v, followed through conjoined verbs, participles and relative clauses."""
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            before = [c for c in subj if c.i < v.i]
            c = before[-1] if before else subj[0]  # the nearest on the left
            if c.lower_ in REL_PRONOUNS and v.dep_ == "relcl":
                return v.head
            return c
        if depth >= 4:
            return None
        if v.dep_ == "conj":
            # "A was named X, and the B recommended by C was named Y": the parser hangs B on X; a conjoined
            # verb with its own auxiliary right after a conjoined noun phrase has that phrase as its subject
            aux = [c.i for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i]
            if aux:
                k = min(aux)
                for x in v.doc[v.head.i + 1:k]:
                    if x.dep_ == "conj" and x.pos_ in ("NOUN", "PROPN") and x.right_edge.i == k - 1 and x.head.i < x.i \
                            and any(t.lower_ == "and" for t in v.doc[x.head.right_edge.i if x.head.right_edge.i < x.i else x.head.i:x.i]):
                        return x
        if v.dep_ in ("acl", "relcl"):
            return v.head
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head is not v:
            return self.subject(v.head, depth + 1)
        return None

    def subject_name(self, v, at, labels=None):
        """The name that is verb v's subject (:meth:`subject`); with ``labels``, only a name of one of
        them that is no anaphor."""
        s = self.subject(v)
        a = at.get(s.i) if s is not None else None
        if a is None or labels is not None and (a["label"] not in labels or a.get("anaphor")):
            return None
        return a

    @staticmethod
    def prep_objects(v, words=None, dep="prep"):
        """The objects of v's prepositions (children of dependency ``dep``, "agent" for "by"), of those
        among ``words`` when given ("moved into X": X), in order."""
        return [o for c in v.children if c.dep_ == dep and (words is None or c.lower_ in words)
                for o in c.children if o.dep_ == "pobj"]

    def pobj_names(self, prep, at, labels):
        """The names a preposition's objects stand for (the names themselves, no common noun's)."""
        return [m for o in prep.children if o.dep_ == "pobj" for m in self.named(o, at, labels, loose=False)]

    def prep_names(self, v, at, labels, words):
        """The names of the objects of v's prepositions among ``words`` ("held in Y": Y), in order."""
        return [m for c in v.children if c.dep_ == "prep" and c.lower_ in words for m in self.pobj_names(c, at, labels)]

    @staticmethod
    def is_passive(v) -> bool:
        if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in v.children):
            return True
        return v.tag_ == "VBN" and v.dep_ in ("acl", "advcl", "conj") and not any(c.dep_ == "dobj" for c in v.children)

    def theme(self, v):
        """The thing a locating verb places: its object if it has one, else its subject."""
        for c in v.children:
            if c.dep_ == "dobj":
                if c.lower_ == "place" and v.lemma_ == "take" or c.lemma_.lower() in self.time_nouns:
                    continue  # "took place in Y"; "held each autumn in Y" (a time, misread as an object)
                return c
        return self.subject(v)

    @staticmethod
    def co_prefixed(doc, v) -> bool:
        """"co-hosted", "cohosted", "jointly built", "built together"."""
        if v.i >= 2 and doc[v.i - 1].text in ("-", "–") and doc[v.i - 2].lower_ == "co":
            return True
        if v.lower_.startswith("co-") or v.lemma_ in ("cohost", "cosponsor", "coorganize", "coorganise", "cofound"):
            return True
        return any(c.lower_ in ("jointly", "together", "co") for c in v.children) or \
            (v.i >= 1 and doc[v.i - 1].lower_ in ("jointly", "co"))

    def role(self, doc, tok, target):
        """The role words of the noun phrase of tok, before the target name: "a pilot city of P" -> pilot city."""
        inside = range(target["s"], target["e"]) if target else range(0)
        # the words of the phrase up to the name: "one of the first innovation hub cities of P"
        end = target["s"] if target and tok.left_edge.i <= target["s"] <= tok.right_edge.i else tok.i + 1
        words = [singular(t.lower_) for t in doc[tok.left_edge.i:max(end, tok.i + 1)] if t.is_alpha and t.i not in inside]
        if target:
            # "named Innovation China pilot cities": the role words right after the name
            k = target["e"]
            while k < len(doc) and k < target["e"] + 4 and doc[k].is_alpha and doc[k].pos_ not in ("ADP", "VERB", "AUX", "CCONJ") \
                    or (k < len(doc) and k < target["e"] + 4 and doc[k].is_alpha and doc[k].lower_ in self.role_heads):
                words.append(singular(doc[k].lower_))
                k += 1
        return find_role(words, self.role_words)

    # -- main -------------------------------------------------------------------------------------
    def __call__(self, doc, sent, top, matches, out, year):
        """Append the relations of one sentence's dependency matches (top: its top-level mentions) to out."""
        if not matches:
            return
        at = self.index(top)
        chain = {}  # per chain key: the targets of the last passive trigger of a chain of passives
        for mt in sorted(matches, key=lambda x: x["nodes"].get("TRIGGER", 0)):
            spec = self.specs.get(mt["rule"])
            if spec is None:
                continue
            nodes = {k: doc[i] for k, i in mt["nodes"].items()}
            trig = self.path(spec["trigger"], nodes) if spec.get("trigger") else nodes.get("TRIGGER")
            for em in spec["emit"]:
                # "P was guided by A, hosted by B and co-organised by C": the later participles hang off
                # the agents in the parse; they share the thing of the first one
                fallback = chain.get(em["relation"]) if em.get("chain") and trig is not None \
                    and trig.dep_ in ("acl", "conj", "advcl", "relcl") and trig.head.i < trig.i else None
                try:
                    got = self._emit(doc, sent, at, spec, em, nodes, trig, out, year, fallback)
                except IndexError:
                    continue
                if em.get("chain") and got:
                    chain[em["relation"]] = got

    @staticmethod
    def path(name, nodes):
        """A node ("AS"), a child of a node by relation ("AS>pobj", "TRIGGER>dobj|dative"), or its head ("NOUN<")."""
        if name.endswith("<"):
            tok = nodes.get(name[:-1])
            return tok.head if tok is not None and tok.head is not tok else None
        if ">" in name:
            node, deps = name.split(">", 1)
            tok = nodes.get(node)
            if tok is None:
                return None
            wanted = deps.split("|")
            kids = [c for c in tok.children if c.dep_ in wanted]
            kids.sort(key=lambda c: (wanted.index(c.dep_), c.i))
            return DepInterpreter.antecedent(tok, kids[0]) if kids else None
        return nodes.get(name)

    @staticmethod
    def antecedent(v, tok):
        """"E, which A launched": the relative pronoun of a relative clause v stands for the noun v hangs on."""
        if tok is not None and tok.lower_ in REL_PRONOUNS and tok.head.i == v.i and v.dep_ == "relcl" and v.head.i != v.i:
            return v.head
        if tok is not None and tok.lower_ in LIST_PRONOUNS and tok.dep_ == "appos" and tok.i == v.head.i:
            h = tok.head  # "A and B, both based in Y": the list's first name (the parser may hang it on B)
            while h.dep_ == "conj" and h.head.i < h.i:
                h = h.head
            return h
        return tok

    def _side(self, name, nodes, trig):
        if name == "$subject":
            return self.subject(trig) if trig is not None else None
        if name == "$theme":
            return self.antecedent(trig, self.theme(trig)) if trig is not None else None
        return self.path(name, nodes)

    def _emit(self, doc, sent, at, spec, em, nodes, trig, out, year, fallback=None):
        typ = em["relation"]
        rule = "dep-" + spec["name"]
        conf = em.get("confidence", 0.75)
        if trig is not None:
            if em.get("active") and self.is_passive(trig):
                return
            if em.get("passive") and not self.is_passive(trig):
                return
        if em.get("needs") and self.path(em["needs"], nodes) is None:
            return
        if em.get("unnamed") and nodes.get(em["unnamed"]) is not None and nodes[em["unnamed"]].i in at:
            return  # the node must be a common noun ("a subsidiary of A"), not a word of a name ("Institute of X")
        if em.get("unless_partner") and (n := nodes.get(em["unless_partner"])) is not None \
                and any(c.lower_ in self.partner_modifiers for c in n.lefts):
            return  # "Osaka, a sister city of Xiangtan": a partner, not a place of Xiangtan
        src_tok = self._side(em["source"], nodes, trig)
        tgt_tok = self._side(em["target"], nodes, trig)
        if tgt_tok is None and fallback:
            tgt_tok = doc[fallback[0]["s"]]
        if src_tok is None or tgt_tok is None:
            return
        if not (sent.start <= src_tok.i < sent.end and sent.start <= tgt_tok.i < sent.end):
            return
        src_labels, tgt_labels = RELATION_ENDS[typ]
        if em.get("labels"):
            src_labels = tuple(em["labels"])
        if em.get("target_labels"):
            tgt_labels = tuple(em["target_labels"])
        # sources
        if em.get("exact_source"):
            m = at.get(src_tok.i)
            srcs = [m] if m is not None and m["label"] in src_labels else []
        elif em.get("members_only"):
            srcs = self.members(doc, src_tok, at, src_labels, sent) if at.get(src_tok.i) is None else []
        elif em.get("no_expand_source"):
            # the name itself, or the names listed for a common noun ("two bodies: A and B")
            srcs = self.named(src_tok, at, src_labels, loose=False)
            if not srcs and src_tok.i not in at and src_tok.pos_ in ("NOUN", "PROPN"):
                srcs = self.members(doc, src_tok, at, src_labels, sent)
            elif srcs and em["source"] == "$theme" and (p := self.theme(trig)) is not None and p.lower_ in LIST_PRONOUNS:
                srcs = self.expand(doc, srcs[0], at, src_labels, sent)  # "A and B, both based in Y": each of them
        else:
            srcs = self.members(doc, src_tok, at, src_labels, sent, offices=typ == "PARTICIPATES_IN")
            # "Zhou Lin, Xu Tao, Ma Jun and Gao Fei attended": a list the parser cut into two subjects
            if em["source"] == "$subject" and srcs and src_tok.dep_ == "nsubj":
                for other in src_tok.head.children:
                    if other.dep_ == "nsubj" and other.i < src_tok.i and other.i in at:
                        srcs += [x for x in self.members(doc, other, at, src_labels, sent, offices=typ == "PARTICIPATES_IN")
                                 if x not in srcs]
        # "E was attended by representatives of A and B": the bodies of a group noun, a little less sure
        if not srcs and typ == "PARTICIPATES_IN" and src_tok.i not in at and noun_lemma(src_tok) in self.group_nouns:
            srcs = self.group_members(doc, src_tok, at, sent)
            conf = round(conf - 0.1, 2)
        # "P was jointly built by A and B" with places A and B: a place takes part in what it builds (a
        # place organises nothing in the ontology)
        builders = []
        if typ == "ORGANISES" and trig is not None and trig.lemma_.lower() in self.build_verbs and not em.get("exact_source"):
            builders = [m for m in self.members(doc, src_tok, at, ("Organisation", "Person", "City", "Region"), sent)
                        if m["label"] in ("City", "Region") and not m.get("anaphor")]
        # joint action: "A and B launched P" -> A and B work together (named subjects, not "universities including
        # A and B"), whatever their label: "Jiaxing and Huzhou launched the X Zone"
        co = self.members(doc, src_tok, at, ACTOR, sent) if em.get("co_subjects") and src_tok.i in at else []
        if not srcs and len(co) < 2 and not builders:
            return
        if em.get("co_subjects") and len(co) >= 2:
            cooperate_all(co, 0.65, rule + "-jointly", out)
        if not srcs and not builders:
            return
        # the pair relation among one list: "A and B signed an agreement"
        if em.get("pairwise"):
            acts = [m for m in srcs if m["label"] in ACTOR]
            for x in range(len(acts)):
                for y in range(x + 1, len(acts)):
                    out.append((acts[x], typ, acts[y], {}, conf, rule))
            return
        # co-organisers work together: "co-hosted by A and B", "jointly built by A and B" (whatever they built)
        if em.get("co_agents") and trig is not None and len(srcs) >= 2 and self.co_prefixed(doc, trig):
            acts = [m for m in srcs if m["label"] in ACTOR]
            cooperate_all(acts, 0.65, rule + "-co", out)
        # targets
        if em.get("exact_target"):
            m = at.get(tgt_tok.i)
            tgts = [m] if m is not None and m["label"] in tgt_labels else []
        elif typ == "COOPERATES_WITH":
            tgts = self.members(doc, tgt_tok, at, tgt_labels, sent)
        else:
            first = self.named(tgt_tok, at, tgt_labels, loose=typ in ("ORGANISES", "PARTICIPATES_IN", "LOCATED_IN"))
            tgts = self.expand(doc, first[0], at, tgt_labels, sent) if first else []
        if not tgts and fallback:
            tgts = fallback
            conf -= 0.05
        if em.get("events_only"):
            tgts = [t for t in tgts if self.is_event(doc, t)]
        if not tgts:
            return
        props = {}
        if typ == "PARTICIPATES_IN":
            if em.get("role"):
                r = self.role(doc, tgt_tok if em["role"] == "target" else self.path(em["role"], nodes), tgts[0])
                if r is None and em.get("require_role"):
                    return
                if r:
                    props["role"] = r
            if year:
                props["year"] = year
        props.update(em.get("properties", {}))
        for t in tgts:
            for s in srcs:
                if s is t or s["key"] == t["key"]:
                    continue
                if em.get("same_label") and s["label"] != t["label"]:
                    continue
                if em.get("founder_named") and not self.founder_part(sent, s, t):
                    continue
                if typ == "LOCATED_IN":
                    # "the forum will be held in Y next year": a later edition, not this one
                    if s.get("anaphor") and trig is not None and any(c.lower_ in ("will", "would", "'ll") for c in trig.children):
                        continue
                    ra, rb = self.places.rank(s), self.places.rank(t)
                    if ra and rb and ra >= rb:
                        continue
                    if s["label"] in ("City", "Region") and self.places.parent_conflict(s, t):
                        continue
                out.append((s, typ, t, dict(props), conf, rule))
            for b in builders if tgts is not fallback else ():
                if b["key"] != t["key"] and t["label"] == "Project":
                    out.append((b, "PARTICIPATES_IN", t, {"year": year} if year else {}, round(conf - 0.05, 2), rule + "-place"))
        # the body that designates members runs the programme: "X was authorised as P by A"
        self._agent_organises(doc, sent, at, em, trig, tgts, rule, out, tgt_tok)
        return tgts

    def founder_part(self, sent, child, founder) -> bool:
        """Founding is not being part of: the body a founder sets up is its part only when the founder is
        a parent body (a university, company or institute: "Zhejiang University founded Zijin Holdings"),
        when it bears the founder's own name ("Tsinghua Holdings"; not a place's, "Yiwu") or when the
        sentence calls it a subsidiary ("set up X as its subsidiary"); not a government's or an association's."""
        if founder["props"].get("kind") in self.founder_parent_kinds or any(t.lower_ in self.subsidiary_nouns for t in sent):
            return True

        def words(m):
            return set(m["key"].split("|", 1)[-1].replace("-", " ").split())
        own = {w for w in words(founder) if w not in self.founder_plain and w not in self.places.level and not w.isdigit()}
        return bool(own & words(child))

    def _agent_organises(self, doc, sent, at, em, trig, tgts, rule, out, theme=None):
        if not (em.get("agent_organises") and trig is not None):
            return
        # "by A" on the verb, or hung by the parser on the designation ("as the P by A")
        bys = [c for c in trig.children if c.dep_ == "agent"]
        if theme is not None:
            bys += [c for c in theme.children if c.dep_ == "prep" and c.lower_ == "by"]
        for c in bys:
            for p in c.children:
                if p.dep_ == "pobj":
                    for a in self.members(doc, p, at, ("Organisation",), sent):
                        for t in tgts:
                            out.append((a, "ORGANISES", t, {}, 0.7, rule + "-by"))

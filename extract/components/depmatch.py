"""``innograph_depmatch``: runs the dependency patterns (extract/rules/patterns.py) with spaCy's
DependencyMatcher and keeps each match as plain data (rule name and token indices of the named
nodes) in ``doc.user_data["innograph"]["dep"]``, for the relation step.

It also registers the ``innograph_co_words.v1`` callback (``nlp.after_creation`` in pipeline.cfg)
that keeps the lexicon's "co-" verbs ("co-hosted") as single tokens; the matcher gives them their
lemma, and corrects the lemmatizer's mistakes listed in the lexicon's ``[lemmas]`` ("staged" -> "stage")
for the patterns and every relation rule after it.
"""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc
from spacy.util import registry

from extract.components.shared import ig
from extract.resources import DATA_DIR, load_lexicon
from extract.rules.patterns import PATTERNS, load_patterns


class DepMatcher:
    """Runs the dependency patterns; keeps the matches as plain data for the relation step."""

    def __init__(self, nlp: Language, name: str, patterns: str, lexicon: str):
        self.name = name
        self.patterns = load_patterns(patterns or str(PATTERNS), lexicon or str(DATA_DIR / "lexicon.toml"))
        lex = load_lexicon(lexicon or str(DATA_DIR / "lexicon.toml"))
        # form -> lemma: the "co-" verbs kept as one token, and the lemmatizer's mistakes ([lemmas])
        self.lemmas = {**lex.get("co_words", {}), **lex.get("lemmas", {})}
        # one DependencyMatcher per pattern, run only on sentences that hold one of its anchor words
        # (the matcher's cost grows with the patterns it holds, and most sentences hold no trigger)
        self.matchers = []
        for p in self.patterns:
            m = DependencyMatcher(nlp.vocab, validate=True)
            m.add(p["name"], [p["pattern"]])
            attrs = p["pattern"][0]["RIGHT_ATTRS"]
            words = [attrs[k] for k in ("LEMMA", "LOWER") if k in attrs]
            anchor = None
            if words:
                anchor = set()
                for v in words:
                    anchor.update(w.lower() for w in (v["IN"] if isinstance(v, dict) else [v]))
            self.matchers.append((p, m, anchor))

    def __call__(self, doc: Doc) -> Doc:
        data = ig(doc)
        for t in doc:  # "co-hosted" is one token (see co_words_tokens): give it its lemma; "staged" -> "stage"
            if t.lower_ in self.lemmas:
                t.lemma_ = self.lemmas[t.lower_]
        data["dep"] = out = []
        if not doc.has_annotation("DEP"):
            return doc
        # only sentences with two names (or a name and "the event") and an anchor word can yield a relation
        starts = [m["s"] for m in data.get("mentions", ()) if not m.get("nested") or m.get("acronym_of")]
        starts += [m["s"] for m in data.get("anaphora", ())]
        if len(starts) < 2:
            return doc
        starts.sort()
        seen = set()
        array = None  # the doc as an array, made once for all its sentence docs (as_doc makes it anew each time)
        for sent in doc.sents:
            lo = bisect.bisect_left(starts, sent.start)
            hi = bisect.bisect_left(starts, sent.end)
            if hi - lo < 2:
                continue
            words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
            sent_doc = None  # the sentence as a Doc of its own, made once (a Span is copied on every call)
            for spec, matcher, anchor in self.matchers:
                if anchor is not None and not (anchor & words):
                    continue
                if sent_doc is None:
                    if array is None:
                        head = doc._get_array_attrs()
                        array = doc.to_array(head)
                    sent_doc = sent.as_doc(array_head=head, array=array)
                for _match_id, token_ids in matcher(sent_doc):
                    nodes = {k: sent.start + i for k, i in zip(spec["nodes"], token_ids)}
                    key = (spec["name"], tuple(sorted(nodes.items())))
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append({"rule": spec["name"], "nodes": nodes})
        return doc


@registry.callbacks("innograph_co_words.v1")
def co_words_tokens(lexicon: str = ""):
    """nlp.after_creation: keep the "co-" verbs of the lexicon ("co-hosted") as single tokens."""
    def add(nlp: Language) -> Language:
        words = load_lexicon(lexicon or str(DATA_DIR / "lexicon.toml")).get("co_words", {})
        for w in words:
            for form in {w, w[:1].upper() + w[1:]}:
                nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
        return nlp
    return add


@Language.factory("innograph_depmatch", default_config={"patterns": "", "lexicon": ""})
def make_depmatch(nlp: Language, name: str, patterns: str, lexicon: str):
    return DepMatcher(nlp, name, patterns, lexicon)

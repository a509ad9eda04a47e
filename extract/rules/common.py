"""What several relation rules share: label groups, role words, the year of a sentence, a list of names,
the pairs of a group that cooperates, the bodies a signer acts for.

>>> singular("cities"), singular("bases"), singular("class")
('city', 'base', 'class')
>>> find_role(["one", "of", "the", "pilot", "city"], [("hub", "city"), ("pilot", "city")])
'pilot city'
"""
from __future__ import annotations

import itertools
import re

PLACE = ("City", "Region")
ACTOR = ("City", "Region", "Organisation")
QUOTES = {'"', "“", "”", "‘", "’", "'", "«", "»", "《", "》"}
YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")


def singular(w: str) -> str:
    """A plural noun's singular, by its ending ("cities" -> "city", "bases" -> "base")."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def noun_lemma(tok) -> str:
    """A token's lemma in lower case, or the singular of its word when the tagger read a capitalised plural
    noun as a proper noun ("Delegates from A attended": PROPN, lemma "Delegates")."""
    if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text[1:].islower():
        return singular(tok.lower_)
    return tok.lemma_.lower()


def role_phrases(dep: dict) -> list[tuple[str, ...]]:
    """The role words of the lexicon's ``[dep]`` section ("pilot city", "member"), as word tuples."""
    return [tuple(r.split()) for r in dep["role_words"]]


def find_role(words: list[str], phrases: list[tuple[str, ...]]) -> str | None:
    """The first of the role phrases (in lexicon order) that occurs in the (singular) words."""
    for rw in phrases:
        n = len(rw)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == rw:
                return " ".join(rw)
    return None


def sentence_year(sent) -> int | None:
    """The first year written in a sentence ("in 2022")."""
    for t in sent:
        if YEAR.match(t.text):
            return int(t.text)
    return None


def names_from(doc, sent, at: dict, k: int, labels, skip) -> tuple[list[dict], int]:
    """The mentions of a plain list starting at token k ("A, B and C"), each of one of ``labels``
    and beginning where the last one ended after the tokens ``skip(k)`` passes over; and the token
    after the list. ``at`` maps a token to the mention over it."""
    members = []
    while k < sent.end:
        while k < sent.end and skip(k):
            k += 1
        m = at.get(k)
        if m is None or m["s"] != k or m["label"] not in labels:
            break
        members.append(m)
        k = m["e"]
    return members, k


def behalf(doc, sent, at: dict) -> list[dict]:
    """The bodies of the sentence's first "on behalf of X and Y (respectively)", in order."""
    for t in sent:
        if t.lower_ == "behalf" and t.i > sent.start and doc[t.i - 1].lower_ == "on" and t.i + 2 < sent.end \
                and doc[t.i + 1].lower_ == "of":
            return names_from(doc, sent, at, t.i + 2, ACTOR,
                              lambda k: doc[k].lower_ in ("the", ",", "and", "&", "respectively"))[0]
    return []


def joint_verb(v, verbs, objects, membership=()) -> bool:
    """A verb of joint action: by its own sense (``verbs``: "cooperate", "co-found"), or by its object
    (``objects``: "carried out cooperation", "signed a cooperation agreement"); never a verb of
    ``membership`` ("A and B joined the alliance": co-members each take part, they are no partners)."""
    if v.lemma_.lower() in verbs:
        return True
    if v.lemma_.lower() in membership:
        return False
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in objects or any(
        g.dep_ in ("compound", "amod") and g.lemma_.lower() in objects for g in c.children)) for c in v.children)


def cooperate_all(group: list[dict], confidence: float, rule: str, out: list) -> None:
    """Append COOPERATES_WITH for every pair of the mentions in ``group`` (in order; two mentions of
    one entity are no pair): "A, B and C signed an agreement", "the A-B-C cooperation".

    >>> out = []
    >>> cooperate_all([{"key": "a"}, {"key": "b"}, {"key": "a"}, {"key": "c"}], 0.7, "list", out)
    >>> [(x["key"], y["key"]) for x, _, y, *_ in out]
    [('a', 'b'), ('a', 'c'), ('b', 'a'), ('b', 'c'), ('a', 'c')]
    """
    for a, b in itertools.combinations(group, 2):
        if a["key"] != b["key"]:
            out.append((a, "COOPERATES_WITH", b, {}, confidence, rule))

"""``innograph_relclf``: a trained relation classifier over pairs of entity mentions in one sentence,
run after the rules (``innograph_relations``) to ADD relations they missed.

Each ordered pair of mentions (source, target) in a sentence whose labels the ontology allows some
relation between becomes a bag of feature words (:func:`pair_features`: the two labels, their order
and distance, the words and mentions between them, the dependency path between their heads, the
words around them, whether a rule already linked them). A spaCy ``textcat`` (bag-of-words) trained
with ``spacy train`` from extract/train/relclf.cfg on the development part's gold
(extract/train/relclf_train.py) gives a probability per relation type and ``NONE``. A pair the rules
already linked is left to the rules; otherwise the best type the ontology allows is added when its
probability reaches ``threshold``, with the calibrated confidence of its probability band (measured
on held-out development documents, kept in the model's ``calibration``), which stays below 0.8
unless the band was at least 90% precise there.

The model ships as two files in extract/data (``relclf.cfg`` and ``relclf.bin``); with no model
file the component does nothing. Extraction stays a function of one document.
"""
from __future__ import annotations

import bisect
import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extract.components.shared import ig, sentences
from extract.resources import DATA_DIR
from graph.schema import ontology

TYPES = ("LOCATED_IN", "PART_OF", "HOLDS_POSITION", "PARTICIPATES_IN", "ORGANISES", "COOPERATES_WITH")
MAX_GAP = 40  # tokens between the two mentions beyond which a pair is not considered


def _bucket(n: int) -> str:
    for hi, name in ((0, "0"), (1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= hi:
            return name
    return "20+"


def _head(doc: Doc, m: dict):
    return doc[m["s"]:m["e"]].root


def _dep_path(a, b) -> tuple[list[str], object]:
    """Dependency labels from a's head up to the lowest common ancestor and down to b's head."""
    up = [a] + list(a.ancestors)
    idx = {t.i: k for k, t in enumerate(up)}
    down = []
    t = b
    while t.i not in idx:
        down.append(t)
        if t.head.i == t.i:
            return [], None
        t = t.head
    lca = t
    path = [f"^{x.dep_}" for x in up[:idx[lca.i]]] + [f"v{x.dep_}" for x in reversed(down)]
    return path, lca


def sentence_pairs(sent, mentions: list[dict]) -> list[tuple[dict, dict]]:
    """The ordered mention pairs of a sentence the classifier looks at (labels some relation allows)."""
    onto = ontology()
    out = []
    for a in mentions:
        for b in mentions:
            if a is b or a["key"] == b["key"]:
                continue
            gap = max(b["s"] - a["e"], a["s"] - b["e"], 0)
            if gap > MAX_GAP:
                continue
            if any(onto.allows(a["label"], t, b["label"]) for t in TYPES):
                out.append((a, b))
    return out


def pair_features(doc: Doc, sent, a: dict, b: dict, ments: list[dict], linked: dict) -> list[str]:
    """The feature words of the ordered pair (a = source, b = target) in ``sent``.

    ``linked`` maps (source key, target key) to the relation types the rules gave that pair.
    """
    la, lb = a["label"], b["label"]
    first, second = (a, b) if a["s"] <= b["s"] else (b, a)
    order = "ab" if first is a else "ba"
    f = [f"LA_{la}", f"LB_{lb}", f"PAIR_{la}_{lb}_{order}"]
    if a.get("nested") and a["s"] >= b["s"] and a["e"] <= b["e"]:
        f.append("NEST_a_in_b")
    elif b.get("nested") and b["s"] >= a["s"] and b["e"] <= a["e"]:
        f.append("NEST_b_in_a")
    lo, hi = first["e"], second["s"]
    gap = max(hi - lo, 0)
    f.append(f"D_{_bucket(gap)}")
    inside = {}
    for m in ments:
        if m is a or m is b or m.get("nested"):
            continue
        if m["s"] >= lo and m["e"] <= hi:
            for k in range(m["s"], m["e"]):
                inside[k] = m["label"]
    between = []
    k = lo
    while k < hi:
        if k in inside:
            between.append(f"M:{inside[k]}")
            while k < hi and k in inside:
                k += 1
            continue
        between.append(doc[k].lemma_.lower())
        k += 1
    f.append(f"NM_{_bucket(sum(1 for w in between if w.startswith('M:')))}")
    for w in between[:12]:
        f.append(f"BW_{w}")
        f.append(f"BW{order}_{w}")
    if between and len(between) <= 4:
        f.append("BSEQ_" + "_".join(between))
    if not between:
        f.append("ADJ")
    for j in (1, 2):
        if first["s"] - j >= sent.start:
            f.append(f"WB{j}_{doc[first['s'] - j].lemma_.lower()}")
        if second["e"] + j - 1 < sent.end:
            f.append(f"WA{j}_{doc[second['e'] + j - 1].lemma_.lower()}")
    path, lca = _dep_path(_head(doc, a), _head(doc, b))
    if lca is not None:
        f.append("PATH_" + "_".join(path[:6]))
        f.extend(f"PD_{p}" for p in path[:6])
        f.append(f"LCA_{lca.lemma_.lower()}")
        f.append(f"LCAPOS_{lca.pos_}")
        f.append(f"PLEN_{_bucket(len(path))}")
    for t in sent:
        if t.pos_ == "VERB" and lo <= t.i < hi:
            f.append(f"VB_{t.lemma_.lower()}")
    pair = f"{la}_{lb}_{order}"  # a linear model needs the conjunctions with the pair spelt out
    f.extend(f"{pair}|{x}" for x in list(f[3:]) if not x.startswith(("LA_", "LB_", "PAIR_")))
    rules = linked.get((a["key"], b["key"]), set()) | {f"{t}~" for t in linked.get((b["key"], a["key"]), set())}
    f.extend(f"RULE_{t}" for t in sorted(rules)) if rules else f.append("RULE_none")
    return f


def doc_pairs(doc: Doc):
    """(sentence, source, target, features) for every candidate pair of the doc."""
    data = ig(doc)
    mentions = [m for m in data.get("mentions", [])]
    linked: dict = {}
    for r in data.get("relations", []):
        linked.setdefault((r["source_key"], r["target_key"]), set()).add(r["type"])
    out = []
    sents = sentences(doc, mentions)
    starts = [s.start for s in sents]
    by_sent: dict = {}
    for m in mentions:
        k = bisect.bisect_right(starts, m["s"]) - 1
        by_sent.setdefault(k, []).append(m)
    for k, ms in sorted(by_sent.items()):
        sent = sents[k]
        ms = [m for m in ms if m["e"] <= sent.end]
        for a, b in sentence_pairs(sent, ms):
            out.append((sent, a, b, pair_features(doc, sent, a, b, ms, linked), linked))
    return out


def best_type(labels, row, source_label: str, target_label: str) -> tuple[str | None, float]:
    """The most probable relation type the ontology allows between the two labels, with its probability."""
    onto = ontology()
    best, bp = None, 0.0
    for lab, p in zip(labels, row):
        if lab != "NONE" and p > bp and onto.allows(source_label, lab, target_label):
            best, bp = lab, float(p)
    return best, bp


def load_model(path: Path):
    """The trained textcat pipeline (relclf.cfg + relclf.bin) and its calibration, or None."""
    from spacy.util import load_config, load_model_from_config

    cfg_path, bin_path = path.with_suffix(".cfg"), path.with_suffix(".bin")
    if not (cfg_path.exists() and bin_path.exists()):
        return None
    cfg = load_config(cfg_path)
    meta = json.loads(cfg_path.with_suffix(".json").read_text(encoding="utf-8"))
    clf = load_model_from_config(cfg, auto_fill=True)
    clf.from_bytes(bin_path.read_bytes())
    return clf, meta


class RelationClassifier:
    """Adds the relations the trained classifier finds between mention pairs the rules left unlinked."""

    def __init__(self, nlp, name, model, threshold):
        self.name = name
        self.vocab = nlp.vocab
        loaded = load_model(Path(model) if model else DATA_DIR / "relclf")
        self.clf, self.meta = loaded if loaded else (None, {})
        self.threshold = threshold if threshold else self.meta.get("threshold", 0.5)

    def confidence(self, typ: str, p: float) -> float:
        """The calibrated confidence of probability ``p`` for type ``typ`` (see the module doc)."""
        for lo, conf in self.meta.get("calibration", {}).get(typ, self.meta.get("calibration", {}).get("*", [])):
            if p >= lo:
                return conf
        return 0.5

    def __call__(self, doc: Doc) -> Doc:
        if self.clf is None:
            return doc
        data = ig(doc)
        pairs = doc_pairs(doc)
        if not pairs:
            return doc
        textcat = self.clf.get_pipe("textcat")
        fdocs = [Doc(self.clf.vocab, words=feats) for _, _, _, feats, _ in pairs]
        scores = textcat.predict(fdocs)
        labels = list(textcat.labels)
        rels = data.setdefault("relations", [])
        for (sent, a, b, _f, linked), row in zip(pairs, scores.tolist() if hasattr(scores, "tolist") else scores):
            if (a["key"], b["key"]) in linked or (b["key"], a["key"]) in linked:
                continue
            best, bp = best_type(labels, row, a["label"], b["label"])
            if best is None or bp < self.threshold:
                continue
            rels.append({"source_key": a["key"], "target_key": b["key"], "type": best, "properties": {},
                         "confidence": self.confidence(best, bp), "rule": "relclf",
                         "sent_start": sent.start_char, "sent_end": sent.end_char})
        return doc


@Language.factory("innograph_relclf", default_config={"model": "", "threshold": 0.0})
def make_relclf(nlp, name, model, threshold):
    return RelationClassifier(nlp, name, model, threshold)

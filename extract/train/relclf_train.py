"""Train the ``innograph_relclf`` relation classifier on the DEVELOPMENT part of the corpus only.

    python -m extract.train.relclf_train ../shared/corpus/dev/gold.json ../shared/corpus/dev [--install]

1. runs the pipeline (rules only) over the development documents (``innov_0NN``; validation
   documents are never read), enumerates the candidate mention pairs of each sentence
   (:func:`extract.components.relclf.doc_pairs`) and labels each with the gold relation between the
   gold entities its two mentions name (a mention names a gold entity when its text is one of the
   entity's aliases), else ``NONE``;
2. trains (``spacy train extract/train/relclf.cfg``) one model per fold of a 4-fold split of the
   development documents and predicts the fold it did not see;
3. calibrates on those held-out predictions: the precision of the pairs the rules left unlinked, by
   probability band, becomes the confidence of that band (capped at 0.79 unless the band was at least
   90% precise on at least 20 pairs); the lowest band at least ``MIN_PRECISION`` precise sets the
   threshold;
4. trains the shipped model on all development documents; with ``--install`` writes it and its
   calibration to extract/data/relclf.{cfg,bin,json}.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from spacy.tokens import Doc, DocBin

from extract import _pieces, cleaned_document
from extract.components.relclf import TYPES, best_type, doc_pairs
from extract.evaluate import part_of
from extract.pipeline import load_pipeline
from extract.resources import DATA_DIR
from extract.score import norm

CONFIG = Path(__file__).with_name("relclf.cfg")
BANDS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)
MIN_PRECISION = 0.6
FOLDS = 4


def labelled_pairs(nlp, text: str, name: str, gold_doc: dict) -> list[tuple]:
    """(features, gold label, rule-linked, source label, target label, judged) of every candidate pair of one development document."""
    alias = {}
    for i, ge in enumerate(gold_doc["entities"]):
        for a in ge["aliases"]:
            alias.setdefault(norm(a), i)
    gidx = {norm(ge["name"]): i for i, ge in enumerate(gold_doc["entities"])}
    rel: dict = {}
    for r in gold_doc["relations"]:
        s = gidx.get(norm(r["source"]))
        for t in [r["target"]] + r.get("alt_targets", []):
            o = gidx.get(norm(t))
            if s is None or o is None:
                continue
            rel.setdefault((s, o), set()).add(r["type"])
            if r["type"] == "COOPERATES_WITH":
                rel.setdefault((o, s), set()).add(r["type"])
    out = []
    cleaned = cleaned_document(text, name)
    for doc in nlp.pipe([p for _, p in _pieces(cleaned.text)]):
        key_gold: dict = {}
        for m in doc.user_data.get("innograph", {}).get("mentions", []):
            for cand in (m["text"], m["props"].get("canon") or ""):
                g = alias.get(norm(cand))
                if g is not None:
                    key_gold.setdefault(m["key"], g)
        for _sent, a, b, feats, linked in doc_pairs(doc):
            ga, gb = key_gold.get(a["key"]), key_gold.get(b["key"])
            types = rel.get((ga, gb), set()) if ga is not None and gb is not None else set()
            label = next((t for t in TYPES if t in types), "NONE")
            is_linked = (a["key"], b["key"]) in linked or (b["key"], a["key"]) in linked
            out.append((feats, label, is_linked, a["label"], b["label"], ga is not None and gb is not None))
    return out


def write_docbin(vocab, rows, path: Path) -> None:
    db = DocBin()
    labels = ("NONE",) + TYPES
    for feats, label, *_ in rows:
        d = Doc(vocab, words=feats)
        d.cats = {lab: float(lab == label) for lab in labels}
        db.add(d)
    db.to_disk(path)


def predict(clf, rows) -> list[tuple[str | None, float]]:
    """The classifier's (type, probability) for each row."""
    textcat = clf.get_pipe("textcat")
    if not rows:
        return []
    scores = textcat.predict([Doc(clf.vocab, words=r[0]) for r in rows])
    labels = list(textcat.labels)
    return [best_type(labels, row, r[3], r[4]) for row, r in zip(scores.tolist(), rows)]


def calibrate(preds, rows) -> dict:
    """Threshold and confidence per probability band, from held-out predictions.

    Only the pairs the rules left unlinked whose two mentions both name gold entities count (as the
    scorer judges). A band's confidence is its precision, capped at 0.79 unless at least 90% of at
    least 20 pairs were right (then at 0.9); the threshold is the lowest probability from which every
    band down to it was at least MIN_PRECISION precise."""
    keep = [(p, r) for p, r in zip(preds, rows) if not r[2] and r[5]]
    bands, threshold = [], None
    for k, lo in enumerate(BANDS):
        hi = BANDS[k - 1] if k else 1.01
        judged = [(typ == r[1]) for (typ, p), r in keep if typ and lo <= p < hi]
        n, tp = len(judged), sum(judged)
        prec = tp / n if n else 0.0
        conf = round(min(prec, 0.9) if (prec >= 0.9 and n >= 20) else min(prec, 0.79), 2)
        bands.append({"from": lo, "pairs": n, "correct": tp, "precision": round(prec, 3), "confidence": conf})
        if n and prec >= MIN_PRECISION and (threshold is None or threshold == hi):
            threshold = lo
    return {"threshold": threshold if threshold is not None else 1.01,
            "calibration": {"*": [[b["from"], b["confidence"]] for b in bands]}, "bands": bands}


def train_model(train, dev, out: Path, unlinked_only: bool):
    """``spacy train`` of the config on ``train`` (``dev`` only for its log); the last model."""
    import spacy

    blank = spacy.blank("en")
    if unlinked_only:  # learn only from the pairs the classifier will decide
        train = [r for r in train if not r[2]]
    out.mkdir(parents=True, exist_ok=True)
    write_docbin(blank.vocab, train, out / "train.spacy")
    write_docbin(blank.vocab, dev, out / "dev.spacy")
    subprocess.run([sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(out / "model"),
                    "--paths.train", str(out / "train.spacy"), "--paths.dev", str(out / "dev.spacy")],
                   check=True, stdout=subprocess.DEVNULL)
    # the last model, not the best on dev: the held-out fold must not choose the model it calibrates
    return spacy.load(out / "model" / "model-last")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("corpus")
    ap.add_argument("--install", action="store_true", help="write the model into extract/data")
    ap.add_argument("--out", default="", help="training output directory (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true", help="reuse the labelled pairs kept in --out")
    ap.add_argument("--unlinked-only", action="store_true", help="train only on pairs the rules left unlinked")
    args = ap.parse_args(argv)
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))["documents"]
    names = sorted(n for n in gold if part_of(n) == "development")  # never a validation document
    out = Path(args.out or tempfile.mkdtemp(prefix="relclf-"))
    out.mkdir(parents=True, exist_ok=True)
    cache = out / "pairs.json"  # the labelled pairs per document, kept to retrain without the pipeline
    if args.reuse and cache.exists():
        per_doc = json.loads(cache.read_text(encoding="utf-8"))
    else:
        nlp = load_pipeline()
        per_doc = [labelled_pairs(nlp, (Path(args.corpus) / name).read_text(encoding="utf-8"), name, gold[name])
                   for name in names]
        cache.write_text(json.dumps(per_doc), encoding="utf-8")
    # cross-validation over the development documents: each fold's predictions come from a model
    # that never saw its documents; the pooled predictions calibrate the confidence and threshold
    preds, rows = [], []
    for fold in range(FOLDS):
        train = [r for k, d in enumerate(per_doc) if k % FOLDS != fold for r in d]
        held = [r for k, d in enumerate(per_doc) if k % FOLDS == fold for r in d]
        clf = train_model(train, held, out / f"fold{fold}", args.unlinked_only)
        preds += predict(clf, held)
        rows += held
    meta = calibrate(preds, rows)
    allrows = [r for d in per_doc for r in d]
    print(f"pairs: {len(allrows)} ({sum(r[1] != 'NONE' for r in allrows)} positive); unlinked judged: "
          f"{sum(1 for r in allrows if not r[2] and r[5])} ({sum(1 for r in allrows if not r[2] and r[5] and r[1] != 'NONE')} positive)",
          file=sys.stderr)
    print(json.dumps(meta["bands"]), file=sys.stderr)
    clf = train_model(allrows, allrows[:200], out / "final", args.unlinked_only)
    meta.update({"trained_on": f"development part (innov_0NN, {len(names)} documents); calibrated by {FOLDS}-fold "
                               "cross-validation over them", "pairs": len(allrows)})
    if args.install:
        clf.config.to_disk(DATA_DIR / "relclf.cfg")
        (DATA_DIR / "relclf.bin").write_bytes(clf.to_bytes())
        (DATA_DIR / "relclf.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

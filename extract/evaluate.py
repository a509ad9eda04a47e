"""Scoring extraction against a gold file: overall and per-type P/R/F1 with ../shared/score.py (or
the identical copy in extract/score.py), per part of the corpus (development = ``*_0NN`` files, the
ones rules are written against; validation = the rest, measured only as a score), the gap between
them, precision by confidence band, and the worst development documents."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

BANDS = (("0.9-1.0", 0.9, 1.01), ("0.8-0.9", 0.8, 0.9), ("0.7-0.8", 0.7, 0.8), ("0.6-0.7", 0.6, 0.7),
         ("<0.6", 0.0, 0.6), (">=0.8", 0.8, 1.01))
_DEV_NAME = re.compile(r"_0\d\d\.[A-Za-z]+$")


def part_of(name: str) -> str:
    """``development`` for the files error analysis may look at (``innov_0NN.txt``), else ``validation``.

    >>> part_of("innov_007.txt"), part_of("innov_212.txt")
    ('development', 'validation')
    """
    return "development" if _DEV_NAME.search(name) else "validation"


def _load_scorer(gold_path: Path):
    """../shared/score.py beside the gold file's corpus, else our identical copy of its logic."""
    for cand in (gold_path.resolve().parent.parent.parent / "score.py", gold_path.resolve().parent.parent / "score.py"):
        if cand.exists():
            spec = importlib.util.spec_from_file_location("innograph_shared_score", cand)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod
    from extract import score as mod  # same scoring, kept in the package
    return mod


def _per_type(pred_docs, gold, scorer):
    """Per-type P/R/F1, scoring each type alone exactly as the scorer does."""
    out = {"entities": {}, "relations": {}}
    ent_types = sorted({e["type"] for d in gold["documents"].values() for e in d["entities"]})
    rel_types = sorted({r["type"] for d in gold["documents"].values() for r in d["relations"]})
    for t in ent_types:
        # required: the gold entities of this type; optional: the rest (an entity the gold types otherwise
        # but also allows as t, "Organisation, alt Project", is right either way, so it neither counts
        # as a miss of t when predicted as its main type nor as a false t when predicted as t)
        g = {"documents": {k: {"entities": [e for e in v["entities"] if e["type"] == t
                                             ] + [dict(e, optional=True) for e in v["entities"] if e["type"] != t],
                               "relations": []} for k, v in gold["documents"].items()}}
        want = {t, "Event"} if t in ("Project", "Event") else {t}  # score.py matches an Event like a Project
        p = {k: {"entities": [e for e in v.get("entities", []) if e.get("type") in want], "relations": []} for k, v in pred_docs.items()}
        res = scorer.score(p, g)
        out["entities"][t] = {"p": res["entities"][0], "r": res["entities"][1], "f1": res["entities"][2], **res["counts"]["E"]}
    for t in rel_types:
        g = {"documents": {k: {"entities": v["entities"],
                               "relations": [r for r in v["relations"] if r["type"] == t]
                               + [dict(r, optional=True) for r in v["relations"] if r["type"] != t and t in r.get("alt_types", [])]}
                           for k, v in gold["documents"].items()}}
        p = {k: {"entities": v.get("entities", []), "relations": [r for r in v.get("relations", []) if r.get("type") == t]}
             for k, v in pred_docs.items()}
        res = scorer.score(p, g)
        out["relations"][t] = {"p": res["relations"][0], "r": res["relations"][1], "f1": res["relations"][2],
                               **{k: v for k, v in res["counts"]["R"].items()}}
    return out


def _bands(pred_docs, gold, scorer):
    """Precision of the relations whose confidence falls in each band (and of all at or above it)."""
    out = []
    for label, lo, hi in BANDS:
        p = {k: {"entities": v.get("entities", []),
                 "relations": [r for r in v.get("relations", []) if lo <= float(r.get("confidence", 0.0)) < hi]}
             for k, v in pred_docs.items()}
        res = scorer.score(p, gold)
        c = res["counts"]["R"]
        judged = c["tp"] + c["fp"]
        out.append({"band": label,
                    "relations": sum(len(v["relations"]) for v in p.values()),
                    "tp": c["tp"], "fp": c["fp"], "unjudged": c["unjudged"],
                    "precision": round(c["tp"] / judged, 3) if judged else None})
    return out


def _score_part(pred, gold, scorer):
    res = scorer.score(pred, gold)
    return {"entities": res["entities"], "relations": res["relations"], "counts": res["counts"],
            "per_type": _per_type(pred, gold, scorer), "bands": _bands(pred, gold, scorer),
            "documents": len(gold["documents"]), "per_doc": res["per_doc"]}


def evaluate(gold_path, directory, processes: int = 1) -> dict:
    """Extract every gold document found in ``directory`` and score it; returns the numbers overall
    and under ``parts`` (development, validation) with the development-minus-validation ``gap``."""
    from extract import extract_batch, read_document
    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scorer = _load_scorer(gold_path)
    directory = Path(directory)
    items = []
    for name in sorted(gold["documents"]):
        f = directory / name
        if f.exists():
            text, is_html = read_document(f)
            items.append((name, text, is_html))
    found = {name for name, _, _ in items}
    gold = {"documents": {k: v for k, v in gold["documents"].items() if k in found}}
    pred = {}
    for res in extract_batch(items, processes=processes):
        pred[res["document"].split("/")[-1]] = res if "error" not in res else {"entities": [], "relations": []}
    overall = _score_part(pred, gold, scorer)
    parts = {}
    for part in ("development", "validation"):
        g = {"documents": {k: v for k, v in gold["documents"].items() if part_of(k) == part}}
        if g["documents"]:
            parts[part] = _score_part({k: v for k, v in pred.items() if k in g["documents"]}, g, scorer)
    gap = None
    if len(parts) == 2:
        d, v = parts["development"], parts["validation"]
        gap = {"entities": round(d["entities"][2] - v["entities"][2], 3),
               "relations": round(d["relations"][2] - v["relations"][2], 3)}
    # the worst documents are shown for the development part only: validation is a score, not a to-do list
    worst = []
    for doc, d in overall.pop("per_doc").items():
        if part_of(doc) != "development":
            continue
        errs = len(d["entity_fp"]) + len(d["entity_fn"]) + len(d["relation_fp"]) + len(d["relation_fn"])
        worst.append((errs, doc, d))
    worst.sort(key=lambda x: -x[0])
    for p in parts.values():
        p.pop("per_doc")
    return {**overall, "parts": parts, "gap": gap,
            "worst": [{"document": d, "errors": n, **x} for n, d, x in worst[:5]], "documents": len(items)}

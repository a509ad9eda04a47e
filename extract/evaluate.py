"""Scoring extraction against a gold file: overall and per-type P/R/F1 with ../shared/score.py (or
the identical copy in extract/score.py), and the worst documents."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path


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
        g = {"documents": {k: {"entities": [e for e in v["entities"] if e["type"] == t or t in e.get("alt_types", [])
                                             ] + [dict(e, optional=True) for e in v["entities"] if e["type"] != t and t not in e.get("alt_types", [])],
                               "relations": []} for k, v in gold["documents"].items()}}
        p = {k: {"entities": [e for e in v.get("entities", []) if e.get("type") == t], "relations": []} for k, v in pred_docs.items()}
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


def evaluate(gold_path, directory, processes: int = 1) -> dict:
    """Extract every gold document found in ``directory`` and score it; returns the numbers."""
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
    pred = {}
    for res in extract_batch(items, processes=processes):
        pred[res["document"].split("/")[-1]] = res if "error" not in res else {"entities": [], "relations": []}
    res = scorer.score(pred, gold)
    per_type = _per_type(pred, gold, scorer)
    worst = []
    for doc, d in res["per_doc"].items():
        errs = len(d["entity_fp"]) + len(d["entity_fn"]) + len(d["relation_fp"]) + len(d["relation_fn"])
        worst.append((errs, doc, d))
    worst.sort(key=lambda x: -x[0])
    return {"entities": res["entities"], "relations": res["relations"], "counts": res["counts"],
            "per_type": per_type, "worst": [{"document": d, "errors": n, **x} for n, d, x in worst[:5]],
            "documents": len(items)}

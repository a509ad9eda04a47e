"""Command-line entry points of extraction: ``extract FILE... --json`` and ``eval --gold G DIR``.

The lead wires :func:`cmd_extract` and :func:`cmd_eval` into the ``innograph`` console script;
``python -m extract.cli extract|eval ...`` runs them directly.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

NEWS_SUFFIXES = (".txt", ".html", ".htm", ".md", ".xhtml")


def _expand(files: list[str]) -> list[str]:
    out = []
    for f in files:
        p = Path(f)
        if p.is_dir():
            out += sorted(str(x) for x in p.rglob("*") if x.is_file() and x.suffix.lower() in NEWS_SUFFIXES)
        else:
            out.append(f)
    return out


def _items(paths: list[str]):
    from extract import read_document
    from graph.errors import BadInput
    for path in paths:
        try:
            text, is_html = read_document(path)
        except BadInput as exc:
            # hand the error through the batch so that it is reported in order
            yield path, _Bad(str(exc)), None
            continue
        yield path, text, is_html


class _Bad(str):
    """Marker for a document that could not be read."""


def cmd_extract(files: list[str], processes: int = 1, out=None, err=None) -> int:
    """Write one JSON object per document (CONTRACT.md shape) to ``out``; 0 ok, 2 if every file was bad."""
    from extract import extract_batch
    out = out or sys.stdout
    err = err or sys.stderr
    paths = _expand(files)
    if not paths:
        print("extract: no input files", file=err)
        return 2
    good = bad = 0
    items = list(_items(paths))
    errors = {p: str(t) for p, t, _ in items if isinstance(t, _Bad)}
    todo = [(p, t, h) for p, t, h in items if not isinstance(t, _Bad)]
    results = {}
    for res in extract_batch(todo, processes=max(1, int(processes or 1))):
        results[res["document"]] = res
    for p, _, _ in items:
        res = results.get(p) if p not in errors else {"document": p, "error": errors[p]}
        if res is None:
            res = {"document": p, "error": "no result"}
        if "error" in res:
            bad += 1
            msg = res["error"]
            print(f"extract: {msg if msg.startswith(p) else p + ': ' + msg}", file=err)
        else:
            good += 1
        out.write(json.dumps(res, ensure_ascii=False) + "\n")
    out.flush()
    return 0 if good else 2


# ---------------------------------------------------------------------------------------------
# eval
# ---------------------------------------------------------------------------------------------
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


def cmd_eval(gold_path, directory, out=None, processes: int = 1) -> int:
    """Print entity and relation P/R/F1 overall and per type, and the worst documents."""
    out = out or sys.stdout
    from graph.errors import BadInput
    if not Path(gold_path).exists():
        raise BadInput("gold file not found", where=str(gold_path))
    if not Path(directory).is_dir():
        raise BadInput("not a directory", where=str(directory))
    r = evaluate(gold_path, directory, processes)
    w = out.write
    w(f"documents: {r['documents']}\n")
    w(f"entities   P {r['entities'][0]:.3f}  R {r['entities'][1]:.3f}  F1 {r['entities'][2]:.3f}   {json.dumps(r['counts']['E'])}\n")
    w(f"relations  P {r['relations'][0]:.3f}  R {r['relations'][1]:.3f}  F1 {r['relations'][2]:.3f}   {json.dumps(r['counts']['R'])}\n")
    for kind in ("entities", "relations"):
        w(f"\n{kind} per type:\n")
        for t, v in r["per_type"][kind].items():
            w(f"  {t:<16} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})\n")
    w("\nworst documents:\n")
    for d in r["worst"]:
        w(f"  {d['document']}: {d['errors']} errors\n")
        for k in ("entity_fp", "entity_fn", "relation_fp", "relation_fn"):
            if d[k]:
                w(f"    {k}: {'; '.join(d[k][:6])}{' ...' if len(d[k]) > 6 else ''}\n")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.cli")
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="extract entities and relations, one JSON object per line")
    e.add_argument("files", nargs="+")
    e.add_argument("--json", action="store_true", help="JSON lines output (the only format)")
    e.add_argument("--processes", type=int, default=1)
    v = sub.add_parser("eval", help="score extraction against a gold file")
    v.add_argument("--gold", required=True)
    v.add_argument("directory")
    v.add_argument("--processes", type=int, default=1)
    a = ap.parse_args(argv)
    from graph.errors import InnoGraphError
    try:
        if a.cmd == "extract":
            return cmd_extract(a.files, a.processes, sys.stdout)
        return cmd_eval(a.gold, a.directory, sys.stdout, a.processes)
    except InnoGraphError as exc:
        print(f"{a.cmd}: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())

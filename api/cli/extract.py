"""``innograph extract FILE... --json`` and ``innograph eval --gold G DIR`` (scoring is extract/evaluate.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from api.cli.progress import bar, note
from api.cli.text import extract_text
from extract.evaluate import evaluate
from extract.formats import NEWS_EXTENSIONS


def _expand(files: list[str]) -> list[str]:
    out = []
    for f in files:
        p = Path(f)
        if p.is_dir():
            out += sorted(str(x) for x in p.rglob("*") if x.is_file() and x.suffix.lower() in NEWS_EXTENSIONS)
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


def cmd_extract(files: list[str], processes: int = 1, out=None, err=None, as_json: bool = True) -> int:
    """Write one JSON object per document (CONTRACT.md shape) to ``out``, or readable text unless
    ``as_json``; 0 ok, 2 if every file was bad."""
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
    with bar(len(todo), "extract", "documents") as b:
        for res in extract_batch(todo, processes=max(1, int(processes or 1))):
            results[res["document"]] = res
            b.update(1)
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
        out.write((json.dumps(res, ensure_ascii=False) if as_json else extract_text(res)) + "\n")
    out.flush()
    note(f"extract: {good} documents extracted, {bad} could not be read or extracted")
    return 0 if good else 2


def _write_scores(w, r, indent=""):
    w(f"{indent}documents: {r['documents']}\n")
    w(f"{indent}entities   P {r['entities'][0]:.3f}  R {r['entities'][1]:.3f}  F1 {r['entities'][2]:.3f}   {json.dumps(r['counts']['E'])}\n")
    w(f"{indent}relations  P {r['relations'][0]:.3f}  R {r['relations'][1]:.3f}  F1 {r['relations'][2]:.3f}   {json.dumps(r['counts']['R'])}\n")
    for kind in ("entities", "relations"):
        w(f"{indent}{kind} per type:\n")
        for t, v in r["per_type"][kind].items():
            w(f"{indent}  {t:<16} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})\n")
    w(f"{indent}relation precision by confidence band:\n")
    for b in r["bands"]:
        prec = "  -  " if b["precision"] is None else f"{b['precision']:.3f}"
        w(f"{indent}  {b['band']:<8} {b['relations']:>5} relations  P {prec}  (tp {b['tp']}, fp {b['fp']}, unjudged {b['unjudged']})\n")


def cmd_extract_out(files: list[str], out_dir, *, engine="local", address=None, workers=None,
                    partition_docs=32, as_json=False, err=None) -> int:
    """``extract PATH... --engine E --out DIR``: partition files in DIR, bad documents one line each
    on stderr, then a summary line (JSON on stdout with ``--json``); 0 ok, 2 if no document was good."""
    from extract.engines import run_extract
    from graph.errors import BadInput

    err = err or sys.stderr
    if not out_dir:
        raise BadInput("--out DIR is required with --engine", where="extract")
    s = run_extract(files, out_dir, engine=engine, address=address, workers=workers,
                    partition_docs=partition_docs, err=err)
    if as_json:
        sys.stdout.write(json.dumps(s) + "\n")
    print(f"extract: {s['documents']} documents ({s['good']} extracted, {s['bad']} bad) in {s['partitions']} "
          f"partitions ({s['written']} written, {s['reused']} already done) to {s['out']}; {s['words']} words "
          f"in {s['seconds']} s with --engine {engine}", file=err)
    if not s["documents"] and not s["bad"]:
        print("extract: no input files", file=err)
        return 2
    return 0 if s["good"] else 2


def cmd_eval(gold_path, directory, out=None, processes: int = 1) -> int:
    """Print entity and relation P/R/F1 overall and per type, then the same for the development part
    (``*_0NN`` files) and the validation part separately with the gap, precision by confidence
    band, and the worst development documents."""
    out = out or sys.stdout
    from graph.errors import BadInput
    if not Path(gold_path).exists():
        raise BadInput("gold file not found", where=str(gold_path))
    if not Path(directory).is_dir():
        raise BadInput("not a directory", where=str(directory))
    r = evaluate(gold_path, directory, processes)
    w = out.write
    w("all documents\n")
    _write_scores(w, r)
    for part, pr in r["parts"].items():
        w(f"\n{part} part\n")
        _write_scores(w, pr, "  ")
    if r["gap"]:
        w(f"\ngap (development F1 - validation F1): entities {r['gap']['entities']:+.3f}  relations {r['gap']['relations']:+.3f}\n")
    w("\nworst documents (development part):\n")
    for d in r["worst"]:
        w(f"  {d['document']}: {d['errors']} errors\n")
        for k in ("entity_fp", "entity_fn", "relation_fp", "relation_fn"):
            if d[k]:
                w(f"    {k}: {'; '.join(d[k][:6])}{' ...' if len(d[k]) > 6 else ''}\n")
    return 0

"""Words per second of the InnoGraph extraction pipeline vs the bare spaCy model, side by side.

Texts: ../shared/corpus/dev if present, else data/sample/news. Both pipelines run nlp.pipe over the
same texts (our pipeline on the cleaned text, as in production), alternating rounds; the best round
of each counts. Prints the ratio and writes bench/results/extract.json.

    .venv/bin/python bench/bench_extract.py [--rounds 3] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def texts() -> tuple[str, list[str]]:
    for d in (ROOT.parent / "shared" / "corpus" / "dev", ROOT / "data" / "sample" / "news"):
        if d.is_dir():
            files = sorted(p for p in d.iterdir() if p.suffix in (".txt", ".html", ".htm", ".md"))
            if files:
                return str(d), [p.read_text(encoding="utf-8", errors="replace") for p in files]
    return "builtin", ["The China Association for Science and Technology (CAST) launched Innovation China in Jiaxing, "
                       "a city in East China's Zhejiang province."] * 50


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3, help="copies of the corpus per round")
    a = ap.parse_args(argv)
    from extract.clean import clean
    from extract.pipeline import load_bare, load_pipeline
    source, raw = texts()
    cleaned = [clean(t).text for t in raw] * a.repeat
    raw = raw * a.repeat
    ours, bare = load_pipeline(), load_bare()
    words = sum(len(t.split()) for t in raw)
    list(ours.pipe(cleaned[:4]))
    list(bare.pipe(raw[:4]))
    best = {"bare": float("inf"), "ours": float("inf")}
    for _ in range(a.rounds):
        t = time.perf_counter()
        for _d in bare.pipe(raw, batch_size=64):
            pass
        best["bare"] = min(best["bare"], time.perf_counter() - t)
        t = time.perf_counter()
        for _d in ours.pipe(cleaned, batch_size=64):
            pass
        best["ours"] = min(best["ours"], time.perf_counter() - t)
    wps = {k: words / v for k, v in best.items()}
    ratio = wps["ours"] / wps["bare"]
    result = {"texts": source, "documents": len(raw), "words": words, "seconds": best,
              "words_per_second": wps, "ratio": round(ratio, 3), "target": 0.7, "ok": ratio >= 0.7,
              "pipeline": ours.pipe_names, "bare_pipeline": bare.pipe_names}
    out = ROOT / "bench" / "results" / "extract.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"bare model: {wps['bare']:.0f} words/s   innograph: {wps['ours']:.0f} words/s   ratio {ratio:.2f} (target 0.70)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

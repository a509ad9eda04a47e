"""Words per second of the InnoGraph extraction pipeline vs the bare spaCy model, side by side.

Texts: ../shared/corpus/dev if present, else data/sample/news. Measured in alternating rounds on
the same texts (the best round of each counts):

- ``pipe``: ``nlp.pipe`` of our pipeline (on the cleaned text, as in production) against
  ``nlp.pipe`` of the bare ``en_core_web_sm``, one process;
- ``processes``: ``extract.extract_batch(processes=N)`` -- what ``innograph extract --processes N``
  runs: cleaning, our pipeline, assembly of entities and relations -- against the bare model's
  ``nlp.pipe(n_process=N)``, for N = 1 and 2. Both models are loaded in the parent first, so forked
  workers inherit them on either side.

Prints the ratios and writes bench/results/extract.json. Each side is timed in wall-clock seconds
(words per second) and, in one process, in CPU seconds (``cpu_seconds``, ``ratio_cpu``: on a machine
shared with other work the wall clock also counts the time the process waited for a core).

    python -m bench.bench_extract [--rounds 3] [--repeat 3] [--processes 1,2]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def texts(corpus: str | None = None) -> tuple[str, list[str]]:
    """(where the texts came from, the texts): ``corpus`` if given (an error when it holds none), else
    ../shared/corpus/dev beside this tree, else data/sample/news."""
    if corpus is not None:
        d = Path(corpus)
        files = sorted(p for p in d.iterdir() if p.suffix in (".txt", ".html", ".htm", ".md")) if d.is_dir() else []
        if not files:
            raise SystemExit(f"bench_extract: --corpus {corpus}: no .txt/.html/.md files there")
        return str(d), [p.read_text(encoding="utf-8", errors="replace") for p in files]
    for d in (ROOT.parent / "shared" / "corpus" / "dev", ROOT / "data" / "sample" / "news"):
        if d.is_dir():
            files = sorted(p for p in d.iterdir() if p.suffix in (".txt", ".html", ".htm", ".md"))
            if files:
                return str(d), [p.read_text(encoding="utf-8", errors="replace") for p in files]
    return "builtin", ["The China Association for Science and Technology (CAST) launched Innovation China in Jiaxing, "
                       "a city in East China's Zhejiang province."] * 50


def _best(fn, rounds: int) -> float:
    return min(_timed(fn) for _ in range(rounds))


CPU: dict[str, float] = {}


def _timed(fn, key: str | None = None) -> float:
    """Wall-clock seconds of fn(); its CPU seconds go to CPU[key] (the best of the rounds)."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    if key is not None:
        CPU[key] = min(CPU.get(key, float("inf")), time.process_time() - c)
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3, help="copies of the corpus per round")
    ap.add_argument("--processes", default="1,2", help="process counts for the extract_batch comparison")
    ap.add_argument("--corpus", help="a folder of texts (default: ../shared/corpus/dev beside this tree, else "
                                     "data/sample/news); give it when benching a second tree outside /work")
    a = ap.parse_args(argv)
    from bench.common import environment
    from extract import extract_batch
    from extract.clean import clean
    from extract.pipeline import load_bare, load_pipeline
    source, raw = texts(a.corpus)
    print(f"texts: {source} ({len(raw)} files)", flush=True)
    names = [f"doc{i}.txt" for i in range(len(raw))] * a.repeat
    cleaned = [clean(t).text for t in raw] * a.repeat
    raw = raw * a.repeat
    ours, bare = load_pipeline(), load_bare()
    words = sum(len(t.split()) for t in raw)
    list(ours.pipe(cleaned[:4]))
    list(bare.pipe(raw[:4]))
    secs: dict[str, float] = {"bare": float("inf"), "ours": float("inf")}
    procs = [int(x) for x in a.processes.split(",") if x.strip()]
    for _ in range(a.rounds):  # alternate, so that both sides see the same load on the machine
        secs["bare"] = min(secs["bare"], _timed(lambda: [None for _d in bare.pipe(raw, batch_size=64)], "bare"))
        secs["ours"] = min(secs["ours"], _timed(lambda: [None for _d in ours.pipe(cleaned, batch_size=64)], "ours"))
        for n in procs:
            b, o = f"bare_{n}p", f"ours_{n}p"
            secs[b] = min(secs.get(b, float("inf")),
                          _timed(lambda n=n: [None for _d in bare.pipe(raw, batch_size=64, n_process=n)], b if n == 1 else None))
            secs[o] = min(secs.get(o, float("inf")),
                          _timed(lambda n=n: [None for _r in extract_batch(zip(names, raw), processes=n)], o if n == 1 else None))
    wps = {k: round(words / v, 1) for k, v in secs.items()}
    ratio = wps["ours"] / wps["bare"]
    by_procs = {}
    for n in procs:
        r = wps[f"ours_{n}p"] / wps[f"bare_{n}p"]
        by_procs[str(n)] = {"words_per_second_bare": wps[f"bare_{n}p"], "words_per_second_ours": wps[f"ours_{n}p"],
                            "seconds_bare": round(secs[f"bare_{n}p"], 3), "seconds_ours": round(secs[f"ours_{n}p"], 3),
                            "ratio": round(r, 3), "ok": r >= 0.7}
    for n in [n for n in procs if n == 1]:  # (with workers, the CPU is theirs, not this process's)
        b, o = f"bare_{n}p", f"ours_{n}p"
        by_procs[str(n)].update({"cpu_seconds_bare": round(CPU[b], 3), "cpu_seconds_ours": round(CPU[o], 3),
                                 "ratio_cpu": round(CPU[b] / CPU[o], 3)})
    for n in procs[1:]:
        by_procs[str(n)]["speedup_bare_vs_1p"] = round(wps[f"bare_{n}p"] / wps[f"bare_{procs[0]}p"], 2)
        by_procs[str(n)]["speedup_ours_vs_1p"] = round(wps[f"ours_{n}p"] / wps[f"ours_{procs[0]}p"], 2)
    result = {"texts": source, "documents": len(raw), "words": words, "rounds": a.rounds, "repeat": a.repeat,
              "seconds": {k: round(v, 3) for k, v in secs.items()}, "words_per_second": wps,
              "cpu_seconds": {k: round(v, 3) for k, v in CPU.items()}, "ratio_cpu": round(CPU["bare"] / CPU["ours"], 3),
              "ratio": round(ratio, 3), "target": 0.7, "ok": ratio >= 0.7, "processes": by_procs,
              "cpus": len(os.sched_getaffinity(0)), "pipeline": ours.pipe_names, "bare_pipeline": bare.pipe_names,
              "env": environment()}
    out = ROOT / "bench" / "results" / "extract.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"nlp.pipe: bare {wps['bare']:.0f} words/s, innograph {wps['ours']:.0f} words/s, ratio {ratio:.2f} (target 0.70); "
          f"CPU s bare {CPU['bare']:.2f}, innograph {CPU['ours']:.2f}, ratio {result['ratio_cpu']:.2f}")
    for n, r in by_procs.items():
        print(f"{n} process(es): bare {r['words_per_second_bare']:.0f}, extract_batch {r['words_per_second_ours']:.0f} "
              f"words/s, ratio {r['ratio']:.2f}" + (f"; CPU s bare {r['cpu_seconds_bare']:.2f}, extract_batch "
                                                   f"{r['cpu_seconds_ours']:.2f}, ratio {r['ratio_cpu']:.2f}"
                                                   if "ratio_cpu" in r else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

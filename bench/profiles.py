"""Profiles (pyinstrument) of each cost the benchmarks measure, for "what dominates" in FINDINGS.md.

On the cached embedded store of the synthetic graph (bench/common.py): a batched SQLite load of
the first rows into a fresh store, per-row upserts, ``search`` with misspelt names (the
rapidfuzz scan), ``match_experts`` and ``neighbours(depth=2)``; and our extraction pipeline on the
dev corpus. Writes bench/results/profile_<what>_<size>.txt.

    python -m bench.profiles --size 100000 [--only ingest,search,match,neighbours,extract]
"""
from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

from bench.common import RESULTS, SEED, build_sqlite, log
from bench.synth import generate


def _profile(name: str, fn) -> Path:
    from pyinstrument import Profiler

    prof = Profiler(interval=0.001)
    prof.start()
    try:
        fn()
    finally:
        prof.stop()
    out = RESULTS / f"profile_{name}.txt"
    out.write_text(prof.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    log(f"profile: {out.name}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--only", default="ingest,search,match,neighbours,extract")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    from graph.store.sqlite import SQLiteStore

    graph = generate(args.size, SEED)
    rnd = random.Random(SEED)
    ents = sorted(graph.entities.values(), key=lambda e: e.id)
    if "ingest" in only:
        from bench.bench_ingest import _head

        tmp = Path(tempfile.mkdtemp(prefix="innograph-prof-"))
        try:
            s = SQLiteStore(f"sqlite:///{tmp / 'b.db'}")
            _profile(f"ingest_sqlite_batched_{args.size}",
                     lambda: [s.upsert(b) for b in _head(graph, min(args.size, 20_000)).batches(5000)])
            _profile(f"ingest_sqlite_per_row_{args.size}", lambda: [s.upsert(b) for b in _head(graph, 300).rows()])
            s.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    path, _ = build_sqlite(args.size, graph=graph)
    store = SQLiteStore(f"sqlite:///{path}")
    if "search" in only:
        names = [e.name for e in rnd.sample(ents, 20)]
        _profile(f"search_misspelt_{args.size}", lambda: [store.search(n[:-2] + n[-1] + n[-2], limit=20) for n in names])
    if "neighbours" in only:
        store._view()
        centres = [e.id for e in rnd.sample(ents, 20)]
        _profile(f"neighbours_{args.size}", lambda: [store.neighbours(c, depth=2, limit=100) for c in centres])
    if "match" in only:
        from graph.match import MatchIndex, match_experts

        idx = MatchIndex.build(store)
        store._view()
        ent = [e.id for e in ents if e.label == "Organisation" and e.properties.get("kind") == "enterprise"]
        picks = rnd.sample(ent, min(5, len(ent)))
        _profile(f"match_experts_{args.size}", lambda: [match_experts(store, x, k=5, index=idx) for x in picks])
    store.close()
    if "extract" in only:
        from bench.bench_extract import texts
        from extract.clean import clean
        from extract.pipeline import load_pipeline

        nlp = load_pipeline()
        docs = [clean(t).text for t in texts()[1]]
        list(nlp.pipe(docs[:2]))
        _profile("extract_pipe", lambda: [None for _d in nlp.pipe(docs, batch_size=64)])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""Matching with the hub-avoiding explanation (graph/explain.py: one search from the enterprise for all
its candidates) against the previous code (one weighted store.paths per candidate), side by side in
one run on the same synthetic SQLite store.

    python -m bench.bench_match_explain --size 10000 [--old-ref main]

The previous graph/match.py is taken from git (``git show REF:graph/match.py``).
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--old-ref", default="main")
    ap.add_argument("--queries", type=int, default=20)
    args = ap.parse_args(argv)
    import graph.match as new
    from bench.synth import generate
    from graph.store import open_store

    src = subprocess.run(["git", "show", f"{args.old_ref}:graph/match.py"], capture_output=True, text=True, check=True).stdout
    tmp = Path(tempfile.mkdtemp())
    (tmp / "oldmatch.py").write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("oldmatch", tmp / "oldmatch.py")
    old = importlib.util.module_from_spec(spec)
    sys.modules["oldmatch"] = old
    spec.loader.exec_module(old)

    s = open_store(f"sqlite:///{tmp / 'g.db'}")
    for b in generate(args.size).batches():
        s.upsert(b)
    t = time.perf_counter()
    ni = new.MatchIndex.build(s)
    t_new = time.perf_counter() - t
    t = time.perf_counter()
    oi = old.MatchIndex.build(s)
    t_old = time.perf_counter() - t
    pool = sorted(ni.enterprises)
    ents = pool[:: max(1, len(pool) // args.queries)][: args.queries]
    s.paths(ents[0], ents[1], k=1, max_hops=2)  # the graph view, built once for both
    times = {"old": [], "new": []}
    for name, mod, idx in (("old", old, oi), ("new", new, ni), ("old", old, oi), ("new", new, ni)):
        t = time.perf_counter()
        for e in ents:
            mod.match_experts(s, e, k=5, index=idx)
        times[name].append(time.perf_counter() - t)
    best = {k: min(v) for k, v in times.items()}
    print(f"size {args.size}: {len(ents)} match_experts k=5, best of 2: old {best['old']:.2f} s, new {best['new']:.2f} s "
          f"(new/old {best['new'] / best['old']:.2f}); index build old {t_old:.2f} s, new {t_new:.2f} s")
    s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time-window paths on the embedded store: the same pairs with and without a window, side by side.

The synthetic graph (bench/synth.py) has no dates; this benchmark gives every evidence document a
seeded date between 2015 and 2024 (a day, a month or only a year) and a tenth of the relations a
stated validity, then asks the seeded pairs of bench_paths (hop distances 1..6 and unreachable)
for the shortest path and the 5 shortest paths: without a window, ``as_of``, and ``since``/``until``.

    python -m bench.bench_time --size 1000000      # results in bench/results/time_<size>.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import time

from bench.bench_paths import choose_pairs
from bench.common import SEED, build_sqlite, environment, log, ratio, summarise, write_json
from graph.window import Window, within

WINDOWS = {"none": None, "as_of=2019-06": Window.of(as_of="2019-06"),
           "since=2018,until=2020": Window.of(since="2018", until="2020")}


def _date(doc: str) -> str:
    h = int(hashlib.blake2b(doc.encode(), digest_size=4).hexdigest(), 16)
    year, month, day = 2015 + h % 10, 1 + (h >> 4) % 12, 1 + (h >> 8) % 28
    return [f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"][(h >> 13) % 3]


def date_store(path) -> dict:
    """Give the store's evidence seeded dates and a tenth of its relations a validity (once)."""
    from graph.store.sqlite import SQLiteStore

    store = SQLiteStore(f"sqlite:///{path}")
    try:
        if store.db.execute("SELECT 1 FROM evidence WHERE date != '' LIMIT 1").fetchone():
            return {"dated_now": False}
        t = time.perf_counter()
        store.db.create_function("bench_date", 1, _date, deterministic=True)
        with store._tx() as cur:
            cur.execute("UPDATE evidence SET date = bench_date(document)")
            cur.execute("UPDATE edges SET props = json_set(props, '$.valid_from', '2017', '$.valid_to', '2021') "
                        "WHERE rowid % 10 = 0")
        return {"dated_now": True, "seconds": round(time.perf_counter() - t, 2)}
    finally:
        store.close()


def run(size: int, per_bucket: int = 10) -> dict:
    from bench.synth import generate
    from graph.store.sqlite import SQLiteStore

    graph = generate(size, SEED)
    path, built = build_sqlite(size, graph=graph)
    dated = date_store(path)
    pairs = [p for bucket in choose_pairs(graph, per_bucket).values() for p in bucket]
    del graph
    store = SQLiteStore(f"sqlite:///{path}")
    result = {"relations": size, "pairs": len(pairs), "store_build": built, "dating": dated, "env": environment(),
              "queries": {}}
    t = time.perf_counter()
    store.warm()
    with within(WINDOWS["as_of=2019-06"]):
        store._timed_view()
    result["view_with_times_s"] = round(time.perf_counter() - t, 2)
    # the first query in each window builds its materialised copy of the graph (NxView.windowed):
    # timed apart, the percentiles below are the queries after it
    result["first_query_s"] = {}
    for name, win in WINDOWS.items():
        with within(win):
            t = time.perf_counter()
            store.paths(*pairs[0], k=1, max_hops=6)
            result["first_query_s"][name] = round(time.perf_counter() - t, 3)
    for k in (1, 5):
        for name in WINDOWS:  # side by side: each pair asked in every window in turn
            result["queries"].setdefault(f"k={k} {name}", [])
        for a, b in pairs:
            for name, win in WINDOWS.items():
                with within(win):
                    t = time.perf_counter()
                    store.paths(a, b, k=k, max_hops=6)
                    result["queries"][f"k={k} {name}"].append(time.perf_counter() - t)
    store.close()
    result["summary"] = {q: summarise(s) for q, s in result["queries"].items()}
    del result["queries"]
    for k in (1, 5):
        base = result["summary"][f"k={k} none"]
        for name in list(WINDOWS)[1:]:
            s = result["summary"][f"k={k} {name}"]
            s["p50_ratio_to_none"] = ratio(s["p50_ms"], base["p50_ms"])
            s["p95_ratio_to_none"] = ratio(s["p95_ms"], base["p95_ms"])
    log(json.dumps(result["summary"], indent=1))
    write_json(f"time_{size}.json", result)
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=10_000)
    p.add_argument("--per-bucket", type=int, default=10)
    args = p.parse_args(argv)
    run(args.size, args.per_bucket)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

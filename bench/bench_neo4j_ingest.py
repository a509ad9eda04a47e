"""Neo4j ingest against Neo4j's own batched speed, side by side in one run.

The same rows of the synthetic graph (bench/synth.py), in the same batches, into the same Neo4j with
the store's constraints on: once through ``Neo4jStore.upsert`` (validation, entity resolution, key
locks, evidence), once as a plain batched ``UNWIND … MERGE`` of the entities and relations (name,
label, weight and evidence sentences as properties; one statement per relation type, as a type
cannot be a parameter). ``ratio`` = upsert relations/s ÷ plain relations/s. ``upsert.cypher_s`` is
the time the upsert spent in its Cypher round trips (Neo4j's work, the network and the driver),
per query name in ``upsert.queries``; ``upsert.commit_s`` the time outside the transaction's work
(validation before it, begin and commit: Neo4j writing the transaction and updating its indexes);
``upsert.python_s`` the rest: entity resolution and building the rows in Python. Each load's CPU
seconds, of this process (``client_cpu_s``) and of the Neo4j server (``server_cpu_s``, from its JMX
OperatingSystem bean), add up to ``cpu_s``; ``cpu_ratio`` = plain ``cpu_s`` ÷ upsert ``cpu_s``, the
ratio of the work each load makes, which the other processes sharing the machine's cores sway far
less than the wall-clock ``ratio``. The synthetic
graph both loads read from is moved out of the garbage collector's way first (``gc.freeze``): at 1M
relations a full collection during either load would otherwise trace its millions of objects.

    python -m bench.bench_neo4j_ingest --neo4j bolt://127.0.0.1:7687 --size 20000 [--batch 5000]
"""
from __future__ import annotations

import argparse
import gc
import time

from bench.common import SEED, environment, log, write_json

PLAIN_ENTITIES = ("UNWIND $rows AS r MERGE (n:Entity {id: r.id}) "
                  "SET n.name = r.name, n.label = r.label, n.aliases = r.aliases")
PLAIN_RELATIONS = ("UNWIND $rows AS r MATCH (a:Entity {id: r.s}) MATCH (b:Entity {id: r.t}) "
                   "MERGE (a)-[x:%s]->(b) SET x.weight = r.w, x.documents = r.docs, x.sentences = r.sents")


def plain_load(driver, database, graph, batch: int) -> float:
    t = time.perf_counter()
    with driver.session(database=database) as session:
        for b in graph.batches(batch):
            ents = [{"id": e.id, "name": e.name, "label": e.label, "aliases": sorted(e.aliases)} for e in b.entities]
            by_type: dict[str, list] = {}
            for r in b.relations:
                by_type.setdefault(r.type, []).append({
                    "s": r.source, "t": r.target, "w": r.weight, "docs": [e.document for e in r.evidence],
                    "sents": [e.sentence or "" for e in r.evidence]})

            def work(tx, ents=ents, by_type=by_type):
                tx.run(PLAIN_ENTITIES, rows=ents).consume()
                for typ, rows in sorted(by_type.items()):
                    tx.run(PLAIN_RELATIONS % typ, rows=rows).consume()
            session.execute_write(work)
    return time.perf_counter() - t


def _server_cpu(store) -> float | None:
    """Seconds of CPU the Neo4j server process has used so far (None where JMX is not available)."""
    try:
        ns = store._read("server_cpu")[0]["ns"]
    except Exception:  # noqa: BLE001 - a server without dbms.queryJmx: no CPU figures
        return None
    return None if ns is None else ns / 1e9


def _settled(store) -> tuple:
    """(client process time, server CPU) once the server has applied the fulltext index changes
    of what came before (work it defers past the commit)."""
    store._read("await_fulltext")
    return time.process_time(), _server_cpu(store)


def _cpu(store, t0: tuple) -> dict:
    """CPU seconds since ``t0`` = (client process time, server CPU), the deferred fulltext index
    work included: client, server, total."""
    store._read("await_fulltext")
    client = time.process_time() - t0[0]
    server_now = _server_cpu(store)
    server = None if server_now is None or t0[1] is None else server_now - t0[1]
    return {"client_cpu_s": round(client, 2), "server_cpu_s": None if server is None else round(server, 2),
            "cpu_s": round(client + (server or 0.0), 2)}


def _timed_store(uri: str):
    """A Neo4jStore that adds up the time of each named query it runs (``cypher``)."""
    from graph.store.neo4j import Neo4jStore

    cypher: dict[str, float] = {}

    class Timed(Neo4jStore):
        def _upsert(self, batch, resolve):  # the work inside the transaction, without its commit
            t = time.perf_counter()
            try:
                return super()._upsert(batch, resolve)
            finally:
                cypher["(inside the transaction)"] = cypher.get("(inside the transaction)", 0.0) + \
                    time.perf_counter() - t

        @staticmethod
        def _run(tx, name, **params):
            t = time.perf_counter()
            try:
                return Neo4jStore._run(tx, name, **params)
            finally:
                cypher[name] = cypher.get(name, 0.0) + time.perf_counter() - t

    return Timed(uri), cypher


def run(uri: str, size: int, batch: int) -> dict:
    from bench.synth import generate

    graph = generate(size, SEED)
    gc.collect()
    gc.freeze()  # the synthetic graph held for both loads is no garbage to trace on every collection
    store, cypher = _timed_store(uri)
    store.clear()
    cypher.clear()
    c0 = _settled(store)
    t = time.perf_counter()
    for b in graph.batches(batch):
        store.upsert(b)
    upsert_s = time.perf_counter() - t
    upsert_cpu = _cpu(store, c0)
    for name in ("server_cpu", "await_fulltext"):  # the bench's own reads
        cypher.pop(name, None)
    queries = dict(cypher)
    inside = queries.pop("(inside the transaction)")
    cypher_s = sum(queries.values())
    log("upsert", size, round(upsert_s, 1), "s")
    store.clear()
    c0 = _settled(store)
    plain_s = plain_load(store._driver, store.database, graph, batch)
    plain_cpu = _cpu(store, c0)
    log("plain", size, round(plain_s, 1), "s")
    store.clear()
    store.close()
    up, pl = size / upsert_s, size / plain_s
    return {"size": size, "batch": batch,
            "upsert": {"seconds": round(upsert_s, 2), "rows_per_s": round(up, 1), "cypher_s": round(cypher_s, 2),
                       "python_s": round(inside - cypher_s, 2), "commit_s": round(upsert_s - inside, 2),
                       "queries": {k: round(v, 2) for k, v in sorted(queries.items(), key=lambda kv: -kv[1])},
                       **upsert_cpu},
            "plain_unwind_merge": {"seconds": round(plain_s, 2), "rows_per_s": round(pl, 1), **plain_cpu},
            "ratio": round(up / pl, 3),
            "cpu_ratio": round(plain_cpu["cpu_s"] / upsert_cpu["cpu_s"], 3) if upsert_cpu["cpu_s"] else None}


def section(res: dict[int, dict]) -> str:
    """The BENCHMARKS.md rows of ``neo4j_ingest_<size>.json`` (bench/report.py)."""
    if not res:
        return ""
    rows = "\n".join(f"| {n:,} | {r['batch']} | {r['upsert']['rows_per_s']:,} | {r['plain_unwind_merge']['rows_per_s']:,} "
                     f"| {r['ratio']} | {r.get('cpu_ratio', '?')} |" for n, r in sorted(res.items()))
    cmds = "\n".join(f"- {n:,}: `python -m bench.bench_neo4j_ingest --neo4j URI --size {n} --batch {r['batch']}` "
                     f"(load average at start {r.get('environment', {}).get('machine', {}).get('loadavg_1_5_15', '?')})"
                     for n, r in sorted(res.items()))
    return ("## Neo4j ingest against a plain batched UNWIND … MERGE\n\nSame rows, same batches, same Neo4j, "
            "constraints on, side by side in one run.\n\n| relations | batch | upsert rel/s | plain UNWIND MERGE rel/s "
            "| ratio | CPU ratio |\n|---|---|---|---|---|---|\n" + rows + "\n\n" + cmds + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--neo4j", required=True)
    ap.add_argument("--size", type=int, default=20_000)
    ap.add_argument("--batch", type=int, default=5000)
    args = ap.parse_args(argv)
    res = run(args.neo4j, args.size, args.batch)
    log(res)
    write_json(f"neo4j_ingest_{args.size}.json", {"environment": environment(), **res})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

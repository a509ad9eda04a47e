"""How well entity resolution keeps one node per real entity, measured against a gold corpus.

    python -m bench.resolution_quality [--corpus /work/shared/corpus/dev] [--sample data/sample]
                                       [--store URI] [--json]

Ingests the corpus articles and ``data/sample`` into a fresh store (a temporary SQLite file unless
``--store``), then, with the gold's per-document entities (name, type, aliases):

* a *real entity* is a gold entity, the same across documents when the type agrees and they
  share a name or alias (normalised; the gold lists every surface form of an entity);
* the nodes of a gold entity in a document are the nodes of its type that the document mentions
  and that carry one of its names as an alias;
* a real entity is *split* when its nodes over all its documents are two or more;
* a node *wrongly joins* when it is the node of two or more real entities.

Gold entities the extraction did not find (no node) are counted apart (``unfound``). Reads the
corpus at run time; skips cleanly when it is absent. Never copies corpus text anywhere.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from networkx.utils import UnionFind

from graph.ids import make_id, normalise
from graph.store import open_store
from ingest import ingest_paths

DEFAULT_CORPUS = Path("/work/shared/corpus/dev")


def _gold(corpus: Path) -> dict:
    return json.loads((corpus / "gold.json").read_text(encoding="utf-8"))["documents"]


def measure(store, corpus: Path, gold: dict) -> dict:
    docs = {d.id: d for d in store.iter_documents()}
    nodes = {e.id: e for e in store.iter_entities()}
    names_of = {i: {normalise(a) for a in e.aliases} | {normalise(e.name)} for i, e in nodes.items()}
    # real entities: gold entities joined across documents by type and shared name
    items = []  # (doc file, gold entity)
    for fname, g in sorted(gold.items()):
        for ent in g.get("entities", []):
            items.append((fname, ent))
    uf = UnionFind()
    by_name: dict[tuple[str, str], int] = {}
    for i, (_, ent) in enumerate(items):
        uf[i]  # noqa: B018
        for a in [ent["name"], *ent.get("aliases", [])]:
            uf.union(i, by_name.setdefault((ent["type"], normalise(a)), i))
    cluster = {i: min(s) for s in uf.to_sets() for i in s}
    real_nodes: dict[int, set[str]] = {}
    node_reals: dict[str, set[int]] = {}
    unfound = []
    for i, (fname, ent) in enumerate(items):
        doc = docs.get(_doc_id(fname, docs))
        if doc is None:
            continue
        wanted = {normalise(a) for a in [ent["name"], *ent.get("aliases", [])]}
        types = {ent["type"], *ent.get("alt_types", [])}
        found = {m for m in doc.mentions if m in nodes and nodes[m].label in types and names_of[m] & wanted}
        if not found:
            unfound.append((fname, ent["type"], ent["name"]))
            continue
        c = cluster[i]
        real_nodes.setdefault(c, set()).update(found)
        for m in found:
            node_reals.setdefault(m, set()).add(c)
    name = {c: f"{items[c][1]['type']} {items[c][1]['name']}" for c in set(cluster.values())}
    split = {name[c]: sorted(ns) for c, ns in real_nodes.items() if len(ns) > 1}
    joined = {m: sorted(name[c] for c in cs) for m, cs in node_reals.items() if len(cs) > 1}
    real = len(real_nodes)
    return {"documents": len(gold), "gold_mentions": len(items), "real_entities_found": real,
            "split": len(split), "split_pct": round(100 * len(split) / max(1, real), 2),
            "wrong_joins": len(joined), "unfound_mentions": len(unfound),
            "split_cases": split, "wrong_join_cases": joined}


def _doc_id(fname: str, docs: dict) -> str | None:
    stem = make_id("Document", Path(fname).stem).split(":", 1)[1]
    hits = [d for d in docs if d.split(":", 1)[1].endswith(stem + "-txt") or d.split(":", 1)[1].endswith(stem)]
    return hits[0] if hits else None


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--sample", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "sample")
    p.add_argument("--store", help="store URI (default: a fresh temporary SQLite file)")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if not (args.corpus / "gold.json").exists():
        print(f"no corpus at {args.corpus}: nothing measured", file=sys.stderr)
        return 0
    gold = _gold(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.store or f"sqlite:///{tmp}/resolution.db")
        if args.store:
            store.clear()
        t0 = time.monotonic()
        summary = ingest_paths(store, [args.corpus, args.sample], rejects_path=Path(tmp) / "rejects.jsonl")
        out = measure(store, args.corpus, gold)
        out["ingest_seconds"] = round(time.monotonic() - t0, 1)
        out["resolution_merges"] = summary.get("resolution_merges")
        out["nodes"] = sum(store.stats()["nodes"].values())
        store.close()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print({k: v for k, v in out.items() if not k.endswith("_cases")})
        for k in ("split_cases", "wrong_join_cases"):
            print(k)
            for a, b in out[k].items():
                print(f"  {a}: {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

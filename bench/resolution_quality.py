"""How well entity resolution keeps one node per real entity, measured against a gold corpus.

    python -m bench.resolution_quality [--corpus /work/shared/corpus/dev] [--sample data/sample]
                                       [--store URI] [--json]

Ingests the corpus articles and ``data/sample`` into a fresh store (a temporary SQLite file unless
``--store``), then, with the gold's per-document entities (name, type, aliases):

* a *real entity* is a gold entity, the same across documents when the type agrees and the name
  of one is a name or alias of the other (normalised; two aliases alone do not join: the gold
  lists a document's short forms, and "Han" is Han Deman in one article and Han Jun in another);
* the nodes of a gold entity in a document are the nodes of its type that the document mentions
  and that carry one of its names as an alias;
* a real entity is *split* when its nodes over all its documents are two or more;
* a node *wrongly joins* when it is the node of two or more real entities; the join is *refuted
  by the gold* (``wrong_joins_in_one_document``) when the gold lists two of them apart in one
  document; otherwise the gold only names them differently in different documents (US / USA),
  which each case's list shows for a reader to judge.

The figures are given for the whole corpus and for its development (``innov_0NN``) and validation
parts apart (``parts``): rules are made from the development part only.
Gold entities the extraction did not find (no node) are counted apart (``unfound``). Reads the
corpus at run time; skips cleanly when it is absent. Never copies corpus text anywhere.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from networkx.utils import UnionFind

from graph.ids import document_id, normalise
from graph.store import open_store
from ingest import ingest_paths

DEFAULT_CORPUS = Path("/work/shared/corpus/dev")
DEVELOPMENT = re.compile(r"innov_0\d\d\.")


def _gold(corpus: Path) -> dict:
    return json.loads((corpus / "gold.json").read_text(encoding="utf-8"))["documents"]


def _parts(gold: dict) -> dict[str, set[str]]:
    """The gold's files by part: the development part (``innov_0NN``) and the validation part (the
    rest), measured apart as ``innograph eval`` does (rules come from the development part only)."""
    dev = {f for f in gold if DEVELOPMENT.match(f)}
    return {"development": dev, "validation": set(gold) - dev}


def _real_entities(items: list[tuple[str, dict]]) -> dict[int, int]:
    """Gold mentions joined into real entities: two mentions of one type are one entity when the
    name of one is a name or an alias of the other. Two aliases alone do not join: the gold lists
    the short forms a document uses ("Han" for Han Deman in one article, for Han Jun in another)."""
    uf = UnionFind()
    by_name: dict[tuple[str, str], int] = {}
    for i, (_, ent) in enumerate(items):
        uf[i]  # noqa: B018 - a set of its own until joined
        by_name.setdefault((ent["type"], normalise(ent["name"])), i)
    for i, (_, ent) in enumerate(items):
        for a in [ent["name"], *ent.get("aliases", [])]:
            j = by_name.get((ent["type"], normalise(a)))
            if j is not None:
                uf.union(i, j)
    return {i: min(s) for s in uf.to_sets() for i in s}


def measure(store, corpus: Path, gold: dict, files: set[str] | None = None) -> dict:
    """Split and wrongly joined real entities of the gold's ``files`` (default: all) in ``store``."""
    docs = {d.id: d for d in store.iter_documents()}
    nodes = {e.id: e for e in store.iter_entities()}
    names_of = {i: {normalise(a) for a in e.aliases} | {normalise(e.name)} for i, e in nodes.items()}
    items = [(fname, ent) for fname, g in sorted(gold.items()) if files is None or fname in files
             for ent in g.get("entities", [])]
    cluster = _real_entities(items)
    real_nodes: dict[int, set[str]] = {}
    node_reals: dict[str, set[int]] = {}
    in_doc: dict[str, set[int]] = {}  # gold file -> the real entities the gold lists apart in it
    unfound = []
    for i, (fname, ent) in enumerate(items):
        in_doc.setdefault(fname, set()).add(cluster[i])
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
    # a join the gold refutes: two of the node's real entities listed apart in one document; else
    # the gold only names them differently in different documents (US / USA), which it cannot refute
    refuted = {m for m, cs in node_reals.items() if any(len(cs & here) > 1 for here in in_doc.values())}
    real = len(real_nodes)
    return {"documents": len({f for f, _ in items}), "gold_mentions": len(items), "real_entities_found": real,
            "split": len(split), "split_pct": round(100 * len(split) / max(1, real), 2),
            "wrong_joins": len(joined), "wrong_joins_in_one_document": len(refuted),
            "unfound_mentions": len(unfound), "split_cases": split,
            "wrong_join_cases": {m: ([*v, "(apart in one gold document)"] if m in refuted else v)
                                 for m, v in joined.items()}}


def _doc_id(fname: str, docs: dict) -> str | None:
    """The stored id of the gold's file ``fname``: ids keep the path relative to the ingest root
    whole (``document:corpus/dev/innov_002.txt``), so the file is the id's last path part."""
    hits = [d for d in docs if d == document_id(fname) or d.endswith("/" + fname)]
    return hits[0] if len(hits) == 1 else None


def _print(out: dict) -> None:
    print({k: v for k, v in out.items() if not k.endswith("_cases") and k != "parts"})
    for k in ("split_cases", "wrong_join_cases"):
        print(k)
        for a, b in out[k].items():
            print(f"  {a}: {b}")


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
        articles = [args.corpus / f for f in sorted(gold) if (args.corpus / f).exists()]
        summary = ingest_paths(store, [*articles, args.sample], rejects_path=Path(tmp) / "rejects.jsonl")
        out = measure(store, args.corpus, gold)
        out["ingest_seconds"] = round(time.monotonic() - t0, 1)
        out["resolution_merges"] = summary.get("resolution_merges")
        out["nodes"] = sum(store.stats()["nodes"].values())
        out["parts"] = {part: measure(store, args.corpus, gold, files) for part, files in _parts(gold).items()}
        store.close()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print(out)
        for part, m in out["parts"].items():
            print(f"\n{part} part (gold of these files only, same store):")
            _print(m)
    return 0


if __name__ == "__main__":
    sys.exit(main())

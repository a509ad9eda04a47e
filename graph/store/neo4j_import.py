"""Files for ``neo4j-admin database import full``: the fastest first load of Neo4j, offline.

``write_import_files(graph, out_dir)`` writes the resolved graph (graph/store/memory.py) as the CSV
node and relationship files of the Neo4j import tool, holding exactly the nodes, relationships and
properties that the write path of graph/store/neo4j_write.py stores (Entity nodes with their label,
Key nodes linked by KEY_OF, relationships with their evidence lists and weight, Document nodes with
MENTIONS, the EvSource evidence index), plus ``import.args``: the tool's options naming those files.
Then, with the DBMS stopped::

    neo4j-admin database import full @OUT/import.args neo4j     # the Neo4j distribution's tool
    scripts/neo4j-local import --data-dir DIR OUT               # the same tool from the Maven jars

and the store opened on it creates its constraints and indexes (cypher/schema.cypher) over the
imported data. Arrays are split on U+001F (a character no value holds); strings are always quoted,
so that an empty string stays an empty string.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from graph.schema import ontology
from graph.store.neo4j_write import _dumps, _evidence_lists, _keys_of, _sources

ARRAY = "\x1f"


def _arr(values) -> str:
    return ARRAY.join(values)


class _Files:
    def __init__(self, out: Path):
        self.out, self.handles, self.writers, self.rows, self.multiline = out, {}, {}, {}, False

    def row(self, name: str, header: list[str], values: list) -> None:
        w = self.writers.get(name)
        if w is None:
            fh = self.handles[name] = open(self.out / name, "w", encoding="utf-8", newline="")
            w = self.writers[name] = csv.writer(fh, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
            w.writerow(header)
            self.rows[name] = 0
        w.writerow(values)
        self.rows[name] += 1

    def close(self) -> None:
        for fh in self.handles.values():
            fh.close()
        # a value holding a line break makes a file of more lines than rows (or holds a CR): then the
        # import tool must read multi-line fields (slower, so only then); counted on the written
        # bytes, not per value
        for name in self.handles:
            lines = crs = 0
            with open(self.out / name, "rb") as fh:
                while block := fh.read(1 << 24):
                    lines += block.count(b"\n")
                    crs += block.count(b"\r")
            if crs or lines != self.rows[name] + 1:
                self.multiline = True


def write_import_files(graph, out_dir) -> dict:
    """Write the import files of ``graph`` into ``out_dir``; counts and the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    onto = ontology()
    f = _Files(out)
    keys: dict[tuple[str, str], int] = {}
    n_key_of = 0
    try:
        for e in graph.entities.values():
            onto.check_entity_label(e.label, e.id)
            f.row("entities.csv", ["id:ID(Entity)", ":LABEL", "label", "name", "aliases:string[]", "props"],
                  [e.id, f"Entity{ARRAY}{e.label}", e.label, e.name, _arr(sorted(e.aliases)), _dumps(e.properties)])
            for k in sorted(_keys_of(e.label, e.aliases)):
                kid = keys.get((e.label, k))
                if kid is None:
                    kid = keys[(e.label, k)] = len(keys)
                    f.row("keys.csv", [":ID(Key)", ":LABEL", "label", "key"], [str(kid), "Key", e.label, k])
                f.row("key_of.csv", [":START_ID(Key)", ":END_ID(Entity)", ":TYPE"], [str(kid), e.id, "KEY_OF"])
                n_key_of += 1
        for r in graph.relations.values():
            onto.check_relation_type(r.type, r.source)
            ev = _evidence_lists(r.evidence)
            f.row("relations.csv", [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "props", "ev:string[]",
                                    "ev_keys:string[]", "ev_docs:string[]", "weight:long"],
                  [r.source, r.target, r.type, _dumps(r.properties), _arr(ev["ev"]), _arr(ev["ev_keys"]),
                   _arr(ev["ev_docs"]), r.weight])
        n_mentions = 0
        for d in graph.documents.values():
            f.row("documents.csv", ["id:ID(Document)", ":LABEL", "kind", "title", "url", "published", "sha256",
                                    "stated"],
                  [d.id, "Document", d.kind, d.title, d.url, d.published, d.sha256, _dumps(d.stated)])
            for m in sorted(d.mentions):
                f.row("mentions.csv", [":START_ID(Document)", ":END_ID(Entity)", ":TYPE"], [d.id, m, "MENTIONS"])
                n_mentions += 1
        for s in _sources(graph.relations.values()):
            f.row("evsources.csv", ["id:ID(EvSource)", ":LABEL", "rels:string[]"], [s["doc"], "EvSource", _arr(s["keys"])])
        n_notes = 0
        for kind, items in sorted(getattr(graph, "notes", {}).items()):  # as graph/store/neo4j_notes.py keeps them
            for key, value in items.items():
                f.row("notes.csv", [":LABEL", "kind", "key", "value"],
                      ["Note", kind, key, json.dumps(value, ensure_ascii=False, sort_keys=True)])
                n_notes += 1
    finally:
        f.close()
    node_files = [n for n in ("entities.csv", "keys.csv", "documents.csv", "evsources.csv", "notes.csv")
                  if n in f.handles]
    rel_files = [n for n in ("relations.csv", "key_of.csv", "mentions.csv") if n in f.handles]
    args = [f"--nodes={out.resolve() / n}" for n in node_files] + [f"--relationships={out.resolve() / n}"
                                                                     for n in rel_files]
    args += ["--array-delimiter=U+001F", "--id-type=string", "--strict=true", "--bad-tolerance=0"]
    if f.multiline:
        args.append("--multiline-fields=true")
    (out / "import.args").write_text("\n".join(args) + "\n", encoding="utf-8")
    counts = {"entities": len(graph.entities), "keys": len(keys), "key_of": n_key_of,
              "relations": len(graph.relations), "documents": len(graph.documents), "mentions": n_mentions,
              "notes": n_notes,
              "files": node_files + rel_files, "args": str(out / "import.args")}
    (out / "counts.json").write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")
    return counts

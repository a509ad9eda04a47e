"""Files for ``neo4j-admin database import full``: the fastest first load of Neo4j, offline.

``write_import_files(graph, out_dir) -> counts`` writes the resolved graph (graph/store/memory.py)
as the CSV node and relationship files of the Neo4j import tool, holding the nodes, relationships
and properties of the native model that the write path of graph/store/neo4j_write.py stores
(graph/store/neo4j_model.py: entities with their properties as typed Neo4j properties, _Key nodes
linked by _KEY_OF, relationships with their properties, weight and parallel evidence lists,
Document nodes with MENTIONS, the _EvSource evidence index, the _Meta node), plus ``import.args``:
the tool's options naming those files. Then, with the DBMS stopped::

    neo4j-admin database import full @OUT/import.args neo4j     # the Neo4j distribution's tool
    scripts/neo4j-local import --data-dir DIR OUT               # the same tool from the Maven jars

and the store opened on it creates its constraints and indexes (cypher/schema.cypher) over the
imported data. A CSV header names each property with its type (``year:long``), so the rows of one
file share their property names and types: entities and relations are written to one file per
such signature (``entities-0.csv``, ``entities-1.csv`` …). Arrays are split on U+001F (a character
no value holds); strings are always quoted, so that an empty string stays an empty string. A
property whose name the header syntax cannot carry (``:``, ``,``, quotes, control characters), or a
list whose every item is "" (an empty cell to the tool), is kept in ``_props`` as JSON, which the
store reads the same (the evidence lists of "" are restored on the store's first open instead).

The tool reads a one-item list of "" as no property (its cell is empty). With ``--trim-strings``
it trims every array item (quoted scalars stay as written), so such a list is written as a cell
of one blank (``" "`` → ``[""]``) and the store's first open has nothing to restore (``_Meta``
without ``imported``: no pass over every relation). That holds only while no string array item
starts or ends with a character the trim removes (≤ U+0020); the files are then written again
without the trim, as before (``trimmed`` in the counts says which).
"""
from __future__ import annotations

import csv
import functools
import json
import re
from pathlib import Path

from graph.schema import ontology
from graph.store.neo4j_model import DUMPS, MODEL
from graph.store.neo4j_write import _entity_map, _keys_of, _relation_map, _sources

ARRAY = "\x1f"
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_SIMPLE = {str, int, float}
_PLAIN_NAME = re.compile(r"[^:,\"'\x00-\x1f]+")
# an array item that Java's String.trim would change (U+001F is the delimiter, in no value)
_UNTRIMMED = re.compile(r"\A[\x00-\x1e ]|[\x00-\x1e ]\Z|[\x00-\x1e ]\x1f|\x1f[\x00-\x1e ]")


def _arr(values) -> str:
    return ARRAY.join(values)


def _type(value) -> str:
    return _TYPES[type(value[0])] + "[]" if isinstance(value, list) else _TYPES[type(value)]


def _cell(value):
    if isinstance(value, list):
        try:  # a list of strings (most evidence lists) in one go: the same text as item by item
            return ARRAY.join(value)
        except TypeError:
            return _joined(value)
    return _cell_text(value) if isinstance(value, (bool, float)) else value


def _joined(items: list) -> str:
    """The cell of a list that is not all strings: str() of each item is _cell_text's text for
    items of these plain types (a float's str is its repr); others item by item."""
    if set(map(type, items)) <= _SIMPLE:
        return ARRAY.join(map(str, items))
    return ARRAY.join(_cell_text(x) for x in items)


def _bool_text(x) -> str:
    return "true" if x else "false"


# how typed() writes the values of a column of each type (the text _cell gives them)
_CONVERT = {"string": None, "long": None, "double": repr, "boolean": _bool_text, "string[]": _cell}


def _cell_text(x) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    return repr(x) if isinstance(x, float) else str(x)


@functools.lru_cache(maxsize=4096)
def _plain_name(name: str) -> bool:
    return bool(_PLAIN_NAME.fullmatch(name))


def _headed(props: dict) -> dict:
    """``props`` with the properties a CSV header cannot name moved into ``_props``."""
    odd = [k for k, v in props.items() if not _plain_name(k)
           or (isinstance(v, list) and not k.startswith("ev_") and all(x == "" for x in v))]
    if not odd:
        return props
    out = {k: v for k, v in props.items() if k not in odd}
    extra = json.loads(out.pop("_props", None) or "{}") | {k: props[k] for k in odd}
    return {**out, "_props": DUMPS(extra)}


class _Files:
    def __init__(self, out: Path, trim: bool = False):
        self.out, self.handles, self.writers, self.rows, self.multiline = out, {}, {}, {}, False
        self.trim, self.untrimmed = trim, False  # trim: the tool trims array items (module docstring)
        self.groups: dict[tuple, str] = {}  # property signature -> file
        self.seen: dict[tuple, tuple] = {}  # names and types in a row's order -> file, writer, columns
        self.plans: dict[tuple, tuple] = {}  # names in a row's order -> (all plain, names not ev_*)
        self.lists: dict[tuple, list] = {}  # value types in a row's order -> the positions of lists

    def row(self, name: str, header: list[str], values: list | None) -> None:
        w = self.writers.get(name)
        if w is None:
            fh = self.handles[name] = open(self.out / name, "w", encoding="utf-8", newline="", buffering=1 << 20)
            w = self.writers[name] = csv.writer(fh, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
            w.writerow(header)
            self.rows[name] = 0
        if values is not None:
            w.writerow(values)
            self.rows[name] += 1

    def rows_of(self, name: str, header: list[str], rows: list[list]) -> None:
        """``row`` for each of ``rows``, in one call."""
        if name not in self.writers:
            self.row(name, header, None)
        self.writers[name].writerows(rows)
        self.rows[name] += len(rows)

    def typed(self, stem: str, fixed: list[str], values: list, props: dict) -> None:
        """A row of ``fixed`` columns then ``props``, in the file of its property signature."""
        keys = tuple(props)
        plan = self.plans.get((stem, keys))
        if plan is None:  # whether the names are plain, and the properties that may be a list of ""
            plan = self.plans[(stem, keys)] = (all(map(_plain_name, keys)), [k for k in keys if not k.startswith("ev_")])
        if not plan[0] or any(isinstance(v := props[k], list) and all(x == "" for x in v) for k in plan[1]):
            props = _headed(props)
            keys = tuple(props)
        vals = tuple(props.values())
        kinds = tuple(map(type, vals))
        lists = self.lists.get(kinds)
        if lists is None:
            lists = self.lists[kinds] = [i for i, t in enumerate(kinds) if issubclass(t, list)]
        seen = (stem, keys, kinds, *[type(vals[i][0]) for i in lists])  # names and types in the row's order
        known = self.seen.get(seen)
        if known is None:
            known = self.seen[seen] = self._file_of(stem, fixed, props)
        name, w, columns, strings = known
        cells = [vals[i] if conv is None else conv(vals[i]) for i, conv in columns]
        for i in strings:
            cells[i] = self.array(vals[columns[i][0]], cells[i])
        w.writerow(values + cells)
        self.rows[name] += 1

    def _file_of(self, stem: str, fixed: list[str], props: dict) -> tuple:
        """The file, writer, columns (position in ``props`` and how its value is written, in the
        header's order) and string list columns of the rows shaped as ``props``."""
        sig = (stem, *sorted((k, _type(v)) for k, v in props.items()))
        name = self.groups.get(sig)
        if name is None:
            name = self.groups[sig] = f"{stem}-{sum(1 for s in self.groups if s[0] == stem)}.csv"
            self.row(name, fixed + [f"{k}:{t}" for k, t in sig[1:]], None)
        where = {k: i for i, k in enumerate(props)}
        columns = [(where[k], _CONVERT.get(t, _cell)) for k, t in sig[1:]]
        strings = [i for i, (_, t) in enumerate(sig[1:]) if t == "string[]"] if self.trim else []
        return name, self.writers[name], columns, strings

    def array(self, items: list, text: str) -> str:
        """The cell ``text`` of the string list ``items`` when the tool trims array items: [""] as
        one blank; a list the trim would change is noted (``untrimmed``)."""
        if not text:
            return " "  # [""]: the only list of strings whose cell is empty
        if (text[0] <= " " or text[-1] <= " ") if len(items) == 1 else _UNTRIMMED.search(text):
            self.untrimmed = True
        return text

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


def write_import_files(graph, out_dir, trim: bool = True) -> dict:
    """Write the import files of ``graph`` into ``out_dir``; counts and the files written. With
    ``trim`` (module docstring) they are written for ``--trim-strings``, and written again without
    it if a string array item would not survive the trim."""
    counts = _write(graph, Path(out_dir), trim)
    if trim and not counts["trimmed"]:
        counts = _write(graph, Path(out_dir), False)
    return counts


def _write(graph, out: Path, trim: bool) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    onto = ontology()
    f = _Files(out, trim)
    keys: dict[tuple[str, str], int] = {}
    n_key_of = 0
    try:
        for e in graph.entities.values():
            onto.check_entity_label(e.label, e.id)
            props = _entity_map(e.id, e.label, e.name, e.aliases, e.properties)
            f.typed("entities", [":ID(Entity)", ":LABEL"], [e.id, f"Entity{ARRAY}{e.label}"], props)
            key_of = []
            for k in sorted(_keys_of(e.label, e.aliases)):
                kid = keys.get((e.label, k))
                if kid is None:
                    kid = keys[(e.label, k)] = len(keys)
                    f.row("keys.csv", [":ID(Key)", ":LABEL", "label", "key"], [str(kid), "_Key", e.label, k])
                key_of.append([str(kid), e.id, "_KEY_OF"])
            if key_of:
                f.rows_of("key_of.csv", [":START_ID(Key)", ":END_ID(Entity)", ":TYPE"], key_of)
                n_key_of += len(key_of)
        for r in graph.relations.values():
            onto.check_relation_type(r.type, r.source)
            f.typed("relations", [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"], [r.source, r.target, r.type],
                    _relation_map(r.properties, r.evidence))
        n_mentions = 0
        for d in graph.documents.values():
            props = {"id": d.id, "kind": d.kind, "title": d.title, "url": d.url, "published": d.published,
                     "sha256": d.sha256, **({"_stated": DUMPS(d.stated)} if d.stated else {})}
            f.typed("documents", [":ID(Document)", ":LABEL"], [d.id, "Document"], props)
            if d.mentions:
                f.rows_of("mentions.csv", [":START_ID(Document)", ":END_ID(Entity)", ":TYPE"],
                          [[d.id, m, "MENTIONS"] for m in sorted(d.mentions)])
                n_mentions += len(d.mentions)
        for s in _sources(graph.relations.values()):
            rels = _arr(s["keys"])
            if trim and (s["doc"][:1] <= " " or s["doc"][-1:] <= " "):  # an id the tool might trim
                f.untrimmed = True
            f.row("evsources.csv", ["id:ID(EvSource)", ":LABEL", "rels:string[]"],
                  [s["doc"], "_EvSource", f.array(s["keys"], rels) if trim else rels])
        n_notes = 0
        for kind, items in sorted(getattr(graph, "notes", {}).items()):  # as graph/store/neo4j_notes.py keeps them
            for key, value in items.items():
                f.row("notes.csv", [":LABEL", "kind", "key", "value"],
                      ["_Note", kind, key, json.dumps(value, ensure_ascii=False, sort_keys=True)])
                n_notes += 1
        # imported: the store restores, on its first open, the lists of "" the tool cannot carry
        if trim:  # nothing to restore
            f.row("meta.csv", ["id:ID(Meta)", ":LABEL", "model:long"], ["innograph", "_Meta", MODEL])
        else:
            f.row("meta.csv", ["id:ID(Meta)", ":LABEL", "model:long", "imported:boolean"],
                  ["innograph", "_Meta", MODEL, "true"])
    finally:
        f.close()
    names = sorted(f.handles)
    node_files = [n for n in names if n.startswith(("entities", "keys", "documents", "evsources", "notes", "meta"))]
    rel_files = [n for n in names if n.startswith(("relations", "key_of", "mentions"))]
    args = [f"--nodes={out.resolve() / n}" for n in node_files] + [f"--relationships={out.resolve() / n}"
                                                                     for n in rel_files]
    args += ["--array-delimiter=U+001F", "--id-type=string", "--strict=true", "--bad-tolerance=0"]
    if f.multiline:
        args.append("--multiline-fields=true")
    if trim:
        args.append("--trim-strings=true")
    (out / "import.args").write_text("\n".join(args) + "\n", encoding="utf-8")
    counts = {"entities": len(graph.entities), "keys": len(keys), "key_of": n_key_of,
              "relations": len(graph.relations), "documents": len(graph.documents), "mentions": n_mentions,
              "notes": n_notes, "trimmed": trim and not f.untrimmed,
              "files": node_files + rel_files, "args": str(out / "import.args")}
    (out / "counts.json").write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")
    return counts

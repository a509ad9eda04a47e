"""The article reader: a stored document's text (or its registration record) read back from the
files it was ingested from, for the page to show with the evidence sentence highlighted.

The stores keep each document's title, kind and sha256, not its text; the text comes from the
documents folder (``DOCUMENTS_ROOT``, default: the working directory, which is the root ingest
names files relative to). A news article is found by its id (``document_id(name)`` of a
file under the root), read and cleaned exactly as extraction cleaned it, so evidence offsets point
into it; ``current`` says whether the file still has the sha256 stored. A registration record
(``name:line``) is shown as its file's lines. Only names relative to the root are answered, never a
server path.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "news").mkdir(), (root / "news" / "a.txt").write_text("Title\\n\\nJiaxing signs.\\n")
>>> r = Reader(str(root))
>>> r.find("document:news-a-txt")
'news/a.txt'
>>> r.record("news/a.txt", 3)["lines"]
[{'line': 3, 'text': 'Jiaxing signs.'}]
"""
from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

from extract.formats import ACCEPTED, NEWS_EXTENSIONS, RECORD_FORMATS
from graph.ids import document_id, legacy_document_id

MAX_FILES = 50_000
RESCAN_SECONDS = 30.0
JSON_RECORD_LINES = 40


class Reader:
    """Documents of one root folder, by id (the scan is kept and redone at most every 30 s)."""

    def __init__(self, root: str | None = None) -> None:
        self.root = Path(os.path.abspath(root or os.getcwd()))
        self._names: dict[str, str] = {}
        self._scanned = 0.0
        self._lock = threading.Lock()

    def _scan(self) -> None:
        names: dict[str, str] = {}
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "vendor"))
            for f in filenames:
                if f.lower().endswith(ACCEPTED) and not f.startswith("."):
                    name = Path(os.path.relpath(os.path.join(dirpath, f), self.root)).as_posix()
                    names[document_id(name)] = name
                    names.setdefault(legacy_document_id(name) or "", name)  # stored by older versions
                    if len(names) >= MAX_FILES:
                        break
        self._names, self._scanned = names, time.monotonic()

    def find(self, doc_id: str) -> str | None:
        """The name (relative to the root) of the news file of ``doc_id``, or None."""
        with self._lock:
            if doc_id not in self._names and time.monotonic() - self._scanned > RESCAN_SECONDS:
                self._scan()
            return self._names.get(doc_id)

    def _path(self, name: str) -> Path | None:
        p = (self.root / name).resolve()
        if os.path.commonpath([str(p), str(self.root)]) != str(self.root) or not p.is_file():
            return None
        return p

    def article(self, name: str, sha256: str = "") -> dict | None:
        """{"name", "text", "current", "map"}: the cleaned text, and ``map`` ([clean start, original
    start, length] pieces) from evidence offsets (into the original file) to it."""
        from extract import cleaned_document, read_document

        p = self._path(name)
        if p is None or not name.lower().endswith(NEWS_EXTENSIONS):
            return None
        text, is_html = read_document(p)
        cleaned = cleaned_document(text, name, is_html)
        current = not sha256 or hashlib.sha256(p.read_bytes()).hexdigest() == sha256
        return {"name": name, "text": cleaned.text, "current": current,
                "map": [list(t) for t in zip(cleaned.clean_starts, cleaned.orig_starts, cleaned.lengths)],
                "original_length": len(text)}

    def record(self, name: str, line: int) -> dict | None:
        """{"name", "header", "lines"}: a registration record's lines (a CSV file's header too)."""
        p = self._path(name)
        if p is None or line < 1:
            return None
        fmt = RECORD_FORMATS.get(p.suffix.lower())
        if fmt is None and not name.lower().endswith(NEWS_EXTENSIONS):
            return None
        with p.open(encoding="utf-8", errors="replace", newline="") as fh:
            rows = fh.read().splitlines()
        if line > len(rows):
            return None
        if fmt == "json":
            take, depth, seen = [], 0, False
            for i in range(line - 1, min(len(rows), line - 1 + JSON_RECORD_LINES)):
                take.append({"line": i + 1, "text": rows[i]})
                depth += rows[i].count("{") - rows[i].count("}")
                seen = seen or "{" in rows[i]
                if seen and depth <= 0:
                    break
        else:
            take = [{"line": line, "text": rows[line - 1]}]
        return {"name": name, "header": rows[0] if fmt == "csv" else None, "lines": take}


def split_record_title(title: str) -> tuple[str, int] | None:
    """('data/x.csv', 11) of a registration document's title 'data/x.csv:11' (or '...:11.2').

    >>> split_record_title("data/sample/registrations/experts.csv:11"), split_record_title("x")
    (('data/sample/registrations/experts.csv', 11), None)
    """
    name, sep, loc = title.rpartition(":")
    if not sep or not loc.split(".")[0].isdigit():
        return None
    return name, int(loc.split(".")[0])

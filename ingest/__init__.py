"""``innograph ingest``: news articles and registration records into a store, incrementally.

News (``.txt .html .htm .md``) become one Document each; registrations (``.csv .json .jsonl``) one
Document per record (see ``ingest/registrations.py``). Folders recurse in sorted order; hidden files
and folders are left out; other extensions, and a folder's README/LICENSE/CHANGELOG, count as ``skipped``.

Document ids. A file's name is its path relative to the working directory (``root``); a file outside
it is named relative to the folder that holds the paths given (``ingest /srv/in/data`` names
``data/cooperations.csv``), so no server path shows in titles or on the page; a news article is ``document_id(name)`` (``document:`` + the name kept
whole: case and punctuation count, so ``a_b.csv`` and ``A-B.csv`` never share an id) and a record
``document_id(f"{name}:{line}")`` (the k-th record starting on one line, k > 1, is
``f"{name}:{line}.{k}"``: a minified ``.json`` file). An upload is named by its file name only.
Documents stored by older versions under folded ids (``document:news-a-txt``) are moved to their
new ids when their file is ingested again: unchanged ones count ``unchanged`` and ``migrated``.

Incremental. Every Document carries the sha256 of its content (the file's bytes for an article, the
record's canonical JSON for a record). Unchanged content is counted ``unchanged`` and not written; a
changed article or record is retracted, then added again; records that vanished from a file (rows
removed, moved to other lines, blanked or now invalid) are retracted. Content already stored under
another name (a file none of whose documents exist under its name: the same corpus ingested from
another directory, or a copy) is ``unchanged`` too. Identical repeated rows of a file are counted
``duplicates`` and give evidence once. Records are upserted a few hundred at a
time; when the store refuses a batch, its records are retried one by one so that only the bad one is
rejected. Rejections (file, line, reason, record) go to a JSON-lines rejects file beside the store.

>>> from graph.store import open_store
>>> store = open_store("sqlite://:memory:")
>>> data = "record_type,name,city,needs\\nenterprise,Hengtai Co.,嘉兴,photonics;new materials\\nenterprise,,Jiaxing\\n"
>>> s = ingest_upload(store, "firms.csv", data.encode(), rejects_path=os.devnull)
>>> s["read"], s["ingested"], s["rejected"], s["rejects"][0]["reason"], s["relations_added"]
(2, 1, 1, "missing required field 'name'", 3)
>>> ingest_upload(store, "firms.csv", data.encode(), rejects_path=os.devnull)["unchanged"]
1
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from extract.formats import ACCEPTED, RECORD_FORMATS
from graph.errors import BadInput
from ingest.files import document_name, file_size, walk
from ingest.session import Ingest

__all__ = ["ingest_paths", "ingest_upload"]


def ingest_paths(store, paths, *, rejects_path=None, progress: bool = False, root=None) -> dict:
    """Ingest files and folders into ``store``; returns the summary (see the module docstring).

    Missing paths and unreadable files are counted ``unreadable`` and listed in ``rejects``.
    """
    problems: list[tuple[str, str]] = []
    ignored: list[Path] = []
    files = walk(paths, problems, ignored)
    root = root or _outside_root(paths)
    bar = None
    if progress and sys.stderr.isatty():  # a bar on a terminal only, never into piped logs
        from tqdm import tqdm

        bar = tqdm(total=sum(file_size(f) for f in files), unit="B", unit_scale=True, desc="ingest", file=sys.stderr,
                   delay=1.0, leave=False, dynamic_ncols=True)
    run = Ingest(store, rejects_path=rejects_path, bar=bar)
    for raw, reason in problems:
        run.reject(raw, None, reason, unreadable=True)
    for f in ignored:
        run.skip(document_name(f, root))
    skip = {os.path.abspath(run.rejects_path)}
    try:
        for f in files:
            if os.path.abspath(f) not in skip:
                run.file(f, document_name(f, root))
    finally:
        if bar is not None:
            bar.close()
    return run.finish()


def _outside_root(paths) -> str | None:
    """When some paths lie outside the working directory: the folder holding all the paths (their
    parents' common folder), else None (names relative to the working directory)."""
    cwd = os.getcwd()
    given = [os.path.abspath(p) for p in paths]
    if all(os.path.commonpath([p, cwd]) == cwd for p in given):
        return None
    try:
        return os.path.commonpath([os.path.dirname(p) for p in given])
    except ValueError:  # different drives
        return None


def ingest_upload(store, filename: str, data: bytes, *, rejects_path=None) -> dict:
    """Ingest one uploaded file (the HTTP API); the extension of ``filename`` picks the format.

    Raises BadInput for an unsupported extension or content that cannot be read at all.
    """
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    ext = Path(name).suffix.lower()
    if not name or ext not in ACCEPTED:
        raise BadInput(f"unsupported file type {ext or name!r}: use {', '.join(ACCEPTED)}",
                       where="file")
    if isinstance(data, str):
        data = data.encode("utf-8")
    run = Ingest(store, rejects_path=rejects_path)
    run.counts["files"] = 1
    if ext in RECORD_FORMATS:
        run.registrations(name, data, RECORD_FORMATS[ext])
    else:
        with tempfile.TemporaryDirectory(prefix="innograph-upload-") as tmp:
            path = Path(tmp, name)
            path.write_bytes(data)
            run.news(name, path, data)
    if run.counts["unreadable"]:
        raise BadInput(run.rejects[-1]["reason"], where=name)
    return run.finish()

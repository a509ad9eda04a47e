"""Which files an ingest reads: folders recurse in sorted order; hidden entries and rejects files are
left out; a folder's README/LICENSE/CHANGELOG are not news. A file's document name is its path
relative to the ingest root.
"""
from __future__ import annotations

import os
from pathlib import Path

_NOT_NEWS = {"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE"}


def document_name(path: str | Path, root: str | Path | None = None) -> str:
    """The name a file's documents are known by: its path relative to ``root`` (default: the working
    directory), else its absolute path, with ``/`` separators.

    >>> document_name("/data/sample/news/../news/a.txt", root="/data")
    'sample/news/a.txt'
    >>> document_name("/elsewhere/b.csv", root="/data")
    '/elsewhere/b.csv'
    """
    p = os.path.abspath(path)
    base = os.path.abspath(root or os.getcwd())
    rel = os.path.relpath(p, base) if os.path.commonpath([p, base]) == base else p
    return Path(rel).as_posix()


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def walk(paths, problems: list[tuple[str, str]], ignored: list[Path]) -> list[Path]:
    """Files under ``paths``: folders recurse in sorted order; hidden entries and rejects files are left
    out, and a folder's README/LICENSE/CHANGELOG go to ``ignored`` (they are not news)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for f in sorted(filenames):
                    if f.startswith(".") or f.endswith(".rejects.jsonl"):
                        continue
                    stem = f.split(".")[0].upper()
                    (ignored if stem in _NOT_NEWS else out).append(Path(dirpath, f))
        elif p.is_file():
            out.append(p)
        else:
            problems.append((str(raw), "no such file or directory"))
    seen, unique = set(), []
    for f in out:
        key = os.path.abspath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique

"""Which files an ingest reads: folders recurse in sorted order; hidden entries and rejects files are
left out; a folder's README/LICENSE/CHANGELOG are not news. A file's document name is its path
relative to the ingest root.
"""
from __future__ import annotations

import os
from pathlib import Path

from extract.engines.partitions import NOT_NEWS, document_name

__all__ = ["document_name", "file_size", "walk"]

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
                    (ignored if stem in NOT_NEWS else out).append(Path(dirpath, f))
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

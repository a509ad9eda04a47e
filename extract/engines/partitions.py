"""Which documents an ``extract --out DIR`` run reads, how they are cut into partitions, and the
partition files in DIR.

Documents are listed like ingest lists them (folders recurse in sorted order; hidden entries,
rejects files and a folder's README/LICENSE/CHANGELOG are left out; in a folder only news
extensions are read; a file named on the command line is read whatever its extension), so that
``ingest DIR`` of the output names every document as ``ingest`` of the articles would. Partition
``k`` holds documents ``k*size .. (k+1)*size - 1`` of that order and is written, whole, to
``part-{k:05d}.extract.jsonl`` (a hidden temporary file renamed into place, so a file that exists is
complete). A rerun reuses a partition file whose documents and sha256s are those of the input
now, and computes the others again: an interrupted run completes without duplicates.

>>> partition_name(7)
'part-00007.extract.jsonl'
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from extract.formats import EXTRACT_SUFFIX, NEWS_EXTENSIONS

NOT_NEWS = {"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE"}
PARTITION_DOCS = 32  # documents per partition (the unit of work and of the output files)


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


def list_documents(paths, problems: list[tuple[str, str]]) -> list[str]:
    """The news files under ``paths`` in ingest's order (paths only: no text is read here)."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for f in sorted(filenames):
                    if (f.startswith(".") or f.endswith(".rejects.jsonl") or f.split(".")[0].upper() in NOT_NEWS
                            or Path(f).suffix.lower() not in NEWS_EXTENSIONS):
                        continue
                    out.append(os.path.join(dirpath, f))
        elif p.is_file():
            out.append(str(raw))
        else:
            problems.append((str(raw), "no such file or directory"))
    seen, unique = set(), []
    for f in out:
        key = os.path.abspath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def partition_name(index: int) -> str:
    return f"part-{index:05d}{EXTRACT_SUFFIX}"


def read_partition(paths: list[str], max_bytes: int) -> list[tuple[str, str, object]]:
    """``(document, name, bytes)`` of each path; a file that cannot be read gives the reason (str)."""
    items = []
    for path in paths:
        try:
            size = os.stat(path).st_size
            if size > max_bytes:
                data = f"file is {size // 1048576} MB, over the {max_bytes // 1048576} MB limit"
            else:
                data = Path(path).read_bytes()
        except IsADirectoryError:
            data = "is a directory"
        except OSError as exc:
            data = f"cannot read: {exc.strerror or exc}"
        items.append((path, document_name(path), data))
    return items


def fingerprint(items: list[tuple[str, str, object]]) -> list[tuple[str, str]]:
    """(document, sha256) of each item, as its records carry them."""
    return [(doc, hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else "") for doc, _, data in items]


class PartitionDir:
    """The output folder: partition files written whole, read back on a rerun."""

    def __init__(self, out_dir):
        self.dir = Path(out_dir)
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, index: int) -> Path:
        return self.dir / partition_name(index)

    def existing(self, index: int) -> list[dict] | None:
        """The records of a partition file, or None when it is missing or unreadable."""
        p = self.path(index)
        if not p.exists():
            return None
        try:
            with p.open(encoding="utf-8") as fh:
                return [json.loads(line) for line in fh if line.strip()]
        except (OSError, ValueError):
            return None

    def write(self, index: int, records: list[dict]) -> None:
        final = self.path(index)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)

    def stale(self, count: int) -> Iterator[Path]:
        """Partition files beyond the last partition of this input (left by a larger earlier input)."""
        for p in sorted(self.dir.glob(f"part-*{EXTRACT_SUFFIX}")):
            stem = p.name[len("part-"):-len(EXTRACT_SUFFIX)]
            if stem.isdigit() and int(stem) >= count:
                yield p

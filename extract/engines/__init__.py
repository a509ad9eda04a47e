"""Extraction at scale: the pure extraction (extract/engines/work.py) as a map over partitions of
documents, run here (``local``) or on a Dask distributed cluster (``dask``); see CONTRACT.md
"Extraction at scale" and README "Extraction at scale".

``run_extract`` lists the documents (paths only), cuts them into partitions, skips the partitions
already in the output folder for the same documents and contents, hands the others to the engine
(the driver reads a partition's files only when the engine asks for it) and writes each result to
its partition file as it arrives. Bad documents are counted and reported one line each, as by a
local ``innograph extract``. Every engine writes the same files for the same input.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator

from extract.engines.partitions import (
    PARTITION_DOCS,
    PartitionDir,
    document_name,
    fingerprint,
    list_documents,
    read_partition,
)
from extract.engines.work import extract_partition
from graph.errors import BadInput

ENGINES = ("local", "dask", "ray")
__all__ = ["run_extract", "ENGINES", "document_name"]


def _local(tasks) -> Iterator[tuple[int, list[dict]]]:
    for idx, items in tasks:
        yield idx, extract_partition(items)


def _engine(name: str, address: str | None, workers: int | None):
    if name == "local":
        if address:
            raise BadInput("--address needs --engine dask", where="--address")
        return _local
    if name == "dask":
        try:
            from extract.engines.dask_engine import run_dask
        except ImportError as exc:
            raise BadInput(f"the dask engine needs Dask distributed (pip install 'innograph[dask]'): {exc}",
                           where="--engine") from None
        return lambda tasks: run_dask(tasks, address=address, workers=workers)
    if name == "ray":
        raise BadInput("the ray engine is not implemented yet; use --engine dask (README \"Extraction at scale\")",
                       where="--engine")
    raise BadInput(f"unknown engine {name!r} (use {', '.join(ENGINES)})", where="--engine")


def run_extract(paths, out_dir, *, engine: str = "local", address: str | None = None, workers: int | None = None,
                partition_docs: int = PARTITION_DOCS, err=None, progress: bool | None = None) -> dict:
    """Extract every document under ``paths`` into partition files in ``out_dir``; the summary.

    Bad documents are reported to ``err`` one line each (``extract: <document>: <reason>``);
    progress goes to ``err`` when it is a terminal (or when ``progress`` says so).
    """
    from extract import MAX_BYTES

    err = err or sys.stderr
    if partition_docs < 1:
        raise BadInput("must be at least 1", where="--partition-size")
    started = time.monotonic()
    problems: list[tuple[str, str]] = []
    docs = list_documents(paths, problems)
    for raw, reason in problems:
        print(f"extract: {raw}: {reason}", file=err)
    run = _engine(engine, address, workers)
    out = PartitionDir(out_dir)
    parts = [docs[i:i + partition_docs] for i in range(0, len(docs), partition_docs)]
    for p in out.stale(len(parts)):
        p.unlink()
    s = {"engine": engine, "documents": len(docs), "good": 0, "bad": len(problems), "unreadable": 0,
         "partitions": len(parts), "written": 0, "reused": 0, "words": 0, "out": str(out.dir)}
    show = err.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(docs), unit="doc", desc=f"extract ({engine})", file=err, leave=False,
                   dynamic_ncols=True)

    def count(records: list[dict]) -> None:
        for r in records:
            if "error" in r:
                s["bad"] += 1
                s["unreadable"] += bool(r.get("unreadable"))
                msg = r["error"]
                line = f"extract: {msg if msg.startswith(r['document']) else r['document'] + ': ' + msg}"
                (bar.write(line, file=err) if bar is not None else print(line, file=err))
            else:
                s["good"] += 1
                s["words"] += int((r.get("stats") or {}).get("words") or 0)
        if bar is not None:
            bar.update(len(records))

    def tasks():
        for idx, paths_ in enumerate(parts):
            items = read_partition(paths_, MAX_BYTES)
            old = out.existing(idx)
            if old is not None and [(r.get("document"), r.get("sha256")) for r in old] == fingerprint(items):
                s["reused"] += 1
                count(old)
                continue
            yield idx, items

    try:
        for idx, records in run(tasks()):
            out.write(idx, records)
            s["written"] += 1
            count(records)
    finally:
        if bar is not None:
            bar.close()
    s["seconds"] = round(time.monotonic() - started, 3)
    s["words_per_s"] = round(s["words"] / s["seconds"], 1) if s["seconds"] else 0.0
    return s

"""What an ingest reports: the readable summary, the exit status, and where the
command itself (``ingest/session.py`` does the ingesting).

>>> exit_status({"ingested": 0, "unchanged": 0, "duplicates": 0, "unreadable": 1, "rejected": 0})
2
"""
from __future__ import annotations

import os
from pathlib import Path


def format_summary(s: dict) -> str:
    """The summary as the readable block ``ingest`` prints to stderr."""
    lines = [f"innograph ingest: {s['files']} files, {s['read']} read in {s['seconds']:.1f} s",
             f"  ingested    {s['ingested']:>7}" + (f"   ({s['replaced']} replaced)" if s["replaced"] else ""),
             f"  unchanged   {s['unchanged']:>7}",
             f"  rejected    {s['rejected']:>7}" + (f"   -> {s['rejects_file']}" if s["rejects_file"] else ""),
             f"  duplicates  {s['duplicates']:>7}",
             f"  skipped     {s['skipped']:>7}   (not news or registrations)",
             f"  unreadable  {s['unreadable']:>7}"]
    if s["retracted"]:
        lines.append(f"  retracted   {s['retracted']:>7}   (records no longer in their file)")
    lines.append(f"  entities {s['entities_added']:+d}, relations {s['relations_added']:+d}, "
                 f"documents {s['documents_added']:+d}")
    return "\n".join(lines)


def exit_status(s: dict) -> int:
    """0 when anything was ingested or found unchanged, 2 when nothing could be used (unreadable or
    rejected input), 1 when there was nothing to ingest at all."""
    if s["ingested"] or s["unchanged"] or s["duplicates"]:
        return 0
    return 2 if (s["unreadable"] or s["rejected"]) else 1


def rejects_path_for(store) -> Path:
    """Where rejects go: $INNOGRAPH_REJECTS, else beside a SQLite file store (``x.db`` → ``x.rejects.jsonl``),
    else ``./innograph.rejects.jsonl``.

    >>> from graph.store import open_store
    >>> p = rejects_path_for(open_store("sqlite://:memory:"))
    >>> p.name if "INNOGRAPH_REJECTS" not in os.environ else "innograph.rejects.jsonl"
    'innograph.rejects.jsonl'
    """
    if os.environ.get("INNOGRAPH_REJECTS"):
        return Path(os.environ["INNOGRAPH_REJECTS"])
    path = getattr(store, "path", None)
    if isinstance(path, str) and path and path != ":memory:":
        p = Path(path)
        return p.with_name(p.stem + ".rejects.jsonl")
    return Path("innograph.rejects.jsonl")

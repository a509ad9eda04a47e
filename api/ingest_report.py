"""What ``innograph ingest`` prints and returns: the readable summary, the exit status, and the
command itself (``api/ingest.py`` does the ingesting).

>>> exit_status({"ingested": 0, "unchanged": 0, "duplicates": 0, "unreadable": 1, "rejected": 0})
2
"""
from __future__ import annotations

import json
import sys


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


def cmd_ingest(paths, store_uri=None, quiet=False, as_json=False) -> int:
    """The ``innograph ingest`` command: summary to stderr (or JSON to stdout), rejects one a line."""
    from api.ingest import ingest_paths
    from graph.store import open_store

    with open_store(store_uri) as store:
        s = ingest_paths(store, paths, progress=not quiet)
    if as_json:
        sys.stdout.write(json.dumps(s, ensure_ascii=False) + "\n")
    if not quiet:
        for r in s["rejects"][:20]:
            where = f"{r['file']}:{r['line']}" if r["line"] else r["file"]
            print(f"innograph ingest: rejected {where}: {r['reason']}", file=sys.stderr)
        more = s["rejected"] + s["unreadable"] - min(20, len(s["rejects"]))
        if more > 0:
            print(f"innograph ingest: ... and {more} more, see {s['rejects_file']}", file=sys.stderr)
        if not as_json:
            print(format_summary(s), file=sys.stderr)
    elif s["rejected"] or s["unreadable"]:
        print(f"innograph ingest: {s['rejected']} rejected, {s['unreadable']} unreadable; see {s['rejects_file']}",
              file=sys.stderr)
    status = exit_status(s)
    if status == 1:
        print("innograph ingest: nothing to ingest (no articles or records found)", file=sys.stderr)
    elif status == 2:
        print("innograph ingest: error: nothing could be ingested", file=sys.stderr)
    return status

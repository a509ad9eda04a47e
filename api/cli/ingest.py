"""``innograph ingest``: summary to stderr (or JSON to stdout), rejects one a line, the exit status."""
from __future__ import annotations

import json
import sys

from graph.store import open_store
from ingest import ingest_paths
from ingest.report import exit_status, format_summary


def cmd_ingest(paths, store_uri=None, quiet=False, as_json=False) -> int:
    """The ``innograph ingest`` command: summary to stderr (or JSON to stdout), rejects one a line."""
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

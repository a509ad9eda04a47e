"""``innograph ingest``: summary to stderr (or JSON to stdout), rejects one a line, the exit status."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from graph.store import open_store
from ingest import ingest_paths
from ingest.report import exit_status, format_summary


def cmd_ingest(paths, store_uri=None, quiet=False, as_json=False, bulk=False, import_files=None) -> int:
    """The ``innograph ingest`` command: summary to stderr (or JSON to stdout), rejects one a line.
    ``bulk``: a first load into an empty store (ingest/bulk.py); ``import_files``: the files of
    ``neo4j-admin database import`` instead of a store."""
    if import_files:
        from ingest.bulk import bulk_ingest

        s = bulk_ingest(None, paths, progress=False, import_files=import_files)
        return _report(s, quiet, as_json, bulk=True)
    with open_store(store_uri) as store:
        if bulk:
            from ingest.bulk import bulk_ingest

            s = bulk_ingest(store, paths, progress=not quiet and sys.stderr.isatty())
        else:
            s = ingest_paths(store, paths, progress=not quiet)
    return _report(s, quiet, as_json, bulk)


def _report(s: dict, quiet: bool, as_json: bool, bulk: bool) -> int:
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
            if bulk:
                b = s["bulk"]
                print(f"  bulk load: {b['relations']} relations, {b['entities']} entities, {b['documents']} documents "
                      f"written in {b['seconds']} s after {b['resolve_seconds']} s reading and resolving "
                      f"({b['relations_per_s']:.0f} relations/s overall)", file=sys.stderr)
                if b.get("args"):
                    print(f"  import files in {Path(b['args']).parent}; with Neo4j stopped run:\n"
                          f"    neo4j-admin database import full @{b['args']} neo4j\n"
                          f"  (or scripts/neo4j-local import --data-dir DIR {Path(b['args']).parent})", file=sys.stderr)
    elif s["rejected"] or s["unreadable"]:
        print(f"innograph ingest: {s['rejected']} rejected, {s['unreadable']} unreadable; see {s['rejects_file']}",
              file=sys.stderr)
    status = exit_status(s)
    if status == 1:
        print("innograph ingest: nothing to ingest (no articles or records found)", file=sys.stderr)
    elif status == 2:
        print("innograph ingest: error: nothing could be ingested", file=sys.stderr)
    return status

"""The ``innograph`` command line (CONTRACT.md).

Exit status: 0 on success, 1 when a valid request found nothing, 2 on bad input, 3 when the
store failed (or anything else went wrong). Errors go to stderr as one line that says what was wrong
and where; the Neo4j driver's own log lines are silenced, and an unexpected exception is one line
too, unless ``--verbose`` (then the driver logs warnings and the traceback is printed).

>>> main(["stats", "--store", "sqlite://:memory:", "--json"])  # doctest: +ELLIPSIS
{"nodes": {...}, "relations": {...}, "documents": 0}
0
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

from api.cli import review, text, time
from graph.errors import BadInput, InnoGraphError, NotFound
from graph.window import within


def _store(args):
    from graph.store import open_store

    return open_store(args.store)


def _dump(obj, out=None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _show(args, answer: dict, as_text) -> None:
    """The answer as JSON with ``--json``, else as readable text (api/cli/text.py)."""
    if args.json:
        _dump(answer)
    else:
        print(as_text(answer))


def _types(value: str | None) -> list[str]:
    return [t.strip() for t in value.split(",") if t.strip()] if value else []


def cmd_path(args) -> int:
    with _store(args) as store:
        answer = store.path_answer(args.source, args.target, k=args.k, max_hops=args.max_hops,
                                   rel_types=_types(args.types), weighted=args.weighted,
                                   avoid=_types(args.avoid), max_degree=args.max_degree)
    if answer["paths"] or args.json:  # else the one line of NotFound says it
        _show(args, answer, lambda a: text.path_text(a, weighted=args.weighted))
    if not answer["paths"]:
        raise NotFound(f"no path between {answer['from']['id']} and {answer['to']['id']} "
                       f"within {args.max_hops} hops")
    return 0


def cmd_neighbours(args) -> int:
    with _store(args) as store:
        answer = store.neighbours(args.ref, depth=args.depth, labels=_types(args.labels),
                                  rel_types=_types(args.types), limit=args.limit)
    _show(args, answer, text.neighbours_text)
    return 0


def cmd_search(args) -> int:
    with _store(args) as store:
        hits = store.search(args.query, labels=_types(args.labels), limit=args.limit)
    _show(args, {"query": args.query, "results": hits}, text.search_text)
    return 0 if hits else 1


def cmd_match(args) -> int:
    from graph.match import match_enterprises, match_experts

    with _store(args) as store:
        if args.what == "experts":
            if not args.enterprise:
                raise BadInput("--enterprise is required", where="match experts")
            answer = match_experts(store, args.enterprise, k=args.k, conflicts=not args.include_conflicts)
            found = answer["matches"]
        else:
            if not args.expert:
                raise BadInput("--expert is required", where="match enterprises")
            answer = match_enterprises(store, args.expert, k=args.k, conflicts=not args.include_conflicts)
            found = answer["matches"]
    _show(args, answer, text.match_text)
    return 0 if found else 1


def cmd_export(args) -> int:
    from api.cli.progress import bar, note

    with _store(args) as store:
        s = store.stats()
        # MENTIONS are written with their documents, not as relations
        rels = sum(v for k, v in s["relations"].items() if k != "MENTIONS")
        total = sum(s["nodes"].values()) + rels + s["documents"]
        with bar(total, "export", "items") as b:
            if args.out:
                with open(args.out, "w", encoding="utf-8", newline="") as fh:
                    store.export(args.format, fh, progress=b.update)
            else:
                store.export(args.format, sys.stdout, progress=b.update)
    note(f"export: {sum(s['nodes'].values())} entities, {rels} relations, {s['documents']} documents (with the "
         "entities each mentions)" + (f" written to {args.out}" if args.out else ""))
    return 0


def cmd_import(args) -> int:
    try:
        with open(args.file, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise BadInput(f"cannot read a json export: {exc}", where=args.file) from exc
    from api.cli.progress import bar, note

    total = sum(len(data.get(k) or []) for k in ("nodes", "edges", "documents")) if isinstance(data, dict) else 0
    with _store(args) as store, bar(total, "import", "items") as b:
        counts = store.import_json(data, progress=b.update)
    _dump(counts)
    note(f"import: {counts['entities']} entities, {counts['relations']} relations, {counts['documents']} documents "
         f"read from {args.file}")
    return 0


def cmd_stats(args) -> int:
    with _store(args) as store:
        _show(args, store.stats(), text.stats_text)
    return 0


def cmd_retract(args) -> int:
    with _store(args) as store:
        _dump(store.retract_document(args.document))
    return 0


def cmd_merge(args) -> int:
    with _store(args) as store:
        _dump(store.merge_entities(args.survivor, args.other).to_dict())
    return 0


def cmd_ingest(args) -> int:
    from api.cli.ingest import cmd_ingest as run

    return run(args.paths, store_uri=args.store, quiet=args.quiet, as_json=args.json,
               bulk=args.bulk or bool(args.import_files), import_files=args.import_files)


def cmd_extract(args) -> int:
    from api.cli.extract import cmd_extract as run

    if args.engine or args.out or args.address or args.workers:
        from api.cli.extract import cmd_extract_out

        return cmd_extract_out(args.files, args.out, engine=args.engine or "local", address=args.address,
                               workers=args.workers, partition_docs=args.partition_size, as_json=args.json)
    return run(args.files, processes=args.processes, out=sys.stdout, as_json=args.json)


def cmd_eval(args) -> int:
    from api.cli.extract import cmd_eval as run

    return run(args.gold, args.directory, out=sys.stdout)


def cmd_serve(args) -> int:
    from api.app import create_app
    from api.serving import make_waitress

    app = create_app({"STORE_URI": args.store} if args.store else None)
    server = make_waitress(app, host=args.host, port=args.port, threads=args.threads)  # the app's body limits
    app.extensions["innograph"].warm_up()
    print(f"innograph: serving on http://{args.host}:{args.port}/ (API under /api/v1)", file=sys.stderr)
    try:
        server.run()
    finally:
        server.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="innograph", description="Map science-and-technology cooperation.")
    p.add_argument("--verbose", action="store_true", help="show the Neo4j driver's log and tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name, func, help_):
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="show the Neo4j driver's log and tracebacks")
        sp.set_defaults(func=func)
        return sp

    def store_opt(sp):
        sp.add_argument("--store", help="store URI (default $INNOGRAPH_STORE or sqlite:///innograph.db)")

    def answers(sp, what: str = "the JSON answer (CONTRACT.md)"):
        """The options of a command that answers from a store: --json, then --store."""
        sp.add_argument("--json", action="store_true", help=f"{what}; else readable text")
        store_opt(sp)

    sp = add("extract", cmd_extract, "extract entities and relations; never touches a store")
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("--json", action="store_true", help="one JSON object per document (CONTRACT.md); else readable text")
    sp.add_argument("--processes", type=int, default=1)
    sp.add_argument("--engine", choices=["local", "dask", "ray"],
                    help="run as a map over partitions on this engine, into --out DIR (README \"Extraction at scale\")")
    sp.add_argument("--address", help="join this cluster (dask: tcp://scheduler:8786); default: start a local one")
    sp.add_argument("--workers", type=int, help="worker processes of the local cluster (default: one per core)")
    sp.add_argument("--out", metavar="DIR", help="write part-NNNNN.extract.jsonl files here (for innograph ingest DIR)")
    sp.add_argument("--partition-size", type=int, default=32, metavar="N", help="documents per partition (default 32)")

    sp = add("eval", cmd_eval, "score extraction against a gold file")
    sp.add_argument("--gold", required=True)
    sp.add_argument("directory")

    sp = add("ingest", cmd_ingest, "ingest news and registration files (folders recurse)")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--quiet", action="store_true")
    sp.add_argument("--json", action="store_true", help="print the summary as JSON")
    sp.add_argument("--bulk", action="store_true",
                    help="first load into an EMPTY store at bulk speed (Neo4j: concurrent batched transactions); "
                         "the same graph as a plain ingest")
    sp.add_argument("--import-files", metavar="DIR",
                    help="write the files of neo4j-admin database import here instead of loading a store")
    store_opt(sp)

    sp = add("path", cmd_path, "shortest and k-shortest paths with evidence")
    sp.add_argument("source", metavar="FROM")
    sp.add_argument("target", metavar="TO")
    sp.add_argument("--k", type=int, default=1, help="how many paths, shortest first (default 1)")
    sp.add_argument("--max-hops", type=int, default=4, help="longest path looked for (default 4)")
    sp.add_argument("--types", help="comma-separated relation types to walk")
    sp.add_argument("--weighted", action="store_true", help="prefer edges backed by more documents")
    sp.add_argument("--avoid", help="comma-separated entity ids or names to leave out of the search")
    sp.add_argument("--max-degree", type=int, help="leave out intermediate nodes with more relations (hubs)")
    answers(sp)

    sp = add("neighbours", cmd_neighbours, "an entity's neighbourhood")
    sp.add_argument("ref", metavar="ID_OR_NAME")
    sp.add_argument("--depth", type=int, default=1)
    sp.add_argument("--labels")
    sp.add_argument("--types")
    sp.add_argument("--limit", type=int, default=100)
    answers(sp)

    sp = add("search", cmd_search, "search entities by name, alias, prefix or fuzzy")
    sp.add_argument("query")
    sp.add_argument("--labels")
    sp.add_argument("--limit", type=int, default=20)
    answers(sp)

    sp = add("match", cmd_match, "expert-enterprise matching explained by paths")
    sp.add_argument("what", choices=["experts", "enterprises"])
    sp.add_argument("--enterprise", metavar="NAME_OR_ID")
    sp.add_argument("--expert", metavar="NAME_OR_ID")
    sp.add_argument("--k", type=int, default=10)
    sp.add_argument("--include-conflicts", action="store_true",
                    help="rank experts who hold a position at (or are registered with) the enterprise or its "
                         "parent too; by default they are listed apart as excluded, with the reason")
    answers(sp)

    sp = add("export", cmd_export, "export the graph")
    sp.add_argument("--format", choices=["json", "graphml", "csv"], default="json")
    sp.add_argument("--out", metavar="FILE")
    store_opt(sp)

    sp = add("import", cmd_import, "load a json export")
    sp.add_argument("file")
    store_opt(sp)

    sp = add("retract", cmd_retract, "remove a document and the evidence it gave")
    sp.add_argument("document", metavar="DOCUMENT_ID")
    store_opt(sp)

    sp = add("merge", cmd_merge, "merge two entities of one label")
    sp.add_argument("survivor")
    sp.add_argument("other")
    store_opt(sp)

    sp = add("stats", cmd_stats, "node and relation counts")
    answers(sp)

    for module in (review, time):  # each adds its commands with the same two helpers
        module.register(add, answers)
    for name in time.WINDOWED:
        time.add_window(sub.choices[name])

    sp = add("serve", cmd_serve, "serve the HTTP API and the web page")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=5000)
    sp.add_argument("--threads", type=int, default=8)
    store_opt(sp)
    return p


def quiet_driver_logs(verbose: bool = False) -> None:
    """Keep the Neo4j driver's log lines ("Failed to read from defunct connection", retries) off
    stderr: the command reports a failure in its own one line. ``verbose`` shows its warnings."""
    log = logging.getLogger("neo4j")
    if verbose:
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        log.setLevel(logging.WARNING)
        return
    log.setLevel(logging.CRITICAL + 1)
    log.propagate = False
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())


def main(argv=None) -> int:
    """Run one ``innograph`` command; returns its exit status (see the module docstring)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    verbose = bool(getattr(args, "verbose", False))
    quiet_driver_logs(verbose)
    try:
        with within(time.window_of_args(args) if args.command in time.WINDOWED else None):
            return args.func(args)
    except InnoGraphError as exc:
        print(f"innograph {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - anything else is still one line, not a traceback
        if verbose:
            import traceback

            traceback.print_exc()
        detail = str(exc).strip().splitlines()
        print(f"innograph {args.command}: error: unexpected {type(exc).__name__}"
              + (f": {detail[0][:300]}" if detail else "") + (" (--verbose shows the traceback)" if not verbose else ""),
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

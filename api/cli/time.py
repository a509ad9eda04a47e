"""The time commands of ``innograph`` (CONTRACT.md "Time"): ``changes``, ``watch add|list|check``,
and the ``--as-of`` / ``--since`` / ``--until`` window of the commands that read relations.

>>> from api.cli import main
>>> main(["path", "a", "b", "--as-of", "2021-13", "--store", "sqlite://:memory:"])  # stderr names --as-of
2
"""
from __future__ import annotations

import json
import sys

from graph.errors import BadInput
from graph.window import Window, parse_date

WINDOWED = ("path", "neighbours", "match", "export")  # the commands that take the window


def add_window(sp) -> None:
    """The window options of a command that reads relations."""
    sp.add_argument("--as-of", metavar="DATE", help="only relations active at DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    sp.add_argument("--since", metavar="DATE", help="only relations with evidence dated on or after DATE")
    sp.add_argument("--until", metavar="DATE", help="only relations with evidence dated on or before DATE")


def window_of_args(args) -> Window | None:
    """The window of the parsed options; BadInput naming the option (exit 2) for a bad date."""
    try:
        return Window.of(getattr(args, "as_of", None), getattr(args, "since", None), getattr(args, "until", None))
    except BadInput as exc:
        raise BadInput(exc.message, where="--" + (exc.where or "date").replace("_", "-")) from None


def _dump(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def cmd_changes(args, store) -> int:
    from graph.changes import changes

    win = window_of_args(args)
    if win is None:
        raise BadInput("give a date (YYYY, YYYY-MM or YYYY-MM-DD)", where="--since")
    answer = changes(store, win, limit=args.limit, offset=args.offset)
    if args.json:
        _dump(answer)
    else:
        for e in answer["entities"]:
            print(f"{e['first_seen']}  new {e['type']} {e['name']} ({e['id']})")
        for r in answer["relations"]:
            print(f"{r['first_seen']}  new {r['source']} -[{r['type']}]- {r['target']}")
    return 0 if answer["entities"] or answer["relations"] else 1


def cmd_watch(args, store) -> int:
    from graph.changes import add_watch, list_watches, watch_changes

    if args.action == "add":
        if not args.ends or len(args.ends) != 2:
            raise BadInput("watch add needs FROM and TO", where="watch add")
        _dump(add_watch(store, args.ends[0], args.ends[1], max_hops=args.max_hops))
        return 0
    if args.ends:
        raise BadInput(f"watch {args.action} takes no entities", where=f"watch {args.action}")
    watches = list_watches(store)
    if args.action == "list":
        if args.json:
            _dump({"watches": watches})
        else:
            for w in watches:
                print(f"{w['id']}  {w['from']['name']} .. {w['to']['name']} (max {w['max_hops']} hops, "
                      f"since {w['created']})")
        return 0
    since = parse_date(args.since, "--since")
    checks = [watch_changes(store, w["id"], since) for w in watches]
    if args.json:
        _dump({"watches": checks})
    else:
        for c in checks:
            w = c["watch"]
            print(f"{w['id']}  {w['from']['name']} .. {w['to']['name']}: {len(c['new_paths'])} new path(s) "
                  f"since {c['since']}")
            for p in c["new_paths"]:
                print("    " + " - ".join(n["name"] for n in p["nodes"]))
    return 0


def _with_store(cmd):
    def run(args) -> int:
        from graph.store import open_store

        with open_store(args.store) as store:
            return cmd(args, store)
    return run


def register(add, answers) -> None:
    """The ``changes`` and ``watch`` sub-commands (``add`` and ``answers`` of build_parser)."""
    sp = add("changes", _with_store(cmd_changes), "the entities and relations whose first evidence is dated "
                                                  "in a window")
    sp.add_argument("--since", metavar="DATE", required=True)
    sp.add_argument("--until", metavar="DATE")
    sp.add_argument("--limit", type=int, default=50)
    sp.add_argument("--offset", type=int, default=0)
    answers(sp)
    sp = add("watch", _with_store(cmd_watch), "watch the paths between two entities: add FROM TO, list, "
                                              "check [--since DATE]")
    sp.add_argument("action", choices=["add", "list", "check"])
    sp.add_argument("ends", nargs="*", metavar="FROM TO")
    sp.add_argument("--max-hops", type=int, default=4)
    sp.add_argument("--since", metavar="DATE", help="check: paths that did not exist at DATE "
                                                     "(default: the day each watch was made)")
    answers(sp, "the JSON answer")

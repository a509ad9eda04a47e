"""``innograph review …`` and ``innograph show ID`` (CONTRACT.md "Review").

    innograph review relations|entities [--json] [--limit N] [--offset N]
    innograph review accept|reject SOURCE TYPE TARGET [--note TEXT]
    innograph review same|different A B [--note TEXT]
    innograph show ID [--json]     one entity, its aliases and why it is one node
"""
from __future__ import annotations

import json
import sys

from graph.errors import BadInput, NotFound


def _store(args):
    from graph.store import open_store

    return open_store(args.store)


def _dump(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _queue_text(kind: str, answer: dict) -> str:
    lines = [f"{answer['total']} {kind} to review"]
    for it in answer["items"]:
        if kind == "relations":
            sent = it["evidence"][0]["sentence"] if it["evidence"] else ""
            lines.append(f"{it['confidence']:.2f}  {it['source']['id']} {it['type']} {it['target']['id']}  «{sent[:120]}»")
        else:
            lines.append(f"{it['score']:.2f}  {'merged' if it['merged'] else 'apart '}  {it['a']['id']}  ~  "
                         f"{it['b']['id']}  ({'; '.join(it['reasons'])})")
    return "\n".join(lines)


def cmd_review(args) -> int:
    action, refs = args.action, args.refs
    wanted = {"relations": 0, "entities": 0, "accept": 3, "reject": 3, "same": 2, "different": 2}
    if len(refs) != wanted[action]:
        usage = {0: "", 3: " SOURCE TYPE TARGET", 2: " A B"}[wanted[action]]
        raise BadInput(f"review {action} takes{usage or ' no arguments'}; got {len(refs)}", where="arguments")
    with _store(args) as store:
        if action in ("relations", "entities"):
            method = store.review_relations if action == "relations" else store.review_entities
            answer = method(args.limit, args.offset)
            if args.json:
                _dump(answer)
            else:
                print(_queue_text(action, answer))
            return 0
        try:  # a verdict on something that is not there is bad input (exit 2), like the API's 4xx
            if action in ("accept", "reject"):
                answer = store.judge_relation(refs[0], refs[1], refs[2], action, args.note)
            else:
                answer = store.judge_entities(refs[0], refs[1], action, args.note)
        except NotFound as exc:
            raise BadInput(str(exc)) from None
    _dump(answer)
    return 0


def cmd_show(args) -> int:
    with _store(args) as store:
        ent = store.resolve(args.ref)
        answer = {**ent.to_dict(), "degree": store.degree(ent.id), "resolution": store.explanation(ent.id),
                  "documents": [d.id for d in store.documents_mentioning(ent.id, limit=100)]}
    if args.json:
        _dump(answer)
        return 0
    print(f"{ent.id}  {ent.name} ({ent.label}), {answer['degree']} relations, {len(answer['documents'])} documents")
    print("  aliases: " + "; ".join(sorted(ent.aliases)))
    res = answer["resolution"]
    for m in res["merges"]:
        print(f"  merged {m['other']} ({m['name']}): {m['rule']}, score {m['score']}"
              + (f", keys {', '.join(m['keys'])}" if m["keys"] else "") + f", documents {', '.join(m['documents'][:5])}")
    for a in res["aliases"]:
        print(f"  joined {a['alias']!r}: {a['rule']}, keys {', '.join(a['keys'])}, documents {', '.join(a['documents'][:5])}")
    for v in res["verdicts"]:
        print(f"  reviewer: {v['a']} {v['verdict']} {v['b']}")
    if not (res["merges"] or res["aliases"]):
        print("  no merge: every name of it is its own")
    return 0


def register(add, answers) -> None:
    """Add ``review`` and ``show`` to the parser (``add`` and ``answers`` of api/cli/__init__.py)."""
    sp = add("review", cmd_review, "the review queue: list, accept/reject relations, same/different entities")
    sp.add_argument("action", choices=["relations", "entities", "accept", "reject", "same", "different"])
    sp.add_argument("refs", nargs="*", metavar="REF", help="SOURCE TYPE TARGET (accept, reject) or A B (same, different)")
    sp.add_argument("--note", default="")
    sp.add_argument("--limit", type=int, default=50)
    sp.add_argument("--offset", type=int, default=0)
    answers(sp)
    sp = add("show", cmd_show, "one entity: aliases, properties and why it is one node")
    sp.add_argument("ref", metavar="ID")
    answers(sp)




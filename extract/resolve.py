"""Entity resolution across documents: one node per real entity over a corpus.

Names merge when their label is the same and (1) the alias file says they are one entity
(extract/data/aliases.tsv, which users may extend), (2) their match keys agree (graph.ids:
"Zhejiang" and "Zhejiang province"), or (3) rapidfuzz's token-sort ratio of their normalised
names reaches ``threshold`` and both are long enough to be safe. Labels never cross: "Jilin" the
Region and "Jilin" the City stay two nodes.

``resolve_across(docs)`` rewrites the ids in place (entities and relation ends) and returns
``(docs, report)`` where the report lists every merge with its reason.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from extract.resources import DATA_DIR, load_known
from graph.ids import match_keys, normalise

THRESHOLD = 92.0
MIN_FUZZY_LEN = 12  # short names ("Jinan"/"Jining") never merge by spelling alone


def _alias_table(alias_file) -> dict[tuple[str, str], str]:
    """(label, normalised alias) -> canonical name."""
    table = {}
    for k in load_known(str(alias_file or DATA_DIR / "aliases.tsv")):
        for a in [k.name, *k.aliases]:
            table[(k.label, normalise(a))] = k.name
    return table


def resolve_across(docs: list[dict], alias_file=None, threshold: float = THRESHOLD):
    aliases = _alias_table(Path(alias_file) if alias_file else None)
    # 1. collect the distinct (label, name) nodes with their surface forms
    nodes: dict[str, dict] = {}
    for d in docs:
        for e in d.get("entities", []) or []:
            n = nodes.setdefault(e["id"], {"id": e["id"], "label": e["type"], "names": set(), "docs": set()})
            n["names"].add(e["name"])
            n["names"].update(e.get("mentions") or [])
            n["docs"].add(d.get("document", ""))
    parent = {i: i for i in nodes}
    reason = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b, why):
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        # keep the id of the node seen in more documents (then the shorter id)
        keep, drop = sorted((ra, rb), key=lambda i: (-len(nodes[i]["docs"]), len(i), i))
        parent[drop] = keep
        reason[drop] = why

    # 2. alias file and match keys, per label
    by_key: dict[tuple[str, str], str] = {}
    for nid, n in nodes.items():
        for name in n["names"]:
            canon = aliases.get((n["label"], normalise(name)))
            if canon:
                k = (n["label"], "alias:" + normalise(canon))
                if k in by_key:
                    union(by_key[k], nid, f"alias file: {name!r} is {canon!r}")
                else:
                    by_key[k] = nid
            for mk in match_keys(n["label"], name):
                k = (n["label"], mk)
                if k in by_key:
                    union(by_key[k], nid, f"same name: {name!r}")
                else:
                    by_key[k] = nid
    # 3. fuzzy, guarded by label, length and threshold
    by_label = defaultdict(list)
    for nid, n in nodes.items():
        best = max(n["names"], key=len)
        by_label[n["label"]].append((nid, normalise(best)))
    for items in by_label.values():
        items.sort(key=lambda x: x[1])
        for i, (a, na) in enumerate(items):
            if len(na) < MIN_FUZZY_LEN:
                continue
            for b, nb in items[i + 1:i + 40]:
                if len(nb) < MIN_FUZZY_LEN or find(a) == find(b):
                    continue
                # digits must agree: "2nd Fair" is not "3rd Fair"
                if [c for c in na if c.isdigit()] != [c for c in nb if c.isdigit()]:
                    continue
                score = fuzz.token_sort_ratio(na, nb)
                if score >= threshold:
                    union(a, b, f"fuzzy {score:.0f}: {na!r} ~ {nb!r}")
    # 4. rewrite
    final = {nid: find(nid) for nid in nodes}
    canon_name = {}
    for nid, root in final.items():
        if nid == root:
            canon_name[root] = next((d_e["name"] for d in docs for d_e in d.get("entities", []) if d_e["id"] == root), root)
    for d in docs:
        seen = {}
        ents = []
        for e in d.get("entities", []) or []:
            root = final.get(e["id"], e["id"])
            if root != e["id"]:
                e["mentions"] = sorted(set(e.get("mentions") or []) | {e["name"]})
                e["id"] = root
                e["name"] = canon_name.get(root, e["name"])
            if root in seen:
                seen[root]["mentions"] = sorted(set(seen[root]["mentions"]) | set(e.get("mentions") or []))
                continue
            seen[root] = e
            ents.append(e)
        d["entities"] = ents
        for r in d.get("relations", []) or []:
            for end in ("source", "target"):
                rid = r.get(f"{end}_id")
                if rid in final and final[rid] != rid:
                    r[f"{end}_id"] = final[rid]
                    r[end] = canon_name.get(final[rid], r[end])
    report = [{"merged": nid, "into": final[nid], "label": nodes[nid]["label"], "reason": reason.get(nid, "")}
              for nid in sorted(nodes) if final[nid] != nid]
    return docs, {"nodes_before": len(nodes), "nodes_after": len(set(final.values())), "merges": report}


"""Readable text for the commands' answers when ``--json`` is not given (``--json`` prints the JSON
of CONTRACT.md unchanged).

>>> print(stats_text({"nodes": {"City": 2}, "relations": {"LOCATED_IN": 1}, "documents": 1}))
nodes        2   (City 2)
relations    1   (LOCATED_IN 1)
documents    1
>>> print(search_text({"query": "jx", "results": [{"id": "city:jiaxing", "name": "Jiaxing", "type": "City",
...                                               "match": "alias", "score": 1.0}]}))
city:jiaxing  Jiaxing  (City, alias)
>>> print(path_text({"from": {"name": "Xianning"}, "to": {"name": "Jiaxing"}, "paths": [{"hops": 2,
...   "nodes": [{"id": "c:x", "name": "Xianning"}, {"id": "p:ic", "name": "Innovation China"}, {"id": "c:j", "name": "Jiaxing"}],
...   "edges": [{"source": "c:x", "target": "p:ic", "type": "PARTICIPATES_IN", "properties": {"role": "pilot city", "year": 2021},
...              "evidence": [{"document": "document:news/01.txt", "sentence": "Xianning became a pilot city.", "date": "2021-03"}],
...              "evidence_total": 1},
...             {"source": "c:j", "target": "p:ic", "type": "PARTICIPATES_IN", "evidence": [], "evidence_total": 0}]}]}))
Xianning to Jiaxing: 1 path
1. 2 hops: Xianning → Innovation China ← Jiaxing
   Xianning -[PARTICIPATES_IN role=pilot city, year=2021]-> Innovation China  (1 evidence)
      "Xianning became a pilot city."  news/01.txt, 2021-03
   Jiaxing -[PARTICIPATES_IN]-> Innovation China  (no evidence)
"""
from __future__ import annotations

from graph.schema import ontology


def _counts(d: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(d.items(), key=lambda kv: (-kv[1], kv[0])) if v)


def stats_text(s: dict) -> str:
    """``innograph stats``: totals with the count of each label and relation type."""
    return "\n".join([f"nodes     {sum(s['nodes'].values()):>4}   ({_counts(s['nodes'])})",
                      f"relations {sum(s['relations'].values()):>4}   ({_counts(s['relations'])})",
                      f"documents {s['documents']:>4}"])


def search_text(answer: dict) -> str:
    """``innograph search``: one hit a line, best first."""
    return "\n".join(f"{h['id']}  {h['name']}  ({h['type']}, {h['match']})" for h in answer["results"])


def neighbours_text(answer: dict) -> str:
    """``innograph neighbours``: the centre, then one relation a line with the number of documents
    behind it (its weight; ``innograph path`` gives the sentences).

    >>> print(neighbours_text({"center": {"id": "c:x", "name": "Xianning", "type": "City"},
    ...   "nodes": [{"id": "c:w", "name": "Wuhan", "type": "City", "depth": 1}],
    ...   "edges": [{"source": "c:w", "target": "c:x", "type": "COOPERATES_WITH", "weight": 2}]}))
    Xianning (City): 1 neighbour, 1 relation
      Wuhan -[COOPERATES_WITH]-> Xianning   (2 documents)
    """
    centre = answer.get("center") or {}
    nodes, edges = answer.get("nodes", []), answer.get("edges", [])
    names = {n["id"]: n["name"] for n in [centre, *nodes] if n.get("id")}
    lines = [f"{centre.get('name', '?')} ({centre.get('type', '?')}): {len(nodes)} neighbour{'s' * (len(nodes) != 1)}, "
             f"{len(edges)} relation{'s' * (len(edges) != 1)}"]
    for e in edges:
        n = e.get("weight", len(e.get("evidence") or []))
        lines.append(f"  {names.get(e['source'], e['source'])} -[{e['type']}]-> {names.get(e['target'], e['target'])}"
                     f"   ({n:g} document{'s' * (n != 1)})")
    return "\n".join(lines)


def _props(props: dict | None) -> str:
    return ", ".join(f"{k}={v}" for k, v in (props or {}).items() if v not in (None, "", []) and k != "valid_from")


def path_text(answer: dict, evidence: int = 2, weighted: bool = False) -> str:
    """``innograph path``: each path as its chain of names (arrows in the relations' direction, ⇄ for a
    relation without one; its cost when ``weighted``), then each relation with its properties and
    the first ``evidence`` sentences behind it, with their document and date."""
    paths = answer.get("paths") or []
    lines = [f"{answer['from'].get('name')} to {answer['to'].get('name')}: {len(paths)} path{'s' * (len(paths) != 1)}"]
    for i, p in enumerate(paths, 1):
        names = {n["id"]: n["name"] for n in p["nodes"]}
        chain = [p["nodes"][0]["name"]]
        for node, e in zip(p["nodes"], p["edges"]):
            forward = e["source"] == node["id"]
            arrow = "⇄ " if ontology().is_symmetric(e["type"]) else "→ " if forward else "← "
            chain.append(arrow + names.get(e["target"] if forward else e["source"], "?"))
        cost = f", cost {p['cost']:.3g}" if weighted and p.get("cost") is not None else ""
        lines.append(f"{i}. {p['hops']} hop{'s' * (p['hops'] != 1)}{cost}: " + " ".join(chain))
        for e in p["edges"]:
            props = _props(e.get("properties"))
            total = e.get("evidence_total", len(e.get("evidence") or []))
            lines.append(f"   {names.get(e['source'], e['source'])} -[{e['type']}{' ' + props if props else ''}]-> "
                         f"{names.get(e['target'], e['target'])}  ({f'{total} evidence' if total else 'no evidence'})")
            for ev in (e.get("evidence") or [])[:evidence]:
                where = ", ".join(x for x in (str(ev.get("document", "")).removeprefix("document:"), ev.get("date")) if x)
                lines.append(f'      "{ev.get("sentence", "")}"  {where}')
    return "\n".join(lines)


def match_text(answer: dict) -> str:
    """``innograph match``: rank, score, name and the reasons of each match."""
    who = answer.get("enterprise") or answer.get("expert") or {}
    lines = [f"matches for {who.get('name', '?')} ({who.get('id', '?')}):"]
    for i, m in enumerate(answer["matches"], 1):
        other = m.get("expert") or m.get("enterprise") or {}
        lines.append(f"{i:>3}. {m['score']:.3f}  {other.get('name')} ({other.get('id')})")
        lines += [f"       - {r}" for r in m.get("reasons", [])]
    excluded = answer.get("excluded") or []
    if excluded:
        lines.append(f"excluded for a conflict of interest ({len(excluded)}; --include-conflicts ranks them):")
        for x in excluded:
            other = x.get("expert") or x.get("enterprise") or {}
            lines.append(f"     - {other.get('name')} ({other.get('id')}): {x['reason']}")
    return "\n".join(lines)


def extract_text(result: dict) -> str:
    """``innograph extract``: a document's entities and relations, one a line."""
    if "error" in result:
        return f"{result['document']}: error: {result['error']}"
    names = {e["id"]: e["name"] for e in result.get("entities", [])}
    lines = [f"{result['document']}: {len(result.get('entities', []))} entities, "
             f"{len(result.get('relations', []))} relations"]
    lines += [f"  {e['type']:<12} {e['name']}" for e in result.get("entities", [])]
    for r in result.get("relations", []):
        props = ", ".join(f"{k}={v}" for k, v in (r.get("properties") or {}).items())
        lines.append(f"  {names.get(r['source_id'], r['source'])} -[{r['type']}]-> "
                     f"{names.get(r['target_id'], r['target'])}" + (f"  {{{props}}}" if props else "")
                     + f"  ({r.get('confidence', 1.0):.2f})")
    return "\n".join(lines)

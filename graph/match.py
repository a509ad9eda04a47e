"""Expert–enterprise matching, explained by paths; works on any GraphStore.

Formula (every term in 0..1, the score rounded to 4 decimals)::

    score     = 0.6 * topic_fit + 0.3 * proximity + 0.1 * evidence
    topic_fit = |needs(E) ∩ topics(X)| / |needs(E)|
    proximity = 1 / (1 + cost(P))          (0 when there is no such path P)
    evidence  = min(1, documents(edges of the explaining paths) / 5)

- ``needs(E)`` are the Topics the enterprise E NEEDS; when it has no NEEDS, its FOCUSES_ON topics.
  ``topics(X)`` are the Topics the expert X FOCUSES_ON. The same formula ranks experts for an
  enterprise and enterprises for an expert, so a pair has one score.
- ``P`` is the path between E and X of at most 4 hops that does not pass through Topic nodes (it
  walks cities, regions, organisations, projects, events, positions and cooperation links, never
  FOCUSES_ON or NEEDS) and names the most specific link: the cheapest by ``cost(P) + 0.1 * degree``
  of its intermediate nodes (graph/explain.py), so a small workstation beats a national programme.
  ``cost(P)`` sums ``1 / documents`` over its edges, so a link backed by more documents is cheaper.
- Conflicts of interest (graph/conflicts.py): an expert holding a position at the enterprise, its
  parent or its units is not ranked but listed under ``excluded`` with the reason
  (``conflicts=False`` ranks them too).
- ``evidence`` counts the distinct documents behind the edges of the explaining paths (the topic
  paths E -NEEDS- T -FOCUSES_ON- X of the shared topics, and P).

Experts are Person nodes with FOCUSES_ON (or HOLDS_POSITION); enterprises are Organisations of kind
enterprise or with NEEDS. Only candidates sharing at least one topic are ranked. Candidates are
ordered by topic fit, then by a shared city or region, then by the documents behind their topic
links; proximity paths are computed in that order until no remaining candidate can beat the k-th
best score (each has at most ``0.6 * fit + 0.4``), for at most ``max(50, 5k)`` candidates (later
ones are scored without proximity, and at most four times as many are looked at).
Order and ties: candidates are looked at by (topic fit desc, shared city 2 / region 1 / none 0
desc, documents behind their topic links desc, id); the answer is ordered by (score desc, id), so
answers are deterministic. ``P`` for every candidate of a request comes from ONE search from the
enterprise (or the expert): ``graph/explain.py``, exact integer costs, ties by the node ids along
the path, over the store's in-memory graph (both stores the same; tests/test_store_equivalence.py).
The search stops after 60% of the store's query timeout (a supernode): candidates it had not reached
by then are scored without proximity ("proximity not computed"), so the answer comes within the
timeout.

>>> from graph.store import open_store
>>> from graph.model import Batch, Entity, Evidence, Relation
>>> s = open_store("sqlite://:memory:")
>>> e = Entity.new("Organisation", "Acme Materials", properties={"kind": "enterprise"})
>>> x, t = Entity.new("Person", "Li Na"), Entity.new("Topic", "new materials")
>>> ev = [Evidence("document:r1", "registration")]
>>> _ = s.upsert(Batch([e, x, t], [Relation.new(e, "NEEDS", t, evidence=ev),
...                                 Relation.new(x, "FOCUSES_ON", t, evidence=ev)]))
>>> m = match_experts(s, "Acme Materials", k=3)["matches"][0]
>>> m["expert"]["id"], m["score"], m["reasons"][0]
('person:li-na', 0.62, 'shares 1 of 1 needed topics: new materials')
>>> s.close()
"""
from __future__ import annotations

import heapq
import time
from collections import Counter
from dataclasses import dataclass, field

from graph import explain
from graph.conflicts import Conflicts
from graph.errors import BadInput
from graph.explain import HUB_COST
from graph.limits import EVIDENCE_SHOWN, MAX_K, check_range
from graph.model import Entity, Relation
from graph.schema import ontology

W_TOPIC, W_PROXIMITY, W_EVIDENCE = 0.6, 0.3, 0.1
PROXIMITY_HOPS = 4
EVIDENCE_DOCS = 5


def proximity_types() -> tuple[str, ...]:
    """Relation types a proximity path may walk: every path type but those touching Topics."""
    return tuple(t for t in ontology().path_relation_types if t not in ("FOCUSES_ON", "NEEDS"))


@dataclass
class MatchIndex:
    """Who needs and who knows which topic, with the relations (and evidence) behind it.

    Built once from the store (``MatchIndex.build(store)``); the API keeps one per store version.
    """

    needs: dict[str, dict[str, Relation]] = field(default_factory=dict)        # org -> topic -> NEEDS
    org_focus: dict[str, dict[str, Relation]] = field(default_factory=dict)    # org -> topic -> FOCUSES_ON
    expert_focus: dict[str, dict[str, Relation]] = field(default_factory=dict)  # person -> topic -> FOCUSES_ON
    enterprises: set[str] = field(default_factory=set)
    experts_by_topic: dict[str, set[str]] = field(default_factory=dict)
    enterprises_by_topic: dict[str, set[str]] = field(default_factory=dict)
    places: dict[str, set[str]] = field(default_factory=dict)  # org/person -> cities and their regions
    topics: dict[str, dict] = field(default_factory=dict)      # topic id -> brief
    docs: dict[tuple[str, str], int] = field(default_factory=dict)  # (role, id) -> documents of its topic links
    conflicts: Conflicts = field(default_factory=Conflicts)    # graph/conflicts.py

    @classmethod
    def build(cls, store) -> MatchIndex:
        idx = cls()
        located: dict[str, set[str]] = {}
        held: dict[str, set[str]] = {}
        others: list[Relation] = []  # HOLDS_POSITION and PART_OF, for the conflicts
        # one pass over the relations of the five types (on Neo4j each pass pages through every entity)
        for r in store.iter_relations(["NEEDS", "FOCUSES_ON", "LOCATED_IN", "HOLDS_POSITION", "PART_OF"]):
            if r.type not in ("NEEDS", "FOCUSES_ON"):
                if r.type in ("LOCATED_IN", "HOLDS_POSITION"):
                    (located if r.type == "LOCATED_IN" else held).setdefault(r.source, set()).add(r.target)
                if r.type != "LOCATED_IN":
                    others.append(r)
                continue
            src_label = r.source.split(":", 1)[0]
            if r.type == "NEEDS":
                idx.needs.setdefault(r.source, {})[r.target] = r
            elif src_label == "person":
                idx.expert_focus.setdefault(r.source, {})[r.target] = r
                idx.experts_by_topic.setdefault(r.target, set()).add(r.source)
            elif src_label == "organisation":
                idx.org_focus.setdefault(r.source, {})[r.target] = r
        idx.enterprises = set(idx.needs) | {e.id for e in store.iter_entities(["Organisation"])
                                             if e.properties.get("kind") == "enterprise"}
        for org in idx.enterprises:
            for t in idx.demand(org)[0]:
                idx.enterprises_by_topic.setdefault(t, set()).add(org)
        idx.topics = {e.id: e.brief() for e in store.iter_entities(["Topic"])}
        for person, rels in idx.expert_focus.items():
            idx.docs[("expert", person)] = sum(r.weight for r in rels.values())
        for node, where in located.items():
            idx.places[node] = set(where) | {p for w in where for p in located.get(w, ())}
        for person, posts in held.items():
            mine = set()
            for post in posts:
                mine |= idx.places.get(post, set()) | ({post} if not post.startswith("organisation:") else set())
            idx.places[person] = mine
        idx.conflicts = Conflicts.build(store, others)
        explain.warm(store)  # Neo4j: read the projection now, not in the first request
        return idx

    def demand(self, org: str) -> tuple[dict[str, Relation], str]:
        """The topics an organisation looks for: its NEEDS, else its FOCUSES_ON; and which it was."""
        if self.needs.get(org):
            return self.needs[org], "needed"
        return self.org_focus.get(org, {}), "focus"

    def closeness(self, a: str, b: str) -> int:
        """Cheap proximity hint: 2 if a and b share a city, 1 a region, else 0."""
        shared = self.places.get(a, set()) & self.places.get(b, set())
        if not shared:
            return 0
        return 2 if any(p.startswith("city:") for p in shared) else 1


def _index(store, index) -> MatchIndex:
    """``index`` itself, or what it returns when it is a callable (built lazily, after the checks)."""
    if callable(index):
        return index()
    return index or MatchIndex.build(store)


def _resolve(store, ref: str, label: str, param: str) -> Entity:
    ent = store.get(ref, label) or store.resolve(ref)
    if ent.label != label:
        article = "an" if label[0] in "AEIOU" else "a"
        raise BadInput(f"{ent.name!r} is a {ent.label}, not {article} {label}", where=param)
    return ent


def _edge(rel: Relation) -> dict:
    return {"source": rel.source, "target": rel.target, "type": rel.type, "weight": rel.weight,
            "properties": rel.properties, **rel.evidence_page(limit=EVIDENCE_SHOWN)}


def _topic_path(a: dict, first: Relation, topic: dict, second: Relation, b: dict) -> dict:
    edges = [_edge(first), _edge(second)]
    return {"hops": 2, "cost": round(sum(1.0 / max(1, e["weight"]) for e in edges), 6), "explains": "topic",
            "nodes": [a, topic, b], "edges": edges}


def _docs(paths: list[dict]) -> set[str]:
    return {ev["document"] for p in paths for e in p["edges"] for ev in e["evidence"]}


def _names(items: list[str], most: int = 5) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _proximity(start: str, route: dict | None, rels: dict, ents: dict) -> dict | None:
    """The explaining path ``route`` (graph/explain.py chose it) from ``start``, in the ``path --json`` shape."""
    if not route:
        return None
    seq, edges = [start], []
    for key in route["keys"]:
        rel = rels[key]
        seq.append(key[2] if key[0] == seq[-1] else key[0])
        edges.append(_edge(rel))
    nodes = [ents[n].brief() for n in seq]
    return {"hops": len(edges), "cost": round(sum(1.0 / max(1, e["weight"]) for e in edges), 6),
            "hub_cost": round(HUB_COST * route["hub_degrees"], 6), "explains": "proximity", "nodes": nodes,
            "edges": edges}


def _proximity_reason(path: dict | None, max_hops: int) -> str:
    if path is None:
        return f"no link outside the shared topics within {max_hops} hops"
    if path["hops"] == 1:
        return f"directly linked ({path['edges'][0]['type']})"
    via = [n["name"] for n in path["nodes"][1:-1]]
    return f"{path['hops']} hops via {_names(via)}"


def _rank(store, idx: MatchIndex, centre: Entity, cands: dict[str, float], topic_paths, topic_rels,
          k: int, max_hops: int, role: str, excluded: list | None = None) -> list[dict]:
    """Score candidates (id -> topic fit) in bound order; ``topic_paths(cand_brief)`` gives the
    candidate's topic paths and its topic reason, ``topic_rels(cand_id)`` the relations of those
    paths. With ``excluded`` (a list), candidates with a
    conflict of interest (graph/conflicts.py) are appended there instead of being ranked."""
    def topic_docs(c):
        found = idx.docs.get((role, c))
        if found is None:
            rels = idx.expert_focus.get(c, {}) if role == "expert" else idx.demand(c)[0]
            found = idx.docs[(role, c)] = sum(r.weight for r in rels.values())
        return found

    budget = max(50, 5 * k)
    pool = list(cands)
    if len(pool) > 4 * budget:  # only the first 4 * budget are looked at: order just those (ties kept)
        cut = sorted(cands.values(), reverse=True)[4 * budget - 1]
        pool = [c for c in pool if cands[c] >= cut]
    mine = idx.places.get(centre.id, set())
    cities = {p for p in mine if p.startswith("city:")}
    empty: set[str] = set()

    # -idx.closeness(centre.id, c), with the centre's places split once
    places = idx.places
    near = {c: (-1 if cities.isdisjoint(theirs) else -2) for c in pool
            if (theirs := places.get(c, empty)) and not mine.isdisjoint(theirs)} if mine else {}
    if role == "expert":  # topic_docs, without a call per candidate
        docs = idx.docs
        keyed = [(-cands[c], near.get(c, 0), -(docs.get(("expert", c)) or topic_docs(c)), c) for c in pool]
    else:
        keyed = [(-cands[c], near.get(c, 0), -topic_docs(c), c) for c in pool]
    keyed.sort()
    order = [k[3] for k in keyed]
    if excluded is not None:
        order = _exclude(store, idx, centre, order, role, excluded)
    # ONE search for every candidate that may get a proximity path; it stops after 60% of the store's
    # query timeout (a supernode): candidates it did not reach are scored without proximity
    deadline = time.monotonic() + 0.6 * float(getattr(store, "timeout", None) or 10.0)
    routes, done = explain.routes(store, centre.id, set(order[:budget]), max_hops, proximity_types(), deadline)
    looked: set[str] = set()  # candidates whose entity and path relations were read
    ents: dict[str, Entity] = {centre.id: centre}
    rels: dict[tuple, Relation] = {}
    scored: list[tuple] = []
    top: list[float] = []  # min-heap of the k best scores so far
    shown: dict[tuple, set[str]] = {}

    def page_docs(rel: Relation) -> set[str]:  # the documents of the evidence an answer shows
        got = shown.get(rel.key)
        if got is None:
            got = shown[rel.key] = {e.document for e in rel.evidence[:EVIDENCE_SHOWN]}
        return got

    for n, cand in enumerate(order):
        fit = cands[cand]
        timely = n < budget and (done or cand in routes)
        upper = round(W_TOPIC * fit + W_EVIDENCE + (W_PROXIMITY if timely else 0.0), 4)
        if n >= 4 * budget or (len(top) == k and upper < top[0]):
            break
        if cand not in looked:  # the next candidates' entities and path relations, in two reads
            ahead = [c for c in order[n:n + 32] if c not in looked]
            keys = sorted({key for c in ahead for key in (routes.get(c) or {}).get("keys", ())} - set(rels))
            ids = set(ahead) | {x for key in keys for x in (key[0], key[2])}
            looked.update(ahead)
            ents.update(_entities(store, ids - set(ents)))
            rels.update(store.get_relations(keys) if keys else {})
        ent = ents.get(cand)
        if ent is None:
            continue
        # the score first (cheap: documents and weights only); the answer's entries are built for
        # the k best alone, by ``entry`` (the same paths, so the same score)
        route = routes.get(cand) if timely else None
        route_rels = [rels[key] for key in route["keys"]] if route else []
        proximity = 1.0 / (1.0 + round(sum(1.0 / max(1, r.weight) for r in route_rels), 6)) if route else 0.0
        docs: set[str] = set()
        for rel in topic_rels(cand) + route_rels:
            docs |= page_docs(rel)
        evidence = min(1.0, len(docs) / EVIDENCE_DOCS)
        score = round(W_TOPIC * fit + W_PROXIMITY * proximity + W_EVIDENCE * evidence, 4)
        if len(top) < k:
            heapq.heappush(top, score)
        elif score > top[0]:
            heapq.heapreplace(top, score)
        scored.append((-score, cand, fit, timely, route))
    scored.sort(key=lambda m: m[:2])

    def entry(fit, timely, route, ent):
        tpaths, topic_reason = topic_paths(ent.brief())
        prox = _proximity(centre.id, route, rels, ents) if route else None
        proximity = 1.0 / (1.0 + prox["cost"]) if prox else 0.0
        paths = tpaths + ([prox] if prox else [])
        docs = _docs(paths)
        evidence = min(1.0, len(docs) / EVIDENCE_DOCS)
        score = round(W_TOPIC * fit + W_PROXIMITY * proximity + W_EVIDENCE * evidence, 4)
        reasons = [topic_reason, _proximity_reason(prox, max_hops) if timely else "proximity not computed",
                   f"{len(docs)} document{'s' if len(docs) != 1 else ''} back{'s' if len(docs) == 1 else ''} "
                   "these links"]
        return {role: ent.brief(), "score": score, "topic_fit": round(fit, 4),
                "proximity": round(proximity, 4), "evidence": round(evidence, 4),
                "reasons": reasons, "paths": paths}
    return [entry(fit, timely, route, ents[cand]) for _, cand, fit, timely, route in scored[:k]]


def _entities(store, ids) -> dict:
    """{id: Entity} in one read on either store."""
    if hasattr(store, "_timed_view"):
        return store.get_entities(ids)
    from graph.store.neo4j_paths import entities
    return entities(store, ids)


def _exclude(store, idx: MatchIndex, centre: Entity, order: list[str], role: str, excluded: list) -> list[str]:
    held = idx.conflicts.positions  # only a person holding a position can conflict
    if role == "enterprise" and not held.get(centre.id):
        return order
    related = idx.conflicts.related(centre.id) if role == "expert" else None
    kept = []
    for cand in order:
        if related is not None and related.isdisjoint(held.get(cand, ())):
            kept.append(cand)
            continue
        firm, person = (centre.id, cand) if role == "expert" else (cand, centre.id)
        why = idx.conflicts.reason(firm, person)
        if why is None:
            kept.append(cand)
            continue
        ent = store.get_entity(cand)
        excluded.append({role: ent.brief() if ent else {"id": cand, "name": cand, "type": ""},
                         "reason": why["reason"], "relations": [_edge(r) for r in why["relations"]]})
    return kept


def match_experts(store, enterprise_ref: str, k: int = 10, *, index=None,
                  max_hops: int = PROXIMITY_HOPS, conflicts: bool = True) -> dict:
    """Experts for an enterprise, best first (CONTRACT.md ``match experts`` shape).

    ``index`` is a MatchIndex, or a callable returning one (called only once the reference is
    resolved); by default one is built. With ``conflicts`` (the default) experts who hold a
    position at the enterprise, its parent or its units are listed under ``excluded`` with the
    reason instead of being ranked. Raises NotFound for an unknown reference and BadInput
    when it is not an Organisation.
    """
    check_range("k", k, 1, MAX_K)
    ent = _resolve(store, enterprise_ref, "Organisation", "enterprise")
    idx = _index(store, index)
    demand, how = idx.demand(ent.id)
    me = ent.brief()
    needed = sorted(demand)
    counts: Counter[str] = Counter()
    for t in needed:
        counts.update(idx.experts_by_topic.get(t, ()))
    cands = {p: n / len(demand) for p, n in counts.items()}

    def shared(expert: str) -> list[str]:  # the needed topics the expert focuses on
        mine = idx.expert_focus[expert]
        return [t for t in needed if t in mine]

    def topic_paths(expert: dict):
        ts = sorted(shared(expert["id"]), key=lambda t: idx.topics.get(t, {}).get("name", t))
        paths = [_topic_path(me, demand[t], idx.topics.get(t) or _topic_brief(store, t),
                             idx.expert_focus[expert["id"]][t], expert) for t in ts]
        names = [p["nodes"][1]["name"] for p in paths]
        return paths, f"shares {len(ts)} of {len(demand)} {how} topics: {_names(names)}"

    def topic_rels(expert: str) -> list[Relation]:
        mine = idx.expert_focus[expert]
        return [r for t in shared(expert) for r in (demand[t], mine[t])]

    excluded: list | None = [] if conflicts else None
    matches = _rank(store, idx, ent, cands, topic_paths, topic_rels, k, max_hops, "expert", excluded)
    return {"enterprise": me, "topics": [idx.topics.get(t) or _topic_brief(store, t) for t in sorted(demand)],
            "matches": matches, "excluded": excluded or []}


def match_enterprises(store, expert_ref: str, k: int = 10, *, index=None,
                      max_hops: int = PROXIMITY_HOPS, conflicts: bool = True) -> dict:
    """Enterprises for an expert, best first: ``{"expert", "topics", "matches": [{"enterprise", ...}]}``.

    Raises NotFound for an unknown reference and BadInput when it is not a Person.
    """
    check_range("k", k, 1, MAX_K)
    ent = _resolve(store, expert_ref, "Person", "expert")
    idx = _index(store, index)
    topics = idx.expert_focus.get(ent.id, {})
    me = ent.brief()
    cands: dict[str, float] = {}
    for t in topics:
        for org in idx.enterprises_by_topic.get(t, ()):
            if org not in cands:
                demand = idx.demand(org)[0]
                cands[org] = len(set(demand) & set(topics)) / len(demand)

    def topic_paths(enterprise: dict):
        demand, how = idx.demand(enterprise["id"])
        ts = sorted(set(demand) & set(topics), key=lambda t: idx.topics.get(t, {}).get("name", t))
        paths = [_topic_path(me, topics[t], idx.topics.get(t) or _topic_brief(store, t), demand[t], enterprise)
                 for t in ts]
        names = [p["nodes"][1]["name"] for p in paths]
        return paths, f"covers {len(ts)} of its {len(demand)} {how} topics: {_names(names)}"

    def topic_rels(enterprise: str) -> list[Relation]:
        demand = idx.demand(enterprise)[0]
        return [r for t in set(demand) & set(topics) for r in (topics[t], demand[t])]

    excluded: list | None = [] if conflicts else None
    matches = _rank(store, idx, ent, cands, topic_paths, topic_rels, k, max_hops, "enterprise", excluded)
    return {"expert": me, "topics": [idx.topics.get(t) or _topic_brief(store, t) for t in sorted(topics)],
            "matches": matches, "excluded": excluded or []}


def _topic_brief(store, topic_id: str) -> dict:
    ent = store.get_entity(topic_id)
    return ent.brief() if ent else {"id": topic_id, "name": topic_id.split(":", 1)[-1], "type": "Topic"}

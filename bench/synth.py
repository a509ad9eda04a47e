"""A seeded generator of cooperation graphs for the benchmarks.

Cities, regions, organisations, people, projects and topics joined by LOCATED_IN, HOLDS_POSITION,
PARTICIPATES_IN, ORGANISES, COOPERATES_WITH, FOCUSES_ON and NEEDS, each relation with evidence from
synthetic document ids. Endpoints are drawn from Zipf-like weights (a few big cities, organisations,
programmes and topics collect most links: the supernodes "Beijing", "China Association for Science
and Technology", "Innovation China", "Artificial Intelligence"), plus peripheral cooperation chains
that give long hop distances, a third of them detached from the rest (unreachable pairs).

The same ``(n_relations, seed)`` always gives the same graph, and exactly ``n_relations`` distinct
relations, all valid under the ontology.

>>> g = generate(2000, seed=1)
>>> len(g.relations), len({r.key for r in g.relations})
(2000, 2000)
>>> g.relations[:3] == generate(2000, seed=1).relations[:3]
True
>>> sum(len(b.relations) for b in g.batches(500))
2000
"""
from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import dataclass, field

from graph.model import Batch, Entity, Evidence, Relation
from graph.schema import ontology

SUPERNODES = {
    "Region": "Zhejiang Province",
    "City": "Beijing",
    "Organisation": "China Association for Science and Technology",
    "Person": "Zhang Wei",
    "Project": "Innovation China",
    "Topic": "Artificial Intelligence",
}
PREFIX = {"Region": "Province", "City": "Chengshi", "Organisation": "Org", "Person": "Person",
          "Project": "Project", "Topic": "Topic"}
ORG_SUFFIX = ("Technology Co., Ltd.", "Research Institute", "University", "Association", "Industrial Park Committee")


@dataclass
class SynthGraph:
    n: int
    seed: int
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    islands: set[str] = field(default_factory=set)       # node ids of the detached chains
    chain_ends: list[str] = field(default_factory=list)  # far ends of the attached chains
    supernodes: dict[str, str] = field(default_factory=dict)

    def batches(self, size: int = 5000):
        """Batches of ``size`` relations carrying the endpoints not sent before (in order)."""
        sent: set[str] = set()
        for i in range(0, len(self.relations), size):
            rels = self.relations[i:i + size]
            ents = []
            for r in rels:
                for end in (r.source, r.target):
                    if end not in sent:
                        sent.add(end)
                        ents.append(self.entities[end])
            yield Batch(ents, rels)

    def rows(self):
        """One batch per relation with both endpoints: the one-transaction-per-row load."""
        for r in self.relations:
            yield Batch([self.entities[r.source], self.entities[r.target]], [r])

    def summary(self) -> dict:
        deg = Counter()
        for r in self.relations:
            deg[r.source] += 1
            deg[r.target] += 1
        degs = sorted(deg.values(), reverse=True)
        return {"relations": len(self.relations), "nodes": len(self.entities),
                "nodes_by_label": dict(Counter(e.label for e in self.entities.values())),
                "relations_by_type": dict(Counter(r.type for r in self.relations)),
                "max_degree": degs[0], "median_degree": degs[len(degs) // 2],
                "top5_degrees": degs[:5], "island_nodes": len(self.islands)}


def _zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def generate(n_relations: int, seed: int = 7) -> SynthGraph:
    """A graph of exactly ``n_relations`` distinct relations (n_relations >= 1000)."""
    if n_relations < 1000:
        raise ValueError("n_relations must be at least 1000")
    rnd = random.Random(seed)
    g = SynthGraph(n_relations, seed)
    onto = ontology()
    counts = {"Region": 34, "City": max(60, n_relations // 60), "Organisation": n_relations // 8,
              "Person": n_relations // 6, "Project": max(30, n_relations // 40), "Topic": max(30, n_relations // 500)}
    ids: dict[str, list[str]] = {}
    kinds = ("enterprise", "institute", "university", "association", "government")
    for label, count in counts.items():
        out = []
        for i in range(count):
            if i == 0:
                name = SUPERNODES[label]
            elif label == "Organisation":
                name = f"{PREFIX[label]} {i} {ORG_SUFFIX[i % len(ORG_SUFFIX)]}"
            else:
                name = f"{PREFIX[label]} {i}"
            props = {"kind": kinds[i % len(kinds)]} if label == "Organisation" else {}
            ent = Entity(f"{label.lower()}:{PREFIX[label].lower()}-{i}" if i else "", label, name, set(), props)
            ent.validate()
            g.entities[ent.id] = ent
            out.append(ent.id)
        ids[label] = out
        g.supernodes[label] = out[0]
    cum = {label: _zipf_cum(len(v), 1.0 if label != "Person" else 0.6) for label, v in ids.items()}
    n_docs = max(100, n_relations // 5)
    doc_cum = _zipf_cum(n_docs, 0.8)
    seen: set[tuple] = set()

    def pick(label: str, k: int) -> list[str]:
        return rnd.choices(ids[label], cum_weights=cum[label], k=k)

    def add(src: str, typ: str, tgt: str) -> bool:
        if len(g.relations) >= n_relations or src == tgt:
            return False
        rel = Relation(src, typ, tgt)
        if onto.relations[typ].symmetric and tgt < src:
            rel.source, rel.target = tgt, src
        if rel.key in seen:
            return False
        seen.add(rel.key)
        n_ev = 1 + (rnd.random() < 0.25) + (rnd.random() < 0.08)
        docs = rnd.choices(range(n_docs), cum_weights=doc_cum, k=n_ev)
        rel.evidence = [Evidence(f"document:synth-{d}", f"{typ.lower()} {len(g.relations)}", extractor="synth",
                                 confidence=0.9) for d in dict.fromkeys(docs)]
        g.relations.append(rel)
        return True

    # Peripheral cooperation chains first (they must fit in n): long hops and detached islands.
    n_chains = max(9, n_relations // 2500)
    chain_id = itertools.count()
    for c in range(n_chains):
        length = 4 + c % 5
        chain = []
        for _ in range(length):
            i = next(chain_id)
            ent = Entity(f"organisation:periphery-{i}", "Organisation", f"Periphery Org {i}", set(), {"kind": "enterprise"})
            ent.validate()
            g.entities[ent.id] = ent
            chain.append(ent.id)
        for a, b in zip(chain, chain[1:]):
            add(a, "COOPERATES_WITH", b)
        if c % 3 == 2:
            g.islands.update(chain)
        else:
            # attach to a random (not super) organisation of the main graph
            add(chain[0], "COOPERATES_WITH", ids["Organisation"][rnd.randrange(1, len(ids["Organisation"]))])
            g.chain_ends.append(chain[-1])
    # Structure every node has.
    for city, region in zip(ids["City"], pick("Region", len(ids["City"]))):
        add(city, "LOCATED_IN", region)
    for org, city in zip(ids["Organisation"], pick("City", len(ids["Organisation"]))):
        add(org, "LOCATED_IN", city)
    for person, org in zip(ids["Person"], pick("Organisation", len(ids["Person"]))):
        add(person, "HOLDS_POSITION", org)
    for proj, org in zip(ids["Project"], pick("Organisation", len(ids["Project"]))):
        add(org, "ORGANISES", proj)
    for proj, city in zip(ids["Project"][::2], pick("City", len(ids["Project"]))):
        add(proj, "LOCATED_IN", city)
    for person, topic in zip(ids["Person"], pick("Topic", len(ids["Person"]))):
        add(person, "FOCUSES_ON", topic)
    for proj, topic in zip(ids["Project"], pick("Topic", len(ids["Project"]))):
        add(proj, "FOCUSES_ON", topic)
    # Then skewed random links until exactly n distinct relations.
    mix = [("PARTICIPATES_IN", 0.30), ("COOPERATES_WITH", 0.22), ("FOCUSES_ON", 0.16), ("NEEDS", 0.10),
           ("HOLDS_POSITION", 0.12), ("ORGANISES", 0.03), ("LOCATED_IN", 0.07)]
    types, weights = zip(*mix)
    sources = {"PARTICIPATES_IN": (("Organisation", 0.5), ("Person", 0.35), ("City", 0.15)),
               "COOPERATES_WITH": (("Organisation", 0.8), ("City", 0.15), ("Region", 0.05)),
               "FOCUSES_ON": (("Organisation", 0.6), ("City", 0.1), ("Person", 0.3)),
               "NEEDS": (("Organisation", 1.0),), "HOLDS_POSITION": (("Person", 1.0),),
               "ORGANISES": (("Organisation", 0.9), ("Person", 0.1)), "LOCATED_IN": (("Organisation", 1.0),)}
    targets = {"PARTICIPATES_IN": (("Project", 1.0),), "COOPERATES_WITH": (("Organisation", 0.85), ("City", 0.15)),
               "FOCUSES_ON": (("Topic", 1.0),), "NEEDS": (("Topic", 1.0),),
               "HOLDS_POSITION": (("Organisation", 0.9), ("City", 0.07), ("Region", 0.03)),
               "ORGANISES": (("Project", 1.0),), "LOCATED_IN": (("City", 1.0),)}
    while len(g.relations) < n_relations:
        for typ in rnd.choices(types, weights=weights, k=4096):
            sl = rnd.choices(*zip(*sources[typ]))[0]
            tl = rnd.choices(*zip(*targets[typ]))[0]
            add(pick(sl, 1)[0], typ, pick(tl, 1)[0])
    # Drop entities no relation uses (tiny graphs), so every node is reachable from some edge.
    used = {x for r in g.relations for x in (r.source, r.target)}
    g.entities = {k: v for k, v in g.entities.items() if k in used}
    return g


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys
    import time

    t = time.perf_counter()
    graph = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    print(json.dumps({**graph.summary(), "seconds": round(time.perf_counter() - t, 2)}, indent=1))

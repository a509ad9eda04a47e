"""The cooperation network between places (cities or regions); works on any GraphStore.

Nodes are Cities (``level="city"``) or Regions (``level="region"``). Two places are joined when
something ties them, and the edge weight is the sum of these contributions:

- ``cooperation``: a COOPERATES_WITH link between the places themselves or between anything
  located in them (organisations LOCATED_IN a city, cities LOCATED_IN a region): 1.0 for every
  document behind the link;
- ``project``: a Project or Event that both take part in (PARTICIPATES_IN or ORGANISES by the place
  or by an organisation or person located there, or the project LOCATED_IN the place):
  0.5 / (n - 1), where n is the number of places the project touches;
- ``organisation``: one organisation present in both (LOCATED_IN, or through a branch PART_OF it):
  0.5 / (n - 1);
- ``person``: one person holding positions in both: 0.5 / (n - 1).

Layers. By default the network shows *direct* cooperation only: ``cooperation`` links, and joint
bodies: a project or event (not a programme) touching at most ``JOINT_PLACES`` places, or an
organisation with branches (PART_OF) in both. Shared programme membership (a programme, a broad
project, an organisation located in several places, a person with positions in both) is the
*shared* layer, added with ``shared=True``; each edge says its ``layer`` (direct when any of its
weight is direct) and each evidence item its own.

Nodes carry their programme ``roles`` (PARTICIPATES_IN {role, year}, e.g. pilot city 2021) and their
``parent``, the place that contains them (a district's city, a city's province); ``groups`` lists
the containers that are not nodes themselves, so a drawing can nest province → city → district.

Broad hubs count less (a programme with 40 member cities ties each pair by 0.5 / 39); hubs touching
more than ``MAX_HUB_PLACES`` places are ignored. A place never cooperates with a place that contains
it (Jiaxing and Zhejiang), nor with its own short name (Binhai and Binhai New Area). Each edge lists its evidence: the kind, the hub it goes through, the
relations, their documents and sentences (at most ``MAX_EVIDENCE`` items per edge).

Building reads the store once (``CoopIndex.build``); the API keeps one index per store version.

>>> from graph.store import open_store
>>> from graph.model import Batch, Entity, Evidence, Relation
>>> s = open_store("sqlite://:memory:")
>>> a, b = Entity.new("City", "Hangzhou"), Entity.new("City", "Changchun")
>>> ev = [Evidence("document:n4", "Hangzhou and Changchun signed an agreement.")]
>>> _ = s.upsert(Batch([a, b], [Relation.new(a, "COOPERATES_WITH", b, evidence=ev)]))
>>> net = network(s)
>>> [(e["source"], e["target"], e["weight"], e["kinds"]) for e in net["edges"]]
[('city:changchun', 'city:hangzhou', 1.0, {'cooperation': 1.0})]
>>> partners(s, "Hangzhou")["partners"][0]["partner"]["name"]
'Changchun'
>>> s.close()
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from graph.errors import BadInput
from graph.limits import MAX_LIMIT, check_range
from graph.model import Relation

JOINT_PLACES = 4
W_COOPERATION = 1.0
W_SHARED = 0.5
MAX_HUB_PLACES = 300
MAX_EVIDENCE = 20
LEVELS = {"city": "City", "region": "Region"}
_LABELS = {"city": "City", "region": "Region", "organisation": "Organisation", "person": "Person",
           "project": "Project", "event": "Event", "topic": "Topic"}
TYPES = ("LOCATED_IN", "PART_OF", "HOLDS_POSITION", "PARTICIPATES_IN", "ORGANISES", "COOPERATES_WITH")


PLACE_SUFFIXES = ("new area", "district", "county", "city", "zone", "high-tech zone", "development zone",
                  "economic and technological development zone", "province", "municipality")


def same_place(x: str, y: str) -> bool:
    """Whether one name is the other plus a place word: "Binhai" / "Binhai New Area".

    >>> same_place("Binhai", "Binhai New Area"), same_place("Jilin", "Jilin City"), same_place("Jinhua", "Jiaxing")
    (True, True, False)
    """
    a, b = sorted((" ".join(x.lower().split()), " ".join(y.lower().split())), key=len)
    return a != b and b.startswith(a + " ") and b[len(a) + 1:] in PLACE_SUFFIXES


def _label(node_id: str) -> str:
    return _LABELS.get(node_id.split(":", 1)[0], "")


@dataclass
class CoopIndex:
    """The relations that tie places, read once; networks per level are computed on demand."""

    located: dict[str, list[tuple[str, Relation]]] = field(default_factory=dict)
    held: dict[str, list[tuple[str, Relation]]] = field(default_factory=dict)
    members: dict[str, list[tuple[str, Relation]]] = field(default_factory=dict)   # project/event -> members
    branches: dict[str, list[tuple[str, Relation]]] = field(default_factory=dict)  # org -> PART_OF children
    cooperation: list[Relation] = field(default_factory=list)
    briefs: dict[str, dict] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)     # place -> its level property
    kinds: dict[str, str] = field(default_factory=dict)      # project -> its kind property
    roles: dict[str, list[dict]] = field(default_factory=dict)  # place -> programme roles
    _edges: dict[str, dict] = field(default_factory=dict)
    _anchors: dict[tuple[str, str], dict] = field(default_factory=dict)
    _ancestors: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, store) -> CoopIndex:
        idx = cls()
        for r in store.iter_relations(TYPES):
            if r.type == "LOCATED_IN":
                idx.located.setdefault(r.source, []).append((r.target, r))
            elif r.type == "HOLDS_POSITION":
                idx.held.setdefault(r.source, []).append((r.target, r))
            elif r.type in ("PARTICIPATES_IN", "ORGANISES"):
                idx.members.setdefault(r.target, []).append((r.source, r))
                if r.type == "PARTICIPATES_IN" and r.properties.get("role") and _label(r.source) in ("City", "Region"):
                    idx.roles.setdefault(r.source, []).append(
                        {"project": r.target, "role": r.properties["role"], "year": r.properties.get("year")})
            elif r.type == "PART_OF" and _label(r.source) == "Organisation":
                idx.branches.setdefault(r.target, []).append((r.source, r))
            elif r.type == "COOPERATES_WITH":
                idx.cooperation.append(r)
        labels = ["City", "Region", "Organisation", "Person", "Project", "Event"]
        for e in store.iter_entities(labels):
            idx.briefs[e.id] = e.brief()
            if e.label in ("City", "Region") and e.properties.get("level"):
                idx.levels[e.id] = str(e.properties["level"])
            elif e.label == "Project" and e.properties.get("kind"):
                idx.kinds[e.id] = str(e.properties["kind"]).lower()
        for rs in idx.roles.values():
            for r in rs:
                r["project"] = idx.briefs.get(r["project"]) or {"id": r["project"], "name": r["project"], "type": "Project"}
            rs.sort(key=lambda r: (r.get("year") is None, str(r.get("year") or ""), r["role"]))  # dated first
        return idx

    def parent(self, place: str) -> str | None:
        """The place that directly contains a City: a City for a district (zone, county), else its
        province (or another Region below country level). Regions have none: the nesting is
        province → city → district."""
        if _label(place) != "City":
            return None
        district = self.levels.get(place, "city") != "city"
        ups = sorted((t for t, _ in self.located.get(place, ()) if t != place), key=lambda t: (
            _label(t) != "City", self.levels.get(t) not in (None, "province"), t))
        ups = [t for t in ups if (_label(t) == "City" and district)
               or (_label(t) == "Region" and self.levels.get(t) != "country")]
        return ups[0] if ups else None

    # ---- places ------------------------------------------------------------------------------
    def ancestors(self, place: str) -> set[str]:
        """Cities and regions that contain ``place`` (LOCATED_IN, transitively)."""
        if place in self._ancestors:
            return self._ancestors[place]
        seen: set[str] = set()
        todo = [place]
        while todo:
            for t, _ in self.located.get(todo.pop(), ()):
                if t not in seen and t != place and _label(t) in ("City", "Region"):
                    seen.add(t)
                    todo.append(t)
        self._ancestors[place] = seen
        return seen

    def nested(self, a: str, b: str) -> bool:
        """One contains the other (LOCATED_IN), or one is the other's short name ("Binhai" and
        "Binhai New Area"): either way, not two places that cooperate."""
        return a in self.ancestors(b) or b in self.ancestors(a) or same_place(
            self.briefs.get(a, {}).get("name", a), self.briefs.get(b, {}).get("name", b))

    def anchors(self, node: str, level: str, depth: int = 0) -> dict[str, list[Relation]]:
        """The places of ``level`` that ``node`` belongs to, each with the relations that say so."""
        key = (node, level)
        if key in self._anchors:
            return self._anchors[key]
        label, want = _label(node), LEVELS[level]
        out: dict[str, list[Relation]] = {}
        if label == want:
            out[node] = []
        elif depth < 4 and label in ("City", "Region", "Organisation", "Project", "Event", "Person"):
            links = self.held.get(node, []) if label == "Person" else self.located.get(node, [])
            for target, rel in links:
                for place, chain in self.anchors(target, level, depth + 1).items():
                    out.setdefault(place, [rel, *chain])
        self._anchors[key] = out
        return out

    # ---- edges -------------------------------------------------------------------------------
    def edges(self, level: str, shared: bool = True) -> dict:
        """{(a, b): {"weight", "direct", "kinds", "evidence"}} for ``level`` (computed once); without
        ``shared``, only the edges and weights of the direct layer."""
        if level not in self._edges:
            self._edges[level] = self._compute(level)
        if shared:
            return self._edges[level]
        key = level + ":direct"
        if key not in self._edges:
            self._edges[key] = {k: {"weight": e["direct"], "direct": e["direct"], "kinds": e["direct_kinds"],
                                    "evidence": [ev for ev in e["evidence"] if ev["layer"] == "direct"]}
                                for k, e in self._edges[level].items() if e["direct"] > 0}
        return self._edges[key]

    def _layer(self, kind: str, hub: str | None, n: int, branches: bool) -> str:
        if kind == "cooperation":
            return "direct"
        if kind == "project":
            return "direct" if n <= JOINT_PLACES and self.kinds.get(hub) != "programme" else "shared"
        if kind == "organisation":
            return "direct" if branches and n <= JOINT_PLACES else "shared"
        return "shared"

    def _compute(self, level: str) -> dict:
        edges: dict[tuple[str, str], dict] = {}

        def add(a, b, kind, via, weight, rels, layer="direct"):
            if a == b or self.nested(a, b):
                return
            key = (a, b) if a < b else (b, a)
            e = edges.setdefault(key, {"weight": 0.0, "direct": 0.0, "kinds": {}, "direct_kinds": {}, "evidence": []})
            e["weight"] += weight
            e["kinds"][kind] = e["kinds"].get(kind, 0.0) + weight
            if layer == "direct":
                e["direct"] += weight
                e["direct_kinds"][kind] = e["direct_kinds"].get(kind, 0.0) + weight
            if len(e["evidence"]) < MAX_EVIDENCE or (layer == "direct" and len(e["evidence"]) < 2 * MAX_EVIDENCE):
                uniq = list({r.key: r for r in rels}.values())
                e["evidence"].append({
                    "kind": kind, "layer": layer, "via": self.briefs.get(via) if via else None,
                    "weight": round(weight, 4),
                    "relations": [list(r.key) for r in uniq],
                    "documents": sorted({ev.document for r in uniq for ev in r.evidence})[:10],
                    "sentences": [r.evidence[0].sentence for r in uniq if r.evidence and r.evidence[0].sentence][:3]})

        for rel in self.cooperation:
            for a, ca in self.anchors(rel.source, level).items():
                for b, cb in self.anchors(rel.target, level).items():
                    add(a, b, "cooperation", None, W_COOPERATION * rel.weight, [rel, *ca, *cb])
        hubs: list[tuple[str, str, dict[str, list[Relation]], bool]] = []
        for hub, members in self.members.items():
            places = dict(self.anchors(hub, level))
            for m, rel in members:
                for place, chain in self.anchors(m, level).items():
                    places.setdefault(place, [rel, *chain])
            hubs.append(("project", hub, places, False))
        for org in sorted(set(self.branches) | {n for n in self.located if _label(n) == "Organisation"}):
            places = dict(self.anchors(org, level))
            own = set(places)
            for child, rel in self.branches.get(org, ()):
                for place, chain in self.anchors(child, level).items():
                    places.setdefault(place, [rel, *chain])
            hubs.append(("organisation", org, places, len(own) <= 1 < len(places)))
        for person in self.held:
            hubs.append(("person", person, self.anchors(person, level), False))
        for kind, hub, places, branches in hubs:
            n = len(places)
            if 2 <= n <= MAX_HUB_PLACES:
                layer = self._layer(kind, hub, n, branches)
                for a, b in combinations(sorted(places), 2):
                    add(a, b, kind, hub, W_SHARED / (n - 1), [*places[a], *places[b]], layer)
        return edges


def _place(store, ref: str, label: str | None, where: str) -> dict:
    ent = (store.get(ref, label) if label else None) or store.resolve(ref)
    want = (label,) if label else ("City", "Region")
    if ent.label not in want:
        raise BadInput(f"{ent.name!r} is a {ent.label}, not a {' or a '.join(want)}", where=where)
    return ent.brief()


def _edge_out(a: str, b: str, e: dict) -> dict:
    return {"source": a, "target": b, "weight": round(e["weight"], 4), "direct_weight": round(e["direct"], 4),
            "layer": "direct" if e["direct"] > 0 else "shared",
            "kinds": {k: round(v, 4) for k, v in sorted(e["kinds"].items())}, "evidence": e["evidence"]}


def network(store, level: str = "city", region: str | None = None, min_weight: float = 0.0,
            limit: int = MAX_LIMIT, *, index=None, shared: bool = False) -> dict:
    """The cooperation network: ``{"level", "region", "min_weight", "shared", "nodes", "edges", "groups"}``.

    Direct cooperation only, unless ``shared`` adds the shared-membership layer (module docstring).

    ``region`` keeps only places inside that Region (LOCATED_IN, transitively); ``limit`` keeps the
    heaviest edges. Nodes are the places of the kept edges, heaviest (sum of edge weights) first.
    ``index`` is a CoopIndex or a callable returning one (called after the checks); by default one
    is built.
    """
    if level not in LEVELS:
        raise BadInput(f"level must be city or region, got {level!r}", where="level")
    check_range("limit", limit, 1, MAX_LIMIT)
    if min_weight < 0:
        raise BadInput("must be at least 0", where="min_weight")
    scope = _place(store, region, "Region", "region") if region else None
    idx = index() if callable(index) else (index or CoopIndex.build(store))
    edges = []
    for (a, b), e in idx.edges(level, shared).items():
        if e["weight"] + 1e-9 < min_weight:
            continue
        if scope and not (scope["id"] in idx.ancestors(a) and scope["id"] in idx.ancestors(b)):
            continue
        edges.append(_edge_out(a, b, e))
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    edges = edges[:limit]
    nodes: dict[str, dict] = {}
    for e in edges:
        for end in (e["source"], e["target"]):
            brief = idx.briefs.get(end) or {"id": end, "name": end, "type": LEVELS[level]}
            n = nodes.setdefault(end, {**brief, "weight": 0.0, "degree": 0, "roles": idx.roles.get(end, []),
                                       "parent": idx.parent(end)})
            n["weight"] = round(n["weight"] + e["weight"], 4)
            n["degree"] += 1
    groups: dict[str, dict] = {}
    todo = [n["parent"] for n in nodes.values() if n["parent"]]
    while todo:
        g = todo.pop()
        if g in nodes or g in groups or (scope and g == scope["id"]):
            continue
        groups[g] = {**(idx.briefs.get(g) or {"id": g, "name": g, "type": _label(g) or "Region"}),
                     "parent": idx.parent(g), "roles": idx.roles.get(g, [])}
        if groups[g]["parent"]:
            todo.append(groups[g]["parent"])
    for n in [*nodes.values(), *groups.values()]:
        if scope and n["parent"] == scope["id"]:
            n["parent"] = None
    return {"level": level, "region": scope, "min_weight": min_weight, "shared": shared,
            "nodes": sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"])), "edges": edges,
            "groups": sorted(groups.values(), key=lambda g: g["id"])}


def partners(store, place_ref: str, limit: int = 50, *, index=None, shared: bool = False) -> dict:
    """One city's (or region's) partners, heaviest first: ``{"place", "level", "partners"}``; direct
    cooperation only unless ``shared``."""
    check_range("limit", limit, 1, MAX_LIMIT)
    place = _place(store, place_ref, None, "id")
    level = "city" if place["type"] == "City" else "region"
    idx = index() if callable(index) else (index or CoopIndex.build(store))
    found = []
    for (a, b), e in idx.edges(level, shared).items():
        if place["id"] in (a, b):
            other = b if a == place["id"] else a
            out = _edge_out(a, b, e)
            found.append({"partner": idx.briefs.get(other) or {"id": other, "name": other, "type": place["type"]},
                          "weight": out["weight"], "kinds": out["kinds"], "evidence": out["evidence"]})
    found.sort(key=lambda p: (-p["weight"], p["partner"]["id"]))
    return {"place": place, "level": level, "partners": found[:limit]}

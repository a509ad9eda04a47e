"""Batch builders for store tests: small graphs of cities, organisations and people, each relation
backed by evidence from a named document.

>>> b = GraphBuilder()
>>> jx = b.add("City", "Jiaxing", aliases=["嘉兴"])
>>> zj = b.add("Region", "Zhejiang province")
>>> _ = b.link(jx, "LOCATED_IN", zj, doc="news-02")
>>> batch = b.batch()
>>> [e.id for e in batch.entities], [r.key for r in batch.relations]
(['city:jiaxing', 'region:zhejiang'], [('city:jiaxing', 'LOCATED_IN', 'region:zhejiang')])
>>> [(d.id, sorted(d.mentions)) for d in batch.documents]
[('document:news-02', ['city:jiaxing', 'region:zhejiang'])]
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

from graph.ids import make_id
from graph.model import Batch, Document, Entity, Evidence, Relation


def doc_id(name: str) -> str:
    """The document id of a named test document: ``doc_id("news-02") == "document:news-02"``."""
    return make_id("Document", name)


@dataclass
class _Link:
    source: str
    type: str
    target: str
    doc: str
    sentence: str
    properties: dict
    start: int | None
    end: int | None
    confidence: float


@dataclass
class GraphBuilder:
    """Collects entities, relations (with one evidence item each) and document mentions.

    ``batch()`` builds fresh model objects every call, so the same graph can be upserted twice.
    """

    entities: dict[str, tuple] = field(default_factory=dict)
    links: list[_Link] = field(default_factory=list)
    mentions: dict[str, set[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def add(self, label: str, name: str, aliases=(), **props) -> str:
        """Add an entity; returns its id (as the model derives it)."""
        ent = Entity.new(label, name, aliases, props)
        self.entities[ent.id] = (label, name, tuple(aliases), dict(props))
        return ent.id

    def link(self, source: str, rel_type: str, target: str, doc: str = "doc-a", sentence: str | None = None,
             *, start: int | None = None, end: int | None = None, confidence: float = 0.9, **props):
        """Add ``source rel_type target`` evidenced by one sentence of document ``doc``."""
        self.links.append(_Link(source, rel_type, target, doc,
                                sentence if sentence is not None else f"{source} {rel_type} {target}.",
                                dict(props), start, end, confidence))
        self.kinds.setdefault(doc, "news")
        return self

    def mention(self, doc: str, *ids: str, kind: str = "news"):
        """Document ``doc`` mentions ``ids`` (provenance only, no relation)."""
        self.mentions.setdefault(doc, set()).update(ids)
        self.kinds.setdefault(doc, kind)
        return self

    def relations(self) -> list[Relation]:
        return [Relation(x.source, x.type, x.target, dict(x.properties),
                         [Evidence(doc_id(x.doc), x.sentence, x.start, x.end, "test", x.confidence)]).canonical()
                for x in self.links]

    def documents(self) -> list[Document]:
        docs = {}
        for name, kind in self.kinds.items():
            mentioned = set(self.mentions.get(name, ()))
            for x in self.links:
                if x.doc == name:
                    mentioned |= {x.source, x.target}
            docs[name] = Document(doc_id(name), kind, title=f"Test document {name}", mentions=mentioned)
        return list(docs.values())

    def entity_list(self) -> list[Entity]:
        return [Entity.new(label, name, aliases, props) for label, name, aliases, props in self.entities.values()]

    def batch(self, documents: bool = True) -> Batch:
        return Batch(self.entity_list(), self.relations(), self.documents() if documents else [])


def ent(label: str, name: str, aliases=(), **props) -> Entity:
    return Entity.new(label, name, aliases, props)


def rel(source: str, rel_type: str, target: str, doc: str = "doc-a", sentence: str | None = None,
        **props) -> Relation:
    """A relation between ids with one evidence item from ``doc``."""
    return Relation(source, rel_type, target, dict(props),
                    [Evidence(doc_id(doc), sentence if sentence is not None else f"{source} {rel_type} {target}.",
                              extractor="test", confidence=0.9)])


def export_text(store, fmt: str = "json") -> str:
    buf = io.StringIO()
    store.export(fmt, buf)
    return buf.getvalue()


def export_json(store) -> dict:
    return json.loads(export_text(store, "json"))


# ---- graphs ------------------------------------------------------------------------------------
def cooperation_graph() -> GraphBuilder:
    """The small sample world of the ontology: 12 entities, 11 relations, 5 documents, 16 mentions.

    Zhang Bing -HOLDS_POSITION-> Jiaxing AST -LOCATED_IN-> Jiaxing -PARTICIPATES_IN-> Innovation China
    <-PARTICIPATES_IN- Guiyang; CAST -ORGANISES-> Innovation China; Jiaxing, Hangzhou -LOCATED_IN->
    Zhejiang province -COOPERATES_WITH- Jilin province <-LOCATED_IN- Jilin city; ...
    """
    b = GraphBuilder()
    zj = b.add("Region", "Zhejiang province", aliases=["Zhejiang", "浙江"], level="province")
    jlp = b.add("Region", "Jilin province", aliases=["吉林省"], level="province")
    jx = b.add("City", "Jiaxing", aliases=["嘉兴", "Jiaxing City"], province="Zhejiang", level="city")
    hz = b.add("City", "Hangzhou", aliases=["杭州"], province="Zhejiang", level="city")
    jlc = b.add("City", "Jilin city", aliases=["吉林市"], province="Jilin", level="city")
    gy = b.add("City", "Guiyang", aliases=["贵阳"], province="Guizhou", level="city")
    cast = b.add("Organisation", "China Association for Science and Technology", aliases=["CAST", "中国科协"],
                 kind="association")
    jast = b.add("Organisation", "Jiaxing Association for Science and Technology", aliases=["Jiaxing AST"],
                 kind="association")
    huai = b.add("Person", "Huai Jinpeng", aliases=["怀进鹏"], titles=["Executive Vice Chairman"])
    zb = b.add("Person", "Zhang Bing")
    ic = b.add("Project", "Innovation China", aliases=["科创中国"], kind="programme", year=2021)
    bd = b.add("Topic", "big data", aliases=["大数据"])
    b.link(cast, "ORGANISES", ic, "news-01", "CAST launched Innovation China.")
    b.link(jx, "PARTICIPATES_IN", ic, "news-01", "Jiaxing was named an innovation hub city of Innovation China.",
           role="innovation hub city", year=2021)
    b.link(gy, "PARTICIPATES_IN", ic, "news-01", "Guiyang became a pilot city.", role="pilot city")
    b.link(jx, "LOCATED_IN", zj, "news-02", "Jiaxing, in northern Zhejiang, ...")
    b.link(hz, "LOCATED_IN", zj, "news-02", "Hangzhou, the capital of Zhejiang, ...")
    b.link(jast, "LOCATED_IN", jx, "news-02", "The Jiaxing AST in Jiaxing ...")
    b.link(zb, "HOLDS_POSITION", jast, "news-02", "Zhang Bing, chairman of the Jiaxing AST, ...", title="chairman")
    b.link(zj, "COOPERATES_WITH", jlp, "news-04", "Zhejiang and Jilin deepened their cooperation.")
    b.link(jlc, "LOCATED_IN", jlp, "news-04", "Jilin city in Jilin province ...")
    b.link(huai, "HOLDS_POSITION", cast, "news-05", "Huai Jinpeng, Executive Vice Chairman of CAST, ...",
           title="Executive Vice Chairman")
    b.link(gy, "FOCUSES_ON", bd, "news-06", "Guiyang focuses on big data.")
    return b


COOPERATION_STATS = {
    "nodes": {"City": 4, "Region": 2, "Organisation": 2, "Person": 2, "Project": 1, "Topic": 1, "Event": 0},
    "relations": {"LOCATED_IN": 4, "PART_OF": 0, "HOLDS_POSITION": 2, "PARTICIPATES_IN": 2, "ORGANISES": 1,
                  "COOPERATES_WITH": 1, "FOCUSES_ON": 1, "NEEDS": 0, "MENTIONS": 16},
    "documents": 5,
}


def neighbourhood_graph() -> GraphBuilder:
    """A tree around Centre Institute with nodes at known depths (ids sort within a depth):

    depth 1: city:birchton, organisation:alder-lab, person:carol-chen
    depth 2: organisation:dogwood-institute (via the City), organisation:elm-works, region:fern,
             topic:graphene
    depth 3: organisation:gum-tree-co, region:hazel
    depth 4: organisation:ivy-corp
    plus a document mentioning the centre and Ivy Corp (never an adjacency).
    """
    b = GraphBuilder()
    centre = b.add("Organisation", "Centre Institute")
    alder = b.add("Organisation", "Alder Lab")
    birch = b.add("City", "Birchton")
    carol = b.add("Person", "Carol Chen")
    dogwood = b.add("Organisation", "Dogwood Institute")
    elm = b.add("Organisation", "Elm Works")
    fern = b.add("Region", "Fern Province")
    graphene = b.add("Topic", "graphene")
    gum = b.add("Organisation", "Gum Tree Co")
    hazel = b.add("Region", "Hazel Region")
    ivy = b.add("Organisation", "Ivy Corp")
    b.link(centre, "COOPERATES_WITH", alder, "n-1")
    b.link(centre, "LOCATED_IN", birch, "n-1")
    b.link(carol, "HOLDS_POSITION", centre, "n-1", title="director")
    b.link(alder, "COOPERATES_WITH", elm, "n-2")
    b.link(birch, "LOCATED_IN", fern, "n-2")
    b.link(dogwood, "LOCATED_IN", birch, "n-2")
    b.link(carol, "FOCUSES_ON", graphene, "n-2")
    b.link(elm, "COOPERATES_WITH", gum, "n-3")
    b.link(fern, "LOCATED_IN", hazel, "n-3")
    b.link(gum, "COOPERATES_WITH", ivy, "n-4")
    b.mention("n-5", centre, ivy)
    return b


def ladder_graph() -> GraphBuilder:
    """Start Org and End Org joined by three disjoint routes of 2, 3 and 4 hops (COOPERATES_WITH),
    so there are exactly three loopless paths between them."""
    b = GraphBuilder()
    start = b.add("Organisation", "Start Org")
    end = b.add("Organisation", "End Org")
    routes = {2: ["Bridge B1"], 3: ["Bridge C1", "Bridge C2"], 4: ["Bridge D1", "Bridge D2", "Bridge D3"]}
    for hops, names in routes.items():
        seq = [start, *(b.add("Organisation", n) for n in names), end]
        for u, v in zip(seq, seq[1:]):
            b.link(u, "COOPERATES_WITH", v, f"ladder-{hops}")
    return b


def chain_graph(hops: int) -> GraphBuilder:
    """Chain Org 0 - Chain Org 1 - ... - Chain Org <hops>: one path of ``hops`` hops."""
    b = GraphBuilder()
    ids = [b.add("Organisation", f"Chain Org {i}") for i in range(hops + 1)]
    for u, v in zip(ids, ids[1:]):
        b.link(u, "COOPERATES_WITH", v, f"chain-{u}")
    return b


def weighted_graph() -> GraphBuilder:
    """Left Org to Right Org: a 2-hop route via Thin Org whose edges have 1 document each (cost 2),
    and a 3-hop route via Thick One, Thick Two whose edges have 3 documents each (cost 1)."""
    b = GraphBuilder()
    left, right = b.add("Organisation", "Left Org"), b.add("Organisation", "Right Org")
    thin = b.add("Organisation", "Thin Org")
    t1, t2 = b.add("Organisation", "Thick One"), b.add("Organisation", "Thick Two")
    b.link(left, "COOPERATES_WITH", thin, "thin-1")
    b.link(thin, "COOPERATES_WITH", right, "thin-2")
    for u, v in ((left, t1), (t1, t2), (t2, right)):
        for n in range(3):
            b.link(u, "COOPERATES_WITH", v, f"thick-{n}", f"{u} works with {v} ({n}).")
    return b


def typed_routes_graph() -> GraphBuilder:
    """Alpha Org COOPERATES_WITH Omega Org (1 hop), and both PART_OF Parent Org (2 hops)."""
    b = GraphBuilder()
    alpha, omega = b.add("Organisation", "Alpha Org"), b.add("Organisation", "Omega Org")
    parent = b.add("Organisation", "Parent Org")
    b.link(alpha, "COOPERATES_WITH", omega, "typed-1")
    b.link(alpha, "PART_OF", parent, "typed-2")
    b.link(omega, "PART_OF", parent, "typed-2")
    return b

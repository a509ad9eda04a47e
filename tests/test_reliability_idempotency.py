"""Idempotency as a property (ISSUE 8, item 2): a batch upserted once, twice, shuffled or split into
parts gives the same graph fingerprint (tests/support/graphcheck.py: ids, names, aliases, properties,
weights, evidence and documents; order-only differences ignored).

Batches are drawn by hypothesis from a small world in which one entity appears several times with
different aliases ("CAST", "中国科协", ...), places of the same name have two labels (Jilin the
province and Jilin the city), relations repeat with overlapping evidence, and documents mention
entities. The fingerprint property runs on the ``store`` fixture: 200 examples on the embedded store,
IDEMPOTENCY_NEO4J_EXAMPLES (default 15) on Neo4j; the two properties about naming run on an in-memory
embedded store only, 100 examples each. FUZZ_EXAMPLES raises them all (``make fuzz``).
"""
from __future__ import annotations

import copy
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import require_store
from support.graphcheck import diff, duplicates, export_dict, fingerprint

from graph.ids import make_id, match_keys
from graph.model import Batch, Document, Entity, Evidence, Relation
from graph.schema import ontology
from graph.store import open_store

SQLITE_EXAMPLES = max(200, int(os.environ.get("FUZZ_EXAMPLES", "0")))
EXTRA_EXAMPLES = max(100, int(os.environ.get("FUZZ_EXAMPLES", "0")))  # the two properties beyond item 2
NEO4J_EXAMPLES = int(os.environ.get("IDEMPOTENCY_NEO4J_EXAMPLES", os.environ.get("FUZZ_EXAMPLES", "15")))

# (label, canonical name, other surface forms, properties): every surface form of one entity shares a
# match key with no other entity of its label.
WORLD = [
    ("Organisation", "China Association for Science and Technology", ["CAST", "中国科协"], {"kind": "association"}),
    ("Organisation", "Zhejiang University", ["ZJU", "浙江大学"], {"kind": "university"}),
    ("Organisation", "Hengtai New Materials Co., Ltd.", ["Hengtai"], {"kind": "enterprise"}),
    ("Organisation", "Jilin University", ["JLU"], {"kind": "university"}),
    ("City", "Jiaxing", ["Jiaxing City", "嘉兴"], {"level": "city"}),
    ("City", "Jilin", ["Jilin city", "吉林市"], {"level": "city"}),
    ("City", "Changchun", ["长春"], {}),
    ("Region", "Jilin province", ["Jilin", "吉林省"], {"level": "province"}),
    ("Region", "Zhejiang province", ["Zhejiang", "浙江"], {"level": "province"}),
    ("Person", "Gu Shiqiang", ["顾世强"], {}),
    ("Person", "Li Wei", [], {}),
    ("Project", "Innovation China", ["科创中国"], {"kind": "programme", "year": 2021}),
    ("Topic", "new materials", ["advanced materials"], {}),
    ("Topic", "photonics", [], {}),
    ("Event", "Digital Economy Forum", [], {"date": "2021-05-01"}),
]
DOCS = [f"doc-{i}" for i in range(6)]
SENTENCES = ["They signed an agreement.", "It was announced in Jiaxing.", "Registration record.", ""]
TITLES = ["professor", "academician", "dean"]


def _triples():
    onto = ontology()
    out = []
    for i, (la, *_rest) in enumerate(WORLD):
        for j, (lb, *_r) in enumerate(WORLD):
            if i == j:
                continue
            for t in onto.path_relation_types:
                try:
                    onto.check_relation(la, t, lb, "x")
                except Exception:  # noqa: BLE001 - not allowed between these labels
                    continue
                out.append((i, t, j))
    return out


TRIPLES = _triples()
TRIPLES_BY_PAIR: dict[tuple[int, int], list] = {}
for _x in TRIPLES:
    TRIPLES_BY_PAIR.setdefault((_x[0], _x[2]), []).append(_x)


def mention(i: int, forms: list[str], titles: list[str], display: str | None = None) -> Entity:
    """One occurrence of WORLD[i], named canonically (or ``display``), with some of its surface forms."""
    label, name, _, props = WORLD[i]
    props = dict(props)
    if label == "Person" and titles:
        props["titles"] = titles
    return Entity.new(label, display or name, aliases=forms, properties=props)


def _evidence(ev):
    return [Evidence(make_id("Document", DOCS[d]), SENTENCES[s], None if s == 3 else s * 10,
                     None if s == 3 else s * 10 + 5, "test", round(0.5 + 0.1 * s, 2)) for d, s in ev]


def _rel_props(i: int, t: str, j: int) -> dict:
    """Relation properties are a function of the world entities (never conflicting scalars)."""
    lo, hi = min(i, j), max(i, j)
    if t == "HOLDS_POSITION":
        return {"title": TITLES[(lo + hi) % 3]}
    if t == "PARTICIPATES_IN":
        return {"role": "member", "year": 2020 + (lo + hi) % 4}
    return {}


@st.composite
def batches(draw, names: str = "canonical"):
    """A batch spec and a split of it into 1-4 parts (each part valid once the parts before it are
    stored). ``names``: "canonical" (every mention is named canonically), "varied" (named by any of
    its surface forms, the canonical name always among its aliases), "free" (any non-empty subset of
    the surface forms, so a later mention may bridge two earlier ones)."""
    ments = []
    rich = [i for i, w in enumerate(WORLD) if len(w[2]) >= 2]  # entities with 3 or more surface forms
    for _ in range(draw(st.integers(1, 12))):
        i = draw(st.sampled_from(rich) if names == "free" else st.integers(0, len(WORLD) - 1))
        label, canon, others, _props = WORLD[i]
        titles = draw(st.lists(st.sampled_from(TITLES), unique=True, max_size=2)) if label == "Person" else []
        if names == "free":
            forms = draw(st.lists(st.sampled_from([canon, *others]), unique=True, min_size=1))
            display = forms[0]
        else:
            forms = draw(st.lists(st.sampled_from(others), unique=True)) if others else []
            display = canon if names == "canonical" else draw(st.sampled_from([canon, *others]))
            forms = forms + [canon]
        ments.append((i, display, forms, titles))
    usable = [(a, t, b) for a, ma in enumerate(ments) for b, mb in enumerate(ments)
              for (i, t, j) in TRIPLES_BY_PAIR.get((ma[0], mb[0]), ())]
    rels = []
    if usable:
        for _ in range(draw(st.integers(0, 10))):
            a, t, b = draw(st.sampled_from(usable))
            ev = draw(st.lists(st.tuples(st.integers(0, len(DOCS) - 1), st.integers(0, len(SENTENCES) - 1)),
                               min_size=1, max_size=3))
            rels.append((a, t, b, ev))
    docs = []
    for d in draw(st.lists(st.integers(0, len(DOCS) - 1), unique=True, max_size=4)):
        docs.append((d, draw(st.lists(st.integers(0, len(ments) - 1), unique=True, max_size=4))))
    for _a, _t, _b, ev in rels:  # evidence documents exist as documents too (what ingest does)
        for d, _s in ev:
            if d not in {x[0] for x in docs}:
                docs.append((d, []))
    n_parts = draw(st.integers(1, 4))
    part_of = {"m": [draw(st.integers(0, n_parts - 1)) for _ in ments],
               "r": [draw(st.integers(0, n_parts - 1)) for _ in rels],
               "d": [draw(st.integers(0, n_parts - 1)) for _ in docs]}
    perm = draw(st.permutations(range(len(ments) + len(rels) + len(docs))))
    return {"ments": ments, "rels": rels, "docs": docs, "parts": n_parts, "part_of": part_of, "perm": perm}


def _entities(spec) -> list[Entity]:
    return [mention(i, forms, titles, display) for i, display, forms, titles in spec["ments"]]


def build(spec) -> Batch:
    ents = _entities(spec)
    rels = [Relation(ents[a].id, t, ents[b].id, _rel_props(spec["ments"][a][0], t, spec["ments"][b][0]),
                     _evidence(ev)).canonical() for a, t, b, ev in spec["rels"]]
    docs = [Document(make_id("Document", DOCS[d]), "news", title=f"Title {d}", mentions={ents[m].id for m in ms})
            for d, ms in spec["docs"]]
    return Batch(ents, rels, docs)


def shuffled(spec) -> Batch:
    b = build(spec)
    items = [("e", x) for x in b.entities] + [("r", x) for x in b.relations] + [("d", x) for x in b.documents]
    items = [items[k] for k in spec["perm"]]
    for kind, x in items:
        if kind == "r":
            x.evidence.reverse()
    return Batch([x for k, x in items if k == "e"], [x for k, x in items if k == "r"], [x for k, x in items if k == "d"])


def parts(spec) -> list[Batch]:
    """The batch split by spec["part_of"]; every part carries the mentions its relations and documents
    name (a mention may thus be in several parts)."""
    b = build(spec)
    out = [Batch() for _ in range(spec["parts"])]
    need: list[set[int]] = [set() for _ in out]
    for m, p in enumerate(spec["part_of"]["m"]):
        need[p].add(m)
    for (a, _t, c, _ev), r, p in zip(spec["rels"], b.relations, spec["part_of"]["r"]):
        out[p].relations.append(r)
        need[p] |= {a, c}
    for (_d, ms), d, p in zip(spec["docs"], b.documents, spec["part_of"]["d"]):
        out[p].documents.append(d)
        need[p] |= set(ms)
    for part, ms in zip(out, need):
        part.entities = [copy.deepcopy(b.entities[m]) for m in sorted(ms)]
    return out


def graph_after(store, batches_: list[Batch]) -> dict:
    store.clear()
    for b in batches_:
        store.upsert(b)
    return export_dict(store)


WORLD_KEYS = {(label, k): i for i, (label, canon, others, _p) in enumerate(WORLD)
              for form in [canon, *others] for k in match_keys(label, form)}


def up_to_naming(export: dict) -> dict:
    """The export with each node renamed after the world entity it stands for (its id and display
    name dropped): what stays when only the choice of the node's name differs."""
    rename = {}
    for n in export["nodes"]:
        found = {WORLD_KEYS[(n["type"], k)] for a in n["aliases"] for k in match_keys(n["type"], a)
                 if (n["type"], k) in WORLD_KEYS}
        assert len(found) == 1, (n, found)
        rename[n["id"]] = f"w{found.pop()}"
    # the display name is the first mention's; the surface forms (name and aliases together) are not
    nodes = [{**{k: v for k, v in n.items() if k not in ("name", "aliases")}, "id": rename[n["id"]],
              "aliases": sorted({n["name"], *n["aliases"]})} for n in export["nodes"]]
    edges = [{**e, "source": rename[e["source"]], "target": rename[e["target"]]} for e in export["edges"]]
    edges = [{**e, "source": min(e["source"], e["target"]), "target": max(e["source"], e["target"])}
             if e["type"] == "COOPERATES_WITH" else e for e in edges]
    docs = [{**d, "mentions": sorted(rename[m] for m in d.get("mentions", []))} for d in export.get("documents", [])]
    return {"nodes": nodes, "edges": edges, "documents": docs}


def variants(spec) -> dict[str, list[Batch]]:
    return {"once": [build(spec)], "twice": [build(spec), build(spec)], "shuffled": [shuffled(spec)],
            "split": parts(spec), "split then again": parts(spec) + [build(spec)]}


def check(store, spec) -> None:
    """Strict: every variant gives the fingerprint of the batch upserted once."""
    graphs = {name: graph_after(store, bs) for name, bs in variants(spec).items()}
    for name, got in graphs.items():
        assert fingerprint(got) == fingerprint(graphs["once"]), f"{name}:\n{diff(graphs['once'], got)}"


def check_up_to_naming(store, spec) -> None:
    """Every variant leaves one node per entity (never two sharing a match key), and the same graph
    once nodes are named after the entity they stand for."""
    graphs = {name: graph_after(store, bs) for name, bs in variants(spec).items()}
    for name, got in graphs.items():
        assert duplicates(got)["by_key"] == [], (name, duplicates(got)["by_key"], spec["ments"])
    base = up_to_naming(graphs["once"])
    for name, got in graphs.items():
        mine = up_to_naming(got)
        assert fingerprint(mine) == fingerprint(base), f"{name}:\n{diff(base, mine)}"


@pytest.fixture(scope="module")
def sqlite_selected(request):
    require_store(request, "sqlite")


def test_upsert_once_twice_shuffled_split_same_fingerprint(store):
    """Every variant of a drawn batch (once, twice, shuffled, split, split then again) gives the
    fingerprint of the batch upserted once: SQLITE_EXAMPLES batches on SQLite, NEO4J_EXAMPLES on Neo4j."""
    neo4j = not store.uri.startswith("sqlite")
    checks = list(HealthCheck) if neo4j else [HealthCheck.too_slow, HealthCheck.data_too_large]

    @settings(max_examples=NEO4J_EXAMPLES if neo4j else SQLITE_EXAMPLES, deadline=None, database=None,
              suppress_health_check=checks)
    @given(spec=batches())
    def prop(spec):
        check(store, spec)  # check() clears the store before each variant

    prop()


@settings(max_examples=EXTRA_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=batches(names="varied"))
def test_same_graph_whichever_surface_form_comes_first_sqlite(sqlite_selected, spec):
    """Mentions named "CAST" or "China Association for Science and Technology" (all sharing a key):
    the node's id and display name are those of the first mention (ids are stable, by design), and
    everything else is the same whatever the order."""
    with open_store("sqlite://:memory:") as store:
        check_up_to_naming(store, spec)


@settings(max_examples=EXTRA_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=batches(names="free"))
def test_bridging_mentions_leave_one_node_per_entity_sqlite(sqlite_selected, spec):
    """Mentions carrying any subset of an entity's surface forms: "CAST" alone, "中国科协" alone, then
    "CAST / 中国科协" — ONTOLOGY.md makes them one entity, in any order and any split."""
    with open_store("sqlite://:memory:") as store:
        check_up_to_naming(store, spec)


def test_an_entity_bridging_two_stored_nodes_merges_them(store):
    """Two stored nodes, then a mention sharing a key with each: they are one entity (ONTOLOGY.md:
    same label and a shared normalised alias), so the two nodes are merged into one with every alias,
    relation and mention (the mention does not just join one of them, leaving the other as a duplicate)."""
    from graph.model import Batch

    zju = Entity.new("Organisation", "ZJU")
    full = Entity.new("Organisation", "Zhejiang University")
    hz = Entity.new("City", "Hangzhou")
    ev = [Evidence("document:reg-1", "record")]
    store.upsert(Batch([zju, hz], [Relation(zju.id, "LOCATED_IN", hz.id, {}, ev)], [Document("document:reg-1", "registration", mentions={zju.id})]))
    ev2 = [Evidence("document:reg-2", "record")]
    store.upsert(Batch([full, hz], [Relation(full.id, "LOCATED_IN", hz.id, {}, ev2)], [Document("document:reg-2", "registration", mentions={full.id})]))
    both = Entity.new("Organisation", "Zhejiang University", aliases=["ZJU"])
    store.upsert(Batch([both], [], [Document("document:news-3", "news", mentions={both.id})]))
    data = export_dict(store)
    orgs = [n for n in data["nodes"] if n["type"] == "Organisation"]
    assert duplicates(data)["by_key"] == [], [(n["id"], n["aliases"]) for n in orgs]
    assert len(orgs) == 1 and {"ZJU", "Zhejiang University"} <= set(orgs[0]["aliases"])
    (edge,) = [e for e in data["edges"] if e["type"] == "LOCATED_IN"]
    assert {x["document"] for x in edge["evidence"]} == {"document:reg-1", "document:reg-2"}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_records_sharing_a_line_are_separate_documents_and_ingest_twice_changes_nothing(store, fmt):
    """A minified .json file (every record on line 1) still has one Document per record, like a .jsonl
    file of the same records (the control): the records sharing line 1 are ``file.json:1``,
    ``file.json:1.2``, ... and their evidence stays apart. Ingesting the file again finds every record
    unchanged and leaves the graph as it was (no document is retracted, let alone twice)."""
    import json as _json

    from ingest import ingest_upload

    recs = [{"record_type": "enterprise", "name": f"Firm {i} Co., Ltd.", "city": "Jiaxing", "needs": ["photonics"]}
            for i in range(5)]
    data = (_json.dumps(recs) if fmt == "json" else "\n".join(_json.dumps(r) for r in recs)).encode()
    first = ingest_upload(store, f"firms.{fmt}", data, rejects_path=os.devnull)
    once = export_dict(store)
    assert first["ingested"] == 5 and len(once["documents"]) == 5, [d["id"] for d in once["documents"]]
    second = ingest_upload(store, f"firms.{fmt}", data, rejects_path=os.devnull)
    assert second["unchanged"] == 5 and second["ingested"] == 0, second
    assert fingerprint(export_dict(store)) == fingerprint(once)

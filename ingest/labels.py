"""One label per entity: a name the graph already holds under one label is that entity when a
later article types it otherwise (extraction guesses "Hengtai" a Person in one article and an
Organisation in another; a workstation an Organisation here and a Project there).

``one_label(store, batch)`` retypes an article's entity when its own label has no node of that
name, exactly one other label of ``FLEXIBLE`` has, and every relation of the entity in the article
is still allowed by the ontology under that label; otherwise the article's label stands (the text
said something the graph cannot hold under the other label).
"""
from __future__ import annotations

from graph.ids import frozen_keys, make_id
from graph.model import Batch, Document, Entity, Relation
from graph.schema import ontology

FLEXIBLE = ("Organisation", "Project", "Event", "Person")


def one_label(store, batch: Batch) -> Batch:
    onto = ontology()
    new: dict[str, Entity] = {}
    for e in batch.entities:
        if e.label not in FLEXIBLE:
            continue
        if store._has_keys(e.label, frozen_keys(e.label, e.name)):
            continue  # known under its own label
        others = [lab for lab in FLEXIBLE if lab != e.label and store._has_keys(lab, frozen_keys(lab, e.name))]
        if len(others) != 1:
            continue
        label = others[0]
        rels = [r for r in batch.relations if e.id in (r.source, r.target)]
        labels = {x.id: x.label for x in batch.entities} | {e.id: label}
        if all(onto.allows(labels[r.source], r.type, labels[r.target]) for r in rels):
            new[e.id] = Entity(make_id(label, e.name), label, e.name, set(e.aliases),
                               {k: v for k, v in e.properties.items() if k not in onto.labels[e.label].enums})
    if not new:
        return batch
    ren = {old: e.id for old, e in new.items()}
    ents = [new.get(e.id, e) for e in batch.entities]
    rels = [Relation(ren.get(r.source, r.source), r.type, ren.get(r.target, r.target), r.properties,
                     r.evidence).canonical() for r in batch.relations]
    docs = [Document(d.id, d.kind, d.title, d.url, d.published, d.sha256, {ren.get(m, m) for m in d.mentions})
            for d in batch.documents]
    return Batch(ents, rels, docs)

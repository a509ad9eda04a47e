"""Conflicts of interest in matching: an expert is not recommended to an enterprise they belong to.

An expert X conflicts with an enterprise E when X HOLDS_POSITION at E, at E's parent (E PART_OF P,
followed upwards) or at one of E's own units (U PART_OF E). When the position comes from a
registration record, the reason says X is registered with it; otherwise it quotes the title. The
filter is on by default in matching (``conflicts=False`` turns it off); excluded candidates are
listed apart, each with its reason and the relations behind it.

>>> from graph.model import Relation, Evidence
>>> ev = [Evidence("document:n1", "Wu, general manager of Acme, said")]
>>> c = Conflicts.from_relations([
...     Relation("person:wu", "HOLDS_POSITION", "organisation:acme", properties={"title": "general manager"},
...              evidence=ev),
...     Relation("organisation:acme-lab", "PART_OF", "organisation:acme", evidence=ev)])
>>> c.reason("organisation:acme", "person:wu")["reason"]
'holds a position at the enterprise itself (general manager)'
>>> c.reason("organisation:acme-lab", "person:wu")["reason"]
'holds a position at its parent organisation:acme (general manager)'
>>> c.reason("organisation:acme", "person:li") is None
True
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.model import Relation

REGISTRATION_EXTRACTOR = "registration"


@dataclass
class Conflicts:
    """Who holds which position, and which organisation is part of which."""

    positions: dict[str, dict[str, Relation]] = field(default_factory=dict)  # person -> org -> HOLDS_POSITION
    parents: dict[str, set[str]] = field(default_factory=dict)                # org -> orgs it is PART_OF
    units: dict[str, set[str]] = field(default_factory=dict)                  # org -> its PART_OF units
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_relations(cls, rels: Iterable[Relation]) -> Conflicts:
        c = cls()
        for r in rels:
            if r.type == "HOLDS_POSITION" and r.target.startswith("organisation:"):
                c.positions.setdefault(r.source, {})[r.target] = r
            elif r.type == "PART_OF" and r.source.startswith("organisation:"):
                c.parents.setdefault(r.source, set()).add(r.target)
                c.units.setdefault(r.target, set()).add(r.source)
        return c

    @classmethod
    def build(cls, store, relations: Iterable[Relation] | None = None) -> Conflicts:
        """From the store's HOLDS_POSITION and PART_OF relations (or those among ``relations``)."""
        c = cls.from_relations(store.iter_relations(["HOLDS_POSITION", "PART_OF"]) if relations is None else relations)
        orgs = set(c.parents) | set(c.units) | {o for p in c.positions.values() for o in p}
        c.names.update((o, ent.name) for o, ent in store.get_entities(sorted(orgs)).items())  # one read
        return c

    def _ancestors(self, org: str) -> list[str]:
        seen, todo = [], sorted(self.parents.get(org, ()))
        while todo and len(seen) < 20:
            o = todo.pop(0)
            if o not in seen and o != org:
                seen.append(o)
                todo.extend(sorted(self.parents.get(o, ())))
        return seen

    def related(self, enterprise: str) -> set[str]:
        """The organisations a position at which conflicts with ``enterprise``: itself, its parents
        and its units (``reason`` is None for a person holding none of them)."""
        return {enterprise, *self._ancestors(enterprise), *self.units.get(enterprise, ())}

    def reason(self, enterprise: str, person: str) -> dict | None:
        """Why ``person`` may not be recommended to ``enterprise``: ``{"reason", "relations"}``, or None."""
        held = self.positions.get(person)
        if not held:
            return None
        related = [(enterprise, "the enterprise itself")]
        related += [(p, f"its parent {self.names.get(p, p)}") for p in self._ancestors(enterprise)]
        related += [(u, f"its unit {self.names.get(u, u)}") for u in sorted(self.units.get(enterprise, ()))]
        for org, what in related:
            rel = held.get(org)
            if rel is None:
                continue
            registered = any(e.extractor == REGISTRATION_EXTRACTOR for e in rel.evidence)
            title = rel.properties.get("title")
            verb = "is registered with" if registered else "holds a position at"
            reason = f"{verb} {what}" + (f" ({title})" if title else "")
            return {"reason": reason, "relations": [rel]}
        return None

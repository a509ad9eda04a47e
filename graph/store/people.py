"""Which stored person a Person mention is: by evidence, not by the name alone (ONTOLOGY.md).

* A registration id (the record's ``id``, kept as the property ``ref``) is an identity: the same
  ref is the same person, whatever the spelling.
* Two records with the same name, different refs and no shared affiliation, city or document are
  two people (the second gets the id ``person:<name>-2``, and so on).
* A mention without a ref (news) goes to the person whose affiliation, city or co-mentioned
  organisation appears in the same document; else to the only person of that name; else it is
  kept apart (a node of its own) and offered for review (GET /api/v1/review/entities).
* Two names of one document that differ by one letter of a given name of five letters or more,
  with the same surname and no registration id, are one person written twice ("Han Dema" once
  for Han Deman): a typo, not a namesake (two people of the same surname named Xiaoming and
  Xiaomin in one article would be joined: a reviewer's "different" parts them).
* A reviewer's verdicts win: "same" sends b to a, "different" keeps a candidate away.

The context of a mention is what its batch says: the organisations and cities its relations
reach, its documents and the organisations and cities those documents mention. The context of a
stored person is what it is related to (its affiliation, a city it holds office in) and the
documents that mention it; at most 50 namesakes are compared. Stored persons are never merged with each other here.
"""
from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from graph.ids import make_id
from graph.store.review import follow

CONTEXT_LABELS = ("organisation", "city")
MAX_CANDIDATES = 50  # namesakes whose evidence is compared (the rest: the name alone decides nothing)


def _batch_context(batch, ids: dict[str, str], pid: str, index: dict | None = None) -> set[str]:
    """Resolved ids of the organisations and cities next to ``pid`` in the batch, its documents
    and what those documents mention (``index``: a dict kept by the caller across the Persons of
    one batch, so that a batch of many relations is read once, not once per Person)."""
    if batch is None:
        return set()
    if index is None:
        index = {}
    if not index:
        nbrs: dict[str, list[str]] = {}
        for r in batch.relations:
            nbrs.setdefault(r.source, []).append(r.target)
            if r.target != r.source:
                nbrs.setdefault(r.target, []).append(r.source)
        docs: dict[str, list] = {}
        for d in batch.documents:
            for m in d.mentions:
                docs.setdefault(m, []).append(d)
        index.update(nbrs=nbrs, docs=docs, mapped={})
    out = {x for x in (ids.get(other, other) for other in index["nbrs"].get(pid, ())) if _in_context(x)}
    for d in index["docs"].get(pid, ()):
        mapped = index["mapped"].get(d.id)
        if mapped is None:
            mapped = index["mapped"][d.id] = {x for x in (ids.get(m, m) for m in d.mentions) if _in_context(x)} | {d.id}
        out |= mapped
    return out


def _in_context(node_id: str) -> bool:
    return node_id.split(":", 1)[0] in CONTEXT_LABELS + ("document",)


def _stored_context(store, node_id: str) -> set[str]:
    """The organisations and cities a stored person is related to, and its documents."""
    kept = getattr(store, "_context_ids", None)  # the in-memory bulk graph keeps them (graph/store/memory.py)
    out = kept(node_id) if kept is not None else {x for r in store._relations_of(node_id) for x in (r.source, r.target)
                                                  if x.split(":", 1)[0] in CONTEXT_LABELS}
    return out | {d.id for d in store.documents_mentioning(node_id, limit=200)}


def _free_id(store, base: str, taken: set[str]) -> str:
    """``base`` when no node has it, else ``base-2``, ``base-3`` …"""
    n, cand = 1, base
    while cand in taken or store._existing_labels({cand}):
        n += 1
        cand = f"{base}-{n}"
    return cand


def resolve_people(store, ents, ekeys, found, existing, batch, ids, judged):
    """{incoming id: node id} for the Person mentions ``ents`` and the explained joins."""
    same, diff = judged["same"], judged["different"]
    out: dict[str, str] = {}
    explained: list[tuple[str, str, list[str], str]] = []
    # mentions of one incoming id are one person (an id is one record or one article's name)
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(ents):
        groups.setdefault(e.id, []).append(i)
    # names of one batch that share a key are one person unless their registration ids differ
    # ("Lin Qu" and "Qu Lin" in one article)
    by_key: dict[str, str] = {}
    for pid in list(groups):
        ref = {ents[i].properties.get("ref") for i in groups[pid]} - {None}
        for k in sorted({k for i in groups[pid] for k in ekeys[i]}):
            other = by_key.setdefault(k, pid)
            if other != pid and other in groups and pid in groups:
                oref = {ents[i].properties.get("ref") for i in groups[other]} - {None}
                if not ref or not oref or ref == oref:
                    groups[other] += groups.pop(pid)
                    break
    variants = _join_variants(ents, groups, batch, diff)
    taken: set[str] = set()
    cache: dict[str, object] = {}
    index: dict = {}  # the batch's relations and documents by Person (_batch_context)
    for pid, members in groups.items():
        keys = sorted({k for i in members for k in ekeys[i]})
        refs = {ents[i].properties.get("ref") for i in members} - {None}
        ref = sorted(map(str, refs))[0] if refs else None
        cands = sorted({s for k in keys for s in found.get(k, ())} | ({pid} if pid in existing else set()))
        cands = cands[:MAX_CANDIDATES]
        stored = {c: cache.setdefault(c, store.get_entity(c)) for c in cands}
        stored = {c: e for c, e in stored.items() if e is not None}
        ctx: list[set[str]] = []  # the batch context, computed the first time a namesake is compared

        def shares(c, ctx=ctx, pid=pid):
            if not ctx:
                ctx.append(_batch_context(batch, ids, pid, index))
            return bool(ctx[0] & _stored_context(store, c))

        chosen, rule = None, ""
        if ref is not None and ref in judged.get("refs", {}):
            chosen, rule = judged["refs"][ref], "a reviewer said this registration is that person"
        elif ref is not None:
            same_ref = [c for c, e in stored.items() if str(e.properties.get("ref", "")) == ref]
            if same_ref:
                chosen, rule = same_ref[0], "same registration id"
            else:
                others = [c for c in stored if shares(c)]
                if others:
                    chosen, rule = others[0], "same name and shared affiliation, city or document"
                else:
                    alone = [c for c, e in stored.items() if "ref" not in e.properties]
                    if len(stored) == 1 and alone:
                        chosen, rule = alone[0], "the only person of that name"
        elif stored:
            with_ctx = [c for c in stored if shares(c)]
            if len(with_ctx) == 1:
                chosen, rule = with_ctx[0], "affiliation, city or organisation in the same document"
            elif len(stored) == 1:
                chosen, rule = next(iter(stored)), "the only person of that name"
        if chosen is not None and any(frozenset((chosen, x)) in diff for x in (pid,)):
            chosen = None
        if chosen is None:  # a person of its own: the id of the name, else the next free one
            base = make_id("Person", ents[members[0]].name)
            chosen = base if base not in stored and base not in taken and base not in cands \
                else _free_id(store, base, taken | set(cands))
        chosen = follow(same, chosen)
        taken.add(chosen)
        for i in members:
            out[ents[i].id] = chosen
        if chosen != pid and chosen in stored:
            explained.append((chosen, ents[members[0]].name, [k for k in keys if chosen in found.get(k, ())], rule))
        explained += [(chosen, name, [], VARIANT_RULE) for name in variants.get(pid, ())]
    return out, explained


VARIANT_RULE = "a one-letter spelling variant of a name in the same document (same surname, no registration id)"


def _join_variants(ents, groups: dict[str, list[int]], batch, diff=frozenset()) -> dict[str, list[str]]:
    """Join, in ``groups``, the names of one document that differ by one letter of a given name
    of five letters or more, with the same surname and no registration id ("Han Dema" written
    once for Han Deman), unless a reviewer called the two different; returns {group kept: the variant names joined into it}."""
    if batch is None:
        return {}
    by_surname: dict[str, list[tuple[str, str]]] = {}  # only names of one surname can be joined
    for pid, members in groups.items():
        if any(ents[i].properties.get("ref") for i in members):
            continue
        parts = ents[members[0]].name.split()
        if len(parts) == 2 and all(p.isascii() and p.isalpha() for p in parts):
            by_surname.setdefault(parts[0].lower(), []).append((pid, parts[1].lower()))
    docs: dict[str, set[str]] = {}  # the batch's documents of each mention (read when first needed)
    out: dict[str, list[str]] = {}
    for plain in by_surname.values():
        for x, (pa, ga) in enumerate(plain):
            for pb, gb in plain[x + 1:]:
                if pa not in groups or pb not in groups or max(len(ga), len(gb)) < 5 or frozenset((pa, pb)) in diff:
                    continue
                if Levenshtein.distance(ga, gb) != 1:
                    continue
                if not docs:
                    for d in batch.documents:
                        for m in d.mentions:
                            docs.setdefault(m, set()).add(d.id)
                if docs.get(pa, set()) & docs.get(pb, set()):
                    keep, gone = (pa, pb) if len(ga) >= len(gb) else (pb, pa)
                    out.setdefault(keep, []).append(ents[groups[gone][0]].name)
                    out[keep] += out.pop(gone, [])
                    groups[keep] += groups.pop(gone)
    return out

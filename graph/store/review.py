"""Reviews and explained resolution, the same on every store (CONTRACT.md "Review").

What a store keeps, as notes (kind, key → JSON value; each backend stores them its own way):

* ``relation`` ``source\\tTYPE\\ttarget`` → ``{verdict: accept|reject, note}``. A rejected relation
  is deleted and never written again by an ingest; an accepted one has confidence 1.0.
* ``entity`` ``a\\tb`` → ``{a, b, verdict: same|different}``. "same" sends b to a in every later
  resolution; "different" keeps them apart (and splits a merge resolution made).
* ``merge`` ``survivor\\tother`` → why two nodes were merged: rule, score, keys, documents, and
  the other node as it was (so that a "different" can split it off again).
* ``alias`` ``node\\talias`` → why a mention of another name joined the node (keys, rule, documents).

Export carries the notes ("reviews") and import restores them.
"""
from __future__ import annotations

from graph.errors import BadInput, Conflict, NotFound
from graph.ids import make_id
from graph.limits import MAX_LIMIT, check_range
from graph.model import Batch, Entity, Relation

KINDS = ("relation", "entity", "merge", "alias")
REVIEW_EXTRACTORS_SKIPPED = ("registration",)  # records are facts, not extractions to review


def rel_key(source: str, rel_type: str, target: str) -> str:
    return f"{source}\t{rel_type}\t{target}"


def pair_key(a: str, b: str) -> str:
    return "\t".join(sorted((a, b)))


def follow(same: dict[str, str], node_id: str) -> str:
    """Where a reviewer's "same" verdicts send ``node_id`` (b -> a, transitively)."""
    seen = set()
    while node_id in same and node_id not in seen:
        seen.add(node_id)
        node_id = same[node_id]
    return node_id


class Reviews:
    """Mixed into GraphStore. Backends provide ``_notes_put(kind, {key: value})``,
    ``_notes_get(kind, keys=None)``, ``_notes_delete(kind, keys)``, ``_relations_of(id)``,
    ``_delete_relations(keys)``, ``_set_aliases(id, aliases)`` and ``_move_mentions(a, b, docs)``."""

    # ---- used by the write path -------------------------------------------------------------
    def entity_verdicts(self) -> dict:
        """{"same": {b: a}, "different": {frozenset((a, b))}} from the reviewers' entity verdicts."""
        same, diff, refs = {}, set(), {}
        for v in self._notes_get("entity").values():
            if v["verdict"] == "same":
                same[v["b"]] = v["a"]
                if v.get("b_ref"):  # a registration id of b: its later records are a's
                    refs[str(v["b_ref"])] = v["a"]
            else:
                diff.add(frozenset((v["a"], v["b"])))
        return {"same": same, "different": diff, "refs": refs}

    def apply_relation_verdicts(self, rels: dict[tuple, Relation]) -> None:
        """Drop the rejected relations of a batch; keep accepted ones at confidence 1.0."""
        if not rels:
            return
        judged = self._notes_get("relation", [rel_key(*k) for k in rels])
        for key in list(rels):
            v = judged.get(rel_key(*key))
            if v is None:
                continue
            if v["verdict"] == "reject":
                del rels[key]
            else:
                rels[key].properties.update(confidence=1.0, review="accepted")

    def explain_merge(self, a: Entity, b: Entity, rule: str, score: float, keys, documents) -> None:
        """Record why ``b`` is merged into ``a`` (with b as it was, for a later split)."""
        docs = sorted(set(documents) | {d.id for d in self.documents_mentioning(b.id, limit=1000)})
        self._notes_put("merge", {f"{a.id}\t{b.id}": {
            "survivor": a.id, "other": b.to_dict(), "survivor_aliases": sorted(a.aliases), "rule": rule,
            "score": round(float(score), 3), "keys": sorted(keys), "documents": docs}})

    def explain_aliases(self, explained, documents) -> None:
        """Record, once per (node, alias), which keys and rule joined a mention of another name."""
        wanted = {f"{node}\t{alias}": (node, alias, keys, rule) for node, alias, keys, rule in explained}
        old = self._notes_get("alias", list(wanted))
        new = {}
        for k, (node, alias, keys, rule) in wanted.items():
            docs = sorted(set(old.get(k, {}).get("documents", [])) | set(documents))[:50]
            if k not in old or docs != old[k].get("documents"):
                new[k] = {"node": node, "alias": alias, "keys": sorted(keys), "rule": rule, "score": 1.0,
                          "documents": docs}
        if new:
            self._notes_put("alias", new)

    # ---- reading ------------------------------------------------------------------------------
    def _notes_of(self, kind: str, node_id: str, either_end: bool = False) -> dict:
        """The Notes of ``kind`` whose key ("a\\tb") begins with ``node_id`` (or ends with it:
        ``either_end``). The backends answer from their (kind, key) index instead of every Note:
        an entity read must not cost a scan of all merges."""
        return {k: v for k, v in self._notes_get(kind).items()
                if k.startswith(node_id + "\t") or (either_end and k.endswith("\t" + node_id))}

    def explanation(self, node_id: str) -> dict:
        """Why this node is what it is: the merges into it and the names that joined it."""
        merges = [{"other": v["other"]["id"], "name": v["other"]["name"], "rule": v["rule"], "score": v["score"],
                   "keys": v["keys"], "documents": v["documents"]}
                  for k, v in sorted(self._notes_of("merge", node_id).items()) if v["survivor"] == node_id]
        aliases = [{"alias": v["alias"], "rule": v["rule"], "score": v["score"], "keys": v["keys"],
                    "documents": v["documents"]}
                   for k, v in sorted(self._notes_of("alias", node_id).items()) if v["node"] == node_id]
        verdicts = [v for k, v in sorted(self._notes_of("entity", node_id, either_end=True).items())
                    if node_id in (v["a"], v["b"])]
        return {"merges": merges, "aliases": aliases, "verdicts": verdicts}

    def review_relations(self, limit: int = 50, offset: int = 0) -> dict:
        """Extracted relations not yet judged, lowest confidence first, with their evidence."""
        check_range("limit", limit, 1, MAX_LIMIT)
        check_range("offset", offset, 0, 10_000_000)
        judged = set(self._notes_get("relation"))
        items = []
        for r in self.iter_relations():
            ev = [e for e in r.evidence if e.extractor not in REVIEW_EXTRACTORS_SKIPPED]
            if not ev or rel_key(*r.key) in judged:
                continue
            items.append((max(e.confidence for e in ev), r.key, r, ev))
        items.sort(key=lambda x: (x[0], x[1]))
        page = items[offset:offset + limit]
        ents = {i: self.get_entity(i) for _, k, _, _ in page for i in (k[0], k[2])}
        return {"items": [{"source": ents[k[0]].brief(), "type": k[1], "target": ents[k[2]].brief(),
                           "confidence": c, "properties": r.properties,
                           "evidence": [{"document": e.document, "sentence": e.sentence, "confidence": e.confidence}
                                        for e in ev]} for c, k, r, ev in page],
                "total": len(items)}

    def review_entities(self, limit: int = 50, offset: int = 0) -> dict:
        """Candidate pairs: merges resolution made (``merged``) and pairs it did not dare to make."""
        from graph.resolution import candidates

        check_range("limit", limit, 1, MAX_LIMIT)
        check_range("offset", offset, 0, 10_000_000)
        judged = {pair_key(v["a"], v["b"]) for v in self._notes_get("entity").values()}
        items = []
        for v in self._notes_get("merge").values():
            a = self.get_entity(v["survivor"])
            if a is not None and pair_key(a.id, v["other"]["id"]) not in judged:
                items.append({"a": a.brief(), "b": {"id": v["other"]["id"], "name": v["other"]["name"],
                                                    "type": v["other"]["type"]},
                              "score": v["score"], "reasons": [v["rule"], *(f"key {k!r}" for k in v["keys"])],
                              "merged": True})
        for v in self._notes_get("alias").values():
            a = self.get_entity(v["node"])
            if a is None:
                continue
            bid = make_id(a.label, v["alias"])
            if bid != a.id and pair_key(a.id, bid) not in judged:
                items.append({"a": a.brief(), "b": {"id": bid, "name": v["alias"], "type": a.label},
                              "score": v["score"], "reasons": [v["rule"], *(f"key {k!r}" for k in v["keys"])],
                              "merged": True})
        for a, b, score, reasons in candidates(self):
            if pair_key(a.id, b.id) not in judged:
                items.append({"a": a.brief(), "b": b.brief(), "score": score, "reasons": reasons, "merged": False})
        items.sort(key=lambda x: (x["merged"], -x["score"], x["a"]["id"], x["b"]["id"]))
        return {"items": items[offset:offset + limit], "total": len(items)}

    # ---- verdicts -----------------------------------------------------------------------------
    def judge_relation(self, source: str, rel_type: str, target: str, verdict: str, note: str = "") -> dict:
        """Accept or reject one stored relation (BadInput / NotFound, nothing changed, otherwise)."""
        from graph.schema import ontology

        if verdict not in ("accept", "reject"):
            raise BadInput(f"verdict {verdict!r} must be accept or reject", where="verdict")
        ontology().check_relation_type(rel_type, "type")
        a, b = self.resolve(source), self.resolve(target)
        key = Relation(a.id, rel_type, b.id).canonical().key
        rel = self.get_relations([key]).get(key)
        if rel is None:
            raise NotFound(f"no relation {a.id} {rel_type} {b.id}")

        def work():
            if verdict == "reject":
                self._delete_relations([key])
            else:
                rel.properties.update(confidence=1.0, review="accepted")
                self.upsert(Batch([], [rel]), resolve=False)
            self._notes_put("relation", {rel_key(*key): {"source": key[0], "type": key[1], "target": key[2],
                                                         "verdict": verdict, "note": note or ""}})

        self._atomically(work)
        return {"source": key[0], "type": key[1], "target": key[2], "verdict": verdict}

    def judge_entities(self, a_ref: str, b_ref: str, verdict: str, note: str = "") -> dict:
        """"same": merge b into a (same label only); "different": split a merge or prevent one."""
        if verdict not in ("same", "different"):
            raise BadInput(f"verdict {verdict!r} must be same or different", where="verdict")
        a = self.resolve(a_ref)
        b = self.get(b_ref) if not (b_ref.startswith(a.label.lower() + ":")) else self.get_entity(b_ref)
        record = self._split_record(a.id, b_ref if b is None else b.id)
        if b is None and (verdict == "same" or record is None):
            raise NotFound(f"no entity {b_ref!r}")
        if b is not None and b.label != a.label:
            raise Conflict(f"{a.id} is a {a.label} and {b.id} a {b.label}: nodes never merge across labels", where="b")
        bid = b.id if b is not None else b_ref
        if bid == a.id:
            raise Conflict("a and b are the same entity", where="b")

        def work():
            if verdict == "same":
                self.explain_merge(a, b, "reviewer: same", 1.0, [], [])
                self._merge(a, b)
            elif record is not None and b is None:
                self._split(a, record)
            ref = b.properties.get("ref") if b is not None and verdict == "same" else None
            self._notes_put("entity", {pair_key(a.id, bid): {"a": a.id, "b": bid, "verdict": verdict,
                                                             "note": note or "", "b_ref": ref}})

        self._atomically(work)
        return {"a": a.id, "b": bid, "verdict": verdict}

    def _split_record(self, a: str, b: str) -> dict | None:
        """The merge (or alias join) of b into a that a "different" undoes, if any."""
        rec = self._notes_get("merge", [f"{a}\t{b}"]).get(f"{a}\t{b}")
        if rec is not None:
            return {"kind": "merge", "key": f"{a}\t{b}", **rec}
        for k, v in self._notes_get("alias").items():
            if v["node"] == a and make_id(a.split(":", 1)[0].capitalize(), v["alias"]) == b:
                return {"kind": "alias", "key": k, **v}
        return None

    def _split(self, a: Entity, record: dict) -> None:
        """Undo a merge: b comes back with its own names, and the documents, evidence and mentions
        that were its own."""
        if record["kind"] == "merge":
            b = Entity.from_dict(record["other"])
            keep = set(record["survivor_aliases"])
        else:
            b = Entity.new(a.label, record["alias"], id=make_id(a.label, record["alias"]))
            keep = a.aliases - {record["alias"]}
        docs = set(record["documents"])
        moved, kept, originals = [], [], []
        for r in self._relations_of(a.id):
            mine = [e for e in r.evidence if e.document in docs]
            if not mine:
                continue
            originals.append(r.key)
            rest = [e for e in r.evidence if e.document not in docs]
            if rest:
                kept.append(Relation(r.source, r.type, r.target, dict(r.properties), rest))
            moved.append(Relation(b.id if r.source == a.id else r.source, r.type,
                                  b.id if r.target == a.id else r.target, dict(r.properties), mine).canonical())
        self._delete_relations(originals)
        self.upsert(Batch([b], [r for r in moved if r.source != r.target] + kept), resolve=False)
        aliases = (a.aliases & keep) | ({a.name} if a.name not in b.aliases or a.name in keep else set())
        self._set_aliases(a.id, aliases or {a.name})
        self._move_mentions(a.id, b.id, docs)
        self._notes_delete(record["kind"], [record["key"]])

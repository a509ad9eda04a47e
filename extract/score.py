"""Scoring of extraction output against a gold file, identical in logic to ../shared/score.py.

Used by ``innograph eval`` only when the shared scorer is not present beside the gold file.
"""
import re
import unicodedata

CORE = {"City", "Region", "Organisation", "Person", "Project"}
TYPED = {"LOCATED_IN", "PART_OF", "HOLDS_POSITION", "PARTICIPATES_IN", "ORGANISES", "COOPERATES_WITH"}


def norm(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = s.replace("’", "'").replace("‘", "'").replace("“", "").replace("”", "").replace('"', "")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s&\-·]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


def names_of(ent):
    return {norm(ent.get("name", ""))} | {norm(m) for m in ent.get("mentions", []) or [] if isinstance(m, str)}


def score(pred_docs, gold):
    E = {"tp": 0, "fp": 0, "fn": 0}
    R = {"tp": 0, "fp": 0, "fn": 0, "unjudged": 0}
    per_doc = {}
    for doc, g in gold["documents"].items():
        p = pred_docs.get(doc, {"entities": [], "relations": []})
        alias = {}
        for i, ge in enumerate(g["entities"]):
            for a in ge["aliases"]:
                alias.setdefault(norm(a), i)
        matched = set()
        fp = 0
        fps = []
        pred_to_gold = {}
        for pe in p.get("entities", []):
            if pe.get("type") not in CORE:
                continue
            hits = {alias[n] for n in names_of(pe) if n in alias}
            ok = [i for i in hits if pe["type"] in [g["entities"][i]["type"]] + g["entities"][i]["alt_types"]]
            for n in names_of(pe):
                if n in alias:
                    pred_to_gold[n] = alias[n]
            if ok:
                fresh = [i for i in ok if i not in matched]
                if not fresh:
                    fp += 1
                    fps.append(f'duplicate {pe.get("name")}/{pe.get("type")}')
                matched.update(fresh)
            elif hits and all(g["entities"][i]["optional"] for i in hits):
                pass
            else:
                fp += 1
                fps.append(f'{pe.get("name")}/{pe.get("type")}')
        fn = [ge["name"] for i, ge in enumerate(g["entities"]) if not ge["optional"] and i not in matched]
        tp = sum(1 for i in matched if not g["entities"][i]["optional"])
        E["tp"] += tp
        E["fp"] += fp
        E["fn"] += len(fn)
        gidx = {norm(ge["name"]): i for i, ge in enumerate(g["entities"])}

        def gi(name):
            n = norm(name)
            return alias.get(n, pred_to_gold.get(n))
        gold_rels = []
        for r in g["relations"]:
            srcs = {gidx[norm(r["source"])]}
            tgts = {gidx[norm(t)] for t in [r["target"]] + r["alt_targets"] if norm(t) in gidx}
            gold_rels.append((srcs, {r["type"]} | set(r["alt_types"]), tgts, r["optional"], r))
        found = set()
        rfp = 0
        rfps = []
        for pr in p.get("relations", []):
            if pr.get("type") not in TYPED:
                continue
            s, o = gi(pr.get("source", "")), gi(pr.get("target", ""))
            if s is None or o is None:
                R["unjudged"] += 1
                continue
            hit = False
            for k, (srcs, types, tgts, opt, r) in enumerate(gold_rels):
                if pr["type"] not in types:
                    continue
                if (s in srcs and o in tgts) or (pr["type"] == "COOPERATES_WITH" and o in srcs and s in tgts):
                    hit = True
                    found.add(k)
            if not hit:
                rfp += 1
                rfps.append(f'{pr.get("source")} -{pr["type"]}-> {pr.get("target")}')
        rfn = [f'{r["source"]} -{r["type"]}-> {r["target"]}' for k, (_, _, _, opt, r) in enumerate(gold_rels) if not opt and k not in found]
        rtp = sum(1 for k in found if not gold_rels[k][3])
        R["tp"] += rtp
        R["fp"] += rfp
        R["fn"] += len(rfn)
        per_doc[doc] = {"entity_fp": fps, "entity_fn": fn, "relation_fp": rfps, "relation_fn": rfn}

    def prf(d):
        p = d["tp"] / (d["tp"] + d["fp"]) if d["tp"] + d["fp"] else 0.0
        r = d["tp"] / (d["tp"] + d["fn"]) if d["tp"] + d["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 3), round(r, 3), round(f, 3)
    return {"entities": prf(E), "relations": prf(R), "counts": {"E": E, "R": R}, "per_doc": per_doc}

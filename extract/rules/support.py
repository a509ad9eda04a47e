"""Guidance and support of a project or event, stated as a phrase rather than a passive:
"Under the guidance of A (and B), the X Forum was held ...", "The event was held with support from A
and B", "With the support of A, the project ...".

- "under the guidance of A" -> A ORGANISES the project {role: guide}, as "guided by A" does;
- "with (the) support of / from A" -> A PARTICIPATES_IN it {role: supporter}.

The project is the one the sentence names (or "the project", "the event" for one named before),
else the article's current event. Less sure than a trigger on the verb itself (0.65).
"""
from __future__ import annotations

from extract.rules.common import ACTOR


class SupportRules:
    """Guidance and support phrases of one sentence."""

    def __init__(self, lex: dict, dep):
        self.dep = dep

    def __call__(self, doc, sent, top, event, out):
        at = self.dep.index(top)
        projects = [m for m in top if m["label"] == "Project"]
        for t in sent:
            low = t.lower_
            if low == "guidance" and t.i - 2 >= sent.start and doc[t.i - 1].lower_ == "the" and doc[t.i - 2].lower_ == "under":
                typ, role = "ORGANISES", "guide"
                labels = ("Organisation",)
            elif low == "support" and t.i - 1 >= sent.start and (doc[t.i - 1].lower_ == "with"
                                                               or doc[t.i - 1].lower_ == "the" and t.i - 2 >= sent.start
                                                               and doc[t.i - 2].lower_ == "with"):
                typ, role = "PARTICIPATES_IN", "supporter"
                labels = ACTOR
            else:
                continue
            k = t.i + 1
            if k >= sent.end or doc[k].lower_ not in ("of", "from"):
                continue
            k += 1
            while k < sent.end and doc[k].lower_ == "the":
                k += 1
            first = at.get(k)
            if first is None or first["s"] != k or first["label"] not in labels or first.get("anaphor"):
                continue
            agents = [m for m in self.dep.expand(doc, first, at, labels, sent) if not m.get("anaphor")]
            ends = max(m["e"] for m in agents)
            # the project: the nearest one the sentence names outside the phrase, else the current event
            cands = [p for p in projects if p["s"] >= ends or p["e"] <= t.i - 2]
            target = min(cands, key=lambda p: abs(p["s"] - t.i)) if cands else event
            if target is None:
                continue
            for m in agents:
                if m["key"] != target["key"]:
                    out.append((m, typ, target, {"role": role}, 0.65, "guidance-support"))

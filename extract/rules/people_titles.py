"""Offices of a list of people, one sentence at a time (called by :mod:`extract.rules.constructions`):

- one plural office: "A, B and C, vice mayors of Y, attended", "A and B, both vice presidents of Y"
  -> each holds the office at Y (one each, in order, with "of X, Y and Z");
- paired titles: "A and B, president and vice president of X (respectively)", "A and B, president
  of X and mayor of Y respectively" -> one title each, in order.

The words are the lexicon's ``[titles] words`` and ``[constructions] plural_quantifiers``.
"""
from __future__ import annotations

from extract.rules.common import singular


class PeopleTitleRules:
    """The offices of the runs of people a sentence names one after another."""

    def __init__(self, lex: dict):
        self.plural_quantifiers = set(lex.get("constructions", {}).get("plural_quantifiers", ()))
        self.titles = {w for t in lex["titles"]["words"] for w in t.replace("-", " - ").split()}

    def __call__(self, doc, sent, top, at, out):
        self._people_plural_title(doc, sent, top, at, out)
        self._people_paired_titles(doc, sent, top, at, out)

    @staticmethod
    def _people_runs(doc, sent, top):
        """Each run of people named one after another ("A, B and C"), from each person of the sentence:
        (the people, the token index where the run ends)."""
        people = [m for m in top if m["label"] == "Person" and not m.get("anaphor")]
        starts = {m["s"]: m for m in people}
        for p in people:
            group, k = [p], p["e"]
            while k < sent.end:
                j = k
                while j < sent.end and doc[j].lower_ in (",", "and"):
                    j += 1
                nxt = starts.get(j)
                if nxt is None or j == k:
                    break
                group.append(nxt)
                k = nxt["e"]
            yield group, k

    def _people_plural_title(self, doc, sent, top, at, out):
        """"A, B and C, vice mayors of Y, attended": a list of people then one plural office."""
        for group, k in self._people_runs(doc, sent, top):
            if len(group) < 2 or k + 2 >= sent.end or doc[k].text != ",":
                continue
            q = k + 1 + (doc[k + 1].lower_ in self.plural_quantifiers)  # "A and B, both vice presidents of Y"
            j = q
            while j < sent.end and (singular(doc[j].lower_) in self.titles or doc[j].lower_ in self.titles or doc[j].text == "-"):
                j += 1
            if j == q or j >= sent.end or doc[j].lower_ not in ("of", "at") or not doc[j - 1].lower_.endswith("s"):
                continue
            r = j + 1
            while r < sent.end and doc[r].lower_ == "the":
                r += 1
            org = at.get(r)
            if org is None or org["s"] != r or org["label"] not in ("Organisation", "City", "Region"):
                continue
            words = [t.text for t in doc[q:j]]
            words[-1] = singular(words[-1].lower()) if words[-1].islower() else words[-1][:-1]
            title = " ".join(words).replace(" - ", "-")
            orgs = self._org_list(doc, sent, at, org)
            if len(orgs) == len(group):
                # "A, B and C, vice mayors of X, Y and Z (respectively)": one office each, in order
                for m, o in zip(group, orgs):
                    out.append((m, "HOLDS_POSITION", o, {"title": title}, 0.75, "people-plural-title-respectively"))
                return
            if len(orgs) > 1:
                return  # as many offices as people would pair them; otherwise who is where is unsaid
            for m in group:
                out.append((m, "HOLDS_POSITION", org, {"title": title}, 0.75, "people-plural-title"))
            return

    def _people_paired_titles(self, doc, sent, top, at, out):
        """"A and B, president and vice president of X (respectively)": as many titles as people, one
        each in order, at X (or at "X and Y" when as many bodies are named)."""
        for group, k in self._people_runs(doc, sent, top):
            if len(group) < 2 or k + 3 >= sent.end or doc[k].text != ",":
                continue
            titles, own, j = [], [], k + 1  # own: the body named after each title ("president of X and mayor of Y")
            while j < sent.end:
                b = j
                while j < sent.end and (doc[j].lower_ in self.titles or doc[j].text == "-") and doc[j].lower_ != "and":
                    j += 1
                if j == b:
                    break
                titles.append(" ".join(t.text for t in doc[b:j]).replace(" - ", "-"))
                own.append(None)
                if j + 1 < sent.end and doc[j].lower_ in ("of", "at"):
                    r = j + 1 + (doc[j + 1].lower_ == "the")
                    m = at.get(r)
                    if m is not None and m["s"] == r and m["label"] in ("Organisation", "City", "Region"):
                        own[-1] = m
                        j = m["e"]
                if j < sent.end and doc[j].lower_ in (",", "and"):
                    j += 1 + (j + 1 < sent.end and doc[j].text == "," and doc[j + 1].lower_ == "and")
                    continue
                break
            if len(titles) == len(group) >= 2 and all(own) and j < sent.end and doc[j].lower_ == "respectively":
                # "A and B, president of X and mayor of Y respectively": each office is one person's
                keys = {m["key"] for m in group}
                mine = {(m["key"], o["key"]) for m, o in zip(group, own)}
                out[:] = [r for r in out if not (r[1] == "HOLDS_POSITION" and r[0]["key"] in keys and (r[0]["key"], r[2]["key"]) not in mine
                                                 and r[2]["key"] in {o["key"] for o in own})]
                for m, title, o in zip(group, titles, own):
                    out.append((m, "HOLDS_POSITION", o, {"title": title}, 0.75, "people-paired-titles"))
                return
            if len(titles) != len(group) or any(own[:-1]) or own[-1] is None:
                return
            orgs = self._org_list(doc, sent, at, own[-1])  # "director and deputy director of X (and Y)"
            if len(orgs) not in (1, len(group)):
                return
            for n, (m, title) in enumerate(zip(group, titles)):
                out.append((m, "HOLDS_POSITION", orgs[n if len(orgs) > 1 else 0], {"title": title}, 0.75, "people-paired-titles"))
            return

    @staticmethod
    def _org_list(doc, sent, at, first):
        """first and the bodies or places listed right after it: "X, Y and Z"."""
        group, k = [first], first["e"]
        while k < sent.end:
            j = k
            while j < sent.end and doc[j].lower_ in (",", "and", "the"):
                j += 1
            nxt = at.get(j)
            if j == k or nxt is None or nxt["s"] != j or nxt["label"] not in ("Organisation", "City", "Region") or nxt.get("anaphor"):
                break
            group.append(nxt)
            k = nxt["e"]
        return group

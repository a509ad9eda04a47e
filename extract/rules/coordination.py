"""Coordination: the names of a list, for the dependency interpreter (:class:`ListWalker` is a part
of :class:`extract.rules.dependency.DepInterpreter`).

- "A, B and C" (by the parse, and by a plain left-to-right walk over commas and "and");
- a common noun followed by its members: "enterprises including A and B", "two bodies: A and B",
  "namely A and B";
- a list of people, each with an office between ("A, mayor of X, and B, president of Y") or before
  the name ("CAST Vice Chairman A and Binzhou Mayor B", "Shandong vice governor A, Binzhou Party
  secretary B and C");
- a group noun for the bodies or people named with it ("representatives of A and B", "leaders
  including A and B").
"""
from __future__ import annotations

LIST_SKIP = {",", "and", "&", "or", "the", "plus", "as", "well", "both", "also", "together", "with", "its", "their"}


class ListWalker:
    """List walking over the mentions of a sentence; needs ``named``, ``list_markers``,
    ``group_nouns`` and ``title_words`` (the words of the lexicon's person titles: "vice", "governor")."""

    def members(self, doc, tok, at, labels, sent, offices=False):
        """The names of a list headed by tok: "A, B and C"; "enterprises, including A and B"; "two bodies: A and B"."""
        first = self.named(tok, at, labels, loose=False)
        if first:
            return self.expand(doc, first[0], at, labels, sent, offices)
        # a common noun followed by its members
        for c in tok.children:
            if (c.dep_ == "prep" and (c.lower_ in self.list_markers or c.lower_ == "as" and any(x.lower_ == "such" for x in c.children))) \
                    or c.dep_ == "appos":  # "leaders such as A and B" (the parser hangs "such" on "as")
                for p in ([c] if c.dep_ == "appos" else [x for x in c.children if x.dep_ == "pobj"]):
                    got = self.named(p, at, labels, loose=False)
                    if got:
                        return self.expand(doc, got[0], at, labels, sent)
            if c.lower_ == "such" and c.dep_ in ("amod", "prep"):
                for x in c.subtree:
                    if x.dep_ == "pobj":
                        got = self.named(x, at, labels, loose=False)
                        if got:
                            return self.expand(doc, got[0], at, labels, sent)
        # linear: "... enterprises, including A, B" / "...: A and B" / "namely A and B" right after the noun
        k = tok.right_edge.i + 1
        while k < sent.end and doc[k].text in (",", ":", "(", "—", "–", "-"):
            k += 1
        if k < sent.end and (doc[k].lower_ in self.list_markers or doc[k - 1].text == ":"):
            if doc[k].lower_ in self.list_markers:
                k += 1
                if k < sent.end and doc[k].lower_ == "as":  # "such as"
                    k += 1
            while k < sent.end and doc[k].lower_ in ("the",):
                k += 1
            m = at.get(k)
            if m is not None and m["s"] == k and m["label"] in labels:
                return self.expand(doc, m, at, labels, sent)
        return []

    def expand(self, doc, m, at, labels, sent, offices=False):
        """m and the names coordinated with it (by the parse, and by a plain left-to-right list walk);
        with ``offices``, a list of people may carry each one's office ("A, mayor of X, and B")."""
        out = [m]
        seen = {id(m)}
        # the parse: conjuncts hanging off any token of the name, outside it; and an earlier conjunct the
        # parser hung on the last one ("A and B took part": A as a modifier of B)
        todo = [(k, m) for k in range(m["s"], m["e"])]
        while todo:
            k, host = todo.pop()
            for c in doc[k].children:
                if host["s"] <= c.i < host["e"]:
                    continue
                x = at.get(c.i)
                if x is None or x["label"] not in labels or id(x) in seen:
                    continue
                # "Zhou Lin, Xu Tao and Ma Jun": the parser may read the second person as an apposition
                if c.dep_ == "conj" or (c.dep_ == "appos" and x["label"] == host["label"] == "Person") \
                        or (c.dep_ in ("nmod", "compound", "appos") and x["e"] < host["s"]
                                        and any(doc[q].lower_ in ("and", "&") for q in range(x["e"], host["s"]))
                                        and all(doc[q].lower_ in LIST_SKIP for q in range(x["e"], host["s"]))):
                    seen.add(id(x))
                    out.append(x)
                    todo.extend((q, x) for q in range(x["s"], x["e"]))
        # the surface: "A, B, C and D", "A as well as B", "A (ACR) and B"
        k = m["e"]
        while k < sent.end:
            j = k
            if j + 2 < sent.end and doc[j].text == "(" and doc[j + 2].text == ")":
                j += 3
            # a locative after an item: "Yichang in Hubei Province and Yueyang in Hunan Province"
            if j + 1 < sent.end and doc[j].lower_ == "in" and j + 1 in at and at[j + 1]["s"] == j + 1 \
                    and at[j + 1]["label"] in ("City", "Region") and out[-1]["label"] in ("City", "Region", "Organisation"):
                loc = at[j + 1]
                if loc["e"] < sent.end and doc[loc["e"]].lower_ in (",", "and", "&", "or"):
                    j = loc["e"]
            # "A, vice governor of X, and B, president of Y": a person's office between two listed people
            if offices and out[-1]["label"] == "Person":
                j = self.past_office(doc, j, at, sent)
            saw_sep = False
            while j < sent.end and doc[j].lower_ in LIST_SKIP:
                saw_sep = saw_sep or doc[j].lower_ in (",", "and", "&", "or", "well")
                j += 1
            x = at.get(j)
            if offices and saw_sep and out[-1]["label"] == "Person" and (x is None or x["s"] != j or x["label"] != "Person"):
                # "A and Binzhou Mayor B": the next person's office written before the name
                q = self.past_title_prefix(doc, j, at, sent)
                if q > j and at.get(q) is not None and at[q]["s"] == q and at[q]["label"] == "Person":
                    j, x = q, at[q]
            if not saw_sep or x is None or x["s"] != j or x["label"] not in labels:
                break
            seps = {doc[q].lower_ for q in range(k, j)}
            # "the Institute of X University, Zhejiang": a place after a comma locates, it does not list
            if not (seps & {"and", "&", "or", "well"}) and x["label"] != out[-1]["label"] and x["label"] in ("City", "Region"):
                break
            # "A will work with B, and C will work with D": C starts a clause of its own
            root = self.root(doc, x)
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.i > x["e"]:
                break
            if id(x) not in seen:
                seen.add(id(x))
                out.append(x)
            k = x["e"]
        out.extend(self.left_members(doc, out, at, sent, seen))
        out.sort(key=lambda x: x["s"])
        return out

    def left_members(self, doc, found, at, sent, seen):
        """The items of "A, B and C" before the one the parse started at: the parser often hangs the
        first of a fronted list elsewhere ("A, B and C were named ...": A as a modifier of the verb).
        Only for a real list (two items joined by "and" already found), over bare commas, of the
        same label, never the object of a preposition ("In A, B and C signed ...")."""
        first = min(found, key=lambda x: x["s"])
        if first["label"] == "Person" and first["s"] > sent.start and doc[first["s"] - 1].lower_ in self.title_words:
            # "Shandong vice governor A, Binzhou Party secretary B and C": offices before the names
            got = self._left_people(doc, first, at, sent, seen)
            if got:
                return got
        if len(found) < 2 or not any(doc[q].lower_ in ("and", "&", "well") for q in range(first["e"], max(x["s"] for x in found))):
            return []
        out = []
        k = first["s"]
        while k - 2 >= sent.start and doc[k - 1].text == ",":
            x = at.get(k - 2)
            if x is None or x["e"] != k - 1 or x["label"] != first["label"] or id(x) in seen:
                break
            root = self.root(doc, x)
            while root.dep_ == "conj" and root.head is not root:
                root = root.head
            if root.dep_ == "pobj" or (x["s"] - 1 >= sent.start and doc[x["s"] - 1].pos_ == "ADP"):
                break
            seen.add(id(x))
            out.append(x)
            k = x["s"]
        return out

    def _left_people(self, doc, first, at, sent, seen):
        """"Shandong vice governor A, Binzhou Party secretary B and C": the people before the first found,
        each after its office (a place or body and title words), over commas or "and"."""
        out = []
        k = self.title_prefix_start(doc, first["s"], at, sent)
        while k - 2 >= sent.start and doc[k - 1].lower_ in (",", "and"):
            x = at.get(k - 2)
            if x is None or x["e"] != k - 1 or x["label"] != "Person" or id(x) in seen:
                break
            seen.add(id(x))
            out.append(x)
            k = self.title_prefix_start(doc, x["s"], at, sent)
        return out

    def title_prefix_start(self, doc, k, at, sent):
        """The start of the office written before the name at token k ("Binzhou Party secretary" of
        "Binzhou Party secretary B"), k if none: title words, after at most one place or body."""
        titles = self.title_words
        j = k
        while j - 1 >= sent.start and doc[j - 1].lower_ in titles and (j - 1) not in at:
            j -= 1
        if j == k:
            return k
        m = at.get(j - 1)
        if m is not None and m["e"] == j and m["label"] in ("City", "Region", "Organisation"):
            j = m["s"]
        return j

    def past_title_prefix(self, doc, j, at, sent):
        """From token j, the token after the office written before a name ("Binzhou Mayor", "CAST
        executive vice president"): at most one place or body, then title words; j if none."""
        titles = self.title_words
        q = j
        m = at.get(q)
        if m is not None and m["s"] == q and m["label"] in ("City", "Region", "Organisation"):
            q = m["e"]
        k = q
        while k < sent.end and doc[k].lower_ in titles and k not in at:
            k += 1
        return k if k > q else j

    def group_members(self, doc, noun, at, sent):
        """The names a group noun stands for: the people it lists ("leaders including A and B"), else the
        bodies and places of its "of" / "from" ("representatives of A and B", "experts from C")."""
        people = [m for m in self.members(doc, noun, at, ("Person",), sent) if not m.get("anaphor")]
        if people:
            return people
        out = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        out += [m for m in self.members(doc, p, at, ("Organisation", "City", "Region"), sent)
                                if not m.get("anaphor") and m not in out]
        return out

    @staticmethod
    def past_office(doc, j, at, sent, limit=30):
        """From the comma after a person's name, the end of the office written after it (", vice
        governor of X," or " (vice governor of X)"): the comma or bracket before the next listed
        person, else j unchanged. The office has no verb, no other person and no sentence stop."""
        if j >= sent.end or doc[j].text not in (",", "("):
            return j
        close = ")" if doc[j].text == "(" else ","
        k = j + 1
        while k < min(sent.end, j + limit):
            t = doc[k]
            if k in at and at[k]["label"] == "Person":
                return j
            if t.pos_ in ("VERB", "AUX") and k not in at or t.text in (";", ":") or t.lower_ in ("who", "which") \
                    or t.text in ("(", ")") and t.text != close:
                return j
            if t.text == close:
                if close == ")":
                    return k + 1
                q = k + 1
                while q < sent.end and doc[q].lower_ in ("and", "as", "well", "also"):
                    q += 1
                x = at.get(q)
                if x is not None and x["s"] == q and x["label"] == "Person":
                    return k
            k += 1
        return j

    @staticmethod
    def root(doc, m):
        """The syntactic head of a name: its token whose head lies outside it."""
        for k in range(m["s"], m["e"]):
            h = doc[k].head
            if h.i < m["s"] or h.i >= m["e"] or h.i == k:
                return doc[k]
        return doc[m["e"] - 1]

"""Connected groups of hashable items for one batch's resolution (a small union-find)."""


class Groups:
    """Connected groups of hashable items (a union-find with path halving): the components that
    networkx's UnionFind gives, at a fraction of its cost for the small groups of one batch."""

    __slots__ = ("parent",)

    def __init__(self):
        self.parent: dict = {}

    def add(self, x) -> None:
        self.parent.setdefault(x, x)

    def _root(self, x):
        parent = self.parent
        p = parent.setdefault(x, x)
        while p != x:
            gp = parent[p]
            parent[x] = gp
            x, p = p, gp
        return x

    def union(self, a, b) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self.parent[rb] = ra

    def sets(self) -> list[set]:
        out: dict = {}
        for x in self.parent:
            out.setdefault(self._root(x), set()).add(x)
        return list(out.values())


def isolated(ents, ekeys, found, existing, same) -> set[int]:
    """The mentions (indexes into ``ents``) that resolution would send to their own stored node with
    nothing else joined: the stored node is its id, no reviewer's "same" moves it, and no other
    mention shares its id or a match key or finds that node by a key of its own, while its keys find
    no other stored node. Each is a group of its own (the mention and its node), so resolving it is
    the identity, without a merge or an explained join; the others resolve as before, unchanged."""
    if not existing:
        return set()
    keys: dict[str, int] = {}
    for ks in ekeys:
        for k in ks:
            keys[k] = keys.get(k, 0) + 1
    refs: dict[str, int] = {}  # stored id -> how many (mention, key) pairs find it
    for ks in ekeys:
        for k in ks:
            for sid in found.get(k, ()):
                refs[sid] = refs.get(sid, 0) + 1
    idc: dict[str, int] = {}
    for e in ents:
        idc[e.id] = idc.get(e.id, 0) + 1
    out = set()
    for i, e in enumerate(ents):
        x = e.id
        if x not in existing or x in same or idc[x] != 1:
            continue
        mine = 0
        for k in ekeys[i]:
            hits = found.get(k, ())
            if keys[k] != 1 or any(s != x for s in hits):
                break
            mine += len(hits)
        else:
            if refs.get(x, 0) == mine:
                out.add(i)
    return out

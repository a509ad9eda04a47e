"""Session 29 review mend of extract/rules/partners.py ``_group_signers``, on our own sentences: a
signers' noun with two "of" / "from" phrases ("Representatives of A and from B signed ...") keeps the
bodies of both (it kept only the last one's)."""
from __future__ import annotations

import pytest
from support.extraction import rels


def has_coop(got, a, b):
    return bool({(a, "COOPERATES_WITH", b), (b, "COOPERATES_WITH", a)} & got)


ZU, TU = "Zhejiang University", "Tsinghua University"


@pytest.mark.parametrize("text,a,b", [
    # two prepositional phrases on the signers' noun: both bodies signed
    ("Representatives of Zhejiang University and from Tsinghua University signed the agreement.", ZU, TU),
    ("Officials of Jiaxing and from Huzhou signed a cooperation agreement on Monday.", "Jiaxing", "Huzhou"),
    # one phrase with a list (worked before, must go on working)
    ("Representatives from Zhejiang University and Tsinghua University signed the agreement.", ZU, TU),
])
def test_group_signers_keep_every_phrase(text, a, b):
    assert has_coop(rels(text), a, b)


def test_one_body_is_no_pair():
    got = rels("Representatives of Zhejiang University signed the agreement.")
    assert not any(t == "COOPERATES_WITH" for _s, t, _o in got)

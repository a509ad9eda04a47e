"""The words resolution reads names by: the labels it resolves, generic words (a name made
only of them names no one entity), glue words, numbers, and an entity's fullest name.

>>> sorted(NUMBER.findall("the 22nd and the second meeting"))
['22', 'second']
"""
from __future__ import annotations

import re

LABELS = ("City", "Region", "Organisation", "Project", "Event", "Topic")
GENERIC = set("""university college institute academy association society federation committee council
center centre group co ltd company limited corporation corp inc new area district zone county park city
province region government people bureau department office of and for the science technology research
development industrial industry high tech high-tech national international annual meeting forum
conference fair exhibition programme program project platform base alliance station workstation
service team cooperation innovation higher""".split())

NUMBER = re.compile(r"\d+|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")
GLUE = {"of", "the", "and"}


def fullest(e) -> str:
    """The longest Latin-script name of ``e`` without a comma (its fullest ordinary form)."""
    names = [a for a in e.aliases if a.isascii() and "," not in a] or [e.name]
    return max(names, key=lambda a: (len(a), a))

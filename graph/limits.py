"""Limits shared by the stores, the analyses, the CLI and the API, and the check that enforces them.

>>> MAX_K, MAX_HOPS, MAX_DEPTH, MAX_LIMIT
(10, 6, 3, 500)
"""
from __future__ import annotations

from graph.errors import BadInput

MAX_K = 10
MAX_HOPS = 6
MAX_DEPTH = 3
MAX_LIMIT = 500
EVIDENCE_SHOWN = 20  # evidence items per edge in path and match answers (the rest: /entities/{id}/relations)


def check_range(name: str, value: int, low: int, high: int) -> int:
    """Validate an integer parameter; raises BadInput naming it.

    >>> check_range("k", 11, 1, 10)
    Traceback (most recent call last):
    ...
    graph.errors.BadInput: k: must be between 1 and 10, got 11
    """
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadInput(f"must be between {low} and {high}, got {value!r}", where=name)
    return value

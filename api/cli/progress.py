"""Progress bars for long CLI work (extract, import, export; ingest has its own): a tqdm bar on
stderr when it is a terminal, nothing when it is piped or redirected (logs stay clean).

>>> with bar(3, "extract", "documents") as b:
...     b.update(1)
>>> bool(bar(1, "x", "y").disable)  # the doctest's stderr is not a terminal
True
"""
from __future__ import annotations

import sys

from tqdm import tqdm


def on_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def bar(total: int | None, desc: str, unit: str) -> tqdm:
    """A bar counting ``unit`` (say what is counted: "documents", "records"), shown after 1 s."""
    return tqdm(total=total, desc=desc, unit=" " + unit, file=sys.stderr, disable=not on_terminal(),
                delay=1.0, leave=False, dynamic_ncols=True)


def note(text: str) -> None:
    """A closing count on the terminal (never into piped output)."""
    if on_terminal():
        print(text, file=sys.stderr)

"""The dependency patterns of extract/data/dep_patterns.json, their '@name' word sets filled in from
the ``[dep]`` section of lexicon.toml.

``innograph_depmatch`` (extract/components/depmatch.py) matches them; the interpreter
(extract/rules/dependency.py) reads what each pattern emits.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from extract.resources import DATA_DIR, load_lexicon

PATTERNS = DATA_DIR / "dep_patterns.json"


@functools.lru_cache(maxsize=4)
def load_patterns(path: str = str(PATTERNS), lexicon: str = str(DATA_DIR / "lexicon.toml")) -> tuple[dict, ...]:
    """The patterns of the data file with their '@name' word sets filled in from the lexicon."""
    lex = load_lexicon(lexicon)["dep"]
    raw = json.loads(Path(path).read_text(encoding="utf-8"))

    def fill(x):
        if isinstance(x, str) and x.startswith("@"):
            return list(lex[x[1:]])
        if isinstance(x, dict):
            return {k: fill(v) for k, v in x.items()}
        if isinstance(x, list):
            return [fill(v) for v in x]
        return x

    out = []
    for p in raw["patterns"]:
        q = dict(p)
        q["pattern"] = fill(p["pattern"])
        q["nodes"] = [n["RIGHT_ID"] for n in p["pattern"]]
        out.append(q)
    return tuple(out)

"""Loading the extractor's data files (gazetteer, aliases, lexicon) from extract/data/."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


@dataclass
class Place:
    """One gazetteer entry."""

    name: str
    label: str  # City or Region
    level: str
    zh: str = ""
    parent: str = ""  # province (or city for districts)
    aliases: list[str] = field(default_factory=list)


@dataclass
class Known:
    """One entry of aliases.tsv: a known organisation, project or place with its aliases."""

    label: str
    name: str
    aliases: list[str]
    kind: str = ""


def _rows(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield [c.strip() for c in line.split("\t")]


def _split(s: str) -> list[str]:
    return [a.strip() for a in (s or "").split("|") if a.strip()]


@functools.lru_cache(maxsize=8)
def load_places(data_dir: str = str(DATA_DIR)) -> tuple[Place, ...]:
    d = Path(data_dir)
    out: list[Place] = []
    provinces = set()
    for row in _rows(d / "provinces.tsv"):
        row += [""] * (5 - len(row))
        name, label, level, zh, al = row[:5]
        provinces.add(name)
        out.append(Place(name, label, level, zh, "", _split(al)))
    for row in _rows(d / "regions.tsv"):
        row += [""] * (4 - len(row))
        name, level, zh, al = row[:4]
        out.append(Place(name, "Region", level, zh, "", _split(al)))
    for row in _rows(d / "cities.tsv"):
        row += [""] * (5 - len(row))
        name, zh, parent, level, al = row[:5]
        out.append(Place(name, "City", level, zh, parent, _split(al)))
    return tuple(out)


@functools.lru_cache(maxsize=8)
def load_known(path: str = str(DATA_DIR / "aliases.tsv")) -> tuple[Known, ...]:
    out = []
    p = Path(path)
    if not p.exists():
        return ()
    for row in _rows(p):
        if len(row) < 2 or not row[1]:
            continue
        row += [""] * (4 - len(row))
        out.append(Known(row[0], row[1], _split(row[2]), row[3]))
    return tuple(out)


@functools.lru_cache(maxsize=8)
def load_lexicon(path: str = str(DATA_DIR / "lexicon.toml")) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=4)
def load_surnames(path: str = str(DATA_DIR / "surnames.txt")) -> frozenset[str]:
    """The pinyin surnames of data/surnames.txt, lower-cased."""
    out = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line.lower())
    return frozenset(out)

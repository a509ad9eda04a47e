"""InnoGraph extraction: news text in, typed entities and relations with evidence out.

>>> out = extract_document("Jiaxing is a city in Zhejiang province.", "a.txt")
>>> sorted(e["id"] for e in out["entities"])
['city:jiaxing', 'region:zhejiang']
>>> [(r["source_id"], r["type"], r["target_id"]) for r in out["relations"]]
[('city:jiaxing', 'LOCATED_IN', 'region:zhejiang')]

The output is the ``innograph extract --json`` shape of ../shared/CONTRACT.md. Functions here are
pure: no store, no global state but the cached pipeline.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from extract.clean import Cleaned, clean
from extract.formats import HTML_EXTENSIONS
from graph.errors import BadInput
from graph.ids import clean_name, make_id

__all__ = ["extract_document", "extract_batch", "read_document", "decode_bytes", "resolve_across",
           "MAX_BYTES", "EXTRACTOR"]

EXTRACTOR = "innograph-extract/1"
MAX_BYTES = 20 * 1024 * 1024  # documents up to 20 MB are read; larger ones are refused cleanly
PIECE_CHARS = 50_000  # long texts are parsed in paragraph-aligned pieces of about this size


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------
def decode_bytes(data: bytes, where: str = "document") -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with BOM; BadInput otherwise."""
    if not data or not data.strip():
        raise BadInput("empty document", where=where)
    if len(data) > MAX_BYTES:
        raise BadInput(f"document is {len(data) // 1048576} MB, over the {MAX_BYTES // 1048576} MB limit", where=where)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadInput("not valid UTF-16 text", where=where) from None
    if b"\x00" in data[:8192]:
        raise BadInput("binary file (contains NUL bytes), not text", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start})", where=where) from None


def check_text(text: str, where: str = "document") -> str:
    if not isinstance(text, str):
        raise BadInput(f"expected text, got {type(text).__name__}", where=where)
    if not text.strip():
        raise BadInput("empty document", where=where)
    if len(text) > MAX_BYTES:
        raise BadInput(f"document has {len(text)} characters, over the limit", where=where)
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    if "\x00" in sample or bad > max(8, len(sample) // 50):
        raise BadInput("binary or garbled content, not text", where=where)
    return text


def read_document(path) -> tuple[str, bool]:
    """(text, is_html) of a file; BadInput for a missing, binary, non-UTF-8 or oversized file."""
    p = Path(path)
    where = str(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", where=where) from None
    if p.is_dir():
        raise BadInput("is a directory", where=where)
    if size > MAX_BYTES:
        raise BadInput(f"file is {size // 1048576} MB, over the {MAX_BYTES // 1048576} MB limit", where=where)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}", where=where) from None
    text = check_text(decode_bytes(data, where), where)
    from extract.clean import looks_like_html
    is_html = p.suffix.lower() in HTML_EXTENSIONS or looks_like_html(text)
    return text, is_html


# ---------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------
def _get_nlp(nlp=None):
    if nlp is not None:
        return nlp
    from extract.pipeline import load_pipeline
    return load_pipeline()


def _pieces(text: str) -> list[tuple[int, str]]:
    """Split a long text at paragraph (else line, else space) boundaries into parseable pieces."""
    if len(text) <= PIECE_CHARS:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + PIECE_CHARS)
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                k = text.rfind(sep, start + PIECE_CHARS // 2, end)
                if k > start:
                    end = k + len(sep)
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _prepare(name: str, text, html: bool | None) -> Cleaned:
    if isinstance(text, (bytes, bytearray)):
        text = decode_bytes(bytes(text), name)
    text = check_text(text, name)
    if html is None and str(name).lower().endswith(HTML_EXTENSIONS):
        html = True
    cleaned = clean(text, html)
    if not cleaned.text.strip():
        raise BadInput("no text left after cleaning", where=name)
    return cleaned


def cleaned_document(text, name: str, html: bool | None = None):
    """``text`` cleaned as ``extract_document`` cleans it: the Cleaned text extraction reads, with
    the map back to the offsets of the original (where evidence offsets point)."""
    return _prepare(name, text, html)


def extract_document(text, name: str, *, nlp=None, html: bool | None = None) -> dict:
    """Entities and relations of one document, in the CONTRACT.md extract shape."""
    cleaned = _prepare(name, text, html)
    nlp = _get_nlp(nlp)
    pieces = _pieces(cleaned.text)
    docs = list(nlp.pipe([p for _, p in pieces]))
    return _assemble(name, cleaned, list(zip([o for o, _ in pieces], docs)))


def _extract_chunk(args) -> list[dict]:
    """Extract a list of (name, text, html) with one nlp.pipe call; bad documents become errors."""
    items, batch_size = args
    nlp = _get_nlp()
    prepared, out = [], [None] * len(items)
    texts, owners = [], []
    for i, (name, text, html) in enumerate(items):
        try:
            cl = _prepare(name, text, html)
        except BadInput as exc:
            out[i] = {"document": name, "error": str(exc)}
            continue
        except Exception as exc:  # noqa: BLE001 - never let one document stop a batch
            out[i] = {"document": name, "error": f"cannot read: {exc}"}
            continue
        prepared.append((i, name, cl))
        for off, piece in _pieces(cl.text):
            texts.append(piece)
            owners.append((i, off))
    per_doc = defaultdict(list)
    try:
        for (i, off), doc in zip(owners, nlp.pipe(texts, batch_size=batch_size)):
            per_doc[i].append((off, doc))
    except Exception:  # noqa: BLE001 - fall back to one document at a time to isolate the bad one
        per_doc.clear()
        for (i, off), piece in zip(owners, texts):
            try:
                per_doc[i].append((off, nlp(piece)))
            except Exception as exc:  # noqa: BLE001
                out[i] = {"document": items[i][0], "error": f"extraction failed: {exc}"}
    for i, name, cl in prepared:
        if out[i] is not None:
            continue
        try:
            out[i] = _assemble(name, cl, per_doc[i])
        except Exception as exc:  # noqa: BLE001
            out[i] = {"document": name, "error": f"extraction failed: {exc}"}
    return out


def extract_batch(items: Iterable[tuple], *, processes: int = 1, batch_size: int = 16,
                  chunk_docs: int = 32) -> Iterator[dict]:
    """Extract many (name, text_or_bytes[, html]) items, in order, with nlp.pipe batching.

    A document that cannot be read yields ``{"document": name, "error": ...}`` and the batch goes on.
    With ``processes > 1`` chunks of documents are spread over worker processes.
    """
    def norm(item):
        if len(item) == 2:
            return item[0], item[1], None
        return item[0], item[1], item[2]

    def chunks():
        buf = []
        for item in items:
            buf.append(norm(item))
            if len(buf) >= chunk_docs:
                yield (buf, batch_size)
                buf = []
        if buf:
            yield (buf, batch_size)

    if processes and processes > 1:
        import multiprocessing as mp
        ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
        with ctx.Pool(processes) as pool:
            for res in pool.imap(_extract_chunk, chunks()):
                yield from res
    else:
        for ch in chunks():
            yield from _extract_chunk(ch)


# ---------------------------------------------------------------------------------------------
# Assembly: mentions -> entities, relations -> contract rows
# ---------------------------------------------------------------------------------------------
def _assemble(name: str, cleaned: Cleaned, docs: list) -> dict:
    from extract.components.relations import finalize_relations

    mentions, rels = [], []
    words = 0
    skipped = 0
    for off, doc in docs:
        data = doc.user_data.get("innograph", {})
        skipped += data.get("skipped", 0)
        words += sum(1 for t in doc if not (t.is_punct or t.is_space))
        for m in data.get("mentions", []):
            mentions.append(dict(m, start_char=m["start_char"] + off, end_char=m["end_char"] + off))
        for r in data.get("relations", []):
            rels.append(dict(r, sent_start=r["sent_start"] + off, sent_end=r["sent_end"] + off))
    groups: dict[str, dict] = {}
    for m in mentions:
        g = groups.setdefault(m["key"], {"label": m["label"], "texts": Counter(), "canon": None,
                                        "props": {}, "standalone": False, "first": m["start_char"]})
        if not m.get("acronym_of") and not m.get("short"):
            g["texts"][clean_name(m["text"])] += 1
        else:
            g.setdefault("extra", set()).add(clean_name(m["text"]))
        if m["props"].get("canon"):
            g["canon"] = m["props"]["canon"]
        for k in ("kind", "level", "parent"):
            if m["props"].get(k) and k not in g["props"]:
                g["props"][k] = m["props"][k]
        if not m.get("nested") or m.get("acronym_of") or m.get("named") or (m["label"] == "Organisation" and not _party_prefix(m, mentions)):
            g["standalone"] = True
    entities = []
    key_to_ent = {}
    for key, g in sorted(groups.items(), key=lambda kv: kv[1]["first"]):
        if not g["standalone"]:
            continue
        texts = [t for t in g["texts"] if t]
        if not texts and not g["canon"]:
            texts = sorted(g.get("extra", ()))
        if not texts and not g["canon"]:
            continue
        ename = g["canon"] or max(texts, key=lambda t: (g["texts"][t] > 0, len(t), g["texts"][t]))
        if g["label"] == "Project" and g["props"].get("kind") == "event":
            g["label"] = "Event"  # meetings, forums, fairs, signings: Event nodes (graph/ontology.toml)
        try:
            eid = make_id(g["label"], ename)
        except BadInput:
            continue
        ment = sorted(set(texts) | set(g.get("extra", ())) | ({ename} if not g["canon"] else set()))
        ent = {"id": eid, "name": ename, "type": g["label"], "mentions": ment}
        props = {}
        if g["label"] == "Event":
            pass  # an Event's one property, its date, is read from the sentences below
        elif g["props"].get("kind"):
            props["kind"] = g["props"]["kind"]
        if g["props"].get("level") and g["label"] in ("City", "Region"):
            props["level"] = g["props"]["level"]
        if g["props"].get("parent") and g["label"] == "City":
            props["province"] = g["props"]["parent"]
        if props:
            ent["properties"] = props
        key_to_ent[key] = ent
        entities.append(ent)
    # merge entities that ended up with the same id
    by_id = {}
    for e in entities:
        if e["id"] in by_id:
            by_id[e["id"]]["mentions"] = sorted(set(by_id[e["id"]]["mentions"]) | set(e["mentions"]))
            for k, v in key_to_ent.items():
                if v is e:
                    key_to_ent[k] = by_id[e["id"]]
        else:
            by_id[e["id"]] = e
    from extract.merge import merge_variants
    entities = merge_variants(_single_token_names(list(by_id.values()), key_to_ent), key_to_ent, _places())
    relations = finalize_relations(rels, key_to_ent, cleaned)
    entities = _without_background(entities, relations)
    # titles of people from HOLDS_POSITION
    for r in relations:
        if r["type"] == "HOLDS_POSITION" and r["properties"].get("title"):
            ent = by_id.get(r["source_id"])
            if ent is not None:
                titles = ent.setdefault("properties", {}).setdefault("titles", [])
                if r["properties"]["title"] not in titles:
                    titles.append(r["properties"]["title"])
    from extract.meta import event_date, published_date
    published = published_date(cleaned.original, html=cleaned.original.lstrip()[:1] == "<")
    # the validity a sentence states, resolved against the article's date ("in May", "last year")
    if published:
        from extract.components.relations import TIMED
        from extract.rules.dates import validity

        for r in relations:
            if r["type"] in TIMED and (when := validity(r["evidence"], published)):
                r["properties"].update(when)
    # an event's date: the first sentence that names it with a day ("held in Hefei on June 5")
    year = int(published[:4]) if published else None
    for e in entities:
        if e["type"] != "Event":
            continue
        for r in relations:
            if e["id"] in (r["source_id"], r["target_id"]):
                d = event_date(r["evidence"], year)
                if d:
                    e.setdefault("properties", {})["date"] = d
                    break
    return {"document": name, "title": cleaned.title, "published": published, "entities": entities, "relations": relations,
            "stats": {"words": words, "characters": len(cleaned.original), "clean_characters": len(cleaned.text),
                      "dropped_lines": cleaned.dropped, "mentions": len(mentions), "skipped": skipped}}


def _without_background(entities: list[dict], relations: list[dict]) -> list[dict]:
    """Drop what the document names in passing and no relation of it names: the places of the
    lexicon's ``[background]`` ("China's economy"), and one-word "organisations" nobody knows (not in
    the alias table, never written out in full in the document: a photo credit, a car model, an
    unexplained acronym)."""
    from extract.resources import load_lexicon
    background = {p.lower() for p in load_lexicon().get("background", {}).get("places", ())}
    known = _known_names()
    linked = {r["source_id"] for r in relations} | {r["target_id"] for r in relations}

    def passing(e):
        if e["id"] in linked:
            return False
        if e["type"] in ("City", "Region"):
            return e["name"].lower() in background
        if e["type"] == "Organisation":
            names = {e["name"], *e.get("mentions", ())}
            return all(len(n.split()) == 1 for n in names) and not any(n.lower() in known for n in names)
        return False
    return [e for e in entities if not passing(e)]


_KNOWN: set[str] = set()


def _known_names() -> set[str]:
    """Every name and alias of the alias table (extract/data/aliases.tsv), lower-cased."""
    if not _KNOWN:
        from extract.resources import load_known
        for k in load_known():
            _KNOWN.add(k.name.lower())
            _KNOWN.update(a.lower() for a in k.aliases)
    return _KNOWN


def _party_prefix(m: dict, mentions: list[dict]) -> bool:
    """"CPC" in "CPC Wuxi Municipal Committee", "CPC Leading Group of X", "Department of the CPC Y Committee":
    the party named as the prefix of one of its own bodies, not as an organisation of the article."""
    if m.get("props", {}).get("kind") != "party" or "host" not in m or m["e"] >= m["host"][1]:
        return False
    host = next((h for h in mentions if [h["s"], h["e"]] == list(m["host"])), None)
    return host is not None and host["label"] == "Organisation"


_PLACE_WORDS: set[str] = set()


def _places() -> set[str]:
    if not _PLACE_WORDS:
        from extract.merge import place_words
        _PLACE_WORDS.update(place_words())
    return _PLACE_WORDS


def _single_token_names(entities: list[dict], key_to_ent: dict) -> list[dict]:
    """One-word people and places the gazetteer does not know: a bare name ("Gu", "Smith") is the
    person named in full in the document (by surname or family name), else dropped; a one-word
    "place" that is a Chinese surname ("Zhang" as a City) is dropped."""
    from extract.resources import load_surnames
    surnames = load_surnames()
    full = {}
    for e in entities:
        if e["type"] == "Person" and len(e["name"].split()) >= 2:
            parts = e["name"].replace("-", " ").split()
            for p in {parts[0].lower(), parts[-1].lower()}:
                full.setdefault(p, []).append(e)
    drop = {}
    for e in entities:
        one = len(e["name"].split()) == 1 and "-" not in e["name"]
        if not one:
            continue
        if e["type"] == "Person":
            hits = full.get(e["name"].lower(), [])
            if len({h["id"] for h in hits}) == 1:
                h = hits[0]
                h["mentions"] = sorted(set(h["mentions"]) | set(e["mentions"]))
                drop[e["id"]] = h
            else:
                drop[e["id"]] = None
        elif e["type"] in ("City", "Region") and not e.get("properties", {}).get("level") and e["name"].lower() in surnames:
            drop[e["id"]] = None
    if not drop:
        return entities
    for k, v in list(key_to_ent.items()):
        if v["id"] in drop:
            if drop[v["id"]] is None:
                del key_to_ent[k]
            else:
                key_to_ent[k] = drop[v["id"]]
    return [e for e in entities if e["id"] not in drop]


def resolve_across(docs: list[dict], alias_file=None):
    """Entity resolution across documents: see extract.resolve."""
    from extract.resolve import resolve_across as _r
    return _r(docs, alias_file=alias_file)

"""Reading registration files (``.csv .json .jsonl``): the text of an upload and its rows with their
line numbers, and a record's content hash. Pure functions, no store; ``ingest/registrations.py`` turns
the rows into graph batches.

A file that cannot be read at all raises BadInput naming the file (and line); a row that cannot be
read is yielded as ``(line, reason)`` so that the rest of the file still counts. JSON nested deeper
than ``MAX_DEPTH`` levels is such a row (or file), never a RecursionError.
"""
from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import json
import re
from collections.abc import Iterator

from extract.formats import RECORD_FORMATS
from graph.errors import BadInput

FORMATS = RECORD_FORMATS  # extract/formats.py is the one table
MAX_DEPTH = 64  # JSON nesting a record may have (a record is flat: its values are text or lists of text)
_TOO_DEEP = f"JSON nested more than {MAX_DEPTH} levels deep"


# ---- reading rows ---------------------------------------------------------------------------------
def decode(data: bytes | str) -> str:
    """Text of an upload: a byte-order mark (UTF-8/16/32) wins, then UTF-8, then GB18030.

    >>> decode("\\ufeff嘉兴".encode("utf-8")), decode("嘉兴".encode("gb18030"))
    ('嘉兴', '嘉兴')
    """
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise BadInput(f"not valid {enc} text: {exc.reason} at byte {exc.start}") from None
    if b"\x00" in data[:4096]:
        raise BadInput("binary content, not text")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise BadInput("text is neither UTF-8 nor GB18030")


def parse_records(name: str, data: bytes | str, fmt: str) -> Iterator[tuple[int, dict | str]]:
    """Yield ``(line, record)`` for each row, or ``(line, reason)`` for a row that cannot be read.

    ``fmt`` is ``csv`` (header row, blank lines skipped), ``json`` (an array of objects; the line is
    where an object starts) or ``jsonl``. Raises BadInput when the file as a whole is unreadable.

    >>> list(parse_records("m.jsonl", '{"record_type": "membership"}\\n\\n[1]\\n{oops\\n', "jsonl"))
    [(1, {'record_type': 'membership'}), (3, 'a record must be a JSON object, got list'), (4, 'invalid JSON: Expecting property name enclosed in double quotes')]
    """
    if fmt not in ("csv", "json", "jsonl"):
        raise BadInput(f"unknown registration format {fmt!r} (csv, json or jsonl)", where=name)
    try:
        text = decode(data)
    except BadInput as exc:
        raise BadInput(exc.message, where=name) from None
    parse = {"csv": _parse_csv, "json": _parse_json, "jsonl": _parse_jsonl}[fmt]
    for line, rec in parse(text, name):
        if isinstance(rec, dict):
            rec = {_key(str(k)): v for k, v in rec.items()} if not _too_deep(rec) else _TOO_DEEP
        elif not isinstance(rec, str):
            rec = f"a record must be a JSON object, got {type(rec).__name__}"
        yield line, rec


def _too_deep(value, limit: int = MAX_DEPTH) -> bool:
    """Does ``value`` nest lists and objects more than ``limit`` levels deep? (Iterative: no recursion.)"""
    stack = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, dict):
            v = list(v.values())
        elif not isinstance(v, list):
            continue
        if depth > limit:
            return True
        stack.extend((x, depth + 1) for x in v if isinstance(x, (dict, list)))
    return False


@functools.lru_cache(maxsize=4096)
def _key(k: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(k).strip().lstrip("\ufeff").lower())


def _parse_csv(text: str, name: str):
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if header is None:
                raise BadInput(f"unreadable CSV header: {exc}", where=f"{name}:{start}") from None
            yield start, f"unreadable CSV row: {exc}"
            continue
        if not any(c.strip() for c in row):
            continue
        if header is None:
            header = [_key(c) for c in row]
            if len(header) == 1 and ";" in row[0]:
                raise BadInput("the header has one column: fields must be separated by ',' "
                               "(';' separates list items)", where=f"{name}:{start}")
            dup = sorted({h for h in header if h and header.count(h) > 1})
            if dup:
                raise BadInput(f"duplicate column {dup[0]!r} in the header", where=f"{name}:{start}")
            continue
        extra = [(i, c) for i, c in enumerate(row) if (i >= len(header) or not header[i]) and c.strip()]
        if extra:
            i, c = extra[0]
            yield start, (f"row has {len(row)} fields but the header has {len(header)} (an unquoted comma?)"
                          if i >= len(header) else f"value {c.strip()!r} in column {i + 1}, which has no header")
            continue
        yield start, {h: c for h, c in zip(header, row) if h}


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _parse_json(text: str, name: str):
    dec = json.JSONDecoder()
    ws = re.compile(r"\s*")
    i = ws.match(text).end()
    if i == len(text):
        return
    try:
        if text[i] == "{":
            obj, _ = dec.raw_decode(text, i)
            yield _line_of(text, i), obj
            return
        if text[i] != "[":
            raise BadInput("not JSON: a .json file holds an array of records", where=f"{name}:{_line_of(text, i)}")
        i = ws.match(text, i + 1).end()
        if text[i:i + 1] == "]":
            return
        while True:
            try:
                obj, end = dec.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                yield _line_of(text, exc.pos), f"invalid JSON: {exc.msg} (the rest of the file is unreadable)"
                return
            except RecursionError:
                yield _line_of(text, i), f"{_TOO_DEEP} (the rest of the file is unreadable)"
                return
            yield _line_of(text, i), obj
            i = ws.match(text, end).end()
            if text[i:i + 1] == "]":
                return
            if text[i:i + 1] != ",":
                yield _line_of(text, i), "invalid JSON: expected ',' or ']' (the rest of the file is unreadable)"
                return
            i = ws.match(text, i + 1).end()
    except json.JSONDecodeError as exc:
        raise BadInput(f"not a JSON array of records: {exc.msg}", where=f"{name}:{_line_of(text, exc.pos)}") from None
    except RecursionError:
        raise BadInput(_TOO_DEEP, where=f"{name}:{_line_of(text, i)}") from None


def _parse_jsonl(text: str, name: str):
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, f"invalid JSON: {exc.msg}"
            except RecursionError:
                yield n, _TOO_DEEP


def record_sha256(record: dict) -> str:
    """Content hash of a record (key order and surrounding blanks do not matter)."""
    canon = {k: (v.strip() if isinstance(v, str) else v) for k, v in record.items()}
    blob = json.dumps(canon, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()

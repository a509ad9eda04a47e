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
    """Text of an upload (see :func:`decode_lines`); raises BadInput if any line cannot be decoded.

    >>> decode("\\ufeff嘉兴".encode("utf-8")), decode("嘉兴".encode("gb18030"))
    ('嘉兴', '嘉兴')
    """
    text, bad = decode_lines(data)
    if bad:
        raise BadInput(f"line {bad[0][0]}: {bad[0][1]}")
    return text


def _gb2312_hanzi(c: str) -> bool:
    """Is ``c`` a character of GB2312 (the common Chinese characters and CJK punctuation)?"""
    try:
        return len(c.encode("gb2312")) == 2
    except UnicodeEncodeError:
        return False


def _reads_as_chinese(text: str) -> bool:
    """Does ``text`` look like Chinese? At least 90% of its non-ASCII characters are among GB2312's
    (Latin-1 or UTF-8 bytes read as GB18030 mostly land outside it: ``ü`` + ``r`` is ``黵``-like)."""
    wide = [c for c in text if ord(c) > 127]
    return not wide or sum(1 for c in wide if _gb2312_hanzi(c)) >= 0.9 * len(wide)


def decode_lines(data: bytes | str) -> tuple[str, list[tuple[int, str]]]:
    """Text of an upload and the lines that could not be decoded, as ``(line, reason)``.

    A byte-order mark (UTF-8/16/32) decides the whole file. Otherwise the file is UTF-8, or GB18030
    when the whole file decodes as GB18030, no line of it with non-ASCII bytes is valid UTF-8, and
    it reads as Chinese (CJK characters). Anything else is UTF-8 line by line: a line that is not valid
    UTF-8 is reported (its bad bytes read as U+FFFD, and the record holding it is rejected), so the
    valid rows of the file still count and nothing is silently mis-decoded.

    >>> decode_lines("name\\n杭州\\n".encode() + "Zürich\\n".encode("latin-1"))
    ('name\\n杭州\\nZ\ufffdrich\\n', [(3, 'not valid UTF-8 (byte 0xfc at column 2) nor, with the rest of the file, GB18030')])
    """
    if isinstance(data, str):
        return data.lstrip("\ufeff"), []
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc).lstrip("\ufeff"), []
            except UnicodeDecodeError as exc:
                raise BadInput(f"not valid {enc} text: {exc.reason} at byte {exc.start}") from None
    if b"\x00" in data[:4096]:
        raise BadInput("binary content, not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8_wide = 0  # lines with non-ASCII bytes that are valid UTF-8: the file is UTF-8 then
    for raw in lines:
        if not raw.isascii():
            try:
                raw.decode("utf-8")
                utf8_wide += 1
            except UnicodeDecodeError:
                pass
    if not utf8_wide:
        try:
            text = data.decode("gb18030")
            if _reads_as_chinese(text):
                return text, []
        except UnicodeDecodeError:
            pass
    out, bad = [], []
    for n, raw in enumerate(lines, 1):
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            bad.append((n, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}) nor, "
                           "with the rest of the file, GB18030"))
            out.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(out), bad


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
        text, bad = decode_lines(data)
    except BadInput as exc:
        raise BadInput(exc.message, where=name) from None
    bad_at = dict(bad)
    bad_lines = sorted(bad_at)
    parse = {"csv": _parse_csv, "json": _parse_json, "jsonl": _parse_jsonl}[fmt]
    b = 0  # the next bad line not yet reported
    for line, last, rec in parse(text, name, bad_at):
        while b < len(bad_lines) and bad_lines[b] < line:  # a bad line outside any record
            yield bad_lines[b], bad_at[bad_lines[b]]
            b += 1
        if b < len(bad_lines) and bad_lines[b] <= last:
            rec = bad_at[bad_lines[b]] if bad_lines[b] == line else f"line {bad_lines[b]}: {bad_at[bad_lines[b]]}"
            while b < len(bad_lines) and bad_lines[b] <= last:
                b += 1
        elif isinstance(rec, dict):
            rec = {_key(str(k)): v for k, v in rec.items()} if not _too_deep(rec) else _TOO_DEEP
        elif not isinstance(rec, str):
            rec = f"a record must be a JSON object, got {type(rec).__name__}"
        yield line, rec
    for n in bad_lines[b:]:
        yield n, bad_at[n]


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


def _parse_csv(text: str, name: str, bad: dict):
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
            yield start, reader.line_num, f"unreadable CSV row: {exc}"
            continue
        end = reader.line_num
        if not any(c.strip() for c in row):
            continue
        if header is None:
            for n in range(start, end + 1):
                if n in bad:
                    raise BadInput(f"unreadable CSV header: {bad[n]}", where=f"{name}:{n}")
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
            yield start, end, (f"row has {len(row)} fields but the header has {len(header)} (an unquoted comma?)"
                          if i >= len(header) else f"value {c.strip()!r} in column {i + 1}, which has no header")
            continue
        yield start, end, {h: c for h, c in zip(header, row) if h}


class _Lines:
    """Line numbers of positions met in increasing order, counted once (linear in the text)."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 1

    def __call__(self, pos: int) -> int:
        if pos < self.pos:  # never in the parser's order; correct anyway
            return self.text.count("\n", 0, pos) + 1
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _parse_json(text: str, name: str, bad: dict):
    """The objects of a JSON array, one at a time: each decoded where it starts (the C scanner of the
    json module), its lines counted from the previous one, so the whole is linear in the file."""
    dec = json.JSONDecoder()
    ws = re.compile(r"\s*")
    line_of = _Lines(text)
    i = ws.match(text).end()
    if i == len(text):
        return
    try:
        if text[i] == "{":
            obj, end = dec.raw_decode(text, i)
            yield line_of(i), line_of(end), obj
            return
        if text[i] != "[":
            raise BadInput("not JSON: a .json file holds an array of records", where=f"{name}:{line_of(i)}")
        i = ws.match(text, i + 1).end()
        if text[i:i + 1] == "]":
            return
        while True:
            start = line_of(i)
            try:
                obj, end = dec.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                n = line_of(exc.pos)
                yield start, n, f"invalid JSON: {exc.msg} (the rest of the file is unreadable)"
                return
            except RecursionError:
                yield start, start, f"{_TOO_DEEP} (the rest of the file is unreadable)"
                return
            yield start, line_of(end), obj
            i = ws.match(text, end).end()
            if text[i:i + 1] == "]":
                return
            if text[i:i + 1] != ",":
                n = line_of(i)
                yield n, n, "invalid JSON: expected ',' or ']' (the rest of the file is unreadable)"
                return
            i = ws.match(text, i + 1).end()
    except json.JSONDecodeError as exc:
        raise BadInput(f"not a JSON array of records: {exc.msg}", where=f"{name}:{line_of(exc.pos)}") from None
    except RecursionError:
        raise BadInput(_TOO_DEEP, where=f"{name}:{line_of(i)}") from None


def _parse_jsonl(text: str, name: str, bad: dict):
    for n, line in enumerate(text.split("\n"), 1):  # "\n" only: U+2028 may stand inside a JSON string
        if line.strip():
            try:
                yield n, n, json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, n, f"invalid JSON: {exc.msg}"
            except RecursionError:
                yield n, n, _TOO_DEEP


def record_sha256(record: dict) -> str:
    """Content hash of a record (key order and surrounding blanks do not matter)."""
    canon = {k: (v.strip() if isinstance(v, str) else v) for k, v in record.items()}
    blob = json.dumps(canon, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()

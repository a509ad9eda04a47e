"""The unit of work of every engine: one partition of documents in, its extraction records out.

A partition is a list of ``(document, name, data)``: the path as given, the document name ingest
knows it by (its path relative to the working directory), and the file's bytes (or the reason it
could not be read). The records are the ``extract --json`` objects in the partition's order, each
with the document's ``name``, ``id`` and ``sha256`` (of the bytes, as ingest computes it), ``bytes``
and ``html``; a bad document is ``{"document", "name", "id", "sha256", "error", "reason", "unreadable"}``
(``unreadable``: it could not be read as text at all, as ingest counts it).

This function is pure and runs in whichever process the engine gives it (a Dask worker, or this
one): the pipeline is the process's cached one (extract/pipeline.py), loaded once per process.

>>> recs = extract_partition([("a.txt", "a.txt", b"Jiaxing is a city in Zhejiang province."),
...                           ("b.txt", "b.txt", b"")])
>>> [r["relations"][0]["type"] for r in recs[:1]], recs[1]["error"], recs[1]["unreadable"]
(['LOCATED_IN'], 'b.txt: empty document', True)
"""
from __future__ import annotations

import hashlib

from extract.formats import HTML_EXTENSIONS
from graph.errors import BadInput
from graph.ids import document_id

BATCH_SIZE = 16  # nlp.pipe batch inside a partition


def _text_of(name: str, data) -> tuple[str, bool]:
    """read_document() of bytes already read: (text, is_html), BadInput when not readable text."""
    from extract import check_text, decode_bytes
    from extract.clean import looks_like_html

    if isinstance(data, BaseException):
        raise BadInput(str(data), where=name)
    text = check_text(decode_bytes(data, name), name)
    return text, name.lower().endswith(HTML_EXTENSIONS) or looks_like_html(text)


def extract_partition(items: list[tuple[str, str, object]]) -> list[dict]:
    """Records of one partition, in order (see the module docstring)."""
    from extract import _extract_chunk

    heads, todo, out = [], [], []
    for document, name, data in items:
        ok = isinstance(data, (bytes, bytearray))
        head = {"document": document, "name": name, "id": document_id(name),
                "sha256": hashlib.sha256(data).hexdigest() if ok else "", "bytes": len(data) if ok else 0}
        try:
            text, html = _text_of(document, data if ok else OSError(str(data)))
        except BadInput as exc:
            heads.append(dict(head, error=str(exc), reason=exc.message, unreadable=True))
            continue
        head["html"] = html
        heads.append(head)
        todo.append((len(heads) - 1, (document, text, html)))
    results = _extract_chunk(([item for _, item in todo], BATCH_SIZE)) if todo else []
    by_pos = {pos: res for (pos, _), res in zip(todo, results)}
    for pos, head in enumerate(heads):
        res = by_pos.get(pos)
        if res is None:
            out.append(head)
        elif "error" in res:
            msg, doc = res["error"], head["document"]
            reason = msg[len(doc) + 2:] if msg.startswith(doc + ": ") else msg
            out.append(dict(head, error=msg, reason=reason, unreadable=False))
        else:
            out.append({**res, **head})
    return out

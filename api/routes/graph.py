"""The whole graph: counts (``/stats``) and a streamed export (``/export?format=json|graphml|csv``).

The export is written by the store in a background thread into a bounded queue and streamed out in
64 KB chunks, so memory stays flat however large the graph; if the store stalls for longer than
the query timeout before the first chunk the answer is a 503, after it the stream ends early.

>>> from api.app import scratch_client
>>> with scratch_client() as c:
...     r = c.get("/api/v1/export?format=csv")
...     r.status_code, r.mimetype, r.get_data(as_text=True).splitlines()[0]
(200, 'text/csv', 'id,name,type,aliases,properties')
"""
from __future__ import annotations

import logging
import queue
import threading

from apiflask import APIBlueprint
from flask import Response, stream_with_context

from api.problems import problem_responses
from api.runtime import API_PREFIX, runtime
from api.schemas import ExportQuery, Stats, window_of
from graph.errors import QueryTimeout
from graph.window import call_within

log = logging.getLogger("innograph.api")
bp = APIBlueprint("graph", __name__, url_prefix=API_PREFIX, tag="Graph")

MEDIA = {"json": "application/json", "graphml": "application/graphml+xml", "csv": "text/csv"}
CHUNK = 64 * 1024
_DONE = object()


@bp.get("/stats")
@bp.output(Stats)
@bp.doc(responses=problem_responses(422, 500, 503))
def stats():
    """Counts

    Nodes per label, relations per type (MENTIONS included) and documents.
    """
    return runtime().run(lambda s: s.stats(), cheap=True)


class _Stopped(Exception):
    pass


class _Sink:
    """A text stream that hands 64 KB chunks to a bounded queue; raises once the reader is gone."""

    def __init__(self, q: queue.Queue, stop: threading.Event):
        self.q, self.stop, self.buf, self.size = q, stop, [], 0

    def write(self, s: str) -> int:
        self.buf.append(s)
        self.size += len(s)
        if self.size >= CHUNK:
            self.flush()
        return len(s)

    def flush(self) -> None:
        if self.buf:
            data = "".join(self.buf).encode("utf-8")
            self.buf, self.size = [], 0
            while True:
                if self.stop.is_set():
                    raise _Stopped
                try:
                    self.q.put(data, timeout=0.5)
                    return
                except queue.Full:
                    continue


def _produce(store, fmt: str, q: queue.Queue, stop: threading.Event) -> None:
    sink = _Sink(q, stop)
    try:
        store.export(fmt, sink)
        sink.flush()
        q.put(_DONE)
    except _Stopped:
        pass
    except Exception as exc:  # noqa: BLE001 - handed to the reader, which reports it
        q.put(exc)


@bp.get("/export")
@bp.input(ExportQuery, location="query")
@bp.doc(responses={200: {"description": "The graph, streamed (attachment innograph.FORMAT)", "content": {
    "application/json": {"schema": {"type": "object", "required": ["nodes", "edges"], "properties": {
        "nodes": {"type": "array", "items": {"type": "object"}},
        "edges": {"type": "array", "items": {"type": "object"}},
        "documents": {"type": "array", "items": {"type": "object"}}}}},
    "application/graphml+xml": {"schema": {"type": "string"}},
    "text/csv": {"schema": {"type": "string"}}}}, **problem_responses(422, 500, 503)})
def export(query_data):
    """Export the graph

    `json` is CONTRACT.md's export shape (nodes, edges with evidence, documents); `graphml` and
    `csv` (nodes, a blank line, then edges with one row per evidence item) load into other tools.
    """
    rt, fmt = runtime(), query_data["format"]
    store = rt.run(lambda s: s)  # opens the store (503 if it cannot be)
    q: queue.Queue = queue.Queue(maxsize=16)
    stop = threading.Event()
    # in the request's time window (graph/window.py)
    threading.Thread(target=call_within, args=(window_of(query_data), _produce, store, fmt, q, stop),
                     name="innograph-export", daemon=True).start()
    try:
        first = q.get(timeout=rt.timeout)
    except queue.Empty:
        stop.set()
        raise QueryTimeout(f"the export did not start within {rt.timeout:g} s") from None
    if isinstance(first, Exception):
        raise first

    def body():
        try:
            item = first
            while item is not _DONE:
                if isinstance(item, Exception):  # headers are sent: log it and end the stream early
                    log.error("export failed mid-stream", exc_info=item)
                    return
                yield item
                try:
                    item = q.get(timeout=rt.timeout)
                except queue.Empty:
                    return
        finally:
            stop.set()

    resp = Response(stream_with_context(body()), mimetype=MEDIA[fmt])
    resp.headers["Content-Disposition"] = f'attachment; filename="innograph.{fmt}"'
    resp.headers["Cache-Control"] = "no-store"
    return resp

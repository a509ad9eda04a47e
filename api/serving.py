"""The WSGI server in front of the app (ISSUE 19, deliverable 4: body limits before reading).

A request body the app will refuse without using it is never read into the server: a write
without an allowed API key (the app answers 401/403, or 404/405 off its routes) and a body whose
Content-Length is over the upload cap (413). How each server gets there:

* waitress (``innograph serve``, ``make_waitress``) reads a whole body into its buffers (memory, then
  a temporary file) before it calls the app. Its ``max_request_body_size`` (``server_options``)
  refuses a declared or chunked body past the cap; and ``api.keys.BodyGate`` decides, from the
  request line and headers alone, that a body is unwanted: the request goes to the app with an empty body (the
  app answers it as usual, problem+json), the rest of the body is dropped as it arrives, and the
  connection closes after the answer.
* gunicorn (the container: ``gunicorn 'api.serving:wsgi_app()'`` with GUNICORN_CMD_ARGS) hands the app a stream that reads from the socket
  on demand: the app's key and length checks (``api.runtime``) answer before any of the body is
  read, and gunicorn drains at most 64 KiB of an unread body before it closes the connection. A
  chunked body is cut at the cap as the app reads it (Werkzeug's ``MAX_CONTENT_LENGTH``).

Both serve from a process tuned by ``tune_interpreter``: a path search is pure Python and holds the
GIL; a thread waiting on I/O (a health check, a cheap read from Neo4j, which makes several round
trips) gets it back within the switch interval of every wake-up. At CPython's 5 ms, two searches
made a Neo4j entity read take 0.61-0.67 s (p50) instead of 0.06-0.09 s; at 1 ms, 0.28-0.32 s
(a Neo4j entity read beside two CPU-bound threads, the two intervals side by side, three rounds).
"""
from __future__ import annotations

import sys

from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import create_server

from api.keys import BodyGate
from api.settings import server_options


class _GatedParser(HTTPRequestParser):
    """waitress's request parser that stops at the headers when the channel's gate says the body
    is unwanted: the request is complete with an empty body and ``Connection: close``."""

    def __init__(self, adj, channel):
        super().__init__(adj)
        self.channel = channel

    def received(self, data):
        consumed = super().received(data)
        if self.headers_finished and not self.completed and self.channel.gate.unwanted(self.command or "",
                                                                                      self.headers.get):
            self.body_rcv = None  # nothing of the body is kept; the app sees an empty wsgi.input
            self.completed = True
            self.connection_close = True
            self.expect_continue = False  # no "100 Continue": the client is not asked for the body
            self.headers["CONNECTION"] = "close"
            self.channel.dropping = True
            return len(data)  # the rest of this chunk is body: dropped
        return consumed


class _GatedChannel(HTTPChannel):
    """A waitress channel whose requests are parsed by ``_GatedParser``; after a gated request,
    whatever else arrives on the connection is dropped until it closes (after the answer)."""

    gate: BodyGate
    dropping = False

    def parser_class(self, adj):  # noqa: D102 - waitress calls self.parser_class(adj)
        return _GatedParser(adj, self)

    def received(self, data):
        if self.dropping:
            return True
        return super().received(data)


SWITCH_INTERVAL = 0.001  # seconds a thread may hold the GIL while others wait (CPython's default: 0.005)


def tune_interpreter() -> None:
    """Let threads that wait on I/O take the GIL back sooner from CPU-bound searches (see above)."""
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))


def wsgi_app():
    """The app for gunicorn (``gunicorn 'api.serving:wsgi_app()'``, the Dockerfile's command):
    ``create_app()`` from the environment, in a process tuned for serving."""
    from api.app import create_app

    tune_interpreter()
    return create_app()


def make_waitress(app, host: str = "127.0.0.1", port: int = 0, **options):
    """A waitress server over ``app`` (not yet running: ``.run()``) with the app's body and header
    limits (``server_options``) and its body gate; ``options`` go to waitress (``threads``...)."""
    tune_interpreter()
    channel = type("InnoGraphChannel", (_GatedChannel,), {"gate": BodyGate(app.config)})
    server = create_server(app, host=host, port=port, ident="innograph",
                           **{**server_options(app.config), **options})
    for s in [server, *getattr(server, "map", {}).values()]:  # one listening socket, or several
        if hasattr(s, "channel_class"):
            s.channel_class = channel
    return server

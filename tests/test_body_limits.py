"""Body limits before reading (ISSUE 19, deliverable 4): a write without a key gets 401 and a body
over the upload cap 413 without the body being read, from a real socket; the same cap is set for
waitress (``innograph serve``) and for gunicorn in the container (both run as real servers in
tests/test_body_limits_servers.py)."""
from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest
from support.http_servers import compose_gunicorn_args, read_answer, server_command, upload_head
from support.waitress_server import Waitress
from werkzeug.serving import make_server

from api.app import create_app
from api.settings import server_options

REPO = Path(__file__).resolve().parent.parent
HUGE = 300 * 1024 * 1024


@pytest.fixture
def app(tmp_path):
    app = create_app({"STORE_URI": f"sqlite:///{tmp_path / 'g.db'}", "API_KEYS": "k", "MAX_CONTENT_LENGTH": 1024 * 1024})
    yield app
    app.extensions["innograph"].close()


def serve(server):
    t = threading.Thread(target=server.serve_forever if hasattr(server, "serve_forever") else server.run, daemon=True)
    t.start()
    return t


def ask(port: int, head: bytes, body: bytes = b"", timeout: float = 5.0) -> tuple[int, str, float]:
    """Send ``head`` (and ``body``) on a fresh socket; the status and text of the answer, and how
    long it took from the end of the headers."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(head)
        t = time.monotonic()
        if body:
            try:
                s.sendall(body)
            except OSError:
                pass  # the server stopped reading
        status, text = read_answer(s, timeout)
        return status, text, time.monotonic() - t


def test_flask_refuses_before_reading_the_body(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    serve(server)
    try:
        # headers only: the 300 MB are never sent, so an answer at all proves nothing was waited for
        status, text, took = ask(server.port, upload_head(HUGE))
        assert status == 401 and "application/problem+json" in text and took < 1.0
        status, text, took = ask(server.port, upload_head(HUGE, key="k"))
        assert status == 413 and "larger than the limit of 1 MB" in text and took < 1.0
        status, text, _ = ask(server.port, upload_head(HUGE, key="wrong"))
        assert status == 403
    finally:
        server.shutdown()


def test_a_chunked_body_is_read_no_further_than_the_cap(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    serve(server)
    try:
        chunk = b"x" * 65536
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(64)) + b"0\r\n\r\n"  # 4 MB > 1 MB
        status, text, _ = ask(server.port, upload_head(None, key="k"), body, timeout=10)
        assert status == 413, text[:300]
    finally:
        server.shutdown()


def test_waitress_refuses_a_declared_oversized_body_before_reading_it(app):
    server = Waitress(app, **server_options(app.config))
    try:
        status, _text, took = ask(server.port, upload_head(HUGE))
        assert status == 413 and took < 1.0
        status, text, _ = ask(server.port, upload_head(200_000), b"x" * 200_000)  # under the cap: the app answers
        assert status == 401 and "application/problem+json" in text
    finally:
        server.close()


def test_gunicorn_and_serve_carry_the_limits():
    compose = compose_gunicorn_args()
    docker = re.search(r'GUNICORN_CMD_ARGS="([^"]*)"', (REPO / "Dockerfile").read_text()).group(1).split()
    assert compose == docker  # the image alone and the compose service run gunicorn alike
    # the app tests/test_body_limits_servers.py serves with gunicorn is the image's
    assert 'CMD ["gunicorn", "api.serving:wsgi_app()"]' in (REPO / "Dockerfile").read_text()
    assert server_command("gunicorn", 1, "sqlite://:memory:")[0][-1] == "api.serving:wsgi_app()"
    assert {"--limit-request-line=8190", "--limit-request-fields=100", "--limit-request-field_size=8190"} <= set(compose)
    assert server_options({"MAX_CONTENT_LENGTH": 10 * 1024 * 1024})["max_request_body_size"] < 11 * 1024 * 1024
    # innograph serve builds its waitress server with the gate (tests/test_body_limits_servers.py runs it)
    assert "make_waitress(app" in (REPO / "api" / "cli" / "__init__.py").read_text()

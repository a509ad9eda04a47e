"""Body limits before reading, on the real servers (ISSUE 19, deliverable 4; the hostile case: a
300 MB body without a key was read to disk before the 401). ``innograph serve`` (waitress) and
gunicorn with the flags of docker-compose.yml run as child processes; a raw socket sends the headers
of a large upload, the answer must arrive before any of the body is sent, and then the server must
stop taking the body: what it accepts is bounded by the socket buffers, and its memory and its
temporary files do not grow with the body."""
from __future__ import annotations

import re
import socket
import threading

import pytest
import requests
from support.http_servers import (
    read_answer,
    resident_bytes,
    send_until_refused,
    server_process,
    spooled_bytes,
    upload_head,
)

MB = 1024 * 1024
CAP = 10 * MB  # the upload cap (api.settings MAX_CONTENT_LENGTH)
BODY = 200 * MB  # what a hostile client tries to push after the headers
TAKEN = 40 * MB  # at most this much may go out before the server stops taking it (kernel buffers)
GROWTH = 40 * MB  # and the server's memory may grow at most this much meanwhile

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module", params=["waitress", "gunicorn"])
def server(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    with server_process(request.param, tmp, env={"INNOGRAPH_API_KEYS": "k", "INNOGRAPH_RATE_LIMIT": "1000/minute"}) as (
            port, proc):
        yield request.param, port, proc, tmp / f"{request.param}-tmp"


def refused_before_the_body(server, head: bytes, want: int) -> str:
    """Send ``head`` alone: the answer ``want`` must come (no body sent); then push BODY bytes: the
    server must stop taking them, without holding them in memory or in temporary files."""
    kind, port, proc, spool = server
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        status, text = read_answer(s, timeout=5)
        assert status == want, f"{kind}: {text[:300]!r}"
        rss = resident_bytes(proc)
        sent = send_until_refused(s, BODY)
        grown = resident_bytes(proc) - rss
        spooled = spooled_bytes(proc, spool)
    assert sent < TAKEN, f"{kind} took {sent / MB:.0f} MB of a body it refused"
    assert grown < GROWTH and spooled < MB, f"{kind}: memory +{grown / MB:.1f} MB, spooled {spooled / MB:.1f} MB"
    return text


def test_a_write_without_a_key_is_refused_before_its_body(server):
    # under the cap, so that only the key check can refuse it (waitress used to read it all first)
    text = refused_before_the_body(server, upload_head(8 * MB), 401)
    assert "application/problem+json" in text and "needs an API key" in text


def test_a_write_with_a_wrong_key_is_refused_before_its_body(server):
    text = refused_before_the_body(server, upload_head(8 * MB, key="wrong"), 403)
    assert "application/problem+json" in text


def test_a_body_declared_over_the_cap_is_refused_before_it_is_sent(server):
    refused_before_the_body(server, upload_head(300 * MB, key="k"), 413)
    refused_before_the_body(server, upload_head(300 * MB), 413 if server[0] == "waitress" else 401)


def test_a_keyless_chunked_body_is_refused_before_it_is_sent(server):
    refused_before_the_body(server, upload_head(None), 401)


def test_a_chunked_body_with_a_key_is_read_no_further_than_the_cap(server):
    kind, port, proc, spool = server
    sent: list[int] = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(upload_head(None, key="k"))
        pusher = threading.Thread(target=lambda: sent.append(send_until_refused(s, 100 * MB, chunked=True)))
        pusher.start()
        status, text = read_answer(s, timeout=60)
        pusher.join(60)
    assert status == 413, f"{kind}: {text[:300]!r}"
    assert sent and sent[0] < CAP + TAKEN, f"{kind} took {sent[0] / MB:.0f} MB of a chunked body over the cap"


def test_an_upload_with_a_key_under_the_cap_is_ingested(server):
    kind, port, _proc, _spool = server
    csv = "record_type,name,city\nenterprise,Gate Test Instruments Co.,Hangzhou\n"
    r = requests.post(f"http://127.0.0.1:{port}/api/v1/documents", headers={"X-API-Key": "k"},
                      files={"file": ("gate.csv", csv.encode(), "text/csv")}, timeout=60)
    assert r.status_code == 200, f"{kind}: {r.text[:300]}"
    assert r.json()["ingested"] >= 1
    found = requests.get(f"http://127.0.0.1:{port}/api/v1/entities", params={"q": "Gate Test Instruments"}, timeout=10)
    assert any("Gate Test" in hit["name"] for hit in found.json()["results"])
    # and a keep-alive read after a refused write on the same connection is still answered
    with requests.Session() as session:
        assert session.post(f"http://127.0.0.1:{port}/api/v1/documents", data=b"x" * 1000, timeout=10,
                            headers={"Content-Type": "multipart/form-data; boundary=b"}).status_code == 401
        assert session.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200


def test_expect_continue_without_a_key_gets_the_401_not_an_invitation(server):
    kind, port, _proc, _spool = server
    head = upload_head(8 * MB).replace(b"\r\n\r\n", b"\r\nExpect: 100-continue\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        _, text = read_answer(s, timeout=3)
    statuses = [int(x) for x in re.findall(r"HTTP/1\.1 (\d{3})", text)]
    assert statuses and statuses[-1] == 401, f"{kind}: {text[:300]!r}"
    # waitress is told not to ask for the body; gunicorn answers 100 before the app runs (then 401)
    assert kind == "gunicorn" or statuses == [401], f"{kind}: {statuses}"

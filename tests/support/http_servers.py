"""The API's real HTTP servers as child processes (``innograph serve`` = waitress; gunicorn with the
GUNICORN_CMD_ARGS of docker-compose.yml), raw-socket requests, and what a server process holds.

A server's memory is the resident size of its process tree; what it buffered to disk is the size
of the regular files it holds open under its own TMPDIR (waitress spills bodies into unlinked
temporary files, which no directory listing shows).
"""
from __future__ import annotations

import contextlib
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests
import yaml

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def compose_gunicorn_args() -> list[str]:
    """The api service's GUNICORN_CMD_ARGS in docker-compose.yml, as a list."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return shlex.split(compose["services"]["api"]["environment"]["GUNICORN_CMD_ARGS"])


def server_command(kind: str, port: int, store: str) -> tuple[list[str], dict]:
    """The command and the extra environment that serve the API on ``port`` with ``kind`` (gunicorn:
    the Dockerfile's app, ``api.serving:wsgi_app()``, with docker-compose.yml's flags)."""
    if kind == "waitress":
        return [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                "--store", store], {}
    if kind == "gunicorn":
        args = [a for a in compose_gunicorn_args() if not a.startswith("--bind=")]
        # the flags of the container, given on the command line (GUNICORN_CMD_ARGS would be read too)
        return [sys.executable, "-m", "gunicorn", *args, f"--bind=127.0.0.1:{port}", "api.serving:wsgi_app()"], \
            {"INNOGRAPH_STORE": store}
    raise ValueError(kind)


@contextlib.contextmanager
def server_process(kind: str, tmp: Path, env: dict | None = None, start_timeout: float = 60.0):
    """Serve the API with ``kind`` over a SQLite store in ``tmp``; yields (port, Popen)."""
    port = free_port()
    spool = tmp / f"{kind}-tmp"
    spool.mkdir(exist_ok=True)
    cmd, extra = server_command(kind, port, f"sqlite:///{tmp / (kind + '.db')}")
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(spool), **extra, **(env or {})}
    full_env.pop("GUNICORN_CMD_ARGS", None)
    log = open(tmp / f"{kind}.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=tmp, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{kind} exited {proc.returncode}: {(tmp / f'{kind}.log').read_text()[-2000:]}")
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{kind} did not answer /healthz in {start_timeout:g} s")
            time.sleep(0.2)
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


def tree(proc) -> list[psutil.Process]:
    p = psutil.Process(proc.pid)
    return [p, *p.children(recursive=True)]


def resident_bytes(proc) -> int:
    """Resident memory of ``proc`` and its children (gunicorn's workers)."""
    total = 0
    for p in tree(proc):
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def spooled_bytes(proc, spool: Path) -> int:
    """Bytes in regular files that ``proc`` or a child holds open under ``spool`` (deleted or not)."""
    total = 0
    for p in tree(proc):
        fd_dir = Path(f"/proc/{p.pid}/fd")
        with contextlib.suppress(OSError):
            for fd in fd_dir.iterdir():
                with contextlib.suppress(OSError):
                    target = os.readlink(fd)
                    if target.startswith(str(spool)):
                        total += os.stat(fd).st_size
    return total


def upload_head(length: int | None, key: str | None = None) -> bytes:
    """The request line and headers of an upload of ``length`` bytes (None: chunked)."""
    lines = ["POST /api/v1/documents HTTP/1.1", "Host: x", "Content-Type: multipart/form-data; boundary=b",
             "Transfer-Encoding: chunked" if length is None else f"Content-Length: {length}"]
    if key:
        lines.append(f"X-API-Key: {key}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def read_answer(sock: socket.socket, timeout: float) -> tuple[int, str]:
    """The status and the text of one answer on ``sock`` (0, "" if none came within ``timeout``)."""
    sock.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    while not _complete(data) and time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except (TimeoutError, OSError):
            break
        if not chunk:
            break
        data += chunk
    text = data.decode("latin-1")
    m = re.match(r"HTTP/1\.[01] (\d+)", text)
    return (int(m.group(1)) if m else 0), text


def _complete(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    m = re.search(rb"(?i)content-length: *(\d+)", head)
    return bool(sep) and m is not None and len(body) >= int(m.group(1))


def send_until_refused(sock: socket.socket, total: int, chunked: bool = False, timeout: float = 5.0) -> int:
    """Send up to ``total`` bytes of body on ``sock`` until the server closes or stops reading
    (no progress for ``timeout`` seconds); how many bytes went out."""
    piece = b"x" * (1 << 20)
    if chunked:
        piece = b"%x\r\n%s\r\n" % (len(piece), piece)
    sock.settimeout(timeout)
    sent = 0
    while sent < total:
        try:
            sock.sendall(piece)
        except OSError:  # reset, broken pipe, or the server stopped reading (timeout)
            break
        sent += len(piece)
    return sent

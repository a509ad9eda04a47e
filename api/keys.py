"""API keys and the body gate: who may write (or read, with PROTECT_READS), and whether a request's
body is unwanted, from its method and headers alone (api/serving.py for waitress; the app's own
checks in api/runtime.py use the same functions).

>>> gate = BodyGate({"API_KEYS": "k", "PROTECT_READS": False, "MAX_CONTENT_LENGTH": 1024})
>>> gate.unwanted("POST", {"CONTENT_LENGTH": "10"}.get), gate.unwanted("POST", {"X_API_KEY": "k"}.get)
(True, False)
>>> gate.unwanted("POST", {"X_API_KEY": "k", "CONTENT_LENGTH": "2048"}.get), gate.unwanted("GET", {}.get)
(True, False)
"""
from __future__ import annotations

import hmac

from api.settings import csv_list

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def key_of(header) -> str:
    """The API key a request carries: ``header(name)`` gives a header's value (WSGI-style names,
    ``X_API_KEY``) or None. X-API-Key, else ``Authorization: Bearer``; "" if none."""
    key = (header("X_API_KEY") or "").strip()
    auth = header("AUTHORIZATION") or ""
    if not key and auth[:7].lower() == "bearer ":
        key = auth[7:].strip()
    return key


def key_allowed(key: str, keys) -> bool:
    """Whether ``key`` is one of ``keys`` (compared in constant time)."""
    return bool(key) and any(hmac.compare_digest(key.encode(), k.encode()) for k in keys)


class BodyGate:
    """Whether a request's body is unwanted, from its method and headers: a write (or, with
    PROTECT_READS, any request) without an allowed key, or a declared length over the cap."""

    def __init__(self, settings: dict):
        self.keys = csv_list(settings["API_KEYS"])
        self.protect_reads = bool(settings["PROTECT_READS"])
        self.cap = int(settings["MAX_CONTENT_LENGTH"] or 0)

    def unwanted(self, method: str, header) -> bool:
        try:
            declared = int(header("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if self.cap and declared > self.cap:
            return True
        keyed = method.upper() in WRITE_METHODS or self.protect_reads
        return keyed and not key_allowed(key_of(header), self.keys)

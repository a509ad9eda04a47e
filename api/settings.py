"""Every setting of the API, read once: the environment, then ``config`` over it (see api/app.py for
the table of keys). Nothing else in the project reads ``INNOGRAPH_*`` variables for the server.

>>> s = read_settings({"STORE_URI": "sqlite://:memory:", "CORS_ORIGINS": "http://a, http://b"})
>>> s["STORE_URI"], s["CORS_ORIGINS"], s["QUERY_TIMEOUT"] > 0
('sqlite://:memory:', ['http://a', 'http://b'], True)
"""
from __future__ import annotations

import os
import re

from graph.store import DEFAULT_URI


def csv_list(value) -> list[str]:
    """A comma-separated setting as a list of its non-empty items."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [str(v).strip() for v in value if str(v).strip()]


def rate_limit(spec) -> str:
    """A RATE_LIMIT setting (``30/minute``; also ``N/second``, ``N/hour``, ``N/15s``...) in the
    notation of Flask-Limiter; ValueError if it is not one.

    >>> rate_limit("30/minute"), rate_limit("5/10s"), rate_limit("100/h")
    ('30/1 minute', '5/10 second', '100/1 hour')
    """
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*(s|sec|second|m|min|minute|h|hour)s?\s*", str(spec))
    if not m or int(m.group(1)) < 1:
        raise ValueError(f"RATE_LIMIT {spec!r} is not like 30/minute")
    unit = {"s": "second", "m": "minute", "h": "hour"}[m.group(3)[0]]
    return f"{int(m.group(1))}/{int(m.group(2) or 1)} {unit}"


MULTIPART_SLACK = 64 * 1024  # room for the multipart envelope around an upload of the full cap


def server_options(settings: dict) -> dict:
    """The body and header limits for the WSGI server in front of the app (waitress in ``innograph
    serve``; gunicorn in the container has the same in GUNICORN_CMD_ARGS): a body whose
    Content-Length is over the upload cap gets 413 from the server before any of it is read, a
    chunked body is read no further than the cap, and headers are bounded.

    >>> server_options({"MAX_CONTENT_LENGTH": 10 * 1024 * 1024})["max_request_body_size"]
    10551296
    """
    return {"max_request_body_size": int(settings["MAX_CONTENT_LENGTH"]) + MULTIPART_SLACK,
            "max_request_header_size": 64 * 1024, "channel_timeout": 60}


def read_settings(config: dict | None) -> dict:
    env = os.environ
    out = {
        "STORE_URI": env.get("INNOGRAPH_STORE") or DEFAULT_URI,
        "API_KEYS": env.get("INNOGRAPH_API_KEYS", ""),
        "CORS_ORIGINS": env.get("INNOGRAPH_CORS_ORIGINS", ""),
        "RATE_LIMIT": env.get("INNOGRAPH_RATE_LIMIT") or "30/minute",
        "QUERY_TIMEOUT": float(env.get("INNOGRAPH_QUERY_TIMEOUT") or 10),
        "INGEST_TIMEOUT": float(env.get("INNOGRAPH_INGEST_TIMEOUT") or 300),
        "QUERY_WORKERS": 8,
        "CACHE_TTL": 600.0,
        "REJECTS_PATH": env.get("INNOGRAPH_REJECTS") or None,
        # where the article reader finds ingested files (the folder ingest names them relative to)
        "DOCUMENTS_ROOT": env.get("INNOGRAPH_DOCUMENTS_ROOT") or None,
        "PROTECT_READS": env.get("INNOGRAPH_PROTECT_READS", "").strip().lower() in ("1", "true", "yes", "on"),
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
    }
    out.update({k: v for k, v in (config or {}).items() if v is not None})
    out["CORS_ORIGINS"] = csv_list(out["CORS_ORIGINS"])
    out["RATE_LIMIT"] = rate_limit(out["RATE_LIMIT"])
    return out

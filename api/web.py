"""The web explorer: one page at ``/`` and its static files under ``/assets/``.

The page is plain HTML, CSS and JavaScript modules in ``api/static/``; it talks to the HTTP API under
``api/v1/`` with relative URLs, so it also works behind a path prefix. The network library
(cytoscape and the fCoSE layout) comes from npm at build time: ``scripts/build-web`` copies it into
``api/static/vendor/``. Nothing is loaded from another host, and the Content-Security-Policy says so.
When the vendored files are missing the page still loads, lists what it finds, and says how to fix it.

>>> from flask import Flask
>>> app = Flask(__name__)
>>> app.register_blueprint(bp)
>>> page = app.test_client().get("/")
>>> page.status_code, page.mimetype, b'data-testid="app"' in page.data
(200, 'text/html', True)
>>> "default-src 'self'" in page.headers["Content-Security-Policy"]
True
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, send_from_directory

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
# Loaded in this order: fCoSE needs layout-base and cose-base as globals, and cytoscape to register on.
VENDOR_SCRIPTS = ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
       "base-uri 'self'; frame-ancestors 'self'; form-action 'self'")

# The interactive API docs (APIFlask's Swagger UI page at /api/v1/docs) load Swagger UI from the
# vendored copy too, never from a CDN. Relative to /api/v1/docs, so they also work behind a prefix.
_UP = "../../assets/vendor/"
DOCS_ASSETS = {
    "SWAGGER_UI_BUNDLE_JS": _UP + "swagger-ui-bundle.js",
    "SWAGGER_UI_STANDALONE_PRESET_JS": _UP + "swagger-ui-standalone-preset.js",
    "SWAGGER_UI_CSS": _UP + "swagger-ui.css",
    "DOCS_FAVICON": _UP + "swagger-favicon.png",
    # no badge from validator.swagger.io (the spec is checked by our tests, and we stay offline)
    "SWAGGER_UI_CONFIG": {"validatorUrl": None, "tryItOutEnabled": False},
}

bp = Blueprint("web", __name__, static_folder=None)


def vendor_status() -> dict:
    """Which vendored files are present, and their versions (from scripts/build-web)."""
    present = [name for name in VENDOR_SCRIPTS if (VENDOR / name).is_file()]
    missing = [name for name in VENDOR_SCRIPTS if name not in present]
    versions = {}
    try:
        versions = json.loads((VENDOR / "versions.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    return {"present": present, "missing": missing, "versions": versions}


@lru_cache(maxsize=4)
def _page(stamp: tuple) -> str:
    """index.html with the vendor script tags filled in (cached per mtime of the files involved)."""
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    status = vendor_status()
    tag = str(status["versions"].get("cytoscape", "0"))
    if status["missing"]:
        # Load nothing partial: the page shows a notice and works without the network drawings.
        scripts = (f'<meta name="innograph-vendor-missing" content="{" ".join(status["missing"])}">')
    else:
        scripts = "\n".join(f'<script src="assets/vendor/{name}?v={tag}" defer></script>'
                            for name in VENDOR_SCRIPTS)
    return html.replace("<!--VENDOR-->", scripts)


def _stamp() -> tuple:
    files = [STATIC / "index.html", VENDOR / "versions.json", *(VENDOR / n for n in VENDOR_SCRIPTS)]
    return tuple(f.stat().st_mtime_ns if f.exists() else 0 for f in files)


@bp.get("/")
def index() -> Response:
    resp = Response(_page(_stamp()), mimetype="text/html")
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["Cache-Control"] = "no-cache"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "same-origin"
    return resp


@bp.get("/assets/<path:filename>")
def asset(filename: str) -> Response:
    resp = send_from_directory(STATIC, filename, max_age=300)
    if filename.endswith(".js"):
        resp.mimetype = "text/javascript"  # ES modules need a JavaScript MIME type on every platform
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


@bp.get("/favicon.ico")
def favicon() -> Response:
    return send_from_directory(STATIC, "favicon.svg", mimetype="image/svg+xml", max_age=86400)

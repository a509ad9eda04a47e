"""The browser tests' set-up (tests/test_browser*.py): headless Chromium (Debian's package) driven by
Playwright, the real app serving the sample data from a temporary SQLite store on a free port of
127.0.0.1, pages that fail the test on a console error, an uncaught page error or a request to
another host, and the helpers that drive the explorer. The fixtures ``browser``, ``server`` and
``page`` are registered by tests/conftest.py; a module may define its own ``server``.

Chromium missing: the tests skip, except under CI=true where that is a failure. When the vendored
JavaScript is missing, ``scripts/build-web`` (the install step) is run first. Screenshots go to
``tests/screenshots/`` (git-ignored) for people to look at.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest

from support import unavailable

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
SHOTS = ROOT / "tests" / "screenshots"
VENDOR = ROOT / "api" / "static" / "vendor"
VENDOR_FILES = ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js",
                "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
TIMEOUT = 20_000  # ms for any wait in the page




def chromium() -> str:
    for cand in (shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser")):
        if cand and os.path.exists(cand):
            return cand
    unavailable("Debian's chromium is not installed (apt-get install chromium)")
    return ""


# ---- the app, with the sample data ---------------------------------------------------------------
@contextlib.contextmanager
def sample_server(tmp: Path, extra: tuple[Path, ...] = ()) -> Iterator[str]:
    """The real app over a SQLite store in ``tmp`` holding the sample data (and ``extra`` files),
    served on a free port of 127.0.0.1; yields its base URL (ending in /)."""
    from werkzeug.serving import make_server

    from api.app import create_app
    from graph.store import open_store
    from ingest import ingest_paths

    uri = f"sqlite:///{tmp / 'g.db'}"
    store = open_store(uri)
    try:
        summary = ingest_paths(store, [str(SAMPLE), *map(str, extra)], rejects_path=str(tmp / "rejects.jsonl"),
                               root=str(ROOT))
    finally:
        store.close()
    assert summary["rejected"] == 0, summary
    app = create_app({"STORE_URI": uri})
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, name="web-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}/"
    finally:
        srv.shutdown()
        thread.join(timeout=10)
        app.extensions["innograph"].close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The sample data served by the real app, once for the session: it takes no write (no API key is
    set), so the modules that use it share it (a module may define its own ``server``)."""
    with sample_server(tmp_path_factory.mktemp("web")) as base:
        yield base


def api(base: str, path: str) -> dict:
    with urlopen(base + "api/v1/" + path, timeout=30) as resp:
        return json.load(resp)


@pytest.fixture(scope="module")
def browser():
    exe = chromium()
    if not all((VENDOR / name).is_file() for name in VENDOR_FILES):
        # what `make install` does; without it the page would only show its "library missing" notice
        done = subprocess.run([str(ROOT / "scripts" / "build-web")], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0 or not all((VENDOR / name).is_file() for name in VENDOR_FILES):
            pytest.fail(f"the vendored JavaScript is missing and scripts/build-web failed:\n{done.stderr[-2000:]}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Console:
    """Console errors and uncaught exceptions of one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))


@contextlib.contextmanager
def new_page(browser, base: str, offline: bool = True, width: int = 1440, height: int = 900, **options):
    """A page in a fresh browser context; yields (page, console, outside): its Console and, when
    ``offline``, the URLs it asked of any host but ``base`` (refused)."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT)
    console = Console(pg)
    outside: list[str] = []

    def gate(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    if offline:
        pg.route("**/*", gate)
    try:
        yield pg, console, outside
    finally:
        context.close()


@pytest.fixture
def page(browser, server):
    """The explorer loaded from ``server``, offline; the test fails on a console or page error
    (but those in ``page.allowed_console``, provoked on purpose) and on a request to another host."""
    with new_page(browser, server, accept_downloads=True, reduced_motion="reduce") as (pg, console, outside):
        pg.goto(server)
        pg.wait_for_selector("body[data-ready=true]")
        yield pg
    allowed = getattr(pg, "allowed_console", ())  # errors a test provokes on purpose
    errors = [e for e in console.errors if not any(a in e for a in allowed)]
    assert errors == [], errors
    assert outside == [], f"the page asked other hosts: {outside}"


def wait_js(page, expr: str, timeout: float = TIMEOUT / 1000) -> None:
    """Poll a JavaScript expression from here: the page's CSP forbids eval, which Playwright's
    in-page polling of wait_for_function needs."""
    end = time.monotonic() + timeout
    while not page.evaluate(expr):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expr}")
        time.sleep(0.05)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def wait_ready(page, view: str) -> None:
    page.wait_for_selector(f"#view-{view}[data-state=ready]")


def cy_ids(page, what: str = "nodes", view: str | None = None) -> set[str]:
    expr = f"window.innograph.cyOf('{view}')" if view else "window.innograph.cy"
    return set(page.evaluate(f"{expr}.{what}(':visible').map(e => e.id())"))


def click_point(page, element_id: str, margin: int = 3) -> dict | None:
    """Where to click a node or edge of the active view's network: a point where the renderer's own
    hit test finds that element and nothing else, ``margin`` pixels around (an edge drawn over a
    node takes the click there: another point of the node is tried)."""
    return page.evaluate("""([id, margin]) => {
        const cy = window.innograph.cy, el = cy.getElementById(id);
        if (el.empty()) return null;
        const box = cy.container().getBoundingClientRect();
        const at = (p) => ({x: Math.round(box.left) + p.x, y: Math.round(box.top) + p.y});
        const points = [];  // model positions, the best first
        if (el.isNode()) {
            const p = el.position(), w = el.width() / 2, h = el.height() / 2;
            for (const f of [0, 0.3, 0.6]) {
                for (const [dx, dy] of [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]]) {
                    if (f || !(dx || dy)) points.push({x: p.x + f * w * dx, y: p.y + f * h * dy});
                }
            }
        } else {
            const s = el.sourceEndpoint(), t = el.targetEndpoint(), m = el.midpoint();
            const c = {x: 2 * m.x - (s.x + t.x) / 2, y: 2 * m.y - (s.y + t.y) / 2};
            const ts = [0.5];
            for (let d = 0.025; d < 0.45; d += 0.025) ts.push(0.5 - d, 0.5 + d);
            for (const f of ts) {
                points.push({x: (1-f)*(1-f)*s.x + 2*(1-f)*f*c.x + f*f*t.x, y: (1-f)*(1-f)*s.y + 2*(1-f)*f*c.y + f*f*t.y});
            }
        }
        const r = cy.renderer();
        for (const p of points) {
            const z = cy.zoom(), pan = cy.pan(), q = {x: Math.round(p.x * z + pan.x), y: Math.round(p.y * z + pan.y)};
            // the whole neighbourhood of the pixel must hit it: mouse events land on whole pixels
            const g = margin, around = [[0, 0], [g, 0], [-g, 0], [0, g], [0, -g], [g, g], [-g, -g], [g, -g], [-g, g]];
            const ok = around.every(([dx, dy]) => {
                const hit = r.findNearestElement((q.x + dx - pan.x) / z, (q.y + dy - pan.y) / z, true, false);
                return hit && hit.id() === id;
            });
            if (ok) return at(q);
        }
        return null;
    }""", [element_id, margin])


def wait_still(page, element_id: str, timeout: float = 10.0) -> None:
    """Wait until the active view's network has stopped moving: no layout running (the drawing's
    ``aria-busy``), no element or viewport animation, and the element drawn at the same place on the
    page (the container's box, the element's rendered box, the zoom) in three looks 100 ms apart. A
    click point computed while a layout, a zoom change or the page around the drawing (a panel filling
    in beside it) is still settling lands where the element was."""
    expr = """(id) => {
        const cy = window.innograph.cy, el = cy.getElementById(id);
        if (el.empty()) return null;
        const b = el.renderedBoundingBox(), c = cy.container().getBoundingClientRect();
        const busy = cy.elements(':animated').length + (cy.animated() ? 1 : 0)
            + (cy.container().getAttribute('aria-busy') === 'true' ? 1 : 0);
        return [busy, Math.round(b.x1), Math.round(b.y1), Math.round(b.x2), Math.round(b.y2), cy.zoom(),
                Math.round(c.left), Math.round(c.top), Math.round(c.width), Math.round(c.height)].join(',');
    }"""
    end = time.monotonic() + timeout
    looks = [page.evaluate(expr, element_id)]
    while time.monotonic() < end:
        time.sleep(0.1)
        looks = [*looks[-2:], page.evaluate(expr, element_id)]
        now = looks[-1]
        if len(looks) == 3 and now is not None and len(set(looks)) == 1 and now.startswith("0,"):
            return
    raise AssertionError(f"{element_id}: the network did not settle within {timeout} s (last look {looks[-1]})")


def click_element(page, element_id: str, expect: str | None = None, tries: int = 3) -> None:
    """A real mouse click on a node or edge of the active view's network, once it has settled.

    With ``expect`` (a selector the click must make visible), a click that the page did not answer
    that way within 5 s is made again from a fresh look, up to ``tries`` clicks: on a loaded machine
    the page can still shift between the look and the click. The last try waits the full timeout,
    so a click that never works still fails."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, tries + 1):
        wait_still(page, element_id)
        pos = click_point(page, element_id) or click_point(page, element_id, 1) or click_point(page, element_id, 0)
        assert pos, f"{element_id} is not drawn, or nowhere clickable"
        page.mouse.click(pos["x"], pos["y"])
        if expect is None:
            return
        try:
            page.wait_for_selector(expect, timeout=5_000 if attempt < tries else TIMEOUT)
            return
        except PlaywrightTimeout:
            if attempt == tries:
                raise


def open_entity(page, text: str, entity_id: str, entity_type: str) -> None:
    box = page.get_by_test_id("search-input")
    box.fill(text)
    option = page.locator(f"[data-testid=suggestion][data-id='{entity_id}']")
    option.wait_for()
    assert option.get_attribute("data-type") == entity_type
    assert entity_type in option.inner_text()
    # pick with the keyboard: move the highlight onto it (nothing is highlighted at first), then Enter
    ids = page.locator("[data-testid=suggestion]").evaluate_all("els => els.map(e => e.dataset.id)")
    for _ in range(ids.index(entity_id) + 1):
        box.press("ArrowDown")
    box.press("Enter")
    wait_ready(page, "explore")
    page.wait_for_selector(f"[data-testid=entity-panel][data-id='{entity_id}']")

"""What a journalist and a matchmaker see, in a real browser (issue 17): the API docs offline, the
landing overview, the cooperation map, matching both ways with conflicts listed apart, the article
reader, the search box's keyboard. The app, the browser and the offline gate are test_browser's.
Screenshots go to ``tests/screenshots/`` (git-ignored) for people to look at.
"""
from __future__ import annotations

import pytest
from test_browser import (  # noqa: F401  (fixtures)
    VENDOR,
    Console,
    api,
    browser,
    page,
    server,
    shot,
    wait_js,
    wait_ready,
)

pytestmark = pytest.mark.browser

SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")


def test_api_docs_render_offline(browser, server):  # noqa: F811
    assert all((VENDOR / n).is_file() for n in SWAGGER_FILES), "scripts/build-web vendors Swagger UI"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    console = Console(pg)
    outside: list[str] = []

    def gate(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", gate)
    try:
        pg.goto(server + "api/v1/docs")
        pg.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
        text = pg.locator(".swagger-ui").inner_text()
        assert "InnoGraph API" in text
        assert "/api/v1/match/experts" in text and "/api/v1/cooperation" in text
        # an operation opens and shows its parameters
        pg.locator(".opblock-summary", has_text="/api/v1/cooperation").first.click()
        pg.wait_for_selector(".opblock.is-open .parameters")
        shot(pg, "17-01-api-docs")
    finally:
        context.close()
    assert outside == [], f"the docs asked other hosts: {outside}"
    assert console.errors == [], console.errors

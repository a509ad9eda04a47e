"""The web explorer in a real browser: headless Chromium (Debian's package) driven by Playwright.

The real app (``api.app.create_app``) serves the sample data from a temporary SQLite store on a free
port of 127.0.0.1. Every test fails on a console error or an uncaught page error. The set-up and
the fixtures (``browser``, ``server``, ``page``) are tests/support/browser.py's. Screenshots go to
``tests/screenshots/`` (git-ignored) for people to look at.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from support.browser import (
    SAMPLE,
    api,
    click_element,
    click_point,
    cy_ids,
    new_page,
    open_entity,
    shot,
    wait_js,
    wait_ready,
)

pytestmark = pytest.mark.browser

# ---- tests --------------------------------------------------------------------------------------------
def test_search_select_shows_entity_and_neighbourhood(page, server):
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.get_by_test_id("search-input").fill("Jiax")
    page.wait_for_selector("[data-testid=suggestion]")
    shot(page, "01-search-suggestions")
    open_entity(page, "Jiaxing", "city:jiaxing", "City")

    panel = page.get_by_test_id("entity-panel")
    assert panel.get_by_test_id("entity-name").inner_text() == "Jiaxing"
    detail = api(server, "entities/city:jiaxing")
    aliases = page.get_by_test_id("entity-aliases").inner_text()
    for alias in detail["aliases"]:
        if alias != "Jiaxing":
            assert alias in aliases
    assert "嘉兴" in detail["aliases"]
    # the documents that mention it, with evidence sentences
    docs = page.get_by_test_id("entity-document")
    assert docs.count() == min(50, len(detail["documents"])) > 0
    page.wait_for_selector("[data-testid=entity-documents] [data-testid=evidence-item]")
    # ... fetched in one request for all its relations, not one path query per relation
    assert sum("/entities/city%3Ajiaxing/relations" in u for u in asked) == 1, asked
    assert not [u for u in asked if "/api/v1/paths" in u], asked
    relations = api(server, "entities/city:jiaxing/relations?limit=500")["relations"]
    shown = page.get_by_test_id("entity-documents").inner_text()
    assert any(ev["sentence"] in shown for r in relations for ev in r["evidence"] if ev["sentence"])

    # the network: the centre and every neighbour the API gives
    hood = api(server, "entities/city:jiaxing/neighbours?depth=1&limit=100")
    drawn = cy_ids(page)
    assert {n["id"] for n in hood["nodes"]} | {"city:jiaxing"} == drawn
    assert {"region:zhejiang", "project:innovation-china",
            "organisation:jiaxing-association-for-science-and-technology"} <= drawn
    page.wait_for_timeout(300)
    shot(page, "02-explore-jiaxing")


def test_click_expands_node_and_edge_shows_evidence(page, server):
    open_entity(page, "Jiaxing", "city:jiaxing", "City")
    before = cy_ids(page)
    click_element(page, "region:zhejiang", expect="[data-testid=entity-panel][data-id='region:zhejiang']")
    wait_ready(page, "explore")
    wait_js(page, f"window.innograph.cy.nodes().length > {len(before)}")
    after = cy_ids(page)
    assert before < after
    assert "city:hangzhou" in after  # Hangzhou is in Zhejiang
    page.wait_for_timeout(400)
    shot(page, "03-explore-expanded")

    # filter: unticking Organisation hides every organisation
    page.get_by_test_id("filter-label-Organisation").uncheck()
    # the filter is applied on the change event: wait for it (else a loaded machine reads the old view)
    wait_js(page, "!window.innograph.cy.nodes(':visible').some(n => n.data('type') === 'Organisation')")
    visible = page.evaluate("window.innograph.cy.nodes(':visible').map(n => n.data('type'))")
    assert visible and "Organisation" not in visible
    page.get_by_test_id("filter-label-Organisation").check()

    # a link shows its evidence
    edge = "city:jiaxing|LOCATED_IN|region:zhejiang"
    page.evaluate("window.innograph.cy.fit() && null")
    click_element(page, edge, expect="[data-testid=edge-panel]")
    page.wait_for_selector("[data-testid=edge-panel] [data-testid=evidence-item]")
    assert "Zhejiang" in page.get_by_test_id("edge-panel").inner_text()


def test_path_finder_draws_expected_path_with_evidence(page, server):
    page.get_by_test_id("tab-paths").click()
    for field, text, entity_id in (("path-from", "Li Wenhua", "person:li-wenhua"),
                                   ("path-to", "Yangtze Delta Region Institute",
                                    "organisation:yangtze-delta-region-institute-of-tsinghua-university")):
        box = page.get_by_test_id(field)
        box.fill(text)
        page.locator(f"#view-paths [data-testid=suggestion][data-id='{entity_id}']").click()
    wait_ready(page, "paths")
    page.get_by_test_id("path-item").first.wait_for()

    ast = "organisation:jiaxing-association-for-science-and-technology"
    ydri = "organisation:yangtze-delta-region-institute-of-tsinghua-university"
    expected_nodes = {"person:li-wenhua", ast, ydri}
    assert expected_nodes <= cy_ids(page)
    edges = cy_ids(page, "edges")
    holds = f"person:li-wenhua|HOLDS_POSITION|{ast}"
    assert holds in edges
    assert any(e.startswith(tuple(f"{a}|COOPERATES_WITH|{b}" for a, b in ((ast, ydri), (ydri, ast)))) for e in edges)
    answer = api(server, f"paths?from=person:li-wenhua&to={ydri}&k=3&max_hops=4")
    assert page.get_by_test_id("path-item").count() == len(answer["paths"])
    assert answer["paths"][0]["hops"] == 2
    drawn_first = [n["id"] for n in answer["paths"][0]["nodes"]]
    assert set(drawn_first) <= cy_ids(page)

    click_element(page, holds, expect="[data-testid=edge-panel]")
    panel = page.get_by_test_id("edge-panel")
    assert "Li Wenhua, president of the Jiaxing Association for Science and Technology" in panel.inner_text()
    # the document is named by its title
    wait_js(page, "document.querySelector('[data-testid=edge-panel]').innerText.includes("
                           "'Jiaxing science association signs cooperation agreement')")
    shot(page, "04-paths")


def test_matching_lists_experts(page, server):
    with open(SAMPLE / "registrations" / "enterprises.csv", encoding="utf-8") as f:
        name = next(csv.DictReader(f))["name"]
    page.get_by_test_id("tab-matching").click()
    page.get_by_test_id("match-enterprise").fill(name[:20])
    page.locator("#view-matching [data-testid=suggestion]").first.wait_for()
    options = page.locator("#view-matching [data-testid=suggestion]")
    assert set(options.evaluate_all("els => els.map(e => e.dataset.type)")) == {"Organisation"}
    page.locator("#view-matching [data-testid=suggestion]", has_text=name.rstrip(".")).first.click()
    wait_ready(page, "matching")
    items = page.get_by_test_id("match-item")
    items.first.wait_for()
    answer = api(server, "match/experts?enterprise=" + quote(name) + "&k=10")
    assert answer["matches"], "the sample enterprise has experts to match"
    shown = page.get_by_test_id("match-expert").all_inner_texts()
    assert shown == [m["expert"]["name"] for m in answer["matches"]]
    # the first expert is selected and its explaining paths are drawn
    first = answer["matches"][0]
    drawn = cy_ids(page)
    assert {answer["enterprise"]["id"], first["expert"]["id"]} <= drawn
    for p in first["paths"]:
        assert {n["id"] for n in p["nodes"]} <= drawn
    assert page.get_by_test_id("match-reasons").inner_text().strip()
    # another expert: its paths replace the drawing
    if len(answer["matches"]) > 1:
        items.nth(1).click()
        second = json.dumps(answer["matches"][1]["expert"]["id"])
        wait_js(page, f"window.innograph.cy.getElementById({second}).nonempty()")
        items.first.click()
    page.wait_for_timeout(300)
    shot(page, "05-matching")


def test_cooperation_view_shows_cities(page, server):
    page.get_by_test_id("tab-cooperation").click()
    wait_ready(page, "cooperation")
    answer = api(server, "cooperation?level=city")
    drawn = set(page.evaluate("window.innograph.cy.nodes('[!group]').map(n => n.id())"))  # provinces are boxes
    assert drawn == {n["id"] for n in answer["nodes"]}
    types = set(page.evaluate("window.innograph.cy.nodes('[!group]').map(n => n.data('type'))"))
    assert types == {"City"}
    assert "city:jiaxing" in drawn or "city:hangzhou" in drawn
    # thicker edge for a heavier link
    widths = page.evaluate("window.innograph.cy.edges().map(e => [e.data('weight'), parseFloat(e.style('width'))])")
    heavy, light = max(widths), min(widths)
    assert heavy[0] == light[0] or heavy[1] > light[1]
    page.wait_for_timeout(400)
    shot(page, "06-cooperation")
    # an edge click shows its evidence (the heaviest link that is not hidden behind others)
    page.evaluate("window.innograph.cy.fit() && null")
    by_id = {f"{e['source']}|COOPERATION|{e['target']}": e for e in answer["edges"]}
    top_id = next(i for i in sorted(by_id, key=lambda i: -by_id[i]["weight"]) if click_point(page, i))
    top = by_id[top_id]
    click_element(page, top_id, expect=f"[data-testid=coop-evidence][data-id='{top_id}']")
    assert page.get_by_test_id("coop-evidence").get_attribute("data-id") == top_id
    assert page.locator("[data-testid=coop-evidence] [data-testid=evidence-item]").count() == len(top["evidence"])
    # regions
    page.get_by_test_id("coop-level-region").check(force=True)
    wait_js(page, "window.innograph.cy.nodes().length > 0 && "
                           "window.innograph.cy.nodes().every(n => n.data('type') === 'Region')")
    wait_ready(page, "cooperation")
    shot(page, "07-cooperation-regions")


def test_export_json_png_svg(page, server):
    open_entity(page, "Jiaxing", "city:jiaxing", "City")
    view = page.locator("#view-explore")
    with page.expect_download() as dl:
        view.get_by_test_id("export-json").click()
    d = dl.value
    assert d.suggested_filename.endswith(".json")
    data = json.loads(Path(d.path()).read_text(encoding="utf-8"))
    assert data["view"] == "explore" and data["center"]["id"] == "city:jiaxing"
    assert {n["id"] for n in data["nodes"]} == cy_ids(page)
    assert data["edges"] and all({"source", "target", "type"} <= set(e) for e in data["edges"])

    with page.expect_download() as dl:
        view.get_by_test_id("export-png").click()
    assert dl.value.suggested_filename.endswith(".png")
    assert Path(dl.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    with page.expect_download() as dl:
        view.get_by_test_id("export-svg").click()
    svg = Path(dl.value.path()).read_text(encoding="utf-8")
    assert dl.value.suggested_filename.endswith(".svg")
    assert svg.startswith("<svg") and 'data-id="city:jiaxing"' in svg and "Zhejiang" in svg


def test_deep_link_and_keyboard_tabs(page, server):
    page.goto(server + "#/explore/" + quote("city:hangzhou", safe=""))
    page.wait_for_selector("[data-testid=entity-panel][data-id='city:hangzhou']")
    assert "city:hangzhou" in cy_ids(page)
    page.get_by_test_id("tab-explore").focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_test_id("tab-paths").get_attribute("aria-selected") == "true"
    assert page.locator("#view-paths").is_visible()
    assert page.evaluate("location.hash") == "#/paths"
    # Escape closes the suggestions
    page.get_by_test_id("path-from").fill("Hang")
    page.locator("#view-paths [data-testid=suggestion]").first.wait_for()
    page.get_by_test_id("path-from").press("Escape")
    assert page.locator("#view-paths [data-testid=suggestions]").first.is_hidden()


def test_layout_readable_at_200_nodes(page, server):
    page.get_by_test_id("explore-depth").select_option("3")
    page.get_by_test_id("explore-limit").select_option("200")
    open_entity(page, "Zhejiang", "region:zhejiang", "Region")
    wait_js(page, "window.innograph.cy.nodes().length >= 150")
    n = page.evaluate("window.innograph.cy.nodes().length")
    # nodes do not pile up: few pairs closer than a node's size
    close = page.evaluate("""() => {
        const ns = window.innograph.cy.nodes().map(n => n.position());
        let close = 0;
        for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) {
            if (Math.hypot(ns[i].x - ns[j].x, ns[i].y - ns[j].y) < 12) close++;
        }
        return close;
    }""")
    assert close <= n * 0.02, f"{close} overlapping pairs among {n} nodes"
    shot(page, "08-explore-large")


def test_page_works_without_vendored_library(browser, server):
    """Without the network library the page loads, says what is missing, and still searches."""
    with new_page(browser, server, offline=False, width=1280, height=800) as (pg, console, _):
        pg.route("**/assets/vendor/**", lambda route: route.fulfill(status=404, body="missing"))
        pg.goto(server)
        pg.wait_for_selector("body[data-ready=true]")
        notice = pg.get_by_test_id("vendor-notice")
        assert notice.is_visible() and "scripts/build-web" in notice.inner_text()
        open_entity(pg, "Jiaxing", "city:jiaxing", "City")
        assert pg.get_by_test_id("entity-name").inner_text() == "Jiaxing"
        assert "Zhejiang" in pg.locator("#view-explore .cy").inner_text()
        shot(pg, "09-no-vendor")
        # only the blocked library files may have failed
        assert all("404" in e or "Failed to load resource" in e for e in console.errors), console.errors
        assert not [e for e in console.errors if e.startswith("pageerror")]


def rgb(css: str) -> tuple[int, int, int]:
    """(r, g, b) of a CSS colour: "rgb(37, 99, 235)", "rgba(…)" or "#2563eb"."""
    if css.startswith("#"):
        return tuple(int(css[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(int(float(x)) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def test_types_look_as_the_ontology_api_says(page, server):
    """Badges, legend, filter chips, node colours and shapes and relation phrases are the ones the API
    serves from graph/ontology.toml (the page keeps no copy of its own)."""
    onto = api(server, "ontology")
    style = {lab["name"]: lab["style"] for lab in onto["labels"]}
    entity_labels = [lab["name"] for lab in onto["labels"] if lab["entity"]]
    phrase = {r["name"]: r["phrase"] for r in onto["relations"]}

    # the search suggestions' badges
    page.get_by_test_id("search-input").fill("Jiax")
    page.wait_for_selector("[data-testid=suggestion] .badge")
    for typ, color, glyph in page.locator("[data-testid=suggestion] .badge").evaluate_all(
            "els => els.map(e => [e.dataset.type, getComputedStyle(e).color, e.querySelector('.glyph').textContent])"):
        assert rgb(color) == rgb(style[typ]["color"]) and glyph == style[typ]["glyph"], typ

    open_entity(page, "Jiaxing", "city:jiaxing", "City")
    # the legend: a badge per type drawn, in the ontology's order, in the served colour and glyph
    drawn = page.evaluate("window.innograph.cy.nodes().map(n => [n.data('type'), n.style('background-color'), "
                          "n.style('shape')])")
    legend = page.locator("#view-explore [data-role=legend] .badge").evaluate_all(
        "els => els.map(e => [e.dataset.type, getComputedStyle(e).color, e.querySelector('.glyph').textContent, "
        "e.textContent])")
    types = {typ for typ, _, _ in drawn}
    assert len(types) >= 3 and [b[0] for b in legend] == [lab for lab in entity_labels if lab in types]
    for typ, color, glyph, text in legend:
        assert rgb(color) == rgb(style[typ]["color"]), (typ, color, style[typ]["color"])
        assert glyph == style[typ]["glyph"] and text == glyph + typ
    # the nodes of the network
    for typ, color, shape in drawn:
        assert rgb(color) == rgb(style[typ]["color"]) and shape == style[typ]["shape"], typ
    # the entity panel's badge and heading
    head = page.locator("[data-testid=entity-panel] .badge").first
    assert rgb(head.evaluate("e => getComputedStyle(e).color")) == rgb(style["City"]["color"])
    # the filters: one chip per entity label, one box per relation type walked, with its phrase
    chips = page.locator("[data-testid=filter-labels] label.chip").evaluate_all(
        "els => els.map(e => [e.querySelector('input').value, getComputedStyle(e.querySelector('.glyph')).color, "
        "e.querySelector('.glyph').textContent])")
    assert [c[0] for c in chips] == entity_labels
    for typ, color, glyph in chips:
        assert rgb(color) == rgb(style[typ]["color"]) and glyph == style[typ]["glyph"], typ
    walked = [r["name"] for r in onto["relations"] if not r["provenance"]]
    rels = page.locator("[data-testid=filter-relations] label").evaluate_all(
        "els => els.map(e => [e.querySelector('input').value, e.textContent])")
    assert rels == [[r, phrase[r]] for r in walked]
    paths_rels = page.locator("[data-testid=path-relations] label").all_text_contents()
    assert paths_rels == [phrase[r] for r in walked]
    # an edge is named by its phrase; a symmetric relation type is drawn without an arrow
    edges = page.evaluate("window.innograph.cy.edges().map(e => [e.data('type'), e.data('rel'), "
                          "e.style('target-arrow-shape')])")
    assert edges
    symmetric = {r["name"] for r in onto["relations"] if r["symmetric"]}
    for typ, rel, arrow in edges:
        assert rel == phrase[typ] and (arrow == "none") == (typ in symmetric), (typ, rel, arrow)
    shot(page, "10-ontology-styles")


def test_page_works_when_the_ontology_does_not_load(browser, server):
    """Without the ontology the page says so, and still searches, opens and draws (in neutral colours)."""
    with new_page(browser, server, offline=False, width=1280, height=800) as (pg, console, _):
        pg.route("**/api/v1/ontology", lambda route: route.fulfill(
            status=503, content_type="application/problem+json",
            body=json.dumps({"type": "about:blank", "title": "Store unavailable", "status": 503, "detail": "down"})))
        pg.goto(server)
        pg.wait_for_selector("body[data-ready=true]")
        notice = pg.get_by_test_id("ontology-notice")
        assert notice.is_visible() and "could not be loaded" in notice.inner_text() and "down" in notice.inner_text()
        open_entity(pg, "Jiaxing", "city:jiaxing", "City")
        assert pg.get_by_test_id("entity-name").inner_text() == "Jiaxing"
        hood = api(server, "entities/city:jiaxing/neighbours?depth=1&limit=100")
        assert {n["id"] for n in hood["nodes"]} | {"city:jiaxing"} == cy_ids(pg)  # nothing filtered away
        colors = set(pg.evaluate("window.innograph.cy.nodes().map(n => n.style('background-color'))"))
        assert {rgb(c) for c in colors} == {rgb("#64748b")}  # the fallback style
        assert pg.locator("[data-testid=filter-labels] input").count() == 0
        # only the refused ontology request may have failed
        assert all("503" in e or "Failed to load resource" in e for e in console.errors), console.errors
        assert not [e for e in console.errors if e.startswith("pageerror")]


def test_page_html_without_vendor_files(monkeypatch, tmp_path):
    """The server leaves the library out of the page when scripts/build-web has not run."""
    from flask import Flask

    import api.web as web

    monkeypatch.setattr(web, "VENDOR", tmp_path)
    web._page.cache_clear()
    app = Flask(__name__)
    app.register_blueprint(web.bp)
    html = app.test_client().get("/").get_data(as_text=True)
    web._page.cache_clear()
    assert "innograph-vendor-missing" in html and "cytoscape.min.js" in html
    assert "assets/vendor/cytoscape.min.js" not in html


def test_review_tab_lists_the_queue_and_needs_a_key(page, server):
    page.get_by_test_id("tab-review").click()
    wait_ready(page, "review")
    rels = api(server, "review/relations?limit=50")
    assert page.get_by_test_id("review-relations-total").inner_text() == str(rels["total"])
    assert page.get_by_test_id("review-relation").count() == min(50, rels["total"]) > 0
    first = rels["items"][0]
    assert first["source"]["name"] in page.get_by_test_id("review-relation").first.inner_text()
    page.allowed_console = ("status of 403",)  # the refused verdict below
    page.get_by_test_id("review-key").fill("not-the-key")
    page.get_by_test_id("review-reject").first.click()
    page.wait_for_selector("[data-testid=review-status][data-state=error]")
    assert "API key" in page.get_by_test_id("review-status").inner_text()
    assert api(server, "review/relations?limit=50")["total"] == rels["total"]  # nothing changed
    shot(page, "08-review")

"""What a journalist and a matchmaker see, in a real browser (issue 17): the API docs offline, the
landing overview, the cooperation map, matching both ways with conflicts listed apart, the article
reader, the search box's keyboard. The app, the browser and the offline gate are
tests/support/browser.py's. Screenshots go to ``tests/screenshots/`` (git-ignored) for people to look at.
"""
from __future__ import annotations

import pytest
from support.browser import ROOT, VENDOR, api, new_page, shot, wait_js, wait_ready

pytestmark = pytest.mark.browser

SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")


def test_api_docs_render_offline(browser, server):
    assert all((VENDOR / n).is_file() for n in SWAGGER_FILES), "scripts/build-web vendors Swagger UI"
    with new_page(browser, server, width=1280) as (pg, console, outside):
        pg.goto(server + "api/v1/docs")
        pg.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
        text = pg.locator(".swagger-ui").inner_text()
        assert "InnoGraph API" in text
        assert "/api/v1/match/experts" in text and "/api/v1/cooperation" in text
        # an operation opens and shows its parameters
        pg.locator(".opblock-summary", has_text="/api/v1/cooperation").first.click()
        pg.wait_for_selector(".opblock.is-open .parameters")
        shot(pg, "17-01-api-docs")
    assert outside == [], f"the docs asked other hosts: {outside}"
    assert console.errors == [], console.errors


# ---- the landing view ----------------------------------------------------------------------------
def test_landing_overview_without_typing(page, server):
    wait_ready(page, "explore")
    page.wait_for_selector("#view-explore[data-overview=true]")
    overview = page.get_by_test_id("overview")
    stats = api(server, "stats")
    counts = dict(zip(page.locator("[data-testid=overview-counts] li").evaluate_all("els => els.map(e => e.dataset.type)"),
                      page.locator("[data-testid=overview-counts] li .count").all_inner_texts()))
    assert counts == {k: f"{v:,}" for k, v in stats["nodes"].items() if v}
    # links between entities, MENTIONS (provenance) left out, in the panel and the top bar
    rels = page.locator("[data-testid=overview-relations] li").evaluate_all("els => els.map(e => e.dataset.type)")
    assert "MENTIONS" not in rels and set(rels) == {k for k, v in stats["relations"].items() if v and k != "MENTIONS"}
    links = sum(v for k, v in stats["relations"].items() if k != "MENTIONS")
    assert page.get_by_test_id("stats").get_attribute("data-links") == str(links)
    assert f"{links:,} links" in page.get_by_test_id("stats").inner_text()
    # the map: the cities of the direct cooperation network, nested in their provinces
    coop = api(server, "cooperation?level=city&limit=120")
    places = set(page.evaluate("window.innograph.cy.nodes('[!group]').map(n => n.id())"))
    assert places == {n["id"] for n in coop["nodes"]} and places
    assert page.evaluate("window.innograph.cy.getElementById('city:jiaxing').parent().id()") == "region:zhejiang"
    assert "innovation hub city 2021" in page.evaluate("window.innograph.cy.getElementById('city:jiaxing').data('label')")
    page.wait_for_timeout(300)
    # every place and province is named legibly at the zoom the fit chose (about 11 px on screen),
    # and the drawing stays inside the stage
    sizes = page.evaluate("(() => { const cy = window.innograph.cy; "
                          "return cy.nodes('.coop').map(n => parseFloat(n.style('font-size')) * cy.zoom()); })()")
    assert sizes and min(sizes) >= 9, sizes
    box = page.evaluate("(() => { const cy = window.innograph.cy; const b = cy.elements(':visible').renderedBoundingBox(); "
                        "return [b.x1, b.y1, b.x2, b.y2, cy.width(), cy.height()]; })()")
    assert box[0] >= -1 and box[1] >= -1 and box[2] <= box[4] + 1 and box[3] <= box[5] + 1, box
    shot(page, "17-02-landing-overview")
    # a click on a city opens it
    overview.get_by_test_id("overview-places").get_by_text("Hangzhou", exact=True).click()
    page.wait_for_selector("[data-testid=entity-panel][data-id='city:hangzhou']")


# ---- search box ----------------------------------------------------------------------------------
def test_search_down_enter_picks_first_and_list_fits(page, server):
    box = page.get_by_test_id("search-input")
    box.fill("Zhejiang")
    page.wait_for_selector("[data-testid=suggestion]")
    options = page.locator("[data-testid=suggestion]")
    assert options.evaluate_all("els => els.filter(e => e.getAttribute('aria-selected') === 'true').length") == 0
    first = options.first.get_attribute("data-id")
    # the list stays inside the side panel
    side = page.locator("#view-explore .side").bounding_box()
    lst = page.locator("#view-explore [data-testid=suggestions]").bounding_box()
    assert lst["x"] >= side["x"] - 1 and lst["x"] + lst["width"] <= side["x"] + side["width"] + 1, (lst, side)
    shot(page, "17-03-search-suggestions")
    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_selector(f"[data-testid=entity-panel][data-id='{first}']")


# ---- matching ------------------------------------------------------------------------------------
HENGTAI = "organisation:jiaxing-hengtai-new-materials-co-ltd"


def _pick(page, field, text, entity_id):
    page.get_by_test_id(field).fill(text)
    page.locator(f"#view-matching [data-testid=suggestion][data-id='{entity_id}']").click()


def test_matching_excludes_conflicts_and_works_both_ways(page, server):
    page.get_by_test_id("tab-matching").click()
    _pick(page, "match-enterprise", "Jiaxing Hengtai", HENGTAI)
    wait_ready(page, "matching")
    page.get_by_test_id("match-item").first.wait_for()
    answer = api(server, f"match/experts?enterprise={HENGTAI}&k=10")
    shown = page.get_by_test_id("match-expert").all_inner_texts()
    assert shown == [m["expert"]["name"] for m in answer["matches"]] and "Shen Jiayi" not in shown
    excluded = page.get_by_test_id("match-excluded")
    assert "Shen Jiayi" in excluded.inner_text() and "registered with the enterprise itself" in excluded.inner_text()
    # the specific link explains Gu Shiqiang, not the hubs
    page.locator("[data-testid=match-item][data-id='person:gu-shiqiang']").click()
    reasons = page.get_by_test_id("match-reasons").inner_text()
    assert "2 hops via Hengtai Academician Workstation" in reasons
    wait_js(page, "window.innograph.cy.getElementById('project:hengtai-academician-workstation').nonempty()")
    page.wait_for_timeout(300)
    shot(page, "17-04-matching-experts-excluded")
    # the filter can be turned off: she is ranked then
    page.get_by_test_id("match-conflicts").uncheck()
    page.locator("[data-testid=match-expert]", has_text="Shen Jiayi").wait_for()
    assert page.get_by_test_id("match-excluded").count() == 0
    page.get_by_test_id("match-conflicts").check()
    # the other way: enterprises for an expert
    page.get_by_test_id("match-dir-enterprises").check(force=True)
    _pick(page, "match-expert-input", "Gu Shiqiang", "person:gu-shiqiang")
    wait_ready(page, "matching")
    page.get_by_test_id("match-enterprise-name").first.wait_for()
    back = api(server, "match/enterprises?expert=person:gu-shiqiang&k=10")
    assert page.get_by_test_id("match-enterprise-name").all_inner_texts() == [m["enterprise"]["name"] for m in back["matches"]]
    assert back["matches"]
    page.wait_for_timeout(300)
    shot(page, "17-05-matching-enterprises")


# ---- cooperation map -----------------------------------------------------------------------------
def test_cooperation_direct_by_default_shared_layer_opt_in(page, server):
    page.get_by_test_id("tab-cooperation").click()
    wait_ready(page, "cooperation")
    direct = api(server, "cooperation?level=city&limit=150")
    layers = set(page.evaluate("window.innograph.cy.edges().map(e => e.data('layer'))"))
    assert layers == {"direct"} and page.evaluate("window.innograph.cy.edges().length") == len(direct["edges"])
    # a place is never linked to a place that contains it
    for e in direct["edges"]:
        assert {e["source"], e["target"]} != {"city:binhai-new-area", "city:tianjin"}
    # hub and pilot cities carry their role and year; provinces are boxes around their cities
    assert page.evaluate("window.innograph.cy.getElementById('city:hangzhou').data('role')") == "hub"
    assert page.evaluate("window.innograph.cy.getElementById('city:xianning').data('role')") == "pilot"
    assert page.evaluate("window.innograph.cy.getElementById('city:xianning').parent().id()") == "region:hubei"
    # a link's evidence is one click away, and its article one more
    page.get_by_test_id("coop-item").first.click()
    panel = page.get_by_test_id("coop-evidence")
    panel.wait_for()
    assert panel.locator("[data-testid=evidence-item]").count() > 0
    page.wait_for_timeout(300)
    shot(page, "17-06-cooperation-direct")
    # shared membership: its own layer, dashed, more links
    page.get_by_test_id("coop-shared").check()
    wait_js(page, "window.innograph.cy.edges(\"[layer = 'shared']\").length > 0")
    wait_ready(page, "cooperation")
    assert page.evaluate("window.innograph.cy.edges(\"[layer = 'shared']\")[0].style('line-style')") == "dashed"
    shared = api(server, "cooperation?level=city&limit=150&shared=true")
    assert page.evaluate("window.innograph.cy.edges().length") == len(shared["edges"]) > len(direct["edges"])
    page.wait_for_timeout(300)
    shot(page, "17-07-cooperation-shared-layer")


# ---- the article reader --------------------------------------------------------------------------
def test_reader_highlights_sentence_and_shows_records(page, server):
    page.get_by_test_id("tab-cooperation").click()
    wait_ready(page, "cooperation")
    page.get_by_test_id("coop-item").first.click()
    page.get_by_test_id("coop-evidence").wait_for()
    page.locator("[data-testid=coop-evidence] [data-testid=read-evidence]").first.click()
    reader = page.get_by_test_id("reader")
    page.wait_for_selector("[data-testid=reader][data-ready=true]")
    meta = reader.get_by_test_id("reader-meta").inner_text()
    assert "source" in meta and "date" in meta and "URL" in meta
    file_name = reader.get_by_test_id("reader-file").inner_text()
    assert file_name.startswith("data/sample/") and not file_name.startswith("/"), file_name
    assert str(ROOT) not in reader.inner_text()
    if reader.get_by_test_id("reader-kind").inner_text() == "news article":
        mark = reader.get_by_test_id("reader-mark").inner_text()
        assert len(mark) > 20 and mark in reader.get_by_test_id("reader-text").inner_text()
    page.wait_for_timeout(200)
    shot(page, "17-08-reader-from-cooperation")
    reader.get_by_test_id("reader-close").click()

    # an extracted sentence found in its article by its offsets: the Explore panel of Hefei
    page.get_by_test_id("tab-explore").click()
    page.get_by_test_id("search-input").fill("Hefei")
    page.locator("[data-testid=suggestion][data-id='city:hefei']").click()
    page.wait_for_selector("[data-testid=entity-documents] [data-testid=read-evidence]")
    page.locator("[data-testid=entity-documents] [data-testid=read-evidence]").first.click()
    page.wait_for_selector("[data-testid=reader][data-ready=true]")
    assert page.get_by_test_id("reader-title").inner_text()
    text = reader.inner_text()
    if reader.get_by_test_id("reader-kind").inner_text() == "news article":
        assert reader.get_by_test_id("reader-mark").count() == 1
        # the relations endpoint gives the sentence's offsets: the highlight comes from them
        assert reader.get_by_test_id("reader-mark").get_attribute("data-found") == "offsets"
    else:
        assert reader.get_by_test_id("reader-record").count() == 1
    assert str(ROOT) not in text
    shot(page, "17-09-reader-from-explore")
    reader.get_by_test_id("reader-close").click()


def test_reader_shows_a_registration_record(page, server):
    doc = "document:data/sample/registrations/experts.csv:13"
    page.evaluate(f"document.dispatchEvent(new CustomEvent('innograph:read', {{detail: {{document: '{doc}', "
                  "sentence: 'Expert Bai Yunfei'}}))")
    page.wait_for_selector("[data-testid=reader][data-ready=true]")
    reader = page.get_by_test_id("reader")
    assert reader.get_by_test_id("reader-kind").inner_text() == "registration record"
    record = reader.get_by_test_id("reader-record").inner_text()
    assert "header: record_type,id,name,affiliation" in record and "Bai Yunfei" in record and "13" in record
    assert reader.get_by_test_id("reader-file").inner_text() == "data/sample/registrations/experts.csv"
    shot(page, "17-10-reader-registration")

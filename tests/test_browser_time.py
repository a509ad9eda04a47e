"""The page's timeline in a real browser (the set-up of tests/support/browser.py): the evidence behind
the current view per year, the pilot and hub cities marked with their year, and a date range that
filters the view and the path finder.

The sample data plus one dated cooperation of our own (Jiaxing and Wuhu, 2023-05-10): before 2023
Wuhu is not a partner of Jiaxing and there is no path to it.
"""
from __future__ import annotations

import pytest
from support.browser import cy_ids, open_entity, sample_server, shot, wait_js, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The sample data and one dated cooperation of our own (the page fixture is conftest's)."""
    tmp = tmp_path_factory.mktemp("web-time")
    extra = tmp / "later.csv"
    extra.write_text("record_type,id,party_a,party_a_type,party_b,party_b_type,date,topic\n"
                     "cooperation,T1,Jiaxing,City,Wuhu,City,2023-05-10,robotics\n", encoding="utf-8")
    with sample_server(tmp, (extra,)) as base:
        yield base


def bars(page) -> dict[str, int]:
    return {b.get_attribute("data-period"): int(b.get_attribute("data-count"))
            for b in page.locator("[data-testid=timeline-svg] rect.tl-bar").all()}


def assert_unscaled(page):
    """The chart is drawn at its box's width, so its axis is not scaled down (9 px labels stay 9 px)."""
    page.wait_for_timeout(300)
    scale = page.evaluate("(() => { const s = document.querySelector('[data-testid=timeline-svg]'); "
                          "return s.getBoundingClientRect().width / Number(s.getAttribute('width')); })()")
    assert 0.97 <= scale <= 1.03, scale


def test_timeline_counts_marks_and_filters_the_view_and_the_path_finder(page):
    open_entity(page, "Jiaxing", "city:jiaxing", "City")
    wait_ready(page, "explore")
    page.wait_for_selector("[data-testid=timeline][data-state=ready] [data-testid=timeline-svg]")
    counts = bars(page)
    assert counts["2021"] >= 1 and counts["2023"] == 1, counts  # the membership, and our cooperation
    assert page.get_by_test_id("timeline-svg").get_attribute("data-unit") == "year"
    assert "undated" in page.get_by_test_id("timeline-caption").inner_text()  # the sample news has no date
    # Jiaxing is an innovation hub city since 2021: in the timeline and on the network
    marks = page.get_by_test_id("timeline-mark")
    assert "Jiaxing innovation hub city since 2021" in [m.inner_text() for m in marks.all()]
    wait_js(page, "window.innograph.cy.getElementById('city:jiaxing').hasClass('time-mark')")
    label = page.evaluate("window.innograph.cy.getElementById('city:jiaxing').data('label')")
    assert label == "Jiaxing · innovation hub city 2021"
    assert "city:wuhu" in cy_ids(page)
    page.wait_for_timeout(300)
    shot(page, "20-timeline-explore")

    # the range: until 2022, Wuhu is no partner of Jiaxing yet
    page.get_by_test_id("timeline-until").fill("2022")
    page.get_by_test_id("timeline-apply").click()
    wait_js(page, "!window.innograph.cy.getElementById('city:wuhu').length")
    wait_ready(page, "explore")
    assert "project:innovation-china" in cy_ids(page)
    assert page.get_by_test_id("timeline-status").inner_text() == "Showing links with evidence until 2022"
    page.wait_for_selector("[data-testid=timeline][data-state=ready]")
    wait_js(page, "!document.querySelector('[data-testid=timeline-svg] rect[data-period=\"2023\"]')")
    shot(page, "21-timeline-until-2022")

    # ... and the path finder keeps to it: no path to Wuhu before 2023, one after "All dates"
    page.get_by_test_id("tab-paths").click()
    for field, text, entity_id in (("path-from", "Wuhu", "city:wuhu"), ("path-to", "Jiaxing", "city:jiaxing")):
        page.get_by_test_id(field).fill(text)
        page.locator(f"#view-paths [data-testid=suggestion][data-id='{entity_id}']").click()
    wait_ready(page, "paths")
    page.wait_for_timeout(200)
    assert page.get_by_test_id("path-item").count() == 0
    page.get_by_test_id("timeline-clear").click()
    page.get_by_test_id("path-item").first.wait_for()
    assert {"city:wuhu", "city:jiaxing"} <= cy_ids(page)
    assert page.get_by_test_id("timeline-status").inner_text() == "All dates"
    # one link in view, dated to its month: the timeline counts per month
    page.wait_for_selector("[data-testid=timeline][data-state=ready] rect[data-period='2023-05']")
    assert page.get_by_test_id("timeline-svg").get_attribute("data-unit") == "month"
    assert_unscaled(page)
    shot(page, "22-timeline-paths")


def test_timeline_axis_unscaled_when_opened_on_a_path(page, server):
    # opened straight on a path question whose places carry four programme roles: their chips,
    # added after the chart is drawn, narrow the chart's box
    page.goto(f"{server}/#/paths/city:xianning/city:jiaxing")
    page.get_by_test_id("path-item").first.wait_for()
    page.wait_for_selector("[data-testid=timeline][data-state=ready] [data-testid=timeline-svg]")
    assert page.get_by_test_id("timeline-mark").count() >= 3
    assert_unscaled(page)

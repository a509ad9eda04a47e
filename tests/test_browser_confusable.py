"""A look-alike name on the page (ISSUE 19, deliverable 8; the hostile case: "Zhejiang Universitу"
with a Cyrillic у could not be told from Zhejiang University on screen). The sample data plus one
registration whose name mixes alphabets (a Cyrillic о in "Hangzhоu"): in the suggestions, the entity
panel and the network it is marked, and nothing else is. The set-up is tests/support/browser.py's.
(That resolution joins "Zhejiang Universitу" to Zhejiang University is tests/test_api_read_access.py's.)"""
from __future__ import annotations

import pytest
from support.browser import cy_ids, open_entity, sample_server, shot, wait_js, wait_ready

pytestmark = pytest.mark.browser

FAKE = "Hangzh\u043eu Lumen Photonics Co."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web-confusable")
    extra = tmp / "lookalike.csv"
    extra.write_text(f"record_type,name,city,industry\nenterprise,{FAKE},Hangzhou,photonics\n", encoding="utf-8")
    with sample_server(tmp, (extra,)) as base:
        yield base


def test_a_look_alike_name_is_marked_wherever_it_is_shown(page):
    box = page.get_by_test_id("search-input")
    box.fill("Lumen Photonics")
    page.wait_for_selector("[data-testid=suggestion]")
    options = page.locator("[data-testid=suggestion]")
    named = {o.locator(".opt-name").inner_text(): o for o in options.all()}
    assert FAKE.rstrip(".") in named, list(named)
    assert named[FAKE.rstrip(".")].get_by_test_id("confusable").inner_text() == "⚠ mixed scripts"
    assert [n for n, o in named.items() if o.get_by_test_id("confusable").count()] == [FAKE.rstrip(".")]
    shot(page, "19-confusable-suggestions")
    fake_id = named[FAKE.rstrip(".")].get_attribute("data-id")
    named[FAKE.rstrip(".")].click()
    wait_ready(page, "explore")
    panel = page.locator(f"[data-testid=entity-panel][data-id='{fake_id}']")
    panel.wait_for()
    assert panel.get_by_test_id("entity-name").inner_text() == FAKE.rstrip(".")
    assert panel.get_by_test_id("confusable").is_visible()
    # on the network: its label says so; seen from Hangzhou its border is dashed red; nothing else is marked
    assert {fake_id, "city:hangzhou"} <= cy_ids(page)
    wait_js(page, f"window.innograph.cy.getElementById('{fake_id}').data('label').startsWith('⚠')")
    assert page.evaluate(f"window.innograph.cy.getElementById('{fake_id}').data('label')") == \
        f"⚠ {FAKE.rstrip('.')} (mixed scripts)"
    open_entity(page, "Hangzhou", "city:hangzhou", "City")
    assert fake_id in cy_ids(page)
    style = page.evaluate(f"""(() => {{ const n = window.innograph.cy.getElementById('{fake_id}');
        return [n.style('border-style'), n.style('border-color')]; }})()""")
    assert style == ["dashed", "rgb(220,38,38)"], style
    marked = page.evaluate("window.innograph.cy.nodes('[?confusable]').map(n => n.id())")
    assert marked == [fake_id]
    shot(page, "19-confusable-explore")

"""Every page loads in a real browser: no exception, no error box, its charts drawn."""

from __future__ import annotations

import pytest
from e2e_harness import CHART, CHART_SVG, PAGES, ROOT, SIDEBAR, assert_no_errors, open_page

# The least number of plotly charts each page draws on the shipped pack.
MIN_CHARTS = {
    "": 0,
}

LANDED = [path for path, file in PAGES.items() if (ROOT / file).exists()]


@pytest.mark.parametrize("path", LANDED, ids=[p or "overview" for p in LANDED])
def test_page_loads_without_errors_and_draws_its_charts(page, server, path):
    open_page(page, server, path)
    assert_no_errors(page)
    assert page.locator('[data-testid="stMain"]').inner_text().strip(), "the page body is empty"
    charts = page.locator(CHART)
    expected = MIN_CHARTS.get(path, 1)
    assert charts.count() >= expected, f"/{path}: {charts.count()} charts, expected at least {expected}"
    # Each chart in view is drawn: plotly has put its SVG in the element.
    for i in range(charts.count()):
        chart = charts.nth(i)
        if chart.is_visible():
            chart.locator(".main-svg").first.wait_for(state="attached")
    assert page.locator(CHART_SVG).count() >= expected


def test_navigation_lists_every_page(page, server):
    open_page(page, server)
    links = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]')
    hrefs = {links.nth(i).get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for i in range(links.count())}
    port_host = server.url.rsplit("/", 1)[-1]
    expected = {p or port_host for p in LANDED}
    assert hrefs == expected

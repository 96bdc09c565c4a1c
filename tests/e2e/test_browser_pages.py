"""Every page loads in a real browser: no exception, no error box, its charts drawn; a screenshot of each."""

from __future__ import annotations

import pytest
from e2e_harness import CHART, CHART_SVG, PAGES, ROOT, SIDEBAR, assert_no_errors, open_page
from e2e_screens import background_luminance, full_page_screenshot

# What each page draws on the shipped pack with no filter: plotly charts, tables (at least).
EXPECTED = {
    "": (1, 0),
    "techniques": (0, 1),
    "effectiveness": (2, 0),
    "labs": (3, 1),
    "cruxes": (1, 1),
    "risks": (1, 0),
    "approaches": (2, 0),
    "sources": (2, 0),
}
TABLE = '[data-testid="stMain"] [data-testid="stDataFrame"]'


def test_every_page_file_is_tested():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_")}
    assert on_disk == set(PAGES.values())
    assert set(EXPECTED) == set(PAGES)


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_loads_without_errors_and_draws_its_charts(page, server, screenshot_dir, path):
    open_page(page, server, path)
    assert_no_errors(page)
    assert page.locator('[data-testid="stMain"] h1').count() >= 1, "the page has no title"
    charts, tables = EXPECTED[path]
    found = page.locator(CHART)
    assert found.count() >= charts, f"/{path}: {found.count()} charts, expected at least {charts}"
    # Each chart is drawn: plotly has put its SVG in the element, and it has marks in it.
    for i in range(found.count()):
        chart = found.nth(i)
        if chart.is_visible():
            chart.locator(".main-svg").first.wait_for(state="visible")
            marks = chart.locator(".main-svg .trace, .main-svg .hm, .main-svg .heatmaplayer image, .main-svg .point")
            assert marks.count() > 0, f"/{path}: chart {i} has no marks"
    assert page.locator(CHART_SVG).count() >= charts
    assert page.locator(TABLE).count() >= tables, f"/{path}: expected at least {tables} tables"

    luminance = background_luminance(page)
    assert luminance > 0.7, f"light theme asked for, background luminance {luminance:.2f}"
    full_page_screenshot(page, screenshot_dir / f"{path or 'overview'}-light.png")


def test_navigation_lists_every_page(page, server):
    open_page(page, server)
    links = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]')
    paths = {links.nth(i).get_attribute("href").removeprefix(server.url).strip("/") for i in range(links.count())}
    assert paths == set(PAGES)


@pytest.mark.parametrize("path", ["", "sources"], ids=["overview", "sources"])
def test_figures_are_not_cut_on_a_laptop_screen(page, server, path):
    """Headline figures and their labels wrap in a narrow column; none ends in an ellipsis."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, server, path)
    assert_no_errors(page)
    texts = page.locator('[data-testid="stMain"] [data-testid="stMetric"] [data-testid="stMarkdownContainer"]')
    assert texts.count() >= 2, f"/{path}: no figures found"
    cut = page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)]
             .filter(e => e.scrollWidth > e.clientWidth + 1 || [...e.children].some(c => c.scrollWidth > e.clientWidth + 1))
             .map(e => e.innerText)""",
        '[data-testid="stMain"] [data-testid="stMetric"] [data-testid="stMarkdownContainer"]',
    )
    assert cut == [], f"/{path}: figures cut off: {cut}"

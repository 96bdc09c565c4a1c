"""Presentation mode in a real browser: full screen, arrow keys step, a slide link reopens, Exit returns."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from e2e_harness import CHART, SIDEBAR, assert_no_errors, open_page, rerun, wait_for_run

COUNTER = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$", re.MULTILINE)


def _slide(page) -> tuple[int, int]:
    found = COUNTER.search(page.locator('[data-testid="stMain"]').inner_text())
    assert found, "no 'n / N' slide counter on the page"
    return int(found.group(1)), int(found.group(2))


def _slide_title(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def test_presentation_mode_hides_the_sidebar_and_steps_with_the_keyboard(page, server):
    open_page(page, server, "", present=1)
    assert_no_errors(page)
    assert not page.locator(SIDEBAR).is_visible(), "the sidebar shows in presentation mode"
    assert not page.locator('[data-testid="stHeader"]').is_visible(), "the header shows in presentation mode"
    index, total = _slide(page)
    assert (index, total) == (1, total) and total >= 2
    first = _slide_title(page)

    with rerun(page):
        page.keyboard.press("ArrowRight")
    assert _slide(page) == (2, total)
    assert _slide_title(page) != first
    assert parse_qs(urlparse(page.url).query).get("slide") == ["2"], page.url
    assert not page.locator(SIDEBAR).is_visible()

    with rerun(page):
        page.keyboard.press("ArrowLeft")
    assert _slide(page) == (1, total)
    assert _slide_title(page) == first


def test_every_slide_draws_without_errors(page, server):
    open_page(page, server, "", present=1)
    _, total = _slide(page)
    titles = set()
    for n in range(1, total + 1):
        if n > 1:
            with rerun(page):
                page.locator(".st-key-slide-next").get_by_role("button", name="Next").click()
        assert_no_errors(page)
        assert _slide(page) == (n, total)
        titles.add(_slide_title(page))
        charts = page.locator(CHART)
        for i in range(charts.count()):
            charts.nth(i).locator(".main-svg").first.wait_for(state="visible")
    assert len(titles) == total, "two slides share a title"
    assert page.locator(".st-key-slide-next").get_by_role("button", name="Next").is_disabled(), (
        "Next is enabled on the last slide"
    )


def test_a_slide_link_reopens_that_slide_and_exit_returns_to_the_dashboard(make_context, server):
    page = make_context().new_page()
    open_page(page, server, "", present=1, slide=3)
    assert _slide(page)[0] == 3
    title = _slide_title(page)

    other = make_context().new_page()
    other.goto(page.url)
    wait_for_run(other, min_runs=1)
    assert _slide(other)[0] == 3 and _slide_title(other) == title

    with rerun(other):
        other.locator(".st-key-slide-exit").get_by_role("button", name="Exit").click()
    assert_no_errors(other)
    assert other.locator(SIDEBAR).is_visible(), "the sidebar is still hidden after Exit"
    assert "present" not in parse_qs(urlparse(other.url).query), other.url


def test_start_presentation_from_the_sidebar(page, server):
    open_page(page, server, "effectiveness")
    page.locator(SIDEBAR).get_by_text("Present and download").click()
    with rerun(page):
        page.locator(".st-key-start-presentation").get_by_role("button", name="Start presentation").click()
    assert _slide(page)[0] == 1
    assert not page.locator(SIDEBAR).is_visible()

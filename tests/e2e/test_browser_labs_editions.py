"""The labs page shows the index as published beside the page's summary and marks where they differ; choosing a
lab opens its detail."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_harness import assert_no_errors, chart_ticks, pick_options, scroll_through, url_for, wait_for_run

MAIN = '[data-testid="stMain"]'
SLOW_MS = 180_000  # the page draws six charts; on a busy machine the first run takes a while


def _main_text(page) -> str:
    return page.locator(MAIN).inner_text()


@pytest.mark.timeout(600)
def test_labs_page_marks_where_the_summary_differs_from_the_published_edition_and_a_lab_opens(page, server):
    page.goto(url_for(server, "labs"))
    wait_for_run(page, min_runs=1, timeout_ms=SLOW_MS)
    assert_no_errors(page)
    scroll_through(page)  # the editions and the summary are below the first screen
    text = _main_text(page)
    # The latest published edition is the default, and the page's summary is labelled as such.
    assert "The index as published: FLI AI Safety Index, Winter 2025 (published December 2025)" in text
    assert "The page's summary" in text
    assert (
        "The page's summary differs from the published Winter 2025 edition for: OpenAI overall (C vs C+), "
        "Google DeepMind overall (C- vs C), xAI overall (D+ vs D), DeepSeek overall (D- vs D)."
    ) in text
    assert "The Winter 2025 edition also grades Zhipu AI (Z.ai), which the page leaves out." in text
    # The marked cells of the summary's heatmap show the published letter in the chart itself.
    summary_chart = page.locator(".st-key-grades-chart")
    summary_chart.scroll_into_view_if_needed()
    cells = summary_chart.locator("svg text").evaluate_all("(els) => els.map((e) => e.textContent)")
    assert sum("≠" in c for c in cells) == 4, cells
    assert any("≠ C+" in c for c in cells), cells
    shots = os.environ.get("TRUST_SHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / "labs-editions.png"), full_page=True)

    # Choosing the Summer 2025 edition compares the summary with it instead.
    pick_options(page, ".st-key-edition", ["FLI AI Safety Index, Summer 2025 (published July 2025)"])
    text = _main_text(page)
    assert (
        "The page's summary differs from the published Summer 2025 edition for: OpenAI existential safety (D vs F), "
        "Google DeepMind existential safety (D vs D-), xAI overall (D+ vs D), DeepSeek overall (D- vs F)."
    ) in text
    # Each company's grade from one edition to the next.
    assert "Overall grades from Summer 2025 to Winter 2025" in text
    if shots:
        chart = page.locator(".st-key-editions-chart")
        chart.scroll_into_view_if_needed()
        chart.screenshot(path=str(Path(shots) / "labs-edition-changes.png"))

    # Choosing a lab opens its detail (on the same visit: Labs is the heaviest page to load).
    box = page.locator(".st-key-lab").get_by_role("combobox", name="Lab", exact=True)
    first = box.input_value()
    graded = chart_ticks(page, "grades")  # lab names, from the grade matrix
    other = next(n for n in graded if n != first)
    pick_options(page, ".st-key-lab", [other])
    assert_no_errors(page)
    assert box.input_value() == other
    main = page.locator(MAIN)
    assert main.locator("h3", has_text=other).count() >= 1, f"no heading for {other}"
    facts = main.locator(".st-key-lab-facts").inner_text()
    for label in ("Key technique", "Deployment", "Investment"):
        assert label in facts, facts
    assert parse_qs(urlparse(page.url).query).get("lab"), page.url

"""The labs page shows the index as published beside the page's summary and marks where they differ; choosing a
lab opens its detail."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_harness import ROOT, assert_no_errors, chart_ticks, pick_options, scroll_through, url_for, wait_for_run

from dashboard.pack.load import load_pack
from dashboard.views.frames import editions as edition_frames
from dashboard.views.frames.indices import edition_short

MAIN = '[data-testid="stMain"]'
SLOW_MS = 180_000  # the page draws six charts; on a busy machine the first run takes a while


def _main_text(page) -> str:
    return page.locator(MAIN).inner_text()


def _compared(ds, edition) -> tuple[str, list[str], list[str]]:
    """What the page says of ``edition`` beside its summary, from the pack: the differences sentence, the
    coverage notes, and the published letters of the cells that differ."""
    summary = edition_frames.summary_for(ds, edition)
    diff = edition_frames.summary_differences(ds, summary, edition)
    return (
        edition_frames.differences_text(diff, edition),
        edition_frames.coverage_notes(ds, summary, edition),
        list(diff["published"]),
    )


@pytest.mark.timeout(600)
def test_labs_page_marks_where_the_summary_differs_from_the_published_edition_and_a_lab_opens(page, server):
    # What the page must say is read from the shipped pack (the sentences' wording is tested on the minimal
    # pack in tests/unit/test_lab_editions.py): a grade edited in the pack changes it here too.
    ds = load_pack(ROOT / "data").dataset
    editions = edition_frames.published_editions(ds)
    assert len(editions) >= 2, "the shipped pack has two published editions to compare"
    latest, earlier = editions[-1], editions[-2]
    page.goto(url_for(server, "labs"))
    wait_for_run(page, min_runs=1, timeout_ms=SLOW_MS)
    assert_no_errors(page)
    scroll_through(page)  # the editions and the summary are below the first screen
    text = _main_text(page)
    # The latest published edition is the default, and the page's summary is labelled as such.
    assert f"The index as published: {edition_frames.edition_label(latest)}" in text
    assert "The page's summary" in text
    differences, notes, published = _compared(ds, latest)
    assert differences in text
    for note in notes:
        assert note in text
    # The marked cells of the summary's heatmap show the published letter in the chart itself.
    summary_chart = page.locator(".st-key-grades-chart")
    summary_chart.scroll_into_view_if_needed()
    cells = summary_chart.locator("svg text").evaluate_all("(els) => els.map((e) => e.textContent)")
    assert sum("≠" in c for c in cells) == len(published), cells
    assert all(any(f"≠ {letter}" in c for c in cells) for letter in published), cells
    shots = os.environ.get("TRUST_SHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / "labs-editions.png"), full_page=True)

    # Choosing the earlier edition compares the summary with it instead.
    pick_options(page, ".st-key-edition", [edition_frames.edition_label(earlier)])
    text = _main_text(page)
    assert _compared(ds, earlier)[0] in text
    # Each company's grade from one edition to the next.
    assert f"Overall grades from {edition_short(editions[0])} to {edition_short(latest)}" in text
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

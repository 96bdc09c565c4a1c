"""Every download control in a real browser delivers a file of the right type and content."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from e2e_harness import (
    SIDEBAR,
    assert_no_errors,
    chart_ticks,
    download,
    open_downloads,
    open_page,
    pick_techniques,
    rerun,
)


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_chart_csv_has_the_rows_shown_and_all_rows_has_every_row(page, server, tmp_path):
    """A chart's two CSVs, before and after a filter. (Its PNG, SVG and data ZIP are downloaded and checked by
    the render audit, tests/e2e/test_render_audit.py.)"""
    open_page(page, server, "effectiveness")
    open_downloads(page, "effectiveness")
    name, everything = download(page, ".st-key-effectiveness-csv", "Download CSV", tmp_path)
    assert name == "effectiveness.csv"
    rows = _csv_rows(everything)
    assert len(rows) >= 3, rows
    assert len(rows[0]) >= 3, f"CSV has columns {list(rows[0])}"
    name, all_rows = download(page, ".st-key-effectiveness-csv-all", "CSV, all rows", tmp_path)
    assert name == "effectiveness-all.csv"
    assert len(_csv_rows(all_rows)) >= len(rows)
    assert_no_errors(page)
    one = chart_ticks(page, "effectiveness")[0]
    page.keyboard.press("Escape")  # close the panel, as a reader does before using the sidebar
    pick_techniques(page, [one])
    open_downloads(page, "effectiveness")
    _, shown = download(page, ".st-key-effectiveness-csv", "Download CSV", tmp_path)
    _, full = download(page, ".st-key-effectiveness-csv-all", "CSV, all rows", tmp_path)
    assert len(_csv_rows(shown)) == 1, _csv_rows(shown)
    assert one in shown.decode("utf-8-sig")
    assert len(_csv_rows(full)) == len(_csv_rows(everything)) > 1


def test_techniques_table_csv(page, server, tmp_path):
    open_page(page, server, "techniques")
    name, data = download(page, ".st-key-techniques-csv", "Download CSV", tmp_path)
    assert name == "techniques.csv"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) >= 10


def _open_downloads(page) -> None:
    with rerun(page):  # the panel is drawn when opened
        page.locator(SIDEBAR).get_by_text("Present and download").click()


def test_offline_report_opens_and_draws_with_no_network_and_the_bundle_holds_the_pack(
    page, server, make_context, tmp_path
):
    """The sidebar's two downloads of the whole pack: the data bundle, then the offline report, opened as a
    presenter would at a venue with no network."""
    open_page(page, server, "")
    _open_downloads(page)
    _bundle_holds_the_pack_and_its_readme(page, tmp_path)
    name, data = download(page, ".st-key-download-report", "Download offline report", tmp_path)
    assert name.endswith(".html")
    html = data.decode("utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")

    # Open the file as a presenter would at a venue with no network: every request off the file fails.
    offline = make_context(offline=True).new_page()
    attempted: list[str] = []
    offline.route(
        lambda url: not url.startswith(("file:", "data:", "blob:", "about:")),
        lambda route: (attempted.append(route.request.url), route.abort()),
    )
    errors: list[str] = []
    offline.on("pageerror", lambda err: errors.append(str(err)))
    offline.goto((tmp_path / name).as_uri())
    offline.wait_for_load_state("load")
    svg = offline.locator(".js-plotly-plot .main-svg")
    svg.first.wait_for(state="visible")
    plots = offline.locator(".js-plotly-plot").count()
    assert plots >= 8, f"the report draws {plots} charts"
    assert attempted == [], f"the report reaches for the network: {attempted[:5]}"
    assert errors == [], f"script errors in the report: {errors[:3]}"


def _bundle_holds_the_pack_and_its_readme(page, tmp_path: Path) -> None:
    name, data = download(page, ".st-key-download-bundle", "Download data bundle", tmp_path)
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
    base = {n.rsplit("/", 1)[-1] for n in names}
    assert any(n.lower().startswith("readme") for n in base), names
    assert "pack.yaml" in base and "references.yaml" in base, names
    assert any(n.endswith(".json") for n in base), names
    assert any(n.endswith(".bib") for n in base), names

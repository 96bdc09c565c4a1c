"""The embed link of a chart shows that chart alone: no sidebar, no other chart, a link to the full view."""

from __future__ import annotations

from e2e_harness import CHART, SIDEBAR, assert_no_errors, open_downloads, open_page


def test_embed_url_renders_exactly_one_chart_and_no_sidebar(page, server):
    open_page(page, server, "labs", chart="labs-grades", embed="true")
    assert_no_errors(page)
    page.locator(CHART).first.wait_for(state="visible", timeout=30_000)
    assert page.locator(CHART).count() == 1
    assert page.locator(f"{SIDEBAR}:visible").count() == 0
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    box = page.locator(".st-key-embedded-chart")
    text = box.inner_text()
    assert "differ from the published" in text and "Sources:" in text and "version" in text
    link = box.get_by_role("link", name="Open the full view")
    assert link.get_attribute("href").endswith("/labs")
    # no other page content: the page's own controls are absent
    assert page.locator('[data-testid="stTabs"]').count() == 0


def test_embed_of_an_unknown_chart_says_so(page, server):
    open_page(page, server, "labs", chart="no-such-chart", embed="true")
    assert_no_errors(page)
    assert "no chart named" in page.locator('[data-testid="stAlert"]').inner_text()
    assert page.locator(CHART).count() == 0


def test_chart_offers_its_data_with_metadata_and_a_citation(page, server, tmp_path):
    import io
    import json
    import zipfile

    open_page(page, server, "effectiveness")
    open_downloads(page, "effectiveness")
    button = page.locator(".st-key-effectiveness-data-zip").get_by_role("button", name="Data + metadata (ZIP)")
    with page.expect_download(timeout=60_000) as info:
        button.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    zf = zipfile.ZipFile(io.BytesIO(target.read_bytes()))
    meta = json.loads(zf.read("effectiveness-effectiveness.metadata.json"))
    assert meta["pack"]["version"] and meta["sources"] and "README.md" in zf.namelist()
    page.keyboard.press("Escape")
    page.locator(".st-key-effectiveness-share").get_by_role("button", name="Embed and cite").click()
    popover = page.locator('[data-testid="stPopoverBody"]')
    popover.wait_for(state="visible", timeout=20_000)
    # drawn when opened: wait for the rerun that fills it (the snippet, the citation and its BibTeX)
    popover.locator('[data-testid="stCode"]').nth(2).wait_for(state="visible", timeout=30_000)
    text = popover.inner_text()
    assert "embed=true" in text and "chart=effectiveness-effectiveness" in text
    assert "@misc{effectiveness-effectiveness-" in text and "Accessed" in text

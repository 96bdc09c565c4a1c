"""A presenter's own talk in real Chromium, from a fresh server: on the Techniques, Effectiveness and Labs
pages the presenter adds four views (two filtered to two techniques: the Techniques page's comparison and
the Effectiveness chart under the sidebar's filter; the Labs charts read no technique), reorders them, writes a note on one,
opens the presenter link in a new browser context and an audience link in another, steps through
the four slides with the audience following, downloads the handout (four pages with the notes) and
the talk.yaml; the file validates as a pack's talk.yaml and, uploaded in a fresh session, is the talk.

Screenshots (own-talk-*.png) go to the screenshot folder.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from e2e_harness import (
    ROOT,
    SIDEBAR,
    assert_no_errors,
    open_page,
    pick_options,
    pick_techniques,
    rerun,
    scroll_to_part,
    wait_for_audience_counter,
    wait_for_run,
    wait_until,
)

from dashboard.pack.load import load_pack
from dashboard.views import own_talk as ot
from dashboard.views.entry import entry

TWO = ["ai-debate", "rlhf"]  # the two techniques the talk is about
NOTE = "Pause here: ask the room which of the two they would fund."


def _panel(page):
    """The sidebar's "Your talk", opened."""
    box = page.locator(".st-key-your-talk")
    if box.locator("details[open]").count() == 0 and box.get_attribute("open") is None:
        with rerun(page):
            box.locator("summary").first.click()
    return box


def _add(page, view: str, n: int) -> None:
    with rerun(page):
        page.locator(f".st-key-{view}-add-to-talk").get_by_role("button", name="Add to talk").click()
    assert_no_errors(page)
    page.locator('[data-testid="stToast"]', has_text=f"Added to your talk as slide {n}.").first.wait_for(
        state="visible", timeout=20_000
    )
    # The browser keeps its talk in a cookie, written by the run's last elements: a reader who opens another
    # page right away gets it once they are drawn.
    wait_until(page, "() => document.cookie.includes('dashboard_talk=')", timeout=20_000)


def _slide_titles(page) -> list[str]:
    rows = page.locator('[class*="st-key-talk-slide-"]')
    rows.first.wait_for(state="visible", timeout=20_000)
    return [rows.nth(i).locator("p").first.inner_text().split(". ", 1)[1].strip() for i in range(rows.count())]


def _open_presenter_link(page) -> None:
    page.locator(SIDEBAR).get_by_text("Your presenter link (keep it private)").click()
    page.locator(f"{SIDEBAR} code", has_text="key=").first.wait_for(state="visible")


def _codes(page, where: str = SIDEBAR) -> list[str]:
    return [c.strip() for c in page.locator(f"{where} code").all_inner_texts()]


@pytest.mark.timeout(420)
def test_a_presenters_own_talk_from_charts_to_handout_and_back(make_context, server, screenshot_dir, tmp_path):
    ds = load_pack(ROOT / "data").dataset
    names = [ds.technique_by_id[t].name for t in TWO]
    expected = {
        "compare-effectiveness": entry(ds, "techniques", "compare-effectiveness", {"compare": TWO}),
        "effectiveness": entry(ds, "effectiveness", "effectiveness", {"tech": TWO}),
        "standing": entry(ds, "labs", "standing", {}),
        "investment": entry(ds, "labs", "investment", {}),
    }
    me = make_context(accept_downloads=True).new_page()

    # Four views: two filtered to two techniques, two as their page opens.
    open_page(me, server, "techniques")
    pick_options(me, ".st-key-compare", names)
    _add(me, "compare-effectiveness", 1)
    open_page(me, server, "effectiveness")  # a new page load, a new session: the talk is still this browser's
    pick_techniques(me, names)
    _add(me, "effectiveness", 2)
    open_page(me, server, "labs")
    for n, view in enumerate(("standing", "investment"), start=3):
        scroll_to_part(me, view)  # lower charts are drawn as the reader scrolls to them
        _add(me, view, n)
    panel = _panel(me)
    added = ["compare-effectiveness", "effectiveness", "standing", "investment"]
    assert _slide_titles(me) == [expected[v].takeaway for v in added]
    assert "4 slides of at most 50." in panel.inner_text()

    # Arrange: the investment chart to the front, the effectiveness chart last.
    for _ in range(3):
        with rerun(me):
            me.locator(".st-key-talk-up-investment").get_by_role("button", name="Up").click()
    with rerun(me):
        me.locator(".st-key-talk-down-effectiveness").get_by_role("button", name="Down").click()
    order = ["investment", "compare-effectiveness", "standing", "effectiveness"]
    assert _slide_titles(me) == [expected[v].takeaway for v in order]

    # A note on the comparison, written from the keyboard.
    with rerun(me):
        me.locator(".st-key-talk-edit-compare-effectiveness").get_by_role("button", name="Edit words").click()
    note_box = me.get_by_label("Speaker note")
    note_box.fill(NOTE)
    note_box.press("Tab")
    with rerun(me):
        me.get_by_role("button", name="Save words").click()
    assert_no_errors(me)
    me.keyboard.press("Escape")
    _panel(me)
    me.locator(SIDEBAR).screenshot(path=str(screenshot_dir / "own-talk-panel.png"))

    # The links: the presenter's (with its key, in a closed panel) and the audience's (without).
    _open_presenter_link(me)
    codes = _codes(me)
    presenter_link = next(c for c in codes if "key=" in c and "presenter=1" in c)
    query = parse_qs(urlparse(presenter_link).query)
    tid, key = query["talk"][0], query["key"][0]
    audience_link = next(c for c in codes if c.endswith(f"/talk/{tid}"))
    assert key not in audience_link

    # talk.yaml: what the panel offers is the talk, and it validates in a pack.
    with me.expect_download() as got:
        me.locator(".st-key-talk-download-yaml").get_by_role("button", name="Download talk.yaml").click()
    talk_file = tmp_path / "talk.yaml"
    got.value.save_as(talk_file)
    talk = yaml.safe_load(talk_file.read_text(encoding="utf-8"))
    assert [s["view"] for s in talk["slides"]] == order
    by_view = {s["view"]: s for s in talk["slides"]}
    assert by_view["compare-effectiveness"]["params"] == {"compare": TWO}
    assert by_view["effectiveness"]["params"] == {"tech": TWO}
    assert by_view["compare-effectiveness"]["note"] == NOTE
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "data", pack)
    shutil.copy(talk_file, pack / "talk.yaml")
    checked = load_pack(pack, cache=False)  # what `python -m dashboard validate` runs
    assert checked.problems == [], [str(p) for p in checked.problems]

    # The presenter view in a new browser context, an audience window in another.
    presenter = make_context(viewport={"width": 1280, "height": 800}, accept_downloads=True).new_page()
    presenter.goto(presenter_link)
    wait_for_run(presenter, min_runs=1)
    assert_no_errors(presenter)
    audience = make_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    audience.goto(audience_link)
    wait_for_audience_counter(audience, "1 / 4", timeout=20_000)
    for i, view in enumerate(order):
        label = f"{i + 1} / 4"
        if i:
            with rerun(presenter):
                presenter.keyboard.press("ArrowRight")
        assert label in presenter.locator('[data-testid="stMain"]').inner_text()
        shown = presenter.locator('[data-testid="stMain"] h3').first.inner_text().strip()
        assert shown == expected[view].takeaway
        wait_for_audience_counter(audience, label, timeout=20_000)
        assert audience.locator("h1").inner_text().strip() == shown
        note = presenter.locator(".st-key-presenter-note").inner_text()
        if view == "compare-effectiveness":
            assert NOTE in note
            presenter.screenshot(path=str(screenshot_dir / "own-talk-presenter.png"))
            audience.screenshot(path=str(screenshot_dir / "own-talk-audience.png"))
    assert presenter.locator(".st-key-slide-next").get_by_role("button", name="Next").is_disabled()

    # The handout: four pages, each with its note.
    with presenter.expect_download(timeout=120_000) as got:
        presenter.locator(".st-key-presenter-handout").get_by_role("button", name="Download talk handout (PDF)").click()
    handout = tmp_path / "handout.pdf"
    got.value.save_as(handout)
    pages = _pdf_pages(handout)
    assert len(pages) == 4
    for text, view in zip(pages, order):
        flat = " ".join(text.split())
        assert "Speaker note:" in flat
        assert " ".join(by_view[view]["note"].split())[:60] in flat
        assert talk["title"] in flat

    # The file, uploaded in a fresh session, is the talk again.
    fresh = make_context().new_page()
    open_page(fresh, server, "")
    _panel(fresh)
    with rerun(fresh):
        fresh.locator('.st-key-your-talk input[type="file"]').set_input_files(str(talk_file))
    assert_no_errors(fresh)
    wait_for_run(fresh)
    assert _slide_titles(fresh) == [expected[v].takeaway for v in order]
    _open_presenter_link(fresh)
    codes = _codes(fresh)
    new_link = next(c for c in codes if "key=" in c and "presenter=1" in c)
    assert parse_qs(urlparse(new_link).query)["talk"][0] != tid
    with fresh.expect_download() as got:
        fresh.locator(".st-key-talk-download-yaml").get_by_role("button", name="Download talk.yaml").click()
    again = tmp_path / "again.yaml"
    got.value.save_as(again)
    back, problems = ot.from_yaml(ds, again.read_bytes())
    first, _ = ot.from_yaml(ds, talk_file.read_bytes())
    assert problems == [] and back == first


def _pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (pdftotext, with a form feed between pages)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing (apt-get install poppler-utils)", pytrace=False)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in out.split("\f") if p.strip()]

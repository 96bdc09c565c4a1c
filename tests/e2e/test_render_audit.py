"""The render audit: every catalogue entry in every output, measured where it is drawn.

Outputs and sizes (one server; every page visited once per size, in a browser that keeps compiled scripts
between pages as a reader's does: ``e2e_harness.cached_context``):
- the page at 390 px (a phone, opened dark), 1280 px (a laptop, opened light) and 1920 px (the laptop's
  page widened): every width measured once and every chart in both themes (a theme changes colours, not
  places; a theme changed while a page is open is test_browser_interactions'); at 1920 the first chart's
  PNG, SVG and data ZIP are downloaded as a reader does and checked for their names, licence, version,
  sources and an absolute address, the PNG's size and the SVG's labels (every chart's panel is the same
  code; every entry's files are made and checked below);
- the slide at 1920x1080, light and dark (every slide of the talk in the app, walked with the arrow key,
  its layout measured as in ``slide_layout``; every other entry's slide figure on a page of its own at
  the slide's chart size);
- PNG and SVG at 1600x900 (every entry and variant, made by the export code, the SVG opened in Chromium
  and the PNG's pixels sampled), and each entry's data ZIP, checked like the downloads;
- the PDF brief and the handout: laid out by Chromium for print at the page's width and measured, then
  printed and read back (``pdftotext``: licence, version, address; no heading alone at a page's foot);
- the embed in its own iframe, as the snippet gives it (620 px high), in a 640 px column.

Each test fails naming every finding (``render_audit.Finding``); all findings and the screenshots are
written to the audit folder printed at the end of the run.
"""

from __future__ import annotations

import html
import io
import json
import os
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_harness import (
    CHART,
    DEFERRED,
    EXPECTED,
    PAGES,
    SIDEBAR,
    assert_no_errors,
    download,
    open_page,
    scroll_through,
    url_for,
    wait_for_run,
    wait_until,
)
from e2e_screens import _CONTENT_HEIGHT_JS, background_luminance
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from render_audit import (
    MEASURE_JS,
    MIN_CONTRAST_SLIDE,
    MIN_TEXT_PX_SLIDE,
    Finding,
    Rules,
    Shot,
    as_dicts,
    axe_findings,
    chart_findings,
    chart_labels,
    file_findings,
    html_findings,
    png_text,
)
from slide_layout import check_slide_layout, slide_counter, slide_title

from dashboard.analysis.trust import reference_caption
from dashboard.exports.images import png_size, svg_root
from dashboard.pack.load import default_data_dir, load_pack
from dashboard.views import catalogue
from dashboard.views.variants import EXPORT_HEIGHT, EXPORT_WIDTH, SLIDE_WIDTH_PX

MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "user_agent": MOBILE_UA}
SCREENS = {
    "390x844 dark": {**PHONE, "color_scheme": "dark"},
    "1280x800 light": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light"},
    "1920x1080 light": {"viewport": {"width": 1920, "height": 1080}, "color_scheme": "light"},
}
DOWNLOAD_SCREEN = "1920x1080 light"  # where the first chart's files are downloaded and checked
AXE_SCREENS = ("390x844 dark", "1280x800 light")  # axe-core: a phone and a laptop, one dark and one light
SLIDE = {"width": 1920, "height": 1080}
SLIDE_TEXT = ".st-key-slide-head, .st-key-slide-text, .st-key-slide-foot, .st-key-slide-title"
EMBED_COLUMN = 640  # a blog's column; the snippet's iframe is 100% wide and 620 px high
FOLD = 620
MAX_PAGE_HEIGHT = 12_000  # px: the window grows to the page's height up to this; lower charts are scrolled to


@pytest.fixture(scope="module")
def ds():
    return load_pack(default_data_dir()).dataset


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory):
    from e2e_harness import _SCREENSHOT_DIRS

    chosen = os.environ.get("RENDER_AUDIT_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("render-audit")
    path.mkdir(parents=True, exist_ok=True)
    _SCREENSHOT_DIRS.append(path)
    return path


KNOWN = Path(__file__).resolve().parent / "render_audit_known.txt"


def known_findings() -> tuple[Counter, set[str]]:
    """Findings the dashboard still has, one a line (``Finding.key``), and the tests whose findings were
    recorded in full (a line "# recorded: images pdfs ..."). A line is removed when its fix lands."""
    if not KNOWN.exists():
        return Counter(), set()
    lines = KNOWN.read_text(encoding="utf-8").splitlines()
    recorded = {w for x in lines if x.startswith("# recorded:") for w in x.split(":", 1)[1].split()}
    return Counter(x for x in lines if x.strip() and not x.startswith("#")), recorded


def report(audit_dir: Path, name: str, found: list[Finding]) -> None:
    """Write the findings to the audit folder; fail on every one that is not a known one. A test whose
    findings were never recorded in full lists its findings as an expected failure instead, until they are."""
    (audit_dir / f"{name}.json").write_text(json.dumps(as_dicts(found), indent=1), encoding="utf-8")
    (audit_dir / f"{name}.txt").write_text("".join(f.key + "\n" for f in found), encoding="utf-8")
    known, recorded = known_findings()
    new = []
    for f in found:
        if known[f.key] > 0:
            known[f.key] -= 1
        else:
            new.append(f)
    message = f"{len(new)} render findings ({name}):\n" + "\n".join(str(f) for f in new)
    if new and name not in recorded:
        pytest.xfail("not yet recorded in render_audit_known.txt; " + message)
    assert not new, message


def _wait_charts(page) -> None:
    charts = page.locator(CHART)
    for i in range(charts.count()):
        if charts.nth(i).is_visible():
            charts.nth(i).locator(".main-svg").first.wait_for(state="visible", timeout=30_000)


_DRAWN_JS = """([chart, n]) => document.querySelectorAll(chart).length >= n"""


def _content_height(target, least: int) -> int:
    """The height of a page's (or an iframe's) content in px, at least ``least``, at most ``MAX_PAGE_HEIGHT``."""
    return max(min(target.evaluate(_CONTENT_HEIGHT_JS), MAX_PAGE_HEIGHT), least)


def _grow(page, width: int, charts: int = 0) -> int:
    """Make the viewport as tall as the content (Streamlit scrolls inside its own main area). The parts
    below the first screen are drawn as they come near the window (app.deferred): all of them once the
    window is the page's height, which then changes, so the window grows again. ``charts``: how many the
    page draws; on a busy machine the last run can end after the boxes are gone, so their charts are waited
    for (a page that never draws them is then reported by ``_page_findings``)."""
    for _ in range(6):
        height = _content_height(page, 400)
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)  # plotly redraws on resize
        wait_for_run(page)  # a run drawing the parts now in the window removes their boxes before it ends
        if page.locator(DEFERRED).count() == 0:
            try:
                wait_until(page, _DRAWN_JS, arg=[CHART, charts], timeout=20_000)
            except PlaywrightError:
                break
            if _content_height(page, 400) == height:
                break
            continue  # the charts made the page taller: grow once more
        scroll_through(page)
    _wait_charts(page)
    return height


def _page_params(ds, path: str) -> dict[str, list[str]]:
    """Link parameters that make every chart of the page drawn (a comparison needs techniques to compare)."""
    page = path or "overview"
    out: dict[str, list[str]] = {}
    for spec in catalogue.page_views(page):
        if spec.build(ds, {}) is None:
            for key, values in spec.values(ds).items():
                if key != catalogue.TECH_KEY and values:
                    ordered = [t.id for t in ds.techniques if t.id in values] or sorted(values)
                    out[key] = ordered[:3]
    return catalogue.link_params(ds, out)


# A chart's files in its Download panel: (output, button's key suffix, button's label, file name suffix).
CHART_FILES = (("png", "png", "PNG", ".png"), ("svg", "svg", "SVG", ".svg"),
               ("zip", "data-zip", "Data + metadata (ZIP)", "-data.zip"))  # fmt: skip


def _chart_files(page, ds, view: str, entry: str, audit_dir: Path) -> list[Finding]:
    """Download a chart's PNG, SVG and data ZIP from its Download panel; check their names and what each says
    of itself (the PNG at the export size, the SVG an SVG drawing the chart's own labels)."""
    from e2e_harness import open_downloads

    open_downloads(page, view)
    spec = catalogue.VIEWS[tuple(entry.split("-", 1))]  # type: ignore[index]
    chart = spec.build(ds, {})
    sources = [reference_caption(ds, chart.references)[:24]] if chart is not None and chart.references else []
    out = []
    size = DOWNLOAD_SCREEN
    folder = audit_dir / "files"
    folder.mkdir(exist_ok=True)
    files = {}
    for output, suffix, label, ending in CHART_FILES:
        name, files[output] = download(page, f".st-key-{view}-{suffix}", label, folder)
        if name != view + ending:
            out.append(Finding("file", entry, output, size, "file name", f"{name}, not {view + ending}"))
    png, svg = files["png"], files["svg"].decode("utf-8", "replace")
    if png_size(png) != (EXPORT_WIDTH, EXPORT_HEIGHT):
        out.append(Finding("file", entry, "png", size, "image size", f"{png_size(png)}, not the slide's 16:9"))
    if svg_root(files["svg"])[0] != "svg":
        out.append(Finding("file", entry, "svg", size, "root element", "not an SVG"))
    labels = chart_labels(chart.fig) if chart is not None else []
    if labels and not any(html.escape(x, quote=False) in svg for x in labels):
        out.append(Finding("file", entry, "svg", size, "labels", f"none of the chart's labels ({labels[:3]}) drawn"))
    for output, text in (("png", png_text(png)), ("svg", svg), ("zip", _zip_text(files["zip"]))):
        out += file_findings(text, entry=entry, output=output, size=size, version=ds.meta.version, sources=sources)
    page.keyboard.press("Escape")
    return out


def _chart_shots(page, charts: list[dict]) -> list[Shot]:
    """The pixels of each chart (the page grown to its content, so a clip is in the viewport)."""
    shots = []
    for chart in charts:
        left, t, r, b = chart["box"]
        clip = {"x": max(left - 2, 0), "y": max(t - 2, 0), "width": max(r - left + 4, 1), "height": max(b - t + 4, 1)}
        try:
            shots.append(Shot(page.screenshot(clip=clip, animations="disabled"), dx=clip["x"], dy=clip["y"]))
        except PlaywrightError:  # a box partly outside the page (a matrix scrolled sideways on a phone)
            shots.append(Shot(page.screenshot(full_page=True, animations="disabled")))
    return shots


def _measured(page, height: int) -> list[tuple[dict, Shot | None]]:
    """Every chart of the page with the pixels it is drawn in. A page taller than the window (the window
    grows to ``MAX_PAGE_HEIGHT`` at most) has its lower charts scrolled into view and measured there."""
    m = page.evaluate(MEASURE_JS, {"charts": CHART, "text": None})
    inside = [c for c in m["charts"] if c["box"][3] <= height + 1]
    out = list(zip(inside, _chart_shots(page, inside)))
    for chart in m["charts"]:
        if chart["box"][3] <= height + 1 or not chart["name"]:
            if chart["box"][3] > height + 1:
                out.append((chart, None))  # no name to find it by again: measured without its pixels
            continue
        page.locator(f".st-key-{chart['name']}-chart").first.evaluate("(el) => el.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(200)
        again = page.evaluate(MEASURE_JS, {"charts": f".st-key-{chart['name']}-chart", "text": None})["charts"]
        if again:
            out.append((again[0], _chart_shots(page, again[:1])[0]))
    return out


def _layout_findings(m: dict, screen: str, where: str) -> list[Finding]:
    """The page itself: the sidebar closed on a phone and open elsewhere; nothing scrolls sideways."""
    out = []
    phone = screen.startswith("390")
    if phone and (m["sidebarCollapsed"] != "true" or m["sidebarRight"] > 1):
        out.append(
            Finding(
                "layout", where, "page", screen, "sidebar", f"open on load (data-collapsed={m['sidebarCollapsed']})"
            )
        )
    if not phone and m["sidebarCollapsed"] != "false":
        out.append(Finding("layout", where, "page", screen, "sidebar", "closed on a wide screen"))
    if m["scrollWidth"] > m["width"] or m["mainScroll"] > 0:
        out.append(
            Finding("layout", where, "page", screen, "page", f"scrolls sideways ({m['scrollWidth']} > {m['width']})")
        )
    return out


TABLE = '[data-testid="stMain"] [data-testid="stDataFrame"]'
MARKS = ".main-svg .trace, .main-svg .hm, .main-svg .heatmaplayer image, .main-svg .point"
METRIC_TEXT = '[data-testid="stMain"] [data-testid="stMetric"] [data-testid="stMarkdownContainer"]'
_CUT_METRICS_JS = """(sel) => [...document.querySelectorAll(sel)]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || [...e.children].some(c => c.scrollWidth > e.clientWidth + 1))
    .map(e => e.innerText)"""


# The words a shown element toolbar (a table's or a chart's: view, download, search, full screen) lies over.
# On a touch screen Streamlit shows the toolbars all the time, 44 px above their element.
_UNDER_TOOLBAR_JS = """() => {
  const bars = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementToolbar"]')]
    .filter(b => getComputedStyle(b).opacity !== '0' && getComputedStyle(b).visibility !== 'hidden'
                 && !b.closest('details:not([open])'))  // a closed expander keeps its content, clipped
    .map(b => b.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
  if (!bars.length) return [];
  const out = [];
  const walk = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const text = n.textContent.trim();
    if (!text || n.parentElement.closest('[data-testid="stElementToolbar"], .main-svg, [data-testid="stDataFrame"]')) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (bars.some(b => r.left < b.right - 1 && r.right > b.left + 1 && r.top < b.bottom - 1 && r.bottom > b.top + 1)) {
        out.push(text.slice(0, 60)); break;
      }
    }
  }
  return out;
}"""


def _page_findings(page, path: str, screen: str) -> list[Finding]:
    """The page as a whole: a title, its charts drawn with marks and its tables (laptop and wider), the theme
    asked for, no headline figure cut off, and no words under a table's or chart's toolbar."""
    where, out = path or "overview", []
    if page.locator('[data-testid="stMain"] h1').count() < 1:
        out.append(Finding("page", where, "page", screen, "title", "the page has no title"))
    luminance = background_luminance(page)
    if ("dark" in screen) != (luminance < 0.3) or (luminance < 0.7 and "light" in screen):
        out.append(Finding("page", where, "page", screen, "theme", f"background luminance {luminance:.2f}"))
    if not screen.startswith("390"):
        charts, tables = EXPECTED[path]
        found = page.locator(CHART)
        if found.count() < charts or page.locator(TABLE).count() < tables:
            out.append(
                Finding("page", where, "page", screen, "charts and tables",
                        f"{found.count()} charts and {page.locator(TABLE).count()} tables, expected {charts} and {tables}")
            )  # fmt: skip
        for i in range(found.count()):
            if found.nth(i).is_visible() and found.nth(i).locator(MARKS).count() == 0:
                out.append(Finding("page", where, "page", screen, f"chart {i + 1}", "drawn without marks"))
    for text in page.evaluate(_CUT_METRICS_JS, METRIC_TEXT):
        out.append(Finding("cut", where, "page", screen, text[:60], "a headline figure cut off"))
    for text in page.evaluate(_UNDER_TOOLBAR_JS):
        out.append(Finding("overlap", where, "page", screen, text, "under a table's or chart's toolbar"))
    return out


_CHART_WIDTHS_JS = """(sel) => [...document.querySelectorAll(sel)].map(c => {
  const s = c.querySelector('.main-svg'); return s ? s.getAttribute('width') : null; })"""


def _resize(page, width: int, height: int) -> None:
    """A new window size, once every chart has drawn itself at it (plotly redraws on resize)."""
    page.evaluate("() => document.querySelectorAll('[data-testid=\"stMain\"]').forEach(e => { e.scrollTop = 0; })")
    page.set_viewport_size({"width": width, "height": height})
    before = None
    for _ in range(40):
        page.wait_for_timeout(150)
        now = page.evaluate(_CHART_WIDTHS_JS, CHART)
        if now == before:
            return
        before = now


def _audit_page(page, ds, path: str, screen: str, audit_dir: Path, downloaded: list[str]) -> list[Finding]:
    """One page as drawn at ``screen`` (the window already that size): everything the audit measures.
    ``downloaded``: the chart whose files were downloaded, once one was (the visit's list)."""
    width = SCREENS[screen]["viewport"]["width"]
    prefix = (path or "overview") + "-"
    m = page.evaluate(MEASURE_JS, {"charts": CHART, "text": None})
    found = _layout_findings(m, screen, path or "overview")
    height = _grow(page, width, 0 if screen.startswith("390") else EXPECTED[path][0])
    found += _page_findings(page, path, screen)
    # The whole page at every screen, for a person to look at. JPEG: a page up to 12,000 px tall encodes in a
    # fraction of a PNG's time (the pixels the audit measures are PNG clips).
    stem = f"page-{screen.replace(' ', '-')}-{path or 'overview'}"
    (audit_dir / f"{stem}.jpg").write_bytes(page.screenshot(animations="disabled", type="jpeg", quality=80))
    rules = Rules("page", screen, edge=(0, -1e9, width, 1e9))
    drawn: list[str] = []  # the charts' names, top to bottom
    for chart, shot in _measured(page, height):
        entry = prefix + chart["name"] if chart["name"] else f"{prefix}(chart)"
        drawn.append(chart["name"])
        found += chart_findings(chart, rules, shot, entry)
    for spec in catalogue.page_views(path or "overview"):
        if spec.view not in drawn and spec.build(ds, {}) is not None and spec.view != "grades":
            found.append(Finding("missing", f"{spec.page}-{spec.view}", "page", screen, "(chart not drawn)"))
    if screen in AXE_SCREENS:
        found += axe_findings(page, screen, path or "overview")
    if screen == DOWNLOAD_SCREEN:
        # A reader's downloads from the first chart with a Download panel, on the first page that has one.
        # Every chart's panel is the same code (chart_block) calling the functions that test_images checks
        # for every entry.
        page.set_viewport_size({"width": width, "height": min(height, 1080)})
        offered = [n for n in drawn if n and page.locator(f".st-key-{n}-downloads").count()]
        if offered and not downloaded:
            found += _chart_files(page, ds, offered[0], prefix + offered[0], audit_dir)
            downloaded.append(prefix + offered[0])
    return found


# A phone is its own visit (the server lays charts out for a phone's user agent). A laptop and a wide
# screen are one visit per page: the server cannot tell them apart, so the page opened at 1280 px and then
# widened to 1920 px draws what a reader who opened it at 1920 px gets, one page load instead of two.
VISITS = {
    "phone": ("390x844 dark",),
    "desktop": ("1280x800 light", "1920x1080 light"),
}


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("visit", list(VISITS))
def test_pages(browser, server, ds, audit_dir, tmp_path, visit):
    """Every page at these screens: its title, charts, tables and theme; each chart measured (plotting area, cut,
    overlap, size, contrast), the page's layout, headline figures not cut, axe-core at two screens; at 1920
    the first chart's PNG, SVG and data ZIP as a reader downloads them."""
    from e2e_harness import cached_context

    screens = VISITS[visit]
    ctx = cached_context(browser, tmp_path / "browser", **SCREENS[screens[0]])
    found: dict[str, list[Finding]] = {screen: [] for screen in screens}
    downloaded: list[str] = []
    try:
        for path in PAGES:
            page = ctx.new_page()
            try:
                open_page(page, server, path, **_page_params(ds, path))
                assert_no_errors(page)
                _wait_charts(page)
                for i, screen in enumerate(screens):
                    if i:
                        _resize(page, **SCREENS[screen]["viewport"])
                    found[screen] += _audit_page(page, ds, path, screen, audit_dir, downloaded)
            finally:
                page.close()
    finally:
        ctx.close()
    if DOWNLOAD_SCREEN in screens:
        assert downloaded, "no page offered a chart's Download panel"
    failures = []
    for screen in screens:
        try:
            report(audit_dir, f"page-{screen.replace(' ', '-')}", found[screen])
        except (AssertionError, pytest.xfail.Exception) as e:
            failures.append(str(e))
    assert not failures, "\n\n".join(failures)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_slides(browser, server, ds, audit_dir, theme):
    from e2e_harness import new_context

    from dashboard.views import talk as talks

    talk = talks.talk_of(ds)
    ctx = new_context(browser, viewport=SLIDE, color_scheme=theme)
    size = f"1920x1080 {theme}"
    rules = Rules("slide", size, MIN_CONTRAST_SLIDE, MIN_TEXT_PX_SLIDE, edge=(0, 0, 1920, 1080))
    found: list[Finding] = []
    try:
        from e2e_harness import rerun, wait_for_run

        page = ctx.new_page()
        page.goto(url_for(server, "", present="1", slide="1"))
        wait_for_run(page, min_runs=1)
        assert not page.locator(SIDEBAR).is_visible(), "the sidebar shows in presentation mode"
        titles, charts = set(), 0
        for i, slide in enumerate(talk.slides):
            if i:  # the next slide as the presenter reaches it: the arrow key, in the same session
                with rerun(page):
                    page.keyboard.press("ArrowRight")
            assert_no_errors(page)
            _wait_charts(page)
            page.wait_for_timeout(300)
            if theme == "light":  # the room's layout (a theme changes colours, not places)
                assert slide_counter(page) == (i + 1, len(talk.slides))
                assert parse_qs(urlparse(page.url).query).get("slide") == [str(i + 1)], page.url
                titles.add(slide_title(page))
                charts += check_slide_layout(page, i + 1, "1920", "light")
            m = page.evaluate(MEASURE_JS, {"charts": CHART, "text": SLIDE_TEXT})
            png = page.screenshot(animations="disabled")
            (audit_dir / f"slide-{theme}-{i + 1:02d}-{slide.id}.png").write_bytes(png)
            shot = Shot(png)
            entry = f"slide {i + 1} {slide.id}" + (
                f" ({slide.page}-{slide.view or ''})" if slide.kind == "chart" else ""
            )
            for chart in m["charts"]:
                found += chart_findings(chart, rules, shot, entry)
            found += html_findings(m["html"], rules, shot, entry, m["charts"])
        page.close()
        if theme == "light":
            # A poll slide shows the room's answers only in a shared talk (started from the presenter view).
            assert charts >= sum(1 for s in talk.slides if s.kind == "chart" and s.poll is None)
            assert len(titles) == len(talk.slides), "two slides share a title"
            found += _catalogue_slides(ctx, ds, talk, audit_dir)
    finally:
        ctx.close()
    report(audit_dir, f"slide-{theme}", found)


@pytest.mark.timeout(600)
def test_presenter_view(browser, server, ds, audit_dir):
    """The speaker's own screen, a laptop: each slide's chart as the presenter view draws it (smaller type than
    on the projector, in a box of its own), stepped with the arrow key as the speaker does."""
    from e2e_harness import new_context, rerun, wait_for_run

    from dashboard.views import talk as talks

    talk = talks.talk_of(ds)
    screen = "1280x800 light"
    ctx = new_context(browser, viewport={"width": 1280, "height": 800})
    rules = Rules("presenter", screen, edge=(0, -1e9, 1280, 1e9))
    found: list[Finding] = []
    charts = 0
    try:
        page = ctx.new_page()
        page.goto(url_for(server, "", present="1", presenter="1", slide="1"))
        wait_for_run(page, min_runs=1)
        for i, slide in enumerate(talk.slides):
            if i:
                page.set_viewport_size({"width": 1280, "height": 800})
                with rerun(page):
                    page.keyboard.press("ArrowRight")
            assert_no_errors(page)
            height = _grow(page, 1280)
            if slide.kind == "chart":
                (audit_dir / f"presenter-{i + 1:02d}-{slide.id}.jpg").write_bytes(
                    page.screenshot(animations="disabled", type="jpeg", quality=80)
                )
            for chart, shot in _measured(page, height):
                charts += 1
                found += chart_findings(chart, rules, shot, f"presenter {i + 1} {slide.id}")
        page.close()
    finally:
        ctx.close()
    assert charts >= sum(1 for s in talk.slides if s.kind == "chart" and s.poll is None)
    report(audit_dir, "presenter", found)


def _catalogue_slides(ctx, ds, talk, audit_dir: Path) -> list[Finding]:
    """The entries no slide of the talk shows, as a slide would draw them, at the slide's chart size."""
    import plotly.graph_objects as go
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    from dashboard.views.entry import entries

    in_talk = {(s.page, s.view) for s in talk.slides if s.kind == "chart"}
    items = [v for v in entries(ds) if (v.page, v.view) not in in_talk]
    if not items:
        return []
    divs = []
    for item in items:
        fig = go.Figure(item.slide_figure(width_px=SLIDE_WIDTH_PX))
        fig.update_layout(width=SLIDE_WIDTH_PX, height=760)
        body = pio.to_html(fig, full_html=False, include_plotlyjs=False, config={"staticPlot": True})
        divs.append(
            f'<div data-entry="{item.name}" style="width:{SLIDE_WIDTH_PX}px;height:760px;margin:0 0 8px">{body}</div>'
        )
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><script>"
        + get_plotlyjs()
        + "</script></head><body style='margin:0 48px;background:#fff'>"
        + "".join(divs)
        + "</body></html>"
    )
    page = ctx.new_page()
    try:
        page.set_viewport_size({"width": 1920, "height": 770 * len(items)})
        page.set_content(html, wait_until="load")
        wait_until(page, f"document.querySelectorAll('.main-svg').length >= {len(items)}", timeout=60_000)
        page.wait_for_timeout(300)
        m = page.evaluate(MEASURE_JS, {"charts": "[data-entry]", "text": None})
        png = page.screenshot(animations="disabled")
        (audit_dir / "slide-catalogue.png").write_bytes(png)
        shot = Shot(png)
        rules = Rules("slide", "1920x1080 light", MIN_CONTRAST_SLIDE, MIN_TEXT_PX_SLIDE)
        return [f for c in m["charts"] for f in chart_findings(c, rules, shot, f"{c['name']} (not in the talk)")]
    finally:
        page.close()


def _zip_text(data: bytes) -> str:
    """Everything but the CSV of a chart's data ZIP (the metadata and the README)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if not n.endswith(".csv"))


@pytest.mark.timeout(600)
def test_images(browser, ds, audit_dir):
    """PNG and SVG at 1600x900 of every entry and variant: the SVG measured in Chromium, the PNG's pixels; what
    the PNG, the SVG and the data ZIP say of themselves (licence, version, sources, an absolute address)."""
    from dashboard.exports.chartdata import chart_data_zip
    from dashboard.exports.images import render_view
    from dashboard.views.entry import entries

    base = "https://dashboard.example.org"
    ctx = browser.new_context(viewport={"width": 1600, "height": 900})
    found: list[Finding] = []
    folder = audit_dir / "images"
    folder.mkdir(exist_ok=True)
    try:
        page = ctx.new_page()
        for item in entries(ds):
            svg = render_view(ds, item, "svg", base_url=base)
            png = render_view(ds, item, "png", base_url=base)
            (folder / f"{item.name}.svg").write_bytes(svg)
            (folder / f"{item.name}.png").write_bytes(png)
            page.goto((folder / f"{item.name}.svg").as_uri())
            m = page.evaluate(MEASURE_JS, {"charts": "svg", "text": None})
            shot = Shot(png)
            for fmt in ("svg", "png"):
                rules = Rules(fmt, "1600x900", edge=(0, 0, 1600, 900))
                for chart in m["charts"][:1]:
                    found += chart_findings(chart, rules, shot if fmt == "png" else None, item.name)
            sources = [reference_caption(ds, item.references)[:24]] if item.references else []
            text = svg.decode("utf-8", "replace")
            found += file_findings(text, entry=item.name, output="svg", size="1600x900", version=ds.meta.version,
                                   sources=sources)  # fmt: skip
            found += file_findings(png_text(png), entry=item.name, output="png", size="1600x900",
                                   version=ds.meta.version, sources=sources)  # fmt: skip
            found += file_findings(_zip_text(chart_data_zip(ds, item, base_url=base)), entry=item.name, output="zip",
                                   size="1600x900", version=ds.meta.version, sources=sources)  # fmt: skip
        page.close()
    finally:
        ctx.close()
    # the cut/overlap/size findings of the SVG and the PNG are the same drawing: keep the PNG's (with contrast)
    found = [f for f in found if not (f.output == "svg" and f.kind in ("cut", "overlap", "size", "plot"))]
    report(audit_dir, "images", found)


def _print_layout(ctx, html: str, width: int, name: str, audit_dir: Path) -> list[Finding]:
    """The printed HTML as Chromium lays it out: plotly draws at the window's width when the page loads
    (Chromium's own window when it prints from the command line), then the print style sheet applies."""
    from dashboard.exports import browser

    window = getattr(browser, "PRINT_WINDOW", (800, 600))
    page = ctx.new_page()
    try:
        page.set_viewport_size({"width": window[0], "height": window[1]})
        target = audit_dir / f"{name}.html"
        target.write_text(html, encoding="utf-8")
        page.goto(target.as_uri())
        wait_until(
            page,
            "[...document.querySelectorAll('.js-plotly-plot')].every(g => g.querySelector('.main-svg'))",
            timeout=60_000,
        )
        page.emulate_media(media="print")
        page.wait_for_timeout(300)
        m = page.evaluate(MEASURE_JS, {"charts": ".js-plotly-plot", "text": None})
        shot = Shot(page.screenshot(full_page=True, animations="disabled"))
        rules = Rules(name, f"A4 landscape, drawn at {window[0]} px", edge=(0, -1e9, max(window[0], width), 1e9))
        found = []
        for i, chart in enumerate(m["charts"]):
            label = page.evaluate(
                "(i) => { const g = document.querySelectorAll('.js-plotly-plot')[i];"
                " const s = g.closest('section'); return s ? (s.id || '') : ''; }",
                i,
            )
            found += chart_findings(chart, rules, shot, label or f"chart {i + 1}")
        return found
    finally:
        page.close()


def _pdf_text_findings(pdf: bytes, name: str, ds, headings: list[str], audit_dir: Path) -> list[Finding]:
    path = audit_dir / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(audit_dir / name)], check=True, timeout=120)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    found = file_findings(text, entry=name, output=name, size="A4", version=ds.meta.version, sources=["Source"])
    for n, page_text in enumerate(text.split("\f"), start=1):
        lines = [line.strip() for line in page_text.splitlines() if line.strip()]
        if not lines:
            continue
        tail = " ".join(lines[-2:])
        for h in headings:
            if h and (lines[-1] == h or tail.endswith(h)) and len(lines) > 1:
                found.append(Finding("orphan", name, name, f"page {n}", h, "a heading alone at the foot of the page"))
    return found


@pytest.mark.timeout(600)
def test_pdfs(browser, ds, audit_dir):
    import re

    from dashboard.exports import handout, pdf

    ctx = browser.new_context()
    found: list[Finding] = []
    try:
        for name, html, width, printed in (
            ("pdf-brief", pdf.brief_html(ds), 1032, pdf.html_to_pdf),
            ("pdf-handout", handout.handout_html(ds), 1047, pdf.html_to_pdf),
        ):
            found += _print_layout(ctx, html, width, name, audit_dir)
            headings = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]
            found += _pdf_text_findings(printed(html), name, ds, headings, audit_dir)
    finally:
        ctx.close()
    report(audit_dir, "pdfs", found)


@pytest.mark.timeout(600)
def test_embeds(browser, server, ds, audit_dir, tmp_path):
    """Each entry's embed as its snippet draws it, in a 640 px column: the chart measured like a page's, and
    the sources, version, licence and the link to the full view inside the iframe's first 620 px."""
    from e2e_harness import cached_context

    from dashboard.views.entry import entries

    ctx = cached_context(
        browser, tmp_path / "browser", viewport={"width": EMBED_COLUMN, "height": 900}, color_scheme="light"
    )
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    try:
        for item in entries(ds):
            if (item.page, item.view) in seen:
                continue
            seen.add((item.page, item.view))
            src = url_for(server, catalogue.page_path(item.page), chart=item.name, embed="true", **item.params)
            host = ctx.new_page()
            try:
                host.set_content(
                    f'<body style="margin:0"><iframe src="{src}" width="100%" height="{FOLD}" style="border:0"></iframe></body>'
                )
                frame = host.frames[1]
                frame.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
                frame.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)
                # Measured once, the iframe as tall as its content (as a page's window grows to its content), so
                # what lies below the fold is not counted as cut; "above the fold" is read from the same boxes
                # (the embed is laid out from its top, so its first 620 px are where they were at 620 px high).
                tall = _content_height(frame, FOLD)
                host.set_viewport_size({"width": EMBED_COLUMN, "height": tall})
                host.evaluate("(h) => { document.querySelector('iframe').height = String(h); }", tall)
                host.wait_for_timeout(400)  # plotly redraws on resize
                m = frame.evaluate(MEASURE_JS, {"charts": CHART, "text": ".st-key-embedded-chart"})
                png = host.screenshot(animations="disabled")
                shot = Shot(png)
                with Image.open(io.BytesIO(png)) as whole:  # what a blog's reader sees first, for a person to look at
                    whole.crop((0, 0, EMBED_COLUMN, FOLD)).save(audit_dir / f"embed-{item.name}.png")
                rules = Rules("embed", f"{EMBED_COLUMN}x{FOLD}", edge=(0, -1e9, EMBED_COLUMN, 1e9))
                found += [f for f in html_findings(m["html"], rules, shot, item.name, []) if f.kind != "overlap"]
                for chart in m["charts"]:
                    found += chart_findings(chart, rules, shot, item.name)
                shown = " ".join(h.get("full", h["t"]) for h in m["html"] if h["box"][3] <= FOLD)
                found += file_findings(shown + " http://x", entry=item.name, output="embed", size="above the fold",
                                       version=ds.meta.version, sources=["Sources"])  # fmt: skip
                link = frame.locator(".st-key-embedded-chart a", has_text="Open the full view")
                if not link.count() or link.first.bounding_box()["y"] + 10 > FOLD:
                    found.append(
                        Finding("file", item.name, "embed", "above the fold", "Open the full view", "below the fold")
                    )
            finally:
                host.close()
    finally:
        ctx.close()
    report(audit_dir, "embeds", found)

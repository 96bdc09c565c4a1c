"""Presentation mode in a real browser, at projector sizes in light and dark.

- every slide of the shipped talk: the chart covers at least 70% of the slide under its title, its
  smallest text is at least 24 px at 1920 wide and black on white, no control or note shows two
  seconds after the mouse stops; the keyboard steps through every slide (the render audit measures
  and saves every slide in both themes);
- Exit returns to the dashboard; the sidebar starts a presentation.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_harness import SERVERS, SIDEBAR, assert_no_errors, open_page, rerun, url_for

from dashboard.pack.load import default_data_dir, load_pack
from dashboard.views.talk import talk_of

COUNTER = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$", re.MULTILINE)
SIZES = {"1920": {"width": 1920, "height": 1080}, "1280": {"width": 1280, "height": 720}}
# Anything a reader could click or read that is not the slide itself.
CONTROLS = "button, a, [data-testid='stExpander'], .st-key-presenter-note"

_MEASURE_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const head = document.querySelector('.st-key-slide-head, .st-key-slide-title');
  const foot = document.querySelector('.st-key-slide-foot');
  const chart = document.querySelector('.st-key-slide-body [data-testid="stPlotlyChart"]');
  const svg = chart ? chart.querySelector('.main-svg') : null;
  const box = (el) => el ? el.getBoundingClientRect() : null;
  const texts = chart ? Array.from(chart.querySelectorAll('svg text')).filter((t) => t.textContent.trim()) : [];
  const sizes = texts.map((t) => parseFloat(getComputedStyle(t).fontSize));
  const fills = Array.from(new Set(texts.map((t) => getComputedStyle(t).fill)));
  return {
    viewport: [innerWidth, innerHeight],
    head: box(head), foot: box(foot), chart: box(chart), svg: box(svg),
    minFont: sizes.length ? Math.min(...sizes) : null, nTexts: sizes.length, fills,
    background: getComputedStyle(main).backgroundColor,
    titlePx: head ? parseFloat(getComputedStyle(head.querySelector('h1')).fontSize) : null,
  };
}
"""


def _slide(page) -> tuple[int, int]:
    found = COUNTER.search(page.locator('[data-testid="stMain"]').inner_text())
    assert found, "no 'n / N' slide counter on the page"
    return int(found.group(1)), int(found.group(2))


def _slide_title(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def _visible_controls(page) -> list[str]:
    """Controls drawn on screen (a skip link kept off screen until focused does not count)."""
    return page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel)).filter((el) => {
             const r = el.getBoundingClientRect(), s = getComputedStyle(el);
             return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth
               && r.top < innerHeight && s.visibility !== 'hidden' && s.display !== 'none';
           }).map((el) => el.innerText.slice(0, 40))""",
        CONTROLS,
    )


def _luminance(rgb: str) -> float:
    parts = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _wait_for_chart(page) -> None:
    chart = page.locator('.st-key-slide-body [data-testid="stPlotlyChart"] .main-svg')
    if chart.count():
        chart.first.wait_for(state="visible")
        page.wait_for_timeout(300)  # plotly's resize to the container after the first draw


def _check_slide(page, n: int, size: str, theme: str) -> bool:
    """Measure the slide on screen at this size and theme; True when it has a chart."""
    page.set_viewport_size(SIZES[size])
    page.emulate_media(color_scheme=theme)
    _wait_for_chart(page)
    m = page.evaluate(_MEASURE_JS)
    width, height = m["viewport"]
    where = f"slide {n} at {size} {theme}"
    assert _contrast(m["background"], "rgb(0, 0, 0)") >= 20, f"{where}: slide background {m['background']}"
    assert m["titlePx"] >= 0.028 * width, f"{where}: title {m['titlePx']} px"
    assert m["foot"] and m["foot"]["bottom"] <= height + 1, f"{where}: the source line is off the slide: {m}"
    assert _visible_controls(page) == [], f"{where}: showing {_visible_controls(page)}"
    if not m["chart"]:
        return False
    under_title = (m["foot"]["top"] - m["head"]["bottom"]) * width
    area = m["chart"]["width"] * m["chart"]["height"]
    assert area >= 0.7 * under_title, f"{where}: the chart covers {area / under_title:.0%} under the title"
    assert m["svg"]["height"] >= 0.95 * m["chart"]["height"], f"{where}: the figure does not fill its box: {m}"
    assert m["minFont"] >= 24 * width / 1920 - 0.01 if size == "1920" else m["minFont"] >= 16, (
        f"{where}: chart text at {m['minFont']} px"
    )
    # Every text drawn on the white slide at 7:1 (white text sits on dark marks: checked by the chart tests).
    on_white = [f for f in m["fills"] if _luminance(f) < 0.5]
    faint = {f for f in on_white if _contrast(f, "rgb(255, 255, 255)") < 7}
    assert not faint, f"{where}: chart text under 7:1 on white: {faint}"
    return True


# Slides also measured at 1280x720: the title slide, a chart with a long legend, the text slide.
SAMPLE_1280 = {1, 3}


@pytest.mark.timeout(300)
def test_every_slide_reads_from_the_back_of_the_room(make_context, server):
    """One walk through the talk by keyboard; every slide's layout measured at 1920x1080, a sample at 1280x720."""
    page = make_context(viewport=SIZES["1920"]).new_page()
    open_page(page, server, "", present=1)
    assert_no_errors(page)
    assert not page.locator(SIDEBAR).is_visible(), "the sidebar shows in presentation mode"
    _, total = _slide(page)
    titles, charts = set(), 0
    for n in range(1, total + 1):
        if n > 1:
            with rerun(page):
                page.keyboard.press("ArrowRight")
        assert_no_errors(page)
        assert _slide(page) == (n, total)
        assert parse_qs(urlparse(page.url).query).get("slide") == [str(n)], page.url
        titles.add(_slide_title(page))
        # Every slide in both themes, text, contrast and edges, is the render audit's (test_slides, with a
        # screenshot of each); here the layout: the chart's share of the slide, at 1920 and a sample at 1280.
        sizes = (("1280", "dark"),) if n in SAMPLE_1280 or n == total else ()
        for size, theme in (*sizes, ("1920", "light")):
            has_chart = _check_slide(page, n, size, theme)
        charts += has_chart
        if n in (2, total):  # the control bar shows while the mouse moves and is gone two seconds after
            page.mouse.move(900, 500)
            page.mouse.move(1000, 400)
            page.locator(".st-key-slide-controls").wait_for(state="visible")
            page.wait_for_timeout(2300)
            assert _visible_controls(page) == [], f"slide {n}: still showing {_visible_controls(page)}"
    # A poll slide shows the room's answers only in a shared talk (started from the presenter view).
    talk = talk_of(load_pack(default_data_dir()).dataset)
    assert charts >= sum(1 for s in talk.slides if s.kind == "chart" and s.poll is None)
    assert len(titles) == total, "two slides share a title"

    with rerun(page):
        page.keyboard.press("Home")
    assert _slide(page)[0] == 1
    with rerun(page):
        page.keyboard.press("End")
    assert _slide(page)[0] == total
    with rerun(page):
        page.keyboard.press("PageUp")
    assert _slide(page)[0] == total - 1


def test_clicking_the_slide_halves_steps_and_the_bar_shows_while_the_mouse_moves(make_context, server):
    page = make_context(viewport=SIZES["1280"]).new_page()
    open_page(page, server, "", present=1, slide=2)
    assert _visible_controls(page) == []
    with rerun(page):
        page.mouse.click(1000, 360)
    assert _slide(page)[0] == 3
    page.mouse.move(700, 300)
    page.mouse.move(800, 350)
    assert page.locator(".st-key-slide-controls").get_by_role("button", name="Next").is_visible()
    with rerun(page):
        page.mouse.click(200, 360)
    assert _slide(page)[0] == 2
    page.mouse.move(700, 300)
    page.mouse.move(800, 350)
    with rerun(page):
        page.locator(".st-key-slide-controls").get_by_role("button", name="Next").click()
    assert _slide(page)[0] == 3


def test_exit_returns_to_the_dashboard_and_the_sidebar_starts_a_talk(page, server):
    open_page(page, server, "", present=1, slide=3)
    with rerun(page):
        page.keyboard.press("Escape")
    assert_no_errors(page)
    assert page.locator(SIDEBAR).is_visible(), "the sidebar is still hidden after Exit"
    assert "present" not in parse_qs(urlparse(page.url).query), page.url
    with rerun(page):  # the panel is drawn when opened
        page.locator(SIDEBAR).get_by_text("Present and download").click()
    with rerun(page):
        page.locator(".st-key-start-presentation").get_by_role("button", name="Start presentation").click()
    assert _slide(page)[0] == 1
    assert not page.locator(SIDEBAR).is_visible()


def _wait_for_slide(page, n: int, timeout: int = 30_000) -> None:
    page.wait_for_function(
        "(n) => new RegExp('^\\\\s*' + n + '\\\\s*/', 'm').test(document.querySelector('[data-testid=\"stMain\"]')?.innerText || '')",
        arg=n,
        timeout=timeout,
    )


@pytest.mark.timeout(240)
def test_an_audience_reconnected_after_a_restart_comes_back_on_its_slide(make_context, tmp_path):
    """The server restarts mid-talk: the talk is kept in the store (SQLite in the state directory), so a
    reconnected audience stays on its slide; once the presenter is back (same link), the audience follows."""
    from e2e_harness import _stop, start_server

    srv = start_server(tmp_path / "first.log")
    SERVERS.append(srv)
    try:
        ctx = make_context(viewport=SIZES["1280"])
        presenter = ctx.new_page()
        open_page(presenter, srv, "", present=1, presenter=1, slide=3)
        talk = parse_qs(urlparse(presenter.url).query)["talk"][0]
        key = parse_qs(urlparse(presenter.url).query)["key"][0]
        audience = make_context(viewport=SIZES["1280"]).new_page()
        audience.goto(url_for(srv, "", present=1, talk=talk))
        _wait_for_slide(audience, 3)  # it joins on the presenter's slide
        if talk_of(load_pack(default_data_dir()).dataset).slides[2].kind == "chart":
            # and has drawn it (the chart's script is loaded) before the server goes
            audience.locator(".st-key-slide-body .main-svg").first.wait_for(state="visible")
        port = urlparse(srv.url).port
        presenter.close()  # the speaker's laptop is gone for now
        _stop(srv.process)
        SERVERS.remove(srv)
        srv = start_server(tmp_path / "second.log", port=port)
        SERVERS.append(srv)
        # The page reconnects by itself and reruns with its link: slide 3, where the talk still is.
        audience.wait_for_timeout(4000)
        _wait_for_slide(audience, 3)
        assert parse_qs(urlparse(audience.url).query).get("slide") == ["3"], audience.url
        assert_no_errors(audience)
        # The presenter comes back (its link holds talk and slide) and moves on: the audience follows.
        presenter = ctx.new_page()
        open_page(presenter, srv, "", present=1, presenter=1, talk=talk, key=key, slide=3)
        with rerun(presenter):
            presenter.keyboard.press("ArrowRight")
        _wait_for_slide(audience, 4, timeout=4000)
        # A new audience page after the restart opens on the presenter's current slide.
        late = make_context(viewport=SIZES["1280"]).new_page()
        late.goto(url_for(srv, "", present=1, talk=talk))
        _wait_for_slide(late, 4)
    finally:
        if srv in SERVERS:
            SERVERS.remove(srv)
        _stop(srv.process)

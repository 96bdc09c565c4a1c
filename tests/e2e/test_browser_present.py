"""Presentation mode in a real browser, at projector sizes in light and dark.

- the keys a speaker uses move through the talk; sample slides at 1280x720 keep the layout every slide
  has at 1920x1080 (slide_layout.py: the chart covers at least 70% of the slide under its title, its
  smallest text is large enough and dark on white, no control or note shows two seconds after the
  mouse stops); every slide is measured at 1920x1080 and saved in both themes by the render audit;
- Exit returns to the dashboard; the sidebar starts a presentation.
"""

from __future__ import annotations

import signal
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_harness import SERVERS, SIDEBAR, assert_no_errors, open_page, rerun, url_for, wait_until
from slide_layout import SIZES, check_slide_layout, slide_counter, visible_controls

from dashboard.pack.load import default_data_dir, load_pack
from dashboard.views.talk import talk_of

# Slides measured at 1280x720 in dark (every slide at 1920x1080 is measured in the render audit's walk
# through the talk, test_slides): the title slide, a chart with a long legend, the last slide.
SAMPLE_1280 = (1, 3)


@pytest.mark.timeout(300)
def test_the_keys_a_speaker_uses_and_slides_read_on_a_smaller_projector(make_context, server):
    """Arrow keys, End, PageUp and Home move through the talk; sample slides measured at 1280x720 dark."""
    page = make_context(viewport=SIZES["1280"], color_scheme="dark").new_page()
    open_page(page, server, "", present=1)
    assert_no_errors(page)
    assert not page.locator(SIDEBAR).is_visible(), "the sidebar shows in presentation mode"
    _, total = slide_counter(page)
    for n in range(1, max(SAMPLE_1280) + 1):
        if n > 1:
            with rerun(page):
                page.keyboard.press("ArrowRight")
        assert_no_errors(page)
        assert slide_counter(page) == (n, total)
        assert parse_qs(urlparse(page.url).query).get("slide") == [str(n)], page.url
        if n in SAMPLE_1280:
            check_slide_layout(page, n, "1280", "dark")
    with rerun(page):
        page.keyboard.press("End")
    assert slide_counter(page) == (total, total)
    check_slide_layout(page, total, "1280", "dark")
    # The control bar shows while the mouse moves and is gone two seconds after.
    page.mouse.move(900, 500)
    page.mouse.move(1000, 400)
    page.locator(".st-key-slide-controls").wait_for(state="visible")
    page.wait_for_timeout(2300)
    assert visible_controls(page) == [], f"slide {total}: still showing {visible_controls(page)}"
    with rerun(page):
        page.keyboard.press("PageUp")
    assert slide_counter(page)[0] == total - 1
    with rerun(page):
        page.keyboard.press("Home")
    assert slide_counter(page)[0] == 1


def test_clicking_the_slide_halves_steps_and_the_bar_shows_while_the_mouse_moves(make_context, server):
    page = make_context(viewport=SIZES["1280"]).new_page()
    open_page(page, server, "", present=1, slide=2)
    assert visible_controls(page) == []
    with rerun(page):
        page.mouse.click(1000, 360)
    assert slide_counter(page)[0] == 3
    page.mouse.move(700, 300)
    page.mouse.move(800, 350)
    assert page.locator(".st-key-slide-controls").get_by_role("button", name="Next").is_visible()
    with rerun(page):
        page.mouse.click(200, 360)
    assert slide_counter(page)[0] == 2
    page.mouse.move(700, 300)
    page.mouse.move(800, 350)
    with rerun(page):
        page.locator(".st-key-slide-controls").get_by_role("button", name="Next").click()
    assert slide_counter(page)[0] == 3


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
    assert slide_counter(page)[0] == 1
    assert not page.locator(SIDEBAR).is_visible()


def _wait_for_slide(page, n: int, timeout: int = 30_000) -> None:
    wait_until(
        page,
        "(n) => new RegExp('^\\\\s*' + n + '\\\\s*/', 'm').test(document.querySelector('[data-testid=\"stMain\"]')?.innerText || '')",
        arg=n,
        timeout=timeout,
    )


@pytest.mark.timeout(240)
def test_an_audience_reconnected_after_a_restart_comes_back_on_its_slide(make_context, tmp_path):
    """The server restarts mid-talk: the talk is kept in the store (SQLite in the state directory), so a
    reconnected audience stays on its slide; once the presenter is back (same link), the audience follows.
    The server stops on SIGTERM though the audience window listens to the talk's stream."""
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
        # SIGTERM with the audience window's talk stream open: the server ends the stream (the window
        # reconnects by itself) and stops, rather than waiting for a stream that never ends until killed.
        srv.process.send_signal(signal.SIGTERM)
        assert srv.process.wait(timeout=60) in (0, -signal.SIGTERM), srv.output()[-2000:]
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

"""A talk for a room in real Chromium: the presenter view gives the audience link, phones (390x844,
touch) open it and follow the presenter's "Next"; the same link with presenter=1 moves nobody; the
phone page reads in portrait and landscape, light and dark, and passes axe-core.

Screenshots of the phone page go to the screenshot folder (room-phone-*.png).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_harness import ROOT, assert_no_errors, open_page, rerun, wait_for_audience_counter

from dashboard.pack.load import load_pack
from dashboard.views import talk as talks

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

_AXE_JS = """
async () => {
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
    resultTypes: ['violations'],
  });
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 160)));
}
"""

_LAYOUT_JS = """
() => {
  const box = (s) => { const el = document.querySelector(s); return el ? el.getBoundingClientRect().toJSON() : null; };
  return {
    width: innerWidth, height: innerHeight, scrollWidth: document.documentElement.scrollWidth,
    counter: box('.counter'), title: box('h1'), chart: box('.chart .main-svg'),
    counterPx: parseFloat(getComputedStyle(document.querySelector('.counter')).fontSize),
  };
}
"""


def _wait_chart(page) -> None:
    page.locator(".chart .main-svg").first.wait_for(state="visible", timeout=30_000)


def _check_layout(page, where: str) -> dict:
    m = page.evaluate(_LAYOUT_JS)
    assert m["scrollWidth"] <= m["width"] + 1, f"{where}: the page scrolls sideways: {m}"
    assert m["counter"] and m["counter"]["top"] >= 0 and m["counter"]["bottom"] <= m["height"], f"{where}: {m}"
    assert m["counterPx"] >= 16, f"{where}: counter at {m['counterPx']} px"
    return m


@pytest.mark.timeout(240)
def test_phones_follow_the_presenter_and_the_audience_link_cannot_drive(make_context, server, screenshot_dir):
    presenter = make_context(viewport={"width": 1280, "height": 720}).new_page()
    open_page(presenter, server, "", present=1, presenter=1, slide=2)
    assert_no_errors(presenter)
    query = parse_qs(urlparse(presenter.url).query)
    talk, key = query["talk"][0], query["key"][0]
    n = len(talks.talk_of(load_pack(ROOT / "data").dataset).slides)
    codes = [c.strip() for c in presenter.locator('[data-testid="stMain"] code').all_inner_texts()]
    audience = next(c for c in codes if c.endswith(f"/talk/{talk}"))
    assert key not in audience and audience.startswith(server.url)

    phones = []
    for theme in ("light", "dark"):
        phone = make_context(color_scheme=theme, **PHONE).new_page()
        phone.goto(audience)
        wait_for_audience_counter(phone, f"2 / {n}")
        _wait_chart(phone)
        phones.append(phone)
    intruder = make_context(**PHONE).new_page()
    intruder.goto(audience + "?presenter=1")
    wait_for_audience_counter(intruder, f"2 / {n}")
    assert "cannot move the talk" in intruder.locator(".note").inner_text()
    assert intruder.locator("button, a[href], input").count() == 0  # nothing to drive with
    for k in ("ArrowRight", "ArrowRight", "End"):
        intruder.keyboard.press(k)
    intruder.mouse.click(300, 400)

    for label, theme, phone in (("light", "light", phones[0]), ("dark", "dark", phones[1])):
        _check_layout(phone, f"phone {label}")
        phone.screenshot(path=str(screenshot_dir / f"room-phone-portrait-{theme}.png"))
    for phone in phones:
        assert phone.title().endswith(f"(2 / {n})")

    # The presenter steps on: every phone (the intruder's too) shows the new slide, title and chart.
    for target in (3, 4):
        with rerun(presenter):
            presenter.keyboard.press("ArrowRight")
        title = presenter.locator('[data-testid="stMain"] h3').first.inner_text().strip()
        for phone in (*phones, intruder):
            wait_for_audience_counter(phone, f"{target} / {n}")
            assert phone.locator("h1").inner_text().strip() == title
        _wait_chart(phones[0])
    assert f"Slide 4 of {n}" in phones[0].locator("#live").inner_text()

    # Landscape: the chart redrawn in its wide layout, the counter still on screen.
    phones[0].set_viewport_size({"width": 844, "height": 390})
    phones[0].wait_for_timeout(600)
    _wait_chart(phones[0])
    m = _check_layout(phones[0], "phone landscape")
    assert m["chart"]["width"] >= 600, m
    phones[0].screenshot(path=str(screenshot_dir / "room-phone-landscape-light.png"))

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run bash tests/run.sh", pytrace=False)
    for phone in phones:
        phone.add_script_tag(path=str(AXE))
        assert phone.evaluate(_AXE_JS) == []

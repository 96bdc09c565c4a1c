"""A slide's layout as the room sees it, measured in the page: shared by the presentation tests and the
render audit's walk through the talk.

The chart covers at least 70% of the slide under its title, its smallest text is at least 24 px at 1920
wide (16 px at 1280) and at 7:1 on the white slide, the source line is on the slide, and no control or
note shows.
"""

from __future__ import annotations

import re

COUNTER = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$", re.MULTILINE)
SIZES = {"1920": {"width": 1920, "height": 1080}, "1280": {"width": 1280, "height": 720}}
# Anything a reader could click or read that is not the slide itself.
CONTROLS = "button, a, [data-testid='stExpander'], .st-key-presenter-note"

MEASURE_JS = """
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


def slide_counter(page) -> tuple[int, int]:
    found = COUNTER.search(page.locator('[data-testid="stMain"]').inner_text())
    assert found, "no 'n / N' slide counter on the page"
    return int(found.group(1)), int(found.group(2))


def slide_title(page) -> str:
    return page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def visible_controls(page) -> list[str]:
    """Controls drawn on screen (a skip link kept off screen until focused does not count)."""
    return page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel)).filter((el) => {
             const r = el.getBoundingClientRect(), s = getComputedStyle(el);
             return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth
               && r.top < innerHeight && s.visibility !== 'hidden' && s.display !== 'none';
           }).map((el) => el.innerText.slice(0, 40))""",
        CONTROLS,
    )


def luminance(rgb: str) -> float:
    parts = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def wait_for_slide_chart(page) -> None:
    chart = page.locator('.st-key-slide-body [data-testid="stPlotlyChart"] .main-svg')
    if chart.count():
        chart.first.wait_for(state="visible")
        page.wait_for_timeout(300)  # plotly's resize to the container after the first draw


def check_slide_layout(page, n: int, size: str, theme: str) -> bool:
    """Measure the slide on screen at this size and theme; True when it has a chart."""
    page.set_viewport_size(SIZES[size])
    page.emulate_media(color_scheme=theme)
    wait_for_slide_chart(page)
    m = page.evaluate(MEASURE_JS)
    width, height = m["viewport"]
    where = f"slide {n} at {size} {theme}"
    assert contrast(m["background"], "rgb(0, 0, 0)") >= 20, f"{where}: slide background {m['background']}"
    assert m["titlePx"] >= 0.028 * width, f"{where}: title {m['titlePx']} px"
    assert m["foot"] and m["foot"]["bottom"] <= height + 1, f"{where}: the source line is off the slide: {m}"
    assert visible_controls(page) == [], f"{where}: showing {visible_controls(page)}"
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
    on_white = [f for f in m["fills"] if luminance(f) < 0.5]
    faint = {f for f in on_white if contrast(f, "rgb(255, 255, 255)") < 7}
    assert not faint, f"{where}: chart text under 7:1 on white: {faint}"
    return True

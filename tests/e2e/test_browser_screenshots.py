"""Full-page screenshots of every page in the light and the dark theme, at 1600x900.

The theme follows the browser's colour scheme (Streamlit's default "use system setting"), so each
context emulates prefers-color-scheme. The PNGs go to a folder under the run's temporary
directory, printed at the end of the run, for a person to look at.
"""

from __future__ import annotations

import pytest
from e2e_harness import CHART, PAGES, ROOT, VIEWPORT, assert_no_errors, open_page

LANDED = [path for path, file in PAGES.items() if (ROOT / file).exists()]
MAX_HEIGHT = 12_000

# Streamlit scrolls inside its own containers, so the page's own scroll height is not enough.
_CONTENT_HEIGHT_JS = """
() => {
  let h = document.documentElement.scrollHeight;
  for (const el of document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"]')) {
    h = Math.max(h, el.scrollHeight);
  }
  return h;
}
"""

_BACKGROUND_JS = """
() => {
  const m = getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255;
}
"""


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", LANDED, ids=[p or "overview" for p in LANDED])
def test_screenshot(make_context, server, screenshot_dir, path, theme):
    page = make_context(color_scheme=theme).new_page()
    open_page(page, server, path)
    assert_no_errors(page)
    luminance = page.evaluate(_BACKGROUND_JS)
    if theme == "dark":
        assert luminance < 0.3, f"dark theme asked for, background luminance {luminance:.2f}"
    else:
        assert luminance > 0.7, f"light theme asked for, background luminance {luminance:.2f}"
    # Grow the viewport to the content so the full page is in the picture, then let plotly redraw.
    height = min(max(page.evaluate(_CONTENT_HEIGHT_JS), VIEWPORT["height"]), MAX_HEIGHT)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    charts = page.locator(CHART)
    for i in range(charts.count()):
        if charts.nth(i).is_visible():
            charts.nth(i).locator(".main-svg").first.wait_for(state="visible")
    name = f"{path or 'overview'}-{theme}.png"
    target = screenshot_dir / name
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    assert target.stat().st_size > 10_000, f"{name} is suspiciously small"

"""Full-page screenshots at 1600 px wide, for a person to look at (used by the page tests)."""

from __future__ import annotations

from pathlib import Path

from e2e_harness import CHART, VIEWPORT

MAX_HEIGHT = 12_000

# Streamlit scrolls inside its own containers, so the document's scroll height is not enough.
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


def background_luminance(page) -> float:
    return page.evaluate(_BACKGROUND_JS)


def full_page_screenshot(page, target: Path) -> Path:
    """Grow the viewport to the content, let the charts redraw, save the whole page as PNG."""
    height = min(max(page.evaluate(_CONTENT_HEIGHT_JS), VIEWPORT["height"]), MAX_HEIGHT)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    charts = page.locator(CHART)
    for i in range(charts.count()):
        if charts.nth(i).is_visible():
            charts.nth(i).locator(".main-svg").first.wait_for(state="visible")
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    page.set_viewport_size(VIEWPORT)
    assert target.stat().st_size > 10_000, f"{target.name} is suspiciously small"
    return target

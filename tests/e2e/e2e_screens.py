"""What a page measures as a whole: the height of its content (Streamlit scrolls inside its own main area)
and the luminance of its background (which theme is drawn)."""

from __future__ import annotations

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

"""Charts that follow the reader's theme when it changes while the page is open.

The charts' text colours are chosen on the server for the theme Streamlit reports (``screen.theme_type``).
Streamlit does not run the page again when the theme changes (the reader's system switching to dark at
dusk, or the Settings menu): the page turned dark while the charts kept dark text on it. A small script
watches the colour the app's background is painted in and, when its kind differs from the one the page
was drawn for, asks for one more run, which draws the charts for the new theme. It asks once per change,
so a theme the server cannot see never makes it loop.
"""

from __future__ import annotations

import streamlit as st

from dashboard.app.screen import theme_type

KEY = "theme-watch"

WATCH_JS = """
export default function ({ data, setTriggerValue }) {
  const doc = document;
  const app = doc.querySelector('[data-testid="stApp"]');
  if (!app) return;
  const painted = () => {
    const m = getComputedStyle(app).backgroundColor.match(/[\\d.]+/g);
    if (!m) return null;
    const [r, g, b] = m.slice(0, 3).map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
  };
  const check = () => {
    const now = painted();
    if (!now || now === data.drawn || window.__themeAsked === now) return;
    window.__themeAsked = now;
    setTriggerValue("changed", now);
  };
  if (window.__themeAsked === data.drawn) window.__themeAsked = null;  // drawn for it: a later change counts
  const seen = new MutationObserver(check);
  seen.observe(app, { attributes: true, attributeFilter: ["class", "style"] });
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const later = () => setTimeout(check, 100);
  media.addEventListener("change", later);
  check();
  return () => { seen.disconnect(); media.removeEventListener("change", later); };
}
"""

_watch = st.components.v2.component("dashboard.theme_watch", js=WATCH_JS)


def install() -> None:
    """Watch the painted theme on this page (an element the stylesheet hides; its script runs once mounted)."""
    _watch(key=KEY, data={"drawn": theme_type()}, on_changed_change=lambda: None)

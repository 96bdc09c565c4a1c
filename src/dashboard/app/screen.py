"""The reader's screen: the address it shows, phone or not, light or dark, and a chart as drawn on it."""

from __future__ import annotations

import streamlit as st

from dashboard.views import catalogue, links, style


def on_phone() -> bool:
    """True when the browser says it is a phone ("Mobile" in its user agent): charts get their compact layout.

    Python cannot know the window's width; a narrow desktop window keeps the full layout, and the
    charts' automatic margins and the stylesheet keep it readable there."""
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:
        return False
    return "Mobile" in agent or "Android" in agent


def theme_type() -> str:
    """ "light" or "dark": the theme the reader's browser shows (light when it is not known)."""
    try:
        kind = st.context.theme.type
    except Exception:
        kind = None
    return kind if kind in style.TEXT_ON else "light"


def screen_kind() -> tuple[str, bool]:
    """What a chart's look depends on for this reader: (light or dark, phone or not)."""
    return theme_type(), on_phone()


def base_url() -> str | None:
    """The address the app is served at, for links in images, citations and the talk (None when unknown)."""
    try:
        base = st.context.url
    except Exception:
        base = None
    return links.app_base(base, [catalogue.page_path(p) for p in catalogue.PAGES])

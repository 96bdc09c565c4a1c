"""The reader's screen: the address it shows, phone or not, light or dark, and a chart as drawn on it."""

from __future__ import annotations

import os

import plotly.graph_objects as go
import streamlit as st

from dashboard.views import catalogue, style
from dashboard.views import links as share


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


def for_screen(fig: go.Figure) -> go.Figure:
    """``fig`` as drawn on this reader's screen (a copy; ``fig`` may be shared): text in the theme's own
    text colour, and the compact variant on a phone. Re-colouring goes through plotly's checked object
    model (seconds for a chart of a thousand labels), so callers keep the result per ``screen_kind()``."""
    fig = style.theme_text(fig, style.TEXT_ON[theme_type()])
    if fig.layout.title.text:  # the takeaway heading above says it; the title (kept in exports) was cut at the right
        fig.update_layout(title={"text": ""}, margin={"t": 24})
    return style.compact(fig) if on_phone() else fig


def base_url() -> str | None:
    """The address the app is served at, for links in images, citations and the talk: $DASHBOARD_BASE_URL
    when the deployment sets it (its public address behind a proxy), else the browser's; None when unknown.

    Call it while the page runs (a file made later, when its button is pressed, has no page to ask)."""
    configured = os.environ.get("DASHBOARD_BASE_URL", "").strip()
    if configured.startswith(("http://", "https://")):
        return configured.rstrip("/")
    try:
        base = st.context.url
    except Exception:
        base = None
    return share.app_base(base, [catalogue.page_path(p) for p in catalogue.PAGES])

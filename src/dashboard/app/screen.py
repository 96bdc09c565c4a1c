"""The reader's screen: the address it shows, phone or not, light or dark, and a chart as drawn on it
(``draw_figure``: the page's chart block and the embed draw an entry through it)."""

from __future__ import annotations

import os

import streamlit as st

from dashboard.app import css
from dashboard.views import catalogue, links, style
from dashboard.views.entry import Entry
from dashboard.views.variants import EXPORT_HEIGHT, EXPORT_WIDTH


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
    return links.app_base(base, [catalogue.page_path(p) for p in catalogue.PAGES])


def plotly_config(key: str) -> dict:
    """No plotly mode bar: its ten buttons were invisible tab stops on every chart. The PNG, SVG and
    CSV downloads are under the chart (``chart_downloads``)."""
    return {
        "displaylogo": False,
        "displayModeBar": False,
        "responsive": True,
        "toImageButtonOptions": {
            "format": "png",
            "scale": 2,
            "filename": key,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
        },
    }


def draw_figure(item: Entry, key: str, *, column: bool = False) -> None:
    """The entry's figure as this reader's screen draws it (theme text colour, the phone layout on a phone).
    A matrix on a phone gets its own width, in a box that scrolls sideways (focusable), never the page.

    ``column``: the figure goes into a host page's column (an embed, about 640 px wide whatever the
    screen): the phone layout everywhere, which reads in a column as on a phone."""
    theme, phone = screen_kind()
    shown = item.screen_figure(theme, phone or column)
    meta = shown.layout.meta
    min_width = meta.get("min_width") if isinstance(meta, dict) else None
    if min_width:
        st.html(css.scroll_box(key, min_width))
        st.caption(
            ":material/swipe: Wider than your screen: scroll the chart sideways, or open its Table tab for every cell."
        )
    st.plotly_chart(shown, key=key, config=plotly_config(item.view), alt=item.alt, width="stretch")

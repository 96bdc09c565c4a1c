"""The page's fixed stylesheet (no pack text in it), added once per run by app.py.

- Headline figures and their labels wrap onto a second line in a narrow column instead of being cut
  ("≈$8.9 billion (e…" on a laptop screen).
- Captions ("Source: …", text alternatives): Streamlit draws them in the text colour at 60 % alpha,
  3.9:1 on white; here they use the text colour at 80 % opacity, above 4.5:1 on the light and dark
  backgrounds and in the sidebar.
- Keyboard focus: a thick outline in the accent colour on every focused control, and on the
  sidebar's page links an underline as well, so the focused link never looks like the current page
  (which Streamlit marks with a background).
- Charts never push the page sideways: a chart wider than its column scrolls inside its own box.
- On a phone, page titles and chart takeaways are set smaller, so a heading is not a screenful.
- Quotations (a blockquote) are at 80 % opacity, like captions: Streamlit's 60 % was 3.7:1 on white.
- A chosen option's tag (multiselect) is white on the light theme's blue in both themes: on the dark
  theme's accent, a sky blue, Streamlit's white tag text was 2.3:1. Its text field is at least 24 px tall,
  a target a finger can take on a phone, and a table right under a choice keeps its distance: the table's
  toolbar floats above it and covered the lower half of the field.
- On a touch screen (no hover) Streamlit shows a table's or chart's toolbar all the time, 44 px above the
  element, where it covered the heading or caption before it: there such an element keeps that room.
"""

from __future__ import annotations

import re

from dashboard.views.style import BLUE

PAGE_CSS = """
<style>
[data-testid="stMetric"] .stMarkdownEllipsis,
[data-testid="stMetric"] .stMarkdownEllipsis p { white-space: normal; text-overflow: clip; overflow: visible; }
[data-testid="stCaptionContainer"] { color: inherit; opacity: 0.8; }
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, summary:focus-visible,
input:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid currentColor !important; outline-offset: 2px !important;
}
[data-testid="stSidebarNavLink"]:focus-visible {
  outline: 3px solid currentColor !important; outline-offset: -3px !important;
  text-decoration: underline !important; text-underline-offset: 3px;
}
[data-testid="stPlotlyChart"] { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
[data-testid="stMain"] { overflow-x: hidden; }
[data-testid="stMarkdownContainer"] blockquote { opacity: 0.8 !important; }
[data-testid="stMultiSelectTagsContainer"] [data-tag] { background-color: TAG_BACKGROUND !important; }
[data-testid="stMultiSelectTagsContainer"] [data-tag], [data-testid="stMultiSelectTagsContainer"] [data-tag] * {
  color: #FFFFFF !important;
}
[data-testid="stMultiSelect"] input { min-height: 24px; }
.st-key-theme-watch, .st-key-near-watch, .st-key-talk-follow, .st-key-poll-answers-watch { display: none; }
/* A part drawn when the reader comes near it (app.deferred) keeps about a chart's height meanwhile. */
[class*="st-key-"][class*="-deferred"] { min-height: 420px; }
.stElementContainer:has([data-testid="stMultiSelect"], [data-testid="stSelectbox"], [data-testid="stTextInput"])
  + .stElementContainer:has([data-testid="stDataFrame"]) { margin-top: 24px; }
@media (hover: none) {
  .stElementContainer:has([data-testid="stElementToolbar"]) { margin-top: 32px !important; }
  /* the first of its block (in an expander, say) has no gap above it to add to */
  .stElementContainer:first-child:has([data-testid="stElementToolbar"]) { margin-top: 48px !important; }
}
@media (max-width: 640px) {
  [data-testid="stMain"] h1 { font-size: 2rem; }
  [data-testid="stMain"] h2 { font-size: 1.4rem; }
}
</style>
""".replace("TAG_BACKGROUND", BLUE)


def scroll_box(element_key: str, min_width: int) -> str:
    """A stylesheet giving the keyed element (a chart) ``min_width`` px, scrolled sideways inside its tab panel
    (which takes keyboard focus), never the page. Only a code-defined key and a number go in; any other key
    gives no stylesheet."""
    if not re.fullmatch(r"[A-Za-z0-9_-]+", element_key):
        return ""
    width = max(0, int(min_width))
    return (
        f'<style>[role="tabpanel"]:has(.st-key-{element_key}) {{ overflow-x: auto; }} '
        f".st-key-{element_key} {{ min-width: {width}px !important; }}</style>"
    )

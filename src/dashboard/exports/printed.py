"""What the printed outputs share (pure, no streamlit): the offline report, the PDF brief and the handout.

- ``CSS``: light and dark by the reader's system setting; printing puts one chart on each page.
- ``plotly_script()``: plotly.js inline, once per file (no other host is ever reached).
- ``chart_section(ds, item)``: a captioned entry as a section: takeaway, figure, text alternative,
  sources, table and references.
- ``figure_html``, ``table_html``, ``reference_items``: its pieces. ``esc``: HTML escaping of pack text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import safe_url
from dashboard.views.entry import Entry
from dashboard.views.frames.sources import sources_frame
from dashboard.views.variants import EXPORT_HEIGHT, EXPORT_WIDTH, PRINT_HEIGHT, print_figure

WIDE_TABLE_COLUMNS = 9  # printed smaller, so every column fits the page

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "showTips": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "width": EXPORT_WIDTH, "height": EXPORT_HEIGHT},
}


def esc(text: object) -> str:
    """HTML-escaped text (quotes too), for element content and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


# --------------------------------------------------------------------------
# Styles: light and dark by system setting; print one chart per page
# --------------------------------------------------------------------------

CSS = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2330; --muted: #555b6a; --border: #d5d8de; --panel: #f4f5f7;
  --link: #0b57d0; --accent: #0072B2;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0e1117; --fg: #e8eaf0; --muted: #b0b5c3; --border: #3a3f4b; --panel: #1a1d24;
          --link: #8ab4f8; --accent: #56B4E9; }
}
* { box-sizing: border-box; }
html { font-size: 17px; }
body { margin: 0; background: var(--bg); color: var(--fg);
       font-family: "Source Sans Pro", "Source Sans 3", system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       line-height: 1.5; }
main, header.report, nav.toc, footer.report { max-width: 1100px; margin: 0 auto; padding: 0 1.25rem; }
header.report { padding-top: 2rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.6rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 2px solid var(--border); }
h3 { font-size: 1.25rem; margin: 0 0 .75rem; line-height: 1.3; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.muted, .caption { color: var(--muted); }
.caption { font-size: .95rem; margin: .35rem 0; }
.meta { color: var(--muted); margin: .25rem 0; }
nav.toc ol { padding-left: 1.4rem; margin: .2rem 0; }
nav.toc li { margin: .15rem 0; }
nav.toc > ol > li { font-weight: 600; }
nav.toc > ol > li > ol { font-weight: 400; }
section.chart { margin: 1.5rem 0 2.5rem; padding: 1.25rem; border: 1px solid var(--border); border-radius: 10px; }
.figure { background: #ffffff; border-radius: 8px; padding: .25rem; }
.figure .plotly-graph-div { width: 100%; }
.alt { font-size: .98rem; margin: .6rem 0 .25rem; }
.takeaway { font-size: 1.05rem; margin: 0 0 .5rem; }
.note { background: var(--panel); padding: .5rem .75rem; border-radius: 6px; }
.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid var(--border);
         overflow-wrap: break-word; hyphens: auto; }
th { background: var(--panel); }
ul.refs { padding-left: 1.25rem; margin: .25rem 0; }
ul.refs li { margin: .2rem 0; }
.stars { letter-spacing: .05em; white-space: nowrap; }
pre { background: var(--panel); padding: .75rem; border-radius: 6px; overflow: auto; font-size: .85rem; white-space: pre-wrap; }
footer.report { padding: 2rem 1.25rem 3rem; color: var(--muted); }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --border: #bbbbbb; --panel: #eeeeee; --link: #000000; }
  html { font-size: 12pt; }
  body { background: #ffffff; color: #000000; }
  nav.toc, .modebar, .modebar-container, .no-print { display: none !important; }
  section.chart { break-before: page; page-break-before: always; break-inside: avoid; border: none; padding: 0; margin: 0; }
  h2 { break-after: avoid; border-top: none; }
  .table-wrap { overflow: visible; border: none; }
  table { font-size: .8rem; }
  th, td { padding: .2rem .35rem; }
  tr { break-inside: avoid; }
  .wide table { font-size: .62rem; }
  .wide th, .wide td { padding: .15rem .2rem; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; }
  section.sources, section.citation { break-before: page; }
}
"""


# --------------------------------------------------------------------------
# Pieces
# --------------------------------------------------------------------------


def figure_html(fig: go.Figure, div_id: str, alt: str, *, max_height: int | None = None) -> str:
    """A figure on the printed page (``variants.print_figure``), with its text alternative as its label."""
    fig = print_figure(fig, max_height=max_height)
    body = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config=PLOTLY_CONFIG,
        div_id=div_id,
        default_width="100%",
        default_height=f"{int(fig.layout.height or PRINT_HEIGHT)}px",
        validate=False,
    )
    return f'<div class="figure" role="img" aria-label="{esc(alt)}">{body}</div>'


def table_html(table: pd.DataFrame) -> str:
    from dashboard.exports.csvfmt import format_frame

    shown = format_frame(table)  # 70 not 70.0, yes/no, missing as empty: as in the CSVs
    shown.columns = [str(c) for c in shown.columns]
    out = shown.to_html(index=False, escape=True, na_rep="", border=0, justify="left")
    wide = " wide" if len(shown.columns) > WIDE_TABLE_COLUMNS else ""
    return f'<div class="table-wrap{wide}" tabindex="0">{out}</div>'


def reference_items(ds: Dataset, ref_ids: Iterable[str]) -> str:
    frame = sources_frame(ds, ref_ids)
    if frame.empty:
        return '<p class="caption">No references are attached to this chart.</p>'
    items = []
    for _, r in frame.iterrows():
        year = "n.d." if pd.isna(r["year"]) else str(int(r["year"]))
        text = f"{esc(r['title'])} ({esc(year)})"
        link = safe_url(r["link"]) if isinstance(r["link"], str) else None
        if link:
            text = f'<a href="{esc(link)}" rel="noopener noreferrer">{text}</a>'
        stars = esc(r["credibility"])
        publisher = f", {esc(r['publisher'])}" if r["publisher"] else ""
        items.append(f'<li>{text}{publisher} <span class="stars" title="credibility (1-5 stars)">{stars}</span></li>')
    return '<ul class="refs">' + "".join(items) + "</ul>"


def chart_section(
    ds: Dataset,
    item: Entry,
    *,
    anchor: str | None = None,
    heading: str | None = None,
    note: str | None = None,
    max_height: int | None = None,
    with_notes: bool = False,
) -> str:
    """A captioned entry on the printed page; ``heading`` goes above its takeaway (a slide's title), ``note``
    under its figure (a speaker's note); ``with_notes`` adds the callout and notes the page shows under it."""
    anchor = esc(anchor or item.name)
    lead = (
        [f'<h3 id="{anchor}-title">{esc(heading)}</h3>', f'<p class="takeaway">{esc(item.takeaway)}</p>']
        if heading
        else [f'<h3 id="{anchor}-title">{esc(item.takeaway)}</h3>']
    )
    spoken = [f'<p class="note"><strong>Speaker note:</strong> {esc(note)}</p>'] if note else []
    chart = item
    return "\n".join(
        [
            f'<section class="chart" id="{anchor}" aria-labelledby="{anchor}-title">',
            *lead,
            figure_html(chart.fig, f"fig-{anchor}", chart.alt, max_height=max_height),
            *spoken,
            f'<p class="alt"><strong>Text alternative:</strong> {esc(chart.alt)}</p>',
            f'<p class="caption">{esc(item.sources)}</p>',
            *(_notes(item) if with_notes else []),
            "<h4>Table</h4>",
            table_html(chart.table),
            "<h4>References</h4>",
            reference_items(ds, chart.references),
            "</section>",
        ]
    )


def _notes(item: Entry) -> list[str]:
    """The callout (e.g. where a summary differs from the published index) and the notes under a chart."""
    out = [f'<p class="note">{esc(item.callout[1])}</p>'] if item.callout is not None else []
    return out + [f'<p class="caption">{esc(n)}</p>' for n in item.notes]


def plotly_script() -> str:
    js = get_plotlyjs()
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)  # never end the element early
    return "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n<script>" + js + "</script>"


def document(title: str, css: str, body: str) -> str:
    """A whole printed page: ``title``, the shared style sheet and ``css``, plotly.js, then ``body``."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{CSS}{css}</style>{plotly_script()}</head>"
        f"<body>{body}</body></html>"
    )

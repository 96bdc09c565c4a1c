"""The offline report: one self-contained HTML file with every block of the dashboard (pure, no streamlit).

``python -m dashboard export --format html --out report.html`` calls ``write_report``.

The file embeds plotly.js once and reaches no other host: no external scripts,
stylesheets, images, fonts or CSS ``url()``; MathJax is off; the plotly config
has no cloud link. Each chart comes with its takeaway, its one-sentence text
alternative, its table and its references (title, year, credibility stars, a
link only when it is http/https). The pages' other blocks (headline figures, assessment and
outlook tables, lists) come from ``report_sections``, in the page's order. A sources section lists every reference of
the pack; the pack's citation and licence close the report. Light and dark
follow the reader's system setting; printing puts one chart on each page
without the interactive toolbar. All pack text is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from dashboard.analysis.trust import reference_caption
from dashboard.exports.citation import dashboard_bibtex, pack_year
from dashboard.exports.report_sections import BLOCK_CSS, in_page_order, page_sections
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import safe_url
from dashboard.views.catalogue import PAGE_TITLES, PAGES, ChartView, all_views, build_view
from dashboard.views.frames.sources import sources_frame
from dashboard.views.talk import slide_params

FIGURE_HEIGHT = 520
WIDE_TABLE_COLUMNS = 9  # printed smaller, so every column fits the page
FIGURE_BACKGROUND = "#FFFFFF"
FIGURE_TEXT = "#262730"

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "showTips": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "width": 1600, "height": 900},
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


def _plain(text: object) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", str(text or "")).split())


def _figure_html(fig: go.Figure, div_id: str, alt: str, *, heading: str = "") -> str:
    fig = go.Figure(fig)
    if heading and _plain(fig.layout.title.text) == _plain(heading):
        fig.update_layout(title_text="", margin_t=min(fig.layout.margin.t or 48, 48))  # the h3 above says it
    fig.update_layout(
        paper_bgcolor=FIGURE_BACKGROUND,
        plot_bgcolor=FIGURE_BACKGROUND,
        font_color=FIGURE_TEXT,
        height=fig.layout.height or FIGURE_HEIGHT,
        width=None,
    )
    body = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config=PLOTLY_CONFIG,
        div_id=div_id,
        default_width="100%",
        default_height=f"{int(fig.layout.height or FIGURE_HEIGHT)}px",
        validate=False,
    )
    return f'<div class="figure" role="img" aria-label="{esc(alt)}">{body}</div>'


def _table_html(table: pd.DataFrame) -> str:
    from dashboard.exports.csvfmt import format_frame

    shown = format_frame(table)  # 70 not 70.0, yes/no, missing as empty: as in the CSVs
    shown.columns = [str(c) for c in shown.columns]
    out = shown.to_html(index=False, escape=True, na_rep="", border=0, justify="left")
    wide = " wide" if len(shown.columns) > WIDE_TABLE_COLUMNS else ""
    return f'<div class="table-wrap{wide}" tabindex="0">{out}</div>'


def _reference_items(ds: Dataset, ref_ids: Iterable[str]) -> str:
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


def _chart_section(
    ds: Dataset, view: ChartView, *, anchor: str | None = None, heading: str | None = None, note: str | None = None
) -> str:
    anchor = esc(anchor or view.name)
    lead = (
        [f'<h3 id="{anchor}-title">{esc(heading)}</h3>', f'<p class="takeaway">{esc(view.takeaway)}</p>']
        if heading
        else [f'<h3 id="{anchor}-title">{esc(view.takeaway)}</h3>']
    )
    spoken = [f'<p class="note"><strong>Speaker note:</strong> {esc(note)}</p>'] if note else []
    return "\n".join(
        [
            f'<section class="chart" id="{anchor}" aria-labelledby="{anchor}-title">',
            *lead,
            _figure_html(view.fig, f"fig-{anchor}", view.alt, heading=view.takeaway),
            *spoken,
            f'<p class="alt"><strong>Text alternative:</strong> {esc(view.alt)}</p>',
            f'<p class="caption">{esc(reference_caption(ds, view.references))}</p>',
            "<h4>Table</h4>",
            _table_html(view.table),
            "<h4>References</h4>",
            _reference_items(ds, view.references),
            "</section>",
        ]
    )


def _sources_section(ds: Dataset) -> str:
    rows = []
    for ref in sorted(ds.references, key=lambda r: (r.title.lower(), r.id)):
        link = safe_url(ref.url)
        title = esc(ref.title)
        if link:
            title = f'<a href="{esc(link)}" rel="noopener noreferrer">{title}</a>'
        rows.append(
            "<tr>"
            f"<td>{title}</td>"
            f"<td>{esc(', '.join(ref.authors))}</td>"
            f"<td>{esc(ref.year if ref.year is not None else 'n.d.')}</td>"
            f"<td>{esc(vocab.REFERENCE_KIND_LABELS.get(ref.kind, ref.kind))}</td>"
            f"<td>{esc(ref.publisher or '')}</td>"
            f'<td class="stars">{esc(vocab.stars(ref.credibility))}</td>'
            "</tr>"
        )
    texts = []
    for s in ds.meta.sources:
        ref = ds.reference_by_id.get(s.reference)  # type: ignore[assignment]
        updated = f" Last edited {s.updated.isoformat()}." if s.updated else ""
        title = esc(s.title)
        link = safe_url(ref.url) if ref else None
        if link:
            title = f'<a href="{esc(link)}" rel="noopener noreferrer">{title}</a>'
        texts.append(f"<li>{title}: {esc(s.holds)}{esc(updated)}</li>")
    return "\n".join(
        [
            '<section class="sources" id="sources">',
            "<h2>Sources</h2>",
            "<p>The texts this data was curated from:</p>",
            "<ul>" + "".join(texts) + "</ul>",
            f"<p>Every reference of the pack ({len(ds.references)}), with the credibility the source texts give it "
            "(1-5 stars; unrated means the text gives none):</p>",
            '<div class="table-wrap" tabindex="0"><table><thead><tr><th>Reference</th><th>Authors</th><th>Year</th>'
            "<th>Kind</th><th>Publisher</th><th>Credibility</th></tr></thead><tbody>",
            "".join(rows),
            "</tbody></table></div>",
            "</section>",
        ]
    )


def _citation_section(ds: Dataset) -> str:
    meta = ds.meta
    return "\n".join(
        [
            '<section class="citation" id="citation">',
            "<h2>Citation and licence</h2>",
            f"<p><strong>Cite as:</strong> {esc(meta.citation)}</p>",
            f"<p><strong>Licence:</strong> {esc(meta.licence)}</p>",
            "<p>BibTeX:</p>",
            f"<pre>{esc(dashboard_bibtex(ds))}</pre>",
            "</section>",
        ]
    )


def _talk_section(ds: Dataset) -> tuple[str, list[str]]:
    """The talk as handout pages: each slide's chart with its title and speaker note."""
    talk = ds.talk
    if talk is None:
        return "", []
    parts = [
        f'<h2 id="talk">Talk: {esc(talk.title)}</h2>',
        "<p>The slides of presentation mode, in order, with the speaker's notes.</p>",
    ]
    toc = []
    for i, slide in enumerate(talk.slides, start=1):
        view = build_view(ds, slide.page, slide.view, slide_params(slide))
        anchor = f"slide-{i}"
        heading = f"{i} / {len(talk.slides)}. {slide.title}"
        toc.append(f'<li><a href="#{anchor}">{esc(slide.title)}</a></li>')
        if view is None:
            parts.append(
                f'<section class="chart" id="{anchor}"><h3>{esc(heading)}</h3>'
                f'<p class="note"><strong>Speaker note:</strong> {esc(slide.note)}</p></section>'
            )
        else:
            parts.append(_chart_section(ds, view, anchor=anchor, heading=heading, note=slide.note))
    return "\n".join(parts), toc


def _plotly_script() -> str:
    js = get_plotlyjs()
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)  # never end the element early
    return "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n<script>" + js + "</script>"


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------


def report_html(
    ds: Dataset,
    *,
    views: list[ChartView] | None = None,
    generated: dt.date | None = None,
    include_talk: bool = True,
) -> str:
    """The whole report as one HTML string: every chart and block by page, the talk as handout pages, sources, citation."""
    views = all_views(ds) if views is None else views
    generated = generated or dt.date.today()
    meta = ds.meta
    by_page: dict[str, list[ChartView]] = {}
    for v in views:
        by_page.setdefault(v.page, []).append(v)

    toc = []
    body = []
    for page in PAGES:
        parts = [(v.name, v.takeaway, _chart_section(ds, v)) for v in by_page.get(page, [])]
        parts += [(s.anchor, s.title, s.html()) for s in page_sections(ds, page, today=generated)]
        if not parts:
            continue
        title = PAGE_TITLES[page]
        body.append(f'<h2 id="page-{esc(page)}">{esc(title)}</h2>')
        toc.append(f'<li><a href="#page-{esc(page)}">{esc(title)}</a><ol>')
        for anchor, heading, section in in_page_order(page, parts):
            body.append(section)
            toc.append(f'<li><a href="#{esc(anchor)}">{esc(heading)}</a></li>')
        toc.append("</ol></li>")
    talk_html, talk_toc = _talk_section(ds) if include_talk else ("", [])
    if talk_html:
        body.append(talk_html)
        toc.append(f'<li><a href="#talk">Talk: {esc(ds.talk.title)}</a><ol>{"".join(talk_toc)}</ol></li>')  # type: ignore[union-attr]
    toc += ['<li><a href="#sources">Sources</a></li>', '<li><a href="#citation">Citation and licence</a></li>']

    reviewed = [f.last_reviewed for f in meta.files.values()]
    review_text = f" Data last reviewed {max(reviewed).isoformat()}." if reviewed else ""
    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="dashboard report">
<title>{esc(meta.title)}: offline report</title>
<style>{CSS}{BLOCK_CSS}</style>
{_plotly_script()}
</head>
<body>
<header class="report">
<h1>{esc(meta.title)}</h1>
<p class="meta">Version {esc(meta.version)} ({esc(pack_year(ds))}). Report made {esc(generated.isoformat())}.{esc(review_text)}
This file works offline: it contains everything it shows.</p>
<p>{esc(meta.description)}</p>
</header>
<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>{"".join(toc)}</ol></nav>
<main>
"""
    tail = f"""
</main>
<footer class="report"><p>{esc(meta.title)}, version {esc(meta.version)}. {esc(meta.licence)}</p></footer>
</body>
</html>
"""
    if not views:
        body.insert(0, '<p class="muted">This pack has no charts to show.</p>')
    return head + "\n".join(body) + "\n" + _sources_section(ds) + "\n" + _citation_section(ds) + tail


def write_report(ds: Dataset, path: Path | str) -> Path:
    """Write the offline report to ``path``."""
    path = Path(path)
    path.write_text(report_html(ds), encoding="utf-8")
    return path

"""The PDF brief: a few printed pages made from the offline report's print stylesheet (pure, no streamlit).

``brief_html(ds)`` holds the headline figures with their sources, the key charts (each with its
table and sources), the grade matrix, the crux summary and the reference list. ``brief_pdf(ds)``
prints it with the system's headless Chromium (``--print-to-pdf``) once plotly has drawn; without
Chromium it raises ``PdfUnavailable`` with a sentence saying so.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard.exports.citation import licence_name
from dashboard.exports.images import chromium_path, last_reviewed
from dashboard.exports.report import CSS, _chart_section, _plotly_script, _reference_items, _table_html, esc
from dashboard.pack.dataset import Dataset

# The charts of the brief, in order (catalogue page and view, drawn as their pages draw them by default);
# the grades are the published edition the Labs page opens on, not the wiki page's summary of it.
KEY_CHARTS = (
    ("effectiveness", "effectiveness"),
    ("effectiveness", "oversight"),
    ("risks", "coverage"),
    ("labs", "edition"),
)
# Chromium lays the page out at this window size when it loads it (plotly draws its figures then), before
# it prints: the printable width of an A4 landscape page at 96 px an inch, so charts are drawn at the
# width they are printed at (at Chromium's default 800 px, labels took the oversight chart's plot).
PRINT_WINDOW = (1032, 730)
PRINT_TIMEOUT_S = 120
MAX_FIGURE_HEIGHT = 500  # px: a landscape A4 page holds the figure and its heading
# Time the page gets to run plotly before it is printed (Chromium's virtual time: not wall time).
DRAW_BUDGET_MS = 20_000

BRIEF_CSS = """
@page { size: A4 landscape; margin: 12mm 12mm; }
.headlines { display: grid; grid-template-columns: repeat(2, 1fr); gap: .6rem; margin: 1rem 0; }
.headline { border: 1px solid var(--border); border-radius: 8px; padding: .5rem .75rem; break-inside: avoid; }
.headline .value { font-size: 1.6rem; font-weight: 700; margin: 0; }
.headline .label { margin: 0; font-weight: 600; }
section.cruxes, section.headlines-section { break-before: page; }
@media print {
  h2#charts { break-before: page; margin-top: 0; }
  h2#charts + section.chart { break-before: avoid; page-break-before: avoid; }
}
@media print { html { font-size: 10.5pt; } table { font-size: .85rem; } }
@media print {
  h1, h2, h3, h4, .takeaway { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  h4 + table, h4 + ul, h4 + ol { break-before: avoid; page-break-before: avoid; }
}
"""


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here (no Chromium, or printing failed)."""


def _headlines_section(ds: Dataset) -> str:
    from dashboard.views.frames.overview import headlines

    items = headlines(ds)
    if not items:
        return ""
    cards = []
    for h in items:
        cards.append(
            '<div class="headline">'
            f'<p class="label">{esc(h.label)}</p>'
            f'<p class="value">{esc(h.value)}</p>'
            f'<p class="caption">{esc(h.caption)}</p>'
            "</div>"
        )
    return (
        '<section class="headlines-section" id="headlines"><h2>Headline figures</h2>'
        f'<div class="headlines">{"".join(cards)}</div></section>'
    )


def _cruxes_section(ds: Dataset) -> str:
    import pandas as pd

    if not ds.cruxes:
        return ""
    table = pd.DataFrame(
        [{"Crux": c.title, "Question": c.question, "Summary": " ".join(c.summary.split())} for c in ds.cruxes]
    )
    return (
        '<section class="cruxes" id="cruxes"><h2>Cruxes: where the sources disagree</h2>'
        + _table_html(table)
        + ("</section>")
    )


def _fit_page(chart):
    """The chart with a figure no taller than a landscape page leaves room for (a copy; the cached one stays)."""
    import dataclasses

    import plotly.graph_objects as go

    fig = go.Figure(chart.fig)
    fig.update_layout(height=min(fig.layout.height or MAX_FIGURE_HEIGHT, MAX_FIGURE_HEIGHT))
    return dataclasses.replace(chart, fig=fig)


def _headline_refs(ds: Dataset) -> list[str]:
    from dashboard.views.frames.overview import headlines

    return [r for h in headlines(ds) for r in h.references]


def _references_section(ds: Dataset, ref_ids: list[str]) -> str:
    """The works behind the brief's figures and charts (the full list is in the report and the bundle)."""
    return (
        '<section class="sources" id="sources"><h2>References</h2>'
        f'<p class="caption">The works behind the figures and charts of this brief; all {len(ds.references)} '
        "references of the pack are in the offline report and the data bundle. Stars: credibility (1-5) as "
        "the source text rates it.</p>" + _reference_items(ds, ref_ids) + "</section>"
    )


def brief_html(ds: Dataset, *, generated: dt.date | None = None) -> str:
    meta = ds.meta
    generated = generated or dt.date.today()
    from dashboard.views import catalogue

    built = [catalogue.build_view(ds, page, view, {}) for page, view in KEY_CHARTS]
    shown = [v for v in built if v is not None]
    views = {v.name: v for v in shown}
    charts = [_chart_section(ds, _fit_page(v)) for v in shown]
    body = [
        '<header class="report">',
        f"<h1>{esc(meta.title)}: brief</h1>",
        f'<p class="meta">Version {esc(meta.version)}, data last reviewed {esc(last_reviewed(ds).isoformat())}. '
        f"Printed {esc(generated.isoformat())}. Filters: none; every technique of the pack is shown "
        f"({len(ds.techniques)}), as the dashboard shows it with no technique chosen.</p>",
        f"<p>{esc(meta.description)}</p>",
        f'<p class="caption">Licence: {esc(licence_name(meta.licence))}. {esc(meta.licence)}</p>',
        "</header>",
        "<main>",
        _headlines_section(ds),
        '<h2 id="charts">Key charts</h2>',
        *charts,
        _cruxes_section(ds),
        _references_section(ds, [r for v in views.values() for r in v.references] + _headline_refs(ds)),
        "</main>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(meta.title)}: brief</title><style>{CSS}{BRIEF_CSS}</style>{_plotly_script()}</head>"
        "<body>" + "\n".join(body) + "</body></html>"
    )


def pdf_status() -> tuple[bool, str]:
    if chromium_path() is None:
        return False, "The PDF brief is printed by a headless Chromium on the server, and none is installed here."
    return True, ""


def html_to_pdf(html: str) -> bytes:
    """Print ``html`` to PDF with headless Chromium, after its scripts ran. Raises PdfUnavailable."""
    ok, reason = pdf_status()
    if not ok:
        raise PdfUnavailable(reason)
    chromium = chromium_path()
    tmp = tempfile.mkdtemp(prefix="dashboard-pdf-")
    try:
        page = Path(tmp) / "brief.html"
        out = Path(tmp) / "brief.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [
            str(chromium),
            "--headless",
            "--no-sandbox" if os.geteuid() == 0 else "--disable-gpu",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--virtual-time-budget={DRAW_BUDGET_MS}",
            f"--window-size={PRINT_WINDOW[0]},{PRINT_WINDOW[1]}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as err:
            raise PdfUnavailable("Printing the PDF took too long.") from err
        if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
            raise PdfUnavailable("Chromium did not print the PDF.")
        return out.read_bytes()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def brief_pdf(ds: Dataset) -> bytes:
    return html_to_pdf(brief_html(ds))


def page_count(data: bytes) -> int:
    """Pages of a PDF, read from its page objects (enough for the files Chromium prints)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))

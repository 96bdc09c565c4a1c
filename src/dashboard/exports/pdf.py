"""The PDF brief: a few printed pages made from the offline report's print stylesheet (pure, no streamlit).

``brief_html(ds)`` holds the headline figures with their sources, the key charts (each with its
table and sources), the grade matrix, the crux summary and the reference list. ``brief_pdf(ds)``
prints it with the system's headless Chromium (``--print-to-pdf``) once plotly has drawn; without
Chromium it raises ``browser.PdfUnavailable`` with a sentence saying so.
"""

from __future__ import annotations

import datetime as dt

from dashboard.analysis.references import licence_name
from dashboard.analysis.trust import last_reviewed
from dashboard.exports.browser import html_to_pdf
from dashboard.exports.printed import chart_section, document, esc, reference_items, table_html
from dashboard.pack.dataset import Dataset
from dashboard.views.entry import entry
from dashboard.views.variants import PAGE_HEIGHT

# The charts of the brief, in order (catalogue page and view, drawn as their pages draw them by default);
# the grades are the published edition the Labs page opens on, not the wiki page's summary of it.
KEY_CHARTS = (
    ("effectiveness", "effectiveness"),
    ("effectiveness", "oversight"),
    ("risks", "coverage"),
    ("labs", "edition"),
)

BRIEF_CSS = """
@page { size: A4 landscape; margin: 12mm 12mm; }
html { font-size: 10.5pt; }
section.chart { border: none; padding: 0; }
.headlines { display: grid; grid-template-columns: repeat(2, 1fr); gap: .6rem; margin: 1rem 0; }
.headline { border: 1px solid var(--border); border-radius: 8px; padding: .5rem .75rem; break-inside: avoid; }
.headline .value { font-size: 1.6rem; font-weight: 700; margin: 0; }
.headline .label { margin: 0; font-weight: 600; }
section.cruxes, section.headlines-section { break-before: page; }
@media print {
  h2#charts { break-before: page; margin-top: 0; }
  h2#charts + section.chart { break-before: avoid; page-break-before: avoid; }
}
@media print { table { font-size: .85rem; } }
@media print {
  h1, h2, h3, h4, .takeaway { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  h4 + table, h4 + ul, h4 + ol { break-before: avoid; page-break-before: avoid; }
}
"""


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
        + table_html(table)
        + ("</section>")
    )


def _headline_refs(ds: Dataset) -> list[str]:
    from dashboard.views.frames.overview import headlines

    return [r for h in headlines(ds) for r in h.references]


def _references_section(ds: Dataset, ref_ids: list[str]) -> str:
    """The works behind the brief's figures and charts (the full list is in the report and the bundle)."""
    return (
        '<section class="sources" id="sources"><h2>References</h2>'
        f'<p class="caption">The works behind the figures and charts of this brief; all {len(ds.references)} '
        "references of the pack are in the offline report and the data bundle. Stars: credibility (1-5) as "
        "the source text rates it.</p>" + reference_items(ds, ref_ids) + "</section>"
    )


def brief_html(ds: Dataset, *, generated: dt.date | None = None) -> str:
    meta = ds.meta
    generated = generated or dt.date.today()
    found = [entry(ds, page, view) for page, view in KEY_CHARTS]
    views = [v for v in found if v is not None]
    charts = [chart_section(ds, v, max_height=PAGE_HEIGHT) for v in views]
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
        _references_section(ds, [r for v in views for r in v.references] + _headline_refs(ds)),
        "</main>",
    ]
    return document(f"{meta.title}: brief", BRIEF_CSS, "\n".join(body))


def brief_pdf(ds: Dataset) -> bytes:
    return html_to_pdf(brief_html(ds))

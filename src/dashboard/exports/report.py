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
from pathlib import Path

from dashboard.analysis.trust import last_reviewed
from dashboard.exports.citation import dashboard_bibtex, pack_year
from dashboard.exports.printed import CSS, chart_section, esc, plotly_script
from dashboard.exports.report_sections import BLOCK_CSS, in_page_order, page_sections
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import safe_url
from dashboard.views.entry import Entry, entries, slide_entry
from dashboard.views.pages import PAGE_TITLES, PAGES

# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------


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
        view = slide_entry(ds, slide)
        anchor = f"slide-{i}"
        heading = f"{i} / {len(talk.slides)}. {slide.title}"
        toc.append(f'<li><a href="#{anchor}">{esc(slide.title)}</a></li>')
        if view is None:
            parts.append(
                f'<section class="chart" id="{anchor}"><h3>{esc(heading)}</h3>'
                f'<p class="note"><strong>Speaker note:</strong> {esc(slide.note)}</p></section>'
            )
        else:
            parts.append(chart_section(ds, view, anchor=anchor, heading=heading, note=slide.note))
    return "\n".join(parts), toc


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------


def report_html(
    ds: Dataset,
    *,
    views: list[Entry] | None = None,
    generated: dt.date | None = None,
    include_talk: bool = True,
) -> str:
    """The whole report as one HTML string: every chart and block by page, the talk as handout pages, sources, citation."""
    views = entries(ds) if views is None else views
    generated = generated or dt.date.today()
    meta = ds.meta
    by_page: dict[str, list[Entry]] = {}
    for v in views:
        by_page.setdefault(v.page, []).append(v)

    toc = []
    body = []
    for page in PAGES:
        parts = [(v.name, v.takeaway, chart_section(ds, v, with_notes=True)) for v in by_page.get(page, [])]
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

    review_text = f" Data last reviewed {last_reviewed(ds).isoformat()}." if meta.files else ""
    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="dashboard report">
<title>{esc(meta.title)}: offline report</title>
<style>{CSS}{BLOCK_CSS}</style>
{plotly_script()}
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

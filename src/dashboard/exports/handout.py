"""The talk handout: the slides of presentation mode as a PDF, one landscape page per slide (pure, no streamlit).

``handout_html(ds)`` lays out each slide of the talk (``views.talk.talk_of``) on its own A4 landscape
page: the slide as projected (title, what it shows, the chart black on white or the slide's points),
then under it the slide's sources and the speaker's note. Given a live talk's poll results (``polls``,
by slide id), a poll slide shows the room's answers instead of its chart, with their N, date and talk.
``handout_pdf(ds)`` prints it with the
system's headless Chromium once plotly has drawn (``exports.browser.html_to_pdf``); without Chromium it
raises ``PdfUnavailable``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import plotly.graph_objects as go

from dashboard.analysis.references import licence_name
from dashboard.analysis.trust import last_reviewed
from dashboard.exports.browser import html_to_pdf
from dashboard.exports.poll_results import PollResult, poll_caption
from dashboard.exports.printed import document, esc
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import slug
from dashboard.views import talk as talks
from dashboard.views.entry import DEFAULT_BASE_URL, slide_entry
from dashboard.views.links import view_url

# A4 landscape less 10 mm margins is about 1047 x 718 CSS px; the figure takes what the title, the
# sources and the note leave, and the slide frame's width inside its 8 mm padding and border (985 px;
# at 1000 px it ran over the frame's right edge). Chart text at 14 px on a ~1050 px page is the
# projected slide's 24 px at 1920 wide, scaled with the page.
FIGURE_HEIGHT = 380  # room for a long sources line under the slide: each slide stays one page
PAGE_HEIGHT_PX = 710  # A4 landscape less 10 mm margins is about 718 CSS px

# Fixed script: once the charts are drawn, a slide whose page still runs over one page (a long note, a
# long sources line) is scaled down as a whole to fit it, so that each slide stays one page.
FIT_JS = f"""<script>
window.addEventListener('load', () => setTimeout(() => {{
  document.querySelectorAll('section.slide').forEach((s) => {{
    const h = s.scrollHeight;
    if (h > {PAGE_HEIGHT_PX}) s.style.zoom = ({PAGE_HEIGHT_PX} / h).toFixed(3);
  }});
}}, 200));
</script>"""
FIGURE_WIDTH = 970
FONT_PX = 14

HANDOUT_CSS = """
@page { size: A4 landscape; margin: 10mm; }
html { font-size: 11pt; }
body { background: #ffffff; color: #000000; }
main { max-width: none; padding: 0; }
section.slide { break-after: page; page-break-after: always; break-inside: avoid; margin: 0; padding: 0; }
section.slide:last-of-type { break-after: auto; page-break-after: auto; }
.slide-frame { border: 1px solid #595959; border-radius: 6px; padding: 6mm 8mm 4mm; }
.slide-frame h2 { font-size: 1.7rem; line-height: 1.15; margin: 0 0 .3rem; color: #000000; }
.slide-frame .subtitle { font-size: 1.05rem; margin: 0 0 .4rem; color: #000000; }
.slide-frame.title-slide { min-height: 120mm; display: flex; flex-direction: column; justify-content: center; }
.slide-frame.title-slide h2 { font-size: 2.6rem; }
.slide-frame.title-slide .subtitle { font-size: 1.4rem; }
.slide-frame ul.points li { font-size: 1.35rem; line-height: 1.4; color: #000000; }
.slide-frame .figure { padding: 0; }
.slide-meta { display: flex; justify-content: space-between; gap: 1rem; font-size: .9rem; margin: .3rem 0 0; }
.slide-meta .number { white-space: nowrap; font-variant-numeric: tabular-nums; }
.handout-sources { font-size: .9rem; margin: .4rem 0 0; color: #000000; }
.handout-note { font-size: 1rem; line-height: 1.4; margin: .4rem 0 0; color: #000000; }
.handout-cover { font-size: .85rem; margin: .3rem 0 0; color: #000000; }
"""


def _figure_html(fig: go.Figure, anchor: str) -> str:
    # Laid out at the printed width, so plotly does not guess it before the page is sized.
    fig.update_layout(height=FIGURE_HEIGHT, width=FIGURE_WIDTH, autosize=False)
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config={"staticPlot": True, "displayModeBar": False},
        div_id=f"fig-{anchor}",
        default_width=f"{FIGURE_WIDTH}px",
        default_height=f"{FIGURE_HEIGHT}px",
        validate=False,
    )


def _poll_body(ds: Dataset, slide: m.Slide, anchor: str, result: PollResult) -> tuple[str, str] | None:
    """A poll slide with the room's answers: the histogram and "N answers, median, date, talk"."""
    from dashboard.views.figures.polls import poll_alt, poll_figure

    crux = talks.poll_crux(ds, slide)
    if crux is None:
        return None
    about = result.poll.about
    fig = poll_figure(result.distribution, low=str(about.get("low", "0")), high=str(about.get("high", "100")),
                      font_px=FONT_PX)  # fmt: skip
    alt = poll_alt(result.distribution, crux.credence_question or crux.question)
    caption = f'<p class="subtitle"><strong>The room answered:</strong> {esc(poll_caption(result))}.</p>'
    body = f'{caption}<div class="figure" role="img" aria-label="{esc(alt)}">{_figure_html(fig, anchor)}</div>'
    view = slide_entry(ds, slide)
    return body, view.sources if view is not None else ""


def _slide_body(
    ds: Dataset, slide: m.Slide, anchor: str, base_url: str | None = DEFAULT_BASE_URL, poll: PollResult | None = None
) -> tuple[str, str]:
    """The slide's body (chart, the room's answers or points) and its sources line."""
    if poll is not None and (made := _poll_body(ds, slide, anchor, poll)) is not None:
        return made
    if slide.kind == "text":
        return '<ul class="points">' + "".join(f"<li>{esc(p)}</li>" for p in slide.points) + "</ul>", ""
    if slide.kind == "title":
        return "", ""
    view = slide_entry(ds, slide)
    if view is None:
        return '<p class="subtitle">This slide\'s chart has nothing to show with this pack.</p>', ""
    body = _figure_html(go.Figure(view.slide_figure(FONT_PX, FIGURE_WIDTH)), anchor)
    # the filter that applies, as the slide's link sets it
    sources = f"{view.filter_note} {view.sources}".strip()
    return f'<div class="figure" role="img" aria-label="{esc(view.alt)}">{body}</div>', sources


def _short(title: str, limit: int = 60) -> str:
    """The talk's title on each page, short enough to share the line with the sources."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def slide_section(
    ds: Dataset, talk: m.Talk, index: int, base_url: str | None = DEFAULT_BASE_URL, poll: PollResult | None = None
) -> str:
    """One handout page: the slide in a frame, its sources, then the speaker note."""
    slide = talk.slides[index]
    n = len(talk.slides)
    anchor = f"slide-{index + 1}"
    body, sources = _slide_body(ds, slide, anchor, base_url, poll)
    kind = " title-slide" if slide.kind == "title" else ""
    line = talks.slide_subtitle(ds, slide)
    subtitle = f'<p class="subtitle">{esc(line)}</p>' if line else ""
    return "\n".join(
        [
            f'<section class="slide" id="{anchor}" aria-labelledby="{anchor}-title">',
            f'<div class="slide-frame{kind}">',
            f'<h2 id="{anchor}-title">{esc(slide.title)}</h2>',
            subtitle,
            body,
            "</div>",
            '<div class="slide-meta">',
            f'<p class="handout-sources">{esc(sources or talk.title)}</p>',
            f'<p class="number">{esc(_short(talk.title))} · Slide {esc(talks.slide_label(index, n))}</p>',
            "</div>",
            f'<p class="handout-note"><strong>Speaker note:</strong> {esc(slide.note)}</p>',
            "</section>",
        ]
    )


def handout_html(
    ds: Dataset,
    *,
    generated: dt.date | None = None,
    base_url: str | None = DEFAULT_BASE_URL,
    polls: Mapping[str, PollResult] | None = None,
) -> str:
    """``polls``: a live talk's poll results by slide id (``poll_results.collect``), drawn on their slides."""
    talk = talks.talk_of(ds)
    meta = ds.meta
    generated = generated or dt.date.today()
    polls = polls or {}
    pages = [slide_section(ds, talk, i, base_url, polls.get(s.id)) for i, s in enumerate(talk.slides)]
    cover = (
        f'<p class="handout-cover">{esc(meta.title)}, version {esc(meta.version)}, data last reviewed '
        f"{esc(last_reviewed(ds).isoformat())}. Printed {esc(generated.isoformat())}. "
        f"Licence: {esc(licence_name(meta.licence))}. {esc(meta.licence)} "
        f"The talk in the dashboard: {esc(view_url(base_url, '', {'present': '1'}))}</p>"
    )
    # The edition line goes on the first page, under its note, so the page count stays one per slide.
    if pages:
        pages[0] = pages[0].replace("</section>", cover + "</section>")
    return document(f"{talk.title}: handout", HANDOUT_CSS, "<main>" + "\n".join(pages) + "</main>" + FIT_JS)


def handout_pdf(
    ds: Dataset, *, base_url: str | None = DEFAULT_BASE_URL, polls: Mapping[str, PollResult] | None = None
) -> bytes:
    """``base_url``: the dashboard's address, for each chart slide's link (the app's own, or --base-url)."""
    return html_to_pdf(handout_html(ds, base_url=base_url, polls=polls))


def handout_name(ds: Dataset) -> str:
    return f"{slug(ds.meta.title, default='chart')}-talk-handout.pdf"

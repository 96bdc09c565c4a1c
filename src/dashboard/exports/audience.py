"""The audience's page of a talk: plain HTML for phones, made from the same catalogue entries as the
projected slide (no Streamlit).

- ``deck_of(ds)``: (the talk, a digest naming its slides and the pack they come from). The digest
  is the cache key of everything below, so an edited talk or pack is a new deck.
- ``slide_html(ds, talk, index)``: one slide as an ``<article>``: "3 / 11", the title, what it
  shows, the chart (plotly JSON of the dashboard's phone layout and of its wide layout, drawn by
  plotly.js in the browser, labelled with the chart's text alternative), the sources with their
  credibility, and the pack's title and version. Every pack text is escaped.
- ``page_html(...)``: the whole page: the slide, a fixed style sheet (phone portrait and landscape,
  light and dark) and a fixed script that draws the chart and follows the talk's Server-Sent Events.
"""

from __future__ import annotations

import hashlib
import html
import json

from dashboard.exports.audience_poll import POLL_CSS, POLL_JS, poll_html
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.views import talk as talks
from dashboard.views.entry import Entry, pack_line, slide_entry

NARROW_MAX_PX = 700  # up to this width a screen gets the dashboard's phone layout of a chart


def deck_of(ds: Dataset) -> tuple[m.Talk, str]:
    talk = talks.talk_of(ds)
    digest = hashlib.sha256()
    digest.update(talk.model_dump_json().encode())
    digest.update(f"{ds.meta.title}\0{ds.meta.version}\0{ds.meta.model_dump_json()}".encode())
    return talk, digest.hexdigest()[:16]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def sources_line(ds: Dataset, slide: m.Slide) -> str:
    chart = slide_entry(ds, slide)
    return chart.sources if chart is not None else ""


def phone_figures(chart: Entry) -> dict[str, dict]:
    """The chart as plotly JSON as the dashboard draws it on a phone (``narrow``, portrait) and on a wider
    screen (``wide``, a phone held sideways): the light theme's text on white in every theme, as the
    projected slide is black on white whatever the reader's theme."""
    out = {}
    for name, phone in (("narrow", True), ("wide", False)):
        fig = json.loads(chart.screen_figure("light", phone).to_json())
        fig.setdefault("layout", {}).update(paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", autosize=True)
        fig["layout"].pop("width", None)
        out[name] = fig
    return out


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element (no '</' can close it)."""
    return json.dumps(value, separators=(",", ":")).replace("</", "<\\/").replace("<!--", "<\\!--")


def slide_html(ds: Dataset, talk: m.Talk, index: int) -> str:
    """One slide for a phone: counter, title, what it shows, the chart (drawn by plotly.js from the JSON
    beside it, described in words for a screen reader), the sources, the pack's title and version."""
    n = len(talk.slides)
    slide = talk.slides[index]
    view = slide_entry(ds, slide)
    parts = [
        f'<article class="slide" data-slide="{index + 1}" data-slides="{n}" aria-labelledby="slide-title">',
        f'<p class="counter" aria-label="Slide {index + 1} of {n}">{_e(talks.slide_label(index, n))}</p>',
        f'<h1 id="slide-title">{_e(slide.title)}</h1>',
    ]
    subtitle = talks.slide_subtitle(ds, slide)
    if subtitle:
        parts.append(f'<p class="subtitle">{_e(subtitle)}</p>')
    crux = talks.poll_crux(ds, slide)
    if crux is not None:  # a poll slide: the question and the answer form instead of the chart
        view = None
        parts.append(poll_html(slide, crux))
    elif slide.kind == "text":
        parts.append('<ul class="points">' + "".join(f"<li>{_e(p)}</li>" for p in slide.points) + "</ul>")
    elif slide.kind == "chart" and view is None:
        parts.append("<p>This slide's chart has nothing to show with this pack.</p>")
    if view is not None:
        figures = phone_figures(view)
        meta = figures["narrow"].get("layout", {}).get("meta")
        min_width = meta.get("min_width") if isinstance(meta, dict) else None
        width = f' style="min-width:{int(min_width)}px"' if isinstance(min_width, int | float) else ""
        parts.append(
            '<div class="chart-box" tabindex="0" role="group" aria-label="Chart, scrolls sideways when wide">'
            f'<div class="chart" role="img" aria-label="{_e(view.alt)}"{width}></div></div>'
            f'<script type="application/json" class="figures">{_script_json(figures)}</script>'
            f'<details class="words"><summary>The chart in words</summary><p>{_e(view.alt)}</p></details>'
        )
    sources = view.sources if view is not None else (sources_line(ds, slide) if crux is not None else "")
    if sources:
        parts.append(f'<p class="sources">{_e(sources)}</p>')
    parts.append(f'<p class="pack">{_e(pack_line(ds))} {_e(talk.title)}</p>')
    parts.append("</article>")
    return "".join(parts)


def event_data(seq: int, index: int, n: int, fragment: str) -> str:
    """The JSON of a Server-Sent Event announcing a slide: one line, as SSE's data field needs."""
    return json.dumps({"seq": seq, "slide": index + 1, "slides": n, "html": fragment}, separators=(",", ":"))


PAGE_CSS = """
:root { color-scheme: light dark; --fg: #111111; --bg: #ffffff; --muted: #3d3d3d; }
@media (prefers-color-scheme: dark) { :root { --fg: #f2f2f2; --bg: #0e1117; --muted: #cfcfcf; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 17px/1.45 "Inter", "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 0.6rem 1rem 2rem; }
.status { font-size: 0.9rem; color: var(--muted); margin: 0; min-height: 1.3em; }
.counter { font-weight: 700; font-size: 1.15rem; font-variant-numeric: tabular-nums; margin: 0; }
h1 { font-size: 1.45rem; line-height: 1.2; margin: 0.2rem 0 0.4rem; }
.subtitle { margin: 0 0 0.6rem; }
.chart-box { background: #ffffff; border-radius: 0.4rem; overflow-x: auto; }
.chart { width: 100%; min-height: 12rem; }
.points li { margin: 0.3rem 0; }
.words { margin: 0.5rem 0 0; font-size: 0.95rem; }
.sources, .pack { font-size: 0.85rem; color: var(--muted); margin: 0.6rem 0 0; overflow-wrap: anywhere; }
.note { border-left: 4px solid currentColor; padding: 0.3rem 0.6rem; margin: 0.3rem 0 0.6rem; }
.visually-hidden { position: absolute; left: -9999px; width: 1px; height: 1px; overflow: hidden; }
@media (orientation: landscape) and (max-height: 500px) {
  h1 { font-size: 1.2rem; margin: 0 0 0.2rem; }
  .subtitle { font-size: 0.95rem; margin-bottom: 0.3rem; }
}
"""

# Fixed script: draw the slide's chart with plotly.js (the phone layout up to NARROW px wide, else the
# wide one, each at the height it was made for; redrawn when the phone turns), follow the talk's events
# and put each new slide in place.
# A screen reader hears the new slide's counter and title (the live region). When the connection
# drops, the page says so and the browser reconnects by itself, to any replica: the position is in
# the shared store.
PAGE_JS = """
document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('slide');
  const status = document.getElementById('status');
  const live = document.getElementById('live');
  const narrowMax = Number(document.body.dataset.narrow);
  let seq = Number(document.body.dataset.seq);
  let shown = Number(document.body.dataset.slide);
  const draw = () => {
    const holder = box.querySelector('.chart');
    const data = box.querySelector('script.figures');
    if (!holder || !data || !window.Plotly) return;
    const figs = JSON.parse(data.textContent);
    const narrow = window.innerWidth <= narrowMax;
    const fig = narrow ? figs.narrow : figs.wide;
    const layout = Object.assign({}, fig.layout, { autosize: true });
    delete layout.width;  // as wide as the screen; as tall as the chart needs (the page scrolls)
    Plotly.react(holder, fig.data, layout, { staticPlot: true, responsive: true, displayModeBar: false });
  };
  let timer = null;
  window.addEventListener('resize', () => { clearTimeout(timer); timer = setTimeout(draw, 200); });
  draw();
  // A random id of this page: the server limits how often one phone may ask, not one network.
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const es = new EventSource(document.body.dataset.events + '?c=' + id);
  es.addEventListener('slide', (ev) => {
    const d = JSON.parse(ev.data);
    status.textContent = '';
    if (d.slide === shown) {  // the same slide: a poll on it opened or closed
      if (d.seq > seq) { seq = d.seq; document.dispatchEvent(new Event('talk-slide')); }
      return;
    }
    seq = d.seq; shown = d.slide;
    const old = box.querySelector('.chart');
    box.innerHTML = d.html;
    const title = box.querySelector('h1').textContent;
    document.title = title + ' (' + d.slide + ' / ' + d.slides + ')';
    live.textContent = 'Slide ' + d.slide + ' of ' + d.slides + ': ' + title;
    // The new counter, title and text are painted first; the chart is drawn in the next task.
    setTimeout(() => {
      if (old && window.Plotly) Plotly.purge(old);
      draw();
    }, 30);
    document.dispatchEvent(new Event('talk-slide'));
  });
  es.addEventListener('gone', (ev) => { status.textContent = JSON.parse(ev.data).message; es.close(); });
  es.onerror = () => { if (es.readyState !== 2) status.textContent = 'Reconnecting…'; };
  es.onopen = () => { status.textContent = ''; };
});
"""


def page_html(ds: Dataset, talk: m.Talk, index: int, *, fragment: str, events_url: str, plotly_url: str,
              seq: int, note: str | None = None) -> str:  # fmt: skip
    n = len(talk.slides)
    title = f"{talk.slides[index].title} ({talks.slide_label(index, n)})"
    note_html = f'<p class="note" role="note">{_e(note)}</p>' if note else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{PAGE_CSS}{POLL_CSS}</style>"
        f'<script src="{_e(plotly_url)}" defer></script></head>'
        f'<body data-events="{_e(events_url)}" data-seq="{int(seq)}" data-slide="{index + 1}" data-narrow="{NARROW_MAX_PX}">'
        f'<main>{note_html}<p id="status" class="status" role="status"></p>'
        f'<div id="slide">{fragment}</div>'
        '<p id="live" class="visually-hidden" aria-live="polite"></p>'
        f"</main><script>{PAGE_JS}{POLL_JS}</script></body></html>"
    )


def message_html(title: str, message: str, status: int) -> str:
    """A plain page for a link that leads nowhere (unknown talk, malformed id): what happened, in words."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{PAGE_CSS}</style></head>"
        f"<body><main><h1>{_e(title)}</h1><p>{_e(message)}</p>"
        f'<p class="pack">HTTP {status}</p></main></body></html>'
    )

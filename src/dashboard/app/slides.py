"""Presentation mode: the projected slide, the presenter view and audience windows that follow it.

- ``presentation(ds)``: ``?present=1`` shows the talk one slide per screen, black on white whatever
  the reader's theme, the chart filling the screen under the takeaway title, the sources at the
  foot. Nothing else is on the slide: keys step through the talk (arrows, PageUp/PageDown,
  Home/End, Esc to leave), so does a click on the slide's right or left half, and a small
  control bar shows only while the mouse moves (hidden two seconds after it stops).
- ``?present=1&presenter=1``: the presenter view for the speaker's laptop: the current slide, the
  next one, the speaker note, "3 / 11", the time since the talk started and the talk's links. It
  starts a talk in the shared store (``talk=ID&key=SECRET`` in its link); only that link moves it.
- ``?present=1&talk=ID``: a projector window follows the presenter of that talk (``app.following``);
  phones follow on the light audience page (``app.room``). ``slide=N`` stays in the link, so a
  reconnect lands on the same slide. Without a presenter, a talk works on its own.

No pack text ever reaches ``unsafe_allow_html``: the raw HTML here is a fixed style sheet and a
fixed script, and the clock's only variable is a number.
"""

from __future__ import annotations

import time

import streamlit as st

from dashboard.app import following, own_talk
from dashboard.app.downloads import pdf_download
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape
from dashboard.store import StoreError
from dashboard.views import catalogue, links
from dashboard.views import talk as talks
from dashboard.views.entry import slide_entry
from dashboard.views.variants import SLIDE_FONT_PX, SLIDE_WIDTH_PX, slide_height

PRESENT_KEY = links.PRESENT_KEY
SLIDE_KEY = links.SLIDE_KEY
PRESENTER_KEY = following.PRESENTER_KEY
TALK_KEY = following.TALK_KEY
STARTED_STATE = "_talk_started"
PRESENTER_FONT_PX = 14  # the slide in the presenter's view, in its "Now" column

# Fixed, data-free CSS. Shared by both views: no sidebar, header, toolbar or footer.
CHROME_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"], footer { display: none !important; }
.st-key-slide-keys { display: none !important; }
"""

# The projected slide: black on white (21:1) in light and dark themes; sizes in vw scale with the slide.
SLIDE_CSS = (
    """
<style>
"""
    + CHROME_CSS
    + """
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff !important; color: #000000 !important; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 1.2vw 2.5vw 0.6vw !important; max-width: 100% !important; height: 100vh; box-sizing: border-box;
}
[data-testid="stMainBlockContainer"] > div > [data-testid="stVerticalBlock"],
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%; flex-wrap: nowrap; gap: 0.5vw; }
.st-key-slide-head, .st-key-slide-foot { flex: 0 0 auto; }
.st-key-slide-head h1 { font-size: 3.2vw !important; line-height: 1.12 !important; color: #000000 !important; padding: 0 !important; }
.st-key-slide-head p { font-size: 1.6vw !important; line-height: 1.45; color: #000000 !important; margin: 0.3vw 0 0; padding-bottom: 0.3vw; }
.st-key-slide-body { flex: 1 1 0 !important; min-height: 0 !important; }
.st-key-slide-body [data-testid="stPlotlyChart"] { height: 100% !important; }
.st-key-slide-text li, .st-key-slide-text p { font-size: 2.4vw !important; line-height: 1.35; color: #000000 !important; }
.st-key-slide-text { flex: 1 1 auto !important; min-height: 0 !important; }
.st-key-slide-title { justify-content: center; }
.st-key-slide-title h1 { font-size: 4.6vw !important; }
.st-key-slide-title p { font-size: 2vw !important; line-height: 1.4; color: #000000 !important; }
/* At the foot of the screen, under whatever the slide holds; 24 px on a 1920-pixel slide, as all its text. */
.st-key-slide-foot { margin-top: auto !important; }
.st-key-slide-foot p { font-size: max(1.25vw, 16px) !important; line-height: 1.3; color: #000000 !important; margin: 0; }
.st-key-slide-controls {
  position: fixed !important; right: 1.5vw; bottom: 3vw; z-index: 1000; width: auto !important;
  background: #ffffff; border: 2px solid #000000; border-radius: 0.6rem; padding: 0.4rem;
  visibility: hidden;
}
body.slides-pointer .st-key-slide-controls { visibility: visible; }
.st-key-slide-controls button, .st-key-slide-controls a {
  color: #000000 !important; background: #ffffff !important; border-color: #000000 !important;
}
.st-key-slide-controls button:disabled { color: #595959 !important; }
</style>
"""
)

PRESENTER_CSS = (
    """
<style>
"""
    + CHROME_CSS
    + """
[data-testid="stMainBlockContainer"], .block-container { padding: 1rem 2rem !important; max-width: 100% !important; }
.st-key-presenter-clock { font-size: 2rem; font-variant-numeric: tabular-nums; }
</style>
"""
)

# Fixed script: show the control bar while the mouse moves (hidden 2 s after it stops) and step on a
# click in the slide's right or left half. Bound once per window; it finds the buttons at each event.
SLIDE_JS = """
<script>
(() => {
  if (window.__slidesBound) return;
  window.__slidesBound = true;
  let timer = null;
  document.addEventListener('mousemove', () => {
    document.body.classList.add('slides-pointer');
    clearTimeout(timer);
    timer = setTimeout(() => document.body.classList.remove('slides-pointer'), 2000);
  }, { passive: true });
  document.addEventListener('click', (event) => {
    if (!document.querySelector('.st-key-slide-controls')) return;
    if (event.target.closest('.st-key-slide-controls, a, button, input, summary')) return;
    const key = event.clientX >= window.innerWidth / 2 ? 'slide-next' : 'slide-previous';
    const button = document.querySelector('.st-key-' + key + ' button');
    if (button && !button.disabled) button.click();
  });
})();
</script>
"""

CLOCK_HTML = """
<div class="presenter-clock" data-start="{start}">0:00</div>
<script>
(() => {{
  const tick = () => document.querySelectorAll('.presenter-clock').forEach((el) => {{
    const s = Math.max(0, Math.floor(Date.now() / 1000 - Number(el.dataset.start)));
    const h = Math.floor(s / 3600), mi = Math.floor((s % 3600) / 60), se = s % 60;
    el.textContent = (h ? h + ':' + String(mi).padStart(2, '0') : mi) + ':' + String(se).padStart(2, '0');
  }});
  tick();
  if (!window.__presenterClock) window.__presenterClock = setInterval(tick, 1000);
}})();
</script>
"""


# --------------------------------------------------------------------------
# Link parameters
# --------------------------------------------------------------------------


def _exit_presentation() -> None:
    for k in (PRESENT_KEY, SLIDE_KEY, PRESENTER_KEY, TALK_KEY, following.SECRET_KEY):
        if k in st.query_params:
            del st.query_params[k]


# --------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------


def presentation(ds: Dataset) -> None:
    """The talk full screen: the presenter view for ``presenter=1``, else the projected slide. A talk with
    slides of its own (a presenter's, made in the dashboard) shows them."""
    ds = own_talk.dataset_for(ds, st.query_params.get(TALK_KEY))
    talk = talks.talk_of(ds)
    n = len(talk.slides)
    index = talks.slide_index(st.query_params.get(SLIDE_KEY), n)
    if SLIDE_KEY not in st.query_params:
        st.query_params[SLIDE_KEY] = str(index + 1)
    who = following.role(ds, index, n)
    if who.presenter:
        presenter_view(ds, talk, index, who)
        return
    slide_view(ds, talk, index, who)
    if who.talk is not None and who.problem is None:
        following.follow(who.talk, n)


def _keys(index: int, n: int, who: following.Role) -> None:
    """Hidden buttons for the other keys of the talk (Previous/Next/Exit are in the caller's bar)."""
    with st.container(key="slide-keys"):
        for key, label, target, shortcut, disabled in (
            ("slide-next-page", "Next slide", talks.next_index(index, n), "PageDown", index == n - 1),
            ("slide-previous-page", "Previous slide", talks.previous_index(index), "PageUp", index == 0),
            ("slide-first", "First slide", 0, "Home", index == 0),
            ("slide-last", "Last slide", n - 1, "End", index == n - 1),
        ):
            st.button(
                label, key=key, on_click=following.move_to, args=(target, who), shortcut=shortcut, disabled=disabled
            )


def _previous_next_exit(index: int, n: int, who: following.Role, where=st) -> None:
    where.button(
        "Previous",
        key="slide-previous",
        icon=":material/arrow_back:",
        on_click=following.move_to,
        args=(talks.previous_index(index), who),
        disabled=index == 0,
        shortcut="Left",
    )
    where.button(
        "Next",
        key="slide-next",
        icon=":material/arrow_forward:",
        on_click=following.move_to,
        args=(talks.next_index(index, n), who),
        disabled=index == n - 1,
        shortcut="Right",
    )
    where.button("Exit", key="slide-exit", icon=":material/close:", on_click=_exit_presentation, shortcut="Esc")


def _slide_content(
    ds: Dataset, slide: m.Slide, *, key: str, font_px: int, height: int | str, width_px: int | None = None
) -> None:
    """The slide under its title: the chart (or points), then its sources."""
    view = slide_entry(ds, slide)
    if slide.kind == "text":
        with st.container(key=f"{key}-text"):
            st.markdown("\n".join(f"- {md_escape(p)}" for p in slide.points))
        return
    if slide.kind == "title":
        return
    if view is None:
        st.markdown("This slide's chart has nothing to show with this pack.")
        return
    fig = view.slide_figure(font_px, width_px)
    if isinstance(height, int):  # a box of its own: taller where the chart's rows need it
        height = slide_height(fig, font_px, height - 16) + 16
    with st.container(key=f"{key}-body", height=height if isinstance(height, int) else "stretch"):
        st.plotly_chart(
            fig,
            key=f"{key}-chart",
            config={"displaylogo": False, "displayModeBar": False, "responsive": True, "staticPlot": True},
            theme=None,
            width="stretch",
            # A fixed-height box (presenter view) gets a chart of that height: "stretch" there left
            # the chart's loading placeholder in the page.
            height=height - 16 if isinstance(height, int) else "stretch",
            alt=view.alt,
        )


def _sources(ds: Dataset, slide: m.Slide) -> str:
    view = slide_entry(ds, slide)
    return view.sources if view is not None else ""


def slide_view(ds: Dataset, talk: m.Talk, index: int, who: following.Role | None = None) -> None:
    """The projected slide: title, what it shows, the chart filling the rest, sources and '3 / 11' at the foot."""
    st.html(SLIDE_CSS)
    st.html(SLIDE_JS, unsafe_allow_javascript=True)
    n = len(talk.slides)
    slide = talk.slides[index]
    head_key = "slide-title" if slide.kind == "title" else "slide-head"
    with st.container(key=head_key, height="stretch" if slide.kind == "title" else "content"):
        if who is not None and (who.note or who.problem):
            st.caption(md_escape(who.note or who.problem or ""))
        st.title(md_escape(slide.title), anchor=False)
        subtitle = talks.slide_subtitle(ds, slide)
        if subtitle:
            st.markdown(md_escape(subtitle))
    crux = talks.poll_crux(ds, slide)
    if crux is not None:
        from dashboard.app.poll_slide import projected

        projected(ds, talk, index, crux, who)
    else:
        _slide_content(ds, slide, key="slide", font_px=SLIDE_FONT_PX, height="stretch", width_px=SLIDE_WIDTH_PX)
    with st.container(key="slide-foot", horizontal=True, vertical_alignment="bottom"):
        st.markdown(md_escape(_sources(ds, slide)) or md_escape(talk.title), width="stretch")
        st.markdown(talks.slide_label(index, n), width="content")
    with st.container(key="slide-controls", horizontal=True, gap="small", width="content"):
        _previous_next_exit(index, n, who or following.Role(None))
        try:
            st.page_link(
                f"pages/{slide.page}.py",
                label="Open in the dashboard",
                icon=":material/open_in_new:",
                query_params=catalogue.link_params(ds, talks.slide_params(slide)),
                disabled=slide.kind != "chart",
            )
        except Exception:
            pass
    _keys(index, n, who or following.Role(None))


def presenter_view(ds: Dataset, talk: m.Talk, index: int, who: following.Role) -> None:
    """For the speaker's laptop: this slide, the next, the note, '3 / 11', the clock, the audience link."""
    st.html(PRESENTER_CSS)
    n = len(talk.slides)
    slide = talk.slides[index]
    started = st.session_state.setdefault(STARTED_STATE, int(time.time()))
    with st.container(horizontal=True, vertical_alignment="center", key="presenter-bar"):
        st.markdown(f"**{talks.slide_label(index, n)}**", width="content")
        with st.container(key="presenter-clock", width="content"):
            st.html(CLOCK_HTML.format(start=int(started)), unsafe_allow_javascript=True)
        _previous_next_exit(index, n, who, where=st)
    _keys(index, n, who)
    now, side = st.columns([3, 2], gap="large")
    with now:
        st.caption("Now")
        st.subheader(md_escape(slide.title), anchor=False)
        subtitle = talks.slide_subtitle(ds, slide)
        if subtitle:
            st.markdown(md_escape(subtitle))
        crux = talks.poll_crux(ds, slide)
        if crux is not None:
            from dashboard.app.poll_slide import presenter_control

            presenter_control(ds, talk, index, crux, who)
        _slide_content(ds, slide, key="presenter-now", font_px=PRESENTER_FONT_PX, height=420 if crux is None else 300)
        sources = _sources(ds, slide)
        if sources:
            st.caption(md_escape(sources))
    with side:
        st.caption("Speaker note")
        with st.container(border=True, key="presenter-note"):
            st.markdown(md_escape(slide.note))
        if index + 1 < n:
            upcoming = talk.slides[index + 1]
            st.caption(f"Next: {talks.slide_label(index + 1, n)}")
            st.markdown(f"**{md_escape(upcoming.title)}**")
            upcoming_subtitle = talks.slide_subtitle(ds, upcoming)
            if upcoming_subtitle:
                st.caption(md_escape(upcoming_subtitle))
        else:
            st.caption("Last slide")
        problems = talks.talk_problems(ds, talk)
        if problems:
            st.caption(md_escape("This talk does not fit this pack in places: " + "; ".join(problems) + "."))
        following.links_box(who)
        if any(s.poll is not None for s in talk.slides):
            from dashboard.app.poll_slide import results_downloads

            results_downloads(who)

        handout_button(ds, key="presenter-handout", talk_id=who.talk if who.presenter else None)


def handout_button(ds: Dataset, *, key: str = "download-handout", talk_id: str | None = None) -> None:
    """The talk as a PDF: one landscape page per slide with its sources and speaker note; with a live talk
    (``talk_id``), its poll slides show the room's answers."""
    from dashboard.app.screen import base_url
    from dashboard.exports import handout

    base = base_url()  # now, while the page runs: the PDF is made when the button is pressed

    def made() -> bytes:
        polls = None
        if talk_id:
            from dashboard.app import room
            from dashboard.exports.poll_results import collect

            try:
                polls = {r.poll.id: r for r in collect(room.talk_store(), talk_id)}
            except StoreError:
                polls = None  # the handout without the room's answers rather than none
        return handout.handout_pdf(ds, base_url=base, polls=polls)

    pdf_download(
        "Download talk handout (PDF)",
        made,
        file_name=handout.handout_name(ds),
        key=key,
        help="The talk of presentation mode, one slide per page, with each slide's sources and speaker note.",
    )

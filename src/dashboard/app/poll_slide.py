"""A poll slide in Streamlit: the projected slide and the presenter's control (the phones' side is app.room_polls).

- ``projected(ds, talk, index, crux, who)``: beside the crux's two positions (label, summary, the
  evidence in one line), the room's answers, drawn again when the talk's answers stream says they
  changed (at most once a second): "N answers" and the median in large type over a histogram, and
  whether the poll is open. A closed poll is frozen.
- ``presenter_control(ds, talk, index, crux, who)``: "Open poll" / "Close poll" for the current crux
  slide with the count when last drawn, and the talk's results as CSV and JSON.

No pack text reaches ``unsafe_allow_html``: the only raw HTML is a fixed style sheet.
"""

from __future__ import annotations

import streamlit as st

from dashboard.analysis import polls
from dashboard.app import following, room
from dashboard.app.downloads import download
from dashboard.exports import poll_results
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape
from dashboard.store import Poll, StoreError
from dashboard.views.figures.polls import poll_alt, poll_figure

CHART_PX = 460

POLL_CSS = """
<style>
.st-key-poll-count p { font-size: 4.2vw !important; font-weight: 800; line-height: 1.05; margin: 0; color: #000000 !important; }
.st-key-poll-median p { font-size: 2.6vw !important; font-weight: 700; margin: 0; color: #000000 !important; }
.st-key-poll-state p, .st-key-poll-join p { font-size: 1.5vw !important; margin: 0.2vw 0; color: #000000 !important; }
.st-key-poll-sides h3 { font-size: 2.2vw !important; color: #000000 !important; padding: 0.6vw 0 0.2vw !important; }
.st-key-poll-sides p { font-size: 1.45vw !important; line-height: 1.35; color: #000000 !important; margin: 0 0 0.4vw; }
.st-key-poll-question p { font-size: 2vw !important; font-weight: 700; color: #000000 !important; margin: 0; }
</style>
"""


def _read(tid: str, pid: str) -> tuple[Poll | None, list[int]]:
    store = room.talk_store()
    poll = store.poll(tid, pid)
    return poll, ([a.value for a in store.answers(tid, pid)] if poll is not None else [])


def _ends(crux: m.Crux) -> tuple[str, str]:
    ends = {s.side: s.label for s in polls.sides(crux)}
    return ends.get("low", "0"), ends.get("high", "100")


def projected(ds: Dataset, talk: m.Talk, index: int, crux: m.Crux, who: following.Role | None) -> None:
    """The projected poll slide's body: the positions on the left, the room's live answers on the right."""
    st.html(POLL_CSS)
    slide = talk.slides[index]
    left, right = st.columns([2, 3], gap="large")
    with left, st.container(key="poll-sides"):
        with st.container(key="poll-question"):
            st.markdown(md_escape(polls.poll_question(crux)))
        for side in polls.sides(crux):
            st.subheader(f"{side.credence} = {md_escape(side.label)}", anchor=False)  # no link icon on a slide
            st.markdown(md_escape(side.summary))
            st.markdown(md_escape("Evidence: " + side.evidence))
    with right:
        if who is None or who.talk is None or who.problem:
            with st.container(key="poll-state"):  # at the slide's size, as the live answers' state
                st.markdown("The room answers from their phones in a shared talk: start the presenter view.")
            return
        _live(who.talk, slide.id, crux)


# The room's answers stream (``/talk/ID/answers``): a mark not yet drawn asks for one run of the live
# answers below, and nothing runs while no answer comes in. The browser reconnects a dropped stream by
# itself (to any replica), and the stream then sends the mark it reads first.
ANSWERS_JS = """
export default function ({ data, setTriggerValue }) {
  const es = new EventSource(data.events);
  let drawn = data.drawn;
  es.addEventListener('answers', (ev) => {
    const mark = JSON.parse(ev.data);
    if (mark === drawn) return;
    drawn = mark;
    setTriggerValue('answered', mark);
  });
  es.addEventListener('gone', () => es.close());
  return () => es.close();
}
"""

_answers_watch = st.components.v2.component("dashboard.poll_answers", js=ANSWERS_JS)
DRAWN_STATE = "_poll_answers_drawn"
WATCH_KEY = "poll-answers-watch"


def _answered() -> None:
    """New answers (the stream's callback, before the fragment's run): remember the mark being drawn."""
    mark = (st.session_state.get(WATCH_KEY) or {}).get("answered")
    if isinstance(mark, str):
        st.session_state[DRAWN_STATE] = mark


@st.fragment
def _live(tid: str, pid: str, crux: m.Crux) -> None:
    _answers_watch(
        key=WATCH_KEY,
        data={"events": f"/talk/{tid}/answers", "drawn": st.session_state.get(DRAWN_STATE)},
        on_answered_change=_answered,
    )
    try:
        poll, values = _read(tid, pid)
    except StoreError as err:
        st.markdown(md_escape(f"The room's answers cannot be read now: {err}"))
        return
    dist = polls.distribution(values)
    with st.container(key="poll-count"):
        st.markdown(dist.count_label)
    with st.container(key="poll-median"):
        st.markdown(dist.median_label.capitalize())
    with st.container(key="poll-state"):
        if poll is None:
            st.markdown("The poll opens when the presenter opens it.")
        elif poll.is_open:
            st.markdown(md_escape(f"Poll open: answer on your phone at {following.audience_url(tid)}"))
        else:
            st.markdown("Poll closed: these are the room's final answers.")
    low, high = _ends(crux)
    st.plotly_chart(
        poll_figure(dist, low=low, high=high, font_px=24),
        key="poll-chart",
        config={"displayModeBar": False, "staticPlot": True, "responsive": True},
        theme=None,
        width="stretch",
        height=CHART_PX,
        alt=poll_alt(dist, polls.poll_question(crux)),
    )


def _set(ds: Dataset, talk: m.Talk, who: following.Role, pid: str, opened: bool) -> None:
    from dashboard.app.room_polls import set_poll

    try:
        set_poll(ds, talk, who.talk or "", who.secret, pid, opened)
    except StoreError as err:
        st.session_state["_poll_problem"] = str(err)
        return
    st.session_state.pop("_poll_problem", None)
    if room._hub is not None:  # phones on this replica hear of it now
        room._hub.poke_from_thread()


def presenter_control(ds: Dataset, talk: m.Talk, index: int, crux: m.Crux, who: following.Role) -> None:
    """Open or close the poll of the current crux slide; the live count; the results to download."""
    slide = talk.slides[index]
    with st.container(border=True, key="poll-control"):
        st.markdown(f"**Poll:** {md_escape(polls.poll_question(crux))}")
        if not who.talk or not who.presenter:
            st.caption("Polls need a shared talk: the presenter view starts one.")
            return
        _control(ds, talk, who, slide.id)


# Redrawn when the presenter acts, not on a timer: the projector shows the live count, and a timed
# rerun of the presenter's window could cancel a download of the results in progress.
@st.fragment
def _control(ds: Dataset, talk: m.Talk, who: following.Role, pid: str) -> None:
    try:
        poll, values = _read(who.talk or "", pid)
    except StoreError as err:
        st.warning(md_escape(str(err)))
        return
    dist = polls.distribution(values)
    state = "not opened yet" if poll is None else ("open" if poll.is_open else "closed")
    st.markdown(md_escape(f"{dist.count_label} · {dist.median_label} · poll {state}"))
    with st.container(horizontal=True):
        st.button("Open poll", key="poll-open", icon=":material/how_to_vote:", disabled=poll is not None and poll.is_open,
                  on_click=_set, args=(ds, talk, who, pid, True), type="primary")  # fmt: skip
        st.button("Close poll", key="poll-close", icon=":material/lock:", disabled=poll is None or not poll.is_open,
                  on_click=_set, args=(ds, talk, who, pid, False))  # fmt: skip
    if problem := st.session_state.get("_poll_problem"):
        st.warning(md_escape(problem))


def results_downloads(who: following.Role) -> None:
    """The talk's poll results as CSV and JSON (made when pressed, from the store)."""
    if not who.talk or not who.presenter:
        return
    tid = who.talk

    def made(fmt: str) -> bytes:
        results = poll_results.collect(room.talk_store(), tid)
        text = poll_results.results_csv(results) if fmt == "csv" else poll_results.results_json(tid, results)
        return text.encode("utf-8")

    with st.container(horizontal=True, key="poll-results"):
        download("Poll results (CSV)", lambda: made("csv"), file_name=poll_results.results_name(tid, "csv"),
                 mime="text/csv", key="poll-results-csv", icon=":material/download:", width="content")  # fmt: skip
        download("Poll results (JSON)", lambda: made("json"), file_name=poll_results.results_name(tid, "json"),
                 mime="application/json", key="poll-results-json", icon=":material/download:", width="content")  # fmt: skip

"""Who drives a talk and who follows it, in Streamlit windows (the phones' page is app.room).

- ``?present=1&presenter=1`` (no talk yet) starts a talk in the shared store and puts its id and the
  presenter's secret in the window's link (``talk=ID&key=SECRET``): that link is the presenter's.
- ``?present=1&presenter=1&talk=ID&key=SECRET``: the presenter view; each step moves the talk
  (in the step's callback, before the rerun draws anything), on whichever replica serves the window.
- Any other window of a talk (``?present=1&talk=ID``, with ``presenter=1`` or a wrong key too) follows:
  a projector window listens to the talk's stream (``/talk/ID/events``, the phones' Server-Sent Events)
  and goes to each new slide. Waiting costs it nothing: no script runs until the talk moves. It never
  moves the talk; when it asked to present, it says why it cannot.

The audience link for phones is ``/talk/ID``: it carries no secret, and none can be derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.app import room
from dashboard.app.pack import UPLOADED_PACK_KEY
from dashboard.app.screen import base_url
from dashboard.exports import audience
from dashboard.pack.dataset import Dataset
from dashboard.store import SECRET, TALK_ID, StoreError
from dashboard.views import links as share

PRESENT_KEY = share.PRESENT_KEY
SLIDE_KEY = share.SLIDE_KEY
PRESENTER_KEY = "presenter"
TALK_KEY = "talk"
SECRET_KEY = "key"
SEEN_STATE = "_talk_position_seen"
FOLLOW_KEY = "talk-follow"


@dataclass(frozen=True)
class Role:
    """What this window is in its talk. ``talk`` None: a talk of its own (nothing shared).
    ``secret`` is set for the presenter only; ``note`` says why a window that asked to present follows."""

    talk: str | None
    secret: str | None = None
    note: str | None = None
    problem: str | None = None  # the store cannot be reached, the talk ended...

    @property
    def presenter(self) -> bool:
        return self.secret is not None


def _flag(key: str) -> bool:
    return st.query_params.get(key, "") not in ("", "0", "false", "no")


def _param(key: str, pattern) -> str | None:
    raw = st.query_params.get(key)
    return raw if raw and pattern.match(raw) else None


def role(ds: Dataset, index: int, n: int) -> Role:
    """Decide this window's role from its link, starting a talk when a presenter has none yet."""
    tid = _param(TALK_KEY, TALK_ID)
    if TALK_KEY in st.query_params and tid is None:
        return Role(None, problem="The talk id in this link is malformed: this window shows the talk on its own.")
    if not _flag(PRESENTER_KEY):
        return Role(tid)
    try:
        store = room.talk_store()
        if tid is None:
            _, deck = audience.deck_of(ds)
            started, secret = store.start_talk(deck, n, slide=index)
            st.query_params[TALK_KEY] = started.id
            st.query_params[SECRET_KEY] = secret
            return Role(started.id, secret)
        given = _param(SECRET_KEY, SECRET)
        if store.is_presenter(tid, given):
            store.move(tid, given, min(index, n - 1))
            return Role(tid, given)
        if store.talk(tid) is None:
            return Role(
                tid, problem="This talk has ended (it was idle too long). Leave and present again to start a new one."
            )
    except StoreError as err:
        return Role(tid, problem=f"Talks cannot be shared now: {err}")
    return Role(
        tid, note="This link does not carry the presenter key: this window follows the talk and cannot move it."
    )


def move_to(target: int, who: Role) -> None:
    """A step's callback: the link's slide, and for the presenter the talk's (before the rerun)."""
    st.query_params[SLIDE_KEY] = str(target + 1)
    if who.presenter and who.talk:
        try:
            room.talk_store().move(who.talk, who.secret, target)
        except StoreError:
            return  # the rerun's role() tries again and says what is wrong
        if room._hub is not None:  # phones on this replica hear of it now; on others at their next read
            room._hub.poke_from_thread()


def audience_url(tid: str) -> str:
    """The phones' page: no secret in it."""
    return share.view_url(base_url(), f"talk/{tid}", {})


def projector_url(tid: str) -> str:
    return share.view_url(base_url(), "", {PRESENT_KEY: "1", TALK_KEY: tid})


def presenter_url(tid: str, secret: str) -> str:
    return share.view_url(base_url(), "", {PRESENT_KEY: "1", PRESENTER_KEY: "1", TALK_KEY: tid, SECRET_KEY: secret})


def links_box(who: Role) -> None:
    """The presenter view's links: phones, projector, and the presenter's own (private)."""
    if who.problem:
        st.warning(who.problem)
    if not who.talk or not who.presenter:
        return
    st.caption("Audience link, for phones and laptops in the room: it shows your slide and cannot move it.")
    st.code(audience_url(who.talk), language=None, wrap_lines=True)
    st.caption("Projector window (full screen, follows you):")
    st.code(projector_url(who.talk), language=None, wrap_lines=True)
    with st.expander("Your presenter link (keep it private)", icon=":material/key:"):
        st.caption("Whoever has this link can move your talk. Do not share or project it.")
        st.code(presenter_url(who.talk, who.secret or ""), language=None, wrap_lines=True)
    if st.session_state.get(UPLOADED_PACK_KEY) is not None:
        st.caption("Phones show the server's pack, not the one you uploaded.")


# In the window: one stream per talk. Each move of the talk (a new ``seq``) not yet seen by this window's
# session asks for one run, which goes to its slide. The browser reconnects a dropped stream by itself
# (to any replica: the position is in the shared store), and the stream then says where the talk is.
FOLLOW_JS = """
export default function ({ data, setTriggerValue }) {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const es = new EventSource(data.events + '?c=' + id);
  let asked = data.seen;
  es.addEventListener('slide', (ev) => {
    const d = JSON.parse(ev.data);
    if (d.seq === asked) return;
    asked = d.seq;
    setTriggerValue('moved', { seq: d.seq, slide: d.slide });
  });
  es.addEventListener('gone', () => es.close());
  return () => es.close();
}
"""

_follow = st.components.v2.component("dashboard.talk_follow", js=FOLLOW_JS)


def _moved(n: int) -> None:
    """The talk moved (the stream's callback, before the run): this window goes to its slide."""
    moved = (st.session_state.get(FOLLOW_KEY) or {}).get("moved")
    if not isinstance(moved, dict) or not isinstance(moved.get("seq"), int) or not isinstance(moved.get("slide"), int):
        return
    st.session_state[SEEN_STATE] = moved["seq"]
    st.query_params[SLIDE_KEY] = str(min(max(moved["slide"], 1), n))


def follow(tid: str, n: int) -> None:
    """Follow the talk's moves in this window (a hidden element whose script listens to the talk's stream)."""
    _follow(
        key=FOLLOW_KEY,
        data={"events": f"/talk/{tid}/events", "seen": st.session_state.get(SEEN_STATE)},
        on_moved_change=lambda: _moved(n),
    )

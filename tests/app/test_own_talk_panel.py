"""A presenter's own talk under AppTest on the shipped pack: "Add to talk" under a chart, the sidebar's
"Your talk" (reorder, words refused when they carry markup), and the presenter link showing the talk."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from figdata import open_page, open_panel
from streamlit.testing.v1 import AppTest

from dashboard.app import own_talk
from dashboard.views.entry import entry

sys.path.insert(0, str(Path(__file__).resolve().parent))
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _run(at: AppTest) -> AppTest:
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _slides(at: AppTest) -> list[str]:
    return [m.value.split(".** ", 1)[1] for m in at.sidebar.markdown if m.value.startswith("**") and ".** " in m.value]


def test_add_arrange_and_present_a_talk_of_ones_own(monkeypatch, shipped):
    at = open_page(monkeypatch, "pages/effectiveness.py")
    at.button(key="effectiveness-add-to-talk").click()
    _run(at)
    assert [t.value for t in at.toast] == ["Added to your talk as slide 1. Arrange it in the sidebar: Your talk."]
    at.button(key="oversight-add-to-talk").click()
    _run(at)
    assert [t.value for t in at.toast] == ["Added to your talk as slide 2. Arrange it in the sidebar: Your talk."]
    open_panel(at, "your-talk")
    first, second = (
        entry(shipped, "effectiveness", "effectiveness", {}),
        entry(shipped, "effectiveness", "oversight", {}),
    )
    assert [s.replace("\\", "") for s in _slides(at)] == [first.takeaway, second.takeaway]

    at.button(key="talk-up-oversight").click()
    _run(at)
    assert [s.replace("\\", "") for s in _slides(at)] == [second.takeaway, first.takeaway]

    # Words with markup are refused with the field and the reason; the talk keeps its words.
    tid, secret = at.session_state[own_talk.STATE]
    talk = own_talk.ot.stored_talk(own_talk.room.talk_store().deck_content(tid) or "")
    assert talk is not None
    refused = None
    try:
        own_talk.ot.edited(talk, 0, title="<b>Bold</b>", subtitle="", note="n")
    except own_talk.ot.TalkRefused as err:
        refused = str(err)
    assert refused == "title: HTML markup is not allowed in text (found '<b')"

    # The presenter link shows this talk, not the shipped one.
    links = [c.value for c in at.sidebar.code]
    presenter = next(u for u in links if "key=" in u)
    query = {k: v[0] for k, v in parse_qs(urlparse(presenter).query).items()}
    assert (query["talk"], query["key"]) == (tid, secret)
    shown = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        shown.query_params[k] = v
    _run(shown)
    heads = [h.value for h in shown.subheader]
    assert heads and heads[0].replace("\\", "") == second.takeaway
    assert "1 / 2" in " ".join(m.value for m in shown.markdown)

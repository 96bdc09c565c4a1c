"""A presenter's own talk on the audience's routes of a real `streamlit run app.py`: the page shows the
talk's own slides (kept in the talk store), and a change of the slides is what the next phone sees."""

from __future__ import annotations

import asyncio
import html
import json
import sys
from pathlib import Path

from dashboard import store as talk_store
from dashboard.pack.load import load_pack
from dashboard.views import own_talk as ot
from dashboard.views.entry import entry

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from roomclient import fetch

from own_thread import in_own_thread

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str):
    return in_own_thread(asyncio.run, fetch(url))


def test_the_audience_page_shows_a_talks_own_slides_and_their_changes(server):
    ds = load_pack(ROOT / "data").dataset
    one = ot.chart_slide(ds, entry(ds, "labs", "investment", {}))
    talk = ot.added(ot.added(None, one, title="Funding, briefly"), ot.text_slide(None, "Questions", ["Who funds what?"], "Take questions."), title="")  # fmt: skip
    store = talk_store.open_store()
    started, secret = store.start_talk(ot.digest(talk), len(talk.slides))
    store.set_deck(started.id, secret, ot.to_yaml(talk), ot.digest(talk), len(talk.slides))

    page = html.unescape(_get(f"{server.url}/talk/{started.id}").body.decode())
    assert one.title in page and "1 / 2" in page
    position = json.loads(_get(f"{server.url}/talk/{started.id}/position").body)
    assert (position["slide"], position["slides"]) == (1, 2)

    # The presenter puts the text slide first: the next phone sees it.
    changed = ot.moved(talk, 1, -1)
    store.set_deck(started.id, secret, ot.to_yaml(changed), ot.digest(changed), len(changed.slides))
    page = html.unescape(_get(f"{server.url}/talk/{started.id}").body.decode())
    assert "Questions" in page and "Who funds what?" in page and "1 / 2" in page

"""Readers' pooled credences on the Cruxes page (the cruxes pack of tests/packs.py: two credence cruxes, AppTest, the talk store in the test's state
folder): a reader who shares sees, under a crux's slider, the sharing readers' median and N once they have
set their own; stopping withdraws theirs; a deployment can switch it off."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.app import reader_pool, room

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CRUX = "debate-works"


@pytest.fixture(autouse=True)
def _cruxes_pack(monkeypatch, cruxes_dir):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(cruxes_dir))
    monkeypatch.delenv(reader_pool.ENV, raising=False)


def _open() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run(timeout=60)
    at.switch_page("pages/cruxes.py")
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]).replace("\\", "")


def test_a_reader_who_shares_sees_the_pool_once_they_have_set_their_own(cruxes_pack):
    pool = reader_pool.pool_id(cruxes_pack)
    store = room.talk_store()
    for reader, value in (("reader-aaaaaaaa", 20), ("reader-bbbbbbbb", 30), ("reader-cccccccc", 80)):
        store.share_credence(pool, CRUX, reader, value)
    before = len(store.pooled(pool).get(CRUX, []))
    at = _open()
    assert "Readers who shared" not in _texts(at)  # nothing shown before choosing to share
    at.toggle(key=reader_pool.SHARE_KEY).set_value(True).run(timeout=60)
    assert "self-selected, not a survey" in _texts(at)
    assert "Readers who shared" not in _texts(at)  # hidden until the reader has set their own
    at.slider(key=f"c-{CRUX}").set_value(70).run(timeout=60)
    values = sorted(store.pooled(pool)[CRUX])
    assert len(values) == before + 1 and 70 in values
    median = (
        sorted(values)[len(values) // 2] if len(values) % 2 else sum(sorted(values)[len(values) // 2 - 1 :][:2]) / 2
    )
    assert f"Readers who shared (N = {len(values)}): median {median:g} of 100." in _texts(at)
    assert _texts(at).count("Readers who shared") == 1  # only under the crux the reader set, not oversight-holds
    at.toggle(key=reader_pool.SHARE_KEY).set_value(False).run(timeout=60)
    assert len(store.pooled(pool)[CRUX]) == before  # withdrawn
    assert "Readers who shared" not in _texts(at)


def test_a_deployment_can_switch_pooling_off(monkeypatch):
    monkeypatch.setenv(reader_pool.ENV, "off")
    at = _open()
    assert [t for t in at.toggle if t.key == reader_pool.SHARE_KEY] == []


def test_an_uploaded_pack_is_never_pooled(cruxes_pack):
    from dashboard.app.pack import UPLOADED_PACK_KEY

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[UPLOADED_PACK_KEY] = cruxes_pack  # as the sidebar's upload leaves it
    at.run(timeout=60)
    at.switch_page("pages/cruxes.py")
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    assert [s.key for s in at.slider][:1] == [f"c-{CRUX}"]  # the page itself is there
    assert [t for t in at.toggle if t.key == reader_pool.SHARE_KEY] == []

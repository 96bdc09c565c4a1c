"""Paging the crux cards of a big pack: the credences of cards on other pages still reach the reading and the chart."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from figdata import scroll_through
from streamlit.testing.v1 import AppTest

from dashboard.analysis.beliefs import slider_key

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def _synth():
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "tests" / "bench" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pack-10x")
    _synth().write_pack(out, 10)
    return out


def _open(pack: Path, monkeypatch, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/cruxes.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)


def _crux_ids(pack: Path) -> list[str]:
    from dashboard.pack.load import load_pack

    ds = load_pack(pack).dataset
    return [
        c.id
        for c in ds.cruxes
        if c.kind == "ai-assisted" and c.credence_question and c.low_position and c.high_position
    ]


def _stance(at: AppTest) -> str:
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert charts
    return json.dumps(charts[0]["data"], sort_keys=True)


def test_cards_are_paged_and_a_hidden_cards_url_credence_reaches_the_chart(big_pack, monkeypatch):
    ids = _crux_ids(big_pack)
    assert len(ids) > 20
    hidden = ids[25]  # on page 2
    at = _open(big_pack, monkeypatch)
    assert len(at.slider) == 20
    assert hidden not in [s.key for s in at.slider]
    assert any("Showing cruxes 1 to 20" in c.value for c in at.caption)
    low = _open(big_pack, monkeypatch, {slider_key(hidden): "0"})
    high = _open(big_pack, monkeypatch, {slider_key(hidden): "100"})
    assert _stance(low) != _stance(high)
    assert slider_key(hidden) not in [s.key for s in low.slider]  # still on page 2, not drawn
    # The link's parameter is gone after the first run; the credence it gave still counts on later runs.
    before = _stance(low)
    low.run()
    assert _stance(low) == before
    low.get("pagination")[0].set_value(2).run()  # and its card, drawn now, starts at the link's value
    assert low.slider(key=slider_key(hidden)).value == 0


def test_a_slider_moved_on_page_one_still_counts_on_page_two(big_pack, monkeypatch):
    ids = _crux_ids(big_pack)
    at = _open(big_pack, monkeypatch)
    first = at.slider[0].key
    before = _stance(at)
    at.slider(key=first).set_value(0 if at.slider(key=first).value > 50 else 100).run()
    moved = _stance(at)
    assert moved != before
    at.get("pagination")[0].set_value(2).run()
    assert not at.exception
    assert first not in [s.key for s in at.slider]
    assert at.slider[0].key == slider_key(ids[20])
    assert _stance(at) == moved  # the hidden slider's value still counts
    at.get("pagination")[0].set_value(1).run()
    assert at.slider(key=first).value in (0, 100)
    assert _stance(at) == moved


def test_approaches_pages_its_expert_views_and_limitations(big_pack, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(big_pack))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/approaches.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Showing experts 1 to 20 of") for c in captions)
    assert any(c.startswith("Showing limitations 1 to 20 of") for c in captions)
    assert len(at.get("pagination")) == 2

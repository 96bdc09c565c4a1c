"""The Cruxes page on the shipped pack: cards, sliders in the URL, a recommendation that follows them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/cruxes.py")
    for k, v in (query or {}).items():  # a link straight to this page
        at.query_params[k] = v
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _recommendation(at: AppTest) -> str:
    texts = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("Verdict")]
    assert len(texts) == 1
    return texts[0]


def _decode(spec: dict) -> np.ndarray:
    return np.frombuffer(__import__("base64").b64decode(spec["bdata"]), dtype=spec["dtype"])


def test_page_shows_one_card_and_slider_per_ai_assisted_crux(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    keys = [s.key for s in at.slider]
    assert keys == ["c-bootstrapping-safe", "c-scales-to-superhuman", "c-loss-of-understanding"]
    assert all(s.value == 50 for s in at.slider)
    assert at.slider(key="c-bootstrapping-safe").label.startswith("How safe is it")
    headings = [h.value for h in [*at.header, *at.subheader]]
    assert "Is the bootstrapping safe?" in headings
    body = " ".join(m.value for m in at.markdown)
    assert "4.4%" in body and "★★★★☆" in body  # evidence with its figure and its reference's stars
    assert "Verdict" in _recommendation(at) and "No view yet" in _recommendation(at)


def test_moving_a_slider_changes_the_recommendation(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    before = _recommendation(at)
    at.slider(key="c-bootstrapping-safe").set_value(10).run(timeout=30)
    low = _recommendation(at)
    assert low != before
    assert "Less relevant" in low and "Bootstrapping is dangerous in principle" in low
    assert "Human-Only Alignment" in low
    at.slider(key="c-bootstrapping-safe").set_value(90).run(timeout=30)
    high = _recommendation(at)
    assert "Good fit" in high and "AI-Assisted Alignment" in high and "at 90" in high


def test_stance_marker_moves_with_the_credences(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    for key in ("c-bootstrapping-safe", "c-scales-to-superhuman", "c-loss-of-understanding"):
        at.slider(key=key).set_value(20)
    at.run(timeout=30)
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    you = spec["data"][1]["x"]
    x = _decode(you) if isinstance(you, dict) else np.array(you)
    assert x.tolist() == [pytest.approx(20)]
    # the takeaway is the chart's h2 heading above it (the drawn chart has no title of its own)
    headings = [e.value for kind in ("markdown", "header", "subheader") for e in at.get(kind)]
    assert any("alignment is hard" in str(h).replace("<br>", " ") for h in headings)


def test_a_link_reopens_the_same_credences(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open({"c-bootstrapping-safe": "85"})
    assert at.slider(key="c-bootstrapping-safe").value == 85
    assert "Good fit" in _recommendation(at)


def test_technical_and_strategic_lists_follow_the_technique_filter(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()

    def questions() -> set[str]:
        return {q for df in at.dataframe if "related techniques" in df.value.columns for q in df.value["crux"]}

    full = questions()
    assert {"Will interpretability scale?", "Can we specify human values?"} <= full
    at.multiselect(key="tech").set_value(["mechanistic-interpretability"]).run(timeout=30)
    assert not at.exception
    narrowed = questions()
    assert "Will interpretability scale?" in narrowed
    assert narrowed < full

"""The Cruxes page on the cruxes pack (tests/packs.py: the minimal pack's debate-works crux, a second credence
crux, a technical and a strategic one, a good-fit belief at the high end and a less-relevant one at the low
end): cards, sliders in the URL, a recommendation that follows them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from figdata import scroll_through
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SLIDERS = ["c-debate-works", "c-oversight-holds"]


@pytest.fixture(autouse=True)
def _cruxes_pack(monkeypatch, cruxes_dir):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(cruxes_dir))


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/cruxes.py")
    for k, v in (query or {}).items():  # a link straight to this page
        at.query_params[k] = v
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)


def _recommendation(at: AppTest) -> str:
    texts = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("Verdict")]
    assert len(texts) == 1
    return texts[0]


def _decode(spec: dict) -> np.ndarray:
    return np.frombuffer(__import__("base64").b64decode(spec["bdata"]), dtype=spec["dtype"])


def test_page_shows_one_card_and_slider_per_ai_assisted_crux(cruxes_pack):
    at = _open()
    assisted = [c for c in cruxes_pack.cruxes if c.kind == "ai-assisted"]
    assert [s.key for s in at.slider] == SLIDERS == [f"c-{c.id}" for c in assisted]
    assert all(s.value == 50 for s in at.slider)
    assert [s.label for s in at.slider] == [c.credence_question for c in assisted]
    headings = [h.value for h in [*at.header, *at.subheader]]
    assert {c.title for c in assisted} <= set(headings)
    body = " ".join(m.value for m in at.markdown)
    assert "76%" in body and "★★★★☆" in body  # evidence with its figure (debate-accuracy) and ref-paper's stars
    assert "Verdict" in _recommendation(at) and "No view yet" in _recommendation(at)


def test_moving_a_slider_changes_the_recommendation():
    at = _open()
    before = _recommendation(at)
    at.slider(key="c-debate-works").set_value(10).run(timeout=30)
    low = _recommendation(at)
    assert low != before
    assert "Less relevant" in low and "Debate is hopeless" in low
    assert "Favoured approach: Human-only oversight" in low
    at.slider(key="c-debate-works").set_value(90).run(timeout=30)
    high = _recommendation(at)
    assert "Good fit" in high and "Debate will scale" in high
    assert "Favoured approach: AI-assisted alignment" in high and "at 90" in high


def test_stance_marker_moves_with_the_credences():
    at = _open()
    for key in SLIDERS:
        at.slider(key=key).set_value(20)
    at.run(timeout=30)
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    you = spec["data"][1]["x"]
    x = _decode(you) if isinstance(you, dict) else np.array(you)
    assert x.tolist() == [pytest.approx(20)]
    # the takeaway is the heading above the chart (the chart's own title is kept for exports)
    assert any("alignment is hard" in h.value.replace("\\", "") for h in at.header)


def test_a_link_reopens_the_same_credences():
    at = _open({"c-debate-works": "85"})
    assert at.slider(key="c-debate-works").value == 85
    assert "Good fit" in _recommendation(at)


def test_technical_and_strategic_lists_follow_the_technique_filter():
    at = _open()

    def questions() -> set[str]:
        return {q for df in at.dataframe if "related techniques" in df.value.columns for q in df.value["crux"]}

    full = questions()
    assert full == {"Will probes keep up?", "Can values be written down?"}
    at.multiselect(key="tech").set_value(["debate"]).run(timeout=30)
    assert not at.exception
    assert questions() == {"Will probes keep up?"}  # the one whose related techniques hold debate

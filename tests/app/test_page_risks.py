"""The Risks page on the shipped pack: the coverage matrix and the two selects."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/risks.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _technique_names(at: AppTest) -> set[str]:
    tables = [df.value for df in at.dataframe if list(df.value.columns[:2]) == ["technique", "AI-assisted"]]
    assert len(tables) == 1
    return set(tables[0]["technique"])


def _risk_names(at: AppTest) -> list[str]:
    tables = [
        df.value for df in at.dataframe if list(df.value.columns[:3]) == ["risk", "relevance", "how alignment helps"]
    ]
    assert len(tables) == 1
    return tables[0]["risk"].tolist()


def test_matrix_rows_most_relevant_first(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = spec["data"][0]
    ys = heat["y"] if isinstance(heat["y"], list) else None
    assert ys is not None and ys[:3] == ["Deceptive Alignment", "Scheming", "Treacherous Turn"]
    relevance = spec["data"][1]["text"]
    assert relevance[0] == ["Critical"] and relevance[-1] == ["Medium"]
    z = heat["z"]
    if isinstance(z, dict):
        z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"])
    assert int(np.asarray(z, dtype=float).sum()) > 0


def test_selecting_a_risk_lists_its_techniques(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    assert _technique_names(at) == {"AI Debate", "Mechanistic Interpretability", "AI Control"}  # deceptive alignment
    at.selectbox(key="risk").set_value("scheming").run(timeout=30)
    assert _technique_names(at) == {"AI Control", "Mechanistic Interpretability"}
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Red-teaming" in body  # the other method the text names


def test_selecting_a_technique_lists_its_risks(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    at.selectbox(key="technique").set_value("ai-control").run(timeout=30)
    risks = _risk_names(at)
    assert {"Scheming", "Deceptive Alignment", "Treacherous Turn"} <= set(risks)


def test_links_reopen_the_selection_and_filter_narrows_the_choice(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open({"risk": "Sycophancy"})  # the URL holds the label shown
    assert at.selectbox(key="risk").value == "sycophancy"
    assert _technique_names(at) == {"RLHF (Reinforcement Learning from Human Feedback)", "Constitutional AI"}
    at.multiselect(key="tech").set_value(["rlhf"]).run(timeout=30)
    assert not at.exception
    assert _technique_names(at) == {"RLHF (Reinforcement Learning from Human Feedback)"}
    assert at.selectbox(key="technique").options == ["RLHF (Reinforcement Learning from Human Feedback)"]


def test_a_filter_without_covering_techniques_then_with_them(monkeypatch):
    """The technique select is not drawn while no chosen technique addresses a risk; once one does,
    it offers a technique again (it used to return None and raise KeyError)."""
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    at.multiselect(key="tech").set_value(["automated-interpretability"]).run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert not [s for s in at.selectbox if s.key == "technique"]
    assert any("None of the techniques shown addresses a listed risk" in i.value for i in at.info)
    at.multiselect(key="tech").set_value(["automated-interpretability", "constitutional-ai"]).run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="technique").value == "constitutional-ai"
    assert "Reward Hacking" in _risk_names(at)

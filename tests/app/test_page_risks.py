"""The Risks page: the coverage matrix and the two selects (on the minimal pack), a filter covering no risk."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from figdata import scroll_through
from streamlit.testing.v1 import AppTest

from packs import MINIMAL_DIR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/risks.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)


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


@pytest.fixture
def on_minimal(monkeypatch):
    """The page on the minimal pack: Deceptive alignment (critical) by AI Debate, Misuse (medium) by RLHF."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(MINIMAL_DIR))


def test_matrix_rows_most_relevant_first(on_minimal):
    at = _open()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = spec["data"][0]
    assert heat["y"] == ["Deceptive alignment", "Misuse"]
    assert spec["data"][1]["text"] == [["Critical"], ["Medium"]]
    z = heat["z"]
    if isinstance(z, dict):
        z = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"])
    assert int(np.asarray(z, dtype=float).sum()) == 2


def test_selecting_a_risk_lists_its_techniques(on_minimal):
    at = _open()
    assert _technique_names(at) == {"AI Debate"}  # the most relevant risk first: deceptive alignment
    at.selectbox(key="risk").set_value("misuse").run(timeout=30)
    assert _technique_names(at) == {"RLHF"}
    at.selectbox(key="risk").set_value("deception").run(timeout=30)
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Interpretability probes" in body  # the other method the text names


def test_selecting_a_technique_lists_its_risks(on_minimal):
    at = _open()
    at.selectbox(key="technique").set_value("rlhf").run(timeout=30)
    assert _risk_names(at) == ["Misuse"]


def test_links_reopen_the_selection_and_filter_narrows_the_choice(on_minimal):
    at = _open({"risk": "Misuse"})  # the URL holds the label shown
    assert at.selectbox(key="risk").value == "misuse"
    assert _technique_names(at) == {"RLHF"}
    at.multiselect(key="tech").set_value(["debate"]).run(timeout=30)
    assert not at.exception
    assert at.selectbox(key="technique").options == ["AI Debate"]


def test_a_filter_without_covering_techniques_then_with_them(monkeypatch, shipped):
    """The technique select is not drawn while no chosen technique addresses a risk; once one does,
    it offers a technique again (it used to return None and raise KeyError)."""
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    covering = {t for r in shipped.risks for t in r.techniques} | {t.id for t in shipped.techniques if t.risks}
    bare = next(t.id for t in shipped.techniques if t.id not in covering)
    some = next(t.id for t in shipped.techniques if t.id in covering)
    at = _open()
    at.multiselect(key="tech").set_value([bare]).run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert not [s for s in at.selectbox if s.key == "technique"]
    assert any("None of the techniques shown addresses a listed risk" in i.value for i in at.info)
    at.multiselect(key="tech").set_value([bare, some]).run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="technique").value == some


@pytest.fixture(scope="module")
def many_dir(tmp_path_factory):
    from packs import write_many_risks_pack

    return write_many_risks_pack(tmp_path_factory.mktemp("many-risks") / "pack")


def _columns(at: AppTest) -> list[str]:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["x"]


def test_no_group_select_while_the_matrix_is_readable(on_minimal):
    at = _open()
    assert not [s for s in at.selectbox if s.key == "group"]
    assert _columns(at) == ["AI Debate", "RLHF"]


def test_a_big_pack_groups_the_techniques_and_a_select_shows_one_group(monkeypatch, many_dir):
    """62 risks by 47 techniques: the matrix shows the 20 most relevant risks against 7 groups of
    techniques; choosing a group shows its techniques, and a link keeps the choice."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(many_dir))
    at = _open()
    group = at.selectbox(key="group")
    assert group.value == "all"
    assert group.options[:3] == [
        "Every group, a column each",
        "Forward (training) · Robustness",
        "Forward (training), no principle",
    ]
    assert len(group.options) == 8
    assert _columns(at)[:2] == ["Forward · Robustness", "Forward, no principle"] and len(_columns(at)) == 7
    assert any("Showing the 20 most relevant of 62 risks" in c.value for c in at.caption)
    group.set_value("forward-robustness").run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert _columns(at) == [f"Technique {i:02d}" for i in range(0, 45, 6)]
    assert any("Columns: the techniques of one group" in c.value for c in at.caption)
    # a link reopens the group
    again = _open({"group": "Forward (training) · Robustness"})
    assert again.selectbox(key="group").value == "forward-robustness"
    assert _columns(again) == [f"Technique {i:02d}" for i in range(0, 45, 6)]
    # a filter of a few techniques: a column each, no group to choose
    at.multiselect(key="tech").set_value(["tech-00", "tech-01"]).run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert not [s for s in at.selectbox if s.key == "group"]
    assert _columns(at) == ["Technique 00", "Technique 01"]

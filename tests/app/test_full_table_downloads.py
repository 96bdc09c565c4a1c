"""Charts whose table is narrowed (the sidebar's technique filter, a choice on the page) offer two CSVs:
the table as shown and the whole table, so readers can take all of the data away."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from downloads import serves
from figdata import open_panel
from streamlit.testing.v1 import AppTest

from dashboard.exports.bundle import safe_csv
from dashboard.views.frames import effectiveness as eff
from dashboard.views.frames import risks as risk_frames
from dashboard.views.frames import sources as source_frames

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


def _open(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run(timeout=60)
    at.switch_page(f"pages/{page}.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _filter(at: AppTest, techniques: list[str]) -> AppTest:
    at.sidebar.multiselect(key="tech").set_value(techniques).run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _both(at: AppTest, key: str, shown: pd.DataFrame, full: pd.DataFrame) -> None:
    buttons = {b.key: b for b in open_panel(at, f"{key}-downloads").download_button}
    assert f"{key}-csv" in buttons and f"{key}-csv-all" in buttons, sorted(k for k in buttons if k)
    assert serves(buttons[f"{key}-csv"], safe_csv(shown), mime="text/csv", file_name=f"{key}.csv")
    assert serves(buttons[f"{key}-csv-all"], safe_csv(full), mime="text/csv", file_name=f"{key}-all.csv")


def test_oversight_offers_every_figure_when_the_technique_filter_narrows_it(shipped):
    at = _filter(_open("effectiveness"), ["ai-debate"])
    shown = eff.oversight_table(eff.oversight_frame(shipped, ["ai-debate"]))
    full = eff.oversight_table(eff.oversight_frame(shipped))
    assert 0 < len(shown) < len(full)
    assert "Weak-to-strong performance recovered" in set(full["Measure"]) - set(shown["Measure"])
    _both(at, "oversight", shown, full)


def test_one_disagreement_is_shown_and_every_disagreement_can_be_taken_away(shipped):
    at = _open("sources")
    quantity = at.selectbox(key="dq").value
    dis = source_frames.disagreements_frame(shipped)
    shown = dis[dis["quantity"] == quantity].drop(columns=["quantity", "source"])
    full = dis.drop(columns=["source"])
    assert 0 < len(shown) < len(full) and full["quantity"].nunique() > 1
    _both(at, "disagreement", shown, full)


def test_risk_coverage_offers_every_technique_when_filtered(shipped):
    at = _filter(_open("risks"), ["ai-debate", "rlhf"])
    shown = risk_frames.coverage_table(shipped, ["ai-debate", "rlhf"])
    full = risk_frames.coverage_table(shipped)
    assert len(shown.columns) < len(full.columns) and len(full) == len(shown)
    _both(at, "coverage", shown, full)


def test_technique_comparison_offers_every_estimate(shipped):
    at = _open("techniques", {"compare": ["AI Debate", "Automated Red-Teaming"]})
    shown = eff.estimates_table(eff.estimates_frame(shipped, ["ai-debate", "automated-red-teaming"]))
    full = eff.estimates_table(eff.estimates_frame(shipped))
    assert len(shown) == 2 < len(full)
    _both(at, "compare-effectiveness", shown, full)


def test_each_compared_technique_offers_its_figures(shipped):
    """The per-technique figure tables under a comparison are downloadable like every other table."""
    from dashboard.views.frames import techniques as tech_frames

    at = _open("techniques", {"compare": ["AI Debate", "Automated Red-Teaming"]})
    for tid in ("ai-debate", "automated-red-teaming"):
        claims = tech_frames.technique_claims(shipped, tid)
        if claims.empty:
            continue
        button = at.get("download_button")
        found = [b for b in button if b.proto.id.endswith(f"claims-{tid}-csv") or f"claims-{tid}-csv" in b.proto.id]
        assert found, f"no download for {tid}'s figures"
        assert serves(found[0], safe_csv(claims), mime="text/csv", file_name=f"{tid}-figures.csv")

"""Charts whose table is narrowed (the sidebar's technique filter, a choice on the page) offer two CSVs:
the table as shown and the whole table, so readers can take all of the data away."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from downloads import serves
from figdata import open_panel, scroll_through
from streamlit.testing.v1 import AppTest

from dashboard.exports.bundle import safe_csv
from dashboard.pack.load import load_pack
from dashboard.views.frames import effectiveness as eff
from dashboard.views.frames import risks as risk_frames
from dashboard.views.frames import sources as source_frames
from packs import MINIMAL_DIR

APP = str(Path(__file__).resolve().parents[2] / "app.py")


# The minimal pack plus: a weak-to-strong figure of RLHF beside debate's oversight figure, a second
# figure for two quantities (two disagreements), and a third technique with an estimate.
EXTRA_CLAIMS = """
- id: rlhf-recovery
  quantity: {recovery}
  statement: Weak-to-strong training recovered 80 percent of the performance.
  figure: {{value: 80, unit: percent}}
  measures: performance recovered
  year: 2025
  references: [ref-wiki]
  stated_in: ref-wiki
  technique: rlhf
- id: debate-accuracy-other
  quantity: debate-judge-accuracy
  statement: Another study puts judge accuracy at 60 percent.
  figure: {{value: 60, unit: percent}}
  measures: judge accuracy on reading comprehension
  year: 2025
  references: [ref-wiki]
  stated_in: ref-wiki
  technique: debate
- id: rlhf-winrate-other
  quantity: rlhf-win-rate
  statement: Raters preferred the RLHF model in 70 percent of comparisons.
  figure: {{value: 70, unit: percent}}
  measures: preference win rate
  year: 2024
  references: [ref-gov]
  stated_in: ref-wiki
  technique: rlhf
"""
EXTRA_TECHNIQUES = """
- id: amplification
  name: Amplification
  ai_assisted: true
  summary: Humans with model help judge harder tasks.
  references: [ref-wiki]
"""
EXTRA_ESTIMATES = """
- id: est-amplification
  technique: amplification
  current: {low: 50, high: 70}
  superhuman: {low: 45, high: 55, estimate: true}
  confidence: high
  key_uncertainty: Whether errors compound.
  references: [ref-wiki]
"""


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("downloads") / "pack"
    shutil.copytree(MINIMAL_DIR, folder)
    recovery = next(q for q, label in eff.OVERSIGHT_QUANTITIES.items() if label.startswith("Weak-to-strong perf"))
    for name, extra in (
        ("claims.yaml", EXTRA_CLAIMS.format(recovery=recovery)),
        ("techniques.yaml", EXTRA_TECHNIQUES),
        ("estimates.yaml", EXTRA_ESTIMATES),
    ):
        with open(folder / name, "a", encoding="utf-8") as fh:
            fh.write(extra)
    return folder


@pytest.fixture(scope="module")
def pack(pack_dir):
    result = load_pack(pack_dir)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset


@pytest.fixture(autouse=True)
def _on_pack(monkeypatch, pack_dir):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack_dir))


def _open(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run(timeout=60)
    at.switch_page(f"pages/{page}.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)


def _filter(at: AppTest, techniques: list[str]) -> AppTest:
    at.sidebar.multiselect(key="tech").set_value(techniques).run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _both(at: AppTest, key: str, shown: pd.DataFrame, full: pd.DataFrame) -> None:
    buttons = {b.key: b for b in open_panel(at, f"{key}-downloads").download_button}
    assert f"{key}-csv" in buttons and f"{key}-csv-all" in buttons, sorted(k for k in buttons if k)
    assert serves(buttons[f"{key}-csv"], safe_csv(shown), mime="text/csv", file_name=f"{key}.csv")
    assert serves(buttons[f"{key}-csv-all"], safe_csv(full), mime="text/csv", file_name=f"{key}-all.csv")


def test_oversight_offers_every_figure_when_the_technique_filter_narrows_it(pack):
    at = _filter(_open("effectiveness"), ["debate"])
    shown = eff.oversight_table(eff.oversight_frame(pack, ["debate"]))
    full = eff.oversight_table(eff.oversight_frame(pack))
    assert 0 < len(shown) < len(full)
    recovery = eff.OVERSIGHT_QUANTITIES[pack.claim_by_id["rlhf-recovery"].quantity]
    assert recovery in set(full["Measure"]) - set(shown["Measure"])
    _both(at, "oversight", shown, full)


def test_one_disagreement_is_shown_and_every_disagreement_can_be_taken_away(pack):
    at = _open("sources")
    quantity = at.selectbox(key="dq").value
    dis = source_frames.disagreements_frame(pack)
    shown = dis[dis["quantity"] == quantity].drop(columns=["quantity", "source"])
    full = dis.drop(columns=["source"])
    assert 0 < len(shown) < len(full) and full["quantity"].nunique() > 1
    _both(at, "disagreement", shown, full)


def test_risk_coverage_offers_every_technique_when_filtered(pack):
    at = _filter(_open("risks"), ["debate"])
    shown = risk_frames.coverage_table(pack, ["debate"])
    full = risk_frames.coverage_table(pack)
    assert len(shown.columns) < len(full.columns) and len(full) == len(shown)
    _both(at, "coverage", shown, full)


def test_technique_comparison_offers_every_estimate(pack):
    at = _open("techniques", {"compare": ["AI Debate", "Amplification"]})
    shown = eff.estimates_table(eff.estimates_frame(pack, ["debate", "amplification"]))
    full = eff.estimates_table(eff.estimates_frame(pack))
    assert len(shown) == 2 < len(full)
    _both(at, "compare-effectiveness", shown, full)


def test_each_compared_technique_offers_its_figures(pack):
    """The per-technique figure tables under a comparison are downloadable like every other table."""
    from dashboard.views.frames import techniques as tech_frames

    at = _open("techniques", {"compare": ["AI Debate", "RLHF"]})
    for tid in ("debate", "rlhf"):
        claims = tech_frames.technique_claims(pack, tid)
        assert len(claims) == sum(c.technique == tid for c in pack.claims) > 0
        button = at.get("download_button")
        found = [b for b in button if b.proto.id.endswith(f"claims-{tid}-csv") or f"claims-{tid}-csv" in b.proto.id]
        assert found, f"no download for {tid}'s figures"
        assert serves(found[0], safe_csv(claims), mime="text/csv", file_name=f"{tid}-figures.csv")

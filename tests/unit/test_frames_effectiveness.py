"""Effectiveness frames on the shipped pack: exact ranges, unknowns kept unknown, sorting, oversight figures."""

from __future__ import annotations

import math

import pytest

from dashboard.views import style
from dashboard.views.frames import effectiveness as eff


def test_every_estimate_has_a_row_with_its_exact_range(shipped):
    frame = eff.estimates_frame(shipped)
    assert sorted(frame["technique"]) == sorted(e.technique for e in shipped.estimates)
    rows = frame.set_index("technique")
    for e in shipped.estimates:
        row = rows.loc[e.technique]
        for side in ("current", "superhuman"):
            r = getattr(e, side)
            if r.unknown:
                assert row[f"{side}_unknown"]
                assert math.isnan(row[f"{side}_low"]) and math.isnan(row[f"{side}_high"])
                assert row[f"{side}_text"] == "Unknown"
            else:
                assert (row[f"{side}_low"], row[f"{side}_high"]) == (r.low, r.high)
        assert row["opacity"] == style.CONFIDENCE_OPACITY[e.confidence]
        assert row["key_uncertainty"] == e.key_uncertainty


def test_unknown_superhuman_is_never_zero(shipped):
    frame = eff.estimates_frame(shipped).set_index("technique")
    auditing = frame.loc["auditing-agents"]
    assert auditing["superhuman_unknown"]
    assert math.isnan(auditing["superhuman_mid"]) and math.isnan(auditing["drop"])
    assert (auditing["current_low"], auditing["current_high"]) == (10, 42)


def test_estimate_flag_shows_in_text(shipped):
    rows = eff.estimates_frame(shipped).set_index("technique")
    assert rows.loc["weak-to-strong", "superhuman_text"] == "30–60% (est.)"
    assert rows.loc["ai-debate", "superhuman_text"] == "50–65%"


@pytest.mark.parametrize(
    ("sort", "first"),
    [("current", "automated-red-teaming"), ("superhuman", "ai-debate"), ("drop", "weak-to-strong")],
)
def test_sorts_put_the_highest_first_and_unknowns_last(shipped, sort, first):
    frame = eff.estimates_frame(shipped, sort=sort)
    assert frame["technique"].iloc[0] == first
    if sort != "current":
        assert frame["technique"].iloc[-1] == "auditing-agents"


def test_drop_is_the_difference_of_midpoints(shipped):
    rows = eff.estimates_frame(shipped).set_index("technique")
    assert rows.loc["weak-to-strong", "drop"] == pytest.approx(85 - 45)
    assert rows.loc["ai-debate", "drop"] == pytest.approx(70 - 57.5)


def test_technique_filter_narrows_rows(shipped):
    frame = eff.estimates_frame(shipped, ["ai-debate", "rlhf"])
    assert list(frame["technique"]) == ["ai-debate"]
    assert eff.estimates_frame(shipped, []).empty


def test_table_has_numbers_and_sources(shipped):
    table = eff.estimates_table(eff.estimates_frame(shipped))
    assert set(table["Technique"]) == {shipped.technique_by_id[e.technique].name for e in shipped.estimates}
    assert table["Sources"].str.contains("AI-Assisted Alignment").all()
    assert eff.estimate_references(eff.estimates_frame(shipped)) == ["wiki-ai-assisted-alignment"]


def test_oversight_figures_keep_each_source_and_the_disagreements(shipped):
    frame = eff.oversight_frame(shipped)
    by_claim = frame.set_index("claim")
    assert by_claim.loc["oversight-success-at-400-elo", "low"] == 52
    assert by_claim.loc["debate-judge-accuracy-baseline", "value"] == 59.4
    assert by_claim.loc["debate-judge-accuracy-alignment-page", "value"] == 88.9
    assert (by_claim.loc["w2s-recovery-assisted-page", "low"], by_claim.loc["w2s-recovery-assisted-page", "high"]) == (
        80,
        90,
    )
    assert (
        by_claim.loc["w2s-recovery-alignment-page", "low"],
        by_claim.loc["w2s-recovery-alignment-page", "high"],
    ) == (70, 90)
    assert by_claim.loc["w2s-recovery-assisted-page", "disagrees"]
    assert by_claim.loc["w2s-recovery-alignment-page", "disagrees"]
    assert not by_claim.loc["debate-judge-accuracy-baseline", "disagrees"]
    assert frame["row_label"].is_unique
    assert "burns-2023-weak-to-strong" in eff.claim_references(frame)
    takeaway = eff.oversight_takeaway(frame)
    assert "disagree" in takeaway and "weak-to-strong performance recovered" in takeaway


def test_oversight_respects_the_technique_filter(shipped):
    frame = eff.oversight_frame(shipped, ["weak-to-strong"])
    assert set(frame["technique"]) == {"weak-to-strong"}
    assert "oversight-success-at-400-elo" not in set(frame["claim"])


def test_range_text():
    from dashboard.pack.models import EstimateRange

    assert eff.range_text(EstimateRange(low=5, high=5)) == "5%"
    assert eff.range_text(EstimateRange(unknown=True)) == "Unknown"
    assert eff.range_text(EstimateRange(low=1, high=2, estimate=True)) == "1–2% (est.)"


def test_effectiveness_words_name_the_largest_drop(shipped):
    frame = eff.estimates_frame(shipped)
    assert eff.effectiveness_takeaway(frame) == (
        "Every estimate falls for superhuman systems; the largest drop is Weak-to-Strong Generalization "
        "(80–90% now, 30–60% (est.) superhuman)"
    )
    alt = eff.effectiveness_alt(frame)
    assert alt.startswith(
        f"Range chart of {len(frame)} techniques: Automated Red-Teaming 85–95% now, 40–70% (est.) superhuman; "
    )
    assert alt.endswith(".") and alt.count(" now, ") == len(frame)
    unknown_only = frame[frame["drop"].isna()]
    if not unknown_only.empty:
        assert eff.effectiveness_takeaway(unknown_only) == (
            "Current effectiveness by technique; no superhuman estimate is known for these"
        )
    rising = frame.head(1).assign(drop=-5.0)
    assert eff.effectiveness_takeaway(rising).startswith("The largest drop is ")

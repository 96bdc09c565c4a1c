"""Effectiveness frames on the minimal pack: exact ranges, unknowns kept unknown, sorting, oversight figures."""

from __future__ import annotations

import dataclasses
import math

import pytest

from dashboard.views import style
from dashboard.views.frames import effectiveness as eff


def test_every_estimate_has_a_row_with_its_exact_range(three_estimates):
    frame = eff.estimates_frame(three_estimates)
    assert sorted(frame["technique"]) == ["amplification", "debate", "rlhf"]
    rows = frame.set_index("technique")
    for e in three_estimates.estimates:
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


def test_unknown_superhuman_is_never_zero(mini):
    debate = eff.estimates_frame(mini).set_index("technique").loc["debate"]
    assert debate["superhuman_unknown"]
    assert math.isnan(debate["superhuman_mid"]) and math.isnan(debate["drop"])
    assert (debate["current_low"], debate["current_high"]) == (40, 60)


def test_estimate_flag_shows_in_text(three_estimates):
    rows = eff.estimates_frame(three_estimates).set_index("technique")
    assert rows.loc["amplification", "superhuman_text"] == "45–55% (est.)"
    assert rows.loc["rlhf", "superhuman_text"] == "10–30%"
    assert rows.loc["rlhf", "current_text"] == "70–90% (est.)"


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("current", ["rlhf", "amplification", "debate"]),  # midpoints 80, 60, 50
        ("superhuman", ["amplification", "rlhf", "debate"]),  # 50, 20, unknown
        ("drop", ["rlhf", "amplification", "debate"]),  # 60, 10, unknown
    ],
)
def test_sorts_put_the_highest_first_and_unknowns_last(three_estimates, sort, order):
    assert list(eff.estimates_frame(three_estimates, sort=sort)["technique"]) == order


def test_drop_is_the_difference_of_midpoints(three_estimates):
    rows = eff.estimates_frame(three_estimates).set_index("technique")
    assert rows.loc["rlhf", "drop"] == pytest.approx(80 - 20)
    assert rows.loc["amplification", "drop"] == pytest.approx(60 - 50)


def test_technique_filter_narrows_rows(three_estimates):
    frame = eff.estimates_frame(three_estimates, ["debate", "no-such-technique"])
    assert list(frame["technique"]) == ["debate"]
    assert eff.estimates_frame(three_estimates, []).empty


def test_table_has_numbers_and_sources(mini):
    table = eff.estimates_table(eff.estimates_frame(mini)).set_index("Technique")
    assert set(table.index) == {"RLHF", "AI Debate"}
    assert table.loc["RLHF", "Sources"] == "Source wiki page (2025)"
    assert table.loc["AI Debate", "Source credibility"] == "★★★★☆"
    assert (table.loc["AI Debate", "Current low (%)"], table.loc["AI Debate", "Current high (%)"]) == (40, 60)
    assert eff.estimate_references(eff.estimates_frame(mini)) == ["ref-wiki", "ref-paper"]


def test_oversight_figures_keep_each_source_and_the_disagreements(three_estimates):
    frame = eff.oversight_frame(three_estimates)
    by_claim = frame.set_index("claim")
    assert by_claim.loc["debate-accuracy", "value"] == 76
    assert (by_claim.loc["debate-accuracy-other", "low"], by_claim.loc["debate-accuracy-other", "high"]) == (60, 70)
    assert by_claim["disagrees"].all()
    assert frame["row_label"].is_unique
    assert eff.claim_references(frame) == ["ref-paper"]
    takeaway = eff.oversight_takeaway(frame)
    assert takeaway == (
        "Overseeing stronger systems: 2 figures from 1 sources, which disagree on "
        "judge accuracy on factual questions with debate"
    )
    one_source = dataclasses.replace(three_estimates, claims=three_estimates.claims[:-1])
    alone = eff.oversight_frame(one_source)
    assert not alone["disagrees"].any()
    assert eff.oversight_takeaway(alone) == "Overseeing stronger systems: 1 figures from 1 sources"
    assert len(eff.oversight_frame(one_source, quantities={})) == 0


def test_oversight_respects_the_technique_filter(three_estimates):
    assert set(eff.oversight_frame(three_estimates, ["debate"])["technique"]) == {"debate"}
    assert eff.oversight_frame(three_estimates, ["rlhf"]).empty


def test_range_text():
    from dashboard.pack.models import EstimateRange

    assert eff.range_text(EstimateRange(low=5, high=5)) == "5%"
    assert eff.range_text(EstimateRange(unknown=True)) == "Unknown"
    assert eff.range_text(EstimateRange(low=1, high=2, estimate=True)) == "1–2% (est.)"


def test_effectiveness_words_name_the_largest_drop(three_estimates):
    frame = eff.estimates_frame(three_estimates)
    assert eff.effectiveness_takeaway(frame) == (
        "Every estimate falls for superhuman systems; the largest drop is RLHF (70–90% (est.) now, 10–30% superhuman)"
    )
    alt = eff.effectiveness_alt(frame)
    assert alt == (
        "Range chart of 3 techniques: RLHF 70–90% (est.) now, 10–30% superhuman; "
        "Amplification 50–70% now, 45–55% (est.) superhuman; AI Debate 40–60% now, Unknown superhuman."
    )
    unknown_only = frame[frame["drop"].isna()]
    assert eff.effectiveness_takeaway(unknown_only) == (
        "Current effectiveness by technique; no superhuman estimate is known for these"
    )
    rising = frame.head(1).assign(drop=-5.0)
    assert eff.effectiveness_takeaway(rising).startswith("The largest drop is ")

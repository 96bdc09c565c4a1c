"""Techniques explorer frames on the minimal pack: one row each, filters, search, comparison."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from dashboard.views.frames import effectiveness as eff
from dashboard.views.frames import techniques as F


def test_one_row_per_technique_with_its_estimate(mini):
    frame = F.techniques_frame(mini)
    assert list(frame["id"]) == ["rlhf", "debate"]  # most mature first: deployed, then research
    assert list(frame["maturity_rank"]) == sorted(frame["maturity_rank"])
    rows = frame.set_index("id")
    assert rows.loc["rlhf", "current_mid"] == 80
    assert rows.loc["rlhf", "current_text"] == "70–90% (est.)"
    assert rows.loc["rlhf", "superhuman_text"] == "10–30%"
    assert math.isnan(rows.loc["debate", "superhuman_mid"])
    assert rows.loc["debate", "superhuman_text"] == "Unknown"
    assert rows.loc["debate", "n_claims"] == 1
    no_estimate = dataclasses.replace(mini, estimates=[])
    assert set(F.techniques_frame(no_estimate)["current_text"]) == {"no estimate"}


def test_labs_and_risks_are_joined_both_ways(mini):
    rows = F.techniques_frame(mini).set_index("id")
    # rlhf names no risk; Misuse names rlhf. Lab Two names rlhf; rlhf names both labs.
    assert mini.technique_by_id["rlhf"].risks == []
    assert rows.loc["rlhf", "risks"] == ["misuse"] and rows.loc["rlhf", "risk_names"] == ["Misuse"]
    assert rows.loc["rlhf", "labs"] == ["lab-one", "lab-two"]
    assert rows.loc["debate", "risks"] == ["deception"] and rows.loc["debate", "lab_names"] == ["Lab One"]


def test_links_are_http_only(mini):
    frame = F.techniques_frame(mini).set_index("id")
    assert frame.loc["debate", "link"] == "https://arxiv.org/abs/0000.00000"
    assert pd.isna(frame.loc["rlhf", "link"])  # its only reference has no link


def test_filters_combine(mini):
    frame = F.techniques_frame(mini)
    assert list(F.apply_filters(frame, maturity=["deployed"])["id"]) == ["rlhf"]
    assert F.apply_filters(frame, maturity=["deployed"], principle=["controllability"]).empty
    assert list(F.apply_filters(frame, lab=["lab-two"])["id"]) == ["rlhf"]
    assert list(F.apply_filters(frame, risk=["deception"])["id"]) == ["debate"]
    assert list(F.apply_filters(frame, ai_assisted_only=True)["id"]) == ["debate"]
    assert list(F.apply_filters(frame, category=["backward"])["id"]) == ["debate"]
    assert F.apply_filters(frame, category=["forward"], query="zzzz-no-match").empty


def test_search_is_case_insensitive_over_text_fields(mini):
    frame = F.techniques_frame(mini)
    assert list(F.apply_filters(frame, query="JUDGE")["id"]) == ["debate"]  # in the summary
    assert list(F.apply_filters(frame, query="lab one")["id"]) == ["rlhf", "debate"]  # a lab's name


def test_filter_options_only_list_values_in_use(mini):
    opts = F.filter_options(mini)
    assert list(opts["maturity"]) == ["deployed", "research"]
    assert opts["principle"] == {"controllability": "Controllability"}  # rlhf gives none
    assert opts["risk"] == {"deception": "Deceptive alignment", "misuse": "Misuse"}
    assert opts["lab"] == {"lab-one": "Lab One", "lab-two": "Lab Two"}


def test_explorer_csv_is_flat(mini):
    out = F.explorer_csv(F.techniques_frame(mini))
    assert all(isinstance(v, str) for v in out["Labs"])
    assert "Source link" in out.columns


def test_compare_frame_fields_as_rows(mini):
    cmp = F.compare_frame(mini, ["debate", "rlhf"])
    assert list(cmp.columns) == ["Field", "AI Debate", "RLHF"]
    assert list(cmp["Field"]) == [label for _, label in F.COMPARE_FIELDS]
    row = cmp.set_index("Field")
    assert row.loc["Effectiveness now", "RLHF"] == "70–90% (est.)"
    assert row.loc["Effectiveness, superhuman (est.)", "AI Debate"] == "Unknown"
    assert (row.loc["AI-assisted", "AI Debate"], row.loc["AI-assisted", "RLHF"]) == ("yes", "no")
    assert row.loc["Labs", "RLHF"] == "Lab One; Lab Two"
    assert row.loc["Mechanism", "RLHF"] == "—"


def test_technique_claims_with_sources_and_years(mini):
    claims = F.technique_claims(mini, "debate")
    assert claims[["Figure", "Year", "Sources", "Source credibility"]].values.tolist() == [
        ["76%", 2023, "A paper on debate (2023)", "★★★★☆"]
    ]
    assert F.compare_references(mini, ["debate"]) == ["ref-paper"]


def test_comparison_chart_words(mini):
    assert (
        F.COMPARE_TAKEAWAY == "Effectiveness now and the estimate for superhuman systems, for the techniques compared"
    )
    assert F.compare_alt(eff.estimates_frame(mini, ["debate", "rlhf"])) == (
        "Range chart: RLHF 70–90% (est.) now, 10–30% superhuman; AI Debate 40–60% now, Unknown superhuman."
    )

"""Techniques explorer frames on the shipped pack: one row each, filters, search, comparison."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.views.frames import techniques as F


def test_one_row_per_technique_with_its_estimate(shipped):
    frame = F.techniques_frame(shipped)
    assert sorted(frame["id"]) == sorted(t.id for t in shipped.techniques)
    rows = frame.set_index("id")
    assert rows.loc["weak-to-strong", "current_mid"] == 85
    assert rows.loc["weak-to-strong", "superhuman_text"] == "30–60% (est.)"
    assert math.isnan(rows.loc["auditing-agents", "superhuman_mid"])
    assert rows.loc["auditing-agents", "superhuman_text"] == "Unknown"
    assert rows.loc["rlhf", "current_text"] == "no estimate"
    # most mature first
    assert list(frame["maturity_rank"]) == sorted(frame["maturity_rank"])


def test_labs_and_risks_are_joined_both_ways(shipped):
    rows = F.techniques_frame(shipped).set_index("id")
    for lab in shipped.labs:
        for tid in lab.techniques:
            assert lab.id in rows.loc[tid, "labs"]
    for risk in shipped.risks:
        for tid in risk.techniques:
            assert risk.id in rows.loc[tid, "risks"]


def test_links_are_http_only(shipped):
    frame = F.techniques_frame(shipped)
    assert all(pd.isna(link) or link.startswith(("http://", "https://")) for link in frame["link"])
    assert frame["link"].notna().any()


def test_filters_combine(shipped):
    frame = F.techniques_frame(shipped)
    deployed = F.apply_filters(frame, maturity=["deployed"])
    assert set(deployed["id"]) == {t.id for t in shipped.techniques if t.maturity == "deployed"}
    both = F.apply_filters(frame, maturity=["deployed"], principle=["ethicality"])
    assert set(both["id"]) == {
        t.id for t in shipped.techniques if t.maturity == "deployed" and t.principle == "ethicality"
    }
    anth = F.apply_filters(frame, lab=["anthropic"])
    assert set(anth["id"]) >= set(shipped.lab_by_id["anthropic"].techniques)
    ai = F.apply_filters(frame, ai_assisted_only=True)
    assert len(ai) == sum(t.ai_assisted for t in shipped.techniques)
    assert F.apply_filters(frame, category=["forward"], query="zzzz-no-match").empty


def test_search_is_case_insensitive_over_text_fields(shipped):
    frame = F.techniques_frame(shipped)
    hits = F.apply_filters(frame, query="DEBATE")
    assert "ai-debate" in set(hits["id"])
    assert set(F.apply_filters(frame, query="Anthropic")["id"]) >= set(shipped.lab_by_id["anthropic"].techniques)


def test_filter_options_only_list_values_in_use(shipped):
    opts = F.filter_options(shipped)
    assert set(opts["maturity"]) == {t.maturity for t in shipped.techniques if t.maturity}
    assert list(opts["maturity"])[0] == "deployed"
    assert set(opts["risk"]) == {r.id for r in shipped.risks}


def test_explorer_csv_is_flat(shipped):
    out = F.explorer_csv(F.techniques_frame(shipped))
    assert all(isinstance(v, str) for v in out["Labs"])
    assert "Source link" in out.columns


def test_compare_frame_fields_as_rows(shipped):
    cmp = F.compare_frame(shipped, ["ai-debate", "weak-to-strong"])
    assert list(cmp.columns) == ["Field", "AI Debate", "Weak-to-Strong Generalization"]
    assert list(cmp["Field"]) == [label for _, label in F.COMPARE_FIELDS]
    row = cmp.set_index("Field")
    assert row.loc["Effectiveness now", "AI Debate"] == "60–80%"
    assert row.loc["Effectiveness, superhuman (est.)", "Weak-to-Strong Generalization"] == "30–60% (est.)"
    assert row.loc["AI-assisted", "AI Debate"] == "yes"
    assert "supervisor" in row.loc["Key uncertainty", "Weak-to-Strong Generalization"]


def test_technique_claims_with_sources_and_years(shipped):
    claims = F.technique_claims(shipped, "ai-debate")
    assert len(claims) == sum(c.technique == "ai-debate" for c in shipped.claims)
    assert "88.9%" in set(claims["Figure"]) and "59.4%" in set(claims["Figure"])
    assert claims["Sources"].str.contains(r"\(\d{4}\)|\(n\.d\.\)").all()
    refs = F.compare_references(shipped, ["ai-debate"])
    assert "irving-2018-debate" in refs


def test_comparison_chart_words(shipped):
    from dashboard.views.frames import effectiveness as eff

    frame = eff.estimates_frame(shipped, ["ai-debate", "automated-red-teaming"])
    assert (
        F.COMPARE_TAKEAWAY == "Effectiveness now and the estimate for superhuman systems, for the techniques compared"
    )
    assert F.compare_alt(frame) == (
        "Range chart: Automated Red-Teaming 85–95% now, 40–70% (est.) superhuman; AI Debate 60–80% now, 50–65% superhuman."
    )

"""Crux frames and the stance chart, on the shipped pack."""

from __future__ import annotations

import pytest

from dashboard.analysis import beliefs as b
from dashboard.views.figures import cruxes as charts
from dashboard.views.frames import cruxes as frames


def test_evidence_rows_carry_references_with_stars_and_claims_with_figures(shipped):
    ev = frames.evidence_frame(shipped, "bootstrapping-safe")
    assert set(ev["position"]) == {"Safe enough", "Dangerous"}
    assert set(ev["stance"]) == {"for", "against"}
    row = ev[ev["claim_ids"].apply(lambda ids: "cc-jailbreak-rate-with-classifiers" in ids)].iloc[0]
    assert "4.4%" in row["claims"] and "2025" in row["claims"]
    assert "Constitutional Classifiers: Defending against Universal Jailbreaks (2025) ★★★★☆" in row["references"]


def test_every_ai_assisted_crux_takes_a_credence(shipped):
    ids = [c.id for c in b.credence_cruxes(shipped)]
    assert ids == ["bootstrapping-safe", "scales-to-superhuman", "loss-of-understanding"]


def test_crux_references_include_the_evidence_references(shipped):
    refs = frames.crux_references(shipped, "bootstrapping-safe")
    assert refs[:2] == ["wiki-ai-assisted-alignment", "wiki-ai-assisted-alignment-short"]
    assert "constitutional-classifiers-paper" in refs


def test_other_cruxes_list_technical_and_strategic_with_techniques(shipped):
    all_rows = frames.other_cruxes_frame(shipped)
    assert set(all_rows["kind"]) == {"Technical crux", "Strategic question"}
    assert "ai-assisted" not in set(all_rows["id"])
    interp = all_rows.set_index("id").loc["interpretability-scales"]
    assert "Mechanistic Interpretability" in interp["related techniques"]


def test_other_cruxes_follow_the_technique_filter(shipped):
    everything = frames.other_cruxes_frame(shipped)
    narrowed = frames.other_cruxes_frame(shipped, ["mechanistic-interpretability"])
    assert "interpretability-scales" in set(narrowed["id"])
    assert len(narrowed) < len(everything)
    for cid in narrowed["id"]:
        related = shipped.crux_by_id[cid].related_techniques
        assert not related or "mechanistic-interpretability" in related


def test_beliefs_frame_names_the_driving_credence(shipped):
    frame = frames.beliefs_frame(shipped, {"bootstrapping-safe": 10})
    dangerous = frame.set_index("id").loc["bootstrapping-dangerous"]
    assert dangerous["status"] == "holds"
    assert "Is the bootstrapping safe? = 10" in dangerous["driven by"]


@pytest.mark.parametrize("credence", [10, 90])
def test_stance_figure_plots_each_crux_and_the_mean(shipped, credence):
    creds = {c.id: credence for c in b.credence_cruxes(shipped)}
    stance = b.stance(shipped, creds)
    fig = charts.stance_figure(stance, title="t")
    each, you = fig.data
    assert list(each.x) == [credence] * 3  # the high side is the optimistic one for all three
    assert list(you.x) == [pytest.approx(credence)]
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "If alignment hard: Medium" in texts and "If alignment easy: High" in texts
    assert fig.layout.height >= 300
    assert fig.layout.title.text == "t"


def test_stance_table_matches_the_chart(shipped):
    stance = b.stance(shipped, {"bootstrapping-safe": 80, "scales-to-superhuman": 20})
    table = frames.stance_frame(stance)
    assert table["your credence"].tolist() == [80, 20, 50]
    assert stance.position == pytest.approx(50)


def test_stance_words_follow_the_credences(shipped):
    low = b.stance(shipped, {c.id: 10 for c in b.credence_cruxes(shipped)})
    high = b.stance(shipped, {c.id: 90 for c in b.credence_cruxes(shipped)})
    mid = b.stance(shipped, {})
    assert (
        frames.stance_takeaway(low)
        == 'Your credences put you at 10 of 100, nearer "alignment is hard" (rated Medium there)'
    )
    assert frames.stance_takeaway(high).endswith('nearer "alignment is easy" (rated High there)')
    assert "between the hard and easy scenarios" in frames.stance_takeaway(mid)
    assert frames.stance_ends(low)[0].startswith("If alignment hard: Medium")
    alt = frames.stance_alt(low)
    assert "You are at 10" in alt and "Is the bootstrapping safe?: credence 10" in alt
    refs = frames.stance_references(shipped, low)
    assert refs[0] in {r for a in shipped.assessments if a.id == "evaluation-summary" for r in a.references}

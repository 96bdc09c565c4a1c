"""References, claim lookup, disagreements and staleness, on the minimal pack."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard.analysis import provenance as p
from dashboard.pack import models as m
from dashboard.views.figures import sources as charts
from dashboard.views.frames import sources as frames

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def disputed(mini):
    """The minimal pack plus a government report stating 60% for the debate-accuracy quantity (76% elsewhere)."""
    other = mini.claim_by_id["debate-accuracy"].model_copy(
        update={
            "id": "debate-accuracy-gov",
            "figure": m.Figure(value=60, unit="percent"),
            "references": ["ref-gov"],
            "stated_in": "ref-gov",
        }
    )
    return dataclasses.replace(mini, claims=[*mini.claims, other])


def test_every_reference_listed_with_stars_and_safe_links(mini):
    refs = frames.references_frame(mini).set_index("id")
    assert list(refs.index) == ["ref-gov", "ref-paper", "ref-wiki"]
    assert refs["link"].dropna().str.match(r"^https?://").all()
    paper = refs.loc["ref-paper"]
    assert (paper["stars"], paper["year"], paper["claims citing it"]) == ("★★★★☆", 2023, 1)
    assert paper["claims"].startswith("76% — judge accuracy on reading comprehension")
    assert refs.loc["ref-wiki", "stars"] == "unrated"


def test_reference_filters(mini):
    assert frames.references_frame(mini, kinds=["paper"])["id"].tolist() == ["ref-paper"]
    assert frames.references_frame(mini, credibility=["5"])["id"].tolist() == ["ref-gov"]
    assert frames.references_frame(mini, credibility=[frames.UNRATED])["id"].tolist() == ["ref-wiki"]
    assert frames.references_frame(mini, search="DEBATE ACCURACY")["id"].tolist() == ["ref-paper"]
    assert frames.references_frame(mini, search="no such words anywhere").empty


def test_a_figure_traced_to_its_source(mini):
    assert frames.claim_options(mini, "76%") == ["debate-accuracy"]
    d = frames.claim_detail(mini, "debate-accuracy")
    assert (d["figure"], d["year"], d["estimate"]) == ("76%", 2023, False)
    assert d["stated_in"].startswith("Source wiki page (2025)")
    assert (d["technique"], d["lab"]) == ("AI Debate", "Lab One")
    refs = d["references"].set_index("id")
    assert refs.loc["ref-paper", "credibility"] == "★★★★☆"
    assert refs.loc["ref-paper", "link"] == "https://arxiv.org/abs/0000.00000"


def test_a_disagreement_shows_both_figures(disputed):
    frame = frames.disagreements_frame(disputed)
    assert frame["figure"].tolist() == ["76%", "60%"]
    assert frame["stated in"].nunique() == 2
    assert set(frame["kind"]) == {"different figures in different texts"}
    assert frames.disagreements_frame(dataclasses.replace(disputed, claims=disputed.claims[:-1])).empty


def test_disagreements_between_texts_come_first(disputed):
    same_text = disputed.claim_by_id["safety-spend"].model_copy(
        update={"id": "safety-spend-2", "figure": m.Figure(low=12e9, high=14e9, unit="usd")}
    )
    ds = dataclasses.replace(disputed, claims=[*disputed.claims, same_text])
    summary = frames.disagreement_summary(ds)
    assert summary["kind"].tolist() == ["different figures in different texts", "different figures in the same text"]
    row = summary.set_index("quantity").loc["debate-judge-accuracy"]
    assert (row["figures"], row["stated in"]) == ("76% vs 60%", "Source wiki page vs A government report")


def test_disagreement_chart_for_both_figures(disputed):
    fig = charts.disagreement_figure(frames.disagreements_frame(disputed), title="t")
    assert [list(tr.x) for tr in fig.data] == [[76], [60]]
    texts = [a.text for a in fig.layout.annotations]
    assert "<b>76%</b>" in texts and "<b>60%</b>" in texts
    assert fig.layout.xaxis.range[0] >= 0
    assert frames.disagreement_references(disputed, "debate-judge-accuracy") == ["ref-wiki", "ref-paper", "ref-gov"]


def test_staleness_with_a_fixed_today(mini):
    src = frames.sources_staleness_frame(mini, TODAY).set_index("source text")
    # updated 2025-01-10, every 90 days: due 2025-04-10, 591 days before 2026-11-22.
    assert src.loc["Source wiki page", "status"] == "overdue by 591 days"
    files = frames.files_staleness_frame(mini, TODAY).set_index("file")
    assert set(files.index) == set(mini.meta.files)
    assert files.loc["claims.yaml", "status"] == "overdue by 646 days"  # 2025-01-15 + 30 days
    review = mini.meta.files["claims.yaml"]
    assert files.loc["claims.yaml", "status"] == p.staleness(review.last_reviewed, review.cadence_days, TODAY).label


def test_credibility_counts_add_up(mini):
    counts = frames.credibility_counts(mini)
    assert counts["references"].tolist() == [1, 1, 1]
    fig = charts.credibility_figure(counts, title="t")
    assert sum(sum(tr.x) for tr in fig.data) == 3


def test_chart_words(mini, disputed):
    assert frames.credibility_takeaway(mini) == "2 of 3 references carry four or five stars; 1 are unrated"
    d = p.disagreements(disputed)[0]
    assert frames.disagreement_takeaway(d) == (
        "judge accuracy on reading comprehension: 76% vs 60%, depending on the source"
    )
    assert frames.disagreement_alt(disputed, d) == (
        "judge accuracy on reading comprehension: 76% stated in Source wiki page (2023); "
        "60% stated in A government report (2023)."
    )

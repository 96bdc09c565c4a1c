"""References, claim lookup, disagreements and staleness, on the shipped pack."""

from __future__ import annotations

import datetime as dt

from dashboard.analysis import provenance as p
from dashboard.views.figures import sources as charts
from dashboard.views.frames import sources as frames

TODAY = dt.date(2026, 11, 22)


def test_every_reference_listed_with_stars_and_safe_links(shipped):
    refs = frames.references_frame(shipped)
    assert len(refs) == len(shipped.references)
    assert refs["link"].dropna().str.match(r"^https?://").all()
    cc = refs.set_index("id").loc["constitutional-classifiers-paper"]
    assert cc["stars"] == "★★★★☆" and cc["year"] == 2025
    assert cc["claims citing it"] >= 1 and "4.4%" in cc["claims"]
    assert refs["claims citing it"].is_monotonic_decreasing


def test_reference_filters(shipped):
    papers = frames.references_frame(shipped, kinds=["paper"])
    assert set(papers["kind"]) == {"Paper"}
    five = frames.references_frame(shipped, credibility=["5"])
    assert (five["credibility"] == 5).all()
    unrated = frames.references_frame(shipped, credibility=[frames.UNRATED])
    assert unrated["credibility"].isna().all() and len(unrated) > 0
    found = frames.references_frame(shipped, search="universal JAILBREAKS")
    assert "constitutional-classifiers-paper" in set(found["id"])
    assert len(found) < len(shipped.references)
    assert frames.references_frame(shipped, search="no such words anywhere").empty


def test_the_4_4_percent_claim_traced_to_its_source(shipped):
    options = frames.claim_options(shipped, "4.4%")
    assert "cc-jailbreak-rate-with-classifiers" in options
    d = frames.claim_detail(shipped, "cc-jailbreak-rate-with-classifiers")
    assert d["figure"] == "4.4%"
    assert d["year"] == 2025 and d["estimate"] is False
    assert d["stated_in"].startswith("AI-Assisted Alignment")
    refs = d["references"].set_index("id")
    assert refs.loc["constitutional-classifiers-paper", "credibility"] == "★★★★☆"
    assert refs.loc["constitutional-classifiers-paper", "link"] == "https://arxiv.org/abs/2501.18837"


def test_features_disagreement_shows_both_figures(shipped):
    frame = frames.disagreements_frame(shipped)
    feats = frame[frame["quantity"] == "claude-3-sonnet-features-extracted"]
    assert {"10 million", "16 million"} <= set(feats["figure"])
    assert feats["stated in"].nunique() >= 2
    assert feats["references"].str.len().gt(0).all()


def test_disagreements_between_texts_come_first(shipped):
    summary = frames.disagreement_summary(shipped)
    kinds = summary["kind"].tolist()
    assert kinds[0] == "different figures in different texts"
    assert kinds.index("different figures in the same text") > kinds.index("different figures in different texts")
    row = summary.set_index("quantity").loc["claude-3-sonnet-features-extracted"]
    assert row["figures"] == "10 million vs 16 million"
    assert " vs " in row["stated in"]


def test_disagreement_chart_for_the_features_count(shipped):
    frame = frames.disagreements_frame(shipped)
    one = frame[frame["quantity"] == "claude-3-sonnet-features-extracted"]
    fig = charts.disagreement_figure(one, title="t")
    assert [list(tr.x) for tr in fig.data] == [[10_000_000], [16_000_000]]
    texts = [a.text for a in fig.layout.annotations]
    assert "<b>10 million</b>" in texts and "<b>16 million</b>" in texts
    assert fig.layout.xaxis.range[0] >= 0
    refs = frames.disagreement_references(shipped, "claude-3-sonnet-features-extracted")
    assert {c.stated_in for c in shipped.claims if c.quantity == "claude-3-sonnet-features-extracted"} <= set(refs)


def test_staleness_with_a_fixed_today(shipped):
    src = frames.sources_staleness_frame(shipped, TODAY).set_index("source text")
    long_page = src.loc[src.index.str.startswith("AI-Assisted Alignment (Longterm Wiki, long")].iloc[0]
    # 2026-01-29 + 21 days = 2026-02-19; 276 days before 2026-11-22.
    assert long_page["status"] == "overdue by 276 days"
    files = frames.files_staleness_frame(shipped, TODAY)
    assert set(files["file"]) == set(shipped.meta.files)
    row = files.set_index("file").loc["claims.yaml"]
    review = shipped.meta.files["claims.yaml"]
    assert row["status"] == p.staleness(review.last_reviewed, review.cadence_days, TODAY).label


def test_credibility_counts_add_up(shipped):
    counts = frames.credibility_counts(shipped)
    assert counts["references"].sum() == len(shipped.references)
    fig = charts.credibility_figure(counts, title="t")
    assert sum(sum(tr.x) for tr in fig.data) == len(shipped.references)


def test_chart_words(shipped):
    assert frames.credibility_takeaway(shipped).endswith("are unrated")
    d = next(x for x in p.disagreements(shipped) if x.quantity == "claude-3-sonnet-features-extracted")
    assert frames.disagreement_takeaway(d) == (
        "Interpretable features extracted from Claude 3 Sonnet: 10 million vs 16 million, depending on the source"
    )
    assert "10 million stated in AI-Assisted Alignment (2024)" in frames.disagreement_alt(shipped, d)
    same = next(x for x in p.disagreements(shipped) if not x.sources_differ and not x.overlapping)
    assert frames.disagreement_takeaway(same).endswith("in the same text")

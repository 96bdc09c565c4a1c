"""Citations, figures as text, disagreements between sources and staleness arithmetic."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard.analysis import provenance as p
from dashboard.pack import models as m

TODAY = dt.date(2026, 3, 1)


def _claim(cid, quantity, stated_in, refs, **figure):
    return m.Claim(
        id=cid,
        quantity=quantity,
        statement="A figure.",
        figure=m.Figure(**figure),
        measures="features extracted",
        year=2024,
        references=refs,
        stated_in=stated_in,
    )


@pytest.fixture(scope="module")
def with_conflicts(mini):
    extra = [
        _claim("features-a", "features", "ref-wiki", ["ref-paper"], value=10_000_000, unit="count"),
        _claim("features-b", "features", "ref-gov", ["ref-paper"], value=16_000_000, unit="count"),
        _claim("same-a", "same", "ref-wiki", ["ref-paper"], value=5, unit="percent"),
        _claim("same-b", "same", "ref-gov", ["ref-gov"], value=5, unit="percent"),
        _claim("range-a", "recovery", "ref-wiki", ["ref-paper"], low=80, high=90, unit="percent"),
        _claim("range-b", "recovery", "ref-wiki", ["ref-paper"], low=70, high=90, unit="percent"),
        _claim("apart-a", "apart", "ref-wiki", ["ref-paper"], low=10, high=20, unit="percent"),
        _claim("apart-b", "apart", "ref-wiki", ["ref-paper"], value=20, unit="percent", qualifier="more-than"),
    ]
    return dataclasses.replace(mini, claims=[*mini.claims, *extra])


# ---- staleness --------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "cadence", "days", "label"),
    [
        (dt.date(2026, 2, 1), 30, 2, "due in 2 days"),
        (dt.date(2026, 2, 1), 29, 1, "due in 1 day"),
        (dt.date(2026, 2, 1), 28, 0, "due today"),
        (dt.date(2026, 2, 1), 27, -1, "overdue by 1 day"),
        (dt.date(2026, 1, 29), 21, -10, "overdue by 10 days"),
    ],
)
def test_staleness_arithmetic(last, cadence, days, label):
    s = p.staleness(last, cadence, TODAY)
    assert s.days == days
    assert s.label == label
    assert s.due == last + dt.timedelta(days=cadence)
    assert s.overdue == (days < 0)


def test_staleness_across_a_leap_day():
    assert p.staleness(dt.date(2024, 2, 28), 2, dt.date(2024, 3, 1)).label == "due today"


def test_file_staleness_most_overdue_first(mini):
    rows = p.file_staleness(mini, dt.date(2025, 2, 20))
    assert [(r.name, r.staleness.label) for r in rows] == [
        ("claims.yaml", "overdue by 6 days"),
        ("references.yaml", "due in 54 days"),
    ]


def test_source_staleness_uses_the_texts_own_date_and_cadence(mini):
    (row,) = p.source_staleness(mini, dt.date(2025, 4, 20))
    assert row.source.id == "src-wiki"
    assert row.staleness.due == dt.date(2025, 4, 10)
    assert row.staleness.label == "overdue by 10 days"


def test_source_without_dates_has_no_staleness(mini):
    undated = m.SourceText(id="undated", title="Undated", reference="ref-gov", holds="x")
    ds = dataclasses.replace(mini, meta=mini.meta.model_copy(update={"sources": [undated]}))
    assert p.source_staleness(ds, TODAY)[0].staleness is None


# ---- figures -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "text"),
    [
        ({"value": 4.4, "unit": "percent"}, "4.4%"),
        ({"low": 80, "high": 90, "unit": "percent"}, "80–90%"),
        ({"value": 3000, "unit": "hours", "qualifier": "at-least"}, "≥3,000 hours"),
        ({"value": 10_000_000, "unit": "count"}, "10 million"),
        ({"low": 8e9, "high": 1e10, "unit": "usd", "qualifier": "approximately"}, "≈$8–10 billion"),
        ({"value": 2e9, "unit": "usd"}, "$2 billion"),
        ({"value": 8, "unit": "multiplier"}, "8×"),
        ({"value": 20, "unit": "percent", "qualifier": "less-than"}, "<20%"),
        ({"unknown": True, "unit": "percent"}, "unknown"),
        ({"value": 2040, "unit": "year"}, "2040"),
        ({"low": 2027, "high": 2060, "unit": "year"}, "2027–2060"),
        ({"value": 1, "unit": "year", "qualifier": "less-than"}, "<1 year"),
        ({"low": 1, "high": 3, "unit": "year"}, "1–3 years"),
        ({"value": 20, "unit": "year", "qualifier": "approximately"}, "≈20 years"),
    ],
)
def test_format_figure(figure, text):
    assert p.format_figure(m.Figure(**figure)) == text


# ---- citations and lookup --------------------------------------------------


def test_citations_count_every_reference(mini):
    cites = p.citations(mini)
    assert set(cites) == {r.id for r in mini.references}
    assert cites["ref-paper"] == ["debate-accuracy"]
    assert cites["ref-gov"] == ["safety-spend"]
    assert p.statements(mini)["ref-wiki"] == ["debate-accuracy", "safety-spend", "rlhf-winrate"]


def test_reference_label_shows_stars_or_unrated(mini):
    assert p.rated_label(mini.reference_by_id["ref-paper"]) == "A paper on debate (2023) ★★★★☆"
    assert p.rated_label(mini.reference_by_id["ref-wiki"]).endswith("unrated")


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("76", ["debate-accuracy"]),
        ("76%", ["debate-accuracy"]),
        ("8–10", ["safety-spend"]),
        ("10000000000", ["safety-spend"]),
        ("JUDGE accuracy", ["debate-accuracy"]),
        ("", ["debate-accuracy", "safety-spend", "rlhf-winrate"]),
        ("no such thing", []),
    ],
)
def test_find_claims(mini, query, ids):
    assert [c.id for c in p.find_claims(mini, query)] == ids


# ---- disagreements -----------------------------------------------------------


def test_no_disagreement_in_a_pack_without_shared_quantities(mini):
    assert p.disagreements(mini) == []


def test_features_count_disagreement_found_with_both_figures(with_conflicts):
    found = {d.quantity: d for d in p.disagreements(with_conflicts)}
    d = found["features"]
    assert sorted(c.figure.value for c in d.claims) == [10_000_000, 16_000_000]
    assert d.figures_differ and d.sources_differ
    assert d.kind == "different figures in different texts"
    assert found["apart"].kind == "different figures in the same text"


def test_overlapping_ranges_are_labelled_overlapping_not_a_disagreement(with_conflicts):
    """70-90% and 80-90% can both hold: shown as overlapping; 10-20% and >20% cannot."""
    found = {d.quantity: d for d in p.disagreements(with_conflicts)}
    assert found["recovery"].overlapping and not found["apart"].overlapping
    assert found["recovery"].kind == "overlapping figures, not a disagreement"
    assert not found["features"].overlapping


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ({"value": 1, "qualifier": "approximately"}, {"value": 5, "qualifier": "less-than"}, True),
        ({"value": 20}, {"value": 20, "qualifier": "less-than"}, False),
        ({"value": 95, "qualifier": "at-least"}, {"low": 85, "high": 95}, True),
        ({"low": 1, "high": 50, "open_high": True}, {"value": 60}, True),
    ],
)
def test_figure_spans(a, b, overlap):
    fa, fb = m.Figure(unit="percent", **a), m.Figure(unit="percent", **b)
    (la, ha), (lb, hb) = p.figure_span(fa), p.figure_span(fb)  # type: ignore[misc]
    assert (la <= hb and lb <= ha) is overlap


def test_same_figure_in_two_texts_only_on_request(with_conflicts):
    assert "same" not in {d.quantity for d in p.disagreements(with_conflicts)}
    agreeing = {d.quantity: d for d in p.disagreements(with_conflicts, include_agreeing=True)}
    assert agreeing["same"].kind == "the same figure stated in different texts"
    # Disagreeing figures come first.
    kinds = [d.figures_differ for d in p.disagreements(with_conflicts, include_agreeing=True)]
    assert kinds == sorted(kinds, reverse=True)


def test_one_hour_is_singular_and_open_ranges_keep_their_plus():
    assert p.format_figure(m.Figure(value=1, unit="hours", qualifier="approximately")) == "≈1 hour"
    assert p.format_figure(m.Figure(value=3000, unit="hours", qualifier="at-least")) == "≥3,000 hours"
    assert p.format_figure(m.Figure(low=1, high=3, unit="hours")) == "1–3 hours"
    assert p.format_figure(m.Figure(low=1, high=50, unit="percent", open_high=True)) == "1–50%+"
    assert not p.same_figure(
        m.Figure(low=1, high=50, unit="percent", open_high=True), m.Figure(low=1, high=50, unit="percent")
    )
    with pytest.raises(ValueError, match="open_high marks a range"):
        m.Figure(value=50, unit="percent", open_high=True)


def test_open_range_and_hour_figures():
    assert p.format_figure(m.Figure(low=1, high=50, unit="percent", open_high=True)) == "1–50%+"
    assert p.format_figure(m.Figure(value=1, unit="hours", qualifier="approximately")) == "≈1 hour"


@pytest.mark.parametrize("pack", ["mini", "shipped"])
def test_claims_table_and_sources_page_flag_the_same_quantities(request, pack):
    """One rule: the claims table marks a quantity as disagreeing exactly when the Sources page lists it."""
    from dashboard.views.frames.claims import claims_frame

    ds = request.getfixturevalue(pack)
    if pack == "mini":  # a second, different figure of the debate-accuracy quantity
        other = ds.claim_by_id["debate-accuracy"].model_copy(
            update={"id": "debate-accuracy-other", "figure": m.Figure(value=60, unit="percent")}
        )
        ds = dataclasses.replace(ds, claims=[*ds.claims, other])
    listed = {d.quantity for d in p.disagreements(ds)}
    assert listed
    frame = claims_frame(ds, [c.id for c in ds.claims])
    flagged = set(frame.loc[frame["disagrees"], "quantity"])
    assert flagged == listed
    # Shown alone, a claim still carries its quantity's flag (the table used to compare only the rows shown).
    one = next(c for c in ds.claims if c.quantity in listed)
    assert bool(claims_frame(ds, [one.id])["disagrees"].iloc[0])


def test_disagreements_are_found_once_per_pack_and_handed_out_as_a_new_list(with_conflicts):
    first, again = p.disagreements(with_conflicts), p.disagreements(with_conflicts)
    assert first == again and first is not again
    assert [a is b for a, b in zip(first, again, strict=True)] == [True] * len(first)  # the same objects
    first.clear()  # a caller's list is its own
    assert [d.quantity for d in p.disagreements(with_conflicts)] == [d.quantity for d in again]
    agreeing = p.disagreements(with_conflicts, include_agreeing=True)
    assert "same" in {d.quantity for d in agreeing} and "same" not in {d.quantity for d in again}


def test_claim_labels_name_every_claim(with_conflicts):
    labels = p.claim_labels(with_conflicts)
    assert labels == {c.id: p.claim_label(c) for c in with_conflicts.claims}
    assert p.claim_labels(with_conflicts) is labels

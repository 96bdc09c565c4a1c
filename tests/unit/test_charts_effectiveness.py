"""The effectiveness range chart and the oversight chart, asserted on the figure's data (minimal pack plus one
estimate and one differing figure, tests/unit/conftest.py)."""

from __future__ import annotations

import pytest

from dashboard.pack import vocab
from dashboard.views import phone_layout, phone_matrix, style
from dashboard.views.figures import effectiveness as charts
from dashboard.views.frames import effectiveness as eff


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_every_technique_is_drawn_with_its_exact_range(three_estimates):
    frame = eff.estimates_frame(three_estimates)
    fig = charts.effectiveness_figure(frame)
    for side, label in (("current", "Current systems"), ("superhuman", "Superhuman systems")):
        t = _trace(fig, label)
        assert t.orientation == "h" and t.type == "bar"
        drawn = dict(zip(t.y, zip(t.base, t.x)))
        for e in three_estimates.estimates:
            name = three_estimates.technique_by_id[e.technique].name
            r = getattr(e, side)
            base, width = drawn[name]
            if r.unknown:
                assert base is None and width is None  # no number, never 0
            else:
                assert base == r.low and base + width == pytest.approx(r.high)
                assert t.marker.color == (style.CURRENT_COLOUR if side == "current" else style.SUPERHUMAN_COLOUR)


def test_unknown_is_a_labelled_band(three_estimates):
    fig = charts.effectiveness_figure(eff.estimates_frame(three_estimates))
    unknown = [t for t in fig.data if t.name and t.name.startswith(charts.UNKNOWN_LABEL)]
    assert len(unknown) == 1
    t = unknown[0]
    assert list(t.y) == ["AI Debate"]
    assert all("Unknown" in s for s in t.text)
    assert t.meta["side"] == "superhuman" and t.meta["unknown"] is True


def test_confidence_is_opacity_and_pattern_explained_in_the_legend(three_estimates):
    frame = eff.estimates_frame(three_estimates)
    fig = charts.effectiveness_figure(frame)
    current = _trace(fig, "Current systems")
    opacity = dict(zip(current.y, current.marker.opacity))
    pattern = dict(zip(current.y, current.marker.pattern.shape))
    for e in three_estimates.estimates:
        name = three_estimates.technique_by_id[e.technique].name
        assert opacity[name] == style.CONFIDENCE_OPACITY[e.confidence]
        assert pattern[name] == style.CONFIDENCE_PATTERN[e.confidence]
    assert len(set(style.CONFIDENCE_PATTERN.values())) == len(style.CONFIDENCE_PATTERN)  # each level its own
    legend = [t for t in fig.data if t.meta and t.meta.get("legend_only")]
    levels = [c for c in vocab.CONFIDENCE_ORDER if c in set(frame["confidence"])]
    # one entry per level present, a neutral swatch with its opacity and pattern; the series keep their own
    assert [t.name for t in legend] == [f"{vocab.CONFIDENCE_LABELS[c]} confidence" for c in levels]
    assert [t.marker.pattern.shape for t in legend] == [style.CONFIDENCE_PATTERN[c] for c in levels]
    assert {t.marker.line.color for t in legend} == {style.NEUTRAL_TEXT}
    shown = [t.name for t in fig.data if t.showlegend is not False and not (t.meta and t.meta.get("legend_only"))]
    assert set(shown) >= {"Current systems", "Superhuman systems"}


def test_compact_layout_puts_labels_above_bars(three_estimates):
    fig = charts.effectiveness_figure(eff.estimates_frame(three_estimates))
    small = phone_layout.compact(fig)
    assert small is not fig and small.layout.meta["compact"] is True
    assert small.layout.margin.l <= 24  # no label column beside the bars
    assert small.layout.yaxis.showticklabels is False  # the row labels are notes above the bars, so plotly
    labels = [a for a in small.layout.annotations if a.name == phone_matrix.CATEGORY_LABEL]  # keeps the x-axis ticks
    assert {a.text.replace("<br>", " ") for a in labels} >= set(eff.estimates_frame(three_estimates)["name"])
    assert (small.layout.legend.yref, small.layout.legend.y, small.layout.legend.yanchor) == (
        "container",
        0,
        "bottom",
    )  # at the foot
    assert fig.layout.margin.l > 100  # the desktop figure is untouched


def test_hover_has_uncertainty_flag_and_sources(three_estimates):
    fig = charts.effectiveness_figure(eff.estimates_frame(three_estimates))
    t = _trace(fig, "Superhuman systems")
    row = next(c for c in t.customdata if c[0] == "Amplification")
    assert row[2] == "45–55% (est.)"
    assert row[5].replace("<br>", " ") == "Human feedback does not scale past human ability."
    assert "Source wiki page (2025)" in row[6]


def test_rows_follow_the_frame_order_top_down(three_estimates):
    frame = eff.estimates_frame(three_estimates, sort="drop")
    fig = charts.effectiveness_figure(frame)
    assert list(fig.layout.yaxis.categoryarray) == list(reversed(list(frame["name"])))


def test_sizes_readable_on_a_projector(three_estimates):
    fig = charts.effectiveness_figure(eff.estimates_frame(three_estimates))
    assert fig.layout.font.size >= style.MIN_FONT_SIZE
    assert fig.layout.xaxis.tickfont.size >= style.MIN_FONT_SIZE
    assert fig.layout.yaxis.tickfont.size >= style.MIN_FONT_SIZE
    assert fig.layout.height >= 400
    assert all(t.textfont.size is None or t.textfont.size >= style.MIN_FONT_SIZE for t in fig.data if t.type == "bar")


def test_empty_frame_gives_an_empty_chart(three_estimates):
    fig = charts.effectiveness_figure(eff.estimates_frame(three_estimates, []))
    assert all(len(t.y or []) in (0, 1) for t in fig.data)


def test_oversight_chart_shows_every_figure_with_its_source(three_estimates):
    frame = eff.oversight_frame(three_estimates)
    fig = charts.oversight_figure(frame)
    texts = [s for t in fig.data if t.type == "scatter" for s in t.text]
    assert any(s.strip().startswith("76%") and "sources differ" in s for s in texts)
    assert any(s.strip().startswith("60–70%") and "sources differ" in s for s in texts)
    labels = [y for t in fig.data if t.type == "scatter" for y in t.y]
    assert labels == list(frame["row_label"])
    assert all("per Source wiki page" in y for y in labels)
    bars = {y: (b, x) for t in fig.data if t.type == "bar" for y, b, x in zip(t.y, t.base, t.x) if b is not None}
    other = frame.set_index("claim").loc["debate-accuracy-other", "row_label"]
    assert bars[other] == (60, 10)
    one = charts.oversight_figure(eff.oversight_frame(three_estimates, quantities={}))
    assert not [y for t in one.data for y in (t.y or [])]


def test_oversight_labels_take_the_right_margin_and_leave_the_axis_to_the_figures(three_estimates):
    """The labels beside the marks ("60–70% (sources differ)") are held by the right margin alone: an axis
    that also ran to 130% left the plot 242 px of an 820 px chart at 1280 px."""
    fig = charts.oversight_figure(eff.oversight_frame(three_estimates))
    lo, hi = fig.layout.xaxis.range
    assert (lo, charts.AXIS_MAX) == (0, 100) and charts.AXIS_MAX < hi <= charts.AXIS_MAX + 5
    texts = [line for t in fig.data if t.type == "scatter" for s in t.text for line in s.split("<br>")]
    assert fig.layout.margin.r >= max(len(x) for x in texts) * (style.MIN_FONT_SIZE + 1) * 0.55
    assert all(t.cliponaxis is False for t in fig.data if t.type == "scatter")

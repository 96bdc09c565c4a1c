"""The stance chart on a hand-made pack: the 'You' marker moves with the credences."""

from __future__ import annotations

import pytest

from dashboard.analysis import beliefs as b
from dashboard.views.figures import cruxes as charts


@pytest.mark.parametrize("credence", [0, 35, 50, 100])
def test_marker_follows_the_credence(mini, credence):
    fig = charts.stance_figure(b.stance(mini, {"debate-works": credence}), title="Where you stand")
    assert list(fig.data[1].x) == [credence]
    assert fig.data[1].text == (f"{credence}",)


def test_ends_are_labelled_even_without_an_evaluation_summary(mini):
    fig = charts.stance_figure(b.stance(mini, {}), title="x")
    texts = [a.text for a in fig.layout.annotations]
    assert any("hard" in t for t in texts) and any("easy" in t for t in texts)


def test_fonts_are_projector_sized(mini):
    fig = charts.stance_figure(b.stance(mini, {}), title="x")
    assert all(a.font.size >= 14 for a in fig.layout.annotations)
    assert fig.data[1].textfont.size >= 14

"""Every chart of the crux, risk, approach and source pages is readable on a projector:
no text under 14 px, an explicit height, a one-line takeaway title, shared colours only."""

from __future__ import annotations

import re

import pytest

from dashboard.analysis import beliefs as b
from dashboard.views import style
from dashboard.views.figures import approaches as ca
from dashboard.views.figures import cruxes as cc
from dashboard.views.figures import risks as cr
from dashboard.views.figures import sources as cs
from dashboard.views.frames import approaches as fa
from dashboard.views.frames import risks as fr
from dashboard.views.frames import sources as fs

TITLE = "A one-line takeaway"
OKABE_ITO = {
    c.upper()
    for c in (
        style.BLACK,
        style.ORANGE,
        style.SKY,
        style.GREEN,
        style.YELLOW,
        style.BLUE,
        style.VERMILION,
        style.PURPLE,
        style.GREY,
    )
}
# Cells that carry black words use the palette's colours lightened with white (``style.tint``).
OKABE_ITO |= {style.tint(c, style.CELL_TINT).upper() for c in OKABE_ITO}


def _figures(ds):
    dis = fs.disagreements_frame(ds)
    first = dis["quantity"].iloc[0]
    return {
        "stance": cc.stance_figure(b.stance(ds, {"debate-works": 80}), title=TITLE),
        "coverage": cr.coverage_figure(fr.coverage_frame(ds), title=TITLE),
        "scalability": ca.scalability_figure(fa.scalability_frame(ds), title=TITLE),
        "events": ca.events_figure(fa.events_frame(ds), title=TITLE),
        "credibility": cs.credibility_figure(fs.credibility_counts(ds), title=TITLE),
        "disagreement": cs.disagreement_figure(dis[dis["quantity"] == first], title=TITLE),
    }


def _font_sizes(obj, path=""):
    """Every explicit font size anywhere in a figure's JSON, with where it is."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "size" and "font" in path.rsplit(".", 1)[-1] and isinstance(v, (int, float)):
                yield path, v
            yield from _font_sizes(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _font_sizes(v, f"{path}[{i}]")


@pytest.fixture(scope="module")
def figures(three_estimates):
    """On the minimal pack plus a second, differing debate-accuracy figure (so there is a disagreement)."""
    return _figures(three_estimates)


@pytest.mark.parametrize("name", ["stance", "coverage", "scalability", "events", "credibility", "disagreement"])
def test_projector_ready(figures, name):
    fig = figures[name]
    spec = fig.to_plotly_json()
    sizes = list(_font_sizes(spec))
    assert len(sizes) >= 3  # the check sees the figure's fonts
    small = [(p, s) for p, s in sizes if s < 14]
    assert not small, small
    assert fig.layout.height and fig.layout.height >= 280
    assert fig.layout.title.text == TITLE
    # inline HTML sizes (e.g. a second line in a label) are projector-sized too
    inline = [int(x) for x in re.findall(r"font-size:\s*(\d+)px", fig.to_json())]
    assert all(x >= 14 for x in inline), inline


@pytest.mark.parametrize("name", ["stance", "coverage", "scalability", "events", "credibility", "disagreement"])
def test_colours_come_from_the_shared_palette(figures, name):
    text = figures[name].to_json()
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", text)}
    assert used <= OKABE_ITO, used - OKABE_ITO

"""The how-it-works flow on a phone (views.phone_flow): two columns side by side, later stages under them,
no box on another, no arrow or joining line across a box, everything inside the plot."""

from __future__ import annotations

import pytest

from dashboard.views import phone_flow
from dashboard.views.figures.flow import GAP_PX, flow_figure
from dashboard.views.frames import overview as F
from dashboard.views.phone_layout import compact
from flows import CONVERGING, CURRENT, FUTURE, TASKS, flow_frames


def _boxes(fig) -> dict[str, tuple[float, float]]:
    return {a.name[len("node:") :]: (a.x, a.y) for a in fig.layout.annotations if (a.name or "").startswith("node:")}


def _crosses(segment, box) -> bool:
    """Whether a straight segment passes through the inside of a box (x, row) of the phone layout."""
    (x0, y0), (x1, y1) = segment
    bx, by = box
    left, right = bx - phone_flow.HALF_WIDTH + 0.01, bx + phone_flow.HALF_WIDTH - 0.01
    top, bottom = by - phone_flow.HALF_HEIGHT + 0.01, by + phone_flow.HALF_HEIGHT - 0.01
    for k in range(101):
        x, y = x0 + (x1 - x0) * k / 100, y0 + (y1 - y0) * k / 100
        if left < x < right and top < y < bottom:
            return True
    return False


def _sign(v: float) -> int:
    return (v > 0) - (v < 0)


def _segments(fig):
    """The arrows and joining lines as drawn. An arrow at a box's centre stops at its outline: its standoff
    (in pixels) is the box's half size, asserted here; the drawn arrow is measured by the render audit."""
    centres = {(a.x, a.y): a for a in fig.layout.annotations if (a.name or "").startswith("node:")}
    arrows = []
    for a in (a for a in fig.layout.annotations if a.showarrow):
        (x0, y0), (x1, y1) = (a.ax, a.ay), (a.x, a.y)
        sx, sy = _sign(x1 - x0), _sign(y1 - y0)
        assert not (sx and sy), "the phone's arrows run across or down"
        for end, key in (((a.ax, a.ay), "startstandoff"), ((a.x, a.y), "standoff")):
            box = centres.get(end)
            if box is None:
                assert not a[key]
            elif sx:
                assert a[key] == box.width / 2 + box.borderpad + box.borderwidth / 2 + GAP_PX
            else:
                assert a[key] > box.borderpad
        if (a.ax, a.ay) in centres:
            x0, y0 = x0 + sx * phone_flow.HALF_WIDTH, y0 + sy * phone_flow.HALF_HEIGHT
        if (a.x, a.y) in centres:
            x1, y1 = x1 - sx * phone_flow.HALF_WIDTH, y1 - sy * phone_flow.HALF_HEIGHT
        arrows.append(((x0, y0), (x1, y1)))
    lines = [((s.x0, s.y0), (s.x1, s.y1)) for s in fig.layout.shapes]
    return arrows, lines


def test_the_phones_flow_keeps_pairs_side_by_side_and_stacks_the_later_stages():
    fig = compact(flow_figure(*CONVERGING))
    boxes = _boxes(fig)
    assert fig.layout.meta["compact"] is True
    assert [boxes[n] for n in ("red-teaming", "interpretability", "evaluation")] == [(0, 0), (0, 1), (0, 2)]
    assert [boxes[n] for n in ("find", "label", "assess")] == [(1, 0), (1, 1), (1, 2)]
    assert [boxes[n] for n in ("stronger", "superhuman")] == [(1, 3), (1, 4)]
    assert len(set(boxes.values())) == len(boxes)  # no box on another
    heading = next(a for a in fig.layout.annotations if a.name == f"stage:{FUTURE}")
    assert (heading.x, heading.y, heading.yref) == (0, 3, "y")  # beside its first box, in the free column
    xs, ys = fig.layout.xaxis.range, fig.layout.yaxis.range
    assert xs[0] <= -phone_flow.HALF_WIDTH and xs[1] > phone_flow.BUS_X
    assert ys[0] >= 4 + phone_flow.HALF_HEIGHT and ys[1] <= -phone_flow.HALF_HEIGHT  # rows downwards


def test_the_phones_flow_draws_every_edge_and_nothing_across_a_box():
    fig = compact(flow_figure(*CONVERGING))
    boxes = _boxes(fig)
    arrows, lines = _segments(fig)
    # three side by side, one below (stronger to superhuman), and the three tasks' lines to the line at the
    # right, which turns into the stronger model with one arrowhead
    assert len(arrows) == 8 and len(lines) == 1
    heads = [(a.ax, a.ay, a.x, a.y) for a in fig.layout.annotations if a.showarrow and a.arrowhead]
    assert len(heads) == 5 and (phone_flow.BUS_X, 3, 1, 3) in heads
    assert lines == [((phone_flow.BUS_X, 0), (phone_flow.BUS_X, 3))]
    for segment in arrows + lines:
        assert not any(_crosses(segment, box) for box in boxes.values()), segment


def test_the_minimal_packs_flow_on_a_phone(mini):
    fig = compact(flow_figure(*F.flow_frames(mini)))
    boxes = _boxes(fig)
    assert len(boxes) == len(mini.outlook.flow_nodes)
    arrows, lines = _segments(fig)
    assert len(arrows) == len(mini.outlook.flow_edges) and lines == []  # no box with several arrows into it
    for segment in arrows:
        assert not any(_crosses(segment, box) for box in boxes.values())
    texts = [a.text for a in fig.layout.annotations if (a.name or "").startswith("node:")]
    assert all(line and len(line) <= 16 for t in texts for line in t.split("<br>"))


@pytest.mark.parametrize(
    "edges",
    [[("a", "z")], [("b", "a")]],  # helper straight to a later stage; a task back to a helper
)
def test_a_flow_the_phone_layout_cannot_draw_keeps_the_narrow_columns(edges):
    nodes, frame = flow_frames({CURRENT: ["a"], TASKS: ["b"], FUTURE: ["z"]}, edges)
    fig = compact(flow_figure(nodes, frame))
    assert sorted(x for x, _ in _boxes(fig).values()) == [0, 1, 2]  # the three columns, narrowed
    assert fig.layout.shapes == ()

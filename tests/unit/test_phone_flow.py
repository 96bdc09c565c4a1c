"""The how-it-works flow on a phone (views.phone_flow): two columns side by side, later stages under them,
no box on another, no arrow or joining line across a box, everything inside the plot."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.pack import vocab
from dashboard.views import phone_flow
from dashboard.views.figures.flow import flow_figure
from dashboard.views.frames import overview as F
from dashboard.views.variants import compact

CURRENT, TASKS, FUTURE = vocab.FLOW_STAGE_ORDER


def _frames(stages: dict[str, list[str]], edges: list[tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = [
        {"id": node, "label": node.replace("-", " ").title(), "stage": stage,
         "stage_label": vocab.FLOW_STAGE_LABELS[stage], "column": vocab.FLOW_STAGE_ORDER.index(stage), "row": row}
        for stage, ids in stages.items() for row, node in enumerate(ids)
    ]  # fmt: skip
    frame = pd.DataFrame(nodes)
    frame["n_in_column"] = frame.groupby("column")["id"].transform("count")
    return frame, pd.DataFrame(edges, columns=["source", "target"])


# Three helpers, each with its task, all tasks feeding one stronger model, which leads to the last.
CONVERGING = _frames(
    {CURRENT: ["red-teaming", "interpretability", "evaluation"], TASKS: ["find", "label", "assess"],
     FUTURE: ["stronger", "superhuman"]},
    [("red-teaming", "find"), ("interpretability", "label"), ("evaluation", "assess"), ("find", "stronger"),
     ("label", "stronger"), ("assess", "stronger"), ("stronger", "superhuman")],
)  # fmt: skip


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


def _segments(fig):
    arrows = [((a.ax, a.ay), (a.x, a.y)) for a in fig.layout.annotations if a.showarrow]
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
    # three side by side, one below (stronger to superhuman), one into the stronger model by the line at the
    # right, which the three tasks join
    assert len(arrows) == 5 and len(lines) == 4
    into_stronger = [a for a in arrows if a[1] == (1 + phone_flow.HALF_WIDTH, 3)]
    assert into_stronger and into_stronger[0][0] == (phone_flow.BUS_X, 3)
    for segment in arrows + lines:
        assert not any(_crosses(segment, box) for box in boxes.values()), segment


def test_the_minimal_packs_flow_on_a_phone(mini):
    fig = compact(flow_figure(*F.flow_frames(mini)))
    boxes = _boxes(fig)
    assert len(boxes) == len(mini.outlook.flow_nodes)
    arrows, lines = _segments(fig)
    assert len(arrows) == len(mini.outlook.flow_edges) and lines == []
    for segment in arrows:
        assert not any(_crosses(segment, box) for box in boxes.values())
    texts = [a.text for a in fig.layout.annotations if (a.name or "").startswith("node:")]
    assert all(line and len(line) <= 16 for t in texts for line in t.split("<br>"))


@pytest.mark.parametrize(
    "edges",
    [[("a", "z")], [("b", "a")]],  # helper straight to a later stage; a task back to a helper
)
def test_a_flow_the_phone_layout_cannot_draw_keeps_the_narrow_columns(edges):
    nodes, frame = _frames({CURRENT: ["a"], TASKS: ["b"], FUTURE: ["z"]}, edges)
    fig = compact(flow_figure(nodes, frame))
    assert sorted(x for x, _ in _boxes(fig).values()) == [0, 1, 2]  # the three columns, narrowed
    assert fig.layout.shapes == ()

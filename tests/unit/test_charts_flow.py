"""The how-it-works flow diagram, asserted on the figure's data."""

from __future__ import annotations

from dashboard.pack import vocab
from dashboard.views import variants
from dashboard.views.figures import flow
from dashboard.views.frames import overview as F
from flows import CONVERGING


def test_nodes_sit_in_three_columns_by_stage(shipped):
    nodes, edges = F.flow_frames(shipped)
    fig = flow.flow_figure(nodes, edges)
    traces = {t.meta["stage"]: t for t in fig.data}
    assert set(traces) == set(vocab.FLOW_STAGE_ORDER)
    for stage, t in traces.items():
        expected = [n.label for n in shipped.outlook.flow_nodes if n.stage == stage]
        assert list(t.text) == expected
        assert set(t.x) == {float(vocab.FLOW_STAGE_ORDER.index(stage))}


def test_one_arrow_per_edge_and_stage_titles(shipped):
    nodes, edges = F.flow_frames(shipped)
    fig = flow.flow_figure(nodes, edges)
    names = [a.name for a in fig.layout.annotations if str(a.name).startswith(flow.EDGE)]
    assert names == [f"{flow.EDGE}{e.source}>{e.target}" for e in shipped.outlook.flow_edges]
    titles = [a.text for a in fig.layout.annotations if not a.showarrow and a.yref == "paper"]
    assert titles == [f"<b>{vocab.FLOW_STAGE_LABELS[s]}</b>" for s in vocab.FLOW_STAGE_ORDER]
    boxes = [a.text.replace("<br>", " ") for a in fig.layout.annotations if not a.showarrow and a.yref != "paper"]
    assert sorted(boxes) == sorted(n.label for n in shipped.outlook.flow_nodes)


def test_arrows_point_from_source_to_target(shipped):
    nodes, edges = F.flow_frames(shipped)
    fig = flow.flow_figure(nodes, edges)
    arrows = [a for a in fig.layout.annotations if str(a.name).startswith(flow.EDGE)]
    for a, e in zip(arrows, shipped.outlook.flow_edges, strict=True):
        src = nodes.set_index("id").loc[e.source, "column"]
        tgt = nodes.set_index("id").loc[e.target, "column"]
        if src == tgt:
            assert a.ay > a.y  # downwards within a column
        else:
            assert a.ax < a.x  # left to right


def _node(fig, node_id):
    return next(a for a in fig.layout.annotations if a.name == flow.NODE + node_id)


def _half_width(box) -> float:
    return box.width / 2 + box.borderpad + box.borderwidth / 2


def test_arrows_stop_at_the_box_outlines_in_pixels_and_several_into_one_box_join_on_a_line():
    """A box is a fixed number of pixels wide and a column's distance is not: an arrow that stopped at a box's
    edge in the axis' units ran into the boxes on a laptop and stopped short of them on a wide screen. Arrows
    run between centres and stand off by the boxes' half sizes in pixels."""
    fig = flow.flow_figure(*CONVERGING)
    notes = {a.name: a for a in fig.layout.annotations if a.showarrow}
    across = notes[flow.EDGE + "red-teaming>find"]
    assert (across.ax, across.ay) == (_node(fig, "red-teaming").x, _node(fig, "red-teaming").y)
    assert (across.x, across.y) == (_node(fig, "find").x, _node(fig, "find").y)
    assert across.startstandoff == across.standoff == _half_width(_node(fig, "find")) + flow.GAP_PX
    assert across.arrowhead == 3
    stronger = _node(fig, "stronger")
    # The three tasks join on one line half way to the stronger model, which one arrowhead enters.
    for task in ("find", "label", "assess"):
        line = notes[f"{flow.EDGE}{task}>stronger"]
        assert line.arrowhead == 0 and (line.x, line.y) == (1.5, _node(fig, task).y)
        assert line.startstandoff == _half_width(_node(fig, task)) + flow.GAP_PX and not line.standoff
    (bus,) = fig.layout.shapes
    ys = [_node(fig, t).y for t in ("find", "label", "assess")] + [stronger.y]
    assert (bus.x0, bus.x1, bus.y0, bus.y1) == (1.5, 1.5, min(ys), max(ys))
    into = notes[flow.JOIN + "stronger"]
    assert (into.ax, into.ay, into.x, into.y) == (1.5, stronger.y, stronger.x, stronger.y)
    assert into.standoff == _half_width(stronger) + flow.GAP_PX and not into.startstandoff
    # Down a column: from the bottom of one box to the top of the next (one line of 16 px type each).
    down = notes[flow.EDGE + "stronger>superhuman"]
    assert down.startstandoff == down.standoff == 1.3 * 16 / 2 + stronger.borderpad + stronger.borderwidth / 2 + 1


def test_a_slides_larger_boxes_move_the_arrows_ends_with_them():
    fig = variants.slide_figure(flow.flow_figure(*CONVERGING))
    find = _node(fig, "find")
    assert find.width > flow.BOX_WIDTH_PX
    across = next(a for a in fig.layout.annotations if a.name == flow.EDGE + "red-teaming>find")
    assert across.standoff == _half_width(find) + flow.GAP_PX

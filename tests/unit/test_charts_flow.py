"""The how-it-works flow diagram, asserted on the figure's data."""

from __future__ import annotations

from dashboard.pack import vocab
from dashboard.views.figures import flow
from dashboard.views.frames import overview as F


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
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == len(shipped.outlook.flow_edges)
    titles = [a.text for a in fig.layout.annotations if not a.showarrow and a.yref == "paper"]
    assert titles == [f"<b>{vocab.FLOW_STAGE_LABELS[s]}</b>" for s in vocab.FLOW_STAGE_ORDER]
    boxes = [a.text.replace("<br>", " ") for a in fig.layout.annotations if not a.showarrow and a.yref != "paper"]
    assert sorted(boxes) == sorted(n.label for n in shipped.outlook.flow_nodes)


def test_arrows_point_from_source_to_target(shipped):
    nodes, edges = F.flow_frames(shipped)
    fig = flow.flow_figure(nodes, edges)
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    for a, e in zip(arrows, shipped.outlook.flow_edges):
        src = nodes.set_index("id").loc[e.source, "column"]
        tgt = nodes.set_index("id").loc[e.target, "column"]
        if src == tgt:
            assert a.ay > a.y  # downwards within a column
        else:
            assert a.ax < a.x  # left to right

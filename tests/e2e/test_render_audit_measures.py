"""The render audit's own arithmetic, on made-up boxes and pixels (no browser): contrast against the colours
behind a text, rotated labels that do not touch, and what a taken-away file must say."""

from __future__ import annotations

import numpy as np
from render_audit import Rules, backgrounds, chart_findings, contrast, file_findings


def _text(t, box, colour="rgb(0, 0, 0)", quad=None, px=16):
    return {"t": t, "box": box, "quad": quad, "px": px, "color": colour, "op": 1, "clip": None}


def test_contrast_is_wcag():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((118, 118, 118), (255, 255, 255)), 2) == 4.54


def test_the_background_is_the_commonest_colour_that_is_not_the_text():
    pixels = np.full((10, 40, 3), 255, dtype=np.uint8)
    pixels[3:7, 5:35] = 0  # glyphs
    pixels[:, 30:] = (0, 114, 178)  # a bar under the last quarter of the box
    found = backgrounds(pixels, (0, 0, 0))
    assert tuple(int(c) for c in found[0][0]) == (255, 255, 255)
    assert len(found) == 2  # the bar covers more than a quarter of what is not glyph: it counts too


def test_rotated_neighbours_do_not_overlap_but_printed_over_each_other_do():
    def rotated(x):  # a 100x16 label turned by 40 degrees about its left end
        c, s = np.cos(np.radians(-40)), np.sin(np.radians(-40))
        pts = [(0, 0), (100, 0), (100, 16), (0, 16)]
        return [[x + px * c - py * s, 200 + px * s + py * c] for px, py in pts]

    a, b = rotated(0), rotated(40)
    box = lambda q: [min(p[0] for p in q), min(p[1] for p in q), max(p[0] for p in q), max(p[1] for p in q)]  # noqa: E731
    chart = {"name": "x", "box": [-50, 0, 400, 400], "clip": [-1e9, -1e9, 1e9, 1e9], "drags": [300],
             "texts": [_text("A", box(a), quad=a), _text("B", box(b), quad=b)]}  # fmt: skip
    assert not [f for f in chart_findings(chart, Rules("png", "t"), None) if f.kind == "overlap"]
    chart["texts"].append(_text("C", box(a), quad=a))
    assert [f for f in chart_findings(chart, Rules("png", "t"), None) if f.kind == "overlap"]


def test_a_diagrams_boxes_drawn_over_each_other_or_past_the_edge_are_found():
    chart = {"name": "flow", "box": [0, 0, 340, 480], "clip": [-1e9, -1e9, 1e9, 1e9], "drags": [], "texts": [],
             "boxes": [{"t": "Red-Teaming AI", "box": [2, 100, 122, 160]},
                       {"t": "Find Failure Modes", "box": [160, 100, 280, 160]}]}  # fmt: skip
    assert chart_findings(chart, Rules("page", "390x844"), None) == []
    chart["boxes"] += [{"t": "Label Neural Features", "box": [118, 100, 238, 160]},  # over both
                       {"t": "Stronger Model", "box": [250, 200, 370, 260]}]  # past the right edge  # fmt: skip
    found = {(f.kind, f.text) for f in chart_findings(chart, Rules("page", "390x844"), None)}
    assert found == {
        ("overlap", "box: Red-Teaming AI ⟂ Label Neural Features"),
        ("overlap", "box: Find Failure Modes ⟂ Label Neural Features"),
        ("cut", "box: Stronger Model"),
    }


def test_a_diagrams_arrows_touch_the_boxes_they_join_not_run_into_them_or_stop_short():
    boxes = [
        {"t": "Red-Teaming AI", "box": [0, 100, 120, 160]},
        {"t": "Find Failure Modes", "box": [200, 100, 320, 160]},
    ]
    chart = {"name": "flow", "box": [0, 0, 340, 480], "clip": [-1e9, -1e9, 1e9, 1e9], "drags": [], "texts": [],
             "boxes": boxes, "arrows": [{"tail": [121, 130], "tip": [199, 130], "head": True},  # edge to edge
                                        {"tail": [320, 130], "tip": [335, 130], "head": False}]}  # a line out, no head  # fmt: skip
    assert chart_findings(chart, Rules("page", "1280x800"), None) == []
    chart["arrows"] = [
        {"tail": [110, 130], "tip": [214, 130], "head": True},  # from 10 px inside one box to 14 px into the next
        {"tail": [121, 140], "tip": [180, 140], "head": True},  # its head 20 px short of the box
    ]
    found = [(f.kind, f.text, f.detail) for f in chart_findings(chart, Rules("page", "1280x800"), None)]
    assert found == [
        ("overlap", "arrow ⟂ box: Red-Teaming AI", "its tail 10 px inside"),
        ("overlap", "arrow ⟂ box: Find Failure Modes", "its tip 14 px inside"),
        ("gap", "arrow → box: Find Failure Modes", "its head 20 px short"),
    ]


def test_a_file_names_its_licence_version_sources_and_absolute_address():
    good = "Sources: X (2024). Pack, version 1.2.0. Licence: CC BY 4.0 https://example.org/labs?edition=a"
    assert file_findings(good, entry="e", output="png", size="s", version="1.2.0", sources=["Sources"]) == []
    bad = "Licence: The figures are facts quoted from…; t… /effectiveness?sort=drop"
    kinds = {f.text for f in file_findings(bad, entry="e", output="png", size="s", version="1.2.0", sources=["X"])}
    assert {"licence short name (CC BY 4.0)", "version 1.2.0", "sources", "absolute address"} <= kinds
    assert "/effectiveness?sort=drop" in kinds

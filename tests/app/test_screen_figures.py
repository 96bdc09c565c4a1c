"""A chart's figure as a screen draws it is made once per kind of screen, not on every rerun."""

from __future__ import annotations

import json

from dashboard.app import chart_block
from dashboard.app.screen import for_screen, screen_kind
from dashboard.views import catalogue


def test_the_screen_figure_is_made_once_and_matches_a_fresh_one(shipped):
    view = catalogue.build_view(shipped, "effectiveness", "effectiveness", {})
    assert view is not None
    rendered = chart_block._Rendered(view, b"", None)
    first = rendered.figure_for_screen()
    assert rendered.figure_for_screen() is first  # kept, not re-coloured again
    assert list(rendered.screens) == [screen_kind()]
    assert json.loads(first.to_json()) == json.loads(for_screen(view.fig).to_json())
    assert first is not view.fig  # the shared figure is never changed
    assert json.loads(view.fig.to_json()) == json.loads(
        catalogue.build_view(shipped, "effectiveness", "effectiveness", {}).fig.to_json()
    )


def test_filtered_coverage_views_share_one_whole_table_and_its_csv(shipped):
    """Each filter of the risk coverage offers "all rows": one table and one CSV, not one per filter."""
    from dashboard.exports.bundle import safe_csv
    from dashboard.views.frames import risks

    one = catalogue.build_view(shipped, "risks", "coverage", {"tech": ["ai-debate"]})
    two = catalogue.build_view(shipped, "risks", "coverage", {"tech": ["ai-debate", "rlhf"]})
    assert one is not None and two is not None
    assert one.full_table is two.full_table
    assert one.full_table.equals(risks.coverage_table(shipped))
    assert chart_block._whole_csv(one.full_table) is chart_block._whole_csv(two.full_table)
    assert chart_block._whole_csv(one.full_table) == safe_csv(risks.coverage_table(shipped))

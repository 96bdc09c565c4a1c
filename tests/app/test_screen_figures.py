"""A chart's figure as a screen draws it is made once per kind of screen, not on every rerun (on the minimal pack)."""

from __future__ import annotations

import json

from dashboard.views import catalogue, variants
from dashboard.views.entry import entry


def test_the_screen_figure_is_made_once_and_matches_a_fresh_one(mini):
    view = entry(mini, "effectiveness", "effectiveness", {})
    assert view is not None
    first = view.screen_figure("dark", False)
    assert view.screen_figure("dark", False) is first  # kept, not re-coloured again
    assert json.loads(first.to_json()) == json.loads(variants.screen_figure(view.fig, "dark", False).to_json())
    assert first is not view.fig  # the shared figure is never changed
    fresh = catalogue.VIEWS[("effectiveness", "effectiveness")].build(mini, {})
    assert json.loads(view.fig.to_json()) == json.loads(variants.untitled(fresh.fig).to_json())


def test_filtered_coverage_views_share_one_whole_table_and_its_csv(mini):
    """Each filter of the risk coverage offers "all rows": one table and one CSV, not one per filter."""
    from dashboard.exports.bundle import safe_csv, table_csv
    from dashboard.views.frames import risks

    one = entry(mini, "risks", "coverage", {"tech": ["debate"]})
    two = entry(mini, "risks", "coverage", {"tech": ["debate", "rlhf"]})
    assert one is not None and two is not None
    assert one.full_table is two.full_table
    assert one.full_table.equals(risks.coverage_table(mini))
    assert table_csv(one.full_table) is table_csv(two.full_table)
    assert table_csv(one.full_table) == safe_csv(risks.coverage_table(mini))

"""Overview page on a tiny pack (tests/app/minipack.py, which holds the assessments the page names):
the headline card it can fill, the assessment tables, the flow, current uses following the filter.
The shipped pack's headline cards are a data test (tests/data/test_data_overview.py)."""

from __future__ import annotations

import pytest
from figdata import choose_tab, open_on, spec, table
from streamlit.testing.v1 import AppTest

from dashboard.views.frames import overview as F
from dashboard.views.frames.claims import figure_text


@pytest.fixture
def at(monkeypatch, tiny_dir) -> AppTest:
    return open_on(monkeypatch, tiny_dir)


def _plain(text: str) -> str:
    return text.replace("\\", "")


def test_headline_cards_are_the_ones_the_pack_can_fill(at, tiny):
    """The tiny pack holds none of the named headline claims, only estimates: one card, the largest drop
    (Technique One, 80–90% today, 30–50% (est.) superhuman), with its source."""
    cards = F.headlines(tiny)
    assert [h.key for h in cards] == ["effectiveness"]
    metrics = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert metrics == {
        "Effectiveness today vs on superhuman AI: Technique One": ("80–90%", "superhuman: 30–50% (est.)")
    }
    captions = [_plain(c.value) for c in at.caption]
    assert cards[0].caption in captions and cards[0].caption.startswith("Source: Paper A (2023) ★★★★☆")


def test_assessment_tables(at, tiny):
    qa = table(at, "Dimension", "Assessment", "Evidence")
    quick = next(a for a in tiny.assessments if a.id == F.QUICK_ASSESSMENT)
    assert list(qa["Dimension"]) == [r.dimension for r in quick.rows]
    claim = tiny.claim_by_id[quick.rows[0].claims[0]]
    assert qa["Figures and sources"].iloc[0].startswith(figure_text(claim))
    summary = next(a for a in tiny.assessments if a.id == F.EVALUATION_SUMMARY)
    assert any(_plain(s.value) == summary.title for s in at.subheader)


def test_flow_is_drawn_from_the_data(at, tiny):
    fig = spec(at, "flow-chart")
    labels = [x for t in fig["data"] for x in t["text"]]
    assert labels == [n.label for s in ("current", "tasks", "future") for n in tiny.outlook.flow_nodes if n.stage == s]
    arrows = [a for a in fig["layout"]["annotations"] if a.get("showarrow")]
    assert len(arrows) == len(tiny.outlook.flow_edges)
    flows = table(choose_tab(at, "flow"), "From", "To")
    assert len(flows) == len(tiny.outlook.flow_edges)


def test_current_uses_follow_the_filter(at, tiny):
    uses = table(at, "Application", "Status")
    assert list(uses["Application"]) == [u.application for u in tiny.outlook.current_uses]
    at.sidebar.multiselect(key="tech").set_value(["tech-two"])
    at.run(timeout=60)
    uses = table(at, "Application", "Status")
    assert list(uses["Application"]) == ["Code review"]

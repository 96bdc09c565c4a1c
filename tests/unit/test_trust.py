"""Trust at the point of use: a figure's provenance (credibility, link, estimate flag, review state)
is in its caption, its hover, its table row and in the catalogue view that slides, the report and
the image exports render."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard.analysis import trust as T
from dashboard.analysis.trust import reference_caption
from dashboard.views.entry import entry
from dashboard.views.frames import overview as ov

TODAY = dt.date(2026, 11, 29)


def test_caption_names_credibility_link_recheck_and_review(mini):
    # ref-wiki's page: updated 2025-01-10, re-checked every 90 days, so due 2025-04-10: 598 days overdue.
    # claims.yaml (which cites it): reviewed 2025-01-15 every 30 days, so due 2025-02-14: 653 days overdue.
    cap = reference_caption(mini, ["ref-wiki"], today=TODAY)
    assert cap == (
        "Sources: Source wiki page (2025) — unrated, no link, re-check of the source page overdue by 598 days. "
        "Data overdue for review by 653 days (claims.yaml)."
    )
    assert T.provenance_caption(mini, ["ref-wiki"], today=TODAY) == cap


def test_caption_of_a_rated_linked_source(mini):
    cap = reference_caption(mini, ["ref-paper"], today=TODAY)
    assert cap == "Sources: A paper on debate (2023) — ★★★★☆. Data overdue for review by 653 days (claims.yaml)."


def test_review_state_turns_overdue_with_the_date(mini):
    files = {**mini.meta.files}
    files["claims.yaml"] = files["claims.yaml"].model_copy(update={"last_reviewed": dt.date(2026, 11, 28)})
    pinned = dataclasses.replace(mini, meta=mini.meta.model_copy(update={"files": files}))
    # claims.yaml: reviewed 2026-11-28 every 30 days -> due 2026-12-28.
    state = T.review_state(pinned, ["claims.yaml"], dt.date(2026, 12, 31))
    assert state.text == "data overdue for review by 3 days (claims.yaml)"
    cap = T.provenance_caption(pinned, ["ref-paper"], ["claims.yaml"], dt.date(2026, 12, 31))
    assert cap.endswith("Data overdue for review by 3 days (claims.yaml).")
    assert T.review_state(pinned, ["claims.yaml"], TODAY).text == "data reviewed 2026-11-28"
    # the oldest file decides: references.yaml, reviewed 2025-01-15 every 90 days, due 2025-04-15
    assert T.review_state(pinned, ["claims.yaml", "references.yaml"], TODAY).text == (
        "data overdue for review by 593 days (references.yaml)"
    )


def test_second_hand_and_unknown_sources(mini):
    secondary = mini.references[0].model_copy(update={"id": "ref-second", "secondary": True})
    ds = dataclasses.replace(mini, references=[*mini.references, secondary])
    assert "second-hand" in T.source_trust(ds, "ref-second").notes
    assert "second-hand" not in T.source_trust(ds, "ref-wiki").notes
    assert T.credibility_text(ds, ["not-a-ref"]) == "not in the pack"


def test_effectiveness_hover_and_table_carry_provenance(mini):
    view = entry(mini, "effectiveness", "effectiveness", {})
    assert view is not None
    rows = view.table.set_index("Technique")
    assert rows.loc["RLHF", "Current"] == "70–90% (est.)"
    assert rows.loc["RLHF", "Source credibility"] == "unrated, no link"
    assert rows.loc["AI Debate", "Source credibility"] == "★★★★☆"
    hovers = {
        (trace.name, y): cd[6]
        for trace in view.fig.data
        if trace.customdata is not None
        for y, cd in zip(trace.y, trace.customdata)
    }
    assert hovers[("Current systems", "RLHF")] == "Source wiki page (2025) unrated, no link · est."
    # The superhuman side (10–30%) is not an estimate: no "est." on its hover.
    assert hovers[("Superhuman systems", "RLHF")] == "Source wiki page (2025) unrated, no link"
    assert hovers[("Current systems", "AI Debate")] == "A paper on debate (2023) ★★★★☆"
    assert "Source: %{customdata[6]}" in view.fig.data[0].hovertemplate


@pytest.mark.parametrize(
    "page, view",
    [
        ("effectiveness", "effectiveness"),
        ("effectiveness", "oversight"),
        ("labs", "investment"),
        ("approaches", "scalability"),
    ],
)
def test_quantified_charts_hover_with_source_credibility(mini, page, view):
    cv = entry(mini, page, view, {})
    assert cv is not None
    texts = [str(cd) for trace in cv.fig.data if trace.customdata is not None for cd in trace.customdata]
    assert any("★" in t or "unrated" in t for t in texts), texts[:3]
    assert any("Source:" in (trace.hovertemplate or "") for trace in cv.fig.data)
    # The caption slides, the report and image footers print for this view carries the same provenance.
    cap = reference_caption(mini, cv.references, today=TODAY)
    assert ("★" in cap or "unrated" in cap) and cap.endswith(".") and "Data overdue for review by" in cap


def test_oversight_and_investment_tables_have_a_credibility_column(mini):
    over = entry(mini, "effectiveness", "oversight", {})
    inv = entry(mini, "labs", "investment", {})
    assert list(over.table["Source credibility"]) == ["★★★★☆"]
    assert list(inv.table["Source credibility"]) == ["★★★★★"]


def test_catalogue_view_caption_is_what_slides_and_report_print(mini):
    """Slides (present.py), the report and the image ZIP all print reference_caption(ds, view.references)."""
    view = entry(mini, "effectiveness", "effectiveness", {})
    assert view.references == ["ref-wiki", "ref-paper"]
    cap = reference_caption(mini, view.references, today=TODAY)
    # the primary source (the paper) before the secondary page that quotes it
    assert cap.startswith("Sources: A paper on debate (2023) — ★★★★☆; ")
    assert "Source wiki page (2025) — unrated, no link, re-check of the source page overdue" in cap


def test_report_prints_the_enriched_caption(mini):
    from dashboard.exports.report import report_html

    view = entry(mini, "effectiveness", "effectiveness", {})
    html = report_html(mini, views=[view], include_talk=False)
    assert "Source wiki page (2025) — unrated, no link" in html and "Data overdue for review by" in html


def test_headline_card_help_and_caption(mini):
    spec = ov.HeadlineSpec("spend", "Spending", "safety-spend", versus="debate-accuracy")
    card = ov.headline(mini, spec)
    assert card.help.endswith("A paper on debate (2023) ★★★★☆ · est.")
    assert card.caption == "Sources: A government report (2024) ★★★★★; A paper on debate (2023) ★★★★☆"

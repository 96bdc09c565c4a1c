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
from dashboard.views.frames import effectiveness as eff
from dashboard.views.frames import overview as ov

TODAY = dt.date(2026, 11, 29)
WIKI = "wiki-ai-assisted-alignment"


def _reviewed(ds, ref_ids) -> str:
    """The oldest last_reviewed of the data files citing ``ref_ids``, as the caption prints it."""
    files = T.files_citing(ds, ref_ids)
    assert files
    return min(ds.meta.files[f].last_reviewed for f in files).isoformat()


def test_caption_names_credibility_link_recheck_and_review(shipped):
    cap = reference_caption(shipped, [WIKI], today=TODAY)
    source = next(s for s in shipped.meta.sources if s.reference == WIKI)
    overdue = (TODAY - source.updated - dt.timedelta(days=source.cadence_days)).days
    assert overdue == 283  # updated 2026-01-29, re-checked every 21 days: due 2026-02-19
    assert cap == (
        f"Sources: AI-Assisted Alignment (2026) — unrated, no link, re-check of the source page overdue by {overdue} "
        f"days. Data reviewed {_reviewed(shipped, [WIKI])}."
    )
    assert T.provenance_caption(shipped, [WIKI], today=TODAY) == cap


def test_caption_of_a_rated_linked_source(shipped):
    cap = reference_caption(shipped, ["constitutional-classifiers-paper"], today=TODAY)
    assert cap.startswith("Sources: Constitutional Classifiers: Defending against Universal Jailbreaks (2025) — ★★★★☆.")
    assert "no link" not in cap
    assert cap.endswith(f"Data reviewed {_reviewed(shipped, ['constitutional-classifiers-paper'])}.")


def test_review_state_turns_overdue_with_the_date(shipped):
    files = {**shipped.meta.files}
    files["claims.yaml"] = files["claims.yaml"].model_copy(update={"last_reviewed": dt.date(2026, 11, 28)})
    pinned = dataclasses.replace(shipped, meta=shipped.meta.model_copy(update={"files": files}))
    # claims.yaml: reviewed 2026-11-28 every 90 days -> due 2027-02-26.
    state = T.review_state(pinned, ["claims.yaml"], dt.date(2027, 3, 1))
    assert state.text == "data overdue for review by 3 days (claims.yaml)"
    cap = T.provenance_caption(pinned, ["constitutional-classifiers-paper"], ["claims.yaml"], dt.date(2027, 3, 1))
    assert cap.endswith("Data overdue for review by 3 days (claims.yaml).")
    assert T.review_state(pinned, ["claims.yaml"], TODAY).text == "data reviewed 2026-11-28"
    files["claims.yaml"] = files["claims.yaml"].model_copy(update={"last_reviewed": dt.date(2026, 1, 1)})
    older = dataclasses.replace(shipped, meta=shipped.meta.model_copy(update={"files": files}))
    assert T.review_state(older, ["claims.yaml", "labs.yaml"], TODAY).text == (
        "data overdue for review by 242 days (claims.yaml)"
    )


def test_second_hand_and_unknown_sources(shipped):
    secondary = next(r for r in shipped.references if getattr(r, "secondary", False))
    assert "second-hand" in T.source_trust(shipped, secondary.id).notes
    assert T.credibility_text(shipped, ["not-a-ref"]) == "not in the pack"


def test_effectiveness_hover_and_table_carry_provenance(shipped):
    view = entry(shipped, "effectiveness", "effectiveness", {})
    assert view is not None
    row = view.table[view.table["Technique"] == "Weak-to-Strong Generalization"].iloc[0]
    assert row["Superhuman"] == "30–60% (est.)"
    assert row["Source credibility"] == "unrated, no link"
    hovers = {
        (trace.name, y): cd[6]
        for trace in view.fig.data
        if trace.customdata is not None
        for y, cd in zip(trace.y, trace.customdata)
    }
    assert hovers[("Superhuman systems", "Weak-to-Strong Generalization")] == (
        "AI-Assisted Alignment (2026) unrated, no link · est."
    )
    # The current side (80–90%) is not an estimate: no "est." on its hover.
    assert (
        hovers[("Current systems", "Weak-to-Strong Generalization")] == "AI-Assisted Alignment (2026) unrated, no link"
    )
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
def test_quantified_charts_hover_with_source_credibility(shipped, page, view):
    cv = entry(shipped, page, view, {})
    assert cv is not None
    texts = [str(cd) for trace in cv.fig.data if trace.customdata is not None for cd in trace.customdata]
    assert any("★" in t or "unrated" in t for t in texts), texts[:3]
    assert any("Source:" in (trace.hovertemplate or "") for trace in cv.fig.data)
    # The caption slides, the report and image footers print for this view carries the same provenance.
    cap = reference_caption(shipped, cv.references, today=TODAY)
    assert ("★" in cap or "unrated" in cap) and f"Data reviewed {_reviewed(shipped, cv.references)}." in cap


def test_oversight_and_investment_tables_have_a_credibility_column(shipped):
    over = entry(shipped, "effectiveness", "oversight", {})
    inv = entry(shipped, "labs", "investment", {})
    assert "Source credibility" in over.table.columns and "Source credibility" in inv.table.columns
    assert set(over.table["Source credibility"]) - {""}
    assert any("est." in s for s in eff.estimates_frame(shipped)["superhuman_text"])


def test_catalogue_view_caption_is_what_slides_and_report_print(shipped):
    """Slides (present.py), the report and the image ZIP all print reference_caption(ds, view.references)."""
    view = entry(shipped, "effectiveness", "effectiveness", {})
    cap = reference_caption(shipped, view.references, today=TODAY)
    assert "AI-Assisted Alignment (2026) — unrated, no link" in cap
    assert "overdue by 283 days" in cap


def test_report_prints_the_enriched_caption(shipped):
    from dashboard.exports.report import report_html

    view = entry(shipped, "effectiveness", "effectiveness", {})
    html = report_html(shipped, views=[view], include_talk=False)
    assert "AI-Assisted Alignment (2026) — unrated, no link" in html and "Data reviewed 20" in html


def test_headline_card_help_and_caption(shipped):
    items = {h.key: h for h in ov.headlines(shipped)}
    estimated = [h for h in items.values() if "unrated, no link · est." in h.help]
    assert estimated, [h.help for h in items.values()]
    assert all(("★" in h.caption or "unrated" in h.caption) for h in items.values())

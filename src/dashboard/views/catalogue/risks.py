"""The Risks page's charts in the catalogue."""

from __future__ import annotations

from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import (
    ALL_GROUPS,
    GROUP_KEY,
    TECH_KEY,
    ChartView,
    Params,
    ViewSpec,
    chosen_techniques,
    headers,
    param,
)

# Risks named in a note on the risks no technique shown addresses, when the matrix is too big to read.
NAMED_UNCOVERED = 10


def _coverage(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import risks as charts
    from dashboard.views.frames import risks as frames

    chosen = chosen_techniques(ds, params)
    if frames.too_big(ds, chosen):
        return _large_coverage(ds, chosen, param(params, GROUP_KEY, ALL_GROUPS) or ALL_GROUPS)
    long = frames.coverage_frame(ds, chosen)
    if long.empty:
        return None
    takeaway = frames.coverage_takeaway(ds, long)
    alt = frames.coverage_alt(ds, long)
    table = frames.coverage_table(ds, chosen)
    per_risk = long.groupby("risk_id", sort=False)["addresses"].sum()
    uncovered = [ds.risk_by_id[r].name for r, n in per_risk.items() if n == 0]
    note = "No technique shown addresses: " + ", ".join(uncovered) + ". See their other methods below."
    return ChartView(
        "risks",
        "coverage",
        takeaway,
        charts.coverage_figure(long, title=takeaway),
        table,
        alt,
        list(frames.risks_references(ds)),
        columns=headers(table),
        full_table=frames.whole_coverage_table(ds),
        notes=(note,) if uncovered else (),
    )


def _large_coverage(ds: Dataset, chosen: list[str], group: str) -> ChartView | None:
    """The coverage of a pack whose matrix is too big to read (``frames.too_big``): the most relevant
    risks as rows; the techniques grouped by category and principle as columns when they are too many,
    or one group's techniques (``group``) as columns."""
    from dashboard.views.figures import risks as charts
    from dashboard.views.frames import risks as frames

    covering = frames.covering_techniques(ds, chosen)
    if not covering or not ds.risks:
        return None
    every = frames.risk_counts(ds, covering)
    takeaway = frames.counts_takeaway(ds, every, len(covering))
    risk_ids = frames.shown_risks(ds)
    n_risks = len(ds.risks)
    rows_note = (
        f"Showing the {len(risk_ids)} most relevant of {n_risks:,} risks (by relevance, then name); "
        "the list below the chart offers every risk."
        if len(risk_ids) < n_risks
        else ""
    )
    rows_words = f"{len(risk_ids)} of {n_risks:,} risks" if rows_note else f"{n_risks:,} risks"
    groups = frames.technique_groups(ds, covering) if len(covering) > frames.MAX_MATRIX_COLUMNS else {}
    variant = ""
    if group in groups:
        columns = frames.drill_columns(ds, groups[group], risk_ids)
        label = frames.group_label(group)
        long = frames.coverage_frame(ds, columns, risk_ids)
        table = frames.coverage_table(ds, columns, risk_ids)
        fig = charts.coverage_figure(long, title=takeaway)
        n_group = len(groups[group])
        if len(columns) == n_group:
            which = f" ({n_group})."
        else:
            coverage = frames.risk_coverage(ds)
            addressing = sum(1 for t in groups[group] if any(t in coverage[r] for r in risk_ids))
            if addressing == 0:
                which = f": none of its {n_group:,} addresses these risks; the first {len(columns)} are shown."
            elif addressing <= len(columns):
                which = f": the {len(columns)} of its {n_group:,} that address any of these risks."
            else:
                which = f": the {len(columns)} of its {n_group:,} that address the most of these risks."
        cols_note = f"Columns: the techniques of one group, {label}{which}"
        what = f"{rows_words} (rows, most relevant first) by {len(columns)} techniques of the group {label}"
        per_risk = frames.risk_counts(ds, columns, risk_ids)
        variant = group
    elif groups:
        long = frames.group_frame(ds, groups, risk_ids)
        table = frames.group_table(ds, groups, risk_ids)
        fig = charts.coverage_figure(long, title=takeaway)
        cols_note = (
            f"Columns group the {len(covering):,} techniques shown by category and principle "
            f"({len(groups)} groups); a cell gives how many of a group's techniques the texts name for that risk. "
            "The Risks page's “Technique group” shows one group's techniques."
        )
        what = f"{rows_words} (rows, most relevant first) by {len(groups)} groups of {len(covering):,} techniques"
        per_risk = {r: every[r] for r in risk_ids}
    else:
        long = frames.coverage_frame(ds, covering, risk_ids)
        table = frames.coverage_table(ds, covering, risk_ids)
        fig = charts.coverage_figure(long, title=takeaway)
        cols_note = ""
        what = f"{rows_words} (rows, most relevant first) by {len(covering)} techniques"
        per_risk = {r: every[r] for r in risk_ids}
    uncovered = [ds.risk_by_id[r].name for r, n in every.items() if n == 0]
    notes = [n for n in (rows_note, cols_note) if n]
    if uncovered:
        named = ", ".join(uncovered[:NAMED_UNCOVERED])
        more = len(uncovered) - NAMED_UNCOVERED
        notes.append(
            f"No technique shown addresses {len(uncovered):,} of the risks: {named}"
            + (f" and {more:,} more" if more > 0 else "")
            + ". See their other methods below."
        )
    if frames.whole_table_is_grouped(ds):
        notes.append(
            f"The table of all rows has every risk ({n_risks:,}) with, for each group of techniques, how many "
            "of its techniques address it, and the names of those techniques; "
            f"not a column for each of the {len(frames.covering_techniques(ds)):,} techniques."
        )
    return ChartView(
        "risks",
        "coverage",
        takeaway,
        fig,
        table,
        frames.counts_alt(ds, per_risk, what),
        list(frames.risks_references(ds)),
        variant=variant,
        columns=headers(table),
        full_table=frames.whole_coverage_table(ds),
        notes=tuple(notes),
    )


def _values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.views.frames import risks as frames

    return {TECH_KEY: {t.id for t in ds.techniques}, GROUP_KEY: {ALL_GROUPS, *frames.pack_groups(ds)}}


SPECS = [
    ViewSpec(
        "risks",
        "coverage",
        "Risks by technique",
        _coverage,
        (TECH_KEY, GROUP_KEY),
        _values,
        defaults={GROUP_KEY: ALL_GROUPS},
    )
]

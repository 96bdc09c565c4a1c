"""The Labs page's charts in the catalogue."""

from __future__ import annotations

from dashboard.analysis.references import unique
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.views.catalogue.base import (
    DEFAULT_LAB_SORT,
    EDITION_KEY,
    INDEX_KEY,
    LAB_SORT_KEY,
    ChartView,
    Params,
    ViewSpec,
    param,
)
from dashboard.views.frames import editions as edition_frames
from dashboard.views.frames.indices import edition_short


def chosen_edition(ds: Dataset, params: Params) -> m.GradeIndex | None:
    """The published edition the ``edition`` parameter names; the latest published one by default."""
    from dashboard.views.frames import editions as edition_frames

    editions = edition_frames.published_editions(ds)
    if not editions:
        return None
    wanted = param(params, EDITION_KEY)
    return next((e for e in editions if e.id == wanted), editions[-1])


def _lab_sort(params: Params) -> str:
    from dashboard.views.frames import labs as frames

    sort = param(params, LAB_SORT_KEY, DEFAULT_LAB_SORT)
    return sort if sort in frames.SORTS else DEFAULT_LAB_SORT


def _grades(ds: Dataset, params: Params) -> ChartView | None:
    """The first letter index (a page's summary where the pack has one), its cells that differ from the
    chosen published edition marked on the heatmap and named in the takeaway."""
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    letter = frames.letter_index(ds)
    if letter is None:
        return None
    sort = _lab_sort(params)
    matrix = frames.grade_matrix(ds, letter, sort)
    if matrix.empty:
        return None
    takeaway = frames.grades_takeaway(matrix, letter)
    edition = chosen_edition(ds, params) if getattr(letter, "summary_of", None) else None
    marks: dict[tuple[str, str], str] = {}
    shown = frames.shown_companies(matrix)
    shown_note = frames.companies_note(shown["lab"].nunique(), matrix["lab"].nunique(), frames.sort_words(sort))
    alt = frames.grades_alt(shown) + (f" {shown_note}" if shown_note else "")
    refs = list(letter.references)
    notes = [letter.description] if letter.description else []
    if shown_note:
        notes.append(shown_note)
    callout = None
    if edition is not None:
        diff = edition_frames.summary_differences(ds, letter, edition)
        marks = {(r.lab, r.domain): r.published for r in diff.itertuples()}
        text = edition_frames.differences_text(diff, edition)
        takeaway = f"The page's summary: {len(diff)} {'cell differs' if len(diff) == 1 else 'cells differ'} from the published {edition_short(edition)} edition"
        alt = f"{alt} {text}"
        refs += list(edition.references)
        callout = ("warning" if not diff.empty else "success", text)
        notes += [
            "Cells outlined with a dashed line differ from the published edition; “≠” gives its letter.",
            *edition_frames.coverage_notes(ds, letter, edition),
        ]
    return ChartView(
        "labs",
        "grades",
        takeaway,
        charts.grade_heatmap(shown, frames.scale_frame(ds), marks=marks),
        frames.grade_table(matrix, letter),
        alt,
        refs,
        variant=edition.id if edition is not None and param(params, EDITION_KEY) else "",
        notes=tuple(notes),
        callout=callout,
        indices=(letter.id,),
    )


def _edition(ds: Dataset, params: Params) -> ChartView | None:
    """A published edition's grades, as the index published them."""
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    edition = chosen_edition(ds, params)
    if edition is None:
        return None
    sort = _lab_sort(params)
    matrix = frames.grade_matrix(ds, edition, sort)
    if matrix.empty:
        return None
    shown = frames.shown_companies(matrix)
    shown_note = frames.companies_note(shown["lab"].nunique(), matrix["lab"].nunique(), frames.sort_words(sort))
    return ChartView(
        "labs",
        "edition",
        frames.grades_takeaway(matrix, edition),
        charts.grade_heatmap(shown, frames.scale_frame(ds)),
        frames.grade_table(matrix, edition),
        frames.grades_alt(shown) + (f" {shown_note}" if shown_note else ""),
        list(edition.references),
        variant=edition.id,
        notes=tuple(n for n in (edition.description, shown_note) if n),
        indices=(edition.id,),
    )


def _edition_values(ds: Dataset) -> dict[str, set[str] | None]:

    return {EDITION_KEY: {e.id for e in edition_frames.published_editions(ds)}, **_lab_values(ds)}


def _edition_variants(ds: Dataset) -> list[dict[str, str]]:

    return [{EDITION_KEY: e.id} for e in edition_frames.published_editions(ds)] or [{}]


def _editions(ds: Dataset, params: Params) -> ChartView | None:
    """Each company's overall grade from one published edition to the next."""
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    editions = edition_frames.published_editions(ds)
    if len(editions) < 2:
        return None
    changes = edition_frames.edition_changes(ds, editions)
    if changes.empty:
        return None
    table = edition_frames.edition_changes_table(changes)
    takeaway = edition_frames.edition_changes_takeaway(table)
    return ChartView(
        "labs",
        "editions",
        takeaway,
        charts.edition_slopes(changes, frames.scale_frame(ds), title=takeaway),
        table,
        edition_frames.edition_changes_alt(table),
        unique([r for e in editions for r in e.references]),
        indices=tuple(e.id for e in editions),
    )


def _lab_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.views.frames import labs as frames

    return {LAB_SORT_KEY: set(frames.SORTS)}


def _scores(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    letter, percent = frames.letter_index(ds), frames.percent_index(ds)
    if letter is None or percent is None:
        return None
    matrix = frames.grade_matrix(ds, letter, "grade")
    scores = frames.scores_frame(ds, percent)
    pairs = frames.ordering_disagreements(scores, matrix, letter, limit=frames.NAMED_PAIRS)
    total = frames.ordering_disagreement_count(scores, matrix, letter) if len(pairs) == frames.NAMED_PAIRS else None
    note = frames.disagreement_text(pairs, percent, letter, total)
    differs = edition_frames.score_differences_text(ds, percent)
    if differs:
        note = f"{note} {differs}"
    shown = frames.scores_with_letters(scores, matrix, letter)
    if shown.empty:
        return None
    bars = shown.head(frames.MAX_CHART_COMPANIES)  # highest first
    bars_note = frames.companies_note(len(bars), len(shown), "the highest scores")
    return ChartView(
        "labs",
        "scores",
        frames.scores_takeaway(pairs, percent),
        charts.scores_bar(bars, index_name=percent.name),
        frames.scores_table(shown, letter),
        frames.scores_alt(bars, percent, f"{note} {bars_note}".strip() if bars_note else note),
        list(percent.references),
        notes=tuple(n for n in (note, bars_note) if n),
        indices=(percent.id,),
    )


def _investment(ds: Dataset, params: Params) -> ChartView | None:
    from dashboard.views.figures import labs as charts
    from dashboard.views.frames import labs as frames

    inv = frames.investment_frame(ds)
    if inv.empty:
        return None
    bars = inv.head(frames.MAX_CHART_COMPANIES)  # per-year figures first, largest first, then sums raised
    bars_note = frames.companies_note(len(bars), len(inv), "the largest figures per year first, then sums raised")
    return ChartView(
        "labs",
        "investment",
        frames.investment_takeaway(inv),
        charts.investment_bar(bars),
        frames.investment_table(inv),
        frames.investment_alt(bars) + (f" {bars_note}" if bars_note else ""),
        frames.investment_references(inv),
        columns={"Low (USD)": {"format": "dollar"}, "High (USD)": {"format": "dollar"}},
        notes=(
            "“est.” marks a figure its source gives as an estimate. Hatched bars are sums raised once, "
            "not yearly spending.",
            *((bars_note,) if bars_note else ()),
        ),
    )


def chosen_latest(ds: Dataset, params: Params) -> m.GradeIndex | None:
    """The newest edition of the index (series) the ``index`` parameter names; the newest of all by default."""
    from dashboard.views.frames import indices as frames

    latest = frames.latest_editions(ds)
    wanted = param(params, INDEX_KEY)
    return next((e for e in latest if e.series == wanted), latest[0] if latest else None)


def _latest(ds: Dataset, params: Params) -> ChartView | None:
    """One index at its newest edition: each company's grade or score, rank, and change since the edition before."""
    from dashboard.views.figures import indices as charts
    from dashboard.views.frames import indices as frames

    edition = chosen_latest(ds, params)
    if edition is None:
        return None
    standing = frames.standing(ds, edition)
    if standing.empty:
        return None
    previous = frames.previous_edition(ds, edition)
    change = frames.edition_change(ds, edition)
    summary = frames.change_summary(change, edition, previous)
    takeaway = frames.latest_takeaway(standing, edition)
    editions = [edition] + ([previous] if previous is not None else [])
    return ChartView(
        "labs",
        "latest",
        takeaway,
        charts.edition_bars(change, standing, index_label=frames.index_label(edition), title=takeaway),
        frames.change_table(change, edition, previous),
        f"{takeaway}. " + frames.latest_alt(standing) + " " + summary,
        unique([r for e in editions for r in e.references]),
        variant=edition.series or edition.id,
        notes=frames.latest_notes(edition, summary),
        indices=tuple(e.id for e in editions),
    )


def _latest_values(ds: Dataset) -> dict[str, set[str] | None]:
    from dashboard.views.frames import indices as frames

    return {INDEX_KEY: {e.series for e in frames.latest_editions(ds) if e.series}}


def _latest_variants(ds: Dataset) -> list[dict[str, str]]:
    from dashboard.views.frames import indices as frames

    return [{INDEX_KEY: e.series} for e in frames.latest_editions(ds) if e.series] or [{}]


def _standing(ds: Dataset, params: Params) -> ChartView | None:
    """Each company's standing in every index's newest edition, side by side; no combined score."""
    from dashboard.views.figures import indices as charts
    from dashboard.views.frames import indices as frames

    side = frames.side_by_side(ds)
    if side.empty:
        return None
    takeaway = frames.side_takeaway(side)
    return ChartView(
        "labs",
        "standing",
        takeaway,
        charts.standing_heatmap(side, title=takeaway),
        frames.side_table(side),
        frames.side_alt(side),
        frames.side_references(ds),
        notes=frames.side_notes(ds),
        full_table=frames.side_full_table(side),
        indices=tuple(e.id for e in frames.latest_editions(ds)),
    )


SPECS = [
    ViewSpec(
        "labs",
        "latest",
        "An index's newest edition",
        _latest,
        (INDEX_KEY,),
        _latest_values,
        _latest_variants,
    ),
    ViewSpec("labs", "standing", "Every index side by side", _standing),
    ViewSpec(
        "labs",
        "grades",
        "The page's summary of the safety grades",
        _grades,
        (LAB_SORT_KEY, EDITION_KEY),
        _edition_values,
        defaults={LAB_SORT_KEY: DEFAULT_LAB_SORT},
    ),
    ViewSpec(
        "labs",
        "edition",
        "Safety grades as published",
        _edition,
        (LAB_SORT_KEY, EDITION_KEY),
        _edition_values,
        _edition_variants,
        defaults={LAB_SORT_KEY: DEFAULT_LAB_SORT},
    ),
    ViewSpec("labs", "editions", "Grades from one edition to the next", _editions),
    ViewSpec("labs", "scores", "A second index's scores", _scores),
    ViewSpec("labs", "investment", "Alignment investment", _investment),
]

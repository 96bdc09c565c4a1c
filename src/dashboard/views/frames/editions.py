"""Editions of an index: the published ones beside a page's summary of them, and what changed from one to the next."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.models import GradeIndex
from dashboard.views.frames.indices import edition_short
from dashboard.views.frames.labs import domain_label, gpa_of, grade_matrix

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
_SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 12}


def edition_date(index: GradeIndex) -> tuple[int, int]:
    """(year, month) an edition came out, read from its edition text: 'Winter 2025 (published December 2025)'.

    A named month wins over a season; (0, 0) when the text gives no year.
    """
    words = re.findall(r"[A-Za-z]+|\d{4}", index.edition)
    found: tuple[int, int] | None = None
    for i, w in enumerate(words[:-1]):
        nxt = words[i + 1]
        if not nxt.isdigit():
            continue
        if w.lower() in _MONTHS:
            return int(nxt), _MONTHS[w.lower()]
        if w.lower() in _SEASONS and found is None:
            found = (int(nxt), _SEASONS[w.lower()])
    if found:
        return found
    years = [int(w) for w in words if w.isdigit()]
    return (max(years), 0) if years else (0, 0)


def published_editions(ds: Dataset, kind: str = "letter") -> list[GradeIndex]:
    """The published editions of ``kind`` (indices that are nobody's summary), oldest first."""
    found = [i for i in ds.grades_meta.indices if i.kind == kind and getattr(i, "summary_of", None) is None]
    return sorted(found, key=edition_date)


def edition_label(index: GradeIndex) -> str:
    """'FLI AI Safety Index, Winter 2025 (published December 2025)'."""
    return f"{index.name}, {index.edition}"


def page_summaries(ds: Dataset, kind: str = "letter") -> list[GradeIndex]:
    """Indices that are a page's summary of another index of the pack (``summary_of`` set)."""
    return [i for i in ds.grades_meta.indices if i.kind == kind and getattr(i, "summary_of", None)]


def summary_for(ds: Dataset, edition: GradeIndex) -> GradeIndex | None:
    """The page's summary to compare with ``edition``: the one that names it, else the first letter summary."""
    summaries = page_summaries(ds, edition.kind)
    for s in summaries:
        if s.summary_of == edition.id:
            return s
    same = [s for s in summaries if (ds_index(ds, s.summary_of) or s).name == edition.name]
    return (same or summaries or [None])[0]  # type: ignore[list-item]


def ds_index(ds: Dataset, index_id: str | None) -> GradeIndex | None:
    return next((i for i in ds.grades_meta.indices if i.id == index_id), None)


DIFF_COLUMNS = ["lab", "lab_name", "domain", "domain_label", "summary", "published"]


def summary_differences(ds: Dataset, summary: GradeIndex, edition: GradeIndex) -> pd.DataFrame:
    """Every (company, domain) graded by both whose letters differ, in the summary's order.

    Cells only one of them grades are not differences: see ``coverage_notes``.
    """
    published = {(g.lab, g.domain): g.grade for g in ds.grades if g.index == edition.id}
    matrix = grade_matrix(ds, summary)
    rows = []
    for r in matrix.itertuples():
        other = published.get((r.lab, r.domain))
        if other is not None and other != r.letter:
            rows.append([r.lab, r.lab_name, r.domain, r.domain_label, r.letter, other])
    return pd.DataFrame(rows, columns=DIFF_COLUMNS)


def _cell_domain(label: str) -> str:
    """'Overall grade' -> 'overall', 'Existential safety' -> 'existential safety'."""
    label = re.sub(r" grade$", "", label)
    return label[:1].lower() + label[1:]


def differences_text(diff: pd.DataFrame, edition: GradeIndex) -> str:
    """'The page's summary differs from the published Winter 2025 edition for: OpenAI overall (C vs C+), ...'."""
    where = f"the published {edition_short(edition)} edition"
    if diff.empty:
        return f"The page's summary agrees with {where} on every cell both grade."
    cells = [f"{r.lab_name} {_cell_domain(r.domain_label)} ({r.summary} vs {r.published})" for r in diff.itertuples()]
    return f"The page's summary differs from {where} for: " + ", ".join(cells) + "."


def coverage_notes(ds: Dataset, summary: GradeIndex, edition: GradeIndex) -> list[str]:
    """What one of the two grades and the other does not: domains and companies."""
    s_labs = {g.lab for g in ds.grades if g.index == summary.id}
    e_labs = {g.lab for g in ds.grades if g.index == edition.id}

    def names(labs: set[str]) -> str:
        return ", ".join(sorted(ds.lab_by_id[x].name if x in ds.lab_by_id else x for x in labs))

    short = edition_short(edition)
    out = []
    only_summary = [domain_label(summary, d) for d in summary.domains if d not in edition.domains]
    if only_summary:
        out.append(f"The page's columns {', '.join(only_summary)} are not domains of the {short} edition.")
    graded_domains = {g.domain for g in ds.grades if g.index == edition.id}
    ungraded = [domain_label(summary, d) for d in summary.domains if d in edition.domains and d not in graded_domains]
    if ungraded:
        out.append(f"The pack has no {short} grades for {', '.join(ungraded)}, so those cells are not compared.")
    if e_labs - s_labs:
        out.append(f"The {short} edition also grades {names(e_labs - s_labs)}, which the page leaves out.")
    if s_labs - e_labs:
        out.append(f"The page grades {names(s_labs - e_labs)}, which the {short} edition does not.")
    return out


def edition_changes(ds: Dataset, editions: list[GradeIndex] | None = None, domain: str = "overall") -> pd.DataFrame:
    """Long table: each company's ``domain`` grade in each published edition (oldest first).

    Columns: lab, lab_name, index, edition, position (0 = oldest), letter, gpa. Companies
    in the latest edition's order (best first), then those it does not grade.
    """
    editions = published_editions(ds) if editions is None else editions
    gpa = gpa_of(ds)
    rows = []
    for pos, e in enumerate(editions):
        for g in ds.grades:
            if g.index == e.id and g.domain == domain:
                lab = ds.lab_by_id.get(g.lab)
                name = lab.name if lab else g.lab
                rows.append([g.lab, name, e.id, edition_short(e), pos, g.grade, gpa.get(g.grade)])
    frame = pd.DataFrame(rows, columns=["lab", "lab_name", "index", "edition", "position", "letter", "gpa"])
    frame["gpa"] = pd.to_numeric(frame["gpa"], errors="coerce").astype("float64")
    if frame.empty:
        return frame
    last = frame.sort_values("position").groupby("lab").tail(1).set_index("lab")
    order = last.sort_values(["position", "gpa", "lab_name"], ascending=[False, False, True]).index
    rank = {lab: i for i, lab in enumerate(order)}
    frame["order"] = frame["lab"].map(rank)
    return frame.sort_values(["order", "position"]).reset_index(drop=True)


def _change_word(a: float | None, b: float | None) -> str:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return MISSING_WORD
    return "up" if b > a else "down" if b < a else "same"


MISSING_WORD = "not graded in both"


def edition_changes_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Wide: one row per company, a column per edition (letters), and the change from the first to the last."""
    if frame.empty:
        return pd.DataFrame(columns=["Company"])
    editions = list(frame.sort_values("position").drop_duplicates("position")["edition"])
    wide = frame.pivot(index="lab", columns="edition", values="letter")
    gpas = frame.pivot(index="lab", columns="edition", values="gpa")
    labs = frame.drop_duplicates("lab").sort_values("order")
    out = wide.reindex(labs["lab"])[editions].fillna(vocab.MISSING)
    out.columns.name = None
    out.insert(0, "Company", list(labs["lab_name"]))
    first, last = editions[0], editions[-1]
    out["Change"] = [
        _change_word(gpas.at[lab, first], gpas.at[lab, last]) if len(editions) > 1 else MISSING_WORD
        for lab in labs["lab"]
    ]
    return out.reset_index(drop=True)


def edition_changes_takeaway(table: pd.DataFrame) -> str:
    if table.empty or len(table.columns) < 4:
        return "Overall grades by edition"
    first, last = table.columns[1], table.columns[-2]
    up = list(table.loc[table["Change"] == "up", "Company"])
    down = list(table.loc[table["Change"] == "down", "Company"])
    parts = []
    if up:
        parts.append(f"{', '.join(up)} up")
    if down:
        parts.append(f"{', '.join(down)} down")
    if not parts:
        return f"Overall grades from {first} to {last}: no company's grade changed"
    return f"Overall grades from {first} to {last}: " + "; ".join(parts)


def edition_changes_alt(table: pd.DataFrame) -> str:
    editions = [c for c in table.columns if c not in ("Company", "Change")]
    return (
        "Slope chart of overall grades by edition ("
        + ", ".join(editions)
        + "). "
        + " ".join(
            f"{r['Company']}: " + " → ".join(str(r[e]) for e in editions) + f" ({r['Change']})."
            for _, r in table.iterrows()
        )
    )


def score_differences_text(ds: Dataset, summary: GradeIndex) -> str | None:
    """For a page's summary of a percentage index: where its percentages differ from the index it summarises.

    'The page's percentages differ from SaferAI risk management ratings (October 2025) for: OpenAI (33% vs 34%), ...'
    None when ``summary`` summarises nothing the pack holds.
    """
    published = next((i for i in ds.grades_meta.indices if i.id == getattr(summary, "summary_of", None)), None)
    if published is None:
        return None
    theirs = {(s.lab, s.domain): s.percent for s in ds.scores if s.index == published.id}
    cells = []
    for s in ds.scores:
        if s.index != summary.id:
            continue
        other = theirs.get((s.lab, s.domain))
        if other is not None and other != s.percent:
            lab = ds.lab_by_id.get(s.lab)
            cells.append(f"{lab.name if lab else s.lab} ({s.percent:g}% vs {other:g}%)")
    where = f"{published.name} ({published.edition})"
    if not cells:
        return f"The page's percentages agree with {where} for every company both give."
    return f"The page's percentages differ from {where} for: " + ", ".join(cells) + "."

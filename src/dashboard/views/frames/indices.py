"""The published indices side by side: each index's newest edition, its change since the edition
before, and each company's standing (rank and percentile) in every index.

An index is a series of editions (``GradeIndex.series``); a page's summary of an index is not an
edition. Standing is computed only within one edition, among every company it rates (the pack holds
all of them where ``companies_rated`` is set), and never combined across indices into one score.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.references import unique
from dashboard.pack.dataset import Dataset
from dashboard.pack.models import GradeIndex

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STANDING_COLUMNS = ["lab", "lab_name", "value", "value_text", "rank", "rank_text", "n", "percentile"]


def published_text(index: GradeIndex) -> str:
    """'December 2025', '17 July 2025' or '2025': the publication date as precisely as the pack has it."""
    if not index.published:
        return "date not known"
    parts = index.published.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTH_NAMES[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def series_editions(ds: Dataset) -> dict[str, list[GradeIndex]]:
    """{series: its editions, newest first}, series in the order of their newest edition (newest first)."""
    found: dict[str, list[GradeIndex]] = {}
    for index in ds.grades_meta.indices:
        if index.series and index.summary_of is None and index.published:
            found.setdefault(index.series, []).append(index)
    for editions in found.values():
        editions.sort(key=lambda e: e.published or "", reverse=True)
    return dict(sorted(found.items(), key=lambda kv: kv[1][0].published or "", reverse=True))


def latest_editions(ds: Dataset) -> list[GradeIndex]:
    """The newest edition of each index the pack holds, newest first."""
    return [editions[0] for editions in series_editions(ds).values()]


def previous_edition(ds: Dataset, index: GradeIndex) -> GradeIndex | None:
    """The edition of the same index published just before ``index``, if the pack holds it."""
    editions = series_editions(ds).get(index.series or "", [])
    older = [e for e in editions if (e.published or "") < (index.published or "")]
    return older[0] if older else None


def ordering_domain(index: GradeIndex) -> str:
    return "overall" if "overall" in index.domains else index.domains[0]


def format_value(index: GradeIndex, value: float | str) -> str:
    """A value as the index words it: a letter, '35%' or '46/100'."""
    if index.kind == "letter":
        return str(value)
    number = f"{float(value):g}"
    return f"{number}/100" if index.score_unit == "points-of-100" else f"{number}%"


def _values(ds: Dataset, index: GradeIndex) -> list[tuple[str, float, str]]:
    """(lab, comparable number, text as published) for each company in the ordering domain."""
    domain = ordering_domain(index)
    if index.kind == "letter":
        gpa = {p.letter: p.gpa for p in ds.grades_meta.scale}
        return [(g.lab, gpa[g.grade], g.grade) for g in ds.grades if g.index == index.id and g.domain == domain]
    return [
        (s.lab, float(s.percent), format_value(index, s.percent))
        for s in ds.scores
        if s.index == index.id and s.domain == domain
    ]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def standing(ds: Dataset, index: GradeIndex) -> pd.DataFrame:
    """One row per company the edition rates, best first.

    rank: 1 + the number of companies rated strictly better (ties share the best rank, written "1st=").
    percentile: 100 x (companies rated lower + half the others tied with it) / (companies rated - 1),
    so 100 is alone at the top and 0 alone at the bottom. Within this edition only.
    """
    values = _values(ds, index)
    n = len(values)
    rows = []
    for lab, value, text in values:
        better = sum(1 for _, v, _ in values if v > value)
        worse = sum(1 for _, v, _ in values if v < value)
        tied = n - better - worse - 1
        rank = better + 1
        entry = ds.lab_by_id.get(lab)
        rows.append(
            {
                "lab": lab,
                "lab_name": entry.name if entry else lab,
                "value": value,
                "value_text": text,
                "rank": rank,
                "rank_text": _ordinal(rank) + ("=" if tied else ""),
                "n": n,
                "percentile": round(100 * (worse + tied / 2) / (n - 1)) if n > 1 else 100,
            }
        )
    frame = pd.DataFrame(rows, columns=STANDING_COLUMNS)
    return frame.sort_values(["rank", "lab_name"]).reset_index(drop=True)


# --------------------------------------------------------------------------
# Change since the previous edition
# --------------------------------------------------------------------------

CHANGE_COLUMNS = ["lab", "lab_name", "now", "before", "rank_now", "rank_before", "change"]


def edition_change(ds: Dataset, index: GradeIndex) -> pd.DataFrame:
    """Each company of ``index`` (then those the previous edition rated and this one dropped) with its
    value now and in the previous edition, and the change: up, down, same, new in this edition, dropped.

    Without a previous edition in the pack every company's change is empty.
    """
    now = standing(ds, index)
    previous = previous_edition(ds, index)
    before = standing(ds, previous) if previous is not None else now.iloc[0:0]
    old = before.set_index("lab")
    rows = []
    for r in now.itertuples():
        if previous is None:
            change, was, rank_was = "", "", ""
        elif r.lab in old.index:
            v = old.at[r.lab, "value"]
            change = "up" if r.value > v else "down" if r.value < v else "same"
            was, rank_was = old.at[r.lab, "value_text"], f"{old.at[r.lab, 'rank_text']} of {old.at[r.lab, 'n']}"
        else:
            change, was, rank_was = "new in this edition", "", ""
        rows.append([r.lab, r.lab_name, r.value_text, was, f"{r.rank_text} of {r.n}", rank_was, change])
    for r in before.itertuples():
        if r.lab not in set(now["lab"]):
            rows.append([r.lab, r.lab_name, "", r.value_text, "", f"{r.rank_text} of {r.n}", "dropped"])
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def change_table(change: pd.DataFrame, index: GradeIndex, previous: GradeIndex | None) -> pd.DataFrame:
    """The change frame with its columns named after the two editions."""
    now, before = edition_short(index), edition_short(previous) if previous is not None else "previous edition"
    out = change.drop(columns=["lab"]).rename(
        columns={
            "lab_name": "Company",
            "now": now,
            "before": before,
            "rank_now": f"Rank ({now})",
            "rank_before": f"Rank ({before})",
            "change": f"Change since {before}",
        }
    )
    if previous is None:
        out = out.drop(columns=[before, f"Rank ({before})", f"Change since {before}"])
    return out


def edition_short(index: GradeIndex) -> str:
    """'Winter 2025': the edition text before any parenthesis."""
    return index.edition.split("(")[0].strip() or index.edition


def edition_heading(index: GradeIndex) -> str:
    """'FLI AI Safety Index, Winter 2025, published December 2025'."""
    return f"{index.name}, {edition_short(index)}, published {published_text(index)}"


def change_summary(change: pd.DataFrame, index: GradeIndex, previous: GradeIndex | None) -> str:
    """One line: which companies moved, which are new and which were dropped since the previous edition."""
    if previous is None:
        note = index.previous_note or "The pack holds no earlier edition of this index."
        return note
    since = f"since {edition_short(previous)} ({published_text(previous)})"
    parts = []
    for word, label in (("up", "up"), ("down", "down"), ("same", "unchanged")):
        names = list(change.loc[change["change"] == word, "lab_name"])
        if names:
            parts.append(f"{label}: {', '.join(names)}")
    new = list(change.loc[change["change"] == "new in this edition", "lab_name"])
    if new:
        parts.append(f"new in this edition: {', '.join(new)}")
    dropped = list(change.loc[change["change"] == "dropped", "lab_name"])
    if dropped:
        parts.append(f"no longer rated: {', '.join(dropped)}")
    return f"Change {since}: " + "; ".join(parts) + "."


def latest_takeaway(standing: pd.DataFrame, index: GradeIndex) -> str:
    """'FLI AI Safety Index, Winter 2025 (published December 2025): Anthropic and OpenAI rate highest (C+)'."""
    head = f"{index.name}, {edition_short(index)} (published {published_text(index)})"
    if standing.empty:
        return head
    top = standing[standing["rank"] == 1]
    names = list(top["lab_name"])
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
    return f"{head}: {who} {'rates' if len(names) == 1 else 'rate'} highest ({top['value_text'].iloc[0]})"


def latest_alt(standing: pd.DataFrame) -> str:
    return (
        "Bars of each company's percentile within the edition: "
        + "; ".join(f"{r.lab_name} {r.value_text} ({r.rank_text} of {r.n})" for r in standing.itertuples())
        + "."
    )


def next_edition_text(index: GradeIndex) -> str:
    return index.cadence or "No source in the pack says when the next edition is due."


def latest_notes(index: GradeIndex, summary: str) -> tuple[str, ...]:
    """Captions: the edition shown with its date, when the next is due (as sources say), the change since
    the previous edition, and what the index is."""
    return (
        f"Edition shown: {edition_heading(index)}. Next edition: {next_edition_text(index)}",
        summary,
        index.description,
    )


# --------------------------------------------------------------------------
# Every index side by side
# --------------------------------------------------------------------------

SIDE_COLUMNS = [
    "lab",
    "lab_name",
    "index",
    "index_label",
    "measures",
    "published",
    "value_text",
    "rank_text",
    "n",
    "percentile",
]


def index_label(index: GradeIndex) -> str:
    """'FLI AI Safety Index (Winter 2025)'."""
    return f"{index.name} ({edition_short(index)})"


def side_by_side(ds: Dataset, min_indices: int = 2) -> pd.DataFrame:
    """Long table: each company rated by at least ``min_indices`` of the newest editions, its standing in each.

    Companies ordered by how many indices rate them, then by name; indices newest first. No
    composite: each row is one company in one index.
    """
    latest = latest_editions(ds)
    rows = []
    for index in latest:
        for r in standing(ds, index).itertuples():
            rows.append(
                [
                    r.lab,
                    r.lab_name,
                    index.id,
                    index_label(index),
                    index.measures or index.description,
                    published_text(index),
                    r.value_text,
                    r.rank_text,
                    r.n,
                    r.percentile,
                ]
            )
    frame = pd.DataFrame(rows, columns=SIDE_COLUMNS)
    counts = frame.groupby("lab")["index"].nunique()
    keep = counts[counts >= min_indices].index
    frame = frame[frame["lab"].isin(keep)].copy()
    frame["_count"] = frame["lab"].map(counts)
    frame["_best"] = frame["lab"].map(frame.groupby("lab")["percentile"].mean())
    order = {index.id: i for i, index in enumerate(latest)}
    frame["_index"] = frame["index"].map(order)
    frame = frame.sort_values(["_count", "_best", "lab_name", "_index"], ascending=[False, False, True, True])
    return frame.drop(columns=["_count", "_best", "_index"]).reset_index(drop=True)


def side_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Wide: one row per company, per index its own grade or score with its rank ('C+ (1st= of 8)')."""
    if frame.empty:
        return pd.DataFrame(columns=["Company"])
    cells = frame.assign(cell=frame["value_text"] + " (" + frame["rank_text"] + " of " + frame["n"].astype(str) + ")")
    wide = cells.pivot(index="lab", columns="index_label", values="cell")
    labs = frame.drop_duplicates("lab")
    columns = list(frame.drop_duplicates("index_label")["index_label"])
    out = wide.reindex(labs["lab"])[columns].fillna("not rated")
    out.columns.name = None
    out.insert(0, "Company", list(labs["lab_name"]))
    return out.reset_index(drop=True)


def side_full_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Long: one row per company and index, with what the index measures and when it was published."""
    return frame.drop(columns=["lab", "index"]).rename(
        columns={
            "lab_name": "Company",
            "index_label": "Index (edition)",
            "measures": "What it measures",
            "published": "Published",
            "value_text": "Grade or score as published",
            "rank_text": "Rank",
            "n": "Companies rated",
            "percentile": "Percentile within the index",
        }
    )


def spreads(frame: pd.DataFrame) -> pd.DataFrame:
    """Per company: lowest and highest percentile across the indices that rate it, and the spread."""
    grouped = frame.groupby(["lab", "lab_name"])["percentile"]
    out = pd.DataFrame({"low": grouped.min(), "high": grouped.max(), "count": grouped.size()}).reset_index()
    out["spread"] = out["high"] - out["low"]
    return out


def _where(frame: pd.DataFrame, lab: str, pick: str) -> str:
    rows = frame[frame["lab"] == lab]
    row = rows.loc[rows["percentile"].idxmax() if pick == "high" else rows["percentile"].idxmin()]
    return f"{row['rank_text']} of {row['n']} in {row['index_label']}"


AGREE_SPREAD = 25  # percentile points: a company whose standing varies less than this is one they agree on


def side_takeaway(frame: pd.DataFrame) -> str:
    """Where the indices agree (a company high in every index; the one whose standing varies least) and
    where they disagree most (the widest spread of percentiles), among companies every index rates."""
    if frame.empty:
        return "No company is rated by more than one index"
    s = spreads(frame)
    n_indices = frame["index"].nunique()
    everywhere = s[s["count"] == n_indices]
    s = everywhere if len(everywhere) >= 2 else s  # compare companies every index rates, where there are two
    top = s.sort_values(["low", "lab_name"], ascending=[False, True]).iloc[0]
    agree = s.sort_values(["spread", "low", "lab_name"], ascending=[True, False, True]).iloc[0]
    disagree = s.sort_values(["spread", "lab_name"], ascending=[False, True]).iloc[0]
    parts = []
    if top["low"] >= 50:
        share = "quarter" if top["low"] >= 75 else "half"
        parts.append(f"All {n_indices} indices put {top['lab_name']} in their top {share}")
    if agree["spread"] <= AGREE_SPREAD and agree["lab"] != top["lab"]:
        parts.append(f"they agree most on {agree['lab_name']}")
    text = "; ".join(parts)
    if disagree["spread"] > AGREE_SPREAD:
        where = f"{_where(frame, disagree['lab'], 'high')} but {_where(frame, disagree['lab'], 'low')}"
        text = (
            f"{text}, and disagree" if text else "The indices disagree"
        ) + f" most on {disagree['lab_name']}: {where}"
    return text[:1].upper() + text[1:] if text else "The indices place every company they share alike"


def side_alt(frame: pd.DataFrame) -> str:
    return "Each company's standing in each index, as the index's own grade or score and its rank. " + " ".join(
        f"{name}: "
        + "; ".join(f"{r.index_label} {r.value_text}, {r.rank_text} of {r.n}" for r in grp.itertuples())
        + "."
        for name, grp in frame.groupby("lab_name", sort=False)
    )


def side_notes(ds: Dataset) -> tuple[str, ...]:
    """What each index measures and when it was published, and how percentiles are computed."""
    lines = [
        f"{index_label(i)}, published {published_text(i)}: {i.measures or i.description}"
        + (f" ({i.companies_rated} companies rated)." if i.companies_rated else ".")
        for i in latest_editions(ds)
    ]
    lines.append(
        "Colour is the company's percentile within that one index (100: alone at the top; ties share the "
        "middle of their places). The indices measure different things; no combined score is made."
    )
    return tuple(lines)


def side_references(ds: Dataset) -> list[str]:
    return unique(r for i in latest_editions(ds) for r in i.references)


def editions_table(ds: Dataset) -> pd.DataFrame:
    """One row per index, newest edition first: the edition shown, when it was published, how many companies
    it rates, the edition before it that the pack holds, and when the next is due (only as sources say)."""
    rows = []
    for editions in series_editions(ds).values():
        latest = editions[0]
        previous = previous_edition(ds, latest)
        rows.append(
            {
                "Index": latest.name,
                "Edition shown": edition_short(latest),
                "Published": published_text(latest),
                "Companies rated": latest.companies_rated,
                "Previous edition in the pack": (
                    f"{edition_short(previous)} ({published_text(previous)})" if previous is not None else "none"
                ),
                "Next edition": next_edition_text(latest),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "Index",
            "Edition shown",
            "Published",
            "Companies rated",
            "Previous edition in the pack",
            "Next edition",
        ],
    )
    frame["Companies rated"] = frame["Companies rated"].astype("Int64")
    return frame

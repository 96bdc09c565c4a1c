"""Labs as tables: the letter-grade matrix, the percentage index, investment, one lab's detail."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.provenance import format_figure
from dashboard.analysis.references import reference_label, unique
from dashboard.analysis.trust import credibility_text, hover_sources
from dashboard.pack.dataset import Dataset
from dashboard.pack.models import GradeIndex
from dashboard.views.frames.claims import claims_frame

SORTS = {
    "grade": "Overall grade, best first",
    "grade-asc": "Overall grade, worst first",
    "name": "Name",
}


def letter_index(ds: Dataset, index_id: str | None = None) -> GradeIndex | None:
    """The letter-grade index to show: ``index_id``, else the first letter index of the pack."""
    for idx in ds.grades_meta.indices:
        if idx.kind == "letter" and (index_id is None or idx.id == index_id):
            return idx
    return None


def percent_index(ds: Dataset, index_id: str | None = None) -> GradeIndex | None:
    for idx in ds.grades_meta.indices:
        if idx.kind == "percent" and (index_id is None or idx.id == index_id):
            return idx
    return None


def gpa_of(ds: Dataset) -> dict[str, float]:
    return {p.letter: p.gpa for p in ds.grades_meta.scale}


def scale_frame(ds: Dataset) -> pd.DataFrame:
    """The letter-to-GPA scale, best letter first."""
    rows = sorted(((p.letter, p.gpa) for p in ds.grades_meta.scale), key=lambda r: -r[1])
    return pd.DataFrame(rows, columns=["Letter", "GPA"])


def domain_label(index: GradeIndex, domain: str) -> str:
    return index.domain_labels.get(domain) or domain.replace("-", " ").capitalize()


def overall_domain(index: GradeIndex) -> str:
    """The domain that orders companies: 'overall' where the index has one, else its first domain."""
    return "overall" if "overall" in index.domains else index.domains[0]


def grade_matrix(ds: Dataset, index: GradeIndex, sort: str = "grade") -> pd.DataFrame:
    """Long table: one row per graded (lab, domain) of ``index``, companies in display order.

    Columns: lab, lab_name, domain, domain_label, letter, gpa, order (0 = top row).
    A (lab, domain) the index does not grade is absent, never a made-up letter.
    """
    gpa = gpa_of(ds)
    rows = []
    for g in ds.grades:
        if g.index != index.id:
            continue
        lab = ds.lab_by_id.get(g.lab)
        rows.append(
            {
                "lab": g.lab,
                "lab_name": lab.name if lab else g.lab,
                "domain": g.domain,
                "domain_label": domain_label(index, g.domain),
                "letter": g.grade,
                "gpa": gpa.get(g.grade),
            }
        )
    frame = pd.DataFrame(rows, columns=["lab", "lab_name", "domain", "domain_label", "letter", "gpa"])
    frame["gpa"] = pd.to_numeric(frame["gpa"], errors="coerce").astype("float64")
    order = company_order(frame, index, sort)
    frame["order"] = frame["lab"].map({lab: i for i, lab in enumerate(order)})
    dorder = {d: i for i, d in enumerate(index.domains)}
    frame["domain_order"] = frame["domain"].map(dorder)
    return frame.sort_values(["order", "domain_order"], kind="stable").reset_index(drop=True)


def company_order(frame: pd.DataFrame, index: GradeIndex, sort: str) -> list[str]:
    """Lab ids top to bottom: by overall GPA (then mean GPA, then name), or by name."""
    if frame.empty:
        return []
    names = frame.groupby("lab")["lab_name"].first()
    overall = frame[frame["domain"] == overall_domain(index)].set_index("lab")["gpa"]
    mean = frame.groupby("lab")["gpa"].mean()
    table = pd.DataFrame({"name": names, "overall": overall.reindex(names.index), "mean": mean})
    if sort == "name":
        table = table.sort_values("name", key=lambda s: s.str.lower())
    else:
        best_first = sort != "grade-asc"
        table = table.assign(lname=table["name"].str.lower()).sort_values(
            ["overall", "mean", "lname"], ascending=[not best_first, not best_first, True], na_position="last"
        )
    return list(table.index)


def grade_table(frame: pd.DataFrame, index: GradeIndex) -> pd.DataFrame:
    """Wide table: one row per company in display order, one column per domain (letters)."""
    if frame.empty:
        return pd.DataFrame(columns=["Company"])
    wide = frame.pivot(index="lab", columns="domain", values="letter")
    order = frame.drop_duplicates("lab").sort_values("order")
    cols = [d for d in index.domains if d in wide.columns]
    out = wide.reindex(order["lab"])[cols]
    out.columns = [domain_label(index, d) for d in cols]
    out.insert(0, "Company", list(order["lab_name"]))
    gpa = frame.groupby("lab")["gpa"].mean().reindex(order["lab"])
    out["Mean GPA"] = gpa.round(2).to_numpy()
    return out.reset_index(drop=True)


def grades_takeaway(frame: pd.DataFrame, index: GradeIndex) -> str:
    """The grade matrix's title: the index, its edition and the best overall grade, with every company
    that has it (a tie is named as a tie)."""
    overall = frame[frame["domain"] == overall_domain(index)].dropna(subset=["gpa"])
    if overall.empty:
        return f"{index.name} ({index.edition})"
    top = overall["gpa"].max()
    best = overall[overall["gpa"] == top]
    letter = best["letter"].iloc[0]
    names = list(dict.fromkeys(best["lab_name"]))
    if len(names) == 1:
        who = names[0]
    else:
        who = "a tie: " + ", ".join(names[:-1]) + f" and {names[-1]}"
    return f"{index.name} ({index.edition}): the best overall grade is {letter} ({who})"


def grades_alt(frame: pd.DataFrame) -> str:
    """Every company's letters, domain by domain, in the matrix's order."""
    return f"Grade matrix of {frame['lab'].nunique()} companies by {frame['domain'].nunique()} domains. " + " ".join(
        f"{name}: " + ", ".join(f"{r.domain_label} {r.letter}" for r in grp.itertuples()) + "."
        for name, grp in frame.groupby("lab_name", sort=False)
    )


MAX_CHART_COMPANIES = 30  # companies a chart draws (matrix rows, bars); a big pack's chart shows the first 30
NAMED_PAIRS = 5  # pairs of companies the two indices order differently, named in the score chart's notes


def shown_companies(frame: pd.DataFrame, limit: int = MAX_CHART_COMPANIES) -> pd.DataFrame:
    """The rows of a ``grade_matrix`` for its first ``limit`` companies in display order (all of them when
    they fit): a matrix of 1,400 companies cannot be read on a screen, an image or a slide."""
    if frame.empty or frame["lab"].nunique() <= limit:
        return frame
    return frame[frame["order"] < limit].reset_index(drop=True)


def companies_note(shown: int, total: int, order: str) -> str:
    """The note under a chart that draws ``shown`` of ``total`` companies (empty when it draws them all)."""
    if shown >= total:
        return ""
    return f"Showing the first {shown} of {total:,} companies ({order}); the table and its CSV have every company."


def sort_words(sort: str) -> str:
    """How a grade matrix orders its companies, in words (``SORTS``, lower case)."""
    label = SORTS.get(sort, SORTS["grade"])
    return label[0].lower() + label[1:]


# --------------------------------------------------------------------------
# The percentage index, and where it orders companies differently
# --------------------------------------------------------------------------


def scores_frame(ds: Dataset, index: GradeIndex, domain: str | None = None) -> pd.DataFrame:
    """One row per lab scored by ``index`` (in ``domain``, default its first), highest first."""
    domain = domain or index.domains[0]
    rows = []
    for s in ds.scores:
        if s.index == index.id and s.domain == domain:
            lab = ds.lab_by_id.get(s.lab)
            rows.append({"lab": s.lab, "lab_name": lab.name if lab else s.lab, "percent": s.percent})
    frame = pd.DataFrame(rows, columns=["lab", "lab_name", "percent"])
    frame["percent"] = frame["percent"].astype("float64")
    return frame.sort_values(["percent", "lab_name"], ascending=[False, True]).reset_index(drop=True)


def _discordance(scores: pd.DataFrame, grades: pd.DataFrame, index: GradeIndex):
    """The companies both indices rank (in ``scores``' order), their names, percentages, overall GPAs, and
    for each company i the later companies j that the two indices order the other way round."""
    overall = grades[grades["domain"] == overall_domain(index)].drop_duplicates("lab").set_index("lab")["gpa"]
    both = scores[scores["lab"].isin(overall.index)]
    names = both["lab_name"].tolist()
    pct = both["percent"].to_numpy(dtype="float64")
    gpa = overall.reindex(both["lab"]).to_numpy(dtype="float64")

    def rows():
        for i in range(len(pct) - 1):
            pb, gb = pct[i + 1 :], gpa[i + 1 :]
            differ = (pct[i] != pb) & (gpa[i] != gb) & ((pct[i] > pb) != (gpa[i] > gb))
            yield i, np.flatnonzero(differ) + i + 1

    return names, pct, rows()


def ordering_disagreements(
    scores: pd.DataFrame, grades: pd.DataFrame, index: GradeIndex, *, limit: int | None = None
) -> list[tuple[str, str]]:
    """Pairs (a, b) of lab names the percentage index puts a above b while the letter grades put b above a
    (the first ``limit`` of them, in the percentage index's order; all by default).

    Letter order is by the overall GPA; equal letters are not a disagreement.
    """
    names, pct, rows = _discordance(scores, grades, index)
    out: list[tuple[str, str]] = []
    for i, later in rows:
        for j in later:
            if limit is not None and len(out) >= limit:
                return out
            hi, lo = (i, j) if pct[i] > pct[j] else (j, i)
            out.append((names[hi], names[lo]))
    return out


def ordering_disagreement_count(scores: pd.DataFrame, grades: pd.DataFrame, index: GradeIndex) -> int:
    """How many pairs ``ordering_disagreements`` finds, without listing them (a big pack has hundreds of thousands)."""
    _, _, rows = _discordance(scores, grades, index)
    return sum(len(later) for _, later in rows)


def disagreement_text(
    pairs: list[tuple[str, str]], index: GradeIndex, letter: GradeIndex, total: int | None = None
) -> str:
    """``pairs`` are the first of ``total`` pairs (all of them when ``total`` is None)."""
    if not pairs:
        return f"{index.name} orders these companies the same way as the {letter.name} overall grades."
    parts = [f"{a} above {b}" for a, b in pairs]
    more = (total or 0) - len(pairs)
    named = "; ".join(parts) + (f" and {more:,} more {'pair' if more == 1 else 'pairs'}" if more > 0 else "")
    return f"{index.name} puts " + named + f", the reverse of the {letter.name} overall grades."


def scores_with_letters(scores: pd.DataFrame, grades: pd.DataFrame, index: GradeIndex) -> pd.DataFrame:
    overall = grades[grades["domain"] == overall_domain(index)].set_index("lab")["letter"]
    out = scores.copy()
    out["overall_letter"] = out["lab"].map(overall).fillna("not graded")
    return out


def scores_takeaway(pairs: list[tuple[str, str]], index: GradeIndex) -> str:
    """The score chart's title: the first pair the two indices order differently, if any."""
    if pairs:
        return f"{index.name}: {pairs[0][0]} ranks above {pairs[0][1]}, unlike the letter grades"
    return f"{index.name}: the same order as the letter grades"


def scores_alt(shown: pd.DataFrame, index: GradeIndex, note: str) -> str:
    """``shown`` is ``scores_with_letters``; ``note`` is ``disagreement_text``."""
    return (
        f"Bar chart of {index.name} scores: "
        + ", ".join(f"{r.lab_name} {r.percent:g}%" for r in shown.itertuples())
        + ". "
        + note
    ).strip()


def scores_table(shown: pd.DataFrame, letter: GradeIndex) -> pd.DataFrame:
    """The table view of the score chart, with each company's overall letter grade beside its score."""
    return shown.rename(
        columns={"lab_name": "Company", "percent": "Score (%)", "overall_letter": f"{letter.name} overall"}
    ).drop(columns=["lab"])


# --------------------------------------------------------------------------
# Investment
# --------------------------------------------------------------------------

INVESTMENT_COLUMNS = [
    "lab",
    "lab_name",
    "low",
    "high",
    "value",
    "unit",
    "basis",
    "estimate",
    "year",
    "note",
    "figure_text",
    "references",
    "sources",
    "source_trust",
    "credibility",
]


def investment_frame(ds: Dataset) -> pd.DataFrame:
    """One row per lab with an investment figure; per-year figures first (largest first), then sums raised."""
    rows = []
    for lab in ds.labs:
        inv = lab.investment
        if inv is None or inv.figure.unknown:
            continue
        f = inv.figure
        text = format_figure(f) + (" (est.)" if inv.estimate else "")
        text += " per year" if inv.basis == "per-year" else " raised"
        if inv.year:
            text += f" ({inv.year})"
        rows.append(
            {
                "lab": lab.id,
                "lab_name": lab.name,
                "low": f.low if f.low is not None else f.value,
                "high": f.high if f.high is not None else f.value,
                "value": f.value,
                "unit": f.unit,
                "basis": inv.basis,
                "estimate": inv.estimate,
                "year": inv.year,
                "note": inv.note or "",
                "figure_text": text,
                "references": list(inv.references),
                "sources": "; ".join(reference_label(ds, r) for r in inv.references),
                "source_trust": hover_sources(ds, inv.references, estimate=inv.estimate),
                "credibility": credibility_text(ds, inv.references),
            }
        )
    frame = pd.DataFrame(rows, columns=INVESTMENT_COLUMNS)
    for col in ("low", "high", "value"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame["year"] = frame["year"].astype("Int64")
    frame["_raised"] = frame["basis"] == "raised"
    frame = frame.sort_values(["_raised", "high", "lab_name"], ascending=[True, False, True]).drop(columns="_raised")
    return frame.reset_index(drop=True)


def investment_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lab": frame["lab_name"],
            "Figure": frame["figure_text"],
            "Low (USD)": frame["low"],
            "High (USD)": frame["high"],
            "Basis": frame["basis"].map({"per-year": "per year", "raised": "raised (one-off)"}),
            "Estimate": frame["estimate"],
            "Year": frame["year"],
            "Note": frame["note"],
            "Sources": frame["sources"],
            "Source credibility": frame["credibility"],
        }
    )


def investment_takeaway(frame: pd.DataFrame) -> str:
    """The investment chart's title: the largest yearly spender, and a one-off sum raised if there is one."""
    per_year = frame[frame["basis"] == "per-year"]
    raised = frame[frame["basis"] == "raised"]
    takeaway = "Alignment spending per lab per year"
    if not per_year.empty:
        top = per_year.iloc[0]
        takeaway = (
            f"{top['lab_name']} spends the most per year on alignment ({top['figure_text'].replace(' per year', '')})"
        )
    if not raised.empty:
        takeaway += f"; {raised.iloc[0]['lab_name']}'s {raised.iloc[0]['figure_text']} is a one-off sum"
    return takeaway


def investment_alt(frame: pd.DataFrame) -> str:
    return "Investment per lab: " + "; ".join(f"{r.lab_name} {r.figure_text}" for r in frame.itertuples()) + "."


def investment_references(frame: pd.DataFrame) -> list[str]:
    return unique(r for refs in frame["references"] for r in refs)


# --------------------------------------------------------------------------
# One lab
# --------------------------------------------------------------------------


def lab_results(ds: Dataset, lab_id: str) -> pd.DataFrame:
    """The lab's result claims with their figures and references."""
    lab = ds.lab_by_id[lab_id]
    frame = claims_frame(ds, lab.results)
    return pd.DataFrame(
        {
            "Result": frame["statement"],
            "Figure": frame["figure_text"],
            "Year": frame["year"],
            "Sources": frame["sources"],
        }
    )


def lab_grades(ds: Dataset, lab_id: str) -> pd.DataFrame:
    """Every grade and score the lab has, across indices."""
    gpa = gpa_of(ds)
    indices = {i.id: i for i in ds.grades_meta.indices}
    rows = []
    for g in ds.grades:
        if g.lab == lab_id:
            idx = indices[g.index]
            rows.append(
                {
                    "Index": f"{idx.name} ({idx.edition})",
                    "Domain": domain_label(idx, g.domain),
                    "Grade": g.grade,
                    "GPA": gpa.get(g.grade),
                }
            )
    for s in ds.scores:
        if s.lab == lab_id:
            idx = indices[s.index]
            rows.append(
                {
                    "Index": f"{idx.name} ({idx.edition})",
                    "Domain": domain_label(idx, s.domain),
                    "Grade": f"{s.percent:g}%",
                    "GPA": None,
                }
            )
    return pd.DataFrame(rows, columns=["Index", "Domain", "Grade", "GPA"])


def lab_references(ds: Dataset, lab_id: str) -> list[str]:
    lab = ds.lab_by_id[lab_id]
    refs: list[str] = list(lab.references)
    if lab.investment:
        refs += lab.investment.references
    for cid in lab.results:
        c = ds.claim_by_id.get(cid)
        if c:
            refs += c.references
    return unique(refs)

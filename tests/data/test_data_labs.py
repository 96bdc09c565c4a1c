"""Data tests: the Labs page's grade views on the shipped pack, with what they should show read from
data/grades.csv and data/grades.yaml."""

from __future__ import annotations

import csv

import yaml

from dashboard.views.entry import entry
from dashboard.views.frames import labs as F


def _rows(data_dir) -> list[dict]:
    with open(data_dir / "grades.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _indices(data_dir) -> list[dict]:
    return yaml.safe_load((data_dir / "grades.yaml").read_text(encoding="utf-8"))["indices"]


def test_data_matrix_holds_every_graded_company_and_domain(shipped, data_dir):
    letter = F.letter_index(shipped)
    expected = {(r["lab"], r["domain"]): r["grade"] for r in _rows(data_dir) if r["index"] == letter.id}
    frame = F.grade_matrix(shipped, letter)
    assert {(r.lab, r.domain): r.letter for r in frame.itertuples()} == expected
    gpa = {p["letter"]: p["gpa"] for p in yaml.safe_load((data_dir / "grades.yaml").read_text())["scale"]}
    assert all(r.gpa == gpa[r.letter] for r in frame.itertuples())


def test_data_summary_heatmap_marks_each_cell_that_differs_from_the_edition(shipped, data_dir):
    """The page's summary (the first letter index) is marked where grades.csv gives the edition it
    summarises another letter for the same company and domain, and nowhere else."""
    summary = next(i for i in _indices(data_dir) if i["kind"] == "letter")
    rows = _rows(data_dir)
    published = {(r["lab"], r["domain"]): r["grade"] for r in rows if r["index"] == summary["summary_of"]}
    differ = {
        (r["lab"], r["domain"]): (r["grade"], published[(r["lab"], r["domain"])])
        for r in rows
        if r["index"] == summary["id"] and published.get((r["lab"], r["domain"]), r["grade"]) != r["grade"]
    }
    view = entry(shipped, "labs", "grades", {})
    hm = view.fig.data[0]
    marked = [hm.text[i][j] for i in range(len(hm.y)) for j in range(len(hm.x)) if "≠" in hm.text[i][j]]
    assert len(marked) == len(view.fig.layout.shapes) == len(differ)
    assert f"{len(differ)} cells differ" in view.takeaway
    for (lab, _), (page, edition) in differ.items():
        assert f"{shipped.lab_by_id[lab].name} " in view.alt and f"({page} vs {edition})" in view.alt


def test_data_best_grade_names_a_tie_as_a_tie(shipped, data_dir):
    """Where two companies share the best overall grade of a published edition, the title names both,
    read from the grades file."""
    order = {p.letter: p.gpa for p in shipped.grades_meta.scale}
    for index in _indices(data_dir):
        if index["kind"] != "letter" or index.get("summary_of") or "overall" not in index["domains"]:
            continue
        overall = [r for r in _rows(data_dir) if r["index"] == index["id"] and r["domain"] == "overall"]
        top = max(order[r["grade"]] for r in overall)
        best = sorted(shipped.lab_by_id[r["lab"]].name for r in overall if order[r["grade"]] == top)
        takeaway = entry(shipped, "labs", "edition", {"edition": [index["id"]]}).takeaway
        assert all(name in takeaway for name in best), (index["id"], takeaway)
        assert ("a tie: " in takeaway) == (len(best) > 1), (index["id"], takeaway)

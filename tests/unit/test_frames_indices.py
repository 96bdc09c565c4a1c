"""The published indices by edition: standing, change since the edition before, every index side by side,
and the validator's checks of editions (logic, on the minimal pack)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from dashboard.pack import models as m
from dashboard.pack.load import load_pack
from dashboard.views.entry import entry
from dashboard.views.frames import indices as F


@pytest.fixture(scope="module")
def editions(mini):
    """The minimal pack's two indices as editions of two series, plus an older edition of the percent one
    (lab-one 50, lab-three 30; lab-two new since then)."""
    letter, percent = mini.grades_meta.indices
    letter = letter.model_copy(update={"series": "safety", "published": "2025-07", "companies_rated": 2})
    older = percent.model_copy(
        update={"id": "lab-watch-2024", "edition": "2024", "series": "watch", "published": "2024-05", "cadence": None}
    )
    percent = percent.model_copy(
        update={"series": "watch", "published": "2025-12", "score_unit": "points-of-100", "cadence": "Yearly."}
    )
    labs = [*mini.labs, m.Lab(id="lab-three", name="Lab Three")]
    rows = [
        m.ScoreRow(index="lab-watch-2024", lab="lab-one", domain="overall", percent=50),
        m.ScoreRow(index="lab-watch-2024", lab="lab-three", domain="overall", percent=30),
    ]
    meta = mini.grades_meta.model_copy(update={"indices": [letter, percent, older]})
    ds = dataclasses.replace(mini, grades_meta=meta, labs=labs, scores=[*mini.scores, *rows])
    ds.__dict__.pop("lab_by_id", None)  # a cached lookup, if the dataset keeps one
    return ds


def test_latest_editions_newest_first_and_their_previous(editions):
    latest = F.latest_editions(editions)
    assert [e.id for e in latest] == ["lab-watch", "safety-index"]
    assert F.previous_edition(editions, latest[0]).id == "lab-watch-2024"
    assert F.previous_edition(editions, latest[1]) is None


def test_standing_ranks_and_percentiles_within_one_edition(editions):
    watch = F.standing(editions, F.latest_editions(editions)[0])
    assert list(zip(watch["lab"], watch["value_text"], watch["rank_text"], watch["percentile"])) == [
        ("lab-one", "42/100", "1st", 100),
        ("lab-two", "17.5/100", "2nd", 0),
    ]
    # A letter index without an overall grade orders by its first domain (risk assessment: A above B).
    safety = F.standing(editions, F.latest_editions(editions)[1])
    assert list(safety["lab"]) == ["lab-two", "lab-one"]


def test_ties_share_the_best_rank_and_the_middle_percentile(mini):
    _, percent = mini.grades_meta.indices
    tied = dataclasses.replace(
        mini, scores=[s.model_copy(update={"percent": 40}) if s.index == percent.id else s for s in mini.scores]
    )
    frame = F.standing(tied, percent)
    assert list(frame["rank_text"]) == ["1st=", "1st="] and list(frame["percentile"]) == [50, 50]


def test_change_since_the_previous_edition_names_new_and_dropped(editions):
    latest = F.latest_editions(editions)[0]
    change = F.edition_change(editions, latest)
    assert dict(zip(change["lab"], change["change"])) == {
        "lab-one": "down",
        "lab-two": "new in this edition",
        "lab-three": "dropped",
    }
    text = F.change_summary(change, latest, F.previous_edition(editions, latest))
    assert (
        text == "Change since 2024 (May 2024): down: Lab One; new in this edition: Lab Two; no longer rated: Lab Three."
    )


def test_without_a_previous_edition_the_note_says_why(editions):
    safety = F.latest_editions(editions)[1]
    noted = safety.model_copy(update={"previous_note": "The first edition used another scale."})
    assert F.change_summary(F.edition_change(editions, safety), noted, None) == "The first edition used another scale."
    assert F.change_summary(F.edition_change(editions, safety), safety, None).startswith("The pack holds no earlier")


def test_side_by_side_keeps_each_index_apart_and_names_agreement(editions):
    side = F.side_by_side(editions)
    assert set(side["index"]) == {"lab-watch", "safety-index"}
    table = F.side_table(side)
    assert list(table.columns) == ["Company", "Lab Watch (2025)", "Safety Index (Summer 2025)"]
    assert table.iloc[0].tolist()[1:] == ["42/100 (1st of 2)", "B (2nd of 2)"]
    # No combined score: every number in the table is one index's own.
    assert not any("mean" in c.lower() or "composite" in c.lower() for c in table.columns)
    assert F.side_takeaway(side) == (
        "The indices disagree most on Lab One: 1st of 2 in Lab Watch (2025) but 2nd of 2 in Safety Index (Summer 2025)"
    )


def test_editions_table_says_when_the_next_is_due_only_as_sources_say(editions):
    table = F.editions_table(editions)
    assert list(table["Index"]) == ["Lab Watch", "Safety Index"]
    assert list(table["Published"]) == ["December 2025", "July 2025"]
    assert list(table["Next edition"]) == ["Yearly.", "No source in the pack says when the next edition is due."]
    assert list(table["Previous edition in the pack"]) == ["2024 (May 2024)", "none"]


@pytest.mark.parametrize(
    ("published", "text"), [("2025", "2025"), ("2025-12", "December 2025"), ("2025-07-17", "17 July 2025")]
)
def test_published_text_as_precise_as_the_source(mini, published, text):
    index = mini.grades_meta.indices[0].model_copy(update={"published": published})
    assert F.published_text(index) == text


def _pack_with(tmp_path: Path, minimal_dir: Path, extra: str) -> list[str]:
    pack = tmp_path / "pack"
    shutil.copytree(minimal_dir, pack)
    grades = pack / "grades.yaml"
    text = grades.read_text(encoding="utf-8")
    grades.write_text(text.replace("    kind: percent\n", "    kind: percent\n" + extra, 1), encoding="utf-8")
    result = load_pack(pack)
    return [f"{p.file}:{p.line}: {p.field}: {p.message}" for p in result.problems]


def test_validator_names_file_line_and_field_for_an_edition(tmp_path, minimal_dir):
    lines = (minimal_dir / "grades.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines, start=1) if line.strip() == "- id: lab-watch")
    problems = _pack_with(tmp_path, minimal_dir, "    series: watch\n    companies_rated: 3\n")
    # A missing field is reported at its record; a wrong one at its own line (kind is at + 4, then our two).
    assert f"grades.yaml:{at}: indices[1].published: an edition of 'watch' needs the date it was published" in problems
    assert (
        f"grades.yaml:{at + 6}: indices[1].companies_rated: the edition rates 3 companies but the pack holds 2 of them"
        in problems
    )


def test_validator_refuses_an_undated_partial_date(tmp_path, minimal_dir):
    problems = _pack_with(tmp_path, minimal_dir, '    series: watch\n    published: "2025-13"\n')
    assert any("indices[1].published" in p for p in problems)


def test_latest_entry_opens_on_the_newest_edition_and_names_its_date(editions):
    view = entry(editions, "labs", "latest")
    assert view is not None and view.variant == "watch"
    assert view.takeaway == "Lab Watch, 2025 (published December 2025): Lab One rates highest (42/100)"
    assert view.notes[0] == "Edition shown: Lab Watch, 2025, published December 2025. Next edition: Yearly."
    assert set(view.indices) == {"lab-watch", "lab-watch-2024"}
    standing = entry(editions, "labs", "standing")
    assert standing is not None and list(standing.table["Company"]) == ["Lab One", "Lab Two"]

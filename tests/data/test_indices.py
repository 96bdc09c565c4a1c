"""The published indices in the shipped pack: newest edition of each, where every figure was read, and the
Labs page opening on them. Expected values are read from data/grades.yaml, grades.csv and scores.csv."""

from __future__ import annotations

import csv

import pytest
import yaml

from dashboard.views import catalogue as present
from dashboard.views.entry import entry
from dashboard.views.frames import indices as F
from packs import SHIPPED_DIR as DATA

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def raw_indices() -> list[dict]:
    return yaml.safe_load((DATA / "grades.yaml").read_text(encoding="utf-8"))["indices"]


def _rows() -> list[dict]:
    rows = []
    for name in ("grades.csv", "scores.csv"):
        with (DATA / name).open(encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    return rows


def test_each_index_opens_on_its_newest_edition(shipped, raw_indices):
    newest: dict[str, dict] = {}
    for i in raw_indices:
        if i.get("series") and (i["series"] not in newest or i["published"] > newest[i["series"]]["published"]):
            newest[i["series"]] = i
    assert newest, "the pack holds no edition of any index"
    assert {e.series: e.id for e in F.latest_editions(shipped)} == {s: i["id"] for s, i in newest.items()}
    for series, index in newest.items():
        view = entry(shipped, "labs", "latest", {present.INDEX_KEY: series})
        assert view is not None and index["id"] in view.indices
        assert F.published_text(next(e for e in shipped.grades_meta.indices if e.id == index["id"])) in view.takeaway
        assert view.notes[0].startswith("Edition shown:")


def test_every_figure_of_an_edition_says_where_it_was_read(raw_indices):
    editions = {i["id"] for i in raw_indices if i.get("series")}
    rows = [r for r in _rows() if r["index"] in editions]
    assert rows
    for r in rows:
        assert r["reference"] and r["found_at"].startswith("https://"), r


def test_every_edition_holds_each_company_it_rates(raw_indices):
    rows = _rows()
    for i in raw_indices:
        if "companies_rated" not in i:
            continue
        domain = "overall" if "overall" in i["domains"] else i["domains"][0]
        labs = {r["lab"] for r in rows if r["index"] == i["id"] and r["domain"] == domain}
        assert len(labs) == i["companies_rated"], i["id"]


def test_side_by_side_holds_each_index_own_figures(shipped):
    side = F.side_by_side(shipped)
    rows = {(r["index"], r["lab"]): r for r in _rows()}
    for r in side.itertuples():
        raw = rows[(r.index, r.lab)]
        own = raw.get("grade") or raw.get("percent")
        assert r.value_text.startswith(str(own).rstrip("0").rstrip(".") if "." in str(own) else str(own)), r
    view = entry(shipped, "labs", "standing")
    assert view is not None and set(view.indices) == {e.id for e in F.latest_editions(shipped)}
    assert "agree" in view.takeaway

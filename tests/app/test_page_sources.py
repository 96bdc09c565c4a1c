"""The Sources page on the tiny pack (tests/app/minipack.py): where the 4.4% comes from, reference filters,
disagreements, staleness."""

from __future__ import annotations

from pathlib import Path

import pytest
from figdata import scroll_through
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _tiny(monkeypatch, tiny_dir):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tiny_dir))


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/sources.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)


def _table(at: AppTest, first_columns: list[str]):
    found = [df.value for df in at.dataframe if list(df.value.columns[: len(first_columns)]) == first_columns]
    assert found, [list(df.value.columns) for df in at.dataframe]
    return found


def test_the_4_4_percent_figure_shows_its_references(tiny):
    claim = tiny.claim_by_id["claim-one"]  # 4.4%, citing Paper A (2023, four stars), stated in the source text
    at = _open()
    at.text_input(key="q").input("4.4%").run(timeout=30)
    assert any(o.startswith("4.4%") for o in at.selectbox(key="claim").options)
    at.selectbox(key="claim").set_value(claim.id).run(timeout=30)
    assert not at.exception
    assert at.selectbox(key="claim").value == claim.id
    assert at.metric[0].value == "4.4%"
    refs = _table(at, ["title", "year", "kind", "publisher", "credibility"])[0]
    ref = tiny.reference_by_id[claim.references[0]]
    row = refs[refs["title"] == ref.title].iloc[0]
    assert row["credibility"] == "★★★★☆" and row["year"] == ref.year
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"Stated in: {tiny.reference_by_id[claim.stated_in].title}" in body
    assert f"Year: {claim.year}" in body


def test_a_search_with_no_match_then_one_with_matches():
    """No figure matches, so no select is drawn; the next search offers figures and shows the first
    (the select used to keep the None of the empty search)."""
    at = _open()
    at.text_input(key="q").input("no figure says this").run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert any("No figure matches" in i.value for i in at.info)
    assert not [s for s in at.selectbox if s.key == "claim"]
    at.text_input(key="q").input("4.4%").run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="claim").value is not None
    assert at.metric[0].value == "4.4%"


def test_reference_filters_narrow_the_table(tiny):
    at = _open()
    full = _table(at, ["title", "authors", "year"])[0]
    assert len(full) == len(tiny.references)
    at.multiselect(key="kind").set_value(["paper"]).run(timeout=30)
    papers = _table(at, ["title", "authors", "year"])[0]
    assert list(papers["title"]) == [r.title for r in tiny.references if r.kind == "paper"] == ["Paper A"]
    assert set(papers["kind"]) == {"Paper"}
    at.multiselect(key="cred").set_value(["4"]).run(timeout=30)
    four = _table(at, ["title", "authors", "year"])[0]
    assert set(four["stars"]) == {"★★★★☆"} and set(four["kind"]) == {"Paper"}
    assert four["link"].dropna().str.match(r"^https?://").all()
    at.multiselect(key="kind").set_value([]).run(timeout=30)
    at.multiselect(key="cred").set_value([]).run(timeout=30)
    at.text_input(key="ref-q").input("page b").run(timeout=30)
    assert list(_table(at, ["title", "authors", "year"])[0]["title"]) == ["Page B"]


def _headings(at) -> list[str]:
    """The charts' takeaways as read: the headings above them."""
    return [h.value.replace("\\", "") for h in at.header]


def test_disagreements_side_by_side_and_in_a_chart():
    """The tiny pack gives both its quantities a second figure in another text: 4.4% vs 5%, $8.9 vs $10 billion."""
    at = _open()
    summary = _table(at, ["measures", "figures", "stated in"])[0]
    assert list(summary["figures"]) == ["4.4% vs 5%", "≈$8.9 billion (est.) vs ≈$10 billion (est.)"]
    assert at.selectbox(key="dq").value == "q-one"  # the first disagreement
    assert any("4.4% vs 5%" in t for t in _headings(at))
    at.selectbox(key="dq").set_value("q-two").run(timeout=30)
    assert not at.exception
    assert any("investment: ≈$8.9 billion vs ≈$10 billion" in t for t in _headings(at))


def test_staleness_shows_an_overdue_source_and_file(tiny):
    at = _open()
    src = _table(at, ["source text", "last updated"])[0]
    row = src[src["source text"] == tiny.meta.sources[0].title].iloc[0]
    assert row["status"].startswith("overdue by")
    files = _table(at, ["file", "last reviewed"])[0]
    assert list(files["file"]) == list(tiny.meta.files) == ["claims.yaml"]
    assert files["status"].str.match(r"^(due in \d+ days?|due today|overdue by \d+ days?)$").all()


def test_references_csv_is_formula_safe(tmp_path, monkeypatch):
    """A reference title a spreadsheet would run as a formula comes out of the CSV prefixed with '."""
    import yaml
    from downloads import serves
    from minipack import write_minipack

    from dashboard.exports.bundle import safe_csv
    from dashboard.pack.load import load_pack
    from dashboard.views.frames import sources as frames

    pack = write_minipack(tmp_path / "mini")
    refs = yaml.safe_load((pack / "references.yaml").read_text(encoding="utf-8"))
    refs[0]["title"] = '=HYPERLINK("https://evil.example","Paper A")'
    (pack / "references.yaml").write_text(yaml.safe_dump(refs, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack))
    ds = load_pack(pack).dataset
    at = _open()
    button = at.download_button(key="references-csv")
    safe = safe_csv(frames.references_frame(ds))
    assert b"'=HYPERLINK(" in safe and b",=HYPERLINK(" not in safe and b"\n=HYPERLINK(" not in safe
    assert serves(button, safe, mime="text/csv", file_name="references.csv")


def test_a_long_select_offers_its_first_options_and_the_one_a_link_names(monkeypatch, tiny):
    """With more figures than a select offers (two here, 200 in the app), the Figure select offers the first
    ones and says so; a link naming a figure further down still opens on it."""
    from dashboard.analysis import provenance as prov
    from dashboard.app import filters

    monkeypatch.setattr(filters, "MAX_SELECT_OPTIONS", 2)
    ids = [c.id for c in tiny.claims]
    assert len(ids) > 3
    at = _open()
    assert at.selectbox(key="claim").options == [prov.claim_label(tiny.claim_by_id[c]) for c in ids[:2]]
    assert any(
        c.value
        == f"{len(ids)} of {len(ids)} figures match. The first 2 are offered: narrow the search to find another."
        for c in at.caption
    )
    last = tiny.claim_by_id[ids[-1]]
    linked = _open({"claim": prov.claim_label(last)})
    assert linked.selectbox(key="claim").value == last.id
    assert linked.selectbox(key="claim").options[-1] == prov.claim_label(last)
    assert len(linked.selectbox(key="claim").options) == 3
    linked.selectbox(key="claim").set_value(ids[1]).run(timeout=30)  # a choice among the first: the extra goes
    assert not linked.exception, [e.value for e in linked.exception]
    assert len(linked.selectbox(key="claim").options) == 2

"""The Sources page on the shipped pack: where the 4.4% comes from, reference filters, disagreements, staleness."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CC_TITLE = "Constitutional Classifiers: Defending against Universal Jailbreaks"


def _open(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run(timeout=30)
    at.switch_page("pages/sources.py")
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest, first_columns: list[str]):
    found = [df.value for df in at.dataframe if list(df.value.columns[: len(first_columns)]) == first_columns]
    assert found, [list(df.value.columns) for df in at.dataframe]
    return found


def test_the_4_4_percent_figure_shows_its_references(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    at.text_input(key="q").input("4.4%").run(timeout=30)
    assert any(o.startswith("4.4%") for o in at.selectbox(key="claim").options)
    at.selectbox(key="claim").set_value("cc-jailbreak-rate-with-classifiers").run(timeout=30)
    assert not at.exception
    assert at.selectbox(key="claim").value == "cc-jailbreak-rate-with-classifiers"
    assert at.metric[0].value == "4.4%"
    refs = _table(at, ["title", "year", "kind", "publisher", "credibility"])[0]
    row = refs[refs["title"] == CC_TITLE].iloc[0]
    assert row["credibility"] == "★★★★☆" and row["year"] == 2025
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Stated in: AI-Assisted Alignment" in body
    assert "Year: 2025" in body


def test_a_search_with_no_match_then_one_with_matches(monkeypatch):
    """No figure matches, so no select is drawn; the next search offers figures and shows the first
    (the select used to keep the None of the empty search)."""
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    at.text_input(key="q").input("no figure says this").run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert any("No figure matches" in i.value for i in at.info)
    assert not [s for s in at.selectbox if s.key == "claim"]
    at.text_input(key="q").input("4.4%").run(timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="claim").value is not None
    assert at.metric[0].value == "4.4%"


def test_reference_filters_narrow_the_table(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    full = _table(at, ["title", "authors", "year"])[0]
    at.multiselect(key="kind").set_value(["paper"]).run(timeout=30)
    papers = _table(at, ["title", "authors", "year"])[0]
    assert 0 < len(papers) < len(full) and set(papers["kind"]) == {"Paper"}
    at.multiselect(key="cred").set_value(["4"]).run(timeout=30)
    four = _table(at, ["title", "authors", "year"])[0]
    assert set(four["stars"]) == {"★★★★☆"} and set(four["kind"]) == {"Paper"}
    assert four["link"].dropna().str.match(r"^https?://").all()
    at.text_input(key="ref-q").input("universal jailbreaks").run(timeout=30)
    assert CC_TITLE in set(_table(at, ["title", "authors", "year"])[0]["title"])


def _headings(at) -> list[str]:
    """The charts' takeaways as read: the headings above them."""
    return [h.value.replace("\\", "") for h in at.header]


def test_disagreements_side_by_side_and_in_a_chart(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    summary = _table(at, ["measures", "figures", "stated in"])[0]
    assert "10 million vs 16 million" in set(summary["figures"])
    assert at.selectbox(key="dq").value == "claude-3-sonnet-features-extracted"  # between texts: first
    assert any("10 million vs 16 million" in t for t in _headings(at))
    at.selectbox(key="dq").set_value("weak-to-strong-performance-recovery").run(timeout=30)
    assert not at.exception
    assert any("80–90% vs 70–90%" in t for t in _headings(at))


def test_staleness_shows_the_long_page_overdue(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = _open()
    src = _table(at, ["source text", "last updated"])[0]
    row = src[src["source text"].str.contains("long version")].iloc[0]
    assert row["status"].startswith("overdue by")
    files = _table(at, ["file", "last reviewed"])[0]
    assert "claims.yaml" in set(files["file"])
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

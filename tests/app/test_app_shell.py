"""The app shell: navigation, the shared sidebar, caching, and the invalid-pack path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
ALL_PAGES = ["overview", "techniques", "effectiveness", "labs", "cruxes", "risks", "approaches", "sources"]


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


def _run(at: AppTest) -> AppTest:
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_home_is_the_overview_with_the_shared_sidebar(shipped):
    at = _run(AppTest.from_file(APP))
    assert at.title[0].value == "AI-assisted alignment"
    tech = at.sidebar.multiselect(key="tech")
    assert tech.options == sorted(
        (t.name for t in shipped.techniques),
        key=lambda n: (not next(t for t in shipped.techniques if t.name == n).ai_assisted, n.lower()),
    )
    assert tech.value == []
    assert "About this data" in [e.label for e in at.sidebar.expander]
    notes = " ".join(c.value for c in at.sidebar.caption)
    assert shipped.meta.version.replace(".", "") in notes.replace("\\", "").replace(".", "")
    assert "Licence" in notes


@pytest.mark.parametrize("page", ALL_PAGES[1:])
def test_every_page_runs_inside_the_shell(page):
    if not (ROOT / "pages" / f"{page}.py").exists():
        pytest.skip(f"pages/{page}.py is not written yet")
    at = _run(AppTest.from_file(APP))
    at.switch_page(f"pages/{page}.py")
    _run(at)
    # the sidebar filter is there on every page, even when Streamlit starts the page file directly
    assert at.sidebar.multiselect(key="tech").label == "Techniques"
    assert not at.error


def test_the_filter_survives_a_page_switch(monkeypatch, minimal_dir):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(minimal_dir))
    at = _run(AppTest.from_file(APP))
    at.sidebar.multiselect(key="tech").set_value(["debate"])
    _run(at)
    at.switch_page("pages/effectiveness.py")
    _run(at)
    assert at.sidebar.multiselect(key="tech").value == ["debate"]


def test_navigation_lists_only_pages_that_exist(tmp_path):
    """While pages are being written the app must run with whichever exist."""
    shutil.copy(ROOT / "app.py", tmp_path / "app.py")
    (tmp_path / "pages").mkdir()
    shutil.copy(ROOT / "pages" / "overview.py", tmp_path / "pages" / "overview.py")
    at = _run(AppTest.from_file(str(tmp_path / "app.py")))
    assert at.title[0].value == "AI-assisted alignment"
    with pytest.raises(ValueError):
        at.switch_page("pages/labs.py")


def _broken_pack(tmp_path: Path, data_dir: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(data_dir, pack)
    text = (pack / "estimates.yaml").read_text(encoding="utf-8")
    (pack / "estimates.yaml").write_text(text.replace("low: 85, high: 95", "low: 95, high: 85", 1), encoding="utf-8")
    (pack / "grades.csv").write_text(
        (pack / "grades.csv").read_text(encoding="utf-8").replace("anthropic,overall,C+", "anthropic,overall,Z", 1),
        encoding="utf-8",
    )
    return pack


def test_invalid_pack_shows_every_problem_and_nothing_else(tmp_path, monkeypatch, data_dir):
    pack = _broken_pack(tmp_path, data_dir)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack))
    for page in ("overview", "effectiveness"):
        at = AppTest.from_file(APP)
        at.run(timeout=60)
        if page != "overview":
            at.switch_page(f"pages/{page}.py")
            at.run(timeout=60)
        assert not at.exception
        assert len(at.error) == 1
        assert "did not validate: 2 problems" in at.error[0].value
        problems = at.dataframe[0].value
        assert list(problems.columns) == ["file", "line", "field", "message"]
        assert set(problems["file"]) == {"estimates.yaml", "grades.csv"}
        est = problems[problems["file"] == "estimates.yaml"].iloc[0]
        assert est["line"] > 0 and "current" in est["field"] and "above high" in est["message"]
        grade = problems[problems["file"] == "grades.csv"].iloc[0]
        assert grade["line"] == 2 and grade["field"] == "grade"
        # no half-loaded view: no title, chart or sidebar filter
        assert not at.title and not at.get("plotly_chart")
        assert not at.sidebar.multiselect


def test_a_missing_pack_directory_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "nowhere"))
    at = AppTest.from_file(APP)
    at.run(timeout=60)
    assert not at.exception
    assert "did not validate: 1 problem." in at.error[0].value
    assert at.dataframe[0].value.iloc[0]["message"] == "is not a directory"


def test_another_valid_pack_is_shown(tmp_path, monkeypatch):
    from minipack import write_minipack

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_minipack(tmp_path / "mini")))
    at = _run(AppTest.from_file(APP))
    assert at.sidebar.multiselect(key="tech").options == ["Technique One", "Technique Two", "Technique Three"]
    at.switch_page("pages/effectiveness.py")
    _run(at)
    assert at.get("plotly_chart")


def test_an_edited_file_is_reloaded(tmp_path, monkeypatch):
    """The cache is keyed on the files' signature: an edit shows on the next run, without a restart."""
    from minipack import write_minipack

    pack = write_minipack(tmp_path / "mini")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack))
    at = _run(AppTest.from_file(APP))
    text = (pack / "techniques.yaml").read_text(encoding="utf-8")
    (pack / "techniques.yaml").write_text(text.replace("Technique Three", "Technique 3"), encoding="utf-8")
    _run(at)
    assert "Technique 3" in at.sidebar.multiselect(key="tech").options

"""Every page says under its title whether the sidebar technique filter applies, and what it narrowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
APPLIES = {
    "overview": True,
    "techniques": True,
    "effectiveness": True,
    "labs": False,
    "cruxes": True,
    "risks": True,
    "approaches": True,
    "sources": False,
}


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


def _notices(at: AppTest) -> list[str]:
    return [c.value for c in at.main.caption if "Sidebar technique filter" in c.value]


def test_every_page_file_has_a_notice_entry():
    assert {p.stem for p in (ROOT / "pages").glob("*.py")} == set(APPLIES)


@pytest.mark.parametrize("stem", ["effectiveness", "labs"])
def test_the_notice_says_what_the_filter_narrowed(stem, shipped):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        at.run()
    assert not at.exception
    notices = _notices(at)
    assert len(notices) == 1, notices
    total = len(shipped.techniques)
    if APPLIES[stem]:
        # the count is of what the charts show: the techniques with an estimate, not all of them
        shown = len({e.technique for e in shipped.estimates})
        assert (
            f"none chosen, so every technique with an effectiveness estimate is shown: {shown} of {total}"
            in (notices[0])
        )
    else:
        assert "does not apply" in notices[0]
    two = [t.id for t in shipped.techniques[:2]]
    at.sidebar.multiselect(key="tech").set_value(two)
    at.run()
    notices = _notices(at)
    if APPLIES[stem]:
        assert f"narrowed to 2 of {total} techniques" in notices[0], notices
        assert shipped.techniques[0].name.split()[0] in notices[0]
    else:
        assert "does not apply" in notices[0]


def test_filter_text_counts(shipped):
    from dashboard.app.notices import filter_text

    assert (
        filter_text(shipped, applies=False, what="this page")
        == "Sidebar technique filter: does not apply to this page."
    )


def test_filter_text_counts_what_is_shown(shipped):
    """With no technique chosen, a page whose charts show only the techniques with estimates says how many."""
    from dashboard.app.notices import filter_text

    with_estimates = {e.technique for e in shipped.estimates}
    text = filter_text(shipped, applies=True, what="both charts", drawn=with_estimates, of="an effectiveness estimate")
    total = len(shipped.techniques)
    assert f"{len(with_estimates)} of {total}" in text
    assert f"all {total} techniques are shown" not in text

"""Links that reproduce a view: every widget is in the URL, a link restores it, stale links are tidied.

Streamlit's browser code writes a bound widget's value into the URL; under AppTest
that half is seen as the binding on the widget (``query_param_key``). The other
half, URL -> widget -> content, is exercised page by page. All on the minimal pack (tests/fixtures/minimal):
AI Debate and RLHF, the crux debate-works.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from figdata import open_panel
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from dashboard.analysis import beliefs as b
from dashboard.app import reader_pool
from dashboard.views.entry import entry
from dashboard.views.frames import effectiveness as eff
from dashboard.views.frames import labs as labs_frames
from packs import MINIMAL_DIR

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["overview", "techniques", "effectiveness", "labs", "cruxes", "risks", "approaches", "sources"]
WIDGETS = [
    "checkbox",
    "color_picker",
    "date_input",
    "multiselect",
    "number_input",
    "radio",
    "selectbox",
    "select_slider",
    "slider",
    "text_area",
    "text_input",
    "time_input",
    "toggle",
]  # buttons and download buttons are actions, not state
# A reader's consent to share their credences is theirs alone: a link must never turn it on for whoever opens it.
CONSENT = {reader_pool.SHARE_KEY}


CRUX = "debate-works"  # the minimal pack's credence crux


@pytest.fixture(autouse=True)
def _minimal(monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(MINIMAL_DIR))


def _open(page: str, query: dict | None = None) -> AppTest:
    """A fresh session opening ``page`` from a link with ``query``.

    AppTest reaches a page by running the default page first; the link's parameters are
    given to both runs, as a browser opening the link directly gives them to its one run.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=60)
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        for k, v in (query or {}).items():
            at.query_params[k] = v
        at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _tab_containers(node) -> list:
    found = []
    proto = getattr(node, "proto", None)
    if (
        isinstance(node, Block)
        and proto is not None
        and "tab_container" in proto.DESCRIPTOR.fields_by_name
        and proto.HasField("tab_container")
    ):
        found.append(proto.tab_container)
    for child in getattr(node, "children", {}).values():
        found += _tab_containers(child)
    return found


def unbound_widgets(at: AppTest) -> list[str]:
    out = []
    for kind in WIDGETS:
        for w in at.get(kind):
            if w.key in CONSENT:
                continue
            if not w.key or w.proto.query_param_key != w.key:
                out.append(f"{kind} {w.key or '(no key)'}: {getattr(w, 'label', '')}")
    for tabs in _tab_containers(at._tree):
        if not tabs.query_param_key:
            out.append(f"tabs {tabs.id}")
    return out


def _toasts(at: AppTest) -> str:
    return " ".join(t.value for t in at.toast).replace("\\", "")


def _link(at: AppTest) -> str:
    codes = [c.value for c in open_panel(at, "link-to-view").code]
    assert codes, "no 'Link to this view' on the page"
    return codes[-1]


# --------------------------------------------------------------------------
# Every widget is bound
# --------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_widget_on_every_page_is_bound_to_the_url(page):
    query = {"compare": ["AI Debate", "RLHF"]} if page == "techniques" else None
    at = _open(page, query)
    assert unbound_widgets(at) == []
    assert any(w.key == "tech" for w in at.multiselect)
    if page == "cruxes":
        consent = [t for t in at.toggle if t.key in CONSENT]
        assert consent and not consent[0].proto.query_param_key  # shown, and never set by a link


# --------------------------------------------------------------------------
# URL -> widget -> content
# --------------------------------------------------------------------------


def test_sort_and_technique_filter_reopen_the_effectiveness_view(mini):
    names = {t.id: t.name for t in mini.techniques}
    at = _open("effectiveness", {"sort": eff.SORTS["drop"], "tech": [names["rlhf"], names["debate"]]})
    assert at.radio(key="sort").value == "drop"
    assert at.multiselect(key="tech").value == ["rlhf", "debate"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    expected = entry(mini, "effectiveness", "effectiveness", {"sort": "drop", "tech": ["rlhf", "debate"]})
    assert list(spec["data"][0]["y"]) == list(expected.fig.data[0].y)
    assert set(spec["data"][0]["y"]) == {"AI Debate", "RLHF"}
    link = _link(at)
    assert link.startswith("/effectiveness?") and "sort=Drop+from+current+to+superhuman" in link
    assert "tech=RLHF" in link and "tech=AI+Debate" in link


def test_tab_choice_is_in_the_link():
    at = _open("effectiveness", {"effectiveness-view": "Table"})
    assert at.session_state["effectiveness-view"] == "Table"
    assert "effectiveness-view=Table" in _link(at)


def test_lab_order_reopens():
    label = labs_frames.SORTS[list(labs_frames.SORTS)[-1]]
    at = _open("labs", {"lab_sort": label})
    assert at.selectbox(key="lab_sort").value == list(labs_frames.SORTS)[-1]


def test_crux_credence_reopens_with_its_reading(mini):
    key = b.slider_key(CRUX)
    at = _open("cruxes", {key: "10"})
    assert at.slider(key=key).value == 10
    expected = entry(mini, "cruxes", "stance", {key: "10"})
    headings = " ".join(h.value for h in [*at.header, *at.subheader]).replace("\\", "")
    assert expected.takeaway in headings


def test_search_text_reopens_on_the_sources_page():
    at = _open("sources", {"q": "debate"})
    assert at.text_input(key="q").value == "debate"
    assert "q=debate" in _link(at)


def test_compared_techniques_reopen():
    at = _open("techniques", {"compare": ["AI Debate", "RLHF"]})
    assert at.multiselect(key="compare").value == ["debate", "rlhf"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert set(spec["data"][0]["y"]) == {"AI Debate", "RLHF"}


# --------------------------------------------------------------------------
# Stale and unknown parameters
# --------------------------------------------------------------------------


def test_a_technique_that_no_longer_exists_is_ignored_with_a_notice():
    at = _open("overview", {"tech": ["AI Debate", "Telepathic Oversight"]})
    assert at.multiselect(key="tech").value == ["debate"]
    assert "tech=Telepathic Oversight" in _toasts(at)
    assert "AI Debate" not in _toasts(at)
    assert at.query_params.get("tech") == "AI Debate"


def test_an_unknown_key_is_removed_with_a_notice():
    at = _open("labs", {"zoom": "3", "lab_sort": "Nonsense order"})
    assert "zoom" not in at.query_params and "lab_sort" not in at.query_params
    notice = _toasts(at)
    assert "Ignored 2 link settings" in notice and "zoom" in notice and "lab_sort=Nonsense order" in notice
    assert not at.exception


def test_the_notice_is_shown_once_per_link():
    at = _open("effectiveness", {"junk": "1"})
    assert "junk" in _toasts(at)
    at.run(timeout=60)
    assert _toasts(at) == ""


def test_a_clean_link_gets_no_notice():
    at = _open("effectiveness", {"sort": eff.SORTS["superhuman"]})
    assert _toasts(at) == ""


def test_stale_values_on_a_fresh_slider_and_select_do_not_break_the_page():
    key = b.slider_key(CRUX)
    at = _open("cruxes", {key: "250"})
    assert at.slider(key=key).value == b.DEFAULT_CREDENCE
    assert f"{key}=250" in _toasts(at)

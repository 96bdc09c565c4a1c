"""Every output of a chart renders one captioned entry, built once per pack and parameters.

The page, the projected slide and the presenter view, the embed, the data ZIP, the image ZIP's
figures, the PDF brief, the offline report and the handout all draw ``exports.entry.entry``: with the
same pack and parameters the catalogue builder runs once, whichever output asked first. The embed
draws the chart as the page does (theme colour, no second takeaway), and the Labs page says each
finding once.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from figdata import scroll_through, spec
from streamlit.testing.v1 import AppTest

from dashboard.views import catalogue, style
from dashboard.views import entry as entries_module
from packs import MINIMAL_DIR as MINIMAL

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


def _embed(name: str) -> None:
    """An embed as app.py draws it for ``?chart=NAME&embed=true``."""
    import streamlit as st

    from dashboard.app.pack import dataset
    from dashboard.app.share_box import render_embed

    render_embed(dataset(), st.query_params.get("chart", name))


def _run(at: AppTest) -> AppTest:
    at.run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def counted(monkeypatch, tmp_path) -> Counter:
    """Builder calls per (page, view), on a pack no other test loaded (its own directory)."""
    shutil.copytree(MINIMAL, tmp_path / "pack")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "pack"))
    calls: Counter = Counter()
    for key, view_spec in list(catalogue.VIEWS.items()):

        def build(ds, params, _build=view_spec.build, _key=key):
            calls[_key] += 1
            return _build(ds, params)

        monkeypatch.setitem(catalogue.VIEWS, key, dataclasses.replace(view_spec, build=build))
    return calls


def test_one_build_per_entry_across_page_slide_embed_zip_and_pdf(counted):
    from dashboard.app.pack import load_default
    from dashboard.exports import chartdata, handout, images, pdf, report

    key = ("effectiveness", "effectiveness")
    ds = load_default().dataset
    debate = [t.id for t in ds.techniques if t.id == "debate"]
    assert debate, "the minimal pack's talk shows the debate technique"
    talk = ds.talk
    assert talk is not None
    slide = next(i for i, s in enumerate(talk.slides, 1) if (s.page, s.view) == key)

    page = AppTest.from_file(APP, default_timeout=120)
    _run(page).switch_page("pages/effectiveness.py")
    _run(page).sidebar.multiselect(key="tech").set_value(debate)
    _run(page)
    assert spec(page, "effectiveness-chart")["data"]
    for extra in ({}, {"presenter": "1"}):  # the projected slide, then the presenter view
        shown = AppTest.from_file(APP, default_timeout=120)
        shown.query_params.update({"present": "1", "slide": str(slide), **extra})
        assert _run(shown).get("plotly_chart")
    embed = AppTest.from_function(_embed, args=("effectiveness-effectiveness",), default_timeout=120)
    embed.query_params.update({"chart": "effectiveness-effectiveness", "tech": debate})
    assert _run(embed).get("plotly_chart")
    assert load_default().dataset is ds  # one pack object throughout

    item = entries_module.entry(ds, *key, {"tech": debate})
    assert item is not None and item.filter_note
    chartdata.chart_data_zip(ds, item)
    for one in entries_module.entries(ds, {"tech": debate}):  # the image ZIP's charts, as the sidebar narrows them
        images.standalone_figure(ds, one)
    pdf.brief_html(ds)
    report.report_html(ds)
    handout.handout_html(ds)

    assert counted[key] == 2  # all techniques (the report, the brief) and debate alone (everything else)
    kept = entries_module._kept.get(ds, entries_module._Kept).items
    for view_key, n in counted.items():
        assert n == len({k[2] for k in kept if k[:2] == view_key}), view_key


def test_the_embed_draws_the_chart_as_the_page_does(monkeypatch):
    """Theme text colour, the takeaway once (as the heading, not again as the figure's title); the compact
    layout a phone gets, since an embed sits in a host page's column (640 px) on any screen."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(MINIMAL))
    name = "effectiveness-effectiveness"
    at = AppTest.from_function(_embed, args=(name,), default_timeout=120)
    at.query_params["chart"] = name
    _run(at)
    drawn = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert drawn["layout"]["font"]["color"] == style.TEXT_ON["light"]
    assert not drawn["layout"].get("title", {}).get("text")
    from dashboard.app.pack import load_default

    item = entries_module.entry(load_default().dataset, "effectiveness", "effectiveness")
    assert item is not None
    assert drawn == json.loads(item.screen_figure("light", True).to_json())
    assert drawn["layout"]["meta"]["compact"] is True
    texts = [e.value for e in [*at.subheader, *at.caption, *at.markdown]]
    assert sum(item.takeaway in t.replace("\\", "") for t in texts) == 1


def test_every_titled_chart_reaches_outputs_without_its_title(shipped):
    """7 of the catalogue's charts carry their takeaway as a plotly title; the entry leaves it to the heading."""
    titled = 0
    for item in entries_module.entries(shipped):
        built = catalogue.VIEWS[(item.page, item.view)].build(shipped, item.params)
        titled += bool(built is not None and built.fig.layout.title.text)
        assert not item.fig.layout.title.text, item.name
    assert titled >= 1


def test_the_labs_page_says_each_difference_once(monkeypatch, tmp_path):
    """The score differences are one note of the scores chart, not a second caption; the summary's
    differences are worked out once, by the grades entry, not again by the page."""
    from dashboard.views.frames import editions as edition_frames
    from dashboard.views.frames import labs as frames

    shutil.copytree(ROOT / "data", tmp_path / "pack")  # a pack object of its own: nothing cached yet
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "pack"))
    worked_out = Counter()
    real = edition_frames.summary_differences

    def summary_differences(*args, **kwargs):
        worked_out["summary"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(edition_frames, "summary_differences", summary_differences)
    at = AppTest.from_file(APP, default_timeout=120)
    _run(at).switch_page("pages/labs.py")
    scroll_through(_run(at))
    from dashboard.app.pack import load_default

    ds = load_default().dataset
    percent = frames.percent_index(ds)
    letter = frames.letter_index(ds)
    editions = edition_frames.published_editions(ds)
    assert percent is not None and letter is not None and editions, "the shipped pack has both indices"
    differs = edition_frames.score_differences_text(ds, percent)
    shown = [e.value.replace("\\", "") for e in [*at.caption, *at.warning, *at.success, *at.markdown]]
    shown = [t for t in shown if not t.startswith("Text alternative:")]  # the chart's alt says it for a screen reader
    assert differs and sum(differs in t for t in shown) == 1
    assert worked_out["summary"] == 1
    text = edition_frames.differences_text(real(ds, letter, editions[-1]), editions[-1])
    assert sum(text in t for t in shown) == 1

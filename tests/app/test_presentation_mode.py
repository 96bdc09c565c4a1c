"""Presentation mode under AppTest: ?present=1 steps through the shipped talk, one chart per slide."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from figdata import open_panel
from streamlit.testing.v1 import AppTest

from dashboard.app import room
from dashboard.app.screen import screen_kind
from dashboard.views import catalogue, variants
from dashboard.views import talk as talks
from dashboard.views.entry import entries, entry

APP = str(Path(__file__).resolve().parents[2] / "app.py")
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _present(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["present"] = "1"
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _decode(values):
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return values


def _chart(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def _sidebar_tools(at: AppTest) -> list[str]:
    labels = [w.key for w in at.sidebar.multiselect] + [e.label for e in at.sidebar.expander]
    return [x for x in labels if x in ("tech", "Present and download", "Link to this view")]


def _texts(at: AppTest) -> str:
    return " ".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    ).replace("\\", "")


@pytest.fixture(autouse=True)
def _shipped(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)


def test_first_slide_full_screen_without_notes(shipped):
    at = _present()
    talk = shipped.talk
    assert [t.value.replace("\\", "") for t in at.title] == [talk.slides[0].title]
    assert f"1 / {len(talk.slides)}" in [m.value for m in at.markdown]
    assert not _sidebar_tools(at)  # no filter, no downloads (the sidebar itself is hidden by the style sheet)
    assert at.button(key="slide-previous").proto.disabled
    assert not at.button(key="slide-next").proto.disabled
    # the speaker note is for the presenter view only; the subtitle says what the slide shows
    assert not at.expander
    assert talk.slides[0].note not in _texts(at)
    assert talk.slides[0].subtitle in _texts(at)


def test_chart_slides_are_sized_by_the_screen_in_black_on_white(shipped):
    i = next(i for i, s in enumerate(shipped.talk.slides) if s.kind == "chart")
    spec = _chart(_present({"slide": str(i + 1)}))
    assert "height" not in spec["layout"] or spec["layout"]["height"] is None
    assert spec["layout"]["font"]["size"] >= variants.SLIDE_FONT_PX
    assert spec["layout"]["font"]["color"] == "#000000" and spec["layout"]["paper_bgcolor"] == "#ffffff"


def _codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


def test_presenter_view_shows_the_note_the_next_slide_and_both_links(shipped):
    at = _present({"presenter": "1", "slide": "2"})
    slides = shipped.talk.slides
    tid, secret = at.query_params["talk"], at.query_params["key"]
    assert tid and secret and secret not in tid
    texts = _texts(at)
    assert slides[1].note in texts and slides[2].title in texts
    assert f"**2 / {len(slides)}**" in [m.value for m in at.markdown]
    codes = _codes(at)
    audience = next(c for c in codes if c.endswith(f"/talk/{tid}"))  # the phones' page: no secret in it
    assert secret not in audience
    assert any(c.endswith(f"?present=1&talk={tid}") for c in codes)  # the projector window
    assert any(f"key={secret}" in c for c in codes)  # the presenter's own link, in its private panel
    talk = room.talk_store().talk(tid)
    assert talk is not None and talk.slide == 1
    at.button(key="slide-next").click().run(timeout=60)
    assert at.query_params["slide"] == "3"
    assert room.talk_store().talk(tid).slide == 2  # the talk moved, for every replica


def test_presenter_flag_without_the_key_follows_and_moves_nobody(shipped):
    presenter = _present({"presenter": "1"})
    tid = presenter.query_params["talk"]
    before = room.talk_store().talk(tid)
    for query in ({"presenter": "1", "talk": tid}, {"presenter": "1", "talk": tid, "key": "x" * 32}):
        at = _present(query)
        assert "cannot move it" in _texts(at)
        assert not at.code  # no links to hand out
        at.button(key="slide-next").click().run(timeout=60)
        at.button(key="slide-last").click().run(timeout=60)
    after = room.talk_store().talk(tid)
    assert (after.slide, after.seq) == (before.slide, before.seq)


def test_a_malformed_or_unknown_talk_is_said_in_words(shipped):
    at = _present({"talk": "../../etc"})
    assert "malformed" in _texts(at)
    at = _present({"presenter": "1", "talk": "NoSuchTalk12", "key": "y" * 32})
    assert "has ended" in _texts(at)


def test_next_and_previous_step_through_the_talk_and_the_url(shipped):
    at = _present()
    titles = []
    for _ in range(3):
        at.button(key="slide-next").click().run(timeout=60)
        titles.append(at.title[0].value.replace("\\", ""))
    assert titles == [s.title for s in shipped.talk.slides[1:4]]
    assert at.query_params["slide"] == "4"
    assert f"4 / {len(shipped.talk.slides)}" in [m.value for m in at.markdown]
    at.button(key="slide-previous").click().run(timeout=60)
    assert at.query_params["slide"] == "3"
    assert at.title[0].value.replace("\\", "") == shipped.talk.slides[2].title


def test_buttons_have_keyboard_shortcuts():
    at = _present()
    assert at.button(key="slide-next").proto.shortcut.lower() == "right"
    assert at.button(key="slide-previous").proto.shortcut.lower() == "left"
    assert at.button(key="slide-next-page").proto.shortcut.lower() == "pagedown"
    assert at.button(key="slide-first").proto.shortcut.lower() == "home"
    assert at.button(key="slide-last").proto.shortcut.lower() == "end"
    assert at.button(key="slide-exit").proto.shortcut.lower() in ("esc", "escape")


def test_a_link_opens_a_given_slide_and_the_chart_follows_its_params(shipped):
    slides = shipped.talk.slides
    # the first slide whose params choose an order (read from the talk, not named)
    i = next(i for i, s in enumerate(slides) if "sort" in talks.slide_params(s))
    at = _present({"slide": str(i + 1)})
    assert at.title[0].value.replace("\\", "") == slides[i].title
    spec = _chart(at)
    expected = entry(shipped, slides[i].page, slides[i].view, talks.slide_params(slides[i]))
    names = [n for n in _decode(spec["data"][0]["y"])]
    # the slide is sorted as its params say
    assert names == list(expected.fig.data[0].y)


def test_out_of_range_and_nonsense_slide_numbers_are_clamped(shipped):
    n = len(shipped.talk.slides)
    assert _present({"slide": "999"}).title[0].value.replace("\\", "") == shipped.talk.slides[-1].title
    assert _present({"slide": "abc"}).title[0].value.replace("\\", "") == shipped.talk.slides[0].title
    last = _present({"slide": str(n)})
    assert last.button(key="slide-next").proto.disabled


def test_exit_returns_to_the_dashboard():
    at = _present({"slide": "2"})
    at.button(key="slide-exit").click().run(timeout=60)
    assert "present" not in at.query_params and "slide" not in at.query_params
    assert not at.exception
    assert at.multiselect(key="tech") is not None  # the sidebar is back


def test_start_presentation_from_the_sidebar():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run(timeout=60)
    open_panel(at, "present-and-download").button(key="start-presentation").click().run(timeout=60)
    assert at.query_params.get("present") == "1"
    assert at.query_params.get("slide") == "1" and not _sidebar_tools(at)


def test_a_pack_without_a_talk_gets_one_slide_per_chart(tmp_path, monkeypatch):
    from minipack import write_minipack

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_minipack(tmp_path / "pack")))
    at = _present()
    label = next(m.value for m in at.markdown if m.value.startswith("1 / "))
    assert label.endswith(f" / {len(catalogue.VIEWS)}")
    assert at.title[0].value.replace("\\", "") == next(iter(catalogue.VIEWS.values())).label


def test_every_slide_of_the_shipped_talk_renders(shipped):
    assert talks.talk_problems(shipped, shipped.talk) == []
    for i, slide in enumerate(shipped.talk.slides, start=1):
        at = _present({"slide": str(i)})
        assert at.title[0].value.replace("\\", "") == slide.title
        if slide.poll is not None:  # without a shared talk nobody can answer: the positions, and why
            assert len(at.get("plotly_chart")) == 0 and "start the presenter view" in _texts(at), slide.id
        else:
            assert len(at.get("plotly_chart")) == (slide.kind == "chart"), slide.id
        assert "does not fit this pack" not in _texts(at)


def test_a_poll_slide_is_opened_by_the_presenter_and_projected_with_the_rooms_answers(shipped):
    index, slide = next((i, s) for i, s in enumerate(shipped.talk.slides) if s.poll is not None)
    crux = talks.poll_crux(shipped, slide)
    presenter = _present({"presenter": "1", "slide": str(index + 1)})
    tid, secret = presenter.query_params["talk"], presenter.query_params["key"]
    assert "poll not opened yet" in _texts(presenter)
    # The question in bold after its label; the question's own text escaped (it came out as "**Poll:** ...").
    question = next(md.value for md in presenter.markdown if "Poll:" in md.value)
    assert question.startswith("**Poll:** ") and "\\*" not in question
    presenter.button(key="poll-open").click().run(timeout=60)
    assert room.talk_store().poll(tid, slide.id).is_open and "poll open" in _texts(presenter)
    for voter, value in (("phone-aaaaaaaa", 10), ("phone-bbbbbbbb", 40), ("phone-cccccccc", 95)):
        room.talk_store().answer(tid, slide.id, voter, value)
    projector = _present({"talk": tid, "slide": str(index + 1)})
    texts = _texts(projector)
    assert "3 answers" in texts and "Median 40 %" in texts and "Poll open" in texts
    labels = {p.id: p.label for p in crux.positions}
    for side in (labels[crux.high_position], labels[crux.low_position]):  # the two ends, as the crux names them
        assert side in texts
    assert crux.credence_question in texts
    bars = _chart(projector)["data"][0]
    assert sum(_decode(bars["y"])) == 3 and _decode(bars["y"])[1] == 1 and _decode(bars["y"])[9] == 1
    presenter.button(key="poll-close").click().run(timeout=60)
    assert not room.talk_store().poll(tid, slide.id).is_open
    assert "Poll closed" in _texts(_present({"talk": tid, "slide": str(index + 1)}))
    assert secret not in _texts(projector)


# --------------------------------------------------------------------------
# The chart block draws the catalogue's entry
# --------------------------------------------------------------------------
# Pages draw charts only through the chart block, naming catalogue entries (checked from the page
# files in tests/unit/test_pages_draw_catalogue_entries.py); one page run shows what the block draws.


def _page(page: str, query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run(timeout=60)
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        for k, v in query.items():
            at.query_params[k] = v
        at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_chart_block_draws_the_entry_as_the_screen_shows_it(shipped):
    """Each chart drawn is the entry for the same parameters: same figure, takeaway, text alternative."""
    at = _page("effectiveness", {})
    charts = {c.key.removesuffix("-chart"): json.loads(c.proto.spec) for c in at.get("plotly_chart")}
    assert set(charts) == {"effectiveness", "oversight"}
    drawn = {h.proto.anchor: h.value.replace("\\", "") for h in [*at.header, *at.subheader] if h.proto.anchor}
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    for key, spec in charts.items():
        view = entry(shipped, "effectiveness", key, {})
        assert view is not None, key
        # as drawn for this reader: the theme's text colour, the title left to the heading above
        assert spec == json.loads(variants.screen_figure(view.fig, *screen_kind()).to_json()), key
        assert drawn[key] == view.takeaway, key
        assert f"Text alternative: {view.alt}" in captions, key


# --------------------------------------------------------------------------
# Downloads
# --------------------------------------------------------------------------


def _labels(at: AppTest) -> list[str]:
    return [d.proto.label for d in at.get("download_button")] + [b.label for b in at.button]


def test_download_controls_are_offered(shipped):
    at = open_panel(_page("effectiveness", {}), "present-and-download", "effectiveness-downloads")
    labels = _labels(at)
    assert {"Download offline report", "Download data bundle", "Make all chart images", "Start presentation"} <= set(
        labels
    )
    assert {"Download CSV", "CSV, all rows", "PNG 1600×900", "SVG"} <= set(labels)


def test_without_chromium_the_image_controls_say_why(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = open_panel(_page("effectiveness", {}), "present-and-download", "effectiveness-downloads")
    labels = _labels(at)
    assert "PNG 1600×900" not in labels and "Make all chart images" not in labels
    assert "Download CSV" in labels  # the rest still works
    captions = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "none is installed here" in captions and "Chromium" in captions


@pytest.mark.slow
def test_all_chart_images_are_made_with_progress_then_offered(mini, minimal_dir, chromium, monkeypatch):
    import io
    import zipfile

    from dashboard.exports import images
    from dashboard.pack.textsafe import slug

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(minimal_dir))
    at = AppTest.from_file(APP, default_timeout=300)
    at.run(timeout=120)
    open_panel(at, "present-and-download").button(key="make-chart-images").click().run(timeout=300)
    assert not at.exception
    assert "Download chart images (ZIP)" in _labels(at)
    data = at.session_state["_chart_images_zip"]
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    views = entries(mini)
    assert sorted(names) == sorted([f"{slug(v.name)}.{ext}" for v in views for ext in ("png", "svg")] + ["charts.txt"])
    png = zipfile.ZipFile(io.BytesIO(data)).read(f"{slug(views[0].name)}.png")
    assert images.png_size(png) == (1600, 900)

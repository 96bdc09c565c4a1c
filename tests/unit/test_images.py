"""Slide-size chart images made on the server with kaleido and the system Chromium."""

from __future__ import annotations

import io
import re
import zipfile

import plotly.graph_objects as go
import pytest

from dashboard.exports import images

needs_chromium = pytest.mark.skipif(not images.renderer_status()[0], reason="no Chromium for kaleido here")


def _fig(title: str = "Debate beats consultancy") -> go.Figure:
    fig = go.Figure(go.Bar(x=["Debate", "Consultancy"], y=[76, 48], marker_color="#0072B2"))
    fig.update_layout(title=title, height=480, paper_bgcolor="rgba(0,0,0,0)")
    return fig


@needs_chromium
def test_png_is_1600_by_900():
    data = images.render(_fig(), "png")
    assert data.startswith(images.PNG_SIGNATURE)
    assert images.png_size(data) == (1600, 900)


@needs_chromium
def test_png_size_follows_the_request():
    assert images.png_size(images.render(_fig(), "png", width=800, height=450)) == (800, 450)


@needs_chromium
def test_svg_root_and_no_remote_resources():
    data = images.render(_fig("A <b>bold</b> & title"), "svg")
    tag, attrs = images.svg_root(data)
    assert tag == "svg"
    assert (attrs["width"], attrs["height"]) == ("1600", "900")
    text = data.decode("utf-8")
    assert "Consultancy" in text
    # the only absolute addresses are XML namespace names, never fetched
    remote = set(re.findall(r"https?://[^\"' )]+", text))
    assert remote <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert not re.search(r"url\((?!#)", text)


@needs_chromium
def test_export_background_is_opaque_white():
    data = images.render(_fig(), "svg")
    assert "fill: rgb(255, 255, 255); fill-opacity: 1" in data.decode("utf-8")


@needs_chromium
def test_charts_zip_names_contents_and_progress():
    calls = []
    items = [
        images.ChartImage(
            "effectiveness-drop", _fig(), title="Effectiveness falls", alt="Bars fall.", sources="Sources: A (2023)."
        ),
        images.ChartImage("Labs: grades", _fig("Grades")),
        images.ChartImage("labs-grades", _fig("Same stem")),
    ]
    data = images.charts_zip(items, progress=lambda done, total, name: calls.append((done, total, name)))
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(zf.namelist()) == sorted(
        [
            "effectiveness-drop.png",
            "effectiveness-drop.svg",
            "labs-grades.png",
            "labs-grades.svg",
            "labs-grades-2.png",
            "labs-grades-2.svg",
            "charts.txt",
        ]
    )
    for name in zf.namelist():
        if name.endswith(".png"):
            assert images.png_size(zf.read(name)) == (1600, 900)
        elif name.endswith(".svg"):
            assert images.svg_root(zf.read(name))[0] == "svg"
    index = zf.read("charts.txt").decode("utf-8")
    assert "Text alternative: Bars fall." in index and "Sources: A (2023)." in index
    assert [c[0] for c in calls] == list(range(1, 7)) and {c[1] for c in calls} == {6}


def test_export_figure_does_not_touch_the_original():
    fig = _fig()
    out = images.export_figure(fig)
    assert (out.layout.width, out.layout.height) == (1600, 900)
    assert out.layout.paper_bgcolor == images.EXPORT_BACKGROUND
    assert fig.layout.width is None and fig.layout.height == 480


def test_no_chromium_is_reported_in_words(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert images.chromium_path() is None
    ok, reason = images.renderer_status()
    assert not ok and "Chromium" in reason


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        images.render(_fig(), "gif")


def test_png_size_refuses_other_data():
    with pytest.raises(ValueError):
        images.png_size(b"GIF89a" + b"\0" * 30)


def test_file_stem():
    assert images.file_stem("Effectiveness: current vs. superhuman!") == "effectiveness-current-vs-superhuman"
    assert images.file_stem("***") == "chart"


def test_the_render_page_loads_nothing_from_another_host():
    from kaleido import PageGenerator

    page = PageGenerator(plotly=None, mathjax=False).generate_index()
    sources = re.findall(r"<script[^>]*src=\"([^\"]+)\"", page)
    assert sources and all(s.startswith("file://") for s in sources)
    assert "mathjax" not in page.lower()

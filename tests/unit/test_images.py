"""Slide-size chart images made on the server with kaleido and the system Chromium."""

from __future__ import annotations

import io
import re
import zipfile

import plotly.graph_objects as go
import pytest

from dashboard.exports import images
from dashboard.exports.browser import chromium_path
from dashboard.pack.textsafe import slug
from dashboard.views import variants
from dashboard.views.entry import find


def needs_chromium(test):
    """An image made with kaleido and the system Chromium: a slow artefact test, failing without Chromium."""
    return pytest.mark.slow(pytest.mark.usefixtures("chromium")(test))


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
def test_charts_zip_names_contents_and_progress(shipped):
    calls = []
    items = [find(shipped, "effectiveness-effectiveness"), find(shipped, "labs-grades")]
    items.append(items[-1])  # the same name twice gets a second stem
    data = images.charts_zip(shipped, items, progress=lambda done, total, name: calls.append((done, total, name)))
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(zf.namelist()) == sorted(
        [
            "effectiveness-effectiveness.png",
            "effectiveness-effectiveness.svg",
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
            assert shipped.meta.version in zf.read(name).decode("utf-8")
    index = zf.read("charts.txt").decode("utf-8")
    assert "Text alternative: " in index and "Sources: " in index and "Link: http://localhost:8501/labs" in index
    assert f"version {shipped.meta.version}" in index
    assert [c[0] for c in calls] == list(range(1, 7)) and {c[1] for c in calls} == {6}


def _svg_text(data: bytes) -> str:
    """The SVG's visible text, entities decoded, one string."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    return " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))


@needs_chromium
def test_standalone_svg_has_title_sources_version_and_a_quoted_font(shipped):
    from dashboard.analysis.trust import reference_caption

    item = find(shipped, "effectiveness-effectiveness")
    data = images.render_view(shipped, item, "svg")
    text = _svg_text(data)
    assert item.takeaway.split()[0] in text and item.takeaway.split()[-1] in text
    assert reference_caption(shipped, item.references)[:40] in text
    assert f"version {shipped.meta.version}" in text and shipped.meta.title in text
    assert "http://localhost:8501/effectiveness" in text
    assert "(est. marks figures" in text
    import xml.etree.ElementTree as ET

    styles = [el.get("style", "") for el in ET.fromstring(data).iter()]
    families = {m.strip() for st in styles for m in re.findall(r"font-family:([^;]*)", st)}
    assert families, "no font-family in the SVG"
    for family in families:
        assert family.startswith('"') and family.endswith("sans-serif"), family
        assert "Inter" in family and '"DejaVu Sans"' in family


@needs_chromium
def test_standalone_png_is_slide_size_and_a_filtered_export_names_the_filter(shipped):
    two = [t.id for t in shipped.techniques[:2]]
    item = find(shipped, "effectiveness-oversight", {"tech": two}) or find(shipped, "risks-coverage", {"tech": two})
    assert images.png_size(images.render_view(shipped, item, "png")) == (1600, 900)
    text = _svg_text(images.render_view(shipped, item, "svg", base_url=None))
    assert f"Showing 2 of {len(shipped.techniques)} techniques." in text
    assert f"tech={two[0]}" in text and "localhost" not in text  # a relative link without a base


def test_standalone_figure_leaves_the_catalogue_figure_alone(shipped):
    item = find(shipped, "labs-grades")
    before = item.fig.to_json()
    out = images.standalone_figure(shipped, item)
    assert item.fig.to_json() == before
    assert out.layout.title.text.startswith("<b>") and out.layout.margin.autoexpand is False


def test_export_figure_does_not_touch_the_original():
    fig = _fig()
    out = variants.export_figure(fig)
    assert (out.layout.width, out.layout.height) == (1600, 900)
    assert out.layout.paper_bgcolor == variants.PAPER
    assert fig.layout.width is None and fig.layout.height == 480


def test_no_chromium_is_reported_in_words(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert chromium_path() is None
    ok, reason = images.renderer_status()
    assert not ok and "Chromium" in reason


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        images.render(_fig(), "gif")


def test_png_size_refuses_other_data():
    with pytest.raises(ValueError):
        images.png_size(b"GIF89a" + b"\0" * 30)


def test_slug():
    assert slug("Effectiveness: current vs. superhuman!") == "effectiveness-current-vs-superhuman"
    assert slug("***", default="chart") == "chart"


def test_the_render_page_loads_nothing_from_another_host():
    from kaleido import PageGenerator

    page = PageGenerator(plotly=None, mathjax=False).generate_index()
    sources = re.findall(r"<script[^>]*src=\"([^\"]+)\"", page)
    assert sources and all(s.startswith("file://") for s in sources)
    assert "mathjax" not in page.lower()

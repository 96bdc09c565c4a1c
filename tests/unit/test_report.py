"""The offline report: self-contained, escaped, every chart with its alt text, table and references."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.exports import report
from dashboard.views import catalogue
from dashboard.views.entry import Entry, entries


class Collector(HTMLParser):
    """Every start tag with its attributes, the text of <script> and <style>, and all visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def mini_views(mini):
    return entries(mini)


@pytest.fixture(scope="module")
def page(mini, mini_views):
    text = report.report_html(mini, views=mini_views, generated=dt.date(2026, 1, 2))
    parsed = Collector()
    parsed.feed(text)
    return text, parsed


def _visible(parsed: Collector) -> str:
    return re.sub(r"\s+", " ", "".join(parsed.text))


def _is_local(url: str | None) -> bool:
    return url is None or url.startswith("#") or url.startswith("data:")


def test_no_request_to_any_other_host(page):
    text, parsed = page
    for tag, attrs in parsed.tags:
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed", "track", "input"):
            assert _is_local(attrs.get("src")), (tag, attrs)
        if tag == "link":
            pytest.fail(f"<link> in a self-contained report: {attrs}")
        if tag == "object":
            assert _is_local(attrs.get("data"))
        assert "srcset" not in attrs
        style = attrs.get("style") or ""
        assert not re.search(r"url\(\s*['\"]?(?!#|data:)", style), (tag, style)
    for css in parsed.styles:
        assert not re.search(r"url\(", css)
        assert "@import" not in css
    assert 'src="http' not in text and "src='http" not in text


def test_plotly_js_is_embedded_once_and_mathjax_is_off(page):
    text, parsed = page
    big = [s for s in parsed.scripts if len(s) > 1_000_000]
    assert len(big) == 1
    assert text.count("plotly.js v") <= 2  # the bundle's own banner, once
    assert not any("MathJax.Hub" in s or "tex-svg" in s for s in parsed.scripts if len(s) < 1_000_000)
    assert not any(t == "script" and a.get("src") for t, a in parsed.tags)


def test_plotly_config_has_no_cloud_link(page):
    _, parsed = page
    calls = [s for s in parsed.scripts if "Plotly.newPlot" in s]
    assert calls
    for s in calls:
        assert '"showSendToCloud": false' in s
        assert '"displaylogo": false' in s


def test_every_chart_with_takeaway_alt_table_and_references(mini, mini_views, page):
    text, parsed = page
    visible = _visible(parsed)
    assert len(mini_views) >= 5
    for view in mini_views:
        assert f'id="{view.name}"' in text
        assert view.takeaway in visible
        assert f"Text alternative: {view.alt}" in visible
        assert f'<div id="fig-{view.name}"' in text
        # the first row of the table appears cell by cell
        first = view.table.iloc[0]
        for value in first.tolist():
            if isinstance(value, str) and value:
                assert value in visible, (view.name, value)
        for rid in view.references:
            assert mini.reference_by_id[rid].title in visible


def test_reference_items_have_year_stars_and_safe_links(mini, page):
    text, _ = page
    for ref in mini.references:
        if ref.url:
            assert f'href="{html.escape(ref.url)}"' in text
    assert "★" in text
    assert 'href="javascript' not in text.lower()


def test_sources_citation_and_licence(mini, page):
    _, parsed = page
    visible = _visible(parsed)
    assert "Sources" in visible and "Citation and licence" in visible
    assert mini.meta.citation in visible and mini.meta.licence in visible
    for ref in mini.references:
        assert ref.title in visible
    assert "@misc{" in visible and "2026-01-02" in visible


def test_print_and_colour_scheme_styles(page):
    _, parsed = page
    css = " ".join(parsed.styles)
    assert "@media print" in css and "prefers-color-scheme: dark" in css
    printed = css.split("@media print", 1)[1]
    assert "break-before: page" in printed and ".modebar" in printed


def test_pack_text_is_escaped(mini):
    evil = "<script>alert('x')</script>"
    tech = mini.techniques[0].model_copy(update={"name": evil})
    ref = mini.references[0].model_copy(update={"title": evil, "url": "javascript:alert(1)"})
    meta = mini.meta.model_copy(update={"title": evil, "citation": evil, "description": "<img src=x onerror=alert(1)>"})
    ds = dataclasses.replace(
        mini,
        meta=meta,
        techniques=[tech, *mini.techniques[1:]],
        references=[ref, *mini.references[1:]],
    )
    extra = Entry(
        page="overview",
        view="evil",
        takeaway=evil,
        fig=mini_views_fig(),
        table=pd.DataFrame({evil: [evil]}),
        alt=evil,
        references=[ref.id],
        spec=catalogue.ViewSpec("overview", "evil", evil, lambda ds, params: None),
        params={},
        subtitle=evil,
        sources=evil,
        pack_line=evil,
        filter_note="",
    )
    text = report.report_html(ds, views=[*entries(ds), extra])
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "javascript:alert" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    parsed = Collector()
    parsed.feed(text)
    assert not any(t == "img" for t, _ in parsed.tags)
    # the figure JSON escapes markup too
    assert all("</script" not in s.lower() for s in parsed.scripts)


def mini_views_fig():
    import plotly.graph_objects as go

    return go.Figure(go.Bar(x=["<script>alert(2)</script>"], y=[1]))


def test_cli_writes_the_report(tmp_path, capsys, minimal_dir):
    out = tmp_path / "report.html"
    assert main(["export", "--format", "html", "--out", str(out), "--data", str(minimal_dir)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert "wrote" in capsys.readouterr().out


def test_figure_json_round_trips(mini_views, page):
    _, parsed = page
    call = next(s for s in parsed.scripts if "Plotly.newPlot" in s)
    data = re.search(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*(\[.*?\]),\s*\{", call, re.S)
    assert data and json.loads(data.group(1))


def test_shipped_report_has_every_chart_once(shipped):
    views = entries(shipped)
    text = report.report_html(shipped, views=views)
    parsed = Collector()
    parsed.feed(text)
    sections = [a.get("id") for t, a in parsed.tags if t == "section" and "chart" in (a.get("class") or "")]
    charts = [s for s in sections if not s.startswith("slide-")]
    slides = [s for s in sections if s.startswith("slide-")]
    assert charts == [v.name for v in views]
    assert len(sections) == len(set(sections))
    assert slides == [f"slide-{i}" for i in range(1, len(shipped.talk.slides) + 1)]
    visible = _visible(parsed)
    for slide in shipped.talk.slides:
        assert slide.title in visible and f"Speaker note: {slide.note}" in visible
    pages = {v.page for v in views}
    assert {"overview", "effectiveness", "labs", "cruxes", "risks", "approaches", "sources"} <= pages
    chart_slides = [s for s in shipped.talk.slides if s.kind == "chart"]  # title and text slides have no chart
    assert sum(1 for s in parsed.scripts if "Plotly.newPlot" in s) == len(views) + len(chart_slides)
    without_talk = report.report_html(shipped, views=views, include_talk=False)
    assert 'id="slide-1"' not in without_talk and 'id="talk"' not in without_talk
    for ref in shipped.references:
        if ref.url:
            assert html.escape(ref.url) in text


def test_report_tables_are_not_scroll_boxes_and_read_as_in_the_csv(shipped):
    from dashboard.exports.printed import CSS
    from dashboard.exports.report import report_html

    assert "max-height" not in CSS.split(".table-wrap", 1)[1].split("}", 1)[0]
    html_text = report_html(shipped, include_talk=False)
    assert ">True<" not in html_text and ">False<" not in html_text


@pytest.mark.slow
def test_pdf_brief_has_its_pages(mini, tmp_path, chromium, require_tool):
    # On the minimal pack: the shipped brief is printed and measured by the render audit (test_pdfs).
    import subprocess

    from dashboard.exports import browser, pdf

    require_tool("pdfinfo"), require_tool("pdftotext")
    html_text = pdf.brief_html(mini)
    for part in ("Headline figures", "Key charts", "Cruxes: where the sources disagree", "References"):
        assert part in html_text
    assert f"Version {mini.meta.version}" in html_text
    data = browser.html_to_pdf(html_text)
    out = tmp_path / "brief.pdf"
    out.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 6 <= pages <= 20, pages  # a brief: title, headlines, four charts, cruxes, references
    assert browser.page_count(data) == pages
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Headline figures" in text and mini.meta.title in text
    # the grades as the Labs page opens on them: the latest published edition, not the wiki's summary
    from dashboard.views.entry import entry

    published = entry(mini, "labs", "edition", {})
    assert " ".join(published.takeaway.split()[:4]) in " ".join(text.split())
    assert "The page's summary" not in text
    assert "Filters: none" in " ".join(text.split()) and "CC BY 4.0" in text

"""Category labels on the rows a slide or a printed page gives them (views.variants._fit_row_labels): four-line
labels of the oversight chart printed over each other on a slide and in the PDF brief."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.views import style, variants

PARTS = [
    [f"Measure number {i} of the oversight gap", f"A source title of some length ({2018 + i})", "per Page"]
    for i in range(7)
]


def _chart(parts: list[list[str]], *, with_parts: bool = True) -> go.Figure:
    labels = [f"{style.wrap(q, 24)}<br>{src}<br>{per}" for q, src, per in parts]
    fig = go.Figure(go.Bar(orientation="h", y=labels, x=[50] * len(labels)))
    fig.update_layout(
        yaxis={"categoryarray": labels, "categoryorder": "array"},
        margin={"l": style.label_margin(labels)},
        meta={style.LABEL_PARTS: {lbl: p for lbl, p in zip(labels, parts, strict=True)}} if with_parts else None,
    )
    return style.apply(fig, height=style.row_height(len(labels), per_row=84, base=200))


def _lines(fig: go.Figure) -> list[list[str]]:
    return [str(t).split("<br>") for t in fig.layout.yaxis.ticktext]


def test_a_slide_puts_each_label_on_the_lines_its_row_holds_with_its_parts_whole():
    fig = variants.slide_figure(_chart(PARTS), width_px=variants.SLIDE_WIDTH_PX)
    rows_px = variants.SLIDE_PLOT_PX / len(PARTS)
    assert list(fig.layout.yaxis.tickvals) == list(fig.layout.yaxis.categoryarray)  # the categories stay
    for lines, (measure, source, per) in zip(_lines(fig), PARTS, strict=True):
        assert len(lines) * variants.SLIDE_FONT_PX * style.LINE_SPACING <= rows_px
        assert lines == [measure, f"{source} · {per}"]  # a part is never cut across two lines here
    longest = max(len(line) for lines in _lines(fig) for line in lines)
    assert fig.layout.margin.l >= longest * variants.SLIDE_FONT_PX * style.CHAR_EM
    assert fig.layout.margin.l <= variants.LABEL_SHARE * variants.SLIDE_WIDTH_PX


def test_labels_are_not_widened_where_the_plot_would_be_left_no_room_or_the_width_is_not_known():
    """The presenter's view draws the slide 700 px wide at 14 px: wider labels left its plot 10 px."""
    narrow = variants.slide_figure(_chart(PARTS), font_px=14, width_px=400)
    unknown = variants.slide_figure(_chart(PARTS), font_px=14)
    for fig in (narrow, unknown):
        assert fig.layout.yaxis.ticktext is None
        assert fig.layout.margin.l == int(_chart(PARTS).layout.margin.l * 14 / 16)


def test_the_presenters_view_draws_the_chart_as_tall_as_its_labels_need():
    """At 14 px in a 420 px box, seven four-line labels (510 px of text) printed over each other."""
    fig = variants.slide_figure(_chart(PARTS), font_px=14)
    need = len(PARTS) * 4 * 14 * style.LINE_SPACING
    assert fig.layout.yaxis.ticktext is None  # the labels as they were
    assert need < fig.layout.meta[variants.MIN_PLOT_PX] <= need + 1
    assert variants.slide_height(fig, 14, 420) >= need + 5 * 14 > 420
    few = variants.slide_figure(_chart(PARTS[:2]), font_px=14)
    assert variants.slide_height(few, 14, 420) == 420  # two rows fit the box as it is


def test_a_matrix_is_drawn_as_tall_as_its_cells_text_needs():
    """The indices side by side in the presenter's view: eight rows of two-line cells in a 420 px box printed
    over each other; its column headings, above the plot and turned, took room from the rows too."""
    names = [f"Company {i}" for i in range(8)]
    columns = ["An index with a long<br>name (Winter 2025)", "Another index<br>of some length<br>(2025)"]
    text = [[f"C+<br><span style='font-size:14px'>{i + 1}st of 8</span>"] * 2 for i in range(8)]
    fig = go.Figure(go.Heatmap(z=[[1, 2]] * 8, x=columns, y=names, text=text, texttemplate="%{text}"))
    fig.update_layout(xaxis={"side": "top"}, yaxis={"autorange": "reversed"})
    out = variants.slide_figure(style.apply(fig), font_px=14)
    need = 8 * 2 * 14 * style.LINE_SPACING
    assert need < out.layout.meta[variants.MIN_PLOT_PX] <= need + 1
    headings = 3 * 14 * style.LINE_SPACING  # the column headings' three lines, at least
    assert variants.slide_height(out, 14, 404) >= need + headings + out.layout.margin.b


def test_where_the_rows_cannot_hold_the_labels_they_take_as_few_lines_as_leave_the_plot_room():
    """650 px wide at 14 px: on two lines the labels would take 385 px, over 55% of the width; on three, 308."""
    fig = variants.slide_figure(_chart(PARTS), font_px=14, width_px=650)
    lines = _lines(fig)
    assert {len(x) for x in lines} == {3}
    assert lines[0] == ["Measure number 0 of the oversight gap", "A source title of some length (2018)", "per Page"]
    assert fig.layout.margin.l <= variants.LABEL_SHARE * 650
    assert fig.layout.meta[variants.MIN_PLOT_PX] == int(len(PARTS) * 3 * 14 * style.LINE_SPACING) + 1


def test_the_printed_page_fits_its_fixed_height_and_words_without_parts_are_rewrapped():
    fig = variants.print_figure(_chart(PARTS, with_parts=False), max_height=500)
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    lines = _lines(fig)
    assert max(len(x) for x in lines) * style.TICK_SIZE * style.LINE_SPACING <= plot / len(PARTS)
    assert [" ".join(x) for x in lines] == [" ".join(p) for p in PARTS]  # every word, in order


def test_labels_that_fit_their_rows_are_left_as_they_are():
    short = [["Measure", "Source (2020)", "per Page"]] * 2
    fig = variants.slide_figure(
        _chart([[f"{m} {i}", s, p] for i, (m, s, p) in enumerate(short)]), width_px=variants.SLIDE_WIDTH_PX
    )
    assert fig.layout.yaxis.ticktext is None and fig.layout.yaxis.tickvals is None


def test_a_slides_text_in_spans_of_their_own_size_grows_to_the_slides_size_and_categories_stay_one_string():
    """A grade's "4th of 8" and a challenge's "Chance of working for near-AGI" are set in 14 px spans on the
    pages: on a slide they were 14 px under 24 px titles."""
    small = "<span style='font-size:14px'>4th of 8</span>"
    labels = [f"Lab {i}<br><span style='font-size:14px'>note {i}</span>" for i in range(3)]
    fig = go.Figure(go.Heatmap(z=[[1, 2]] * 3, y=labels, x=["A", "B"], text=[[f"C+<br>{small}"] * 2] * 3))
    fig.add_annotation(text=f"Big<br>{small}", x=0, y=0, showarrow=False)
    fig.update_layout(yaxis={"categoryarray": labels, "categoryorder": "array"})
    out = variants.slide_figure(style.apply(fig))
    grown = "<span style='font-size:24px'>"
    assert all(grown in cell for row in out.data[0].text for cell in row)
    assert list(out.layout.yaxis.categoryarray) == list(out.data[0].y)
    assert all(grown in y for y in out.data[0].y)
    assert grown in out.layout.annotations[0].text
    assert "font-size:14px" not in out.to_json()
    assert "font-size:14px" in fig.to_json()  # the page's figure is not touched


def test_parts_are_packed_whole_and_never_after_a_part_that_wrapped():
    parts = ["Judge accuracy on factual questions with debate", "AI-Assisted Alignment (2026)", "per Page"]
    assert style.pack_parts(parts, 60) == (
        "Judge accuracy on factual questions with debate<br>AI-Assisted Alignment (2026) · per Page"
    )
    # at 40 the measure wraps: the source starts a line of its own rather than follow "debate"
    assert style.pack_parts(parts, 40) == (
        "Judge accuracy on factual questions with<br>debate<br>AI-Assisted Alignment (2026) · per Page"
    )


def test_a_phones_labels_above_the_bars_keep_their_parts_apart():
    fig = variants.screen_figure(_chart(PARTS), "light", True)
    above = [a.text for a in fig.layout.annotations if a.text]
    assert above and all(t.split("<br>")[:3] == p for t, p in zip(above, PARTS, strict=False))


def test_a_phones_rows_hold_their_labels_and_bars_at_the_height_the_chart_is_given():
    """The room above the first row was taken out of the rows' height: a five-line label ran into the bar above."""
    fig = variants.screen_figure(_chart(PARTS), "light", True)
    lay = fig.layout
    span = abs(lay.yaxis.range[1] - lay.yaxis.range[0])
    row = (lay.height - lay.margin.t - lay.margin.b) / span
    lines = max(a.text.count("<br>") + 1 for a in lay.annotations if a.text)
    # a label sits 2 px over its bar and keeps 6 px from the bar above
    assert row * lay.bargap >= lines * style.TICK_SIZE * style.LINE_SPACING + 8

"""The chart theme: large type, transparent backgrounds, margins that fit the labels."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.views import style


def test_apply_sets_sizes_on_the_layout():
    fig = style.apply(go.Figure(go.Bar(x=[1], y=["a"])), title="A title", height=500)
    assert fig.layout.height == 500
    assert fig.layout.font.size >= style.MIN_FONT_SIZE
    assert fig.layout.title.text == "A title" and fig.layout.title.font.size >= style.MIN_FONT_SIZE
    assert fig.layout.xaxis.tickfont.size >= style.MIN_FONT_SIZE
    assert fig.layout.yaxis.title.font.size >= style.MIN_FONT_SIZE
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)" and fig.layout.plot_bgcolor == "rgba(0,0,0,0)"
    assert fig.layout.margin.t >= 80  # room for the title


def test_apply_keeps_what_a_builder_set():
    fig = go.Figure(go.Bar(x=[1], y=["a"]))
    fig.update_layout(margin={"b": 150}, xaxis={"tickfont": {"size": 20}})
    style.apply(fig)
    assert fig.layout.margin.b == 150 and fig.layout.margin.l == style.DEFAULT_MARGIN["l"]
    assert fig.layout.xaxis.tickfont.size == 20


def test_label_margin_grows_with_labels():
    short = style.label_margin(["A"])
    long = style.label_margin(["A much longer label for a technique"])
    assert short == 80 and long > short
    assert style.label_margin(["x" * 500]) == 460
    assert style.label_margin(["first line<br>" + "y" * 10]) == style.label_margin(["first line"])


def test_wrap():
    assert style.wrap("one two three four", 9) == "one two<br>three<br>four"
    assert style.wrap("") == ""


def test_apply_sets_the_page_font_on_the_layout():
    """Streamlit replaces the template in the browser, so the family must be on the layout itself."""
    fig = style.apply(go.Figure(go.Bar(x=[1], y=["a"])))
    families = [f.strip() for f in fig.layout.font.family.split(",")]
    assert families[0] == '"Source Sans"'
    assert all(f.startswith('"') for f in families if " " in f), families  # Chromium drops unquoted lists
    kept = go.Figure(go.Bar(x=[1], y=["a"]))
    kept.update_layout(font={"family": "Serif"})
    assert style.apply(kept).layout.font.family == "Serif"


def test_legend_entries_are_wide_enough_for_their_longest_name(shipped):
    from dashboard.views.figures import effectiveness as eff_charts
    from dashboard.views.figures import labs as lab_charts
    from dashboard.views.frames import effectiveness as eff_frames
    from dashboard.views.frames import labs as lab_frames

    for fig in (
        lab_charts.investment_bar(lab_frames.investment_frame(shipped)),
        eff_charts.effectiveness_figure(eff_frames.estimates_frame(shipped)),
    ):
        names = [t.name for t in fig.data if t.showlegend is not False and t.name]  # what the legend lists
        longest = max(names, key=len)
        assert fig.layout.legend.entrywidthmode == "pixels"
        # the symbol (about 40 px) plus the name at legend size, with a glyph at about half the font size
        assert fig.layout.legend.entrywidth >= 40 + len(longest) * fig.layout.legend.font.size * 0.5, longest
    short, long = (go.Figure(go.Bar(x=[1], y=["a"], name="x" * n)) for n in (10, 30))
    assert style.legend_entry_width(long) > style.legend_entry_width(short)


def test_long_titles_are_broken_onto_lines():
    """plotly does not wrap a title; a long one is broken at words, none of its lines too long."""
    title = "Interpretable features extracted from Claude 3 Sonnet: 10 million vs 16 million, depending on the source"
    fig = style.apply(go.Figure(go.Bar(x=[1], y=["a"])), title=title)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) == 2 and " ".join(lines) == title
    assert all(len(line) <= style.TITLE_WRAP for line in lines)
    assert fig.layout.title.yanchor == "top" and fig.layout.title.automargin


def test_a_black_series_takes_the_dark_themes_text_colour():
    """A series drawn black (a slope chart's eighth company) vanished on the dark theme's near-black."""
    import plotly.graph_objects as go

    from dashboard.views import style, variants

    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], line={"color": style.BLACK}, marker={"color": style.BLACK}))
    dark = variants.theme_text(fig, style.TEXT_ON["dark"])
    assert dark.data[0].line.color == style.TEXT_ON["dark"] and dark.data[0].marker.color == style.TEXT_ON["dark"]
    assert fig.data[0].line.color == style.BLACK  # the shared figure is not touched

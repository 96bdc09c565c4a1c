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


def _theme_text_through_plotly(fig: go.Figure, colour: str) -> go.Figure:
    """The theme's text colour set through plotly's checked object model: what the screen figure must equal."""
    fig = go.Figure(fig)
    fig.update_layout(font={"color": colour}, title={"font": {"color": colour}}, legend={"font": {"color": colour}})
    fig.update_xaxes(tickfont={"color": colour}, title={"font": {"color": colour}})
    fig.update_yaxes(tickfont={"color": colour}, title={"font": {"color": colour}})
    for ann in fig.layout.annotations:
        if ann.font.color is None:
            ann.font.color = colour
    for t in fig.data:
        if t.type in ("bar", "scatter") and t.textfont.color is None:
            t.textfont.color = colour
        if t.type == "scatter":
            if str(t.line.color).upper() == style.BLACK.upper():
                t.line.color = colour
            if str(t.marker.color).upper() == style.BLACK.upper():
                t.marker.color = colour
    return fig


def test_theme_text_is_the_object_models_result_for_every_chart_of_both_packs(shipped, mini):
    """Every catalogue chart of the shipped and the minimal pack, in both themes: the same figure as
    setting the colours through plotly's object model, and the shared figure untouched."""
    from dashboard.views import entry, variants

    charts = entry.entries(shipped) + entry.entries(mini)
    assert len(charts) > 20
    for item in charts:
        before = item.fig.to_dict()
        for colour in style.TEXT_ON.values():
            made = variants.theme_text(item.fig, colour)
            assert made.to_dict() == _theme_text_through_plotly(item.fig, colour).to_dict(), (item.name, colour)
            assert made.layout.font.color == colour and made.layout.xaxis.tickfont.color == colour
        assert item.fig.to_dict() == before, item.name


def test_theme_text_on_subplots_notes_and_labels_with_colours_of_their_own():
    from plotly.subplots import make_subplots

    from dashboard.views import phone_layout, variants

    fig = make_subplots(rows=1, cols=2, subplot_titles=["Left", "Right"])
    fig.add_trace(go.Bar(x=["a"], y=[1], text=["1"], textfont={"color": "#123456"}), row=1, col=1)
    fig.add_trace(
        go.Scatter(x=[1], y=[2], mode="markers+text", text=["2"], marker={"color": style.BLACK}), row=1, col=2
    )
    fig.add_annotation(text="own colour", x=0, y=0, font={"color": "#654321"})
    fig.update_xaxes(title_text="x2 title", row=1, col=2)
    dark = style.TEXT_ON["dark"]
    made = variants.theme_text(fig, dark)
    assert made.to_dict() == _theme_text_through_plotly(fig, dark).to_dict()
    assert made.layout.xaxis2.tickfont.color == dark and made.layout.xaxis2.title.font.color == dark
    assert made.layout.yaxis2.tickfont.color == dark
    assert [a.font.color for a in made.layout.annotations] == [dark, dark, "#654321"]
    assert made.data[0].textfont.color == "#123456"  # a label's own colour is kept
    assert made.data[1].textfont.color == dark and made.data[1].marker.color == dark
    # The copy is a figure like any other: a phone layout and an image are made from it.
    assert phone_layout.compact(made).layout.meta["compact"] is True


def test_untitled_is_the_object_models_result_for_every_chart_of_both_packs(shipped, mini):
    """The figure an entry keeps (its title taken off, the heading above says it): the same as through
    plotly's object model, for every chart and variant the catalogue builds from either pack."""
    from dashboard.views import catalogue, variants
    from dashboard.views.links import as_list

    def through_plotly(fig: go.Figure) -> go.Figure:
        if not fig.layout.title.text:
            return fig
        out = go.Figure(fig)
        out.update_layout(title={"text": ""}, margin={"t": 24})
        return out

    titled = 0
    for ds in (shipped, mini):
        for spec in catalogue.VIEWS.values():
            for variant in [{}, *spec.variants(ds)]:
                chart = spec.build(ds, {k: as_list(v) for k, v in variant.items()})
                if chart is None:
                    continue
                before = chart.fig.to_dict()
                made = variants.untitled(chart.fig)
                assert made.to_dict() == through_plotly(chart.fig).to_dict(), (spec.page, spec.view, variant)
                assert not made.layout.title.text
                assert chart.fig.to_dict() == before  # the built figure is not touched
                titled += made is not chart.fig
    assert titled > 20

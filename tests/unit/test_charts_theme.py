"""The chart theme: large type, transparent backgrounds, margins that fit the labels."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import theme


def test_apply_sets_sizes_on_the_layout():
    fig = theme.apply(go.Figure(go.Bar(x=[1], y=["a"])), title="A title", height=500)
    assert fig.layout.height == 500
    assert fig.layout.font.size >= theme.MIN_FONT_SIZE
    assert fig.layout.title.text == "A title" and fig.layout.title.font.size >= theme.MIN_FONT_SIZE
    assert fig.layout.xaxis.tickfont.size >= theme.MIN_FONT_SIZE
    assert fig.layout.yaxis.title.font.size >= theme.MIN_FONT_SIZE
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)" and fig.layout.plot_bgcolor == "rgba(0,0,0,0)"
    assert fig.layout.margin.t >= 80  # room for the title


def test_apply_keeps_what_a_builder_set():
    fig = go.Figure(go.Bar(x=[1], y=["a"]))
    fig.update_layout(margin={"b": 150}, xaxis={"tickfont": {"size": 20}})
    theme.apply(fig)
    assert fig.layout.margin.b == 150 and fig.layout.margin.l == theme.DEFAULT_MARGIN["l"]
    assert fig.layout.xaxis.tickfont.size == 20


def test_label_margin_grows_with_labels():
    short = theme.label_margin(["A"])
    long = theme.label_margin(["A much longer label for a technique"])
    assert short == 80 and long > short
    assert theme.label_margin(["x" * 500]) == 460
    assert theme.label_margin(["first line<br>" + "y" * 10]) == theme.label_margin(["first line"])


def test_wrap():
    assert theme.wrap("one two three four", 9) == "one two<br>three<br>four"
    assert theme.wrap("") == ""

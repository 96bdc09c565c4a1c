"""Scalability concerns as success-probability ranges; dated events on a time axis."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.views import style

FONT_SIZE = 15


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def scalability_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """One row per challenge: a bar from low to high percent; an unquantified challenge gets words, no bar.

    ``frame`` is ``frames.approaches.scalability_frame``.
    """
    labels = [
        _wrap(c, 24) + (f"<br><span style='font-size:14px'>{_wrap(t, 26)}</span>" if t else "")
        for c, t in zip(frame["challenge"], frame["of what"], strict=True)
    ]
    quantified = frame["quantified"].astype(bool).tolist()
    q = frame[frame["quantified"].astype(bool)]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name="Success probability",
            orientation="h",
            y=[label for label, ok in zip(labels, quantified, strict=True) if ok],
            base=q["low"].astype(float).tolist(),
            x=(q["high"].astype(float) - q["low"].astype(float)).tolist(),
            marker={"color": style.BLUE},
            text=[f" {t}" for t in q["success probability"]],
            textposition="outside",
            textfont={"size": FONT_SIZE},
            cliponaxis=False,
            customdata=list(
                zip(
                    q["success probability"],
                    q["of what"],
                    [style.wrap(s, 60) for s in q.get("source_trust", q.get("sources", [""] * len(q)))],
                    strict=True,
                )
            ),
            hovertemplate="%{y}<br>%{customdata[0]} %{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>",
            width=0.55,
        )
    )
    if not all(quantified):
        # An empty bar on each unquantified row: plotly pads the axis half a row past the outermost bars only,
        # and a last row without one sat on the x axis's tick labels.
        unquantified = [label for label, ok in zip(labels, quantified, strict=True) if not ok]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=unquantified,
                x=[None] * len(unquantified),
                name="",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    # Annotations are handed to plotly in one list (one at a time re-validates the list on each call).
    notes = [
        go.layout.Annotation(
            x=2,
            y=label,
            xref="x",
            yref="y",
            text=f"<i>{words}</i>",
            showarrow=False,
            xanchor="left",
            font={"size": FONT_SIZE},  # the theme's text colour (grey text was under 4.5:1)
        )
        for label, ok, words in zip(labels, quantified, frame["success probability"], strict=True)
        if not ok
    ]
    if notes:
        fig.update_layout(annotations=notes)
    height = max(360, 160 + 90 * len(labels))
    style.apply(fig, title=title, height=height)
    # Room for the longest label line (automargin under-measures lines in a smaller font).
    longest = max((len(line) for label in labels for line in re.sub(r"<[^>]+>", "\n", label).split("\n")), default=10)
    fig.update_layout(
        margin={"l": 20 + int(8.5 * longest), "r": 40, "t": 70, "b": 70},
        showlegend=False,
        barmode="overlay",  # the empty bars take no room from the others
        xaxis={"range": [0, 100], "ticksuffix": "%", "title": {"text": "Chance of success the text gives (range)"}},
        yaxis={"autorange": "reversed", "automargin": True, "categoryorder": "array", "categoryarray": labels},
    )
    return fig


LANE_PX = 62  # vertical distance between label lanes
LABEL_PX = 190  # the width a label needs
PLOT_PX = 640  # the plot width the lanes are planned for: a laptop's (wider screens only add room)


def event_lanes(dates: list[pd.Timestamp], *, span_days: float) -> list[int]:
    """A lane per event (1, -1, 2, -2, ...: above and below the axis) so that no two labels overlap
    and no event's stem runs through another event's label.

    Labels are about ``LABEL_PX`` wide on a ``PLOT_PX`` wide plot covering ``span_days``.
    """
    half = span_days * LABEL_PX / PLOT_PX / 2
    order = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6]
    day = 86_400_000_000_000  # ns; (d - e).days is the floor of the difference in days
    ns = [pd.Timestamp(d).value for d in dates]
    placed: list[tuple[int, int]] = []  # (date in ns, lane)
    # Only events less than two label widths apart constrain each other. For dates in order (as
    # events_frame gives them), those are the last few placed: the window starts at ``first``.
    in_order = all(a <= b for a, b in zip(ns, ns[1:]))
    first = 0

    def fits(near_ones: list[tuple[int, int]], lane: int, *, strict: bool) -> bool:
        for gap, other in near_ones:
            covers = gap < half  # one's stem is under the other's label
            if other == lane:  # near: the two labels would touch
                return False
            if strict and (other > 0) == (lane > 0) and covers and abs(other) != abs(lane):
                return False
        return True

    lanes = []
    for d in ns:
        if in_order:
            while first < len(placed) and (d - placed[first][0]) // day >= 2 * half:
                first += 1
        near_ones = [(gap, other) for e, other in placed[first:] if (gap := abs((d - e) // day)) < 2 * half]
        # Best: a lane where no stem crosses a label; else one where at least no labels touch.
        lane = next(
            (ln for ln in order if fits(near_ones, ln, strict=True)),
            next((ln for ln in order if fits(near_ones, ln, strict=False)), order[-1]),
        )
        placed.append((d, lane))
        lanes.append(lane)
    return lanes


EDGE_SHARE = 0.18  # a label of an event this near an end of the axis leans inwards


def _anchors(dates: list[pd.Timestamp], lo, hi) -> list[str]:
    """Each label's anchor: centred over its event, but leaning inwards near an end of the axis, where a
    centred label ran past the chart's edge (on a laptop as on a phone)."""
    if not dates:
        return []
    span = (hi - lo).value or 1
    shares = [(d - lo).value / span for d in dates]
    return ["left" if s < EDGE_SHARE else "right" if s > 1 - EDGE_SHARE else "center" for s in shares]


def events_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """Dated events as markers on a time line, each label in a lane above or below so none overlap.

    ``frame`` is ``frames.approaches.events_frame`` (sorted by date).
    """
    dates = pd.to_datetime(frame["date"]).tolist()
    pad = pd.Timedelta(days=150)
    lo, hi = (min(dates) - pad, max(dates) + pad) if dates else (None, None)
    span = (hi - lo).days if dates else 1  # type: ignore[operator]
    lanes = event_lanes(dates, span_days=span)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=[0] * len(dates),
            mode="markers",
            marker={"size": 16, "color": style.BLUE, "line": {"width": 1, "color": style.BLACK}},
            customdata=list(zip(frame["when"], frame["event"], strict=True)),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            name="Events",
        )
    )
    # The label sits at (date, lane) in data units; its stem runs down (or up) to the event. All labels
    # are handed to plotly in one list (adding them one at a time is quadratic in the events).
    labels = [
        go.layout.Annotation(
            x=d,
            y=0,
            ax=d,
            ay=lane,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            text=f"<b>{when}</b><br>{_wrap(name, 24)}",
            showarrow=True,
            arrowhead=0,
            arrowwidth=1.5,
            arrowcolor=style.GREY,
            font={"size": FONT_SIZE - 1},
            align="center" if anchor == "center" else anchor,
            xanchor=anchor,
            yanchor="bottom" if lane > 0 else "top",
            standoff=9,
        )
        for d, lane, when, name, anchor in zip(
            dates, lanes, frame["when"], frame["event"], _anchors(dates, lo, hi), strict=True
        )
    ]
    if labels:
        fig.update_layout(annotations=labels)
    up = max([ln for ln in lanes if ln > 0], default=0)
    down = -min([ln for ln in lanes if ln < 0], default=0)
    style.apply(fig, title=title, height=150 + (up + down + 2) * LANE_PX + 80)
    fig.update_layout(
        margin={"l": 20, "r": 20, "t": 70 + 70, "b": 40},
        showlegend=False,
        # Room above the top lane for its label: the chart keeps no top margin once its title goes.
        yaxis={"visible": False, "range": [-down - 1.2 if down else -0.6, up + 1.1 if up else 0.3]},
        xaxis={"showgrid": False, "title": {"text": ""}, "showline": False},
    )
    fig.add_hline(y=0, line_width=2, line_color=style.GREY)
    if dates:
        fig.update_xaxes(range=[lo, hi])
    return fig

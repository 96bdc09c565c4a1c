"""Labs: the grade matrix heatmap, the percentage index, investment per lab."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.views import style

GPA_MAX = 4.3


def grade_heatmap(
    frame: pd.DataFrame,
    scale: pd.DataFrame,
    *,
    title: str | None = None,
    marks: dict[tuple[str, str], str] | None = None,
    marks_label: str = "published",
) -> go.Figure:
    """Companies (rows, in ``frame['order']``) x domains (columns); the letter in each cell, colour = GPA.

    ``frame`` is ``frames.labs.grade_matrix``; ``scale`` is ``frames.labs.scale_frame`` (letter, GPA),
    used for the colour bar's ticks so the scale is printed beside the matrix.
    A cell the index does not grade is empty with "not graded" on hover.
    ``marks`` maps (lab, domain) to another letter for that cell (e.g. the published edition's where a
    page's summary differs from it): the cell gets a dashed outline and "≠ <letter>" under its own.
    """
    marks = marks or {}
    labs = frame.drop_duplicates("lab").sort_values("order")
    domains = frame.drop_duplicates("domain").sort_values("domain_order")
    lab_names = list(labs["lab_name"])
    domain_names = list(domains["domain_label"])
    cell = {(r.lab, r.domain): r for r in frame.itertuples()}
    z, text, hover = [], [], []
    for lab, name in zip(labs["lab"], lab_names):
        zr, tr, hr = [], [], []  # type: ignore[var-annotated]
        for dom, dname in zip(domains["domain"], domain_names):
            r = cell.get((lab, dom))
            if r is None:
                zr.append(None)
                tr.append("")
                hr.append(f"{name} · {dname}: not graded")
            else:
                zr.append(r.gpa)
                other = marks.get((lab, dom))
                if other is None:
                    tr.append(r.letter)
                    hr.append(f"{name} · {dname}: {r.letter} (GPA {r.gpa:.1f})")
                else:
                    tr.append(f"{r.letter}<br><span style='font-size:14px'>≠ {other}</span>")
                    hr.append(f"{name} · {dname}: {r.letter} (GPA {r.gpa:.1f}); {marks_label}: {other}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    ticks = scale.sort_values("GPA")
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=domain_names,
            y=lab_names,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 20, "color": style.GRADE_TEXT},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=style.GRADE_COLOURSCALE,
            zmin=0,
            zmax=GPA_MAX,
            xgap=3,
            ygap=3,
            colorbar={
                "title": {"text": "Grade (GPA)", "side": "top"},
                "tickvals": list(ticks["GPA"]),
                "ticktext": [f"{lt}  {g:.1f}" for lt, g in zip(ticks["Letter"], ticks["GPA"])],
                "tickfont": {"size": style.MIN_FONT_SIZE},
                "len": 1.0,
                "thickness": 18,
            },
            meta={"labs": list(labs["lab"]), "domains": list(domains["domain"])},
        )
    )
    lab_pos = {lab: i for i, lab in enumerate(labs["lab"])}
    dom_pos = {d: i for i, d in enumerate(domains["domain"])}
    outlines = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y",
            "x0": dom_pos[d] - 0.47,
            "x1": dom_pos[d] + 0.47,
            "y0": lab_pos[lab] - 0.45,
            "y1": lab_pos[lab] + 0.45,
            "line": {"color": style.NEUTRAL_TEXT, "width": 3, "dash": "dash"},
        }
        for (lab, d) in marks
        if lab in lab_pos and d in dom_pos and (lab, d) in cell
    ]
    fig.update_layout(
        shapes=outlines,
        xaxis={"side": "top", "title": None, "showgrid": False, "tickfont": {"size": style.TICK_SIZE}},
        yaxis={"autorange": "reversed", "title": None, "showgrid": False},
        margin={"l": style.label_margin(lab_names)},
    )
    style.apply(fig, title=title, height=max(360, 130 + 56 * len(lab_names)))
    return fig


def scores_bar(frame: pd.DataFrame, *, index_name: str, title: str | None = None) -> go.Figure:
    """The percentage index as horizontal bars, highest on top, each labelled with its percent and FLI letter."""
    labels = [
        f"{p:g}%" + (f" · overall {lt}" if lt and lt != "not graded" else "")
        for p, lt in zip(frame["percent"], frame.get("overall_letter", [""] * len(frame)))
    ]
    fig = go.Figure(
        style.labelled_hbar(
            frame["percent"],
            frame["lab_name"],
            labels,
            name=index_name,
            hovertemplate="%{y}: %{x:g}%<extra>" + index_name + "</extra>",
        )
    )
    fig.update_layout(
        xaxis={"title": {"text": f"{index_name} (%)"}, "range": [0, 100], "ticksuffix": "%"},
        yaxis={"autorange": "reversed", "title": None},
        margin={"l": style.label_margin(frame["lab_name"])},
        showlegend=False,
    )
    style.apply(fig, title=title, height=style.row_height(len(frame), per_row=56, base=150))
    return fig


def investment_bar(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Investment per lab in USD millions: per-year figures as solid bars (ranges from low to high),
    sums raised (one-off) as hatched bars in another colour; "est." in the label where estimated.
    """
    fig = go.Figure()
    groups = (
        ("per-year", "Per year", style.BLUE, ""),
        ("raised", "Raised (one-off, not per year)", style.ORANGE, "/"),
    )
    for basis, name, colour, pattern in groups:
        sub = frame[frame["basis"] == basis]
        if sub.empty:
            continue
        is_range = sub["high"] > sub["low"]
        base = [float(lo) / 1e6 if r else 0.0 for lo, r in zip(sub["low"], is_range)]
        width = [float(h - lo) / 1e6 if r else float(h) / 1e6 for lo, h, r in zip(sub["low"], sub["high"], is_range)]
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=list(sub["lab_name"]),
                base=base,
                x=width,
                marker={
                    "color": style.hex_to_rgba(colour, 0.85),
                    "line": {"color": colour, "width": 1.5},
                    "pattern": {
                        "shape": pattern,
                        "fgcolor": colour,
                        "bgcolor": style.hex_to_rgba(colour, 0.3),
                        "size": 10,
                        "solidity": 0.4,
                    }
                    if pattern
                    else {},
                },
                text=list(sub["figure_text"]),
                textposition="outside",
                textfont={"size": style.MIN_FONT_SIZE + 1},
                cliponaxis=False,
                customdata=[
                    [n or "", style.wrap(s, 60)] for n, s in zip(sub["note"], sub.get("source_trust", sub["sources"]))
                ],
                hovertemplate="<b>%{y}</b>: %{text}<br>%{customdata[0]}<br>Source: %{customdata[1]}<extra></extra>",
                meta={"basis": basis, "labs": list(sub["lab"])},
            )
        )
    order = list(frame["lab_name"])
    top = float(frame["high"].max()) / 1e6 if not frame.empty else 1.0
    fig.update_layout(
        barmode="overlay",
        xaxis={
            "title": {"text": "US dollars (millions)"},
            "range": [0, top * 1.9],
            "tickprefix": "$",
            "ticksuffix": "M",
        },
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(order)), "title": None},
        legend=style.bottom_legend(fig),
        margin={"b": 110, "l": style.label_margin(order)},
    )
    style.apply(fig, title=title, height=style.row_height(len(frame), per_row=56, base=200))
    return fig


_SLOPE_COLOURS = (
    style.BLUE,
    style.ORANGE,
    style.GREEN,
    style.VERMILION,
    style.PURPLE,
    style.SKY,
    style.BLACK,  # drawn in the theme's text colour on a screen (views.variants.theme_text)
    style.GREY,
)


def edition_slopes(frame: pd.DataFrame, scale: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Each company's overall grade across editions: one line per company, letters on the y axis.

    ``frame`` is ``frames.editions.edition_changes`` (editions in ``position`` order); ``scale`` the letter
    scale. Companies ending on the same letter share one label at the right: "Meta, xAI: D".
    """
    editions = list(frame.sort_values("position").drop_duplicates("position")["edition"])
    traces = []
    ends: dict[tuple[str, float], list[str]] = {}
    for i, (lab, sub) in enumerate(frame.sort_values(["order", "position"]).groupby("lab", sort=False)):
        sub = sub.sort_values("position")
        name = sub["lab_name"].iloc[0]
        colour = _SLOPE_COLOURS[i % len(_SLOPE_COLOURS)]
        last = sub.iloc[-1]
        ends.setdefault((last["edition"], float(last["gpa"])), []).append(f"{name} {last['letter']}")
        traces.append(
            go.Scatter(
                name=name,
                x=list(sub["edition"]),
                y=list(sub["gpa"]),
                mode="lines+markers",
                marker={"size": 10, "color": colour},
                line={"width": 2, "color": colour},
                customdata=list(sub["letter"]),
                hovertemplate=f"{name}<br>%{{x}}: %{{customdata}}<extra></extra>",
                meta={"lab": lab, "letters": list(sub["letter"])},
            )
        )
    notes = [
        go.layout.Annotation(
            x=edition,
            y=y,
            xref="x",
            yref="y",
            text=", ".join(names),
            showarrow=False,
            xanchor="left",
            xshift=18,
            font={"size": style.MIN_FONT_SIZE},
        )
        for (edition, y), names in ends.items()
    ]
    ticks = scale.sort_values("GPA")
    # Only the part of the scale the grades use (with a letter's margin), so the lines spread out.
    low, high = float(frame["gpa"].min()), float(frame["gpa"].max())
    fig = go.Figure(data=traces)
    fig.update_layout(
        annotations=notes,
        xaxis={"title": None, "type": "category", "categoryorder": "array", "categoryarray": editions},
        yaxis={
            "title": {"text": "Overall grade"},
            "tickvals": list(ticks["GPA"]),
            "ticktext": list(ticks["Letter"]),
            "range": [max(low - 0.4, -0.2), min(high + 0.4, GPA_MAX + 0.2)],
        },
        margin={"r": 300},
        showlegend=False,
    )
    style.apply(fig, title=title, height=480)
    return fig

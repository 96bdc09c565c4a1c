"""The published indices: each company's standing across indices, and one index's newest edition."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.views import style

CHANGE_MARKS = {"up": "▲", "down": "▼", "same": "=", "new in this edition": "new", "dropped": "dropped"}


def standing_heatmap(frame: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """Companies (rows, in ``frame`` order) x indices (columns, newest first).

    ``frame`` is ``frames.indices.side_by_side``. Each cell shows the index's own grade or score and the
    company's rank within that index; the colour is its percentile within that index only (no score
    is combined across indices). A company an index does not rate is an empty cell, "not rated" on hover.
    """
    labs = frame.drop_duplicates("lab")
    indices = frame.drop_duplicates("index")
    cell = {(r.lab, r.index): r for r in frame.itertuples()}
    z, text, hover = [], [], []
    for lab, name in zip(labs["lab"], labs["lab_name"]):
        zr, tr, hr = [], [], []  # type: ignore[var-annotated]
        for index, label in zip(indices["index"], indices["index_label"]):
            r = cell.get((lab, index))
            if r is None:
                zr.append(None)
                tr.append("")
                hr.append(f"{name} · {label}: not rated")
                continue
            zr.append(r.percentile)
            tr.append(f"{r.value_text}<br><span style='font-size:14px'>{r.rank_text} of {r.n}</span>")
            hr.append(
                f"{name} · {label} (published {r.published}): {r.value_text}, {r.rank_text} of {r.n} "
                f"(percentile {r.percentile:g} within this index)<br>Measures: {r.measures}"
            )
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    columns = [style.wrap(label, 22) for label in indices["index_label"]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=list(labs["lab_name"]),
            text=text,
            texttemplate="%{text}",
            textfont={"size": 18, "color": style.GRADE_TEXT},  # black on every cell of the grade scale
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=style.GRADE_COLOURSCALE,
            zmin=0,
            zmax=100,
            xgap=3,
            ygap=3,
            colorbar={
                "title": {"text": "Percentile within each index", "side": "top"},
                "tickvals": [0, 50, 100],
                "ticktext": ["bottom", "middle", "top"],
                "tickfont": {"size": style.MIN_FONT_SIZE},
                "len": 1.0,
                "thickness": 18,
            },
            meta={"labs": list(labs["lab"]), "indices": list(indices["index"])},
        )
    )
    fig.update_layout(
        xaxis={"side": "top", "title": None, "tickfont": {"size": style.MIN_FONT_SIZE}},
        yaxis={"autorange": "reversed", "title": None},
        margin={"l": style.label_margin(labs["lab_name"])},
    )
    style.apply(fig, title=title, height=style.row_height(len(labs), per_row=52, base=200))
    return fig


def edition_bars(
    change: pd.DataFrame, standing: pd.DataFrame, *, index_label: str, title: str | None = None
) -> go.Figure:
    """One edition's companies as horizontal bars of their percentile (best on top), each labelled with the
    index's own grade or score, its rank and its change since the previous edition.

    ``standing`` is ``frames.indices.standing``; ``change`` is ``frames.indices.edition_change`` (its
    ``change`` column, empty without a previous edition).
    """
    moved = change.set_index("lab")["change"].to_dict()
    labels = []
    for r in standing.itertuples():
        mark = CHANGE_MARKS.get(moved.get(r.lab, ""), "")
        labels.append(f"{r.value_text} · {r.rank_text} of {r.n}" + (f" · {mark}" if mark else ""))
    fig = go.Figure(
        style.labelled_hbar(
            standing["percentile"],
            standing["lab_name"],
            labels,
            name=index_label,
            customdata=[moved.get(lab, "") or "no earlier edition held" for lab in standing["lab"]],
            hovertemplate="%{y}: %{text}<br>change since the previous edition: %{customdata}<extra>"
            + index_label
            + "</extra>",
        )
    )
    fig.update_layout(
        xaxis={"title": {"text": "Percentile within this edition"}, "range": [0, 130], "tickvals": [0, 50, 100]},
        yaxis={"autorange": "reversed", "title": None},
        margin={"l": style.label_margin(standing["lab_name"])},
        showlegend=False,
    )
    style.apply(fig, title=title, height=style.row_height(len(standing), per_row=44, base=150))
    return fig

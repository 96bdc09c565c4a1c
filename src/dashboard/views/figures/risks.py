"""The risks x techniques coverage matrix as a heatmap."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.pack import vocab
from dashboard.views import style

FONT_SIZE = 15


RELEVANCE_COLUMN = "<b>Relevance</b>"
# Above this many risk x technique cells (e.g. 50 risks by 400 techniques) cells carry no ✓ text and
# the matrix is sent as a typed array: per-cell labels would be unreadable and make the figure
# tens of MB (1,100 risks by 1,700 techniques: 94 MB of JSON on every run).
LARGE_MATRIX_CELLS = 20_000


def _relevance_colourscale() -> list:
    """A stepped scale: relevance rank 0..3 (critical..low) -> its colour from vocab."""
    n = len(vocab.RELEVANCE_ORDER)
    scale = []
    for i, key in enumerate(vocab.RELEVANCE_ORDER):
        colour = style.tint(style.RELEVANCE_COLOURS[key], style.CELL_TINT)  # black words at 7:1 or more, as on a slide
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def short_name(name: str, limit: int = 30) -> str:
    """A column label that fits: a long name loses its parenthetical ('RLHF (Reinforcement ...)' -> 'RLHF')."""
    if len(name) <= limit:
        return name
    short = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if short and len(short) <= limit:
        return short
    cut = name[: limit - 1].rsplit(" ", 1)[0] if " " in name[: limit - 1] else name[: limit - 1]
    return cut.rstrip() + "…"


def coverage_figure(frame: pd.DataFrame, *, title: str) -> go.Figure:
    """Rows: risks, most relevant at the top; a first column gives each risk's relevance in words and
    colour; then one column per technique, ✓ where the technique addresses the risk.

    ``frame`` is ``frames.risks.coverage_frame``. Trace 0 is the coverage, trace 1 the relevance column.
    With ``frames.risks.group_frame`` (a ``group_size`` column) the columns are groups of techniques and
    each cell gives how many of the group's techniques address the risk, darker the more.
    """
    risk_col, tech_col = frame["risk"].tolist(), frame["technique"].tolist()
    risks = list(
        dict.fromkeys(zip(risk_col, frame["relevance"].tolist(), frame["relevance_rank"].tolist(), strict=True))
    )
    techs = list(dict.fromkeys(tech_col))
    y = [name for name, _, _ in risks]
    x = [short_name(t) for t in techs]
    large = len(y) * len(techs) > LARGE_MATRIX_CELLS
    zmax = 1
    if "group_size" in frame.columns:
        # Groups of techniques: how many of the group's techniques address the risk, written in the cell.
        cell = {
            (r, t): (int(n), int(size))
            for r, t, n, size in zip(
                risk_col, tech_col, frame["addresses"].tolist(), frame["group_size"].tolist(), strict=True
            )
        }
        counts = [[cell.get((name, t), (0, 0)) for t in techs] for name, _, _ in risks]
        z = [[n for n, _ in row] for row in counts]
        zmax = max([1, *(n for row in z for n in row)])
        coverage = {
            "z": z,
            "text": [[str(n) if n else "" for n in row] for row in z],
            "texttemplate": "%{text}",
            "textfont": {"size": FONT_SIZE, "color": style.BLACK},
            "hovertemplate": "%{y}<br>%{customdata}<extra></extra>",
            "customdata": [
                [f"{t}: {n} of its {size} techniques address it" for t, (n, size) in zip(techs, row, strict=True)]
                for row in counts
            ],
        }
        large = False
    elif large:
        # Too many cells to label or read one by one: the matrix as a typed array (sent compactly),
        # no per-cell text; the hover names the risk and the technique.
        cells = pd.Series(
            frame["addresses"].to_numpy(dtype=bool), index=pd.MultiIndex.from_arrays([risk_col, tech_col])
        )
        cells = cells[~cells.index.duplicated(keep="last")].unstack(fill_value=False)
        z = cells.reindex(index=y, columns=techs, fill_value=False).to_numpy(dtype=np.int8)
        coverage = {
            "z": z,
            "hovertemplate": "%{y}<br>%{x}: %{z} (1: addresses it, 0: not named for it)<extra></extra>",
        }
    else:
        z, text = [], []
        index = {(r, t): a for r, t, a in zip(risk_col, tech_col, frame["addresses"].tolist(), strict=True)}
        for name, _, _ in risks:
            z.append([1 if index.get((name, t)) else 0 for t in techs])
            text.append(["✓" if index.get((name, t)) else "" for t in techs])
        coverage = {
            "z": z,
            "text": text,
            "texttemplate": "%{text}",
            "textfont": {"size": FONT_SIZE + 3, "color": style.BLACK},
            "hovertemplate": "%{y}<br>%{customdata}<extra></extra>",
            "customdata": [
                [f"{t}: addresses it" if v else f"{t}: not named for it" for t, v in zip(techs, row, strict=True)]
                for row in z
            ],
        }
    # Two panels sharing the rows: the relevance column (wide enough for "Medium" at 1280 px), then the techniques.
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.16, 0.84], horizontal_spacing=0.006)
    fig.add_trace(
        go.Heatmap(
            x=x,
            y=y,
            # a ✓ in black on a light blue cell: 7:1 or more, on a page as on a slide
            colorscale=[[0, "rgba(140,140,140,0.12)"], [1, style.SKY]],
            zmin=0,
            zmax=zmax,
            showscale=False,
            xgap=0 if large else 3,
            ygap=0 if large else 3,
            name="Coverage",
            **coverage,
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Heatmap(
            z=[[rank] for _, _, rank in risks],
            x=[RELEVANCE_COLUMN],
            y=y,
            text=[[rel] for _, rel, _ in risks],
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE, "color": style.BLACK},
            colorscale=_relevance_colourscale(),
            zmin=-0.5,
            zmax=len(vocab.RELEVANCE_ORDER) - 0.5,
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate="%{y}: %{text} relevance<extra></extra>",
            name="Relevance",
        ),
        row=1,
        col=1,
    )
    style.apply(fig, title=title, height=style.row_height(len(y), per_row=46, base=260))
    longest = max((len(n) for n in y), default=10)
    fig.update_layout(margin={"l": 16 + 8 * longest, "r": 10, "t": 70, "b": 10})
    fig.update_xaxes(tickangle=-40, automargin=True, showgrid=False)
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=False)
    return fig

"""Tables as every page shows them: data tables, a pack's problems, a chart's references.

- ``data_table(data, key=..., column_config=...)``: read-only, no index, full width, empty cells as a dash.
- ``column_config(hints)``: Streamlit column settings from a chart's plain-data hints (``ChartView.columns``).
- ``problems_table(problems, key=...)``: file, line, field, message, a row per problem.
- ``show_sources(ds, references, key=...)``: title, year, credibility stars, link (http/https only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from dashboard.app.memo import memo
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.derived import PerObject
from dashboard.views import catalogue
from dashboard.views.frames.sources import sources_frame

# Up to this many rows a table is sent whole (Streamlit sends a longer one in pages, from 150,000 rows).
ARROW_KEPT_MAX_ROWS = 100_000
_arrow: PerObject[Any] = PerObject()


def as_arrow(data):
    """A pandas table as the Arrow table Streamlit makes of it, made once per table object and kept
    while the table lives: the tables a page shows are kept per pack and choice (``memo``), and
    Streamlit converted each again on every run. The bytes sent are the same. Anything else (a
    table of many rows, sent in pages, or headers on several levels) is returned as it is."""
    if type(data) is not pd.DataFrame or len(data) > ARROW_KEPT_MAX_ROWS or isinstance(data.columns, pd.MultiIndex):
        return data
    return _arrow.get(data, lambda: dataframe_util.convert_pandas_df_to_arrow_table(data))


def data_table(data, *, key: str, column_config: dict | None = None, **options) -> None:
    """A read-only table as every page shows one: no index, full width, empty cells as a dash."""
    st.dataframe(
        as_arrow(data),
        hide_index=True,
        width="stretch",
        placeholder=vocab.MISSING,
        column_config=column_config,
        key=key,
        **options,
    )


def column_config(hints: Mapping[str, Mapping[str, str]]) -> dict | None:
    """``{column: {"label": ..., "format": ...}}`` as Streamlit columns: a format makes a number column."""
    if not hints:
        return None
    out = {}
    for column, hint in hints.items():
        if "format" in hint:
            out[column] = st.column_config.NumberColumn(hint.get("label"), format=hint["format"])
        else:
            out[column] = st.column_config.Column(hint.get("label"))
    return out


def headers(frame: pd.DataFrame, extra: Mapping[str, Any] | None = None) -> dict:
    """A table's columns labelled in sentence case (``catalogue.headers``), plus specific Streamlit column settings."""
    config = column_config(catalogue.headers(frame)) or {}
    config.update(extra or {})
    return config


def problems_table(problems: Iterable, *, key: str) -> None:
    """Problems of a pack (the loader's or an upload's), a row each: file, line, field, message."""
    table = pd.DataFrame(
        [{"file": p.file, "line": p.line, "field": p.field, "message": p.message} for p in problems],
        columns=["file", "line", "field", "message"],
    )
    data_table(
        table,
        column_config={
            "file": st.column_config.TextColumn("File"),
            "line": st.column_config.NumberColumn("Line", format="%d", help="0: the whole file"),
            "field": st.column_config.TextColumn("Field"),
            "message": st.column_config.TextColumn("Problem", width="large"),
        },
        key=key,
    )


def show_sources(ds: Dataset, references: Iterable[str], *, key: str) -> None:
    """The references as a table: title, year, credibility stars, link (http/https only)."""
    refs = tuple(references)
    frame = memo(ds, ("sources-frame", refs), lambda: sources_frame(ds, refs))
    if frame.empty:
        st.info("No references are attached to this view.")
        return
    data_table(
        frame.drop(columns=["id"]),
        column_config={
            "title": st.column_config.TextColumn("Reference", width="large"),
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "kind": st.column_config.TextColumn("Kind"),
            "publisher": st.column_config.TextColumn("Publisher"),
            "credibility": st.column_config.TextColumn("Credibility", help="1-5 stars as the source text rates it"),
            "link": st.column_config.LinkColumn("Link", display_text="open"),
        },
        key=f"{key}-sources",
    )

"""Tables sent as Arrow (``app.tables.as_arrow``): the bytes Streamlit sends for a pandas table, made once
per table object."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
from streamlit import dataframe_util

from dashboard.app import tables


def _frames() -> list[pd.DataFrame]:
    mixed = pd.DataFrame(
        {
            "technique": ["Debate", "Weak-to-strong", None],
            "score": [0.5, float("nan"), 2.0],
            "count": pd.array([1, None, 3], dtype="Int64"),
            "ai": [True, False, True],
            "reviewed": [dt.date(2026, 1, 2), dt.date(2026, 3, 4), None],
            "tags": [["a", "b"], [], ["c"]],
        }
    )
    return [
        mixed,
        mixed[mixed["ai"]],  # a filtered frame: its index is not 0..n-1
        mixed.set_index("technique"),
        pd.DataFrame(columns=["file", "line", "field", "message"]),  # empty
    ]


def test_the_bytes_sent_are_those_of_the_pandas_table():
    for frame in _frames():
        table = tables.as_arrow(frame)
        assert isinstance(table, pa.Table)
        assert dataframe_util.convert_arrow_table_to_arrow_bytes(
            table
        ) == dataframe_util.convert_pandas_df_to_arrow_bytes(frame)
        assert table.num_rows == len(frame)


def test_one_conversion_per_table_object():
    frame = _frames()[0]
    assert tables.as_arrow(frame) is tables.as_arrow(frame)
    copy = frame.copy()
    assert tables.as_arrow(copy) is not tables.as_arrow(frame)
    assert tables.as_arrow(copy).equals(tables.as_arrow(frame))


def test_long_tables_and_other_data_are_passed_as_they_are():
    long = pd.DataFrame({"n": range(tables.ARROW_KEPT_MAX_ROWS + 1)})
    assert tables.as_arrow(long) is long
    two_levels = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")]))
    assert tables.as_arrow(two_levels) is two_levels
    rows = [{"a": 1}]
    assert tables.as_arrow(rows) is rows
    styled = _frames()[0].style
    assert tables.as_arrow(styled) is styled

"""CSV cells as a reader expects them: 70 not 70.0, yes/no for booleans, missing as empty."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

# How the CSVs write values, for the metadata that goes with them.
CSV_CONVENTIONS = (
    "Whole numbers are written without a decimal point (70, not 70.0); true/false values as yes/no; "
    "missing values as an empty cell. Text starting with = + - or @ has a leading ' so spreadsheets "
    "do not run it as a formula."
)


def format_cell(value: Any) -> str:
    """One value as its CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
        if isinstance(value, bool):
            return "yes" if value else "no"
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(format_cell(v) for v in value)
    return str(value)


def format_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every cell as its CSV text."""
    out = frame.copy()
    for col in out.columns:
        values = frame[col].tolist()
        # A column of text only is written as it is (format_cell gives every str back unchanged).
        out[col] = values if all(type(v) is str for v in values) else [format_cell(v) for v in values]
    return out

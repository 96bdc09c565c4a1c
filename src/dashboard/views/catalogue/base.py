"""What a catalogue entry is: the chart (``ChartView``), its recipe (``ViewSpec``) and the link parameters it reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.pack.dataset import Dataset
from dashboard.views.links import as_list

Params = Mapping[str, str | list[str]]

# The link parameters the charts read, declared once: the pages' widgets use them as their keys.
TECH_KEY = "tech"  # the sidebar's technique filter
SORT_KEY = "sort"  # the effectiveness chart's order
COMPARE_KEY = "compare"  # the techniques compared side by side
LAB_SORT_KEY = "lab_sort"  # the grade matrix's order
EDITION_KEY = "edition"  # a published edition of the grades
INDEX_KEY = "index"  # a published index (its series), shown at its newest edition
DISAGREEMENT_KEY = "dq"  # the quantity sources disagree on
GROUP_KEY = "group"  # the group of techniques a coverage matrix too wide to read shows one by one
ALL_GROUPS = "all"  # GROUP_KEY's value for every group, a column each (when a link names none)
DEFAULT_SORT = "current"  # the effectiveness chart's order when a link names none
DEFAULT_LAB_SORT = "grade"  # the grade matrix's order when a link names none


@dataclass(frozen=True)
class ChartView:
    """One chart as every output shows it: takeaway, figure, table, text alternative, references."""

    page: str
    view: str
    takeaway: str
    fig: go.Figure
    table: pd.DataFrame
    alt: str
    references: list[str]
    variant: str = ""  # which of a view's variants (e.g. the quantity of a disagreement)
    # How the page's table shows each column, as plain data: {column: {"label": ..., "format": ...}};
    # a "format" (printf-style, or "dollar") makes it a number column.
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The whole table when the one shown is narrowed (the technique filter, a choice on the page): the
    # page offers it as a second CSV. None when the table shown is already all of the data.
    full_table: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()  # captions the page shows under the chart
    # A finding the page shows in a box under the chart, before the notes: ("warning" or "success", text).
    callout: tuple[str, str] | None = None
    # Ids of the grade indices (published editions or a page's summary) whose figures the chart shows:
    # a slide's words about an index, an edition or "as published" are checked against them.
    indices: tuple[str, ...] = ()
    # The techniques asked for (by the filter or a comparison) that the chart cannot draw, in a sentence: every
    # output says it beside the chart, so that its words never claim what it does not show.
    left_out: str = ""

    @property
    def name(self) -> str:
        return f"{self.page}-{self.view}" + (f"-{self.variant}" if self.variant else "")


Builder = Callable[[Dataset, Params], "ChartView | None"]


@dataclass(frozen=True)
class ViewSpec:
    page: str
    view: str
    label: str  # short name for menus
    build: Builder
    keys: tuple[str, ...] = ()  # link parameters it reads
    values: Callable[[Dataset], dict[str, set[str] | None]] = field(default=lambda ds: {})
    # The parameter sets that together show all of a view's data (the report and the image
    # ZIP draw each); one empty set for a view that shows everything at once.
    variants: Callable[[Dataset], list[dict[str, str]]] = field(default=lambda ds: [{}])  # type: ignore[assignment]
    # The value a parameter reads as when a link leaves it out: the same chart, so the same entry.
    defaults: Mapping[str, str] = field(default_factory=dict)


def param(params: Params, key: str, default: str | None = None) -> str | None:
    values = as_list(params.get(key))
    return values[-1] if values and values[-1] != "" else default


def chosen_techniques(ds: Dataset, params: Params) -> list[str]:
    """The ``tech`` parameter as the sidebar filter reads it: known ids in pack order; none means all."""
    wanted = set(as_list(params.get(TECH_KEY)))
    picked = [t.id for t in ds.techniques if t.id in wanted]
    return picked or [t.id for t in ds.techniques]


def narrows(ds: Dataset, chosen: list[str]) -> bool:
    """Whether ``chosen`` (``chosen_techniques``, which reads "none" as all) leaves out some of the pack's."""
    return len(chosen) < len(ds.techniques)


def headers(table: pd.DataFrame, extra: Mapping[str, Mapping[str, str]] | None = None) -> dict:
    """Column labels in sentence case, plus any specific column settings (``ChartView.columns``)."""
    out: dict[str, Mapping[str, str]] = {c: {"label": c[:1].upper() + c[1:]} for c in table.columns}
    out.update(extra or {})
    return out


def tech_values(ds: Dataset) -> dict[str, set[str] | None]:
    return {TECH_KEY: {t.id for t in ds.techniques}}

"""Effectiveness: how well each technique works on today's systems against the guess for superhuman ones."""

from __future__ import annotations

import streamlit as st

from dashboard.app.chart_block import chart_block
from dashboard.app.filters import selected_techniques
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.views.catalogue import DEFAULT_SORT, SORT_KEY, TECH_KEY
from dashboard.views.frames import effectiveness as frames

ds = dataset()
chosen = selected_techniques(ds)

st.title("Effectiveness: current systems vs superhuman systems")
filter_notice(
    ds, True, "both charts and their tables", drawn={e.technique for e in ds.estimates}, of="an effectiveness estimate"
)  # says whether the sidebar filter applies here
st.markdown(
    "Each technique's estimated effectiveness today, next to the sources' guess for systems more capable "
    "than their overseers. Bars are ranges, not points; fainter bars carry less confidence; a technique "
    "with no superhuman estimate shows **Unknown**, never zero."
)

sort = st.radio(
    "Sort by",
    list(frames.SORTS),
    format_func=frames.SORTS.get,
    horizontal=True,
    key=SORT_KEY,
    bind="query-params",
)
sort = sort or DEFAULT_SORT

if chart_block(ds, "effectiveness", "effectiveness", {TECH_KEY: chosen, SORT_KEY: sort}) is None:
    st.info(
        "None of the techniques chosen in the sidebar has an effectiveness estimate. Clear the filter to see them all."
    )

st.divider()

if chart_block(ds, "effectiveness", "oversight", {TECH_KEY: chosen}) is None:
    st.info("No oversight-gap figures for the techniques chosen in the sidebar.")

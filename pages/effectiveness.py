"""Effectiveness: how well each technique works on today's systems against the guess for superhuman ones."""

from __future__ import annotations

import streamlit as st

from dashboard.app import state as ui
from dashboard.app.notices import filter_notice
from dashboard.views.figures import effectiveness as charts
from dashboard.views.frames import effectiveness as frames

ds = ui.dataset()
chosen = ui.selected_techniques(ds)

st.title("Effectiveness: current systems vs superhuman systems")
filter_notice(ds, True, "both charts and their tables")  # says whether the sidebar filter applies here
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
    key="sort",
    bind="query-params",
)
sort = sort or "current"
key = (tuple(chosen), sort)
frame = ui.memo(ds, ("effectiveness-frame", key), lambda: frames.estimates_frame(ds, chosen, sort=sort))

if frame.empty:
    st.info(
        "None of the techniques chosen in the sidebar has an effectiveness estimate. Clear the filter to see them all."
    )
else:
    unknown = frame[frame["superhuman_unknown"] | frame["current_unknown"]]
    takeaway, alt, refs = ui.memo(
        ds,
        ("effectiveness-words", key),
        lambda: (
            frames.effectiveness_takeaway(frame),
            frames.effectiveness_alt(frame),
            frames.estimate_references(frame),
        ),
    )
    ui.chart_block(
        ui.memo(ds, ("effectiveness-figure", key), lambda: charts.effectiveness_figure(frame)),
        ui.memo(ds, ("effectiveness-table", key), lambda: frames.estimates_table(frame)),
        takeaway=takeaway,
        references=refs,
        alt=alt,
        key="effectiveness",
        ds=ds,
        full_table=ui.memo(
            ds,
            ("effectiveness-table-all", sort),
            lambda: frames.estimates_table(frames.estimates_frame(ds, None, sort=sort)),
        ),
        full_key=sort,
        memo_key=key,
        column_config={
            "Current low (%)": st.column_config.NumberColumn(format="%g%%"),
            "Current high (%)": st.column_config.NumberColumn(format="%g%%"),
            "Superhuman low (%)": st.column_config.NumberColumn(format="%g%%"),
            "Superhuman high (%)": st.column_config.NumberColumn(format="%g%%"),
            "Drop between midpoints (points)": st.column_config.NumberColumn(format="%g"),
        },
    )
    if not unknown.empty:
        st.caption(
            ui.md_escape(
                "Unknown: " + ", ".join(unknown["name"]) + ". The sources give no estimate; the grey band means "
                "the value could be anywhere, not that it is zero."
            )
        )

st.divider()

over = ui.memo(ds, ("oversight-frame", tuple(chosen)), lambda: frames.oversight_frame(ds, chosen))
if over.empty:
    st.info("No oversight-gap figures for the techniques chosen in the sidebar.")
else:
    takeaway, alt, refs = ui.memo(
        ds,
        ("oversight-words", tuple(chosen)),
        lambda: (frames.oversight_takeaway(over), frames.oversight_alt(over), frames.claim_references(over)),
    )
    ui.chart_block(
        ui.memo(ds, ("oversight-figure", tuple(chosen)), lambda: charts.oversight_figure(over)),
        ui.memo(ds, ("oversight-table", tuple(chosen)), lambda: frames.oversight_table(over)),
        takeaway=takeaway,
        references=refs,
        alt=alt,
        key="oversight",
        ds=ds,
        full_table=ui.memo(ds, "oversight-table-all", lambda: frames.oversight_table(frames.oversight_frame(ds))),
        memo_key=tuple(chosen),
        full_key="all",
    )

"""Effectiveness: how well each technique works on today's systems against the guess for superhuman ones."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.charts import effectiveness as charts
from dashboard.frames import effectiveness as frames

ds = ui.dataset()
chosen = ui.selected_techniques(ds)

st.title("Effectiveness: current systems vs superhuman systems")
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
    st.info("None of the techniques chosen in the sidebar has an effectiveness estimate. Clear the filter to see them all.")
else:
    known_drop = frame.dropna(subset=["drop"])
    if not known_drop.empty:
        worst = known_drop.loc[known_drop["drop"].idxmax()]
        takeaway = (
            f"Every estimate falls for superhuman systems; the largest drop is {worst['name']} "
            f"({worst['current_text']} now, {worst['superhuman_text']} superhuman)"
            if (known_drop["drop"] > 0).all()
            else f"The largest drop is {worst['name']} ({worst['current_text']} now, {worst['superhuman_text']} superhuman)"
        )
    else:
        takeaway = "Current effectiveness by technique; no superhuman estimate is known for these"
    unknown = frame[frame["superhuman_unknown"] | frame["current_unknown"]]
    alt = (
        f"Range chart of {len(frame)} techniques: "
        + "; ".join(f"{r['name']} {r['current_text']} now, {r['superhuman_text']} superhuman" for _, r in frame.iterrows())
        + "."
    )
    ui.chart_block(
        ui.memo(ds, ("effectiveness-figure", key), lambda: charts.effectiveness_figure(frame)),
        frames.estimates_table(frame),
        takeaway=takeaway,
        references=frames.estimate_references(frame),
        alt=alt,
        key="effectiveness",
        ds=ds,
        full_table=frames.estimates_table(frames.estimates_frame(ds, None, sort=sort)),
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
    ui.chart_block(
        ui.memo(ds, ("oversight-figure", tuple(chosen)), lambda: charts.oversight_figure(over)),
        frames.oversight_table(over),
        takeaway=frames.oversight_takeaway(over),
        references=frames.claim_references(over),
        alt=frames.oversight_alt(over),
        key="oversight",
        ds=ds,
    )

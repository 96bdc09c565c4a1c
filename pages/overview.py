"""Overview: what AI-assisted alignment is, the headline figures with their sources, and how it works."""

from __future__ import annotations

import streamlit as st

from dashboard.app import state as ui
from dashboard.app.notices import filter_notice
from dashboard.exports.bundle import safe_csv
from dashboard.views.figures.flow import flow_figure
from dashboard.views.frames import overview as frames

ds = ui.dataset()
chosen = ui.selected_techniques(ds)

st.title("AI-assisted alignment")
filter_notice(
    ds, True, "“Where it is used today” (the headline figures are for the whole pack)"
)  # says whether the sidebar filter applies here
st.markdown(
    "**AI-assisted alignment** means using today's AI systems to help make tomorrow's, more capable "
    "systems safe: models that search for ways to break other models, label what the parts of a neural "
    "network do, check each other's answers in a debate, or supervise a stronger student. It works on "
    "current systems; whether it still works once the systems being checked are smarter than the ones "
    "doing the checking is the open question this dashboard follows."
)
st.caption("Every figure below names its source and year. Where two sources give different numbers, both are shown.")

st.header("Headline figures")  # h2 under the page title
items = ui.memo(ds, "headlines", lambda: frames.headlines(ds))
for start in range(0, len(items), 3):
    cols = st.columns(3, gap="medium")
    for col, h in zip(cols, items[start : start + 3]):
        with col:
            st.metric(h.label, h.value, delta=h.delta, delta_color="off", delta_arrow="off", help=h.help, border=True)
            st.caption(ui.md_escape(h.caption))
            for d in h.disagreements:
                st.caption(":material/compare_arrows: " + ui.md_escape(f"Disagreement: {d}"))
with st.expander("Headline figures as a table, with every source", icon=":material/table:"):
    table = ui.memo(ds, "headlines-table", lambda: frames.headlines_table(items))
    ui.data_table(table, key="headlines-table")
    st.download_button(
        "Download CSV",
        ui.memo(ds, "headlines-csv", lambda: safe_csv(table)),
        file_name="headlines.csv",
        mime="text/csv",
        key="headlines-csv",
        on_click="ignore",
        icon=":material/download:",
    )
    ui.show_sources(ds, [r for h in items for r in h.references], key="headlines")

st.divider()

left, right = st.columns(2, gap="large")
for column, aid in ((left, frames.QUICK_ASSESSMENT), (right, frames.EVALUATION_SUMMARY)):
    with column:
        table = frames.assessment_table(ds, aid)
        if table is None:
            continue
        st.subheader(ui.md_escape(frames.assessment_title(ds, aid) or aid))
        ui.data_table(table, key=f"{aid}-table")
        st.caption(ui.md_escape(ui.reference_caption(ds, frames.assessment_references(ds, aid))))

st.divider()

nodes, edges = ui.memo(ds, "flow-frames", lambda: frames.flow_frames(ds))
if not nodes.empty:
    ui.chart_block(
        ui.memo(ds, "flow-figure", lambda: flow_figure(nodes, edges)),
        ui.memo(ds, "flow-table", lambda: frames.flow_table(nodes, edges)),
        takeaway=frames.FLOW_TAKEAWAY,
        references=ui.memo(ds, "flow-references", lambda: frames.flow_references(ds)),
        alt=ui.memo(ds, "flow-alt", lambda: frames.flow_alt(nodes, edges)),
        key="flow",
        ds=ds,
        memo_key="flow",
    )

st.subheader("Where it is used today")
uses = ui.memo(ds, ("current-uses", tuple(chosen)), lambda: frames.current_uses_frame(ds, chosen))
if uses.empty:
    st.info("No current uses for the techniques chosen in the sidebar.")
else:
    ui.data_table(uses, key="current-uses")
    src = [s.reference for s in ds.meta.sources if s.id == "wiki-ai-assisted-alignment-short"]
    if src:
        st.caption(ui.md_escape(ui.reference_caption(ds, src)))

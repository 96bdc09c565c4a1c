"""Overview: what AI-assisted alignment is, the headline figures with their sources, and how it works."""

from __future__ import annotations

import streamlit as st

from dashboard.app.chart_block import chart_block
from dashboard.app.downloads import download
from dashboard.app.filters import selected_techniques
from dashboard.app.memo import memo, reference_caption
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.app.tables import data_table, show_sources
from dashboard.exports.bundle import safe_csv
from dashboard.pack.textsafe import md_escape
from dashboard.views.frames import overview as frames

ds = dataset()
chosen = selected_techniques(ds)

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
items = memo(ds, "headlines", lambda: frames.headlines(ds))
for start in range(0, len(items), 3):
    cols = st.columns(3, gap="medium")
    for col, h in zip(cols, items[start : start + 3]):
        with col:
            st.metric(
                md_escape(h.label),  # a technique's name in it is pack text
                h.value,
                delta=h.delta,
                delta_color="off",
                delta_arrow="off",
                help=md_escape(h.help),
                border=True,
            )
            st.caption(md_escape(h.caption))
            for d in h.disagreements:
                st.caption(":material/compare_arrows: " + md_escape(f"Disagreement: {d}"))
headlines_box = st.expander(
    "Headline figures as a table, with every source", icon=":material/table:", key="headlines-box", on_change="rerun"
)
if headlines_box.open:
    with headlines_box:
        table = memo(ds, "headlines-table", lambda: frames.headlines_table(items))
        data_table(table, key="headlines-table")
        download(
            "Download CSV",
            memo(ds, "headlines-csv", lambda: safe_csv(table)),
            file_name="headlines.csv",
            mime="text/csv",
            key="headlines-csv",
            icon=":material/download:",
            width="content",
        )
        show_sources(ds, [r for h in items for r in h.references], key="headlines")

st.divider()

left, right = st.columns(2, gap="large")
for column, aid in ((left, frames.QUICK_ASSESSMENT), (right, frames.EVALUATION_SUMMARY)):
    with column:
        table = frames.assessment_table(ds, aid)
        if table is None:
            continue
        st.subheader(md_escape(frames.assessment_title(ds, aid) or aid))
        data_table(table, key=f"{aid}-table")
        st.caption(md_escape(reference_caption(ds, frames.assessment_references(ds, aid))))

st.divider()

chart_block(ds, "overview", "flow")

st.subheader("Where it is used today")
uses = memo(ds, ("current-uses", tuple(chosen)), lambda: frames.current_uses_frame(ds, chosen))
if uses.empty:
    st.info("No current uses for the techniques chosen in the sidebar.")
else:
    data_table(uses, key="current-uses")
    src = [s.reference for s in ds.meta.sources if s.id == "wiki-ai-assisted-alignment-short"]
    if src:
        st.caption(md_escape(reference_caption(ds, src)))

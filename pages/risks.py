"""Risks: which alignment techniques address which risk, most relevant risks first."""

from __future__ import annotations

import streamlit as st

from dashboard import ui, vocab
from dashboard.charts import risks as charts
from dashboard.frames import risks as frames

esc = ui.md_escape


def headers(frame, extra: dict | None = None) -> dict:
    """Column labels in sentence case, plus any specific column settings."""
    config = {c: st.column_config.Column(c[:1].upper() + c[1:]) for c in frame.columns}
    config.update(extra or {})
    return config

ds = ui.dataset()
chosen = ui.selected_techniques(ds)

st.title("Risks and the techniques that address them")
st.markdown(
    "The risks the alignment texts say alignment work addresses, each with the relevance the text gives it, "
    "against the techniques of this dashboard. A tick means the texts name the technique for that risk. "
    "Methods the texts name that are not techniques here are listed under *other methods*."
)

long = frames.coverage_frame(ds, chosen)
table = frames.coverage_table(ds, chosen)
refs = frames.risks_references(ds)

if long.empty:
    st.info("None of the techniques chosen in the sidebar addresses a risk of this pack. Clear the filter to see them all.")
else:
    per_risk = long.groupby("risk_id", sort=False)["addresses"].sum()
    uncovered = [ds.risk_by_id[r].name for r, n in per_risk.items() if n == 0]
    takeaway = frames.coverage_takeaway(ds, long)
    alt = frames.coverage_alt(ds, long)
    ui.chart_block(
        charts.coverage_figure(long, title=takeaway),
        table,
        takeaway=takeaway,
        references=refs,
        alt=alt,
        key="coverage",
        ds=ds,
        full_table=frames.coverage_table(ds),
        column_config=headers(table),
    )
    if uncovered:
        st.caption(esc("No technique shown addresses: " + ", ".join(uncovered) + ". See their other methods below."))
    if ui.filter_is_active(ds):
        st.caption("Columns are limited to the techniques chosen in the sidebar.")

st.divider()

risk_ids = frames.ordered_risks(ds)
tech_options = [t for t in chosen if t in set(long["technique_id"])] if not long.empty else []

# Values from an old link that no longer exist would stop the page: drop them first.
if st.session_state.get("risk") not in (None, *risk_ids):
    st.session_state["risk"] = risk_ids[0] if risk_ids else None
if st.session_state.get("technique") not in (None, *tech_options):
    st.session_state["technique"] = tech_options[0] if tech_options else None

left, right = st.columns(2, gap="large")
with left:
    st.subheader("A risk and its techniques")
    if not risk_ids:
        st.info("This pack lists no risks.")
    else:
        rid = st.selectbox(
            "Risk",
            risk_ids,
            format_func=lambda r: ds.risk_by_id[r].name,
            help="Risks are listed most relevant first. A link keeps the risk chosen here.",
            key="risk",
            bind="query-params",
        )
        risk = ds.risk_by_id[rid]
        st.markdown(f"**Relevance:** {vocab.RELEVANCE_LABELS[risk.relevance]}")
        st.markdown(f"**How alignment helps:** {esc(risk.how_alignment_helps)}")
        techs = frames.risk_techniques(ds, rid, chosen)
        if techs.empty:
            st.info("None of the techniques shown addresses this risk.")
        else:
            st.markdown(f"**Techniques that address it ({len(techs)})**")
            st.dataframe(
                techs.drop(columns=["id"]),
                hide_index=True,
                width="stretch",
                key="risk-techniques",
                column_config=headers(techs),
            )
        if risk.other_methods:
            st.markdown("**Other methods the text names:** " + esc(", ".join(risk.other_methods)))
        st.caption(esc(ui.reference_caption(ds, risk.references)))

with right:
    st.subheader("A technique and its risks")
    if not tech_options:
        st.info("None of the techniques shown addresses a listed risk.")
    else:
        tid = st.selectbox(
            "Technique",
            tech_options,
            format_func=lambda t: ds.technique_by_id[t].name,
            key="technique",
            bind="query-params",
        )
        tech = ds.technique_by_id[tid]
        st.markdown(esc(tech.summary))
        rows = frames.technique_risks(ds, tid)
        st.markdown(f"**Risks it addresses ({len(rows)})**")
        st.dataframe(
            rows.drop(columns=["id"]),
            hide_index=True,
            width="stretch",
            key="technique-risks",
            column_config=headers(rows),
        )

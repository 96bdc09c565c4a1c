"""Risks: which alignment techniques address which risk, most relevant risks first."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.app.chart_block import chart_block
from dashboard.app.deferred import deferred_part
from dashboard.app.filters import filter_is_active, keep_choice, labelled, selected_techniques
from dashboard.app.memo import memo, reference_caption
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.app.tables import data_table, headers
from dashboard.pack import vocab
from dashboard.pack.textsafe import md_escape as esc
from dashboard.views.catalogue import ALL_GROUPS, GROUP_KEY, TECH_KEY
from dashboard.views.frames import risks as frames

ds = dataset()
chosen = selected_techniques(ds)

st.title("Risks and the techniques that address them")
filter_notice(ds, True, "the coverage matrix and the lists below it")  # says whether the sidebar filter applies here
st.markdown(
    "The risks the alignment texts say alignment work addresses, each with the relevance the text gives it, "
    "against the techniques of this dashboard. A tick means the texts name the technique for that risk. "
    "Methods the texts name that are not techniques here are listed under *other methods*."
)

key = tuple(chosen)
params: dict[str, str | list[str]] = {TECH_KEY: chosen}
# A pack too big to read technique by technique: the matrix has a column per group of techniques, and
# this select shows one group's techniques instead.
groups = memo(ds, ("coverage-groups", key), lambda: frames.coverage_groups(ds, chosen))
if groups:
    group_options = [ALL_GROUPS, *groups]
    keep_choice(GROUP_KEY, group_options)
    group = st.selectbox(
        "Technique group",
        group_options,
        format_func=labelled({ALL_GROUPS: frames.ALL_GROUPS_LABEL, **groups}),
        help="Techniques are grouped by category and principle: choose a group to see its techniques. "
        "A link keeps the group chosen here.",
        key=GROUP_KEY,
        bind="query-params",
        width=480,
    )
    params[GROUP_KEY] = group or ALL_GROUPS
if chart_block(ds, "risks", "coverage", params) is None:
    st.info(
        "None of the techniques chosen in the sidebar addresses a risk of this pack. Clear the filter to see them all."
    )
elif filter_is_active(ds):
    st.caption("Columns are limited to the techniques chosen in the sidebar.")

st.divider()

risk_ids = memo(ds, "ordered-risks", lambda: frames.ordered_risks(ds))
covering = memo(ds, "covering-techniques", lambda: {t for _, t in frames.coverage_pairs(ds)})
tech_options = [t for t in chosen if t in covering]

keep_choice("risk", risk_ids)
keep_choice("technique", tech_options)

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
        techs = memo(ds, ("risk-techniques", rid, key), lambda: frames.risk_techniques(ds, rid, chosen))
        if techs.empty:
            st.info("None of the techniques shown addresses this risk.")
        else:
            st.markdown(f"**Techniques that address it ({len(techs)})**")
            deferred_part(
                "risk-techniques",
                "the table",
                partial(data_table, techs.drop(columns=["id"]), key="risk-techniques", column_config=headers(techs)),
            )
        if risk.other_methods:
            st.markdown("**Other methods the text names:** " + esc(", ".join(risk.other_methods)))
        st.caption(esc(reference_caption(ds, risk.references)))

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
        rows = memo(ds, ("technique-risks", tid), lambda: frames.technique_risks(ds, tid))
        st.markdown(f"**Risks it addresses ({len(rows)})**")
        deferred_part(
            "technique-risks",
            "the table",
            partial(data_table, rows.drop(columns=["id"]), key="technique-risks", column_config=headers(rows)),
        )

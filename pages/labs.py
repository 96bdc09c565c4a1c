"""Labs: each published index at its newest edition, every index side by side, the safety grades in detail,
a page's summary of a second index, investment, and each lab in detail."""

from __future__ import annotations

import streamlit as st

from dashboard.app.chart_block import chart_block
from dashboard.app.deferred import deferred_part
from dashboard.app.filters import labelled
from dashboard.app.memo import memo, reference_caption
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.app.tables import data_table, show_sources
from dashboard.pack.textsafe import md_escape
from dashboard.views.catalogue import DEFAULT_LAB_SORT, EDITION_KEY, INDEX_KEY, LAB_SORT_KEY
from dashboard.views.frames import editions as edition_frames
from dashboard.views.frames import indices as index_frames
from dashboard.views.frames import labs as frames

ds = dataset()

st.title("Labs and companies")
filter_notice(
    ds, False, "this page (a lab's grades, scores and investment are for the lab as a whole)"
)  # says whether the sidebar filter applies here
st.markdown(
    "How independent indices grade the companies building frontier AI, what they spend on alignment, "
    "and what each has shown. Grades are letters as published; colours follow a grade-point scale."
)

# The indices as published today: each at its newest edition, then all of them side by side.
latest = index_frames.latest_editions(ds)
if latest:
    st.header("The indices as published, newest edition of each", anchor="indices")
    editions_now = index_frames.editions_table(ds)
    data_table(
        editions_now,
        key="index-editions",
        column_config={"Next edition": st.column_config.TextColumn(width="large")},
    )
    headings = {e.series or e.id: index_frames.edition_heading(e) for e in latest}
    series = st.selectbox(
        "Index",
        list(headings),
        format_func=lambda s: headings.get(s, s),
        key=INDEX_KEY,
        bind="query-params",
        width=560,
    )
    chart_block(ds, "labs", "latest", {INDEX_KEY: series or ""})
    chart_block(ds, "labs", "standing", {}, defer=True)
    st.divider()


def _grade_scale(scale) -> None:
    data_table(
        scale,
        height=36 * (len(scale) + 1) + 4,
        column_config={"GPA": st.column_config.NumberColumn(format="%.1f")},
        key="grade-scale",
    )
    st.caption(md_escape(ds.grades_meta.scale_note))


letter = frames.letter_index(ds)
scale = frames.scale_frame(ds)

sort = st.selectbox(
    "Order companies by",
    list(frames.SORTS),
    format_func=labelled(frames.SORTS),
    key=LAB_SORT_KEY,
    bind="query-params",
    width=360,
)

editions = edition_frames.published_editions(ds)
edition_id = None
if editions:
    edition_id = st.selectbox(
        "Edition of the index",
        [e.id for e in editions],
        index=len(editions) - 1,  # the latest published
        format_func=labelled({e.id: edition_frames.edition_label(e) for e in editions}),
        key=EDITION_KEY,
        bind="query-params",
        width=480,
    )
params = {LAB_SORT_KEY: sort or DEFAULT_LAB_SORT, EDITION_KEY: edition_id or ""}


if letter is None:
    st.info("This pack has no letter-grade index.")
else:
    grid, side = st.columns([3, 1], gap="large")
    with grid:
        edition = next((e for e in editions if e.id == edition_id), None)
        if edition is not None:
            st.header(f"The index as published: {md_escape(edition_frames.edition_label(edition))}", anchor=False)
            chart_block(ds, "labs", "edition", params, defer=True)
        if getattr(letter, "summary_of", None):
            st.header("The page's summary", anchor=False)
        chart_block(ds, "labs", "grades", params, defer=True)  # with the differences from the published edition
    with side:
        st.markdown("**Grade-point scale**")
        deferred_part("grade-scale", "the scale", lambda: _grade_scale(scale))
    chart_block(ds, "labs", "editions", {}, defer=True)

st.divider()

# One under the other: side by side, each chart's company names took most of a half-width column and
# left its bars a few pixels on a laptop.
if chart_block(ds, "labs", "scores", defer=True) is None:  # its notes say where the percentages differ
    st.info("This pack has no percentage index to compare with.")

st.divider()

if chart_block(ds, "labs", "investment", defer=True) is None:
    st.info("No investment figures in this pack.")

st.divider()

st.header("One lab in detail")  # h2 under the page title
lab_ids = [lab.id for lab in ds.labs]
lab_id = st.selectbox(
    "Lab",
    lab_ids,
    format_func=lambda i: ds.lab_by_id[i].name,
    key="lab",
    bind="query-params",
    width=360,
)


def _lab_tables(lab) -> None:
    results = memo(ds, ("lab-results", lab.id), lambda: frames.lab_results(ds, lab.id))
    if not results.empty:
        data_table(results, key="lab-results", column_config={"Year": st.column_config.NumberColumn(format="%d")})
    if lab.strengths:
        st.markdown("**Notable strengths (as the grade table words them):** " + md_escape("; ".join(lab.strengths)))
    grades = memo(ds, ("lab-grades", lab.id), lambda: frames.lab_grades(ds, lab.id))
    if not grades.empty:
        data_table(grades, key="lab-grades", column_config={"GPA": st.column_config.NumberColumn(format="%.1f")})
    else:
        st.caption("No index grades this lab.")


if lab_id:
    lab = ds.lab_by_id[lab_id]
    st.markdown(f"### {md_escape(lab.name)}")
    if lab.summary:
        st.write(md_escape(lab.summary))
    inv = memo(ds, "investment-frame", lambda: frames.investment_frame(ds))
    lab_inv = inv[inv["lab"] == lab_id] if not inv.empty else inv
    # Plain labelled text, not st.metric: metric values are cut to one line and these are phrases.
    for col, label, value in zip(
        st.container(key="lab-facts").columns(3),
        ("Key technique", "Deployment", "Investment"),
        (lab.key_technique, lab.deployment_status, lab_inv.iloc[0]["figure_text"] if not lab_inv.empty else None),
        strict=True,
    ):
        with col.container(border=True):
            st.caption(label)
            st.markdown(f"**{md_escape(value or 'not stated')}**")
    if lab.techniques:
        st.markdown(
            "**Techniques:** "
            + md_escape(", ".join(ds.technique_by_id[t].name for t in lab.techniques if t in ds.technique_by_id))
        )
    if lab.results_text:
        st.markdown("**Results:** " + md_escape(lab.results_text))
    deferred_part("lab-tables", "the lab's results and grades", lambda: _lab_tables(lab))
    lab_refs = memo(ds, ("lab-references", lab_id), lambda: frames.lab_references(ds, lab_id))
    show_sources(ds, lab_refs, key="lab-detail")
    st.caption(md_escape(reference_caption(ds, lab_refs)))

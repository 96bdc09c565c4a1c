"""Labs: safety grades, a second index's scores, investment, and each lab in detail."""

from __future__ import annotations

import streamlit as st

from dashboard.app import state as ui
from dashboard.app.notices import filter_notice
from dashboard.views.figures import labs as charts
from dashboard.views.frames import labs as frames

ds = ui.dataset()

st.title("Labs and companies")
filter_notice(
    ds, False, "this page (a lab's grades, scores and investment are for the lab as a whole)"
)  # says whether the sidebar filter applies here
st.markdown(
    "How independent indices grade the companies building frontier AI, what they spend on alignment, "
    "and what each has shown. Grades are letters as published; colours follow a grade-point scale."
)

letter = frames.letter_index(ds)
percent = frames.percent_index(ds)
scale = frames.scale_frame(ds)

sort = st.selectbox(
    "Order companies by",
    list(frames.SORTS),
    format_func=frames.SORTS.get,
    key="lab_sort",
    bind="query-params",
    width=360,
)

if letter is None:
    st.info("This pack has no letter-grade index.")
    matrix = None
else:
    matrix = ui.memo(
        ds, ("grade-matrix", letter.id, sort or "grade"), lambda: frames.grade_matrix(ds, letter, sort or "grade")
    )
    grid, side = st.columns([3, 1], gap="large")
    with grid:
        grades_key = (letter.id, sort or "grade")
        ui.chart_block(
            ui.memo(ds, ("grade-heatmap", *grades_key), lambda: charts.grade_heatmap(matrix, scale)),
            ui.memo(ds, ("grade-table", *grades_key), lambda: frames.grade_table(matrix, letter)),
            takeaway=frames.grades_takeaway(matrix, letter),
            references=letter.references,
            alt=ui.memo(ds, ("grades-alt", *grades_key), lambda: frames.grades_alt(matrix)),
            key="grades",
            ds=ds,
            memo_key=grades_key,
        )
        st.caption(ui.md_escape(letter.description))
    with side:
        st.markdown("**Grade-point scale**")
        ui.data_table(
            scale,
            height=36 * (len(scale) + 1) + 4,
            column_config={"GPA": st.column_config.NumberColumn(format="%.1f")},
            key="grade-scale",
        )
        st.caption(ui.md_escape(ds.grades_meta.scale_note))

st.divider()

left, right = st.columns(2, gap="large")

with left:
    if percent is None or matrix is None:
        st.info("This pack has no percentage index to compare with.")
    else:
        scores = frames.scores_frame(ds, percent)
        pairs = frames.ordering_disagreements(scores, matrix, letter)
        note = frames.disagreement_text(pairs, percent, letter)
        shown = frames.scores_with_letters(scores, matrix, letter)
        ui.chart_block(
            ui.memo(ds, ("scores-bar", percent.id), lambda: charts.scores_bar(shown, index_name=percent.name)),
            frames.scores_table(shown, letter),
            takeaway=frames.scores_takeaway(pairs, percent),
            references=percent.references,
            alt=frames.scores_alt(shown, percent, note),
            key="scores",
            ds=ds,
        )
        st.caption(ui.md_escape(note))

with right:
    inv = ui.memo(ds, "investment-frame", lambda: frames.investment_frame(ds))
    if inv.empty:
        st.info("No investment figures in this pack.")
    else:
        ui.chart_block(
            ui.memo(ds, "investment-figure", lambda: charts.investment_bar(inv)),
            ui.memo(ds, "investment-table", lambda: frames.investment_table(inv)),
            takeaway=frames.investment_takeaway(inv),
            references=frames.investment_references(inv),
            alt=frames.investment_alt(inv),
            key="investment",
            ds=ds,
            memo_key="investment",
            column_config={
                "Low (USD)": st.column_config.NumberColumn(format="dollar"),
                "High (USD)": st.column_config.NumberColumn(format="dollar"),
            },
        )
        st.caption(
            "“est.” marks a figure its source gives as an estimate. Hatched bars are sums raised once, not yearly spending."
        )

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
if lab_id:
    lab = ds.lab_by_id[lab_id]
    st.markdown(f"### {ui.md_escape(lab.name)}")
    if lab.summary:
        st.write(ui.md_escape(lab.summary))
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
            st.markdown(f"**{ui.md_escape(value or 'not stated')}**")
    if lab.techniques:
        st.markdown(
            "**Techniques:** "
            + ui.md_escape(", ".join(ds.technique_by_id[t].name for t in lab.techniques if t in ds.technique_by_id))
        )
    if lab.results_text:
        st.markdown("**Results:** " + ui.md_escape(lab.results_text))
    results = frames.lab_results(ds, lab_id)
    if not results.empty:
        ui.data_table(results, key="lab-results", column_config={"Year": st.column_config.NumberColumn(format="%d")})
    if lab.strengths:
        st.markdown("**Notable strengths (as the grade table words them):** " + ui.md_escape("; ".join(lab.strengths)))
    grades = frames.lab_grades(ds, lab_id)
    if not grades.empty:
        ui.data_table(grades, key="lab-grades", column_config={"GPA": st.column_config.NumberColumn(format="%.1f")})
    else:
        st.caption("No index grades this lab.")
    ui.show_sources(ds, frames.lab_references(ds, lab_id), key="lab-detail")
    st.caption(ui.md_escape(ui.reference_caption(ds, frames.lab_references(ds, lab_id))))

"""Techniques: filter, sort and compare the alignment techniques, with every figure's source."""

from __future__ import annotations

import streamlit as st

from dashboard.app.chart_block import chart_block
from dashboard.app.downloads import download
from dashboard.app.filters import filter_is_active, labelled, selected_techniques
from dashboard.app.memo import memo, reference_caption
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.app.tables import data_table
from dashboard.exports.bundle import safe_csv
from dashboard.pack.textsafe import md_escape
from dashboard.views.catalogue import COMPARE_KEY
from dashboard.views.frames import techniques as frames

ds = dataset()
chosen = selected_techniques(ds)

st.title("Techniques explorer")
filter_notice(ds, True, "the table and the comparison")  # says whether the sidebar filter applies here
st.markdown(
    "Every alignment technique in the data, with its maturity, effectiveness estimate, the risks it "
    "addresses and the labs working on it. Filter, sort by any column, then pick two to four to compare."
)

options = memo(ds, "technique-filter-options", lambda: frames.filter_options(ds))
with st.container(border=True):
    c1, c2, c3 = st.columns(3)
    category = c1.multiselect(
        "Category",
        list(options["category"]),
        format_func=labelled(options["category"]),
        key="t_category",
        bind="query-params",
        placeholder="Any",
    )
    principle = c2.multiselect(
        "RICE principle",
        list(options["principle"]),
        format_func=labelled(options["principle"]),
        key="t_principle",
        bind="query-params",
        placeholder="Any",
    )
    maturity = c3.multiselect(
        "Maturity",
        list(options["maturity"]),
        format_func=labelled(options["maturity"]),
        key="t_maturity",
        bind="query-params",
        placeholder="Any",
    )
    c4, c5, c6 = st.columns(3)
    risk = c4.multiselect(
        "Risk addressed",
        list(options["risk"]),
        format_func=labelled(options["risk"]),
        key="t_risk",
        bind="query-params",
        placeholder="Any",
    )
    lab = c5.multiselect(
        "Lab",
        list(options["lab"]),
        format_func=labelled(options["lab"]),
        key="t_lab",
        bind="query-params",
        placeholder="Any",
    )
    query = c6.text_input(
        "Search",
        key="q",
        bind="query-params",
        placeholder="e.g. jailbreak, debate, features",
        help="Searches names, summaries, mechanisms, limitations, risks and labs.",
    )
    ai_only = st.toggle("Only the six AI-assisted techniques", key="t_ai", bind="query-params")

frame = memo(ds, ("techniques-frame", tuple(chosen)), lambda: frames.techniques_frame(ds, chosen))
# Everything the table below depends on besides the pack.
tkey = (
    tuple(chosen),
    tuple(category),
    tuple(principle),
    tuple(maturity),
    tuple(risk),
    tuple(lab),
    query or "",
    bool(ai_only),
)
shown = memo(
    ds,
    ("techniques-shown", tkey),
    lambda: frames.apply_filters(
        frame,
        category=category,
        principle=principle,
        maturity=maturity,
        risk=risk,
        lab=lab,
        query=query or "",
        ai_assisted_only=bool(ai_only),
    ),
)

note = f"{len(shown)} of {len(ds.techniques)} techniques"
if filter_is_active(ds):
    note += " (the sidebar technique filter applies)"
st.caption(note)

if shown.empty:
    st.info("No technique matches these filters. Remove a filter or clear the search.")
else:
    table = memo(ds, ("techniques-table", tkey), lambda: frames.explorer_table(shown))
    # Key columns first and only those until the reader widens the table (16 columns scrolled sideways).
    wide = st.toggle(f"Show all {len(table.columns)} columns", key="techniques-wide", bind="query-params")
    key_columns = ["Technique", "Current", "Superhuman", "Confidence", "Maturity", "AI-assisted"]
    data_table(
        table,
        key="techniques-table",
        column_order=None if wide else [c for c in key_columns if c in table.columns],
        column_config={
            "Technique": st.column_config.TextColumn(pinned=True, width="medium"),
            "AI-assisted": st.column_config.CheckboxColumn(width="small"),
            "Current (midpoint %)": st.column_config.ProgressColumn(
                min_value=0,
                max_value=100,
                format="%.0f%%",
                help="Midpoint of the current effectiveness range; empty where there is no estimate.",
            ),
            "Superhuman (midpoint %)": st.column_config.ProgressColumn(
                min_value=0,
                max_value=100,
                format="%.0f%%",
                help="Midpoint of the superhuman estimate; empty where unknown (never zero).",
            ),
            "Risks addressed": st.column_config.ListColumn(),
            "Labs": st.column_config.ListColumn(),
            "Sources": st.column_config.ListColumn(),
            "Figures": st.column_config.NumberColumn(help="Quantified claims about this technique in the data"),
            "Source link": st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/]+)"),
        },
    )
    download(
        "Download CSV",
        memo(ds, ("techniques-csv", tkey), lambda: safe_csv(frames.explorer_csv(shown))),
        file_name="techniques.csv",
        mime="text/csv",
        key="techniques-csv",
        icon=":material/download:",
        width="content",
    )
    refs = [r for rs in shown["references"] for r in rs]
    st.caption(md_escape(reference_caption(ds, refs)))

st.divider()
st.header("Compare side by side")  # h2 under the page title
names = {t.id: t.name for t in ds.techniques}
compare = st.multiselect(
    "Choose two to four techniques",
    [t.id for t in ds.techniques],
    format_func=lambda i: names.get(i, i),
    max_selections=4,
    key=COMPARE_KEY,
    bind="query-params",
    placeholder="Pick techniques to compare",
)
if len(compare) < 2:
    st.caption("Pick at least two techniques.")
else:
    data_table(
        frames.compare_frame(ds, compare),
        key="compare-table",
        column_config={"Field": st.column_config.TextColumn(pinned=True)},
    )
    chart_block(ds, "techniques", "compare-effectiveness", {COMPARE_KEY: compare})
    st.markdown("**Every figure about each technique**")
    cols = st.columns(len(compare))
    for col, tid in zip(cols, compare):
        with col:
            st.markdown(f"**{md_escape(names.get(tid, tid))}**")
            claims = frames.technique_claims(ds, tid)
            if claims.empty:
                st.caption("No quantified figures in the data.")
            else:
                data_table(
                    claims[["Figure", "Measures", "Year", "Sources"]],
                    key=f"claims-{tid}",
                    column_config={"Year": st.column_config.NumberColumn(format="%d")},
                )
                figures_csv = safe_csv(claims)
                download(
                    "Download CSV",
                    figures_csv,
                    file_name=f"{tid}-figures.csv",
                    mime="text/csv",
                    key=f"claims-{tid}-csv",
                    icon=":material/download:",
                    width="content",
                    help="Every figure about this technique with its measure, year, sources and estimate flag.",
                )
    st.caption(md_escape(reference_caption(ds, frames.compare_references(ds, compare))))

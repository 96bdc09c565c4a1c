"""Approaches and outlook: AI-assisted alignment against its alternatives, scalability, experts, timeline."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.app.chart_block import chart_block
from dashboard.app.deferred import deferred_part
from dashboard.app.filters import selected_techniques
from dashboard.app.memo import memo, reference_caption
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.app.paging import page_slice
from dashboard.app.tables import data_table, headers
from dashboard.pack import vocab
from dashboard.pack.textsafe import md_escape as esc
from dashboard.views.frames import approaches as frames

ds = dataset()
chosen = selected_techniques(ds)

st.title("Approaches and outlook")
filter_notice(ds, True, "the comparison and the oversight approaches")  # says whether the sidebar filter applies here
st.markdown(
    "How AI-assisted alignment compares with its alternatives, how likely the texts think the hardest "
    "scaling problems are to be solved, what experts expect, and where the texts say the approach falls short."
)

MAX_HORIZON_COLUMNS = 4  # periods of the timeline shown side by side; more are a table

SECTIONS = [
    ("comparison", "Compared with alternatives"),
    ("scalability", "Scalability concerns"),
    ("gap", "Capability-safety gap"),
    ("oversight", "Oversight and control"),
    ("levels", "Levels of automation"),
    ("experts", "Expert survey and views"),
    ("timeline", "Timeline"),
    ("limitations", "Limitations"),
]
st.markdown(" · ".join(f"[{label}](#{anchor})" for anchor, label in SECTIONS))


# The tables below the first screen, drawn when the reader comes near them (app.deferred).
def _gap_table(gap) -> None:
    data_table(memo(ds, "gap-table", partial(frames.assessment_frame, gap)), key="gap-table")
    st.caption(esc(reference_caption(ds, gap.references)))


def _oversight_table(over) -> None:
    data_table(over, key="oversight-table", column_config=headers(over))
    st.caption(esc(reference_caption(ds, frames.outlook_references(ds, "oversight"))))


def _survey_table(survey) -> None:
    data_table(
        survey.drop(columns=["figures"]),
        key="survey-table",
        column_config=headers(survey, {"median": st.column_config.TextColumn("Median response")}),
    )
    st.caption(esc(reference_caption(ds, frames.outlook_references(ds, "expert_survey"))))


# --------------------------------------------------------------------------
st.header("AI-assisted alignment and its alternatives", anchor="comparison")
key = tuple(chosen)
comparison = memo(ds, ("comparison", key), lambda: frames.comparison_frame(ds, chosen))
if comparison.empty:
    st.info("No approach involves the techniques chosen in the sidebar.")
else:
    data_table(
        comparison.drop(columns=["id"]),
        key="comparison-table",
        column_config=headers(
            comparison,
            {
                "approach": st.column_config.TextColumn("Approach", pinned=True),
                "strengths": st.column_config.TextColumn("Strengths", width="medium"),
                "weaknesses": st.column_config.TextColumn("Weaknesses", width="medium"),
                "when to prefer": st.column_config.TextColumn("When to prefer", width="medium"),
            },
        ),
    )
    st.caption(esc(reference_caption(ds, [r for a in ds.approaches for r in a.references])))
    st.caption('The Cruxes page reads these "when to prefer" conditions against your own credences.')

# --------------------------------------------------------------------------
st.header("Scalability concerns", anchor="scalability")
if chart_block(ds, "approaches", "scalability", defer=True) is None:
    st.info("This pack has no scalability concerns.")

# --------------------------------------------------------------------------
st.header("Capability-safety gap", anchor="gap")
gap = frames.assessment(ds, "capability-safety-gap")
if gap is None:
    st.info("This pack has no capability-safety gap table.")
else:
    st.markdown(f"**{esc(gap.title)}**")
    deferred_part("gap-table", "the table", lambda: _gap_table(gap))

# --------------------------------------------------------------------------
st.header("Oversight and control", anchor="oversight")
over = memo(ds, ("oversight", key), lambda: frames.oversight_frame(ds, chosen))
if over.empty:
    st.info("No oversight approach involves the techniques chosen in the sidebar.")
else:
    deferred_part("oversight-table", "the table", lambda: _oversight_table(over))

# --------------------------------------------------------------------------
st.header("Four levels of automating alignment research", anchor="levels")
levels = memo(ds, "levels", lambda: frames.levels_frame(ds))
cols = st.columns(4)
for col, (_, lv) in zip(cols, levels.iterrows(), strict=False):
    with col, st.container(border=True, key=f"level-{lv['level']}"):
        named = lv["name"] not in (vocab.MISSING, f"Level {lv['level']}")
        st.markdown(f"**Level {lv['level']}{': ' + esc(lv['name']) if named else ''}**")
        if lv["described"]:
            st.markdown(esc(lv["description"]))
            if lv["examples"]:
                st.caption(esc("Examples: " + lv["examples"]))
        else:
            st.markdown(f"*{esc(frames.NOT_DESCRIBED)}.*")
            rest = lv["description"].removeprefix(frames.NOT_DESCRIBED + ".").strip()
            if rest:
                st.caption(esc(rest))
if not ds.outlook.automation_levels:
    st.caption("This pack does not describe the levels.")
else:
    st.caption(esc(reference_caption(ds, frames.outlook_references(ds, "automation_levels"))))

# --------------------------------------------------------------------------
st.header("What experts expect", anchor="experts")
survey = memo(ds, "survey", lambda: frames.survey_frame(ds))
if not survey.empty:
    st.subheader("Expert survey")
    deferred_part("survey-table", "the survey", lambda: _survey_table(survey))

views = memo(ds, "expert-views", lambda: frames.expert_views_frame(ds))
if not views.empty:
    st.subheader("Named experts, optimistic and pessimistic")
    views = views.iloc[page_slice(len(views), "experts-page", "experts")]  # a big pack's views, a page at a time
    groups = [g for g in frames.GROUPS if (views["group"] == g).any()]
    for col, group in zip(st.columns(len(groups)), groups, strict=True):
        with col:
            st.markdown(f"#### {frames.GROUP_LABELS[group]}")
            for _, v in views[views["group"] == group].iterrows():
                with st.container(border=True):
                    who = v["person"] + (f" ({v['affiliation']})" if v["affiliation"] else "")
                    st.markdown(f"**{esc(who)}**")
                    st.markdown(esc(v["view"]))
                    if v["quote"]:
                        st.markdown("> " + esc(v["quote"]))
                    if v["figures"]:
                        st.caption(esc("Figures: " + v["figures"]))
                    st.caption(esc("Source: " + v["sources"]))

# --------------------------------------------------------------------------
st.header("Timeline", anchor="timeline")
phases = memo(ds, "phases", lambda: frames.phases_frame(ds))
horizons = list(dict.fromkeys(zip(phases["horizon"], phases["years"], strict=True)))
if 0 < len(horizons) <= MAX_HORIZON_COLUMNS:
    for col, (horizon, years) in zip(st.columns(len(horizons)), horizons, strict=True):
        with col, st.container(border=True):
            st.markdown(f"**{esc(horizon)}** ({esc(years)})")
            items = phases[(phases["horizon"] == horizon)]["what the text expects"]
            st.markdown("\n".join(f"- {esc(i)}" for i in items))
elif horizons:  # more periods than columns can hold side by side: one row per expectation, sortable
    by_period = phases.drop(columns=["phase"])
    data_table(by_period, key="phases-table", column_config=headers(by_period))
chart_block(ds, "approaches", "events", defer=True)

# --------------------------------------------------------------------------
st.header("Limitations", anchor="limitations")
lims = memo(ds, "limitations", lambda: frames.limitations_frame(ds))
if lims.empty:
    st.info("This pack lists no limitations.")
else:
    for _, row in lims.iloc[page_slice(len(lims), "limitations-page", "limitations")].iterrows():
        line = f"- **{esc(row['limitation'])}**: {esc(row['why it matters'])}"
        if row["figures"]:
            line += f"  \n  Figures: {esc(row['figures'])}"
        st.markdown(line)
    st.caption(esc(reference_caption(ds, frames.outlook_references(ds, "limitations"))))

"""Cruxes: the questions the case for AI-assisted alignment turns on, and what the reader's answers imply."""

from __future__ import annotations

import streamlit as st

from dashboard import beliefs as b
from dashboard import ui
from dashboard.charts import cruxes as charts
from dashboard.frames import cruxes as frames

esc = ui.md_escape


def headers(frame, extra: dict | None = None) -> dict:
    """Column labels in sentence case, plus any specific column settings."""
    config = {c: st.column_config.Column(c[:1].upper() + c[1:]) for c in frame.columns}
    config.update(extra or {})
    return config

ds = ui.dataset()
chosen = ui.selected_techniques(ds)

st.title("Cruxes: where you stand, and what follows")
st.markdown(
    "The case for using today's AI to align tomorrow's turns on a few questions. Each card gives a "
    "question, the positions the sources take, and the evidence they cite for and against each, with "
    "its references and figures. Set your own credence on each crux with its slider; the section "
    "below the cards shows what follows from your answers, and which answers drove each conclusion."
)

ai_cruxes = [c for c in ds.cruxes if c.kind == "ai-assisted"]
credences: dict[str, int] = {}


def _evidence_line(row) -> str:
    parts = [esc(row["evidence"])]
    if row["claims"]:
        parts.append(f"Figures: {esc(row['claims'])}")
    if row["references"]:
        parts.append(f"Sources: {esc(row['references'])}")
    else:
        parts.append("Sources: none given")
    return "- " + "  \n  ".join(parts)


for crux in ai_cruxes:
    evidence = frames.evidence_frame(ds, crux.id)
    with st.container(border=True, key=f"card-{crux.id}"):
        st.subheader(esc(crux.title), anchor=crux.id)
        st.markdown(f"**{esc(crux.question)}**")
        st.markdown(esc(crux.summary))
        if crux.positions:
            cols = st.columns(len(crux.positions))
            for col, pos in zip(cols, crux.positions, strict=True):
                with col:
                    st.markdown(f"#### {esc(pos.label)}")
                    st.markdown(esc(pos.summary))
                    for stance, heading in (("for", "Evidence for"), ("against", "Evidence against")):
                        rows = evidence[(evidence["position"] == pos.label) & (evidence["stance"] == stance)]
                        if rows.empty:
                            continue
                        st.markdown(f"**{heading}**")
                        st.markdown("\n".join(_evidence_line(r) for _, r in rows.iterrows()))
        related = [ds.technique_by_id[t].name for t in crux.related_techniques if t in ds.technique_by_id]
        if related:
            st.caption(esc("Related techniques: " + ", ".join(related)))
        st.caption(esc(ui.reference_caption(ds, crux.references)))
        if crux.credence_question and crux.low_position and crux.high_position:
            low = b.position_label(crux, "low")
            high = b.position_label(crux, "high")
            value = st.slider(
                esc(crux.credence_question),
                min_value=0,
                max_value=100,
                value=b.DEFAULT_CREDENCE,
                step=1,
                key=b.slider_key(crux.id),
                bind="query-params",
                help=esc(f"0 = fully \"{low}\"; 100 = fully \"{high}\"; 40-60 counts as undecided."),
            )
            credences[crux.id] = b.clamp_credence(value)
            st.caption(esc(f"0 = {low} · 100 = {high}. {b.describe_credence(crux, value)}."))

if not ai_cruxes:
    st.info("This pack has no AI-assisted cruxes.")

# --------------------------------------------------------------------------
# What follows
# --------------------------------------------------------------------------

if credences:
    st.header("What follows from your credences", anchor="what-follows")
    st.info(
        "This is the dashboard's reading of the texts, not the texts' own claim. A credence above 60 counts "
        "as holding the high position, below 40 the low one; 40-60 is undecided. A belief or approach tied to "
        "cruxes counts as yours when at least one of its cruxes is on its side and none is on the other.",
        icon=":material/info:",
    )
    statuses = b.evaluate_beliefs(ds, credences)
    verdict = b.verdict(statuses)
    with st.container(border=True, key="recommendation"):
        st.markdown(f"### Who should work on this? {esc(verdict.label)}")
        st.markdown(esc(frames.recommendation_text(ds, credences)))

    MARKS = {"holds": "✔ You hold this", "rejected": "✘ You reject this", "split": "↔ Pulled both ways",
             "open": "○ Undecided", "unlinked": "· Not tied to a crux"}
    left, right = st.columns(2, gap="large")
    for col, fit, heading in (
        (left, "good-fit", "Good fit if you believe"),
        (right, "less-relevant", "Less relevant if you believe"),
    ):
        with col:
            st.markdown(f"**{heading}** (the text's list)")
            lines = []
            for item in statuses:
                if item.belief.fit != fit:
                    continue
                why = "; ".join(f"{d.crux_title} at {d.credence}" for d in item.drivers) or "no crux to read it from"
                lines.append(f"- **{MARKS[item.status]}:** {esc(item.belief.text)}  \n  driven by: {esc(why)}")
            st.markdown("\n".join(lines) if lines else "None listed.")

    st.markdown("**The approaches the text compares, read against your credences**")
    st.dataframe(
        frames.approaches_reading_frame(ds, credences).drop(columns=["status", "id"]),
        hide_index=True,
        width="stretch",
        key="approaches-reading-table",
        column_config={
            "approach": st.column_config.TextColumn("Approach"),
            "your reading": st.column_config.TextColumn("Your reading"),
            "when to prefer (the text)": st.column_config.TextColumn("When to prefer (the text)", width="medium"),
            "driven by": st.column_config.TextColumn("Driven by", width="large"),
        },
    )
    with st.expander(
        "The beliefs as a table (to copy or download)", icon=":material/table:", key="beliefs-open", bind="query-params"
    ):
        beliefs_table = frames.beliefs_frame(ds, credences).drop(columns=["status", "id"])
        st.dataframe(
            beliefs_table, hide_index=True, width="stretch", key="beliefs-table", column_config=headers(beliefs_table)
        )

    stance = b.stance(ds, credences)
    takeaway = frames.stance_takeaway(stance)
    ends = frames.stance_ends(stance)
    alt = frames.stance_alt(stance)
    refs = frames.stance_references(ds, stance)
    ui.chart_block(
        charts.stance_figure(stance, title=takeaway),
        frames.stance_frame(stance),
        takeaway=takeaway,
        references=refs,
        alt=alt,
        key="stance",
        ds=ds,
        column_config=headers(frames.stance_frame(stance)),
    )
    st.caption(
        esc(
            "How the position is worked out: each crux's credence is turned so that 100 is the side the "
            "texts tie to AI-assisted alignment working (the side its \"good fit\" beliefs need), then the "
            "turned credences are averaged. The two ends carry the evaluation summary's ratings "
            + ("(" + "; ".join(ends) + ")." if ends else "(not in this pack).")
        )
    )

# --------------------------------------------------------------------------
# Technical cruxes and strategic questions
# --------------------------------------------------------------------------

others = frames.other_cruxes_frame(ds, chosen)
st.header("Technical cruxes and strategic questions", anchor="other-cruxes")
st.markdown(
    "Open questions the wider alignment field names, with the techniques each concerns. "
    "The sidebar's technique filter narrows this list; questions tied to no technique always show."
)
if others.empty:
    st.info("No technical cruxes or strategic questions concern the techniques chosen in the sidebar.")
else:
    for kind, heading in (("Technical crux", "Technical cruxes"), ("Strategic question", "Strategic questions")):
        part = others[others["kind"] == kind]
        if part.empty:
            continue
        st.subheader(heading)
        st.dataframe(
            part.drop(columns=["kind", "id"]),
            hide_index=True,
            width="stretch",
            key=f"others-{'technical' if kind.startswith('Technical') else 'strategic'}",
            column_config={
                "crux": st.column_config.TextColumn("Question", width="medium"),
                "question": st.column_config.TextColumn("In full", width="large"),
                "summary": st.column_config.TextColumn("Why it matters", width="large"),
                "related techniques": st.column_config.TextColumn("Related techniques"),
                "references": st.column_config.TextColumn("Sources"),
            },
        )
